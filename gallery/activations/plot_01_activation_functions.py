r"""
激活函数及其导数
================

神经网络里每个隐藏单元先算线性组合，再经过一个非线性的激活函数。
反向传播时，梯度要乘上激活函数在该点的导数，所以导数的形状决定了梯度能否顺利回传。
本例把 sigmoid、tanh、ReLU 与 Leaky ReLU 和它们的导数画在一起，
再单独看 sigmoid 与 tanh 的“饱和”区间有多宽。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from dlnotes.activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from dlnotes.plotting import INK, INK_SOFT, SHADE, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 四个函数与导数
# --------------
#
# 四个函数的定义如下（Leaky ReLU 的负半轴斜率记作 :math:`a`）：
#
# .. math::
#
#    \sigma(x) = \frac{1}{1+e^{-x}}, \qquad
#    \sigma'(x) = \sigma(x)\bigl(1-\sigma(x)\bigr)
#
# .. math::
#
#    \tanh'(x) = 1-\tanh^2(x), \qquad
#    \operatorname{ReLU}(x) = \max(0, x), \qquad
#    \operatorname{LeakyReLU}(x) = \max(0, x) + a\min(0, x)
#
# sigmoid 的值域是开区间 :math:`(0, 1)`，tanh 的值域是 :math:`(-1, 1)`，
# 并且 :math:`\tanh(x) = 2\sigma(2x) - 1`，两者只差一次平移和缩放。
# ReLU 在 :math:`x=0` 处不可导，这里与 PyTorch 的 autograd 一致，取导数为 0。
#
# 为了让负半轴的斜率在图上看得出来，下面特意取 :math:`a = 0.1`；
# PyTorch 中 ``torch.nn.LeakyReLU`` 的默认值其实是 0.01。
# PReLU 则把 :math:`a` 当作可学习的参数，与权重一起用梯度下降更新。

x = np.linspace(-6.0, 6.0, 1201)
leak = 0.1  # deliberately large so the negative slope is visible

panels = [  # (role, panel title, f, f')
    ("sigmoid", r"sigmoid：$\sigma(x)$", sigmoid(x), sigmoid_grad(x)),
    ("tanh", r"$\tanh(x)$", tanh(x), tanh_grad(x)),
    ("relu", "ReLU", relu(x), relu_grad(x)),
    ("leaky_relu", rf"Leaky ReLU（$a = {leak}$）", leaky_relu(x, leak), leaky_relu_grad(x, leak)),
]

fig, axes = plt.subplots(2, 2, figsize=figsize(2, nrows=2, aspect=0.62, extra=0.5), sharex=True, sharey="row")
# sphinx_gallery_start_ignore
describe(fig, "2×2 四幅子图，每种激活函数一种颜色：sigmoid（蓝）、tanh（橙红）、ReLU（绿）、Leaky ReLU（粉，a = 0.1），实线是函数，同色虚线是导数。sigmoid 的导数在原点最高只有 0.25，tanh 的导数在原点为 1；ReLU 的导数在负半轴恒为 0，Leaky ReLU 在负半轴仍保留小斜率 a。")
# sphinx_gallery_end_ignore
for ax, (role, title, f, df) in zip(axes.flat, panels):
    ax.axhline(0.0, color=INK_SOFT, linewidth=0.6)
    ax.axvline(0.0, color=INK_SOFT, linewidth=0.6)
    ax.plot(x, f, color=color(role))
    ax.plot(x, df, color=color(role), linestyle="--")
    ax.set_title(title)

# sigmoid' peaks at x = 0 with value 1/4
sigmoid_grad_max = float(sigmoid_grad(0.0))
ax = axes[0, 0]
ax.plot([0.0], [sigmoid_grad_max], "o", color=color("sigmoid"))
ax.annotate(r"$\sigma'(0) = 0.25$", xy=(0.0, sigmoid_grad_max), xytext=(1.2, 0.42),
            arrowprops=dict(arrowstyle="->", color=INK_SOFT))

# label the two pieces of Leaky ReLU
ax = axes[1, 1]
ax.annotate(rf"斜率 $a = {leak}$", xy=(-4.0, leaky_relu(-4.0, leak)), xytext=(-5.8, 2.6),
            arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax.annotate("斜率 1", xy=(3.0, 3.0), xytext=(3.3, 1.0),
            arrowprops=dict(arrowstyle="->", color=INK_SOFT))
for ax in axes[:, 0]:
    ax.set_ylabel("取值")
for ax in axes[1, :]:
    ax.set_xlabel("$x$")
handles = [Line2D([], [], color=INK, label="函数 $f(x)$"),
           Line2D([], [], color=INK, linestyle="--", label="导数 $f'(x)$")]
fig.legend(handles=handles, loc="outside upper center", ncols=2)
plt.show()

# %%
# 从图中可以读出几件事：
#
# * sigmoid 的导数最大只有 :math:`\sigma'(0) = 0.25`，tanh 的导数在原点等于 1；
# * 两者在 :math:`|x|` 较大时导数都趋于 0，这就是“饱和”；
# * ReLU 的导数在正半轴恒为 1，负半轴恒为 0；Leaky ReLU 把负半轴的 0 换成了 :math:`a`，
#   因此输入为负时仍有一小股梯度流过。

print(f"sigmoid'(0) = {sigmoid_grad_max:.4f}")

# %%
# 饱和：导数什么时候几乎为零
# --------------------------
#
# 在细网格上直接用 ``sigmoid_grad`` 求出 :math:`\sigma'(x) < 0.01` 的区域。
# 由 :math:`s(1-s) = 0.01` 可解出边界 :math:`|x| = \ln\frac{1+\sqrt{0.96}}{1-\sqrt{0.96}} \approx 4.6`，
# 下面的数值结果应与之吻合。阴影部分就是 sigmoid 的饱和区：输入落在那里时，
# 传回去的梯度不到原点处的 4%。纵轴取对数刻度：在线性刻度上 0.01 几乎贴着横轴，
# 对数刻度上峰值 0.25 与阈值 0.01 之间的差距（25 倍）和两条导数的指数衰减都看得清。

threshold = 0.01
x_fine = np.linspace(-10.0, 10.0, 200_001)
g_fine = sigmoid_grad(x_fine)
# smallest |x| at which sigmoid' falls below the threshold (grid step 1e-4)
saturation_edge = float(np.abs(x_fine[g_fine < threshold]).min())

sigmoid_grad_at_5 = float(sigmoid_grad(5.0))
tanh_grad_at_0 = float(tanh_grad(0.0))
tanh_grad_at_5 = float(tanh_grad(5.0))

fig, ax = plt.subplots(figsize=figsize(aspect=0.6))
# sphinx_gallery_start_ignore
describe(fig, "对数纵轴上的 sigmoid 导数（蓝）与 tanh 导数（橙红）：两者都在原点取最大值（0.25 与 1），随 |x| 增大按指数衰减；虚线标出 0.01，它是 sigmoid 峰值 0.25 的 4%；两侧灰色区域 |x| > 4.58 是 sigmoid 导数低于 0.01 的饱和区，tanh 的导数衰减得更快。")
# sphinx_gallery_end_ignore
for side in (-1, 1):
    lo, hi = sorted((side * saturation_edge, side * 6.0))
    ax.axvspan(lo, hi, color=SHADE, zorder=0, label=r"饱和区：$\sigma'(x) < 0.01$" if side == 1 else None)
ax.semilogy(x, sigmoid_grad(x), color=color("sigmoid"), label=r"$\sigma'(x)$")
ax.semilogy(x, tanh_grad(x), color=color("tanh"), label=r"$\tanh'(x)$")
ax.axhline(threshold, color=INK_SOFT, linestyle="--", linewidth=1.0)
ax.axhline(sigmoid_grad_max, color=color("sigmoid"), linestyle=":", linewidth=1.0)
ax.text(-5.85, sigmoid_grad_max * 1.1, r"峰值 $\sigma'(0) = 0.25$", va="bottom", color=INK_SOFT)
ax.annotate("阈值 0.01 = 峰值的 4%", xy=(-0.9, threshold), xytext=(-0.9, 3e-4), ha="center",
            color=INK_SOFT, arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax.annotate(rf"$|x| = {saturation_edge:.2f}$", xy=(saturation_edge, threshold),
            xytext=(2.2, 1.5e-3), arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax.set_xlim(-6.0, 6.0)
ax.set_ylim(1e-5, 3.0)
ax.set_xlabel("$x$")
ax.set_ylabel("导数（对数刻度）")
ax.set_title("饱和：|x| 增大时 σ′ 与 tanh′ 按指数趋于 0")
ax.legend(loc="upper right")
plt.show()

print(f"sigmoid' < {threshold} for |x| > {saturation_edge:.4f}")
print(f"sigmoid'(5) = {sigmoid_grad_at_5:.6f}")
print(f"tanh'(0) = {tanh_grad_at_0:.4f}, tanh'(5) = {tanh_grad_at_5:.6f}")

# %%
# 为什么这很要紧
# --------------
#
# 反向传播时，每经过一层 sigmoid，梯度就要乘上一个 :math:`\sigma'`。
# 即便每一层的输入都恰好在原点（导数取到最大值），连乘 10 层之后也只剩
# :math:`0.25^{10} \approx 9.5 \times 10^{-7}`；而 tanh 在同样的最好情况下因子为 1。
# 这就是深层 sigmoid 网络容易出现梯度消失的原因之一，也是隐藏层更常用 tanh 或 ReLU 的原因。

depth = 10
best_case_sigmoid_chain = sigmoid_grad_max**depth
best_case_tanh_chain = tanh_grad_at_0**depth
print(f"product of {depth} sigmoid' factors, best case: {best_case_sigmoid_chain:.3e}")
print(f"product of {depth} tanh' factors, best case: {best_case_tanh_chain:.1f}")

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_activations.py: sigmoid_grad_max,
# saturation_edge, best_case_sigmoid_chain.
# sphinx_gallery_end_ignore
