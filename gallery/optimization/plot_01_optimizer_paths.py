r"""
优化器的轨迹：病态二次函数与 Rosenbrock 函数
============================================

同一个起点、同一个目标函数，六种优化器走出的路线很不一样。本例在两个二维函数上运行
``dlnotes.optim`` 中的 SGD、带动量的 SGD、Nesterov 动量、Adagrad、RMSprop 和 Adam，
把每一步的参数画在等高线图上，并画出损失随步数的变化。

* 病态二次函数 :math:`f(x, y) = \tfrac12(0.1\,x^2 + 4\,y^2)`：两个方向的曲率相差 40 倍（条件数 40），
  是“狭长山谷”的最简模型；
* Rosenbrock 函数 :math:`f(x, y) = (1-x)^2 + 100\,(y - x^2)^2`：最小值 :math:`(1, 1)` 位于一条弯曲的窄谷底部，
  谷底很平，谷壁很陡。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes import optim
from dlnotes.plotting import INK, color, contour_axes, figsize, num, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()
# sphinx_gallery_thumbnail_number = 2

# %%
# 目标函数与优化器设置
# --------------------
#
# 每个优化器的学习率都按“在该函数上大致调好”来选，而不是取同一个值：
# 动量法的有效步长约为 :math:`\eta/(1-\mu)`，所以动量 0.9 配的学习率比纯 SGD 小；
# Adagrad、RMSprop、Adam 的步长大致就是学习率本身（与梯度的大小无关），所以它们的学习率按参数需要移动的距离来取。
# 字典 ``SETTINGS`` 里记下了每个优化器的类名和参数，测试会用 ``torch.optim`` 里的同名类重放同样的轨迹。

CURVATURE = np.array([0.1, 4.0])  # f = 0.5 * (0.1 x^2 + 4 y^2)


def quadratic(p):
    x, y = p
    return 0.5 * (CURVATURE[0] * x * x + CURVATURE[1] * y * y)


def quadratic_grad(p):
    return CURVATURE * p


def rosenbrock(p):
    x, y = p
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def rosenbrock_grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


PROBLEMS = {  # name -> (f, grad f, start, number of steps, minimiser)
    "quadratic": (quadratic, quadratic_grad, (-8.0, 2.0), 100, (0.0, 0.0)),
    "rosenbrock": (rosenbrock, rosenbrock_grad, (-1.2, 1.5), 1500, (1.0, 1.0)),
}
SETTINGS = {  # problem -> label -> (class name in dlnotes.optim / torch.optim, options)
    "quadratic": {
        "SGD": ("SGD", dict(lr=0.4)),
        "Momentum": ("SGD", dict(lr=0.1, momentum=0.9)),
        "Nesterov": ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True)),
        "Adagrad": ("Adagrad", dict(lr=0.7)),
        "RMSprop": ("RMSprop", dict(lr=0.1)),
        "Adam": ("Adam", dict(lr=0.3)),
    },
    "rosenbrock": {
        "SGD": ("SGD", dict(lr=1e-3)),
        "Momentum": ("SGD", dict(lr=1e-3, momentum=0.9)),
        "Nesterov": ("SGD", dict(lr=1e-3, momentum=0.9, nesterov=True)),
        "Adagrad": ("Adagrad", dict(lr=0.1)),
        "RMSprop": ("RMSprop", dict(lr=3e-3)),
        "Adam": ("Adam", dict(lr=0.02)),
    },
}


def run(problem, label):
    """Run one optimizer; return the path (steps + 1, 2) and the loss at every point."""
    f, grad, start, n_steps, _ = PROBLEMS[problem]
    cls, options = SETTINGS[problem][label]
    p = np.array(start)
    opt = getattr(optim, cls)([p], **options)
    path = [p.copy()]
    for _ in range(n_steps):
        opt.step([grad(p)])
        path.append(p.copy())
    path = np.array(path)
    return path, f(path.T)


paths = {pb: {} for pb in PROBLEMS}  # result: problem -> label -> (steps + 1, 2) array
losses = {pb: {} for pb in PROBLEMS}  # result: problem -> label -> loss at every point
for problem in PROBLEMS:
    for label in SETTINGS[problem]:
        paths[problem][label], losses[problem][label] = run(problem, label)
        print(f"{problem:10s} {label:8s} f after {PROBLEMS[problem][3]} steps: "
              f"{losses[problem][label][-1]:.3e}")

STYLE = {  # marker and line style of each optimizer (its colour is its role in dlnotes.plotting)
    "SGD": dict(marker="o", linestyle="-"),
    "Momentum": dict(marker="s", linestyle="-"),
    "Nesterov": dict(marker="^", linestyle="-"),
    "Adagrad": dict(marker="o", linestyle="--"),
    "RMSprop": dict(marker="s", linestyle="-"),
    "Adam": dict(marker="^", linestyle="-"),
}


def contours(ax, problem, grid, levels, filled=False):
    f, _, start, _, minimiser = PROBLEMS[problem]
    X, Y = np.meshgrid(*grid)
    if filled:  # light filled bands: far smaller PNGs than six panels of contour lines
        shades = [str(v) for v in np.linspace(1.0, 0.72, len(levels) + 1)]  # white valley floor
        ax.contourf(X, Y, f((X, Y)), levels=levels, colors=shades, extend="both")
    else:
        ax.contour(X, Y, f((X, Y)), levels=levels, colors="0.75", linewidths=0.8)
    ax.plot(*start, "*", color=INK, markersize=11, zorder=5, label="起点")
    ax.plot(*minimiser, "X", color=INK, markersize=8, zorder=5, label="最小值")
    ax.set_xlim(grid[0][0], grid[0][-1])
    ax.set_ylim(grid[1][0], grid[1][-1])
    contour_axes(ax)  # equal aspect: steps look perpendicular to the level sets


def loss_panel(ax, problem):
    for label, loss in losses[problem].items():
        ax.semilogy(loss, color=color(label), linestyle=STYLE[label]["linestyle"],
                    linewidth=3.2 if label == "Momentum" else 1.6,  # wide: Nesterov's curve runs on top
                    label=label)
    ax.set_xlabel("步数")
    ax.set_ylabel("f（对数刻度）")


# %%
# 病态二次函数
# ------------
#
# 纯 SGD 的学习率受陡峭方向（:math:`y`，曲率 4）限制，必须小于 :math:`2/4 = 0.5`：
# 取 0.4 时它在 :math:`y` 方向每步乘以 :math:`1 - 0.4 \times 4 = -0.6`，来回跳动，
# 在平缓的 :math:`x` 方向（曲率 0.1）每步却只缩小 4%。
# 动量把历次梯度累加起来，沿 :math:`x` 方向一致的分量越积越大，但动量 0.9 的“球”也冲过了头，
# 在山谷里来回摆动；Nesterov 先按动量往前看一步再取梯度，摆动衰减得快得多。
# Adagrad、RMSprop、Adam 对每个坐标分别除以梯度大小的估计，两个方向的步长被拉平，
# 路线不再之字形：Adagrad 和 RMSprop 先斜着下到谷底，再贴着 :math:`y = 0` 走向最小值；
# Adam 的动量使它冲过谷底，摆到 :math:`y \approx -0.7`，再摆回谷底。
# 学习率不变时，Adam 和 RMSprop 的步长不会自动变小，靠近最小值时会在附近来回，损失曲线出现锯齿。
# Adagrad 与 RMSprop 走的几乎是同一条路线（左下图里粉色虚线盖在橄榄色实线上），区别在速度：
# Adagrad 的步长越走越小，右图中它的损失下降得最慢。
# 两幅等高线图的横纵坐标用同样的单位长度，所以每一步梯度下降的方向都与等高线垂直。

grid = (np.linspace(-9, 2, 300), np.linspace(-2.0, 2.4, 160))
levels = np.geomspace(0.005, 40, 12)
fig = plt.figure(figsize=figsize(aspect=0.74, extra=0.35))
# sphinx_gallery_start_ignore
describe(fig, "病态二次函数上 100 步的轨迹与损失。左上：SGD 沿陡峭的 y 方向来回跳，动量法在山谷中大幅摆动，Nesterov 的摆动很快衰减；左下：Adagrad 与 RMSprop 先斜着下到谷底再沿 y = 0 走向最小值，Adam 冲过谷底摆到 y 约 −0.7 处再回来；右：六种优化器的损失随步数下降的对数曲线，Adagrad 最慢。等高线图横纵单位等长。")
# sphinx_gallery_end_ignore
grid_spec = fig.add_gridspec(2, 2, width_ratios=(2.0, 1.0))
ax_top, ax_bottom = fig.add_subplot(grid_spec[0, 0]), fig.add_subplot(grid_spec[1, 0])
ax_loss = fig.add_subplot(grid_spec[:, 1])
for ax, group, title in ((ax_top, ("SGD", "Momentum", "Nesterov"), "SGD 一族"),
                         (ax_bottom, ("Adagrad", "RMSprop", "Adam"), "自适应方法")):
    contours(ax, "quadratic", grid, levels)
    for label in group:
        P, st = paths["quadratic"][label], STYLE[label]
        ax.plot(P[:, 0], P[:, 1], color=color(label), linestyle=st["linestyle"],
                linewidth=1.4, marker=st["marker"], markersize=3, label=label,
                zorder=3 if label == "Adagrad" else 2)  # Adagrad's route hides under RMSprop's
    ax.set_ylabel("y")
    ax.set_title(title, loc="left")
ax_bottom.set_xlabel("x")
loss_panel(ax_loss, "quadratic")
ax_loss.set_title("损失随步数下降")
handles = [ax_top.lines[i] for i in (0, 1)]  # start, minimum
handles += [line for ax in (ax_top, ax_bottom) for line in ax.lines[2:]]
fig.legend(handles, [h.get_label() for h in handles], loc="outside lower center", ncols=4)
fig.suptitle(r"病态二次函数 $f = \frac{1}{2}(0.1\,x^2 + 4\,y^2)$，每种优化器 100 步")
plt.show()

# %%
# Rosenbrock 函数
# ---------------
#
# 从 :math:`(-1.2, 1.5)` 出发，所有方法都先很快落进弯曲的谷底，难的是沿谷底走到 :math:`(1, 1)`。
# 六条路线几乎重合，所以分开来画：每个小图中的圆点间隔 100 步，点越稀说明走得越快，
# 方块是 1500 步后停下的位置，小标题给出此时的函数值。
# 纯 SGD 受谷壁曲率限制（最小值处 Hessian 的最大特征值约 1000），学习率只能取 :math:`10^{-3}` 量级，
# 1500 步后还在半路；动量和 Nesterov 用同样的学习率，沿谷底不断加速，走到了终点。
# Adagrad 的累积平方和只增不减，步长越走越小，也停在半路；RMSprop 的步长不衰减，
# 但学习率固定，在谷底两侧来回，进展变慢；Adam 兼有动量与逐坐标缩放，同样走到终点：前几百步它落后于动量法，最后的损失最低。

grid = (np.linspace(-1.6, 1.6, 200), np.linspace(-0.5, 2.0, 160))
levels = np.geomspace(0.03, 300, 9)
fig, axes = plt.subplots(2, 3, figsize=figsize(3, nrows=2, aspect=0.9, extra=0.3), sharex=True, sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "六幅小图画出六种优化器在 Rosenbrock 函数上 1500 步的轨迹，底色越深函数值越大，圆点每 100 步一个，方块为终点，小标题给出终点的函数值：都先落入弯曲的谷底，SGD 与 Adagrad 停在半路，RMSprop 接近终点，Momentum、Nesterov 和 Adam 到达最小值 (1, 1)。")
# sphinx_gallery_end_ignore
for ax, label in zip(axes.ravel(), SETTINGS["rosenbrock"]):
    contours(ax, "rosenbrock", grid, levels, filled=True)
    P = paths["rosenbrock"][label]
    ax.plot(P[:, 0], P[:, 1], color=color(label), linewidth=1.4)
    ax.plot(P[::100, 0], P[::100, 1], "o", color=color(label), markersize=4)
    ax.plot(*P[-1], "s", color=color(label), markersize=9, markeredgecolor=INK)
    ax.set_title(f"{label}：f = {num(losses['rosenbrock'][label][-1], '.1e')}")
for ax in axes[1]:
    ax.set_xlabel("x")
for ax in axes[:, 0]:
    ax.set_ylabel("y")
fig.suptitle(r"Rosenbrock 函数 $f = (1-x)^2 + 100\,(y-x^2)^2$：圆点每 100 步一个，方块为终点")
plt.show()

# %%
# 同一组运行的损失曲线。动量与 Nesterov 的两条曲线几乎重合（宽的橙红色线是动量，细的绿线是 Nesterov）。

fig, ax = plt.subplots(figsize=figsize(aspect=0.5))
# sphinx_gallery_start_ignore
describe(fig, "Rosenbrock 函数上六种优化器的损失随步数变化（对数纵轴）：SGD 与 Adagrad 下降最慢，RMSprop 稍快并带锯齿，Momentum 与 Nesterov 两条曲线几乎重合、前期降得很快，Adam 起初较慢，后期超过它们降到最低。")
# sphinx_gallery_end_ignore
loss_panel(ax, "rosenbrock")
ax.legend(loc="lower left", ncols=2)
ax.set_title("Rosenbrock 函数：损失随步数下降")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: SETTINGS, paths, losses.
# sphinx_gallery_end_ignore
