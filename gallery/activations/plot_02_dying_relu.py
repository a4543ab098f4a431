r"""
Dying ReLU：学习率过大时神经元成片死亡
======================================

ReLU 在负半轴上输出为 0、导数也为 0。如果某个隐藏单元的预激活
:math:`w^\top x + b` 对训练集里的每一个样本都不大于 0，它就既不输出任何信息，
也收不到任何梯度，我们称它“死”了。本例先用两个窄高斯分布说明问题出在预激活的分布上，
再用一个小网络演示：学习率越大，训练初期的一两次大幅更新越容易把大批单元推进死区。
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch

from dlnotes.activations import relu_grad
from dlnotes.plotting import GREY, INK_SOFT, SHADE, color, figsize, num, readable, sequential, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 预激活分布平移一点点，行为就截然不同
# ------------------------------------
#
# 设某个单元的预激活 :math:`z = w^\top x + b` 在数据上近似服从方差很小的高斯分布
# :math:`\mathcal N(\mu, 0.05^2)`。当 :math:`\mu = 0.1` 时，几乎所有样本上的预激活都落在 ReLU 的线性区；
# 假如一次很大的梯度更新把偏置 :math:`b` 往负方向推了 0.2，分布中心变成 :math:`\mu = -0.1`，
# 那么绝大多数样本上 :math:`\operatorname{ReLU}(z) = 0` 且 :math:`\operatorname{ReLU}'(z) = 0`。
# 注意：发生移动的是预激活 :math:`w^\top x + b` 的分布，而不是输入 :math:`x` 本身。
#
# 下面对两个分布各抽 10 万个样本，用 ``relu_grad`` 统计这个单元梯度为 0 的样本比例（这个比例达到 100% 时单元就死了），
# 并与解析值 :math:`\Phi(\mp 2)` 对照（:math:`\Phi` 为标准正态分布函数）。

rng = np.random.default_rng(0)
std = 0.05
centres = (0.1, -0.1)
dead_input_share = {}  # centre -> share of samples on which this unit has zero ReLU gradient
for mu in centres:
    z = rng.normal(mu, std, size=100_000)
    dead_input_share[mu] = float(np.mean(relu_grad(z) == 0.0))
    exact = 0.5 * (1.0 + math.erf((0.0 - mu) / (std * math.sqrt(2.0))))
    print(f"centre {mu:+.1f}: share of samples with ReLU output 0 and gradient 0 = "
          f"{dead_input_share[mu]:.4f} (exact {exact:.4f})")

z_grid = np.linspace(-0.3, 0.3, 601)
fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "两条窄高斯曲线表示某个隐藏单元的预激活 z 的分布，中心分别为 +0.1（蓝）和 −0.1（橙红）；灰色区域 z ≤ 0 是 ReLU 输出和导数都为 0 的区域。中心为 +0.1 时只有 2.3% 的样本落在其中，左移 0.2 后 97.7% 的样本落入，这个单元几乎收不到梯度。")
# sphinx_gallery_end_ignore
ax.axvspan(-0.3, 0.0, color=SHADE)
ax.text(-0.005, 10.2, "$z \\leq 0$：ReLU 的输出与导数都为 0", ha="right", va="top", color=INK_SOFT)
for mu, role in zip(centres, ("first", "second")):
    pdf = np.exp(-0.5 * ((z_grid - mu) / std) ** 2) / (std * math.sqrt(2.0 * math.pi))
    ax.plot(z_grid, pdf, color=color(role),
            label=rf"$\mu = {num(mu, '+.1f', math=False)}$：{num(dead_input_share[mu], '.1%')} 的样本 $z \leq 0$")
    ax.fill_between(z_grid, pdf, where=z_grid <= 0.0, color=color(role), alpha=0.3)
ax.set_xlim(-0.3, 0.3)
ax.set_ylim(0.0, 10.5)
ax.set_xlabel(r"预激活 $z = w^\top x + b$")
ax.set_ylabel("概率密度")
ax.set_title(r"预激活的分布整体左移 0.2")
ax.legend(loc="upper right")
plt.show()

# %%
# 实验：不同学习率下的死亡比例
# ----------------------------
#
# 数据是 300 个二维标准正态点，标签为“是否落在半径 1.1 的圆外”，正负两类大致各半。
# 网络为 :math:`2 \to 64 \to 1`，隐藏层用 ReLU，损失为二元交叉熵，
# 用最朴素的梯度下降做全批量训练 150 步：每步执行 :math:`\theta \leftarrow \theta - \eta\,\nabla_\theta L`，
# 与不带动量、不带权重衰减的 ``torch.optim.SGD(params, lr=eta)`` 完全相同
# （这里把这一步直接写出来，更新规则一目了然，也省去了构造优化器的开销）。
# 每个学习率都从同一组初始权重出发（每次重新设定随机种子）。
#
# 判定标准：若某隐藏单元在 **整个训练集** 上的预激活都 :math:`\le 0`，就记为死亡单元。
# 由于这里用的是均值形式的交叉熵，单步梯度本身不大，所以“过大”的学习率在数值上也偏大；
# 真正起作用的是一步更新的幅度 :math:`\eta \lVert\nabla\rVert`。

# sphinx_gallery_start_ignore
# Tensors this small run fastest on one thread (extra threads only add overhead);
# the previous setting is restored at the end of the script.
torch_threads = torch.get_num_threads()
torch.set_num_threads(1)
# sphinx_gallery_end_ignore

n_samples, n_hidden, n_steps = 300, 64, 150
learning_rates = (0.1, 1.0, 3.0, 10.0)

X_np = rng.normal(size=(n_samples, 2))
y_np = (np.linalg.norm(X_np, axis=1) > 1.1).astype(np.float64)
X = torch.tensor(X_np, dtype=torch.float32)
y = torch.tensor(y_np, dtype=torch.float32).unsqueeze(1)
loss_fn = torch.nn.BCEWithLogitsLoss()


def make_net():
    """Same initial weights for every learning rate."""
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(2, n_hidden), torch.nn.ReLU(), torch.nn.Linear(n_hidden, 1)
    )


def hidden_preactivation(net):
    """w^T x + b of every hidden unit on every training sample, shape (n, hidden)."""
    with torch.no_grad():
        return net[0](X).numpy().astype(np.float64)


dead_curves = {}    # lr -> share of dead hidden units after 0, 1, ..., n_steps updates
dead_share = {}     # lr -> final share of dead hidden units, in [0, 1]
dead_history = {}   # lr -> bool array (n_steps + 1, n_hidden): unit dead after each step
losses = {}         # lr -> training loss before each update, length n_steps
preact = {}         # "init" and lr -> hidden pre-activations on the training set
bias_mean = {}      # "init" and lr -> mean hidden bias
for lr in learning_rates:
    net = make_net()
    if "init" not in preact:
        preact["init"] = hidden_preactivation(net)
        bias_mean["init"] = net[0].bias.mean().item()
    history, loss_trace = [], []
    for step in range(n_steps):
        z = net[0](X)
        history.append((z <= 0).all(dim=0).numpy())
        loss = loss_fn(net[2](net[1](z)), y)
        loss_trace.append(loss.item())
        net.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= lr * p.grad  # plain SGD step, same as torch.optim.SGD(lr=lr)
    preact[lr] = hidden_preactivation(net)
    history.append((preact[lr] <= 0).all(axis=0))
    dead_history[lr] = np.array(history)
    dead_curves[lr] = dead_history[lr].mean(axis=1)
    dead_share[lr] = float(dead_curves[lr][-1])
    losses[lr] = np.array(loss_trace)
    bias_mean[lr] = net[0].bias.mean().item()
    print(f"lr = {lr:>4}: dead units {dead_share[lr]:6.1%}, "
          f"loss {losses[lr][0]:.3f} -> {losses[lr][-1]:.3f}, "
          f"mean hidden bias {bias_mean['init']:+.3f} -> {bias_mean[lr]:+.3f}")

lr_colors = dict(zip(learning_rates, sequential(len(learning_rates))))  # one colour per learning rate
fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "同一组初始权重下，学习率 0.1、1、3、10（颜色由蓝经紫、红到琥珀色，越亮学习率越大）训练时死亡隐藏单元比例随 SGD 步数变化的阶梯曲线："
         f"学习率 10 在最初几步就让 {dead_share[10.0]:.1%} 的单元死亡且再未恢复，学习率 3 死亡 {dead_share[3.0]:.1%}，学习率 0.1 和 1 始终没有死亡单元。")
# sphinx_gallery_end_ignore
steps = np.arange(n_steps + 1)
for lr, style in zip(learning_rates, ("-", "--", "-", "-")):
    ax.step(steps, 100.0 * dead_curves[lr], where="post", color=lr_colors[lr], linestyle=style)
# direct labels at the right end of each curve (0.1 and 1 share the line at 0 %)
label_at = {learning_rates[-1]: (100 * dead_share[learning_rates[-1]] + 2, "bottom"),
            learning_rates[-2]: (100 * dead_share[learning_rates[-2]] + 2, "bottom")}
for lr, (y_text, va) in label_at.items():
    ax.text(n_steps - 2, y_text, f"学习率 {lr:g}：{num(dead_share[lr], '.1%')} 死亡", ha="right", va=va,
            color=readable(lr_colors[lr]))
low = [lr for lr in learning_rates if lr not in label_at]
ax.text(n_steps - 2, -2.5, "学习率 " + " 与 ".join(f"{lr:g}" for lr in low) + "：没有死亡单元（实线与虚线重合）",
        ha="right", va="top", color=readable(lr_colors[low[0]]))
ax.set_xlim(0, n_steps)
ax.set_ylim(-9, 100)
ax.set_xlabel("SGD 步数（全批量）")
ax.set_ylabel("死亡隐藏单元（%）")
ax.set_title("训练中的死亡 ReLU 单元（初始权重相同）")
plt.show()

# %%
# 最大的学习率在头两三步里就让大部分单元死亡，之后曲线再也不会下降；
# 最小的学习率则始终没有死亡单元，且损失平稳下降。
#
# 为什么死了就活不过来？对一个死亡单元 :math:`j`，每个样本上都有
# :math:`\operatorname{ReLU}'(z_j) = 0`，于是损失对它的入权重 :math:`w_j` 和偏置 :math:`b_j`
# 的梯度在每个样本上都是 0，求和后仍是 0，SGD 永远不会再改变它们。
# 它的预激活只取决于 :math:`w_j, b_j` 和输入，这两样都不变，所以它一直处于死区。
# 只有绕开这条梯度路径的因素才可能让它复活：例如权重衰减把 :math:`w_j, b_j` 缩向 0，
# 或者在更深的网络里，前面的层变化后改变了这一层的输入分布。
# 本例只有一层隐藏层、输入固定、也没有权重衰减，因此死亡是永久的。

revived = {lr: int((dead_history[lr][:-1] & ~dead_history[lr][1:]).sum())
           for lr in learning_rates}
print("units that came back to life after dying:", revived)

# %%
# 预激活分布的整体移动
# --------------------
#
# 把隐藏层在整个训练集上的全部预激活（300 个样本 × 64 个单元）画成直方图：
# 训练前它大致关于 0 对称；用小学习率训练后形状几乎没变；
# 用大学习率训练后，大部分质量被推到了 0 的左边，平均偏置也变成了明显的负数。

curves = [("init", "训练前", GREY, "-"),
          (learning_rates[0], f"学习率 {learning_rates[0]:g} 训练后", lr_colors[learning_rates[0]], "--"),
          (learning_rates[-1], f"学习率 {learning_rates[-1]:g} 训练后", lr_colors[learning_rates[-1]], "-")]
# common range from the 0.5th to the 99.5th percentile; rarer values go to the edge bins
all_values = np.concatenate([preact[key].ravel() for key, *_ in curves])
lo, hi = np.floor(np.percentile(all_values, 0.5)), np.ceil(np.percentile(all_values, 99.5))
bins = np.arange(lo, hi + 0.125, 0.25)
fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "隐藏层全部预激活（300 个样本 × 64 个单元）的直方图：训练前（灰）与学习率 0.1 训练后（蓝色虚线）的分布几乎重合，集中在 0 附近，约一半取值不大于 0；学习率 10 训练后（琥珀色），98% 的取值被推到 0 左侧 ReLU 导数为 0 的灰色区域。")
# sphinx_gallery_end_ignore
ax.axvspan(lo, 0.0, color=SHADE)
for key, title, line_color, style in curves:
    values = preact[key].ravel()
    ax.hist(np.clip(values, lo, hi), bins=bins, density=True, histtype="step",
            color=line_color, linestyle=style, linewidth=2.0,
            label=f"{title}：{num(np.mean(values <= 0), '.0%')} 的取值 $\\leq 0$")
ax.axvline(0.0, color=INK_SOFT, linewidth=1.0)
ax.text(-0.1, 0.72, r"$w^\top x + b \leq 0$：ReLU 导数为 0", ha="right", va="top", color=INK_SOFT)
ax.text(0.01, 0.5, "超出横轴范围的取值计入两端的箱子", transform=ax.transAxes, ha="left", va="bottom",
        color=INK_SOFT)
ax.set_xlim(lo, hi)
ax.set_ylim(0, 0.74)
ax.set_xlabel(r"隐藏层预激活 $w^\top x + b$（全部样本、全部单元）")
ax.set_ylabel("概率密度")
ax.set_title("训练集上的隐藏层预激活")
ax.legend(loc="upper left")
plt.show()

share_nonpositive = {key: float(np.mean(v <= 0)) for key, v in preact.items()}
print("share of pre-activations <= 0:",
      {k: round(v, 3) for k, v in share_nonpositive.items()})
# sphinx_gallery_start_ignore
torch.set_num_threads(torch_threads)
# sphinx_gallery_end_ignore

# %%
# 常见的缓解办法：调小学习率或加预热、梯度裁剪、合适的初始化，
# 以及把负半轴的导数换成非零值的 Leaky ReLU / PReLU / ELU 等激活函数。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_activations.py: dead_share, dead_curves,
# dead_history, losses.
# sphinx_gallery_end_ignore
