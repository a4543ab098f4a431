r"""
欠拟合与过拟合：多项式次数与 U 形曲线
=====================================

用不同次数的多项式拟合同一组带噪声的数据。次数太低，模型连训练数据的大致形状都抓不住（欠拟合，高偏差）；
次数太高，模型把训练数据里的噪声也记了下来，在新数据上反而更差（过拟合，高方差）。
训练误差随次数单调下降，验证误差先降后升，画出来是一条 U 形曲线。
"""

import matplotlib.pyplot as plt
import numpy as np
from numpy.polynomial import Polynomial

from dlnotes.plotting import GREY, INK_SOFT, PALETTE, color, figsize, num, readable, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 数据
# ----
#
# 真实函数 :math:`f(x) = \sin(2\pi x)`，:math:`x \in [0, 1]`，观测噪声 :math:`\varepsilon \sim \mathcal N(0, 0.3^2)`。
# 训练集只有 20 个点，:math:`x` 在 :math:`[0, 1]` 上等距排列；验证集的 1000 个点均匀随机抽取。
# 多项式用最小二乘拟合
# （``numpy.polynomial.Polynomial.fit`` 会先把 :math:`x` 映射到 :math:`[-1, 1]`，数值上更稳定）。

noise_sd, n_train, n_val = 0.3, 20, 1000
degrees = np.arange(0, 16)


def true_f(x):
    return np.sin(2.0 * np.pi * x)


def sample(n, rng, evenly_spaced=False):
    x = np.linspace(0.0, 1.0, n) if evenly_spaced else rng.uniform(0.0, 1.0, n)
    return x, true_f(x) + noise_sd * rng.normal(size=n)


def fit(x, y, degree):
    return Polynomial.fit(x, y, degree, domain=[0.0, 1.0])


rng = np.random.default_rng(1)
x_train, y_train = sample(n_train, rng, evenly_spaced=True)
x_val, y_val = sample(n_val, rng)
train_mse, val_mse = {}, {}  # results: degree -> MSE on one training set
for d in degrees:
    model = fit(x_train, y_train, int(d))
    train_mse[int(d)] = float(np.mean((model(x_train) - y_train) ** 2))
    val_mse[int(d)] = float(np.mean((model(x_val) - y_val) ** 2))
best_degree = min(val_mse, key=val_mse.get)  # result
print(f"noise variance (the lowest achievable expected MSE): {noise_sd**2:.3f}")
for d in sorted({0, 1, 3, best_degree, 9, 12, 15}):
    print(f"degree {d:2d}: train MSE {train_mse[d]:.4f}, validation MSE {val_mse[d]:.4f}")
print(f"lowest validation MSE at degree {best_degree}")

# %%
# 三种次数的拟合
# --------------

shown = {1: "1 次：欠拟合", best_degree: f"{best_degree} 次：此训练集上最佳",
         15: "15 次：过拟合"}
grid = np.linspace(0.0, 1.0, 400)
fig, axes = plt.subplots(1, 3, figsize=figsize(3, aspect=1.0, extra=0.55), sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "三幅图分别用 1 次、在这一个训练集上验证误差最低的次数（右上角标出训练与验证 MSE）和 15 次多项式拟合 20 个带噪声的训练点（蓝点），黑线是拟合，灰色虚线是真实的正弦曲线：1 次拟合是一条斜直线（欠拟合），中等次数贴近正弦，15 次穿过各点并在两端剧烈摆动（过拟合）。")
# sphinx_gallery_end_ignore
for ax, (d, title) in zip(axes, shown.items()):
    ax.plot(grid, true_f(grid), color=GREY, linestyle="--", linewidth=1.5, label="真实函数 f(x)")
    ax.plot(grid, fit(x_train, y_train, d)(grid), color=color("data"), label="多项式拟合")
    ax.plot(x_train, y_train, "o", color=color("train"), markersize=5, label="训练数据")
    ax.set_title(title, loc="left")
    ax.text(0.97, 0.97, f"训练 MSE {num(train_mse[d], '.3f')}\n验证 MSE {num(val_mse[d], '.3f')}",
            transform=ax.transAxes, ha="right", va="top", color=INK_SOFT)
    ax.set_xlabel("x")
    ax.set_ylim(-2.0, 2.0)
axes[0].set_ylabel("y")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
plt.show()

# %%
# 单个训练集上，3 次到 5 次多项式的验证误差几乎一样低（见上面打印的数），哪一个最低取决于这 20 个点恰好抽到的噪声；
# 下面对 300 个训练集取平均，平均验证误差的最低点落在 3 次。U 形曲线的谷底很平，
# 谷底附近的几个次数都算“合适”，上图的次数和下图竖线标出的次数不同并不矛盾。
#
# 训练误差、验证误差与偏差—方差分解
# ---------------------------------
#
# 单个训练集的曲线受噪声影响很大，所以再抽 300 个独立的训练集（同样的 20 个 :math:`x`，噪声各不相同），
# 对每个次数取平均；
# 同时在验证点上把期望误差拆成三项：
#
# .. math::
#
#    \mathbb E\bigl[(\hat f(x) - y)^2\bigr]
#    = \underbrace{\bigl(\mathbb E[\hat f(x)] - f(x)\bigr)^2}_{\text{偏差}^2}
#    + \underbrace{\operatorname{Var}[\hat f(x)]}_{\text{方差}}
#    + \underbrace{\sigma^2}_{\text{噪声}} ,
#
# 期望对训练集的抽样而言。

