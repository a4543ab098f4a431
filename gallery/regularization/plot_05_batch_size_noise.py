r"""
批统计量的噪声与批大小
======================

训练时，BN 用当前小批量的均值 :math:`\mu_\mathcal B` 和方差 :math:`\sigma^2_\mathcal B` 来标准化。
它们只是整个训练集统计量的估计，小批量是随机抽的，估计值也就随批次抖动；
于是同一个样本被分到不同的批里，标准化后的值也不一样。这就是 BN 噪声的来源。
本例测量这份噪声怎样随批大小 :math:`B` 变化。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import NullFormatter, NullLocator

from dlnotes.normalization import batch_norm
from dlnotes.plotting import INK, INK_SOFT, color, figsize, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 一个特征、许多随机批
# --------------------
#
# 设某个通道在整个训练集上的取值有 :math:`N = 20\,000` 个，服从偏斜的对数正态分布。
# 对每个批大小 :math:`B` 做两组实验，每组 :math:`R = 4000` 个批，批内样本从训练集中随机抽取
# （:math:`B \ll N`，放回与否没有区别）：
#
# * 普通的随机批，用来测量批均值 :math:`\mu_\mathcal B` 和批方差 :math:`\sigma^2_\mathcal B` 的抖动；
# * 每个批都包含同一个固定样本 :math:`x_0`，其余 :math:`B-1` 个随机，用来看 :math:`x_0` 被标准化成什么。
#
# 把 :math:`R` 个批并排成一个 :math:`(B, R)` 的数组交给 :func:`~dlnotes.normalization.batch_norm`：
# 它按列（通道）分别标准化，所以一次调用就处理完所有批；把动量设为 1，
# ``running_mean`` 与 ``running_var`` 里存下的就是每个批的均值和（无偏的）批方差。

rng = np.random.default_rng(0)
N, R = 20_000, 4000
data = rng.lognormal(mean=0.0, sigma=0.5, size=N)  # one channel over the training set
mu, sigma2 = data.mean(), data.var()
fourth = np.mean((data - mu) ** 4)  # 4th central moment, for the spread of the variance
x0 = float(np.quantile(data, 0.9))  # the tracked sample: a fairly large value
x0_exact = (x0 - mu) / np.sqrt(sigma2)  # its value normalised with the full-data statistics

batch_sizes = np.array([2, 4, 8, 16, 32, 64, 128, 256])
sd_batch_mean, sd_batch_var, xhat0 = {}, {}, {}  # results: B -> measured spread / values
for B in batch_sizes:
    B = int(B)
    # (1) plain random batches: the spread of the batch statistics
    batches = data[rng.integers(0, N, size=(B, R))]  # (B, R): column r = batch r
    running_mean, running_var = np.zeros(R), np.zeros(R)
    batch_norm(batches, running_mean, running_var, training=True, momentum=1.0)
    sd_batch_mean[B] = float(running_mean.std())
    sd_batch_var[B] = float((running_var * (B - 1) / B).std())  # of the biased sigma_B^2
    # (2) batches that all contain x0: what x0 becomes after normalisation
    mates = data[rng.integers(0, N, size=(B - 1, R))]
    out = batch_norm(np.vstack([np.full((1, R), x0), mates]), None, None, training=True)
    xhat0[B] = out[0]


def sd_mean_theory(B):
    """Standard deviation of the mean of B i.i.d. draws."""
    return np.sqrt(sigma2 / B)


def sd_var_theory(B):
    """Standard deviation of the biased sample variance of B i.i.d. draws (exact)."""
    var_unbiased = fourth / B - sigma2**2 * (B - 3) / (B * (B - 1))
    return (B - 1) / B * np.sqrt(var_unbiased)


print(f"full-data mean {mu:.4f}, variance {sigma2:.4f}; x0 = {x0:.4f}, "
      f"normalised with the full-data statistics: {x0_exact:.4f}")
for B in batch_sizes:
    B = int(B)
    print(f"B = {B:3d}: sd of mu_B {sd_batch_mean[B]:.4f}, sd of sigma_B^2 {sd_batch_var[B]:.4f}, "
          f"x0 normalised: mean {xhat0[B].mean():+.3f}, sd {xhat0[B].std():.3f}")

# %%
# 噪声随批大小下降
# ----------------
#
# 左图：批均值与批方差在不同批之间的标准差（点），以及独立同分布抽样的理论值（虚线）：
# :math:`\operatorname{sd}(\mu_\mathcal B) = \sigma/\sqrt B`，批方差的标准差由四阶中心矩
# :math:`\mu_4` 算出，:math:`B` 大时约为 :math:`\sqrt{(\mu_4 - \sigma^4)/B}`。
# 右图：同一个样本 :math:`x_0` 在不同批里被标准化成的值，每个批大小画一个左右对称的直方图（宽度正比于批数，
# 是真实的计数，不做平滑，所以 :math:`B = 2` 时只有两根横条）；黑线是用全体数据的统计量标准化的结果，
# 灰色虚线是批内标准化值的上限 :math:`\sqrt{B-1}`。

fig, (ax_s, ax_x) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.92))
# sphinx_gallery_start_ignore
describe(fig, "左：双对数坐标下批均值（蓝）与批方差（橙红）在随机批之间的标准差随批大小 B 变化，测量点落在理论虚线上，都按 1/√B 下降；右：同一样本 x₀ 在 4000 个随机批中标准化后的取值，每个批大小一个左右对称的直方图（宽度正比于落在该区间的批数）：B = 2 时只有 −1 和 +1 两个值，B 小时分布宽且被上限 √(B−1) 截住，B 越大越紧贴用全体统计量得到的黑线。")
# sphinx_gallery_end_ignore
Bs = batch_sizes.astype(float)
mean_color, var_color = color("mean"), color("second")
ax_s.loglog(Bs, [sd_batch_mean[int(B)] for B in batch_sizes], "o", color=mean_color,
            label=r"$\mu_\mathcal{B}$ 的标准差")
ax_s.loglog(Bs, sd_mean_theory(Bs), "--", color=mean_color, linewidth=1.5,
            label=r"理论值 $\sigma/\sqrt{B}$")
ax_s.loglog(Bs, [sd_batch_var[int(B)] for B in batch_sizes], "s", color=var_color,
            label=r"$\sigma^2_\mathcal{B}$ 的标准差")
ax_s.loglog(Bs, sd_var_theory(Bs), "--", color=var_color, linewidth=1.5,
            label=r"理论值（由 $\mu_4$ 算出）")
ax_s.set_xticks(Bs, [str(int(B)) for B in batch_sizes])
ax_s.xaxis.set_minor_locator(NullLocator())
ax_s.set_yticks([0.04, 0.1, 0.2, 0.4], ["0.04", "0.1", "0.2", "0.4"])
ax_s.yaxis.set_minor_formatter(NullFormatter())
ax_s.set_xlabel("批大小 B")
ax_s.set_ylabel("在随机批之间的标准差")
ax_s.set_title("批统计量的噪声", loc="left")
ax_s.legend(loc="lower left")

shown = [2, 4, 16, 64, 256]
shown_colors = dict(zip(shown, sequential(len(shown))))  # B is ordered: dark = small batch
edges = np.linspace(-1.6, 4.2, 59)  # bins of 0.1
for i, B in enumerate(shown):
    counts, _ = np.histogram(xhat0[B], bins=edges)
    half = 0.42 * counts / counts.max()  # a mirrored histogram: width ~ number of batches per bin
    ax_x.fill_betweenx(np.repeat(edges, 2)[1:-1], i - np.repeat(half, 2), i + np.repeat(half, 2),
                       color=shown_colors[B], linewidth=0)
ax_x.axhline(x0_exact, color=INK, linewidth=1.5, label="用全体数据的统计量标准化")
for i, B in enumerate(shown):
    if np.sqrt(B - 1) < 4.0:  # the larger bounds are far above the plotted range
        ax_x.hlines(np.sqrt(B - 1), i - 0.45, i + 0.45, colors=INK_SOFT, linestyles="--",
                    label=r"上限 $\sqrt{B-1}$" if i == 0 else None)
ax_x.set_xticks(np.arange(len(shown)), [f"B = {B}" for B in shown])
ax_x.set_ylabel(r"批内标准化后的 $\hat x_0$")
ax_x.set_title(r"同一个样本 $x_0$ 在不同的随机批里", loc="left")
ax_x.set_ylim(-1.6, 4.2)
ax_x.grid(axis="x", visible=False)
ax_x.legend(loc="lower right")
plt.show()

# %%
# 两种统计量的抖动都按 :math:`1/\sqrt{B}` 缩小：批大小翻 4 倍，噪声减半。
# 右图中 :math:`B = 2` 是极端情形：两个数标准化后只能是 :math:`\pm 1`\ （略去 :math:`\varepsilon` 的影响），
# 样本自身的取值几乎完全丢失。一般地，批内标准化后的值不会超过 :math:`\sqrt{B-1}`
# （一个样本离其余样本再远，也会把批均值和批方差一起拉大），所以小批量里 :math:`x_0` 的值
# 既被这个上限截住，又在不同批之间大幅摆动；到 :math:`B = 256`，它已经紧紧围绕全体统计量给出的值。
# BN 的正则化噪声就来自“每个样本被分到哪个随机批”，批越小噪声越大；推理时用的滑动平均是固定的数，
# 不带来任何噪声。批太小（例如每张卡只有 2～4 个样本）时，这份噪声就从正则化变成了干扰，
# 训练与推理的行为也差得更远。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: batch_sizes,
# sd_batch_mean, sd_batch_var, xhat0, x0_exact, mu, sigma2, fourth, N.
# sphinx_gallery_end_ignore
