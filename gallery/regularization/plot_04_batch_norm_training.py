r"""
有无批归一化：训练一个 6 层 MLP
===============================

批归一化（BN）把每一层的预激活在小批量上标准化，再做可学习的缩放与平移。
本例先验证 :func:`~dlnotes.normalization.batch_norm_backward` 的手写梯度与 PyTorch 自动求导一致，
再把 :func:`~dlnotes.normalization.batch_norm` 和它的反向传播包装成一个 PyTorch 层，
训练一个 6 个隐藏层的 ReLU 网络，与不带 BN 的同一网络比较损失曲线。
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.lines import Line2D

from dlnotes.normalization import batch_norm, batch_norm_backward
from dlnotes.plotting import GREY, INK_SOFT, MEDIUM, PALETTE, color, figsize, readable, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# sphinx_gallery_start_ignore
# Tensors this small run fastest on one thread; the setting is restored at the end.
torch_threads = torch.get_num_threads()
torch.set_num_threads(1)
# sphinx_gallery_end_ignore

# %%
# 手写反向传播与自动求导
# ----------------------
#
# 对一个 :math:`(16, 5)` 的随机输入，用 ``torch.nn.functional.batch_norm``\ （训练模式）前向，
# 对随机的上游梯度 :math:`\partial\ell/\partial y` 做自动求导，再与手写公式比较，打印最大绝对误差。

rng = np.random.default_rng(0)
x_check = rng.normal(2.0, 3.0, size=(16, 5))
gamma_check, beta_check = rng.uniform(0.5, 1.5, 5), rng.normal(size=5)
g_check = rng.normal(size=(16, 5))
xt = torch.tensor(x_check, requires_grad=True)
wt = torch.tensor(gamma_check, requires_grad=True)
bt = torch.tensor(beta_check, requires_grad=True)
yt = torch.nn.functional.batch_norm(xt, None, None, wt, bt, training=True)
autograd = [a.numpy() for a in torch.autograd.grad((yt * torch.tensor(g_check)).sum(), (xt, wt, bt))]
ours = batch_norm_backward(g_check, x_check, gamma_check)
max_grad_error = {  # result: largest absolute difference per gradient
    name: float(np.max(np.abs(a - b)))
    for name, a, b in zip(("input", "weight", "bias"), ours, autograd)
}
forward_error = float(np.max(np.abs(
    batch_norm(x_check, None, None, gamma_check, beta_check, training=True) - yt.detach().numpy())))
print(f"forward: max |ours - torch| = {forward_error:.1e}")
for name, err in max_grad_error.items():
    print(f"grad w.r.t. {name}: max |hand-written - autograd| = {err:.1e}")

# %%
# 用 dlnotes 的 BN 搭一层
# -----------------------
#
# ``BatchNormFn`` 的前向调用 :func:`~dlnotes.normalization.batch_norm`\ （训练时就地更新滑动平均），
# 反向调用 :func:`~dlnotes.normalization.batch_norm_backward`；``BatchNorm`` 层持有
# :math:`\gamma, \beta` 两个参数和两个滑动统计量，和 ``torch.nn.BatchNorm1d`` 的约定相同
# （动量 0.1，:math:`\varepsilon = 10^{-5}`）。


class BatchNormFn(torch.autograd.Function):
    """Batch norm whose forward and backward are the NumPy functions of dlnotes."""

    @staticmethod
    def forward(ctx, x, weight, bias, running_mean, running_var, training, momentum, eps):
        y = batch_norm(x.detach().numpy(), running_mean, running_var,
                       weight.detach().numpy(), bias.detach().numpy(),
                       training=training, momentum=momentum, eps=eps)
        ctx.save_for_backward(x, weight)
        ctx.eps = eps
        return torch.from_numpy(y)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        gx, gw, gb = batch_norm_backward(grad_output.numpy(), x.detach().numpy(),
                                         weight.detach().numpy(), eps=ctx.eps)
        return torch.from_numpy(gx), torch.from_numpy(gw), torch.from_numpy(gb), *[None] * 5


class BatchNorm(torch.nn.Module):
    """Drop-in for ``torch.nn.BatchNorm1d`` (float64) built on dlnotes.normalization."""

    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(num_features, dtype=torch.float64))
        self.bias = torch.nn.Parameter(torch.zeros(num_features, dtype=torch.float64))
        self.running_mean = np.zeros(num_features)  # updated in place by batch_norm
        self.running_var = np.ones(num_features)
        self.momentum, self.eps = momentum, eps

    def forward(self, x):
        # in eval mode the statistics are constants and no backward pass is needed
        return BatchNormFn.apply(x, self.weight, self.bias, self.running_mean,
                                 self.running_var, self.training, self.momentum, self.eps)


# %%
# 数据、网络与训练
# ----------------
#
# 两条交错的螺旋线（各约 512 个点）做二分类。网络是 :math:`2 \to 32 \to \dots \to 32 \to 2`，
# 6 个隐藏层，ReLU 激活，比较三种设置：
#
# * 不带 BN，PyTorch 默认初始化；
# * 不带 BN，He 初始化（权重方差 :math:`2/n_{\text{in}}`，见 :ref:`opt-he`）；
# * 每个线性层之后、ReLU 之前加 BN，PyTorch 默认初始化。
#
# 三者用同一份随机小批量（批大小 128）、同样的 SGD 训练 100 步，全部用 float64。
# 学习率先取 0.1，再把后两种设置用 0.5 重训一遍。

n_samples, depth, width = 1024, 6, 32
n_steps, batch_size = 100, 128


def spirals(n, rng):
    """Two interleaved spirals in the plane, labels 0/1."""
    t = np.sqrt(rng.uniform(0.0, 1.0, n)) * 3.0 * np.pi
    label = rng.integers(0, 2, n)
    angle = t + label * np.pi
    radius = t / (3.0 * np.pi)
    points = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
    return points + 0.03 * rng.normal(size=(n, 2)), label


X_np, y_np = spirals(n_samples, np.random.default_rng(1))
X, Y = torch.tensor(X_np), torch.tensor(y_np)


def make_net(norm=None, init="default"):
    """The MLP; ``norm`` is None, ``"dlnotes"`` (BatchNorm above) or ``"torch"``."""
    torch.manual_seed(0)
    layers, fan_in = [], 2
    for _ in range(depth):
        linear = torch.nn.Linear(fan_in, width, dtype=torch.float64)
        if init == "he":
            torch.nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
            torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if norm == "dlnotes":
            layers.append(BatchNorm(width))
        elif norm == "torch":
            layers.append(torch.nn.BatchNorm1d(width, dtype=torch.float64))
        layers.append(torch.nn.ReLU())
        fan_in = width
    layers.append(torch.nn.Linear(fan_in, 2, dtype=torch.float64))
    return torch.nn.Sequential(*layers)


def train(net, steps, lr, seed=2):
    """Plain mini-batch SGD on the cross-entropy; returns the loss of every step."""
    batches = np.random.default_rng(seed)
    losses = []
    net.train()
    for _ in range(steps):
        idx = torch.from_numpy(batches.choice(n_samples, batch_size, replace=False))
        loss = torch.nn.functional.cross_entropy(net(X[idx]), Y[idx])
        net.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in net.parameters():
                p.sub_(lr * p.grad)
        losses.append(loss.item())
    return np.array(losses)


def hidden_std(net):
    """Standard deviation of every hidden layer's output (after ReLU) on all the data."""
    stds, h = [], X
    with torch.no_grad():
        for layer in net:
            h = layer(h)
            if isinstance(layer, torch.nn.ReLU):
                stds.append(h.std().item())
    return np.array(stds)


