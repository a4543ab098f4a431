r"""
自适应学习率：Adagrad 的步长只减不增，RMSprop 与 Adam 会回升
============================================================

Adagrad、RMSprop、Adam 都把学习率 :math:`\eta` 除以“梯度有多大”的估计，得到每个坐标自己的
**有效步长**。区别在于这个估计怎么来：Adagrad 累加从第 1 步起的全部平方梯度
:math:`G_t = \sum_{\tau \le t} g_\tau^2`，RMSprop 和 Adam 用指数滑动平均 :math:`v_t`，只记得最近一段。
本例给三个优化器喂同一串带噪声的梯度，第 500 步起把梯度整体缩小到 1/10，
然后从优化器的内部状态读出有效步长。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes import optim
from dlnotes.plotting import GREY, INK, INK_SOFT, color, figsize, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 梯度序列与有效步长
# ------------------
#
# 一维参数，梯度 :math:`g_t = s_t\,(0.5 + \xi_t)`，:math:`\xi_t \sim \mathcal N(0, 1)`，
# 尺度 :math:`s_t` 在前 500 步为 1、之后为 0.1（好比训练进入了平坦区域）。三个优化器的学习率都是 0.01。
# 有效步长的定义（单位梯度或单位动量对应的参数变化；与 ``torch.optim`` 相同，:math:`\epsilon` 加在开方之后、不在根号里）：
#
# * Adagrad：:math:`\eta / (\sqrt{G_t} + \epsilon)`；
# * RMSprop：:math:`\eta / (\sqrt{v_t} + \epsilon)`，:math:`v_t = \alpha v_{t-1} + (1-\alpha) g_t^2`，:math:`\alpha = 0.99`；
# * Adam：:math:`\dfrac{\eta / (1-\beta_1^t)}{\sqrt{v_t / (1-\beta_2^t)} + \epsilon}`，乘在动量 :math:`m_t` 上，:math:`\beta_2 = 0.999`。

rng = np.random.default_rng(0)
n_steps, switch, lr = 1000, 500, 0.01
scale = np.where(np.arange(1, n_steps + 1) <= switch, 1.0, 0.1)
grads = scale * (0.5 + rng.normal(size=n_steps))  # result: the gradient stream

opts = {
    "Adagrad": optim.Adagrad([np.zeros(1)], lr=lr),
    "RMSprop": optim.RMSprop([np.zeros(1)], lr=lr),
    "Adam": optim.Adam([np.zeros(1)], lr=lr),
}
effective = {name: np.empty(n_steps) for name in opts}  # result: name -> step size per step
for t, g in enumerate(grads, start=1):
    for name, opt in opts.items():
        opt.step([np.array([g])])
        state, group = opt.state[0], opt.param_groups[0]
        if name == "Adagrad":
            effective[name][t - 1] = lr / (np.sqrt(state["sum"][0]) + group["eps"])
        elif name == "RMSprop":
            effective[name][t - 1] = lr / (np.sqrt(state["square_avg"][0]) + group["eps"])
        else:
            b1, b2 = group["betas"]
            effective[name][t - 1] = (lr / (1 - b1**t)) / (
                np.sqrt(state["exp_avg_sq"][0] / (1 - b2**t)) + group["eps"])

before = {name: float(np.mean(e[switch - 50:switch])) for name, e in effective.items()}
after = {name: float(np.mean(e[-50:])) for name, e in effective.items()}
recovery = {name: after[name] / before[name] for name in opts}  # result
for name in opts:
    print(f"{name:8s} effective step: {before[name]:.2e} before step {switch}, "
          f"{after[name]:.2e} at the end (x{recovery[name]:.2f})")

steps = np.arange(1, n_steps + 1)
fig, (ax_g, ax_s) = plt.subplots(1, 2, figsize=figsize(aspect=0.5), width_ratios=(1, 2))
# sphinx_gallery_start_ignore
describe(fig, "左窄图：带噪声的梯度序列，从第 500 步起幅度缩小到十分之一；右宽图：三种优化器的有效步长（对数纵轴），Adagrad 沿 1/√t 虚线一路下降、切换后几乎不回升，RMSprop 和 Adam 在切换后明显回升，RMSprop 回升得更快。")
# sphinx_gallery_end_ignore
ax_g.plot(steps, grads, color=GREY, linewidth=0.6)
ax_g.axvline(switch, color=INK_SOFT, linestyle=":", linewidth=1)
ax_g.set_xlabel("步数 t")
ax_g.set_ylabel(r"梯度 $g_t$")
ax_g.set_title("梯度序列", loc="left")
ax_g.text(switch + 20, ax_g.get_ylim()[1], "第 500 步起\n缩小为 1/10", ha="left", va="top", color=INK_SOFT)
for name, e in effective.items():
    ax_s.semilogy(steps, e, color=color(name), label=name)
ax_s.semilogy(steps[:switch], lr / np.sqrt(steps[:switch] * 1.25), color=INK, linestyle="--",
              linewidth=1, label=r"$\eta / \sqrt{1.25\,t}$")
ax_s.axvline(switch, color=INK_SOFT, linestyle=":", linewidth=1)
ax_s.set_xlabel("步数 t")
ax_s.set_ylabel("有效步长（对数刻度）")
ax_s.set_title("Adagrad 一路变小，RMSprop 与 Adam 会回升", loc="left")
ax_s.legend(loc="upper left", bbox_to_anchor=(0.1, 1.0))
plt.show()

# %%
# Adagrad 的有效步长按 :math:`1/\sqrt t` 下降（虚线：梯度平方的期望为 :math:`0.5^2 + 1 = 1.25`），
# 第 500 步后梯度变小，它也几乎不回升：:math:`G_t` 里还装着前 500 步的大梯度。
# 所以原笔记说 Adagrad“训练后期梯度趋于 0”并不准确：趋于 0 的是有效步长
# :math:`\eta/(\sqrt{G_t} + \epsilon)`，梯度本身并没有变小。
# RMSprop 的滑动平均大约只记得最近 :math:`1/(1-\alpha) = 100` 步，梯度缩小 10 倍后，
# 有效步长在几百步内回升将近 10 倍（见上面打印的比值），参数每步的实际移动量因而保持在 :math:`\eta` 的量级。
# 图中 RMSprop 最初几步的有效步长特别大：它的 :math:`v_t` 从 0 开始且没有偏差校正，:math:`v_1 = 0.01\,g_1^2`。
# Adam 用 :math:`1-\beta_2^t` 校正了这一偏差，第一步的有效步长恰好让参数移动 :math:`\eta`。
# Adam 的 :math:`\beta_2 = 0.999` 记得约 1000 步，回升得慢一些，但同样会回升。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: grads, effective,
# recovery.
# sphinx_gallery_end_ignore
