r"""
池化层的反向传播
================

池化层没有参数，反向传播时只需把上游梯度 :math:`\partial L/\partial y` 分回输入。
最大池化把每个输出的梯度整个交给窗口里取得最大值的那个位置，平均池化把它平均分给窗口里的每个位置。
本例用 :func:`dlnotes.layers.max_pool2d_backward` 和 :func:`dlnotes.layers.avg_pool2d_backward`
算出输入梯度并画成网格，再看两个容易出错的情形：窗口里有并列的最大值，以及窗口互相重叠。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

from dlnotes.layers import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from dlnotes.plotting import INK, PAPER, PALETTE, figsize, num, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# one tint per 2x2 window: a hue of the palette at 30 % opacity, so that the cell text (INK)
# reads on it on the light page and, in the dark render, on the darker tint
WINDOW_COLORS = tuple((*to_rgb(PALETTE[h]), 0.3) for h in ("blue", "vermillion", "green", "olive"))


def draw_grid(ax, values, title, colors=None, outline=None, fmt="g"):
    """A matrix drawn as labelled cells; ``colors`` per cell, ``outline`` a boolean mask."""
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            face = PAPER if colors is None else colors[r][c]
            ax.add_patch(Rectangle((c, rows - 1 - r), 1, 1, facecolor=face, edgecolor=INK, linewidth=0.7))
            bold = outline is not None and outline[r, c]
            if bold:
                ax.add_patch(Rectangle((c + 0.08, rows - 0.92 - r), 0.84, 0.84, facecolor="none",
                                       edgecolor=INK, linewidth=2.0))
            ax.text(c + 0.5, rows - 0.5 - r, num(float(values[r, c]), fmt), ha="center", va="center")
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(-0.1, rows + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)


def window_colors(shape, kernel):
    """Colour of the (non-overlapping) pooling window each cell belongs to."""
    rows, cols = shape
    per_row = cols // kernel
    return [[WINDOW_COLORS[(r // kernel) * per_row + c // kernel] for c in range(cols)] for r in range(rows)]


def argmax_mask(shape, indices):
    mask = np.zeros(shape, dtype=bool)
    mask.flat[np.unique(indices)] = True
    return mask


# %%
# 2×2 池化，步幅 2：梯度怎样分回去
# --------------------------------
#
# 输入是一个 4×4 的矩阵，做 2×2、步幅 2 的池化得到 2×2 的输出，上游梯度取
# :math:`\begin{pmatrix}1 & 0.8\\ 0.4 & 0.6\end{pmatrix}`。
# 最大池化的前向输出 :math:`y = \max_{p \in R} x_p` 只依赖最大值所在的位置 :math:`p^*`，
# 所以 :math:`\partial y/\partial x_{p^*} = 1`，窗口里其余位置的导数是 0：梯度原封不动地送到
# :math:`p^*`\ （前向时要记下它的下标，PyTorch 的 ``return_indices`` 返回的就是它）。
# 平均池化 :math:`y = \frac{1}{|R|}\sum_{p\in R} x_p` 对每个位置的导数都是 :math:`1/|R|`，
# 梯度被四等分。两种情况下，输入梯度之和都等于上游梯度之和。

x_notes = np.array([[5, 3, 1, 2], [1, 2, 3, 2], [4, 2, 2, 5], [3, 6, 1, 1]], dtype=np.float64)
g_notes = np.array([[1.0, 0.8], [0.4, 0.6]])
X = x_notes[None, None]
G = g_notes[None, None]

y_max_notes, idx_notes = max_pool2d(X, 2, return_indices=True)
y_avg_notes = avg_pool2d(X, 2)
grad_max_notes = max_pool2d_backward(G, X, 2)[0, 0]
grad_avg_notes = avg_pool2d_backward(G, X, 2)[0, 0]

colors4 = window_colors((4, 4), 2)
colors2 = [[WINDOW_COLORS[0], WINDOW_COLORS[1]], [WINDOW_COLORS[2], WINDOW_COLORS[3]]]
winners = argmax_mask((4, 4), idx_notes)

fig, axes = plt.subplots(2, 3, figsize=figsize(3, nrows=2, aspect=1.0, extra=1.2))
# sphinx_gallery_start_ignore
describe(fig, "两行网格图，上行为最大池化、下行为平均池化（2×2，步幅 2），依次是 4×4 输入 x、池化输出 y 和输入梯度 ∂L/∂x，四种淡色区分四个窗口，两行的上游梯度都是左上 1、右上 0.8、左下 0.4、右下 0.6。最大池化把每个窗口的梯度整个交给加框的最大值位置，其余为 0；平均池化把梯度四等分给窗口内各位置。")
# sphinx_gallery_end_ignore
draw_grid(axes[0, 0], x_notes, "最大池化：输入 x\n（加框的是最大值）", colors4, winners)
draw_grid(axes[0, 1], y_max_notes[0, 0], "输出\ny = max_pool2d(x, 2)", colors2)
draw_grid(axes[0, 2], grad_max_notes, "∂L/∂x：\n整个交给最大值", colors4, winners)
draw_grid(axes[1, 0], x_notes, "平均池化：\n输入 x", colors4)
draw_grid(axes[1, 1], y_avg_notes[0, 0], "输出\ny = avg_pool2d(x, 2)", colors2, fmt=".2f")
draw_grid(axes[1, 2], grad_avg_notes, "∂L/∂x：\n四等分", colors4, fmt=".2f")
fig.suptitle("上游梯度 ∂L/∂y（两行相同，按窗口颜色）：左上 1，右上 0.8，左下 0.4，右下 0.6")
plt.show()

print("max pooling output:", y_max_notes[0, 0].tolist(), "arg-max indices:", idx_notes[0, 0].tolist())
print("input gradient, max pooling:\n", grad_max_notes)
print("input gradient, average pooling:\n", grad_avg_notes)
print(f"sum of gradients: upstream {g_notes.sum():.2f}, max {grad_max_notes.sum():.2f}, "
      f"average {grad_avg_notes.sum():.2f}")

# %%
# 如果平均池化的反向传播把上游梯度原样复制给窗口里的 4 个位置而不除以 4，
# 输入梯度的总和就会变成上游的 4 倍，每经过一层池化放大一次。
#
# 并列最大值与重叠窗口
# --------------------
#
# 窗口里有几个相同的最大值时，最大值函数在这一点不可导，框架只能约定一个次梯度。
# PyTorch 的 CPU 实现按行优先顺序扫描窗口，只在遇到\ **严格更大**\ 的值时才更新，
# 所以保留第一个最大值，梯度全部给它，其余并列者得 0（左列：左上窗口里两个 4 并列，下面两个窗口的四个值全都相等）。
# 窗口重叠时（3×3 窗口、步幅 1），同一个输入可能是好几个窗口的最大值，它收到的梯度是这些窗口梯度之和
# （中列：数值 6 同时赢下两个窗口，收到 0.4 + 0.6）；平均池化则按每个位置被几个窗口覆盖来累加（右列）。

tie_x = np.array([[1, 4, 4, 0], [4, 2, 0, 0], [2, 2, 5, 5], [2, 2, 5, 5]], dtype=np.float64)
_, tie_idx = max_pool2d(tie_x[None, None], 2, return_indices=True)
tie_grad = max_pool2d_backward(G, tie_x[None, None], 2)[0, 0]

_, overlap_idx = max_pool2d(X, 3, stride=1, return_indices=True)
overlap_max_grad = max_pool2d_backward(G, X, 3, stride=1)[0, 0]
overlap_avg_grad = avg_pool2d_backward(G, X, 3, stride=1)[0, 0]
coverage = avg_pool2d_backward(np.full((1, 1, 2, 2), 9.0), X, 3, stride=1)[0, 0]  # windows per cell

fig, axes = plt.subplots(2, 3, figsize=figsize(3, nrows=2, aspect=1.0, extra=1.2))
# sphinx_gallery_start_ignore
describe(fig, "三列网格图，上游梯度相同。左列：窗口里有并列最大值时，梯度只给按行优先扫描到的第一个最大值（加框）；中列：3×3、步幅 1 的重叠窗口中，数值 6 同时是两个窗口的最大值，收到两份梯度之和 1.0；右列：每格被几个窗口覆盖，以及平均池化累加出的输入梯度。")
# sphinx_gallery_end_ignore
draw_grid(axes[0, 0], tie_x, "并列最大值（2×2，步幅 2）：\n只有第一个得梯度", colors4,
          argmax_mask((4, 4), tie_idx))
draw_grid(axes[1, 0], tie_grad, "∂L/∂x（最大池化）", colors4, argmax_mask((4, 4), tie_idx))
draw_grid(axes[0, 1], x_notes, "重叠窗口\n（3×3，步幅 1）", None,
          argmax_mask((4, 4), overlap_idx))
draw_grid(axes[1, 1], overlap_max_grad, "∂L/∂x（最大池化）：\n梯度相加", None,
          argmax_mask((4, 4), overlap_idx))
draw_grid(axes[0, 2], coverage, "每格被几个\n3×3 窗口覆盖", None)
draw_grid(axes[1, 2], overlap_avg_grad, "∂L/∂x（平均池化）：\n各窗口 g/9 之和", None, fmt=".3f")
fig.suptitle("三列的上游梯度 ∂L/∂y 都是：左上 1，右上 0.8，左下 0.4，右下 0.6")
plt.show()

print("tie case, winning indices:", tie_idx[0, 0].tolist())
print("overlapping max pooling, winning indices:", overlap_idx[0, 0].tolist())
print("overlapping max pooling, input gradient:\n", overlap_max_grad)

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_layers.py: x_notes, g_notes, y_max_notes,
# idx_notes, grad_max_notes, grad_avg_notes, tie_x, tie_idx, tie_grad, overlap_idx,
# overlap_max_grad, overlap_avg_grad, coverage.
# sphinx_gallery_end_ignore
