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
from matplotlib.lines import Line2D

from dlnotes.architectures import DeepMLP
from dlnotes.plotting import GREY, INK_SOFT, color, figsize, readable, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 任务与网络
# ----------
#
# 输入是 256 个 16 维标准正态向量；标签由一个固定的随机“教师”网络给出：
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

# sphinx_gallery_start_ignore
# Tensors this small run fastest on one thread; the setting is restored at the end.
torch_threads = torch.get_num_threads()
torch.set_num_threads(1)
# sphinx_gallery_end_ignore

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
#
# 纵轴取对数，才看得出 Highway 网络与残差网络之间一个数量级以上的差别。颜色区分三种网络
# （Highway 网络的颜色与下一个示例中 :math:`b_T = -3` 的颜色相同），右图中线型区分深度。

KIND_STYLE = {  # kind -> (Chinese label, colour, marker)
    "plain": ("普通网络", GREY, "o"),
    "highway": (rf"Highway（门偏置 ${GATE_BIAS:g}$）", sequential(5)[3], "s"),  # b_T = -3 in the next example
    "residual": (f"残差网络（分支初值 ×{RESIDUAL_SCALE:g}）", color("third"), "^"),
}
DEPTH_STYLE = {10: ":", 30: "--", 50: "-"}
fig, (ax_d, ax_c) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9, extra=0.35), width_ratios=(1, 1.25))
# sphinx_gallery_start_ignore
describe(fig, "普通（灰）、Highway（橙红）、残差（绿）三种网络各 10、30、50 层的训练对比，纵轴都取对数。左图：训练 50 步后的损失随层数的变化，普通网络在 30 和 50 层时停在最佳常数预测的点线上，Highway 网络的损失随深度上升但仍远低于普通网络，残差网络最低；右图：九条训练损失曲线，颜色表示网络种类，点线、虚线、实线依次为 10、30、50 层，深的普通网络是两条重合的水平线。")
# sphinx_gallery_end_ignore
for kind in KINDS:
    label, kind_color, marker = KIND_STYLE[kind]
    finals = [final_loss[kind, d] for d in DEPTHS]
    ax_d.semilogy(DEPTHS, finals, marker=marker, color=kind_color, markersize=7)
    ax_d.text(DEPTHS[-1] + 2.5, finals[-1], label.split("（")[0], va="center", color=readable(kind_color))
ax_d.axhline(prior_entropy, color=INK_SOFT, linestyle=":", linewidth=1.5)
ax_d.annotate("最佳常数预测", (42, prior_entropy), xytext=(0, -5), textcoords="offset points", ha="center",
              va="top", color=INK_SOFT)
ax_d.set_xticks(DEPTHS)
ax_d.set_xlim(5, 68)
ax_d.set_xlabel("隐藏层数")
ax_d.set_ylabel("最终训练损失（对数刻度）")
ax_d.set_title(f"训练 {N_STEPS} 步后的损失", loc="left")

steps = np.arange(N_STEPS + 1)
for kind in KINDS:
    _, kind_color, _ = KIND_STYLE[kind]
    for depth in DEPTHS:
        ax_c.semilogy(steps, loss_curves[kind, depth], color=kind_color, linewidth=1.6,
                      linestyle=DEPTH_STYLE[depth])
ax_c.set_xlabel("Adam 步数")
ax_c.set_ylabel("训练损失（对数刻度）")
ax_c.set_title("训练曲线", loc="left")
depth_handles = [Line2D([], [], color=INK_SOFT, linestyle=DEPTH_STYLE[d], label=f"{d} 层") for d in DEPTHS]
ax_c.legend(handles=depth_handles, loc="lower left", title="线型：深度")
kind_handles = [Line2D([], [], color=c, marker=m, label=t) for t, c, m in KIND_STYLE.values()]
fig.legend(handles=kind_handles, loc="outside lower center", ncols=3)
plt.show()

# sphinx_gallery_start_ignore
torch.set_num_threads(torch_threads)
# sphinx_gallery_end_ignore

# %%
# 左图：普通网络 10 层时还能把损失降下来，30 层和 50 层则停在“最佳常数预测”的高度
# （点线，即各类频率的熵），也就是只学会了各类所占的比例，输入里的信息一点也没用上。
# 默认初始化下，每个普通层都把信号缩小一截，几十层之后到达输出层的几乎只剩偏置，
# 梯度也同样传不回去（见 :ref:`opt-vanishing`）。
# Highway 网络和残差网络则没有这个问题：Highway 网络的损失随深度上升，50 层比 10 层高出一个数量级，
# 但仍不到 10 层普通网络的五分之一；残差网络三个深度的损失都接近 0，不到 10 层普通网络的百分之一。
# 右图的训练曲线显示，深的普通网络从第一步起就几乎不动。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_architectures.py: final_loss, loss_curves,
# residual_default_initial_loss, prior_entropy, make_net, train_adam, X, Y.
# sphinx_gallery_end_ignore
