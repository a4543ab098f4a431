r"""
初始化：10 层网络中逐层的激活分布
=================================

把同一批输入送进一个 10 层、每层 256 个单元、没有偏置的全连接网络，只改变激活函数和初始化方式，
看每一层输出的分布如何变化。四种组合：

* tanh + :math:`\mathcal N(0, 0.01^2)`：权重太小；
* tanh + Xavier（``xavier_normal_``，:math:`\operatorname{Var}(W) = 2/(n_\text{in} + n_\text{out}) = 1/256`）；
* ReLU + Xavier：同样的权重，换成 ReLU；
* ReLU + He（``kaiming_normal_``，``nonlinearity="relu"``，:math:`\operatorname{Var}(W) = 2/n_\text{in}`）。

前向传播只用 NumPy，权重由 ``dlnotes.init`` 生成。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import NullLocator

from dlnotes import init
from dlnotes.plotting import COLORS, describe, use_style

use_style()

# %%
# 前向传播
# --------
#
# 输入是 1000 个样本，每个 256 维，服从标准正态分布。第 :math:`l` 层计算
# :math:`h_l = \phi(W_l h_{l-1})`，:math:`W_l` 的形状为 ``(256, 256)`` （PyTorch 的 ``(out, in)`` 约定）。
# 记录每一层输出的全部取值。

n_layers, width, n_samples = 10, 256, 1000
rng = np.random.default_rng(0)
x = rng.normal(size=(n_samples, width))


def small_normal(w, rng):
    w[...] = rng.normal(0.0, 0.01, size=w.shape)
    return w


CONFIGS = {  # label -> (activation, initializer)
    "tanh, $N(0, 0.01^2)$": (np.tanh, small_normal),
    "tanh, Xavier": (np.tanh, lambda w, rng: init.xavier_normal_(w, rng=rng)),
    "ReLU, Xavier": (lambda z: np.maximum(z, 0.0), lambda w, rng: init.xavier_normal_(w, rng=rng)),
    "ReLU, He": (lambda z: np.maximum(z, 0.0),
                 lambda w, rng: init.kaiming_normal_(w, nonlinearity="relu", rng=rng)),
}
activations = {}  # result: label -> list of (n_samples, width) outputs, one per layer
weight_std = {}  # result: label -> std of the sampled weights of layer 1
for label, (phi, initializer) in CONFIGS.items():
    layer_rng = np.random.default_rng(1)  # same random stream for every configuration
    h, outputs = x, []
    for layer in range(n_layers):
        w = initializer(np.empty((width, width)), layer_rng)
        if layer == 0:
            weight_std[label] = float(w.std())
        h = phi(h @ w.T)
        outputs.append(h)
    activations[label] = outputs
stds = {label: np.array([h.std() for h in outs]) for label, outs in activations.items()}  # result
for label, s in stds.items():
    print(f"{label:20s} weight std {weight_std[label]:.4f}; activation std per layer: "
          + " ".join(f"{v:.2g}" for v in s))

# %%
# 每层输出的直方图
# ----------------
#
# 每行一种组合，每列一层；横轴范围在同一行内相同，小标题给出该层输出的标准差。
# ReLU 的输出约有一半恰好为 0，这部分不画进直方图（否则 0 处的尖峰会压扁其余部分），只画正值部分。

fig, axes = plt.subplots(4, n_layers, figsize=(15.0, 7.6), sharey="row", sharex="row",
                         layout="none")  # 40 panels: a fixed layout is much faster
describe(fig, "4 行 10 列的直方图，每行一种激活与初始化组合、每列一层的输出分布：tanh 配 N(0, 0.01²) 时分布很快塌缩到 0；tanh 配 Xavier 逐层缓慢变窄；ReLU 配 Xavier 的正值部分逐层挤向 0；ReLU 配 He 各层分布几乎相同。")
fig.subplots_adjust(left=0.035, right=0.995, bottom=0.04, top=0.9, wspace=0.15, hspace=0.55)
for row, (label, outs) in enumerate(activations.items()):
    relu = label.startswith("ReLU")
    edges = np.linspace(0.0, 3.0, 41) if relu else np.linspace(-1.0, 1.0, 41)
    # the axes of a row share one locator: set the ticks once per row
    axes[row, 0].set_yticks([])
    axes[row, 0].set_xticks(edges[[0, 20, 40]], ["0", "1.5", "3"] if relu else ["-1", "0", "1"])
    for col, h in enumerate(outs):
        ax = axes[row, col]
        counts, _ = np.histogram(h[h > 0] if relu else h, bins=edges)
        ax.stairs(counts, edges, fill=True, color=COLORS[row])
        ax.set_title(f"L{col + 1}: std {h.std():.2g}", fontsize=8.5)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(False)
    axes[row, 0].set_ylabel(label, fontsize=9.5)
fig.suptitle("Distribution of each layer's outputs (ReLU rows: positive outputs only)")
plt.show()

# %%
# 第一行：权重太小，每层都把信号缩小约 :math:`0.01\sqrt{256} = 0.16` 倍，tanh 又工作在近似线性的区域，
# 到第 10 层标准差只剩 :math:`10^{-8}` 量级，所有输出挤在 0 处。
# 反向传播时梯度同样逐层乘上这些小权重，靠前的层几乎学不到东西。
# 第二行：Xavier 让线性部分 :math:`W_l h_{l-1}` 的方差与 :math:`h_{l-1}` 相同；第一层的输入方差为 1，
# tanh 有一部分输出饱和在 :math:`\pm 1` 附近，之后 tanh 对较大输入的压缩让标准差逐层缓慢下降，
# 但 10 层后仍在 0.2 的量级，分布没有塌缩，也没有饱和
# （PyTorch 为 tanh 推荐的增益 ``calculate_gain("tanh")`` :math:`= 5/3` 正是为了抵消这种压缩）。
# 第三行：同样的 Xavier 权重配 ReLU，每层负半轴被截掉，二阶矩减半，标准差每层约缩小 :math:`\sqrt 2` 倍，
# 10 层后约为开始时的 :math:`2^{-5} = 1/32`。
# 第四行：He 初始化把方差加倍为 :math:`2/n_\text{in}`，正好补上 ReLU 截掉的一半，各层分布几乎相同 :cite:p:`he2015delving`。

fig, ax = plt.subplots(figsize=(8.0, 4.5))
describe(fig, "四种组合下 10 层各自输出的标准差（对数纵轴）：tanh 配 N(0, 0.01²) 沿直线指数下降，ReLU 配 Xavier 也逐层稳定下降，tanh 配 Xavier 下降缓慢，ReLU 配 He 基本保持水平。")
layers = np.arange(1, n_layers + 1)
for (label, s), color in zip(stds.items(), COLORS):
    ax.semilogy(layers, s, "-o", color=color, label=label)
ax.set_xlabel("layer")
ax.set_ylabel("std of the layer's outputs (log scale)")
ax.set_xticks(layers)
ax.yaxis.set_minor_locator(NullLocator())  # 80 invisible minor ticks over 9 decades cost 0.3 s
ax.set_title("Activation scale through 10 layers")
ax.legend(fontsize=9)
plt.show()

# %%
# 本例留下的结果（测试会检查这些变量）：``activations`` （每种组合每层的输出）、``stds`` （每层输出的标准差）、
# ``weight_std`` （第一层权重的样本标准差）。
