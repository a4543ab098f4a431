r"""
深度实验：普通网络、Highway 网络与残差网络
==========================================

Highway 网络论文里有一组对比实验：普通的全连接网络越深，训练反而越差；
换成 Highway 层后，几十层的网络和十层的网络一样好训练。
本例在一个小的合成分类任务上重做这个实验的缩微版：
三种层（普通、Highway、残差）各搭 10、30、50 层，共九个网络，
用同样的数据、同样的优化器、同样的步数和学习率训练，比较最终的训练损失。
网络都由 ``dlnotes.architectures.DeepMLP`` 搭成。
"""

import math
from concurrent.futures import ThreadPoolExecutor

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

from dlnotes.architectures import DeepMLP
from dlnotes.plotting import COLORS, describe, use_style

use_style()

# %%
# 任务与网络
# ----------
#
# 输入是 256 个 16 维标准正态向量；标签由一个固定的随机"教师"网络给出：
# :math:`y = \arg\max_k \bigl(\tanh(x W_1) W_2\bigr)_k`，共 4 类。
# 每个网络是 ``Linear(16, 32)`` + ReLU，接着 ``depth`` 个宽度 32 的隐藏层，最后 ``Linear(32, 4)`` 输出 logits，
# 损失为交叉熵。全部线性层用 PyTorch 的默认初始化，三种网络在同一深度下从同一个随机种子出发。
#
# * 普通层：:math:`y = \mathrm{ReLU}(Wx + b)`；
# * Highway 层：:math:`y = H(x)\,T(x) + x\,(1 - T(x))`，变换门的偏置初始化为 :math:`-3`
#   （论文建议取 :math:`-1`、:math:`-3` 这样的负值；为什么 50 层时 :math:`-3` 比类的默认值 :math:`-2` 合适，见下一个示例 :ref:`sphx_glr_generated_gallery_architectures_plot_06_highway_gate_bias.py`）；
# * 残差层：:math:`y = x + \mathrm{ReLU}(Wx + b)`。残差分支的输出恒为非负，
#   在默认初始化下每过一层信号就被放大一些，50 层后 logits 大得离谱（初始损失见下面的输出）。
#   这里采用常见的补救办法：把残差分支的初始权重和偏置乘以 0.1，让每个残差层在开始时接近恒等映射
#   （与把残差块最后一个 BN 的 :math:`\gamma` 初始化为 0、Fixup 初始化同一思路）。
#   缩放只改初始值，不改层的结构，也不随深度调整。
#
# 优化器是手写的 Adam（与 ``torch.optim.Adam`` 的默认设置逐步相同，测试中核对过），
# 学习率 0.01，全批量训练 50 步。为了让这个循环足够快，所有参数被放进同一块连续内存（``flat``），
# 每个参数张量是它的一段视图，一步更新只需几次张量运算；九个网络由两个线程分在两个 CPU 核上训练，
# 训练过程不用随机数，所以结果与逐个训练时逐位相同。

# Tensors this small run fastest on one thread; the setting is restored at the end.
torch_threads = torch.get_num_threads()
torch.set_num_threads(1)

SEED = 0
N_SAMPLES, IN_FEATURES, WIDTH, N_CLASSES = 256, 16, 32, 4
DEPTHS = (10, 30, 50)
KINDS = ("plain", "highway", "residual")
GATE_BIAS = -3.0  # initial transform-gate bias of every highway layer
RESIDUAL_SCALE = 0.1  # initial weights and biases of every residual branch are scaled by this
N_STEPS, LR = 50, 0.01

gen = torch.Generator().manual_seed(SEED)
X = torch.randn(N_SAMPLES, IN_FEATURES, generator=gen)
teacher_w1 = torch.randn(IN_FEATURES, 64, generator=gen) / math.sqrt(IN_FEATURES)
teacher_w2 = torch.randn(64, N_CLASSES, generator=gen) / 8.0
Y = (torch.tanh(X @ teacher_w1) @ teacher_w2).argmax(dim=1)


def make_net(kind, depth, residual_scale=RESIDUAL_SCALE):
    """The initial network of one run: PyTorch default init from the same seed for every kind."""
    torch.manual_seed(SEED)
    net = DeepMLP(kind, IN_FEATURES, WIDTH, N_CLASSES, depth, gate_bias=GATE_BIAS)
    if kind == "residual":
        with torch.no_grad():
            for layer in net.layers:
                layer.linear.weight.mul_(residual_scale)
                layer.linear.bias.mul_(residual_scale)
    return net


def train_adam(net, steps=N_STEPS, lr=LR, betas=(0.9, 0.999), eps=1e-8):
    """Full-batch Adam on the cross-entropy, the update of torch.optim.Adam written out.

    Returns the training loss before each step and after the last one (steps + 1 values).
    """
    params = list(net.parameters())
    # One contiguous buffer for all parameters; each parameter becomes a view of it, so a
    # whole Adam step is a handful of tensor operations whatever the depth.
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    offset = 0
    for p in params:
        p.data = flat[offset:offset + p.numel()].view_as(p)
        offset += p.numel()
    m = torch.zeros_like(flat)  # first-moment estimate
    v = torch.zeros_like(flat)  # second-moment estimate
    b1, b2 = betas
    trace = []
    for t in range(1, steps + 1):
        loss = F.cross_entropy(net(X), Y)
        trace.append(loss.item())
        grad = torch.cat([g.reshape(-1) for g in torch.autograd.grad(loss, params)])
        m.mul_(b1).add_(grad, alpha=1 - b1)
        v.mul_(b2).addcmul_(grad, grad, value=1 - b2)
        flat.sub_(lr / (1 - b1**t) * m / (v / (1 - b2**t)).sqrt_().add_(eps))
    with torch.no_grad():
        trace.append(F.cross_entropy(net(X), Y).item())
    return np.array(trace)