n_repeats = 300
preds = np.empty((len(degrees), n_repeats, n_val))
train_err = np.empty((len(degrees), n_repeats))
for r in range(n_repeats):
    xr, yr = sample(n_train, rng, evenly_spaced=True)
    for i, d in enumerate(degrees):
        model = fit(xr, yr, int(d))
        preds[i, r] = model(x_val)
        train_err[i, r] = np.mean((model(xr) - yr) ** 2)
mean_train_mse = train_err.mean(axis=1)  # result
mean_val_mse = np.mean((preds - y_val) ** 2, axis=(1, 2))  # result
bias2 = np.mean((preds.mean(axis=1) - true_f(x_val)) ** 2, axis=1)  # result
variance = np.mean(preds.var(axis=1), axis=1)  # result
expected_test_mse = bias2 + variance + noise_sd**2  # result: against fresh noise
best_mean_degree = int(degrees[np.argmin(mean_val_mse)])  # result

fig, (ax_u, ax_b) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9))
# sphinx_gallery_start_ignore
describe(fig, "左：300 个训练集平均的训练误差（蓝）与验证误差（橙红）随多项式次数变化（对数纵轴），训练误差一路下降到噪声方差以下，验证误差先降后升呈 U 形，竖线标出平均验证误差最低的次数；右：偏差²（橄榄色）、方差（粉）及三项之和（橙红），次数低时误差以偏差为主，次数高时方差急剧上升。")
# sphinx_gallery_end_ignore
ax_u.semilogy(degrees, mean_train_mse, "o-", color=color("train"))
ax_u.semilogy(degrees, mean_val_mse, "s-", color=color("validation"))
ax_u.axhline(noise_sd**2, color=GREY, linestyle=":")
ax_u.text(9, mean_val_mse[9] * 1.25, "验证 MSE", ha="center", va="bottom", color=readable(color("validation")))
ax_u.text(9, mean_train_mse[9] / 1.25, "训练 MSE", ha="center", va="top", color=readable(color("train")))
ax_u.text(15.3, noise_sd**2 * 1.08, r"噪声 $\sigma^2$", ha="right", va="bottom", color=INK_SOFT)
ax_u.axvline(best_mean_degree, color=INK_SOFT, linewidth=1.0)
ax_u.text(best_mean_degree + 0.3, 0.97, f"平均验证误差\n最低：{best_mean_degree} 次",
          transform=ax_u.get_xaxis_transform(), ha="left", va="top", color=INK_SOFT)
ax_u.annotate("欠拟合\n（高偏差）", xy=(1.0, 0.05), xycoords=("data", "axes fraction"), ha="center")
ax_u.annotate("过拟合\n（高方差）", xy=(11.5, 0.72), xycoords=("data", "axes fraction"), ha="center")
ax_u.set_xlabel("多项式次数")
ax_u.set_ylabel("MSE（300 个训练集的平均）")
ax_u.set_title("训练误差与验证误差", loc="left")

parts = ((bias2, "o-", PALETTE["olive"], r"偏差$^2$", 1.6, "bottom"),
         (variance, "s-", PALETTE["pink"], "方差", 1 / 1.6, "top"),
         (expected_test_mse, "-", color("validation"), r"偏差$^2$ + 方差 + $\sigma^2$", 1.5, "bottom"))
for values, style, part_color, label, shift, va in parts:
    ax_b.semilogy(degrees, values, style, color=part_color, linewidth=2.5 if style == "-" else 1.8,
                  alpha=0.6 if style == "-" else 1.0)
    ax_b.text(8, values[8] * shift, label, ha="center", va=va, color=readable(part_color))
ax_b.set_xlabel("多项式次数")
ax_b.set_title("偏差—方差分解", loc="left")
plt.show()
for d in sorted({1, 3, best_mean_degree, 9, 15}):
    i = int(d)
    print(f"degree {i:2d}: mean train {mean_train_mse[i]:.4f}, mean val {mean_val_mse[i]:.4f}, "
          f"bias^2 {bias2[i]:.4f}, variance {variance[i]:.4f}")

# %%
# 左图就是 U 形曲线：训练误差一路下降，次数够高时甚至降到噪声方差以下（模型在拟合噪声）；
# 验证误差先随偏差减小而下降，在中等次数处最低，随后因方差暴涨而上升。右图说明了原因：
# 次数低时误差几乎全是偏差²，次数高时几乎全是方差。
# 诊断时看两件事：训练误差本身高不高（高偏差、欠拟合），训练误差与验证误差之间的差距大不大（高方差、过拟合）。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: degrees, train_mse,
# val_mse, best_degree, mean_train_mse, mean_val_mse, bias2, variance, expected_test_mse,
# best_mean_degree, x_train, y_train, x_val, y_val, noise_sd.
# sphinx_gallery_end_ignore
