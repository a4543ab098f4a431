r"""
全局平均池化与全连接分类头
==========================

卷积部分的最后一层输出 :math:`C \times H \times W` 的特征图，分类头要把它变成 :math:`n` 个类别得分。
传统做法是把特征图展平后接全连接层；Network in Network :cite:p:`lin2013network` 提出用全局平均池化（GAP）
把每个通道平均成一个数。本例以 :math:`512 \times 7 \times 7 \to 1000` 类为例，用
:func:`dlnotes.layers.linear_params`、:func:`dlnotes.layers.conv_params` 计算几种分类头的参数量，
并用 :func:`dlnotes.layers.adaptive_avg_pool2d` 与 :func:`dlnotes.layers.conv2d` 实际跑一遍形状。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from dlnotes.layers import adaptive_avg_pool2d, conv2d, conv_params, linear, linear_params
from dlnotes.plotting import INK_SOFT, color, figsize, readable, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 三种分类头的形状与参数量
# ------------------------
#
# * **展平 + 全连接**：:math:`512 \cdot 7 \cdot 7 = 25088` 维向量接一个 :math:`25088 \to 1000` 的全连接层；
# * **GAP + 全连接**：ResNet 的做法，GAP 把每个通道平均成一个数，得到 512 维向量，再接 :math:`512 \to 1000`；
# * **1×1 卷积 + GAP**：NIN 的做法，先用 1×1 卷积把通道数变成类别数 1000，GAP 之后每个通道的平均值直接就是该类的得分。
#
# GAP 本身没有任何参数；参数量的差别全部来自它后面那一层的输入维度。

channels, side, n_classes = 512, 7, 1000
rng = np.random.default_rng(0)
features = rng.normal(size=(1, channels, side, side))

flat_dim = channels * side * side
heads = {
    "flatten + FC": linear_params(flat_dim, n_classes),
    "GAP + FC (ResNet)": linear_params(channels, n_classes),
    "1x1 conv + GAP (NIN)": conv_params(channels, n_classes, 1),
    # VGG-16's classifier: flatten + FC 4096 + FC 4096 + FC 1000
    "VGG-16 head (3 FC layers)": (linear_params(flat_dim, 4096) + linear_params(4096, 4096)
                                  + linear_params(4096, n_classes)),
}

# shapes, by actually running the cheap heads
gap = adaptive_avg_pool2d(features, 1)  # (1, 512, 1, 1)
w_fc = rng.normal(size=(n_classes, channels)) / np.sqrt(channels)
scores_resnet = linear(gap.reshape(1, channels), w_fc, np.zeros(n_classes))
w_1x1 = rng.normal(size=(n_classes, channels, 1, 1)) / np.sqrt(channels)
class_maps = conv2d(features, w_1x1, np.zeros(n_classes))  # (1, 1000, 7, 7)
scores_nin = adaptive_avg_pool2d(class_maps, 1).reshape(1, n_classes)
# GAP does not care about the spatial size: a larger input gives a 10 x 10 map, still 512 numbers
gap_larger = adaptive_avg_pool2d(rng.normal(size=(1, channels, 10, 10)), 1)

for name, count in heads.items():
    print(f"{name:28s} {count:>12,d} parameters")
print("shapes: features", features.shape, "-> GAP", gap.shape, "-> FC", scores_resnet.shape)
print("        features", features.shape, "-> 1x1 conv", class_maps.shape, "-> GAP", scores_nin.shape)
print("GAP of a 10 x 10 map:", gap_larger.shape)

# %%
# 示意图
# ------
#
# 每一行是一种分类头，方框里是张量的形状，箭头上是所做的运算及其参数量。

rows = [
    ("展平 + 全连接", [f"{channels}×{side}×{side}", f"{flat_dim}", f"{n_classes}"],
     [("展平", 0), ("全连接", heads["flatten + FC"])]),
    ("GAP + 全连接（ResNet）", [f"{channels}×{side}×{side}", f"{channels}", f"{n_classes}"],
     [("GAP", 0), ("全连接", heads["GAP + FC (ResNet)"])]),
    ("1×1 卷积 + GAP（NIN）", [f"{channels}×{side}×{side}", f"{n_classes}×{side}×{side}", f"{n_classes}"],
     [("1×1 卷积", heads["1x1 conv + GAP (NIN)"]), ("GAP", 0)]),
]
# one tint per kind of tensor: feature maps in, intermediate tensors, class scores out
BOX_TINTS = [(*to_rgb(color(role)), 0.28) for role in ("first", "third", "second")]

fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "三行流程示意图，输入都是 512×7×7 的特征图（蓝框）：展平后接全连接、全局平均池化（GAP）后接全连接、先做 1×1 卷积再 GAP，绿框是中间张量，橙红框是 1000 个类别得分。方框内是张量形状，箭头上方是运算，下方是它的参数量；GAP 本身没有参数，后两种分类头的参数量相同，都是 513,000。")
# sphinx_gallery_end_ignore
box_x = [0.3, 4.45, 8.6]
for r, (name, boxes, ops) in enumerate(rows):
    y = 2.6 - 1.3 * r
    ax.text(0.3, y + 0.42, name, va="bottom")
    for i, (bx, label) in enumerate(zip(box_x, boxes)):
        ax.add_patch(FancyBboxPatch((bx, y - 0.27), 1.6, 0.54, boxstyle="round,pad=0.04",
                                    facecolor=BOX_TINTS[i], edgecolor=INK_SOFT, linewidth=0.8))
        ax.text(bx + 0.8, y, label, ha="center", va="center")
    for i, (op, n_params) in enumerate(ops):
        start, end = box_x[i] + 1.7, box_x[i + 1] - 0.1
        ax.add_patch(FancyArrowPatch((start, y), (end, y), arrowstyle="-|>", mutation_scale=12, color=INK_SOFT))
        ax.text((start + end) / 2, y + 0.08, op, ha="center", va="bottom")
        ax.text((start + end) / 2, y - 0.08, f"{n_params:,} 个参数" if n_params else "无参数", ha="center",
                va="top", color=INK_SOFT)
ax.set_xlim(0.1, 10.4)
ax.set_ylim(-0.45, 3.3)
ax.axis("off")
ax.set_title("512×7×7 特征图上的三种分类头")
plt.show()

# %%
# 参数量对比
# ----------
#
# 对数横轴上的点图（参数量跨四个数量级，条形的长度在对数轴上没有意义，所以只画点），
# 用 GAP 的分类头画成蓝色，展平的画成橙红色。展平 + 全连接的头比 GAP + 全连接多出 :math:`7 \times 7 = 49` 倍的权重，
# VGG-16 带两个 4096 维隐藏层的分类头更是超过一亿个参数，占了整个网络参数的大部分。
# GAP + 全连接与 1×1 卷积 + GAP 的参数量恰好相同：1×1 卷积就是在每个位置上做同一个全连接，
# 而平均与线性变换可以交换次序，两者算出的得分也完全一样（只要权重相同）。

names = list(heads)
counts = np.array([heads[k] for k in names], dtype=float)
labels = {"flatten + FC": "展平 + 全连接", "GAP + FC (ResNet)": "GAP + 全连接（ResNet）",
          "1x1 conv + GAP (NIN)": "1×1 卷积 + GAP（NIN）", "VGG-16 head (3 FC layers)": "VGG-16 分类头（3 层全连接）"}
uses_gap = {k: "GAP" in k for k in names}
fig, ax = plt.subplots(figsize=figsize(aspect=0.42))
# sphinx_gallery_start_ignore
describe(fig, "对数横轴的点图，比较四种分类头的参数量：用 GAP 的两种（蓝点，GAP 加全连接与 1×1 卷积加 GAP）都是 513,000 个；展平的两种（橙红点）中，展平加全连接约 2,500 万个，是前者的 49 倍，VGG-16 的三层全连接头超过一亿个。")
# sphinx_gallery_end_ignore
rows_y = np.arange(len(names))[::-1]
for y, name, count in zip(rows_y, names, counts):
    dot_color = color("first") if uses_gap[name] else color("second")
    ax.plot([count], [y], "o", color=dot_color, markersize=9)
    ax.text(count * 1.35, y, f"{int(count):,}", va="center", color=readable(dot_color))
ax.set_yticks(rows_y, [labels[k] for k in names])
ax.set_xscale("log")
ax.set_xlim(1e5, 3e9)
ax.set_ylim(-0.6, len(names) - 0.4)
ax.grid(axis="y", visible=False)
ax.plot([heads["GAP + FC (ResNet)"]] * 2, [rows_y[1] + 0.2, rows_y[0]], color=INK_SOFT, linestyle=":", linewidth=1.0)
ax.annotate("", xy=(heads["flatten + FC"], rows_y[0]), xytext=(heads["GAP + FC (ResNet)"], rows_y[0]),
            arrowprops=dict(arrowstyle="->", color=INK_SOFT, shrinkA=0, shrinkB=7))
ax.text(np.sqrt(heads["GAP + FC (ResNet)"] * heads["flatten + FC"]), rows_y[0] + 0.12,
        f"× {heads['flatten + FC'] / heads['GAP + FC (ResNet)']:.0f}", ha="center", va="bottom", color=INK_SOFT)
ax.plot([], [], "o", color=color("first"), label="用 GAP：每个通道只剩一个数")
ax.plot([], [], "o", color=color("second"), label="展平：保留全部 7×7 位置")
ax.set_xlabel("参数量（对数刻度）")
ax.set_title("分类头的参数量，512×7×7 → 1000 类")
ax.legend(loc="center right")
plt.show()

# with the same weights, "GAP then FC" equals "1x1 conv then GAP"
same_scores = adaptive_avg_pool2d(conv2d(features, w_fc[:, :, None, None]), 1).reshape(1, n_classes)
max_difference = float(np.abs(same_scores - linear(gap.reshape(1, channels), w_fc)).max())
print(f"GAP->FC vs 1x1 conv->GAP with the same weights: max |difference| = {max_difference:.2e}")

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_layers.py: heads, gap, scores_resnet,
# class_maps, scores_nin, gap_larger, max_difference.
# sphinx_gallery_end_ignore
