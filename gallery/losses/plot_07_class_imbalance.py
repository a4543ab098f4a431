r"""
类别不平衡：简单负样本与先验偏置
================================

单阶段目标检测器每张图要给约十万个候选框（anchor）打分，其中只有极少数含有目标，
前景与背景之比常达 1:1000。本例用一个模拟的打分分布看两件事：
交叉熵的总损失里，简单负样本占了多少，换成 Focal Loss 之后又占多少；
以及初始化时把分类层的偏置设成先验 :math:`b = -\log\frac{1-\pi}{\pi}` 对初始损失有什么影响。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import sigmoid
from dlnotes.losses import sigmoid_focal_loss
from dlnotes.plotting import GREY, color, figsize, label_on, num, readable, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 谁贡献了损失
# ------------
#
# 假设一个训练到一半的检测器：100 个正样本的 logit 服从 :math:`\mathcal N(1, 1.5^2)`，
# 100 000 个负样本的 logit 服从 :math:`\mathcal N(-5, 1.5^2)`，正负之比 1:1000。
# 把 :math:`p < 0.1` （即 :math:`p_t > 0.9`）的负样本算作“简单负样本”。
# 分别用交叉熵、:math:`\alpha` 加权的交叉熵、Focal Loss（:math:`\gamma = 2`）和
# 带 :math:`\alpha = 0.25` 的 Focal Loss 计算每个样本的损失（都用 ``sigmoid_focal_loss``：
# :math:`\gamma = 0`、``alpha=-1`` 就是交叉熵），再看总损失在正样本、困难负样本和简单负样本之间怎么分。

rng = np.random.default_rng(0)
n_pos, ratio = 100, 1000
logits = np.concatenate([rng.normal(1.0, 1.5, n_pos), rng.normal(-5.0, 1.5, n_pos * ratio)])
labels = np.concatenate([np.ones(n_pos), np.zeros(n_pos * ratio)])
prob = sigmoid(logits)
groups = {  # result: group name -> boolean mask
    "positives": labels == 1,
    "hard negatives": (labels == 0) & (prob >= 0.1),
    "easy negatives": (labels == 0) & (prob < 0.1),
}
settings = {  # name -> (alpha, gamma); alpha < 0 switches the weighting off
    "CE": (-1.0, 0.0),
    r"CE, $\alpha = 0.75$": (0.75, 0.0),
    r"FL, $\gamma = 2$": (-1.0, 2.0),
    r"FL, $\gamma = 2$, $\alpha = 0.25$": (0.25, 2.0),
}
shares = {}  # result: setting -> {group -> share of the total loss}
for name, (alpha, gamma) in settings.items():
    loss = sigmoid_focal_loss(logits, labels, alpha=alpha, gamma=gamma)
    shares[name] = {g: float(loss[mask].sum() / loss.sum()) for g, mask in groups.items()}
easy_fraction = float(groups["easy negatives"].mean())
print(f"{groups['easy negatives'].sum()} of {labels.size} samples "
      f"({easy_fraction:.1%}) are easy negatives (p < 0.1)")
for name, share in shares.items():
    print(f"{name:34s} " + "  ".join(f"{g}: {s:6.1%}" for g, s in share.items()))

group_style = {  # group -> (label, colour)
    "positives": ("正样本", color("positive")),
    "hard negatives": ("困难负样本（p ≥ 0.1）", color("negative")),
    "easy negatives": ("简单负样本（p < 0.1）", GREY),
}
setting_labels = {"CE": "交叉熵", r"CE, $\alpha = 0.75$": r"交叉熵，$\alpha = 0.75$",
                  r"FL, $\gamma = 2$": r"FL，$\gamma = 2$", r"FL, $\gamma = 2$, $\alpha = 0.25$": r"FL，$\gamma = 2$，$\alpha = 0.25$"}
fig, ax = plt.subplots(figsize=figsize(aspect=0.5))
# sphinx_gallery_start_ignore
describe(fig, "四根堆叠横条：交叉熵、α = 0.75 加权的交叉熵、γ = 2 的 Focal Loss 及其再加 α = 0.25 时，总损失在正样本（橙红）、困难负样本（蓝）和简单负样本（灰）之间的份额。交叉熵下简单负样本占大头（约三分之二），换成 Focal Loss 后其份额只剩约 4%，损失集中到困难样本上。")
# sphinx_gallery_end_ignore
names = list(settings)[::-1]
left = np.zeros(len(names))
for g in groups:
    label, bar_color = group_style[g]
    width = np.array([shares[n][g] for n in names])
    ax.barh([setting_labels[n] for n in names], width, left=left, color=bar_color, label=label)
    for i, (w, l0) in enumerate(zip(width, left)):
        if w > 0.06:
            label_on(ax, l0 + w / 2, i, num(w, ".0%"), bar_color)
    left += width
ax.set_xlim(0, 1)
ax.xaxis.set_major_formatter(lambda v, pos: num(v, ".0%"))
ax.set_xlabel("占总损失的份额")
ax.set_title("正负样本 1 : 1000：损失由谁贡献？")
fig.legend(loc="outside lower center", ncols=3)
ax.grid(axis="y", visible=False)
plt.show()

# %%
# 交叉熵下，单个简单负样本的损失虽小，但它们数量太多，合起来占了总损失的大头，
# 梯度主要在教模型“背景就是背景”。Focal Loss 把它们的份额压到几个百分点，
# 损失集中到困难样本上。再看 :math:`\alpha`：对交叉熵，给稀有的正类较大的权重（这里 0.75）
# 是常规做法，正样本的份额随之上升；而在 :math:`\gamma = 2` 之后，简单负样本已被压下去，
# 论文实验里最好的反而是给正类 :math:`\alpha = 0.25`，把正样本的份额往回拉。
# 所以 0.25 是与 :math:`\gamma = 2` 搭配调出来的经验值，不是“正样本少就该取小于 0.5”的原则。

# %%
# 先验偏置与初始损失
# ------------------
#
# 初始化时分类层的权重接近 0，所有 anchor 的 logit 都约等于偏置 :math:`b`。
# 若 :math:`b = 0`，每个 anchor 的输出概率是 0.5，损失是 :math:`-\log 0.5 = \ln 2`，正负样本一样大，
# 背景因为数量多而占据几乎全部损失，训练初期很不稳定。
# 论文把偏置设成 :math:`b = -\log\frac{1-\pi}{\pi}`，使初始输出恰好等于先验 :math:`\pi = 0.01`：
# 负样本的损失降到 :math:`-\log(1-\pi)`，正样本升到 :math:`-\log\pi`。
# 下面对 1 个正样本、1000 个负样本计算初始总损失（按正样本数归一化，与 RetinaNet 的做法相同）
# 和其中背景所占的份额。

pi = 0.01
b_prior = -np.log((1.0 - pi) / pi)
init_labels = np.concatenate([np.ones(1), np.zeros(ratio)])
initial = {}  # result: (loss name, bias name) -> (total loss per positive, background share)
for loss_name, (alpha, gamma) in [("CE", (-1.0, 0.0)), ("FL", (0.25, 2.0))]:
    for bias_name, b in [("b = 0", 0.0), ("b = prior", b_prior)]:
        loss = sigmoid_focal_loss(np.full(init_labels.shape, b), init_labels, alpha=alpha, gamma=gamma)
        initial[(loss_name, bias_name)] = (float(loss.sum()), float(loss[1:].sum() / loss.sum()))
print(f"prior bias b = -log((1 - pi) / pi) = {b_prior:.4f}, sigmoid(b) = {sigmoid(b_prior):.4f}")
for (loss_name, bias_name), (total, bg) in initial.items():
    print(f"{loss_name} with {bias_name:9s}: initial loss per positive {total:9.3f}, background share {bg:.2%}")

loss_style = {"CE": ("交叉熵", color("cross_entropy"), "o"),
              "FL": (r"FL（$\gamma = 2$，$\alpha = 0.25$）", color("focal"), "s")}
bias_names = ["b = 0", "b = prior"]
bias_labels = ["$b = 0$", r"$b = -\log\frac{1-\pi}{\pi}$"]
fig, (ax_t, ax_s) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.95))
# sphinx_gallery_start_ignore
describe(fig, "1 个正样本对 1000 个负样本时，交叉熵（橙红）与 Focal Loss（粉）在偏置 b = 0 和 b 取先验时的对比。"
         f"左图：按正样本数归一化的初始总损失（对数纵轴），先验偏置使交叉熵从 {initial[('CE', 'b = 0')][0]:.0f} 降到 "
         f"{initial[('CE', 'b = prior')][0]:.1f}，Focal Loss 从 {initial[('FL', 'b = 0')][0]:.0f} 降到 {initial[('FL', 'b = prior')][0]:.2f}；"
         "右图：背景在初始损失中的份额，b = 0 时两种损失都几乎全是背景，先验偏置下交叉熵仍有约 69%，Focal Loss 几乎为 0。")
# sphinx_gallery_end_ignore
for loss_name, (label, line_color, marker) in loss_style.items():
    values = [initial[(loss_name, b)][0] for b in bias_names]
    ax_t.plot([0, 1], values, marker=marker, color=line_color, markersize=7, label=label)
    for xpos, v in zip((0, 1), values):
        ax_t.text(xpos + (-0.07 if xpos == 0 else 0.07), v, num(v, ".3g"), ha="right" if xpos == 0 else "left",
                  va="center", color=readable(line_color))
ax_t.set_yscale("log")
ax_t.set_xlim(-0.45, 1.45)
ax_t.set_ylim(0.5, 3000)
ax_t.set_xticks([0, 1], bias_labels)
ax_t.set_ylabel("每个正样本的初始损失（对数刻度）")
ax_t.set_title("初始损失")
ax_t.legend(loc="upper right")
ax_t.grid(axis="x", visible=False)

width = 0.36
for k, (loss_name, (label, bar_color, _)) in enumerate(loss_style.items()):
    offsets = np.arange(2) + (k - 0.5) * width
    shares_bg = [initial[(loss_name, b)][1] for b in bias_names]
    ax_s.bar(offsets, shares_bg, width, color=bar_color, label=label)
    for xpos, v in zip(offsets, shares_bg):
        if v > 0.25:  # inside a tall bar, turned, in black or white by contrast
            label_on(ax_s, xpos, v / 2, num(v, ".2%"), bar_color, rotation=90)
        else:
            ax_s.text(xpos, v + 0.02, num(v, ".2%"), ha="center", va="bottom", color=readable(bar_color))
ax_s.set_ylim(0, 1.12)
ax_s.yaxis.set_major_formatter(lambda v, pos: num(v, ".0%"))
ax_s.set_xticks([0, 1], bias_labels)
ax_s.set_ylabel("背景所占份额")
ax_s.set_title(r"背景在初始损失中的份额（$\pi = 0.01$）")
ax_s.grid(axis="x", visible=False)
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_losses.py: logits, labels, groups, shares,
# b_prior, initial.
# sphinx_gallery_end_ignore
