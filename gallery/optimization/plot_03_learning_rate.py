r"""
学习率：太小、合适、太大
========================

学习率 :math:`\eta` 决定每一步沿负梯度走多远。在一维二次函数 :math:`f(w) = \tfrac{a}{2} w^2` 上，
梯度下降 :math:`w_{t+1} = w_t - \eta a w_t = (1 - \eta a)\,w_t` 有精确解
:math:`w_t = (1-\eta a)^t w_0`，于是一切由 :math:`|1 - \eta a|` 决定：

* :math:`0 < \eta < 1/a`：单调地靠近最小值，:math:`\eta` 越小越慢；
* :math:`1/a < \eta < 2/a`：每步越过最小值，在两侧来回跳，但幅度在缩小；
* :math:`\eta > 2/a`：每步都跳得比上一步更远，发散。

多维时 :math:`a` 换成 Hessian 的最大特征值：最陡的方向决定了学习率的上限。
本例取 :math:`a = 2` （临界学习率 :math:`2/a = 1`），用 ``dlnotes.optim.SGD`` 跑四个学习率。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes import optim
from dlnotes.plotting import GREY, INK, figsize, readable, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 四个学习率各跑 20 步
# --------------------

a, w0, n_steps = 2.0, 1.5, 20
critical_lr = 2.0 / a  # result: above this, gradient descent diverges
learning_rates = {"too small": 0.05, "good": 0.3, "oscillating": 0.9, "too large": 1.05}
iterates = {}  # result: label -> w_0 .. w_n
for label, lr in learning_rates.items():
    w = np.array([w0])
    opt = optim.SGD([w], lr=lr)
    trace = [w[0]]
    for _ in range(n_steps):
        opt.step([a * w])
        trace.append(w[0])
    iterates[label] = np.array(trace)
    print(f"lr = {lr:<4} ({label:11s}): |1 - lr a| = {abs(1 - lr * a):.2f}, "
          f"f(w_{n_steps}) = {0.5 * a * trace[-1] ** 2:.3e}")
print(f"critical learning rate 2/a = {critical_lr}")

NAMES = {"too small": "太小", "good": "合适", "oscillating": "振荡", "too large": "太大"}
lr_colors = dict(zip(learning_rates, sequential(len(learning_rates))))  # ordered: dark = small
fig = plt.figure(figsize=figsize(aspect=0.62, extra=0.2))
# sphinx_gallery_start_ignore
describe(fig, "左边四幅小图在抛物线上标出梯度下降前 8 步的位置（星号为起点）：学习率 0.05 时缓慢挪向谷底，0.3 时几步到底，0.9 时在两侧来回跳但逐渐收敛，1.05 时越跳越远、第 8 步已到抛物线的高处；右图是四种学习率的损失随步数变化（对数纵轴），前三条下降，最后一条向上发散。")
# sphinx_gallery_end_ignore
panels = fig.subplot_mosaic([["too small", "good", "loss"], ["oscillating", "too large", "loss"]],
                            width_ratios=(1, 1, 1.25))
w_grid = np.linspace(-3.6, 3.6, 400)
for label, lr in learning_rates.items():
    ax = panels[label]
    w = iterates[label][:9]  # the first 8 steps are enough to see the pattern
    ax.plot(w_grid, 0.5 * a * w_grid**2, color=GREY, linewidth=1.5)
    ax.plot(w, 0.5 * a * w**2, "-o", color=lr_colors[label], markersize=4, linewidth=1.2)
    ax.plot(w[0], 0.5 * a * w[0] ** 2, "*", color=INK, markersize=10)
    ax.set_xlim(-3.6, 3.6)
    ax.set_ylim(-0.4, 13.0)  # the diverging run reaches f = 10.3 at step 8: all of it is shown
    ax.set_title(rf"{NAMES[label]}：$\eta = {lr}$")
for label in ("oscillating", "too large"):
    panels[label].set_xlabel("w")
for label in ("too small", "oscillating"):
    panels[label].set_ylabel(r"$f(w) = w^2$")
ax = panels["loss"]
for label, lr in learning_rates.items():
    loss = 0.5 * a * iterates[label] ** 2
    ax.semilogy(loss, "-o", color=lr_colors[label], markersize=3)
    ax.text(n_steps + 0.6, loss[-1], rf"$\eta = {lr}$", va="center", color=readable(lr_colors[label]))
ax.set_xlabel("步数")
ax.set_ylabel("损失（对数刻度）")
ax.set_xticks(range(0, n_steps + 1, 5))
ax.set_xlim(0, n_steps + 6.5)
ax.set_title(r"$\eta > 2/a = 1$ 时发散")
plt.show()

# %%
# 左边四幅小图画出前 8 步在抛物线上的位置（星号是起点），颜色由深到浅对应学习率由小到大。学习率太小，每步只挪一点，
# 20 步后损失仍然可观；合适的学习率几步就到达谷底；:math:`\eta = 0.9` 时每步都越过最小值，
# 在两侧来回，收敛得反而比 0.3 慢；:math:`\eta = 1.05` 越过临界值 :math:`2/a`，每步离最小值更远，损失指数上升。
# 真实网络的训练曲线也有同样的三种形态：损失几乎不动（太小）、稳定下降（合适）、
# 剧烈震荡甚至变成 ``inf``/``NaN`` （太大）。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: learning_rates, iterates,
# critical_lr.
# sphinx_gallery_end_ignore
