r"""
Dropout：训练时缩放，期望不变
=============================

取一个有 20 个隐藏单元的层，它的输出经权重 :math:`\mathbf w` 汇总成下一层某个神经元的输入
:math:`s = \sum_i w_i h_i`。训练时对 :math:`\mathbf h` 做 Dropout（丢弃概率 :math:`p`），
推理时不做。本例用 :func:`~dlnotes.regularization.dropout` 抽取大量随机掩码，测量 :math:`s` 在训练时的分布，
并与推理时的值比较：不缩放时训练期的期望只有推理时的 :math:`1-p` 倍，
按 :math:`1/(1-p)` 缩放（反向 Dropout，inverted dropout）后两者相等。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.plotting import COLORS, describe, use_style
from dlnotes.regularization import dropout, dropout_mask

use_style()

# %%
# 一层的输出与下一层的输入
# ------------------------
#
# :math:`\mathbf h` 取非负值（像 ReLU 的输出），:math:`\mathbf w` 取正负都有的权重。
# 对每个 :math:`p` 抽 :math:`n = 100\,000` 个掩码。本站的约定与 PyTorch、Keras 相同：
# :math:`p` 是**丢弃**概率，保留概率是 :math:`1-p`。

rng = np.random.default_rng(0)
n_units, n_draws = 20, 100_000
h = rng.uniform(0.2, 2.0, n_units)  # activations of the hidden layer
w = rng.normal(0.0, 1.0, n_units) + 0.3  # weights into one neuron of the next layer
s_eval = float(h @ w)  # result: evaluation mode, no dropout

p_values = [0.2, 0.5, 0.8]
H = np.broadcast_to(h, (n_draws, n_units))
s_train = {}  # result: p -> inputs s over the draws, inverted dropout
s_plain = {}  # result: p -> the same masks without the 1/(1-p) scale
zero_fraction = {}  # result: p -> share of dropped units
var_theory = {}  # result: p -> closed-form Var[s] = sum w_i^2 h_i^2 p / (1-p)
for i, p in enumerate(p_values):
    mask = dropout_mask(H.shape, p, rng=np.random.default_rng(100 + i))
    s_train[p] = dropout(H, p, mask=mask) @ w
    s_plain[p] = (H * mask) @ w  # "dropout" without rescaling
    zero_fraction[p] = float(1.0 - mask.mean())
    var_theory[p] = float(np.sum(w**2 * h**2) * p / (1.0 - p))
mean_train = {p: float(v.mean()) for p, v in s_train.items()}  # result
mean_plain = {p: float(v.mean()) for p, v in s_plain.items()}  # result

print(f"evaluation: s = {s_eval:.4f}")
for p in p_values:
    sd_of_mean = np.sqrt(var_theory[p] / n_draws)
    print(f"p = {p}: dropped {zero_fraction[p]:.4f} of the units; "
          f"mean s with 1/(1-p) scale {mean_train[p]:.4f} (+-{sd_of_mean:.4f}), "
          f"without {mean_plain[p]:.4f} = {mean_plain[p] / s_eval:.3f} x s_eval; "
          f"Var[s] {s_train[p].var():.3f} (theory {var_theory[p]:.3f})")

# %%
# 训练与推理
# ----------
#
# 左图：:math:`p = 0.5` 时训练期 :math:`s` 的分布。不缩放（灰色）时均值约为推理值的一半，
# 也就是说训练与推理之间差一个因子 2；缩放后（蓝色）均值与推理值（黑色竖线）重合，
# 只是多了围绕它的随机波动，这份波动正是 Dropout 的正则化作用的来源。
# 右图：三种 :math:`p` 下 :math:`s` 的累计平均随抽样次数收敛到推理值，阴影是 :math:`\pm 2`
# 倍标准误差 :math:`2\sqrt{\operatorname{Var}[s]/n}`\ （由闭式方差算出；它是逐点的范围，
# 累计平均是一条前后相关的随机游走，偶尔出界一段并不奇怪）。

fig, (ax_h, ax_c) = plt.subplots(1, 2, figsize=(11.0, 4.4))
describe(fig, "左：p = 0.5 时大量随机掩码下下一层输入 s 的直方图，不缩放（灰色）时均值只有推理值的一半，按 1/(1-p) 缩放（蓝色）后均值与推理值的黑线重合；右：p = 0.2、0.5、0.8 时 s 的累计平均随掩码数增加收敛到推理值，阴影为 ±2 倍标准误差。")
p = 0.5
bins = np.linspace(min(s_plain[p].min(), s_train[p].min()),
                   max(s_plain[p].max(), s_train[p].max()), 80)
ax_h.hist(s_plain[p], bins=bins, color="0.6", alpha=0.8,
          label=f"train, no rescaling (mean {mean_plain[p]:.2f})")
ax_h.hist(s_train[p], bins=bins, color=COLORS[0], alpha=0.6,
          label=f"train, scaled by 1/(1-p) (mean {mean_train[p]:.2f})")
ax_h.axvline(s_eval, color="k", linewidth=2, label=f"eval, no dropout ({s_eval:.2f})")
ax_h.axvline(mean_plain[p], color="0.35", linestyle="--", linewidth=1.5)
ax_h.axvline(mean_train[p], color=COLORS[0], linestyle="--", linewidth=1.5)
ax_h.set_xlabel(r"input of the next neuron $s = \sum_i w_i \tilde h_i$")
ax_h.set_ylabel("count")
ax_h.set_title(f"p = {p}: {n_draws:,} random masks")
ax_h.legend(loc="upper left", fontsize=9, frameon=True, framealpha=1.0, edgecolor="0.8")
ax_h.set_ylim(0, ax_h.get_ylim()[1] * 1.45)

n = np.arange(1, n_draws + 1)
for p, color in zip(p_values, (COLORS[2], COLORS[0], COLORS[1])):
    running = np.cumsum(s_train[p]) / n
    band = 2 * np.sqrt(var_theory[p] / n)
    ax_c.fill_between(n, s_eval - band, s_eval + band, color=color, alpha=0.15)
    ax_c.plot(n, running, color=color, linewidth=1.5, label=f"p = {p}")
ax_c.axhline(s_eval, color="k", linewidth=1.2, label="eval value")
ax_c.set_xscale("log")
ax_c.set_xlim(10, n_draws)
ax_c.set_ylim(s_eval - 2.0, s_eval + 2.0)
ax_c.set_xlabel("number of masks n")
ax_c.set_ylabel(r"running mean of $s$ (inverted dropout)")
ax_c.set_title(r"expectation is preserved; band: $\pm 2$ standard errors")
ax_c.legend(loc="upper right", ncols=2, fontsize=9)
plt.show()

# %%
# 被丢弃的比例在三种 :math:`p` 下都与 :math:`p` 吻合；缩放后的训练期均值与推理值的差都在
# 两倍标准误差以内。:math:`p` 越大，:math:`s` 的方差 :math:`\sum_i w_i^2h_i^2\,p/(1-p)` 越大，
# :math:`p = 0.8` 时标准差已与 :math:`s` 本身同一量级。期望虽然不变，方差却变了——
# 后面"BN 与 Dropout 的方差偏移"一节正是从这一点出发的。
#
# 本例留下的结果：``s_eval``、``s_train``、``s_plain``、``mean_train``、``mean_plain``、
# ``zero_fraction``、``var_theory``、``h``、``w``、``n_draws``。