with torch.no_grad():  # what the residual nets would start from without the 0.1 scaling
    residual_default_initial_loss = {
        d: F.cross_entropy(make_net("residual", d, residual_scale=1.0)(X), Y).item() for d in DEPTHS
    }

# The nine networks are built one after the other (each from the global seed), then trained
# by two threads, one per core, the most expensive first.  A run uses no random numbers, so
# its result does not depend on which thread trains it or when.
runs = sorted(((kind, depth) for kind in KINDS for depth in DEPTHS),
              key=lambda run: -run[1] * (2 if run[0] == "highway" else 1))
nets = {run: make_net(*run) for run in runs}
with ThreadPoolExecutor(max_workers=2) as pool:
    curves = pool.map(lambda run: train_adam(nets[run]), runs)
    loss_curves = dict(zip(runs, curves))  # result: (kind, depth) -> loss before each step and at the end
final_loss = {run: float(curve[-1]) for run, curve in loss_curves.items()}  # result: final training loss

class_freq = np.bincount(Y.numpy(), minlength=N_CLASSES) / N_SAMPLES
prior_entropy = float(-(class_freq * np.log(class_freq)).sum())  # loss of the best constant output

print(f"class frequencies {class_freq}; loss of the best constant prediction {prior_entropy:.4f}")
print("residual nets with the default init, initial loss: "
      + ", ".join(f"depth {d}: {v:.3g}" for d, v in residual_default_initial_loss.items()))
for kind in KINDS:
    print(f"{kind:8s} final training loss: "
          + ", ".join(f"depth {d}: {final_loss[kind, d]:.4f}" for d in DEPTHS))

# %%
# 最终损失与深度
# --------------

LABELS = {"plain": "plain", "highway": f"highway (gate bias {GATE_BIAS:g})",
          "residual": f"residual (branch init x {RESIDUAL_SCALE:g})"}
STYLE = {"plain": (COLORS[1], "o", "-"), "highway": (COLORS[0], "s", "-"),
         "residual": (COLORS[2], "^", "--")}
fig, (ax_d, ax_c) = plt.subplots(1, 2, figsize=(12.0, 4.6))
describe(fig, "普通、Highway、残差三种网络各 10、30、50 层的训练对比。左图：训练 50 步后的损失随层数的变化，普通网络在 30 和 50 层时停在最佳常数预测的点线上，另两种始终接近 0；右图：九条训练损失曲线（对数纵轴），深的普通网络几乎不下降。")
for kind in KINDS:
    color, marker, ls = STYLE[kind]
    ax_d.plot(DEPTHS, [final_loss[kind, d] for d in DEPTHS], marker=marker, linestyle=ls,
              color=color, markersize=7, label=LABELS[kind])
ax_d.axhline(prior_entropy, color="0.4", linestyle=":", linewidth=1.5)
ax_d.annotate("best constant prediction", (30, prior_entropy), xytext=(0, -14),
              textcoords="offset points", ha="center", fontsize=9, color="0.3")
ax_d.set_xticks(DEPTHS)
ax_d.set_xlabel("number of hidden layers")
ax_d.set_ylabel(f"training loss after {N_STEPS} steps")
ax_d.set_ylim(-0.05, 1.55)
ax_d.set_title("Same data, optimiser, steps and learning rate")
ax_d.legend(loc="center right", fontsize=9)

steps = np.arange(N_STEPS + 1)
for kind in KINDS:
    color, _, _ = STYLE[kind]
    for depth, alpha in zip(DEPTHS, (0.35, 0.6, 1.0)):
        ax_c.semilogy(steps, loss_curves[kind, depth], color=color, alpha=alpha,
                      linewidth=1.6, linestyle=STYLE[kind][2], label=f"{kind}, {depth}")
ax_c.set_xlabel("Adam step")
ax_c.set_ylabel("training loss (log scale)")
ax_c.set_title("Training curves (lighter = shallower)")
ax_c.legend(ncols=3, fontsize=8, loc="lower left")
plt.show()

torch.set_num_threads(torch_threads)

# %%
# 左图：普通网络 10 层时还能把损失降下来，30 层和 50 层则停在"最佳常数预测"的高度
# （点线，即各类频率的熵），也就是只学会了各类所占的比例，输入里的信息一点也没用上。
# 默认初始化下，每个普通层都把信号缩小一截，几十层之后到达输出层的几乎只剩偏置，
# 梯度也同样传不回去（见 :ref:`opt-vanishing`）。
# Highway 网络和残差网络则没有这个问题：Highway 网络的损失随深度上升，50 层比 10 层高出一个数量级，
# 但仍不到 10 层普通网络的五分之一；残差网络三个深度的损失都接近 0，不到 10 层普通网络的百分之一。
# 右图的训练曲线显示，深的普通网络从第一步起就几乎不动。
#
# 本例留下的结果（测试会检查这些变量）：``final_loss`` 与 ``loss_curves`` （键为 ``(kind, depth)``）、
# ``residual_default_initial_loss``、``prior_entropy``、``make_net``、``train_adam``、``X``、``Y``。
