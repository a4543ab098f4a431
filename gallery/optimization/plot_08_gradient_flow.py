r"""
梯度消失：深层网络中逐层的梯度范数
==================================

反向传播时，第 :math:`l` 层收到的误差信号是后面各层雅可比矩阵的连乘：
:math:`\delta_{l-1} = W_l^\top\bigl(\delta_l \odot \phi'(z_l)\bigr)`。每层乘上的因子平均小于 1，
越靠近输入的层梯度越小（梯度消失）；大于 1 则越来越大（梯度爆炸，见下一个示例）。
本例在 20 个隐藏层的全连接网络上，用 NumPy 手写的反向传播测量初始化时每一层权重梯度的范数
:math:`\lVert \partial L/\partial W_l \rVert_F`，比较四种网络；测试用 PyTorch 的自动求导逐层核对了这些范数。
"""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from dlnotes import init
from dlnotes.activations import relu, relu_grad, sigmoid, sigmoid_grad
from dlnotes.losses import cross_entropy, cross_entropy_backward
from dlnotes.normalization import batch_norm, batch_norm_backward
from dlnotes.plotting import color, figsize, tick_format, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 四种网络
# --------
#
# 输入 64 维、20 个宽度为 128 的隐藏层、10 类输出，交叉熵损失，一个 256 个样本的批次（随机输入、随机标签），float64。
#
# * sigmoid：隐藏层用 sigmoid，Xavier 正态初始化（``dlnotes.init.xavier_normal_``），偏置为 0；
# * ReLU：隐藏层用 ReLU，PyTorch ``nn.Linear`` 的默认初始化：权重 ``kaiming_uniform_(a=sqrt(5))``，
#   即 :math:`U(-1/\sqrt{n_\text{in}}, 1/\sqrt{n_\text{in}})`、:math:`\operatorname{Var}(W) = 1/(3\,n_\text{in})`，
#   偏置取同样范围的均匀分布；
# * ReLU + He：ReLU，``dlnotes.init.kaiming_normal_`` （:math:`\operatorname{Var}(W) = 2/n_\text{in}`），偏置为 0；
# * ReLU + BN：与第二种相同的权重，但每个线性层后接批归一化（训练模式，用当前批的统计量，
#   :math:`\gamma = 1`、:math:`\beta = 0`）再接 ReLU。
#
# 输出层在四种网络中都用 PyTorch 的默认初始化。前向时记下每层的输入 :math:`h_{l-1}` 和预激活，
# 反向时逐层计算 :math:`\partial L/\partial W_l = \delta_l^\top h_{l-1}` （对批求和）。

n_in, width, depth, n_classes, batch = 64, 128, 20, 10, 256
data_rng = np.random.default_rng(0)
X = data_rng.normal(size=(batch, n_in))
Y = data_rng.integers(0, n_classes, size=batch)


def default_linear(fan_out, fan_in, rng):
    """Weight and bias as torch.nn.Linear initialises them."""
    w = init.kaiming_uniform_(np.empty((fan_out, fan_in)), a=math.sqrt(5), rng=rng)
    bound = 1.0 / math.sqrt(fan_in)
    return w, rng.uniform(-bound, bound, size=fan_out)


def make_params(kind, seed=0):
    """[(W_1, b_1), ..., (W_depth, b_depth), (W_out, b_out)] for one of the four networks."""
    rng = np.random.default_rng(seed)
    params, fan_in = [], n_in
    for _ in range(depth):
        w, b = default_linear(width, fan_in, rng)
        if kind == "sigmoid":
            w = init.xavier_normal_(np.empty((width, fan_in)), rng=rng)
        elif kind == "ReLU + He":
            w = init.kaiming_normal_(np.empty((width, fan_in)), nonlinearity="relu", rng=rng)
        if kind != "ReLU":
            b = np.zeros(width)
        params.append((w, b))
        fan_in = width
    params.append(default_linear(n_classes, width, rng))
    return params


def forward_backward(kind, params):
    """Loss, dL/dW of every hidden layer, and each hidden layer's output."""
    act, act_grad = (sigmoid, sigmoid_grad) if kind == "sigmoid" else (relu, relu_grad)
    h, cache, outputs = X, [], []
    for w, b in params[:-1]:
        z = h @ w.T + b
        u = batch_norm(z, None, None, training=True) if kind == "ReLU + BN" else z
        cache.append((h, z, u))
        h = act(u)
        outputs.append(h)
    w_out, b_out = params[-1]
    logits = h @ w_out.T + b_out
    loss = cross_entropy(logits, Y)
    dh = cross_entropy_backward(1.0, logits, Y) @ w_out  # dL/dh of the last hidden layer
    grads = [None] * depth
    for l in range(depth - 1, -1, -1):
        (w, _), (h_prev, z, u) = params[l], cache[l]
        du = dh * act_grad(u)
        dz = batch_norm_backward(du, z)[0] if kind == "ReLU + BN" else du
        grads[l] = dz.T @ h_prev
        dh = dz @ w
    return loss, grads, outputs


