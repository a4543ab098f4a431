r"""
早停：在验证误差最低处停下
==========================

训练一个对 20 个数据点来说过大的网络，训练误差会一直下降，验证误差却在某个时刻之后开始上升。
早停（early stopping）每个 epoch 看一次验证误差，连续 ``patience`` 个 epoch 没有刷新最低值就停止训练，
并取回验证误差最低时的参数。本例用 :class:`~dlnotes.regularization.EarlyStopping` 实现这个规则。
"""

import copy

import matplotlib.pyplot as plt
import numpy as np
import torch

from dlnotes.plotting import GREY, INK, PALETTE, SHADE, color, figsize, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore
from dlnotes.regularization import EarlyStopping

use_style()

# sphinx_gallery_start_ignore
# Tensors this small run fastest on one thread; the setting is restored at the end.
torch_threads = torch.get_num_threads()
torch.set_num_threads(1)
# sphinx_gallery_end_ignore

# %%
# 数据、网络与训练
# ----------------
#
# 训练集是 20 个点 :math:`y = \sin(2\pi x) + \varepsilon`，:math:`\varepsilon \sim \mathcal N(0, 0.3^2)`；
# 验证集是同一分布的 200 个点。网络 :math:`1 \to 32 \to 32 \to 1`\ （tanh），有 1153 个参数。
# 用全批量 Adam（:ref:`opt-adam`；学习率 0.02，更新写在 ``train_step`` 里，与 ``torch.optim.Adam`` 相同）训练，
# 每个 epoch 是一步。``EarlyStopping(patience=50)`` 决定何时停止；为了看清停下之后会发生什么，
# 这里仍把 600 个 epoch 跑完，只是记下停止点，并在最低点保存一份参数。

noise_sd, n_train, n_val = 0.3, 20, 200
max_epochs, patience, lr = 600, 50, 0.02


def true_f(x):
    return np.sin(2.0 * np.pi * x)


rng = np.random.default_rng(2)
x_train = rng.uniform(0.0, 1.0, n_train)
y_train = true_f(x_train) + noise_sd * rng.normal(size=n_train)
x_val = rng.uniform(0.0, 1.0, n_val)
y_val = true_f(x_val) + noise_sd * rng.normal(size=n_val)
X, Y = torch.tensor(x_train[:, None]), torch.tensor(y_train[:, None])
XV, YV = torch.tensor(x_val[:, None]), torch.tensor(y_val[:, None])

torch.manual_seed(0)
net = torch.nn.Sequential(
    torch.nn.Linear(1, 32, dtype=torch.float64), torch.nn.Tanh(),
    torch.nn.Linear(32, 32, dtype=torch.float64), torch.nn.Tanh(),
    torch.nn.Linear(32, 1, dtype=torch.float64),
)
n_params = sum(p.numel() for p in net.parameters())  # result
params = list(net.parameters())
moments = [(torch.zeros_like(p), torch.zeros_like(p)) for p in params]


def train_step(t, betas=(0.9, 0.999), eps=1e-8):
    """One full-batch Adam step (the update of torch.optim.Adam); returns the loss."""
    b1, b2 = betas
    loss = torch.mean((net(X) - Y) ** 2)
    net.zero_grad()
    loss.backward()
    with torch.no_grad():
        for p, (m, v) in zip(params, moments):
            m.mul_(b1).add_(p.grad, alpha=1 - b1)
            v.mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
            p.sub_(lr / (1 - b1**t) * m / ((v / (1 - b2**t)).sqrt_().add_(eps)))
    return loss.item()


stopper = EarlyStopping(patience=patience)
train_loss, val_loss = [], []  # results: loss of every epoch
best_state = None
for epoch in range(max_epochs):
    train_loss.append(train_step(epoch + 1))
    with torch.no_grad():
        val_loss.append(torch.mean((net(XV) - YV) ** 2).item())
    already_stopped = stopper.stopped_epoch is not None
    stopper.step(val_loss[-1])
    if not already_stopped and stopper.best_epoch == epoch:
        best_state = copy.deepcopy(net.state_dict())  # keep the parameters of the best epoch
train_loss, val_loss = np.array(train_loss), np.array(val_loss)
best_epoch, stopped_epoch = stopper.best_epoch, stopper.stopped_epoch  # results

grid = np.linspace(0.0, 1.0, 300)
with torch.no_grad():
    fit_final = net(torch.tensor(grid[:, None])).numpy().ravel()  # result: after 600 epochs
    net.load_state_dict(best_state)
    fit_best = net(torch.tensor(grid[:, None])).numpy().ravel()  # result: restored best
    val_loss_restored = torch.mean((net(XV) - YV) ** 2).item()  # result
