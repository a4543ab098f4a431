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
from dlnotes.plotting import INK, MEDIUM, color, figsize, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

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
# 每层输出的分布
# --------------
#
# 每幅小图是一种组合，10 条“山脊”从上到下依次是第 1 层到第 10 层输出的直方图（各自按最高处缩放到同一高度，
# 所以看的是形状和宽度，不是高度），颜色由深到浅表示层越来越深；同一幅图里各层共用一个横轴。
# ReLU 的输出约有一半恰好为 0，这部分不画进直方图（否则 0 处的尖峰会压扁其余部分），只画正值部分。

TITLES = {  # label -> Chinese panel title
    "tanh, $N(0, 0.01^2)$": r"tanh + $N(0, 0.01^2)$：塌缩到 0",
    "tanh, Xavier": "tanh + Xavier：缓慢变窄",
    "ReLU, Xavier": "ReLU + Xavier：逐层挤向 0（正值部分）",
    "ReLU, He": "ReLU + He：各层几乎相同（正值部分）",
}
layer_colors = sequential(n_layers)  # depth is ordered: dark = first layer
fig, axes = plt.subplots(2, 2, figsize=figsize(2, nrows=2, aspect=0.78, extra=0.15), sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "四幅山脊图，每幅是一种激活与初始化组合，10 条山脊从上到下依次是第 1 到第 10 层输出的直方图（各自缩放到同一高度），颜色越浅层越深：tanh 配 N(0, 0.01²) 的分布从第 2 层起就缩成 0 处的一根细针；tanh 配 Xavier 逐层缓慢变窄但始终铺开；ReLU 配 Xavier 的正值部分逐层挤向 0；ReLU 配 He 的十条山脊形状几乎一样。")
# sphinx_gallery_end_ignore
spacing, overlap = 1.0, 1.7  # ridge l sits at height (n_layers - l); a ridge is at most 1.7 apart tall
for ax, (label, outs) in zip(axes.ravel(), activations.items()):
    relu = label.startswith("ReLU")
    edges = np.linspace(0.0, 3.0, 61) if relu else np.linspace(-1.0, 1.0, 81)
    centres = np.repeat(edges, 2)[1:-1]  # step outline of the histogram
    for layer, h in enumerate(outs):
        counts, _ = np.histogram(h[h > 0] if relu else h, bins=edges)
        base = (n_layers - 1 - layer) * spacing
        top = base + overlap * np.repeat(counts / counts.max(), 2)
        ax.fill_between(centres, base, top, color=layer_colors[layer], alpha=0.85, linewidth=0,
                        zorder=2 * layer)
        ax.plot(centres, top, color=INK, linewidth=0.6, zorder=2 * layer + 1)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_title(TITLES[label], loc="left")
    ax.grid(False)  # grid lines would show through the translucent ridges
    ax.set_xlabel("该层的输出值（正值部分）" if relu else "该层的输出值")
axes[0, 0].set_yticks(np.arange(n_layers) * spacing, [f"第 {n_layers - k} 层" for k in range(n_layers)])
axes[0, 0].set_ylim(-0.1, (n_layers - 1) * spacing + overlap + 0.1)
for ax in axes[:, 1]:
    ax.tick_params(labelleft=False)
plt.show()

# %%
# 第一幅：权重太小，每层都把信号缩小约 :math:`0.01\sqrt{256} = 0.16` 倍，tanh 又工作在近似线性的区域，
# 到第 10 层标准差只剩 :math:`10^{-8}` 量级，所有输出挤在 0 处。
# 反向传播时梯度同样逐层乘上这些小权重，靠前的层几乎学不到东西。
# 第二幅：Xavier 让线性部分 :math:`W_l h_{l-1}` 的方差与 :math:`h_{l-1}` 相同；第一层的输入方差为 1，
# tanh 有一部分输出饱和在 :math:`\pm 1` 附近，之后 tanh 对较大输入的压缩让标准差逐层缓慢下降，
# 但 10 层后仍在 0.2 的量级，分布没有塌缩，也没有饱和
# （PyTorch 为 tanh 推荐的增益 ``calculate_gain("tanh")`` :math:`= 5/3` 正是为了抵消这种压缩）。
# 第三幅：同样的 Xavier 权重配 ReLU，每层负半轴被截掉，二阶矩减半，标准差每层约缩小 :math:`\sqrt 2` 倍，
# 10 层后约为开始时的 :math:`2^{-5} = 1/32`。
# 第四幅：He 初始化把方差加倍为 :math:`2/n_\text{in}`，正好补上 ReLU 截掉的一半，各层分布几乎相同 :cite:p:`he2015delving`。
#
# 下图把每层输出的标准差画在对数纵轴上：颜色是激活函数（tanh 橙红、ReLU 绿），实线是合适的初始化，虚线是不合适的。

CONFIG_STYLE = {  # label -> (Chinese label, colour, line style, marker)
    "tanh, $N(0, 0.01^2)$": (r"tanh + $N(0, 0.01^2)$", color("tanh"), "--", "o"),
    "tanh, Xavier": ("tanh + Xavier", color("tanh"), "-", "o"),
    "ReLU, Xavier": ("ReLU + Xavier", color("relu"), "--", "s"),
    "ReLU, He": ("ReLU + He", color("relu"), "-", "s"),
}
fig, ax = plt.subplots(figsize=figsize(width=MEDIUM, aspect=0.68))  # shown at 80 % on the notes page
# sphinx_gallery_start_ignore
describe(fig, "四种组合下 10 层各自输出的标准差（对数纵轴），橙红为 tanh、绿色为 ReLU，虚线为不合适的初始化：tanh 配 N(0, 0.01²) 沿直线指数下降到 10⁻⁸ 量级，ReLU 配 Xavier 也逐层稳定下降，tanh 配 Xavier 下降缓慢，ReLU 配 He 基本保持水平。")
# sphinx_gallery_end_ignore
layers = np.arange(1, n_layers + 1)
for label, s in stds.items():
    name, line_color, linestyle, marker = CONFIG_STYLE[label]
    ax.semilogy(layers, s, marker=marker, linestyle=linestyle, color=line_color, label=name)
ax.set_xlabel("层")
ax.set_ylabel("该层输出的标准差（对数刻度）")
ax.set_xticks(layers)
ax.yaxis.set_minor_locator(NullLocator())  # 80 invisible minor ticks over 9 decades cost 0.3 s
ax.set_title("10 层中激活的尺度")
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: activations, stds,
# weight_std.
# sphinx_gallery_end_ignore
