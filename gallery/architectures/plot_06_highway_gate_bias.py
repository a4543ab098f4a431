r"""
门的偏置与初始化时的梯度
========================

Highway 层的变换门 :math:`T(x) = \sigma(W_T x + b_T)` 的偏置 :math:`b_T` 决定了训练开始时
每层有多少输入被原样携带。本例不训练，只看初始化时的一次反向传播：
在 50 层的 Highway 网络中，:math:`b_T` 从 0 取到 :math:`-4`，测量每一层变换权重 :math:`W_H` 收到的梯度范数，
并与同样深度的普通网络对比。网络都由 ``dlnotes.architectures.DeepMLP`` 搭成。
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from matplotlib.ticker import LogLocator, NullLocator

from dlnotes.architectures import DeepMLP
from dlnotes.plotting import GREY, GRID, INK, INK_SOFT, figsize, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 设置
# ----
#
# 数据与上一个示例相同（256 个 16 维输入，随机教师网络给出的 4 类标签），网络为 ``Linear(16, 32)`` + ReLU、
# 50 个宽度 32 的隐藏层、``Linear(32, 4)``，PyTorch 默认初始化，同一个随机种子，
# 因此不同偏置的网络只有 :math:`b_T` 不同。对交叉熵损失求一次梯度，记下第 :math:`l` 层的
# :math:`\lVert \partial L / \partial W_{H,l} \rVert_F` （普通网络则是该层唯一的权重），
# 以及第一层（``stem``，把输入映射到宽度 32 的那一层）的梯度范数。

# sphinx_gallery_start_ignore
# Tensors this small run fastest on one thread; the setting is restored at the end.
torch_threads = torch.get_num_threads()
torch.set_num_threads(1)
# sphinx_gallery_end_ignore

SEED = 0
N_SAMPLES, IN_FEATURES, WIDTH, N_CLASSES, DEPTH = 256, 16, 32, 4, 50
GATE_BIASES = (0.0, -1.0, -2.0, -3.0, -4.0)

gen = torch.Generator().manual_seed(SEED)
X = torch.randn(N_SAMPLES, IN_FEATURES, generator=gen)
teacher_w1 = torch.randn(IN_FEATURES, 64, generator=gen) / math.sqrt(IN_FEATURES)
teacher_w2 = torch.randn(64, N_CLASSES, generator=gen) / 8.0
Y = (torch.tanh(X @ teacher_w1) @ teacher_w2).argmax(dim=1)


def layer_grad_norms(net):
    """Frobenius norms of dL/dW of each hidden layer's main weight, and of the stem's weight."""
    weights = [layer.transform.weight if hasattr(layer, "transform") else layer.linear.weight
               for layer in net.layers]
    loss = F.cross_entropy(net(X), Y)
    grads = torch.autograd.grad(loss, weights + [net.stem.weight])
    norms = np.array([g.norm().item() for g in grads])
    return norms[:-1], norms[-1]


grad_norms, stem_grad = {}, {}  # results: gate bias (or "plain") -> per-layer norms / stem norm
mean_gate = {}  # result: gate bias -> mean transform gate over samples, units and layers at init
for b in GATE_BIASES:
    torch.manual_seed(SEED)
    net = DeepMLP("highway", IN_FEATURES, WIDTH, N_CLASSES, DEPTH, gate_bias=b)
    grad_norms[b], stem_grad[b] = layer_grad_norms(net)
    with torch.no_grad():
        h, gates = F.relu(net.stem(X)), []
        for layer in net.layers:
            h, t = layer(h, return_gate=True)
            gates.append(t.mean().item())
    mean_gate[b] = float(np.mean(gates))
torch.manual_seed(SEED)
grad_norms["plain"], stem_grad["plain"] = layer_grad_norms(
    DeepMLP("plain", IN_FEATURES, WIDTH, N_CLASSES, DEPTH))

for b in GATE_BIASES:
    print(f"gate bias {b:+.0f}: mean gate {mean_gate[b]:.3f} (sigmoid(b) = {1 / (1 + math.exp(-b)):.3f}), "
          f"|dL/dW_H| layer 1 {grad_norms[b][0]:.1e}, layer {DEPTH} {grad_norms[b][-1]:.1e}, "
          f"stem {stem_grad[b]:.1e}")
print(f"plain: |dL/dW| layer 1 {grad_norms['plain'][0]:.1e}, layer {DEPTH} {grad_norms['plain'][-1]:.1e}, "
      f"stem {stem_grad['plain']:.1e}")

bias_colors = dict(zip(GATE_BIASES, sequential(len(GATE_BIASES))))  # b_T is ordered: 0 dark, -4 light
fig, (ax, ax_r) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.95), width_ratios=(1.6, 1))
# sphinx_gallery_start_ignore
describe(fig, "左：50 层 Highway 网络初始化时每个隐藏层权重的梯度范数（对数纵轴），门偏置 b_T 取 0、−1、−2、−3、−4（颜色由深到浅，−4 为虚线），灰色虚线是普通网络。偏置为 0 时与普通网络相似，梯度从输出端到输入端衰减许多个数量级；偏置越负曲线越平，−3、−4 时各层几乎持平，两条线几乎重合。右：第 1 层与第 50 层梯度范数之比（对数横轴），普通网络与 b_T = 0 时小到 10⁻¹⁰ 以下，b_T = −3、−4 时接近 1。")
# sphinx_gallery_end_ignore
layers = np.arange(1, DEPTH + 1)
ax.semilogy(layers, grad_norms["plain"], color=GREY, linestyle="--", label="普通网络")
for b in GATE_BIASES:
    ax.semilogy(layers, grad_norms[b], color=bias_colors[b], linestyle="--" if b == -4 else "-",
                label=f"Highway，$b_T = {b:.0f}$")
ax.set_xlabel("隐藏层（1 = 紧挨输入）")
ax.set_ylabel(r"$\|\partial L / \partial W_{H,l}\|_F$（对数刻度）")
ax.set_title(f"初始化时各层的梯度，{DEPTH} 层", loc="left")
ax.set_ylim(1e-28, 1e-1)  # room for the legend below the curves
ax.yaxis.set_major_locator(LogLocator(numticks=7))
ax.yaxis.set_minor_locator(NullLocator())
ax.legend(loc="lower right")

names = ["plain", *GATE_BIASES]
ratios = [grad_norms[k][0] / grad_norms[k][-1] for k in names]
ypos = np.arange(len(names))[::-1]
ax_r.hlines(ypos, 1e-21, ratios, color=GRID, linewidth=1.0)
ax_r.scatter(ratios, ypos, s=45, zorder=3, edgecolors=INK, linewidths=0.6,
             color=[GREY] + [bias_colors[b] for b in GATE_BIASES])
ax_r.set_yticks(ypos, ["普通网络"] + [f"$b_T = {b:.0f}$" for b in GATE_BIASES])
ax_r.set_xscale("log")
ax_r.set_xlim(1e-21, 10)
ax_r.xaxis.set_major_locator(LogLocator(numticks=5))
ax_r.xaxis.set_minor_locator(NullLocator())
ax_r.axvline(1.0, color=INK_SOFT, linestyle=":", linewidth=1.0)
ax_r.set_xlabel("第 1 层 / 第 50 层")
ax_r.set_title("梯度能传回多少", loc="left")
ax_r.grid(axis="y", visible=False)
plt.show()

# sphinx_gallery_start_ignore
torch.set_num_threads(torch_threads)
# sphinx_gallery_end_ignore

# %%
# 偏置为 0 时门开了一半，误差信号每往回穿过一层都要打折扣，靠近输入的层几乎收不到梯度，
# 情形和普通网络相差无几（普通网络第 1 层的梯度比第 50 层小近二十个数量级）。
# 偏置越负，传到前面各层的梯度越大：从 0 到 :math:`-2`，每往负方向移一个单位，第 1 层的梯度就大出几个数量级；
# 到 :math:`-3`、:math:`-4`，50 层的梯度已在同一量级，整个网络从第一步起就都能学习。
# 实测的平均门值（打印在上面）与 :math:`\sigma(b_T)` 接近但不相等，因为 :math:`W_T x` 这一项在初始化时并不为零。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_architectures.py: grad_norms, stem_grad,
# mean_gate, X, Y.
# sphinx_gallery_end_ignore
