r"""
Inception-v2/v3 的卷积分解
==========================

“Rethinking the Inception Architecture” :cite:p:`szegedy2016rethinking` 用两种分解给 Inception 模块减负：
把 5×5 卷积换成两个 3×3 卷积，把 :math:`n \times n` 卷积换成 :math:`1 \times n` 接 :math:`n \times 1`。
分解后看到的输入窗口不变，参数却少了。本例用 autograd 求出输出中心像素对输入的梯度，
画出它实际“看到”的窗口，并用 :func:`dlnotes.profiler.count_params` 数出各种写法的参数量。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle
import torch
from torch import nn

from dlnotes.architectures import AsymmetricConv2d
from dlnotes.profiler import count_params
from dlnotes.plotting import GRID, INK, PAPER, color, figsize, image_axes, label_on, num, sequential_cmap, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 输出中心像素依赖哪些输入
# ------------------------
#
# 单通道、权重全为 1、无偏置：梯度 :math:`\partial y_{\text{centre}} / \partial x_{ij}` 就是从输入像素
# :math:`(i, j)` 走到输出中心的路径条数。两个 3×3 卷积叠起来，窗口是 5×5，但中心像素有 9 条路径，
# 角上只有 1 条，越靠中间权重越大；:math:`1 \times 7` 接 :math:`7 \times 1` 的窗口是完整的 7×7，
# 每个像素恰好 1 条路径。


def window(stack, size=9):
    """|d y_centre / d x| of a single-channel stack of convolutions with all-one weights."""
    with torch.no_grad():
        for layer in stack:
            layer.weight.fill_(1.0)
    x = torch.zeros(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    y = stack(x)
    y[0, 0, size // 2, size // 2].backward()
    return x.grad[0, 0].numpy()


two_3x3 = nn.Sequential(nn.Conv2d(1, 1, 3, padding=1, bias=False), nn.Conv2d(1, 1, 3, padding=1, bias=False)).double()
asym_7 = AsymmetricConv2d(1, 1, 7).double()
paths_two_3x3 = window(two_3x3)
paths_asym_7 = window(asym_7)
support_two_3x3 = int(np.count_nonzero(paths_two_3x3))
support_asym_7 = int(np.count_nonzero(paths_asym_7))
print("two 3x3 convs: window", support_two_3x3, "pixels; paths per pixel:\n", paths_two_3x3[2:7, 2:7].astype(int))
print("1x7 then 7x1: window", support_asym_7, "pixels; paths per pixel:", np.unique(paths_asym_7[paths_asym_7 > 0]))

# %%
# 参数量
# ------
#
# 设输入、输出都是 :math:`C = 64` 个通道（Inception-v3 中的分解卷积通道数相同时就是这样），不计偏置。
# 每种写法都搭成 PyTorch 模块再计数。

C = 64
kinds = {
    "3x3": (nn.Conv2d(C, C, 3, bias=False), AsymmetricConv2d(C, C, 3), "1x3 + 3x1"),
    "5x5": (nn.Conv2d(C, C, 5, bias=False), nn.Sequential(nn.Conv2d(C, C, 3, bias=False), nn.Conv2d(C, C, 3, bias=False)),
            "two 3x3"),
    "7x7": (nn.Conv2d(C, C, 7, bias=False), AsymmetricConv2d(C, C, 7), "1x7 + 7x1"),
}
counts = {name: (count_params(full), count_params(factored)) for name, (full, factored, _) in kinds.items()}
savings = {name: 1 - factored / full for name, (full, factored) in counts.items()}
for name, (full, factored) in counts.items():
    print(f"{name}: {full:>7,d} -> {factored:>7,d} weights ({kinds[name][2]}), saving {savings[name]:.1%}")

# %%
# 图
# --
#
# 左、中两图是窗口：格子里的数是路径条数，颜色越深路径越多，粗框是输出中心像素看到的窗口；
# 右图是参数量。分解把 7×7 卷积的参数减少了约七成，
# 把 5×5 减少了约三成，代价是多了一层（以及两层之间可以再加一个非线性）。


def draw_window(ax, paths, max_paths=9):
    """Each input pixel as a cell shaded by its number of paths; the window (non-zero cells) outlined."""
    size = paths.shape[0]
    for (i, j), value in np.ndenumerate(paths):
        if value:
            face = sequential_cmap()(1.0 - (value - 1) / (max_paths - 1))  # more paths: darker
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=face, edgecolor=PAPER, linewidth=0.8))
            label_on(ax, j, i, f"{value:.0f}", face)
        else:
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=PAPER, edgecolor=GRID, linewidth=0.8))
    rows, cols = np.nonzero(paths)
    ax.add_patch(Rectangle((cols.min() - 0.5, rows.min() - 0.5), cols.max() - cols.min() + 1,
                           rows.max() - rows.min() + 1, facecolor="none", edgecolor=INK, linewidth=2.0))
    ax.set_xlim(-0.5, size - 0.5)
    ax.set_ylim(size - 0.5, -0.5)
    ax.set_aspect("equal")
    image_axes(ax)


fig, axes = plt.subplots(1, 3, figsize=figsize(3, aspect=1.15, extra=0.2), width_ratios=(1, 1, 1.2))
# sphinx_gallery_start_ignore
describe(fig, "左图：两个 3×3 卷积叠加后输出中心像素看到的 5×5 输入窗口（粗框），格中数字为路径条数，颜色越深路径越多，中心 9 条、角上 1 条；中图：1×7 接 7×1 覆盖完整的 7×7 窗口（粗框），每格恰好 1 条；右图：3×3、5×5、7×7 卷积（蓝）与其分解写法（橙红）的参数量条形图，分解都更省，7×7 省得最多。")
# sphinx_gallery_end_ignore
for ax, paths, title in ((axes[0], paths_two_3x3, "3×3 接 3×3：5×5 窗口"),
                         (axes[1], paths_asym_7, "1×7 接 7×1：7×7 窗口")):
    draw_window(ax, paths)
    ax.set_title(title)
names = list(counts)
xs = np.arange(len(names))
full = np.array([counts[n][0] for n in names]) / 1e3
factored = np.array([counts[n][1] for n in names]) / 1e3
axes[2].bar(xs - 0.2, full, 0.38, color=color("first"), label="n×n 卷积核")
axes[2].bar(xs + 0.2, factored, 0.38, color=color("second"), label="分解后")
for x, name, top in zip(xs, names, np.maximum(full, factored)):
    axes[2].annotate(f"省 {num(savings[name], '.0%')}", (x, top), ha="center", va="bottom", xytext=(0, 3),
                     textcoords="offset points")
axes[2].set_ylim(0, full.max() * 1.3)
FACTORED = {"1x3 + 3x1": "1×3+3×1", "two 3x3": "两个 3×3", "1x7 + 7x1": "1×7+7×1"}
axes[2].set_xticks(xs, [f"{n.replace('x', '×')}\n{FACTORED[kinds[n][2]]}" for n in names])
axes[2].set_ylabel(f"权重数，C = {C}（千）")
axes[2].set_title("参数量")
axes[2].legend(loc="upper left")
axes[2].grid(axis="x", visible=False)
plt.show()
