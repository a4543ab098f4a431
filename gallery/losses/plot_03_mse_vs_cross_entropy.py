r"""
分类为什么用交叉熵而不用均方误差
================================

设模型输出 logit :math:`z`，概率 :math:`p = \sigma(z)`，真实标签 :math:`y = 1`。
比较两种损失对 :math:`z` 的梯度：把 :math:`p` 代入均方误差 :math:`(p - y)^2`，
或者代入交叉熵 :math:`-\log p`。本例画出两条梯度曲线，再用梯度下降从一个“非常有把握地错了”的初值出发，
看两种损失各要多少步才能纠正过来。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import sigmoid, sigmoid_grad
from dlnotes.losses import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_backward,
    mse_loss,
    mse_loss_backward,
)
from dlnotes.plotting import INK_SOFT, SHADE, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 两条梯度
# --------
#
# 由链式法则，均方误差经过 sigmoid 的梯度要乘上 :math:`\sigma'(z) = p(1-p)`：
#
# .. math::
#
#    \frac{\partial}{\partial z}(p - 1)^2 = 2(p - 1)\,p\,(1 - p), \qquad
#    \frac{\partial}{\partial z}\bigl(-\log p\bigr) = p - 1 .
#
# 当模型错得很有把握（:math:`z \ll 0`，:math:`p \approx 0`）时，交叉熵的梯度接近 :math:`-1`，
# 是它能取到的最大幅度；均方误差的梯度却因为 :math:`p(1-p) \to 0` 而消失：sigmoid 饱和了，
# 错得越离谱，纠正的力度反而越小。交叉熵里的对数恰好抵消了 sigmoid 的指数，这不是巧合：
# 交叉熵是伯努利分布的负对数似然，它与 sigmoid（伯努利分布的自然参数化）天然配套。
#
# 两条曲线都由 ``dlnotes`` 的函数算出：均方误差的梯度是 ``mse_loss_backward`` 乘上 ``sigmoid_grad``，
# 交叉熵的梯度是 ``binary_cross_entropy_with_logits_backward``。

z = np.linspace(-10.0, 6.0, 1601)
ones = np.ones_like(z)
p = sigmoid(z)
grad_mse = mse_loss_backward(ones, p, ones, reduction="none") * sigmoid_grad(z)  # result
grad_ce = binary_cross_entropy_with_logits_backward(ones, z, ones, reduction="none")  # result
for z0 in (-8.0, -4.0, 0.0, 2.0):
    i = int(np.argmin(np.abs(z - z0)))
    print(f"z = {z0:5.1f}: p = {p[i]:.5f}, dMSE/dz = {grad_mse[i]:+.5f}, dCE/dz = {grad_ce[i]:+.5f}")
z_steepest_mse = float(z[np.argmin(grad_mse)])
print(f"the MSE gradient is steepest at z = {z_steepest_mse:.3f} (p = {sigmoid(z_steepest_mse):.3f})")

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, "标签为 1 时两种损失对 logit z 的梯度：交叉熵（橙红）的梯度 p − 1 在 z 很负、模型很有把握地判错时（灰色区域）接近 −1；经过 sigmoid 的均方误差（蓝）梯度只在 z 略小于 0 处有一个低谷，越往左越趋于 0，梯度消失。")
# sphinx_gallery_end_ignore
ax.axvspan(z[0], -3.0, color=SHADE, zorder=0)
ax.text(-6.5, -0.55, "很有把握地判错\n（标签为 1，$p \\approx 0$）", ha="center", va="center", color=INK_SOFT)
ax.plot(z, grad_ce, color=color("cross_entropy"), label=r"交叉熵：$\partial(-\log p)/\partial z = p - 1$")
ax.plot(z, grad_mse, color=color("mse"), label=r"均方误差：$\partial (p-1)^2/\partial z = 2(p-1)\,p(1-p)$")
ax.axhline(0.0, color=INK_SOFT, linewidth=0.8)
ax.set_xlim(z[0], z[-1])
ax.set_ylim(-1.1, 0.2)
ax.set_xlabel(r"logit $z$（目标 $y = 1$，$p = \sigma(z)$）")
ax.set_ylabel("对 logit 的梯度")
ax.set_title("经过 sigmoid 的均方误差：模型错得越有把握，梯度反而越小")
ax.legend(loc="lower right")
plt.show()

# %%
# 从错误的初值出发
# ----------------
#
# 只有一个可学习的 logit :math:`z`，初值 :math:`z_0 = -6` （:math:`p \approx 0.0025`），
# 学习率 1，分别对两种损失做梯度下降，记录 :math:`p` 超过 0.5 之前要走多少步。

def descend(loss, grad, z0=-6.0, lr=1.0, steps=400):
    """Plain gradient descent on a single logit; returns the trajectory of z and the loss."""
    zs, ls = [z0], []
    for _ in range(steps):
        zt = np.array([zs[-1]])
        ls.append(float(loss(zt)))
        zs.append(zs[-1] - lr * float(grad(zt)[0]))
    return np.array(zs[:-1]), np.array(ls)


target = np.ones(1)
runs = {  # result: name -> (logits, losses) per step
    "cross-entropy": descend(lambda v: binary_cross_entropy_with_logits(v, target),
                             lambda v: binary_cross_entropy_with_logits_backward(1.0, v, target)),
    "MSE": descend(lambda v: mse_loss(sigmoid(v), target),
                   lambda v: mse_loss_backward(1.0, sigmoid(v), target) * sigmoid_grad(v)),
}
steps_to_half = {}  # result: name -> first step at which p >= 0.5
for name, (zs, _) in runs.items():
    hit = np.nonzero(sigmoid(zs) >= 0.5)[0]
    steps_to_half[name] = int(hit[0]) if hit.size else None
    print(f"{name:14s}: p >= 0.5 after {steps_to_half[name]} steps; p after {zs.size} steps = {sigmoid(zs[-1]):.4f}")

names = {"cross-entropy": ("交叉熵", "cross_entropy"), "MSE": ("均方误差", "mse")}
fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "从很有把握的错误初值 z₀ = −6 出发、学习率 1 做梯度下降时，真实类别概率 p 随步数的变化：交叉熵（橙红）几步之内就把 p 推过 0.5 并趋近 1；均方误差（蓝）在很长一段时间里几乎不动，之后才陡然上升。")
# sphinx_gallery_end_ignore
for name, (zs, _) in runs.items():
    label, role = names[name]
    ax.plot(np.arange(zs.size), sigmoid(zs), color=color(role), label=f"{label}：第 {steps_to_half[name]} 步越过 0.5")
ax.axhline(0.5, color=INK_SOFT, linewidth=0.8, linestyle=":")
ax.set_xlabel("梯度下降步数（学习率 1）")
ax.set_ylabel(r"真实类别的概率 $p = \sigma(z)$")
ax.set_ylim(0.0, 1.02)
ax.set_xlim(0, 400)
ax.set_title(r"从很有把握的错误出发（$z_0 = -6$）：均方误差长时间几乎不动")
ax.legend(loc="lower right")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_losses.py: z, grad_mse, grad_ce, runs,
# steps_to_half.
# sphinx_gallery_end_ignore
