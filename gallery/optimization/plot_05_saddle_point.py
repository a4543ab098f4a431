r"""
鞍点：梯度下降停住，小批量噪声帮它逃出
======================================

在鞍点处梯度为 0，但它不是极小值：沿某些方向是谷底，沿另一些方向是山脊。
:math:`F(x, y) = \tfrac12 x^2 + \tfrac14 y^4 - \tfrac12 y^2` 在原点有一个鞍点
（Hessian 为 :math:`\operatorname{diag}(1, -1)`），两个极小值在 :math:`(0, \pm 1)`，:math:`F = -1/4`。
本例比较三种走法：精确地从 :math:`y = 0` 出发的全批量梯度下降，从 :math:`y = 10^{-4}` 出发的全批量梯度下降，
以及同样从 :math:`y = 0` 出发、但每步只用一个小批量估计梯度的 SGD。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator

from dlnotes import optim
from dlnotes.plotting import GREY, INK, INK_SOFT, color, contour_axes, figsize, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 由样本构成的损失
# ----------------
#
# 为了让“小批量噪声”有真实的来源，把 :math:`F` 写成 256 个样本损失的平均：
# :math:`f_i(x, y) = \tfrac12 (x - a_i)^2 + \tfrac14 y^4 - \tfrac12 y^2 + b_i\, y`，
# 其中 :math:`a_i, b_i \sim \mathcal N(0, 1)` 且减去了样本均值（所以 :math:`\sum_i a_i = \sum_i b_i = 0`）。
# 全批量梯度恰好是 :math:`\nabla F = (x,\ y^3 - y)`；大小为 8 的小批量梯度是
# :math:`(x - \bar a_B,\ y^3 - y + \bar b_B)`，平均而言等于全批量梯度，但每一步都带着随机偏差。
# 三种走法都用 ``dlnotes.optim.SGD(lr=0.1)``，各走 300 步。

rng = np.random.default_rng(0)
n_samples, batch_size, lr, n_steps = 256, 8, 0.1, 300
a = rng.normal(size=n_samples)
a -= a.mean()
b = rng.normal(size=n_samples)
b -= b.mean()


def full_loss(p):
    x, y = p
    return 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2


def full_grad(p):
    x, y = p
    return np.array([x, y**3 - y])


def minibatch_grad(p):
    idx = rng.choice(n_samples, size=batch_size, replace=False)
    x, y = p
    return np.array([x - a[idx].mean(), y**3 - y + b[idx].mean()])


def descend(start, grad):
    p = np.array(start)
    opt = optim.SGD([p], lr=lr)
    path = [p.copy()]
    for _ in range(n_steps):
        opt.step([grad(p)])
        path.append(p.copy())
    return np.array(path)


runs = {  # result: label -> path of (x, y), steps + 1 rows
    "GD from y = 0": descend((2.0, 0.0), full_grad),
    "GD from y = 1e-4": descend((2.0, 1e-4), full_grad),
    "SGD (batch 8) from y = 0": descend((2.0, 0.0), minibatch_grad),
}
loss = {k: full_loss(P.T) for k, P in runs.items()}  # result: full-batch loss along each path
grad_norm = {k: np.linalg.norm(full_grad(P.T), axis=0) for k, P in runs.items()}  # result
# first step at which |y| > 0.5, i.e. the path has left the saddle (None if never)
escape_step = {k: (int(np.argmax(np.abs(P[:, 1]) > 0.5)) if np.any(np.abs(P[:, 1]) > 0.5)
                   else None) for k, P in runs.items()}  # result
for k in runs:
    print(f"{k:26s} final F = {loss[k][-1]:+.4f}, |grad F| = {grad_norm[k][-1]:.1e}, "
          f"leaves the saddle at step {escape_step[k]}")

# %%
# 路线、损失与梯度范数
# --------------------

RUN_STYLE = {  # label -> (Chinese label, colour, line width)
    "GD from y = 0": (r"全批量 GD，从 $y = 0$ 出发", GREY, 5.0),
    "GD from y = 1e-4": (r"全批量 GD，从 $y = 10^{-4}$ 出发", INK, 1.5),
    "SGD (batch 8) from y = 0": (r"小批量 SGD（批大小 8），从 $y = 0$ 出发", color("SGD"), 1.5),
}
fig = plt.figure(figsize=figsize(aspect=0.56, extra=0.55))
# sphinx_gallery_start_ignore
describe(fig, "左：函数 F 的等高线（虚线为 F < 0 的等高线，围着两个极小值）与三条路线，从 y = 0 出发的全批量梯度下降（灰色粗线）沿 x 轴停在原点的鞍点，从 y = 10⁻⁴ 出发的（黑线）在鞍点停留一阵后转向极小值，小批量 SGD（蓝线）很快被噪声推离、落入一个极小值；右上：全批量损失，两条梯度下降曲线在 F = 0 处有平台；右下：梯度范数（对数纵轴），停在鞍点的一条一路趋近 0。")
# sphinx_gallery_end_ignore
grid_spec = fig.add_gridspec(2, 2, width_ratios=(1.45, 1))
ax_c = fig.add_subplot(grid_spec[:, 0])
ax_l, ax_g = fig.add_subplot(grid_spec[0, 1]), fig.add_subplot(grid_spec[1, 1])
X, Y = np.meshgrid(np.linspace(-2.3, 2.3, 300), np.linspace(-1.6, 1.6, 240))
ax_c.contour(X, Y, full_loss((X, Y)), levels=np.linspace(-0.24, 2.4, 14), colors="0.7",
             linewidths=0.8, negative_linestyles="dashed")
ax_c.plot(0, 0, "P", color=INK, markersize=10)
ax_c.annotate("鞍点", (0, 0), xytext=(-1.6, 0.3), arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax_c.plot([0, 0], [-1, 1], "X", color=INK, markersize=9)
ax_c.annotate("极小值", (0, 1), xytext=(-2.0, 1.3), arrowprops=dict(arrowstyle="->", color=INK_SOFT))
for k, P in runs.items():
    label, line_color, width = RUN_STYLE[k]
    ax_c.plot(P[:, 0], P[:, 1], color=line_color, linewidth=width, label=label)
ax_c.set_xlabel("x")
ax_c.set_ylabel("y")
ax_c.set_title(r"$F = \frac{1}{2}x^2 + \frac{1}{4}y^4 - \frac{1}{2}y^2$")
contour_axes(ax_c)
for k, values in loss.items():
    _, line_color, width = RUN_STYLE[k]
    ax_l.plot(values, color=line_color, linewidth=min(width, 3.0))
ax_l.axhline(-0.25, color=INK_SOFT, linestyle=":", linewidth=1)
ax_l.set_ylabel("全批量损失 F")
ax_l.set_title("损失：鞍点处的平台 F = 0", loc="left")
ax_l.tick_params(labelbottom=False)
for k, values in grad_norm.items():
    _, line_color, width = RUN_STYLE[k]
    ax_g.semilogy(values, color=line_color, linewidth=min(width, 3.0))
ax_g.set_xlabel("步数")
ax_g.set_ylabel(r"$\|\nabla F\|$（对数刻度）")
ax_g.set_title("梯度范数：在鞍点趋近 0", loc="left")
ax_g.yaxis.set_major_locator(LogLocator(numticks=4))
ax_g.sharex(ax_l)
negative = Line2D([], [], color="0.7", linestyle="--", linewidth=0.8, label="等高线，虚线为 F < 0")
fig.legend(handles=[*ax_c.lines[2:], negative], loc="outside lower center", ncols=2)
plt.show()

# %%
# 从 :math:`y = 0` 精确出发的梯度下降，:math:`y` 方向的梯度 :math:`y^3 - y` 始终为 0，
# 它老老实实地收敛到鞍点：损失停在 0（而不是 :math:`-1/4`），梯度范数一路降到 :math:`10^{-13}` 以下，
# 从监控曲线上看与“已经收敛”毫无区别。
# 只要 :math:`y` 有一点点偏离，鞍点附近 :math:`y_{t+1} \approx (1 + \eta)\,y_t` 就会把偏离按指数放大，
# 但从 :math:`10^{-4}` 放大到 0.5 要 :math:`\ln(5000)/\ln 1.1 \approx 89` 步，
# 这段时间损失曲线是一段平台，梯度极小，看起来像卡住了。
# 小批量梯度自带噪声，:math:`y` 一开始就被随机地推离 0，几十步内就落入一个极小值。
# 高维网络的损失曲面上，这类鞍点远比坏的局部极小值多 :cite:p:`dauphin2014identifying`，
# 随机梯度的噪声是帮助逃离它们的重要因素之一。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: runs, loss, grad_norm,
# escape_step.
# sphinx_gallery_end_ignore