setups = {
    "no BN, default init": dict(norm=None, init="default"),
    "no BN, He init": dict(norm=None, init="he"),
    "BN, default init": dict(norm="dlnotes", init="default"),
}
learning_rates = {0.1: list(setups), 0.5: ["no BN, He init", "BN, default init"]}
loss_curves = {}  # result: (lr, setup name) -> loss of every step
init_std = {name: hidden_std(make_net(**kwargs)) for name, kwargs in setups.items()}  # result
for lr, names in learning_rates.items():
    for name in names:
        net = make_net(**setups[name])
        loss_curves[lr, name] = train(net, n_steps, lr)
        print(f"lr {lr}, {name:20s}: loss {loss_curves[lr, name][:10].mean():.3f} -> "
              f"{loss_curves[lr, name][-20:].mean():.3f} (means of the first 10 / last 20 steps)")

# %%
# 损失曲线
# --------
#
# 每一步小批量上的交叉熵（细线）及其 15 步滑动平均（粗线）。左图学习率 0.1，右图 0.5。

SETUP_STYLE = {  # setup -> (Chinese label, colour)
    "no BN, default init": ("无 BN，默认初始化", GREY),
    "no BN, He init": ("无 BN，He 初始化", color("third")),
    "BN, default init": ("BN，默认初始化", PALETTE["wine"]),
}
steps = np.arange(1, n_steps + 1)
fig, axes = plt.subplots(1, 2, figsize=figsize(2, aspect=0.85, extra=0.35), sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "6 个隐藏层的 MLP 在学习率 0.1（左）和 0.5（右）下训练 100 步的小批量交叉熵（细线为每一步，粗线为 15 步滑动平均）：不带 BN、默认初始化的网络（灰）一直停在 ln 2 附近；He 初始化（绿）缓慢下降，学习率 0.5 时后段又回升；带 BN 的网络（紫红）在两种学习率下都降得最快。")
# sphinx_gallery_end_ignore
for ax, (lr, names) in zip(axes, learning_rates.items()):
    for name in names:
        label, line_color = SETUP_STYLE[name]
        curve = loss_curves[lr, name]
        smooth = np.convolve(curve, np.ones(15) / 15, mode="valid")
        ax.plot(steps, curve, color=line_color, alpha=0.3, linewidth=0.8)
        ax.plot(steps[14:], smooth, color=line_color, label=label)
    ax.axhline(np.log(2), color=INK_SOFT, linestyle=":", linewidth=1.2)
    ax.text(n_steps, np.log(2) + 0.02, "随机猜测：ln 2", ha="right", va="bottom", color=INK_SOFT)
    ax.set_xlabel("SGD 步数")
    ax.set_title(f"{depth} 个隐藏层，学习率 {lr}", loc="left")
