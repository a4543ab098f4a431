r"""
回归损失：L1、L2、Smooth L1 与 Huber
====================================

回归问题的损失是残差 :math:`d = \hat y - y` 的函数。本例画出四种常用回归损失及其梯度，
再用一组带离群点的数据看它们各自估计出的“中心”差多远。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.losses import (
    huber_loss,
    huber_loss_backward,
    l1_loss,
    l1_loss_backward,
    mse_loss,
    mse_loss_backward,
    smooth_l1_loss,
    smooth_l1_loss_backward,
)
from dlnotes.plotting import GREY, INK, INK_SOFT, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 损失与梯度
# ----------
#
# .. math::
#
#    \text{L1: } |d|, \qquad \text{L2 (MSE): } d^2, \qquad
#    \text{Smooth L1: } \begin{cases} d^2 / (2\beta), & |d| < \beta\\ |d| - \beta/2, & \text{otherwise} \end{cases}
#
# .. math::
#
#    \text{Huber: } \begin{cases} d^2 / 2, & |d| < \delta\\ \delta\,(|d| - \delta/2), & \text{otherwise} \end{cases}
#
# 梯度分别是 :math:`\operatorname{sign}(d)`、:math:`2d`、:math:`\operatorname{clip}(d/\beta, -1, 1)` 和
# :math:`\operatorname{clip}(d, -\delta, \delta)`。
# L2 的梯度随残差线性增长，一个大残差就能主导整批样本的梯度；L1 的梯度大小恒为 1，
# 但在 0 处不连续，接近最优时也不减小，容易在最优点附近来回跳；
# Smooth L1 和 Huber 在小残差处是二次的（梯度平滑地趋于 0），在大残差处是线性的（梯度有界），兼得两者之长。
# 两者只差一个因子：``huber_loss(d, delta=c) == c * smooth_l1_loss(d, beta=c)``，
# 所以 :math:`\beta = \delta = 1` 时完全相同；图中取 :math:`\beta = \delta = 2` 以便区分。
# 每条曲线都由 ``dlnotes.losses`` 中的损失函数及其 ``*_backward`` 梯度函数算出。

d = np.linspace(-4.0, 4.0, 801)
zero = np.zeros_like(d)
width = 2.0  # beta of smooth L1 = delta of Huber
curves = {  # result: name -> (loss, gradient) on the residual grid ``d``
    "L1": (l1_loss(d, zero, reduction="none"), l1_loss_backward(np.ones_like(d), d, zero, reduction="none")),
    "L2": (mse_loss(d, zero, reduction="none"), mse_loss_backward(np.ones_like(d), d, zero, reduction="none")),
    "smooth L1": (smooth_l1_loss(d, zero, reduction="none", beta=width),
                  smooth_l1_loss_backward(np.ones_like(d), d, zero, reduction="none", beta=width)),
    "Huber": (huber_loss(d, zero, reduction="none", delta=width),
              huber_loss_backward(np.ones_like(d), d, zero, reduction="none", delta=width)),
}
labels = {
    "L1": r"L1：$|d|$",
    "L2": r"L2：$d^2$",
    "smooth L1": rf"Smooth L1，$\beta = {width:g}$",
    "Huber": rf"Huber，$\delta = {width:g}$",
}
roles = {"L1": "l1", "L2": "l2", "smooth L1": "smooth_l1", "Huber": "huber"}
styles = {"L1": "-", "L2": "-", "smooth L1": "-", "Huber": "--"}

fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9))
# sphinx_gallery_start_ignore
describe(fig, "左图：L1（绿）、L2（蓝）、Smooth L1（橄榄色，β = 2）与 Huber（粉，虚线，δ = 2）四种回归损失随残差 d 的变化；右图：它们的梯度。L2 的梯度随残差线性增大，L1 的梯度在 0 处从 −1 跳到 1，Smooth L1 与 Huber 的梯度在 |d| < 2 内线性变化，超出后保持常数。")
# sphinx_gallery_end_ignore
for name, (loss, grad) in curves.items():
    ax_l.plot(d, loss, color=color(roles[name]), linestyle=styles[name], label=labels[name])
    ax_g.plot(d, grad, color=color(roles[name]), linestyle=styles[name], label=labels[name])
for ax in (ax_l, ax_g):
    ax.axvline(-width, color=INK_SOFT, linewidth=0.8, linestyle=":")
    ax.axvline(width, color=INK_SOFT, linewidth=0.8, linestyle=":")
    ax.set_xlim(d[0], d[-1])
    ax.set_xlabel(r"残差 $d = \hat{y} - y$")
ax_l.set_ylim(0.0, 8.0)
ax_l.set_ylabel("损失")
ax_l.set_title("损失")
ax_l.legend(loc="upper center")
ax_g.set_ylim(-4.5, 4.5)
ax_g.set_ylabel(r"梯度 $\partial \ell / \partial \hat{y}$")
ax_g.set_title("梯度：L2 无界，其余有界")
plt.show()

# %%
# 离群点
# ------
#
# 用常数 :math:`c` 拟合一组数，最小化 :math:`\sum_i \ell(c - y_i)` 得到的就是该损失下的“中心”：
# L2 给出均值，L1 给出中位数。Huber 损失在小残差上是平方、在大残差上是线性：它的估计像中位数一样不被离群点拉走，
# 在正常点附近又保留了平方损失的平滑，这正是 :cite:t:`huber1964robust` 提出它的动机
# （稳健地估计位置参数）。下面 40 个点来自 :math:`\mathcal N(0, 1)`，再混入 4 个在 15 附近的离群点，
# 在网格上找各损失的最小点。

rng = np.random.default_rng(0)
data = np.concatenate([rng.normal(0.0, 1.0, 40), rng.normal(15.0, 1.0, 4)])
c_grid = np.linspace(-2.0, 4.0, 6001)
residuals = c_grid[:, None] - data[None, :]
flat = residuals.ravel()
objectives = {
    "L1": l1_loss(flat, np.zeros_like(flat), reduction="none").reshape(residuals.shape).sum(1),
    "L2": mse_loss(flat, np.zeros_like(flat), reduction="none").reshape(residuals.shape).sum(1),
    "Huber": huber_loss(flat, np.zeros_like(flat), reduction="none", delta=1.0).reshape(residuals.shape).sum(1),
}
centres = {name: float(c_grid[np.argmin(obj)]) for name, obj in objectives.items()}  # result: name -> c
print(f"mean {data.mean():.3f}, median {np.median(data):.3f}, mean of the 40 inliers {data[:40].mean():.3f}")
for name, c in centres.items():
    print(f"{name:6s} estimate of the centre: {c:.3f}")

fig, ax = plt.subplots(figsize=figsize(aspect=0.4))
# sphinx_gallery_start_ignore
describe(fig, "数轴上 40 个聚在 0 附近的正常点（灰色短线）和 4 个在 15 附近的离群点（深色短线），竖线标出用 L1（绿）、L2（蓝，虚线）、Huber（粉，点线）损失拟合一个常数得到的中心：L2 的结果（均值）被离群点拉向右侧，约为 1.4，L1 与 Huber 的结果几乎重合，仍留在正常点中间。")
# sphinx_gallery_end_ignore
ax.plot(data[:40], np.zeros(40), "|", color=GREY, markersize=20, label="正常点")
ax.plot(data[40:], np.zeros(4), "|", color=INK, markersize=20, markeredgewidth=2, label="离群点")
for (name, c), style in zip(centres.items(), ["-", "--", ":"]):
    ax.axvline(c, color=color(roles[name]), linewidth=2.5, linestyle=style, label=f"{name} 拟合：c = {c:.2f}")
ax.set_yticks([])
ax.set_ylim(-1, 1.4)
ax.set_xlabel("取值")
ax.set_title("拟合一个常数：L2 被 4 个离群点拉走，L1 与 Huber 不会")
ax.legend(loc="upper center", ncols=3, markerscale=0.5)
ax.grid(False)
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_losses.py: d, curves, width, data, centres.
# sphinx_gallery_end_ignore
