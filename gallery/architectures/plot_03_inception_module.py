r"""
Inception 模块的结构图
======================

Inception v1 模块 :cite:p:`szegedy2015going` 让四个分支读同一个输入：1×1 卷积、3×3 卷积、5×5 卷积和
3×3 最大池化，再把四个输出沿通道拼接。左图是论文中的“朴素”版本，右图是带 1×1 降维的实际版本。
图不是手画的：每个方框的文字都从 :class:`dlnotes.architectures.NaiveInception` 和
:class:`dlnotes.architectures.Inception` 这两个 PyTorch 模块里逐层读出，输出形状由 :func:`dlnotes.profiler.summarize`
在 ``meta`` 设备上推算，通道数取 GoogLeNet 的 inception (3a)。
"""

import matplotlib.pyplot as plt
import torch
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from torch import nn

from dlnotes.architectures import GoogLeNet, Inception, NaiveInception
from dlnotes.profiler import summarize
from dlnotes.plotting import INK, INK_SOFT, PALETTE, PAPER, figsize, label_on, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 从模块读出每个分支的层
# ----------------------
#
# 每个分支是一串层；卷积写成“核大小 卷积、输出通道数”，池化写成“最大池化 3×3、步幅 1”。
# 卷积后面的 ReLU 不单独画。


def branch_layers(branch):
    """Labels of the convolutions and poolings of one branch, input to output."""
    layers = branch.modules() if isinstance(branch, nn.Sequential) else [branch]
    labels = []
    for layer in layers:
        if isinstance(layer, nn.Conv2d):
            k = layer.kernel_size
            labels.append((f"{k[0]}×{k[1]} 卷积\n{layer.out_channels} 通道", k[0]))
        elif isinstance(layer, nn.MaxPool2d):
            labels.append((f"最大池化\n{layer.kernel_size}×{layer.kernel_size} 步幅 1", "pool"))
    return labels


cin, c1, c3r, c3, c5r, c5, pp = GoogLeNet.CONFIG["3a"]
side = 28
with torch.device("meta"):
    modules = {"(a) 朴素版本": NaiveInception(cin, c1, c3, c5), "(b) 带 1×1 降维": Inception(cin, c1, c3r, c3, c5r, c5, pp)}
outputs = {name: summarize(m, (1, cin, side, side))["output_shape"] for name, m in modules.items()}
structure = {name: [branch_layers(b) for b in (m.branch1, m.branch2, m.branch3, m.branch4)] for name, m in modules.items()}
for name, branches in structure.items():
    print(name, "->", outputs[name])
    for i, branch in enumerate(branches, 1):
        print(f"  branch {i}:", " -> ".join(label.replace("\n", " ") for label, _ in branch))

# %%
# 画图
# ----
#
# 颜色区分运算：蓝色是 1×1 卷积，绿色 3×3，橙红 5×5，紫红是池化；方框里的字按底色选黑或白，
# 对比度都在 4.5:1 以上。右图中 3×3 和 5×5 卷积前面
# 多了一个 1×1 卷积（降维），池化后面多了一个 1×1 卷积（投影），拼接后的通道数从
# 416 降为 256。

colour = {1: PALETTE["blue"], 3: PALETTE["green"], 5: PALETTE["vermillion"], "pool": PALETTE["wine"]}


def box(ax, x, y, text, face, width=2.2, height=0.8):
    """A rounded box; the text is black or white, whichever contrasts more with the face colour."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.04",
                                facecolor=face, edgecolor=INK, linewidth=0.8))
    if face == PAPER:  # a neutral box: its text follows the page colours in the dark render too
        ax.text(x, y, text, ha="center", va="center", fontsize=9)
    else:
        label_on(ax, x, y, text, face, fontsize=9)


def arrow(ax, start, end):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=10, linewidth=1.0, color=INK_SOFT,
                                 shrinkA=0, shrinkB=0))


fig, axes = plt.subplots(1, 2, figsize=figsize(2, aspect=1.3))
# sphinx_gallery_start_ignore
describe(fig, "两张 Inception 模块结构图，输入都是 28×28×192。左图为朴素版：1×1、3×3、5×5 卷积与 3×3 最大池化四个分支并行，拼接后 416 个通道；右图在 3×3、5×5 卷积前各加一个 1×1 降维、池化后加一个 1×1 投影，拼接后 256 个通道。方框颜色：蓝为 1×1 卷积，绿为 3×3，橙红为 5×5，紫红为池化。")
# sphinx_gallery_end_ignore
xs = [1.2, 3.6, 6.0, 8.4]
y_in, y_out = 0.4, 5.0
for ax, (name, branches) in zip(axes, structure.items()):
    box(ax, 4.8, y_in, f"输入 {side}×{side}×{cin}", PAPER, width=5.2, height=0.6)
    n, c, h, w = outputs[name]
    box(ax, 4.8, y_out, f"拼接 {h}×{w}×{c}", PAPER, width=5.2, height=0.6)
    for x, branch in zip(xs, branches):
        ys = [1.75, 3.45] if len(branch) == 2 else [2.6]
        arrow(ax, (4.8 + (x - 4.8) * 0.45, y_in + 0.32), (x, ys[0] - 0.43))
        for (label, kind), y in zip(branch, ys):
            box(ax, x, y, label, colour[kind])
        if len(ys) == 2:
            arrow(ax, (x, ys[0] + 0.43), (x, ys[1] - 0.43))
        arrow(ax, (x, ys[-1] + 0.43), (4.8 + (x - 4.8) * 0.45, y_out - 0.32))
    ax.set_xlim(0, 9.6)
    ax.set_ylim(-0.1, 5.5)
    ax.set_title(f"{name}：输出 {c} 个通道")
    ax.axis("off")
plt.show()
