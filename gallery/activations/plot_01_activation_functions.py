r"""
激活函数及其导数
================

神经网络里每个隐藏单元先算线性组合，再经过一个非线性的激活函数。
反向传播时，梯度要乘上激活函数在该点的导数，所以导数的形状决定了梯度能否顺利回传。
本例把 sigmoid、tanh、ReLU 与 Leaky ReLU 和它们的导数画在一起，
再单独看 sigmoid 与 tanh 的"饱和"区间有多宽。
"""

import matplotlib.pyplot as plt
import numpy as np

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
from dlnotes.plotting import COLORS, describe, use_style

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

panels = [
    (r"sigmoid $\sigma(x)$", sigmoid(x), sigmoid_grad(x)),
    (r"$\tanh(x)$", tanh(x), tanh_grad(x)),
    (r"ReLU", relu(x), relu_grad(x)),
    (rf"Leaky ReLU, $a = {leak}$", leaky_relu(x, leak), leaky_relu_grad(x, leak)),
]

fig, axes = plt.subplots(2, 2, figsize=(9.0, 6.5), sharex=True)
describe(fig, "2×2 四幅子图：sigmoid、tanh、ReLU 与 Leaky ReLU（a = 0.1）的函数曲线（实线）和导数（虚线）。sigmoid 的导数在原点最高只有 0.25，tanh 的导数在原点为 1；ReLU 的导数在负半轴恒为 0，Leaky ReLU 在负半轴仍保留小斜率 a。")
for ax, (name, f, df) in zip(axes.flat, panels):
    ax.plot(x, f, color=COLORS[0], label="f(x)")
    ax.plot(x, df, color=COLORS[1], linestyle="--", label="f'(x)")
    ax.axhline(0.0, color="0.5", linewidth=0.8)
    ax.axvline(0.0, color="0.5", linewidth=0.8)
    ax.set_title(name)
    ax.legend(loc="upper left")

# sigmoid' peaks at x = 0 with value 1/4
sigmoid_grad_max = float(sigmoid_grad(0.0))
ax = axes[0, 0]
ax.plot([0.0], [sigmoid_grad_max], "o", color=COLORS[1])
ax.annotate(r"$\sigma'(0) = 0.25$", xy=(0.0, sigmoid_grad_max), xytext=(1.6, 0.38),
            arrowprops=dict(arrowstyle="->", color="0.3"))

# label the two pieces of Leaky ReLU
ax = axes[1, 1]
ax.annotate(r"slope $a = 0.1$", xy=(-4.0, leaky_relu(-4.0, leak)), xytext=(-5.8, 2.2),
            arrowprops=dict(arrowstyle="->", color="0.3"))
ax.annotate("slope 1", xy=(3.0, 3.0), xytext=(3.4, 1.2),
            arrowprops=dict(arrowstyle="->", color="0.3"))
for ax in axes[:, 0]:
    ax.set_ylabel("value")
for ax in axes[1, :]:
    ax.set_xlabel("x")
fig.suptitle("Activation functions (solid) and their derivatives (dashed)")
plt.show()

# %%
# 从图中可以读出几件事：
#
# * sigmoid 的导数最大只有 :math:`\sigma'(0) = 0.25`，tanh 的导数在原点等于 1；
# * 两者在 :math:`|x|` 较大时导数都趋于 0，这就是"饱和"；
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
# 传回去的梯度不到原点处的 4%。

threshold = 0.01
x_fine = np.linspace(-10.0, 10.0, 200_001)
g_fine = sigmoid_grad(x_fine)
# smallest |x| at which sigmoid' falls below the threshold (grid step 1e-4)
saturation_edge = float(np.abs(x_fine[g_fine < threshold]).min())

sigmoid_grad_at_5 = float(sigmoid_grad(5.0))
tanh_grad_at_0 = float(tanh_grad(0.0))
tanh_grad_at_5 = float(tanh_grad(5.0))

fig, ax = plt.subplots(figsize=(8.0, 4.5))
describe(fig, "sigmoid 与 tanh 的导数曲线：两者都在原点取最大值，随 |x| 增大迅速趋于 0；两侧阴影标出 sigmoid 导数低于 0.01 的饱和区。tanh 的导数峰值更高，但衰减得也更快。")
ax.plot(x, sigmoid_grad(x), color=COLORS[0], label=r"$\sigma'(x)$")
ax.plot(x, tanh_grad(x), color=COLORS[1], label=r"$\tanh'(x)$")
for side in (-1, 1):
    lo, hi = sorted((side * saturation_edge, side * 6.0))
    ax.axvspan(lo, hi, color=COLORS[4], alpha=0.2,
               label=rf"$\sigma'(x) < {threshold}$" if side == 1 else None)
ax.axhline(threshold, color="0.4", linestyle=":", linewidth=1.2)
ax.text(-5.9, threshold + 0.03, "0.01", color="0.3")
ax.annotate(rf"$|x| = {saturation_edge:.2f}$", xy=(saturation_edge, threshold),
            xytext=(2.6, 0.45), arrowprops=dict(arrowstyle="->", color="0.3"))
ax.set_xlim(-6.0, 6.0)
ax.set_ylim(0.0, 1.08)
ax.set_xlabel("x")
ax.set_ylabel("derivative")
ax.set_title("Saturation: sigmoid' and tanh' vanish for large |x|")
ax.legend(loc="upper left")
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

# %%
# 本例留下的结果（测试会检查这些变量）：
#
# * ``sigmoid_grad_max``：:math:`\sigma'(0)`，应为 0.25；
# * ``saturation_edge``：:math:`\sigma'(x)` 首次低于 0.01 时的 :math:`|x|`；
# * ``best_case_sigmoid_chain``：10 个 :math:`\sigma'` 因子乘积的最大可能值。