axes[0].set_ylabel("小批量上的交叉熵")
axes[0].set_ylim(0, 0.9)
handles = [Line2D([], [], color=c, label=t) for t, c in SETUP_STYLE.values()]
fig.legend(handles=handles, loc="outside lower center", ncols=3)
plt.show()

# %%
# 初始化时各层激活的尺度
# ----------------------
#
# 在全部数据上做一次前向传播（BN 用批统计量），记录每个隐藏层输出（ReLU 之后）的标准差。

fig, ax = plt.subplots(figsize=figsize(width=MEDIUM, aspect=0.62))  # shown at 80 % on the notes page
# sphinx_gallery_start_ignore
describe(fig, "初始化时 6 个隐藏层输出的标准差：不带 BN、默认初始化的网络（灰）逐层缩小；He 初始化（绿）大致保持尺度；带 BN 的网络（紫红）各层都在最高的水平上基本不变。")
# sphinx_gallery_end_ignore
for name in setups:
    label, line_color = SETUP_STYLE[name]
    ax.plot(np.arange(1, depth + 1), init_std[name], "o-", color=line_color, label=label)
    ax.text(3.5, init_std[name][2:4].max() + 0.03, label, ha="center", va="bottom",
            color=readable(line_color))  # direct label above the line
ax.set_xlabel("隐藏层")
ax.set_ylabel("初始化时该层输出的标准差")
ax.set_title("初始化时各层激活的尺度")
ax.set_ylim(0, 0.8)
plt.show()
for name in setups:
    print(f"{name:20s}: std of the hidden outputs at init", np.array2string(init_std[name], precision=3))

# sphinx_gallery_start_ignore
torch.set_num_threads(torch_threads)
# sphinx_gallery_end_ignore

# %%
# 默认初始化下，不带 BN 的网络每过一层，激活的标准差就缩小一截（PyTorch 线性层默认初始化的权重方差是
# :math:`1/(3n_{\text{in}})`，对 ReLU 来说偏小），输出几乎不随输入变化，梯度也很小，
# 100 步里损失始终停在随机猜测的 :math:`\ln 2` 附近。
# He 初始化让尺度逐层大致保持，网络能够训练，但在学习率 0.5 下就不稳定了：损失降下去之后又回升到 :math:`\ln 2` 附近；
# 加了 BN 的网络用默认初始化就能训练，两种学习率下都降得最快。每一层的预激活都被重新标准化，
# 权重整体放大或缩小不改变 BN 的输出，这正是 :cite:t:`ioffe2015batch` 所说的
# BN 让训练“对初始化不那么敏感、可以用更大的学习率”。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: max_grad_error,
# forward_error, loss_curves, init_std, make_net, train, BatchNorm.
# sphinx_gallery_end_ignore
