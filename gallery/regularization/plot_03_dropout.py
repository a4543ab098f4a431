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

from dlnotes.plotting import GREY, INK, INK_SOFT, figsize, num, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore
from dlnotes.regularization import dropout, dropout_mask

use_style()

# %%
# 一层的输出与下一层的输入
# ------------------------
#
# :math:`\mathbf h` 取非负值（像 ReLU 的输出），:math:`\mathbf w` 取正负都有的权重。
# 对每个 :math:`p` 抽 :math:`n = 100\,000` 个掩码。本站的约定与 PyTorch、Keras 相同：
# :math:`p` 是\ **丢弃**\ 概率，保留概率是 :math:`1-p`。

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
# 也就是说训练与推理之间差一个因子 2；缩放后（洋红）均值与推理值（黑色竖线）重合，
# 只是多了围绕它的随机波动，这份波动正是 Dropout 的正则化作用的来源。
# 右图：三种 :math:`p` 下 :math:`s` 的累计平均随抽样次数收敛到推理值，阴影是 :math:`\pm 2`
# 倍标准误差 :math:`2\sqrt{\operatorname{Var}[s]/n}`\ （由闭式方差算出；它是逐点的范围，
# 累计平均是一条前后相关的随机游走，偶尔出界一段并不奇怪）。

p_colors = dict(zip(p_values, sequential(len(p_values))))  # the drop probability is ordered
fig, (ax_h, ax_c) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.95, extra=0.1))
# sphinx_gallery_start_ignore
describe(fig, "左：p = 0.5 时大量随机掩码下下一层输入 s 的直方图，不缩放（灰色）时均值只有推理值的一半，按 1/(1-p) 缩放（洋红）后均值与推理值的黑色竖线重合；右：p = 0.2、0.5、0.8（颜色由深到浅）时 s 的累计平均随掩码数增加收敛到推理值，阴影为 ±2 倍标准误差。")
# sphinx_gallery_end_ignore
p = 0.5
bins = np.linspace(min(s_plain[p].min(), s_train[p].min()),
                   max(s_plain[p].max(), s_train[p].max()), 80)
ax_h.hist(s_plain[p], bins=bins, color=GREY, alpha=0.8,
          label=f"训练，不缩放：均值 {num(mean_plain[p], '.2f')}")
ax_h.hist(s_train[p], bins=bins, color=p_colors[p], alpha=0.6,
          label=f"训练，乘以 1/(1−p)：均值 {num(mean_train[p], '.2f')}")
peak = 1.08 * ax_h.get_ylim()[1]  # vertical lines stop below the legend
ax_h.vlines(s_eval, 0, peak, color=INK, linewidth=2, label=f"推理，不做 Dropout：{num(s_eval, '.2f')}")
ax_h.vlines(mean_plain[p], 0, peak, color=INK_SOFT, linestyle="--", linewidth=1.5)
ax_h.vlines(mean_train[p], 0, peak, color=p_colors[p], linestyle="--", linewidth=1.5)
ax_h.set_xlabel(r"下一层的输入 $s = \sum_i w_i \tilde h_i$")
ax_h.set_ylabel("次数")
ax_h.set_title(f"p = {p}：{n_draws:,} 个随机掩码".replace(",", " "), loc="left")
ax_h.legend(loc="upper right", frameon=True)
ax_h.set_ylim(0, peak * 1.45)  # room for the legend above the bars

n = np.arange(1, n_draws + 1)
for p in p_values:
    running = np.cumsum(s_train[p]) / n
    band = 2 * np.sqrt(var_theory[p] / n)
    ax_c.fill_between(n, s_eval - band, s_eval + band, color=p_colors[p], alpha=0.15, linewidth=0)
    ax_c.plot(n, running, color=p_colors[p], linewidth=1.5, label=f"p = {p}")
ax_c.axhline(s_eval, color=INK, linewidth=1.2, label="推理值")
ax_c.set_xscale("log")
ax_c.set_xlim(10, n_draws)
ax_c.set_ylim(s_eval - 2.0, s_eval + 2.0)
ax_c.set_xlabel("掩码个数 n")
ax_c.set_ylabel(r"$s$ 的累计平均（反向 Dropout）")
ax_c.set_title(r"期望不变；阴影：$\pm 2$ 倍标准误差", loc="left")
ax_c.legend(loc="upper right", ncols=2)
plt.show()

# %%
# 被丢弃的比例在三种 :math:`p` 下都与 :math:`p` 吻合；缩放后的训练期均值与推理值的差都在
# 两倍标准误差以内。:math:`p` 越大，:math:`s` 的方差 :math:`\sum_i w_i^2h_i^2\,p/(1-p)` 越大，
# :math:`p = 0.8` 时标准差已与 :math:`s` 本身同一量级。期望虽然不变，方差却变了——
# 后面“BN 与 Dropout 的方差偏移”一节正是从这一点出发的。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: s_eval, s_train,
# s_plain, mean_train, mean_plain, zero_fraction, var_theory, h, w, n_draws.
# sphinx_gallery_end_ignore