print(f"{n_params} parameters, {n_train} training points")
print(f"lowest validation MSE {val_loss[best_epoch]:.4f} at epoch {best_epoch}; "
      f"stopped at epoch {stopped_epoch} (patience {patience})")
print(f"after {max_epochs} epochs: training MSE {train_loss[-1]:.4f}, "
      f"validation MSE {val_loss[-1]:.4f}")
print(f"restored parameters: validation MSE {val_loss_restored:.4f}")

# %%
# 损失曲线与两次拟合
# ------------------
#
# 左图：训练与验证均方误差（对数坐标），竖线标出验证误差最低的 epoch 与早停触发的 epoch，
# 中间的阴影就是耐心等待的 ``patience`` 个 epoch。右图：取回的最佳参数与跑满 600 个 epoch 的参数给出的拟合。

fig, (ax_l, ax_f) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.92), width_ratios=(1.2, 1))
# sphinx_gallery_start_ignore
describe(fig, "左：训练（蓝）与验证（橙红）均方误差随 epoch 变化（对数纵轴），训练误差持续下降，验证误差过了最低点后回升，实线竖线标出最佳 epoch，虚线竖线是耐心期结束时的停止点，两者之间的灰色阴影是耐心等待的 epoch；右：真实正弦曲线（灰色虚线）、20 个训练点（蓝），早停取回的参数给出平滑的拟合（黑），跑满 600 个 epoch 的拟合（紫红）追逐噪声点而明显曲折。")
# sphinx_gallery_end_ignore
epochs = np.arange(max_epochs)
ax_l.axvspan(best_epoch, stopped_epoch, color=SHADE, label=f"耐心期 {patience} 个 epoch")
ax_l.semilogy(epochs, train_loss, color=color("train"), label="训练 MSE")
ax_l.semilogy(epochs, val_loss, color=color("validation"), label="验证 MSE")
ax_l.axvline(best_epoch, color=INK, linewidth=1.2)
ax_l.axvline(stopped_epoch, color=INK, linestyle="--", linewidth=1.2)
ax_l.plot(best_epoch, val_loss[best_epoch], "o", color=INK, zorder=5,
          label=f"最佳 epoch {best_epoch}")
ax_l.annotate("停止", xy=(stopped_epoch, 0.9), xycoords=("data", "axes fraction"),
              xytext=(6, 0), textcoords="offset points")
ax_l.axhline(noise_sd**2, color=GREY, linestyle=":", linewidth=1.2)
ax_l.set_xlabel("epoch（一步全批量 Adam）")
ax_l.set_ylabel("MSE")
ax_l.set_ylim(0.004, 2.0)  # room for the legend below the curves
ax_l.set_title("损失曲线与早停", loc="left")
ax_l.legend(loc="lower right")

ax_f.plot(grid, true_f(grid), color=GREY, linestyle="--", linewidth=1.5, label="真实函数 f(x)")
ax_f.plot(grid, fit_best, color=INK, label=f"取回第 {best_epoch} 个 epoch 的参数")
ax_f.plot(grid, fit_final, color=PALETTE["wine"], label=f"训练满 {max_epochs} 个 epoch")
ax_f.plot(x_train, y_train, "o", color=color("train"), markersize=5, label="训练数据")
ax_f.set_xlabel("x")
ax_f.set_ylabel("y")
ax_f.set_ylim(-3.4, 2.0)  # room for the legend below the curves
ax_f.set_title("两组参数给出的拟合", loc="left")
ax_f.legend(loc="lower right")
plt.show()

# sphinx_gallery_start_ignore
torch.set_num_threads(torch_threads)
# sphinx_gallery_end_ignore

# %%
# 前几十个 epoch 里两条曲线一起下降；此后训练误差继续降到噪声方差（点线）以下，验证误差却掉头上升，
# 这正是过拟合的标志。早停在最低点之后再等 ``patience`` 个 epoch，确认没有新的最低值就停下，
# 取回的参数给出一条平滑的曲线，而跑满全程的网络去追逐个别噪声点，曲线明显更曲折。
# ``patience`` 的作用是容忍验证曲线的小幅波动：太小会被一次偶然的上升骗停，错过后面更低的点；
# 太大则在确实已经过拟合之后还要白白多训练很多轮。
# :cite:t:`prechelt1998early` 比较了多种停止准则，结论是更“耐心”的准则平均能换来略好的泛化，代价是更长的训练时间。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: train_loss, val_loss,
# best_epoch, stopped_epoch, patience, val_loss_restored, fit_best, fit_final, n_params.
# sphinx_gallery_end_ignore