KINDS = ("sigmoid", "ReLU", "ReLU + He", "ReLU + BN")
grad_norms = {}  # result: kind -> Frobenius norm of dL/dW for hidden layers 1..depth
act_std = {}  # result: kind -> std of each hidden layer's output
for kind in KINDS:
    _, grads, outputs = forward_backward(kind, make_params(kind))
    grad_norms[kind] = np.array([np.linalg.norm(g) for g in grads])
    act_std[kind] = np.array([o.std() for o in outputs])
    g = grad_norms[kind]
    print(f"{kind:10s} |dL/dW|: layer 1 {g[0]:.2e}, layer {depth} {g[-1]:.2e}, "
          f"ratio first/last {g[0] / g[-1]:.1e}")

KIND_STYLE = {  # kind -> (Chinese label, colour = activation, line style, marker)
    "sigmoid": ("sigmoid，Xavier 初始化", color("sigmoid"), "-", "o"),
    "ReLU": ("ReLU，默认初始化", color("relu"), "--", "o"),
    "ReLU + He": ("ReLU，He 初始化", color("relu"), "-", "s"),
    "ReLU + BN": ("ReLU + BN，默认初始化", color("relu"), ":", "^"),
}
fig, (ax_g, ax_a) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9, extra=0.45))
# sphinx_gallery_start_ignore
describe(fig, "20 个隐藏层的网络在初始化时的逐层对比，蓝色为 sigmoid 网络，绿色为三种 ReLU 网络（虚线默认初始化、实线 He 初始化、点线加 BN）。左：各层权重梯度范数（对数纵轴），sigmoid 与默认初始化的 ReLU 越靠近输入梯度越小，相差许多个数量级，ReLU 配 He 基本持平，ReLU 加 BN 只在靠近输入处略大；右：各层输出的标准差（对数纵轴），默认初始化的 ReLU 几层后降到低水平，其余大致平稳。")
# sphinx_gallery_end_ignore
layers = np.arange(1, depth + 1)
for kind in KINDS:
    label, line_color, linestyle, marker = KIND_STYLE[kind]
    for ax, values in ((ax_g, grad_norms[kind]), (ax_a, act_std[kind])):
        ax.semilogy(layers, values, marker=marker, linestyle=linestyle, markersize=4, color=line_color,
                    label=label)
ax_g.set_xlabel("隐藏层（1 = 紧挨输入）")
ax_g.set_ylabel(r"$\|\partial L / \partial W_l\|_F$（对数刻度）")
ax_g.set_title("初始化时各层的梯度范数", loc="left")
ax_a.set_xlabel("隐藏层（1 = 紧挨输入）")
ax_a.set_ylabel("该层输出的标准差（对数刻度）")
ax_a.set_title("前向信号的尺度", loc="left")
ax_a.yaxis.set_major_locator(FixedLocator([0.02, 0.05, 0.1, 0.2, 0.5, 1.0]))  # 1-2-5 ticks, not 2
ax_a.yaxis.set_major_formatter(tick_format(".2g"))
ax_a.set_ylim(0.018, 1.1)
for ax in (ax_g, ax_a):  # minor ticks carry nothing over many decades and are slow to lay out
    ax.set_xticks(layers[::2] + 1)
    ax.yaxis.set_minor_locator(NullLocator())
fig.legend(*ax_g.get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()

# %%
# **sigmoid**：每往回穿过一层，误差信号就乘上 :math:`\sigma'(z) \le 1/4` （再乘以权重），
# 第 1 层的梯度比第 20 层小十几个数量级（见打印的比值）：靠近输入的层几乎不更新，这就是梯度消失。
# 前向的输出倒没有塌缩：sigmoid 的输出在 0.5 附近，标准差稳定。
#
# **ReLU（默认初始化）**：权重方差 :math:`1/(3n)` 再加上 ReLU 截掉一半，线性部分每层把信号的二阶矩乘以约 1/6。
# 前向信号几层之后就缩小到由偏置维持的低水平（右图）；反向的误差信号没有偏置撑着，
# 每层缩小约 :math:`\sqrt 6` 倍，于是靠近输入的层梯度同样小了几个数量级。
# 可见 ReLU 本身并不能保证梯度不消失，初始化的尺度同样关键。
#
# **ReLU + He**：方差 :math:`2/n` 恰好抵消 ReLU 的减半，前向信号和各层梯度都保持在同一量级。
#
# **ReLU + BN**：批归一化（:ref:`reg-batch-norm`）把每层的预激活重新标准化为零均值、单位方差，不管权重尺度如何，前向信号各层完全一致；
# 梯度在靠近输入的层略大一些（相差一个多数量级），但远不像前两种网络那样相差许多个数量级。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: grad_norms, act_std,
# make_params, forward_backward, X, Y.
# sphinx_gallery_end_ignore
