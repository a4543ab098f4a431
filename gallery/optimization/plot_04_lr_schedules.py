r"""
学习率调度：阶梯、指数、余弦与线性预热
======================================

训练初期参数离好的区域很远，可以走大步；后期需要小步才能停稳。学习率调度器在每个训练步
（或每个 epoch）之后调整优化器的学习率。本例用 ``dlnotes.optim`` 中与
``torch.optim.lr_scheduler`` 同名、同公式的调度器画出 100 步内的学习率曲线，初始学习率都是 0.1。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes import optim
from dlnotes.plotting import INK_SOFT, MEDIUM, color, figsize, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 四种常用调度
# ------------
#
# * ``StepLR(step_size=30, gamma=0.1)``：每 30 步乘以 0.1，:math:`\eta_t = \eta_0\,\gamma^{\lfloor t/30 \rfloor}`；
# * ``ExponentialLR(gamma=0.96)``：每步乘以 0.96，:math:`\eta_t = \eta_0\,\gamma^t`；
# * ``CosineAnnealingLR(T_max=100)``：:math:`\eta_t = \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})(1 + \cos(\pi t / T_{\max}))`；
# * 线性预热 + 余弦：``LinearLR(start_factor=0.01, total_iters=10)`` 把学习率在 10 步内从
#   :math:`0.01\,\eta_0` 线性升到 :math:`\eta_0`，再由 ``SequentialLR`` 切换到 ``CosineAnnealingLR(T_max=90)``。
#
# 调度器每次 ``step()`` 都改写优化器 ``param_groups[0]["lr"]``；和 PyTorch 一样，先调用优化器的 ``step``，再调用调度器的 ``step``。

N_STEPS, BASE_LR = 100, 0.1


def schedule(make):
    """Learning rate at steps 0..N_STEPS of the scheduler built by ``make(optimizer)``."""
    param = np.zeros(1)
    opt = optim.SGD([param], lr=BASE_LR)
    sched = make(opt)
    lrs = [opt.param_groups[0]["lr"]]
    for _ in range(N_STEPS):
        opt.step([np.zeros(1)])  # a real training step would go here
        sched.step()
        lrs.append(opt.param_groups[0]["lr"])
    return np.array(lrs)


def warmup_cosine(opt):
    warmup = optim.LinearLR(opt, start_factor=0.01, total_iters=10)
    cosine = optim.CosineAnnealingLR(opt, T_max=90)
    return optim.SequentialLR(opt, [warmup, cosine], milestones=[10])


schedules = {  # result: name -> learning rate at steps 0..100
    "StepLR": schedule(lambda o: optim.StepLR(o, step_size=30, gamma=0.1)),
    "ExponentialLR": schedule(lambda o: optim.ExponentialLR(o, gamma=0.96)),
    "CosineAnnealingLR": schedule(lambda o: optim.CosineAnnealingLR(o, T_max=100)),
    "warm-up + cosine": schedule(warmup_cosine),
}
for name, lrs in schedules.items():
    print(f"{name:18s} lr at steps 0, 10, 30, 50, 100: "
          + ", ".join(f"{lrs[t]:.4f}" for t in (0, 10, 30, 50, 100)))

TITLES = {"StepLR": "StepLR：阶梯", "ExponentialLR": "ExponentialLR：指数",
          "CosineAnnealingLR": "CosineAnnealingLR：余弦", "warm-up + cosine": "线性预热 + 余弦"}
fig, axes = plt.subplots(2, 2, figsize=figsize(2, nrows=2, aspect=0.55, extra=0.3), sharex=True, sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "四幅 100 步内的学习率曲线，初始值都是 0.1：StepLR 每 30 步降为十分之一，呈阶梯状；ExponentialLR 平滑地指数衰减；CosineAnnealingLR 沿余弦从 0.1 降到 0；预热加余弦先在 10 步内线性升到 0.1，再沿余弦降到 0。")
# sphinx_gallery_end_ignore
steps = np.arange(N_STEPS + 1)
for ax, (name, lrs) in zip(axes.ravel(), schedules.items()):
    ax.plot(steps, lrs, color=color("data"), drawstyle="steps-post" if name == "StepLR" else "default")
    ax.set_title(TITLES[name], loc="left")
    ax.set_ylim(-0.005, 0.108)
for ax in axes[1]:
    ax.set_xlabel("步数")
for ax in axes[:, 0]:
    ax.set_ylabel("学习率")
plt.show()

# %%
# 阶梯衰减简单直接，常见于 ResNet 一类的经典训练配方（例如在总轮数的 1/2 和 3/4 处各除以 10）；
# 指数衰减平滑但衰减快慢完全由 :math:`\gamma` 决定，容易过早变得太小；
# 余弦退火开头和结尾都很平，中间下降最快，只需指定总步数。
# 预热用于训练开头：参数刚初始化、Adam 的二阶矩估计还不准时，大学习率容易让损失爆掉，
# 先用小学习率走几步再升上去，大批量训练和 Transformer 几乎都这样做。
#
# 带重启的余弦（SGDR）
# --------------------
#
# :cite:t:`loshchilov2017sgdr` 把余弦退火周期性地重新开始：每个周期末学习率降到很低，
# 模型停进附近的一个极小值；周期开始时学习率跳回高值，参数被“踢”出当前区域，去别处继续搜索。
# 这里把 4 段 ``CosineAnnealingLR(T_max=25)`` 用 ``SequentialLR`` 串起来得到等长周期的版本
# （PyTorch 中对应 ``CosineAnnealingWarmRestarts(T_0=25)``）。

restarts = schedule(lambda o: optim.SequentialLR(
    o, [optim.CosineAnnealingLR(o, T_max=25) for _ in range(4)], milestones=[25, 50, 75]))
schedules["cosine with restarts"] = restarts  # result
print("cosine with restarts, lr at steps 24, 25, 26:",
      ", ".join(f"{restarts[t]:.4f}" for t in (24, 25, 26)))

fig, ax = plt.subplots(figsize=figsize(width=MEDIUM, aspect=0.5))  # shown at 80 % on the notes page
# sphinx_gallery_start_ignore
describe(fig, "带热重启的余弦退火：学习率在每个 25 步的周期内沿余弦从 0.1 降到接近 0，在第 25、50、75 步（点线处）跳回 0.1，共四个周期。")
# sphinx_gallery_end_ignore
ax.plot(steps, restarts, color=color("data"))
for t in (25, 50, 75):
    ax.axvline(t, color=INK_SOFT, linestyle=":", linewidth=1)
ax.set_xlabel("步数")
ax.set_ylabel("学习率")
ax.set_title("带热重启的余弦退火：每 25 步重启一次")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: schedules.
# sphinx_gallery_end_ignore
