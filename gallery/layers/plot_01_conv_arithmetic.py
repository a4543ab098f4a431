r"""
卷积的尺寸算术：填充、步幅与空洞
================================

卷积层的输出有多大，只取决于每个空间维度上的四个整数：输入边长 :math:`N`、卷积核边长 :math:`F`、
步幅 :math:`S` 和每侧的填充 :math:`P`\ （再加上空洞率 :math:`D`）。
本例把四种典型情形画成网格：不填充的 valid 卷积、步幅 1 的 same 卷积、
步幅 2 且两侧填充不相等的 same 卷积，以及空洞卷积。
每个输出尺寸既用 :func:`dlnotes.layers.conv_output_size` 按公式算出，
也用 :func:`dlnotes.layers.conv2d` 真正做一次卷积来核对。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import FancyArrowPatch, Rectangle

from dlnotes.layers import conv2d, conv_output_size, same_padding
from dlnotes.plotting import INK, INK_SOFT, PAPER, SHADE, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 输出尺寸公式
# ------------
#
# 在一个空间维度上，卷积核从填充后的输入左端出发，每次右移 :math:`S` 格，
# 只要核的最后一个抽头还落在填充后的输入里就产生一个输出。记填充后的边长为 :math:`N'`，则
#
# .. math::
#
#    O &= \left\lfloor \frac{N' - D\,(F-1) - 1}{S} \right\rfloor + 1, \\
#    N' &= N + P_{\text{before}} + P_{\text{after}} .
#
# 两侧填充相等时 :math:`P_{\text{before}} + P_{\text{after}} = 2P`，:math:`D = 1` 时就是熟悉的
# :math:`\lfloor (N - F + 2P)/S \rfloor + 1`。高和宽各自套用一次公式，:math:`N`、:math:`F` 都是边长。
# “same”的含义是输出边长为 :math:`\lceil N/S \rceil`；所需的总填充量由
# :func:`dlnotes.layers.same_padding` 按 TensorFlow 的规则算出，总数为奇数时多出的一个零补在后面（右侧、下侧）。

cases = {}


def add_case(name, n, k, s=1, d=1, pad=(0, 0)):
    """Output size by formula and by an actual convolution of an n x n input."""
    before, after = pad
    out = conv_output_size(n + before + after, k, stride=s, dilation=d)
    x = np.zeros((1, 1, n, n))
    x = np.pad(x, [(0, 0), (0, 0), (before, after), (before, after)])
    measured = conv2d(x, np.ones((1, 1, k, k)), stride=s, dilation=d).shape[-1]
    cases[name] = dict(n=n, k=k, s=s, d=d, pad=(before, after), out=out, measured=measured)


add_case("valid", n=5, k=3)
add_case("same, S=1", n=5, k=3, pad=same_padding(5, 3))
add_case("same, S=2", n=6, k=3, s=2, pad=same_padding(6, 3, 2))
add_case("dilation D=2", n=7, k=3, d=2)

for name, c in cases.items():
    print(f"{name:13s} N={c['n']} F={c['k']} S={c['s']} D={c['d']} "
          f"padding(before, after)={c['pad']} -> O={c['out']} (conv2d gives {c['measured']})")

# %%
# 四种情形
# --------
#
# 图中灰色虚线格是填充的零，白格是真实输入。蓝色格只被第一个输出用到，
# 橙红格只被它右边那个输出（向右移动一个步幅）用到，绿色格是两个输出共用的输入；
# 窗口落在填充上的格子颜色浅一些。右侧的小网格是输出，第一、第二个输出的颜色与左边对应。
# 第三幅里总填充量为 1，只能补在右侧和下侧，这就是步幅 2 时“same”填充的不对称；
# 第四幅里 3×3 的核隔一格取一个抽头，覆盖 5×5 的范围，但参数仍是 9 个。

FIRST, SECOND, SHARED = color("first"), color("second"), color("third")


def draw_case(ax, c, title):
    n, k, s, d = c["n"], c["k"], c["s"], c["d"]
    before, after = c["pad"]
    size = n + before + after
    taps = {(i * d, j * d) for i in range(k) for j in range(k)}  # (row, col) of the first output's inputs
    first = taps
    second = {(r, col + s) for r, col in taps}
    for r in range(size):
        for col in range(size):
            real = before <= r < before + n and before <= col < before + n
            face = PAPER if real else SHADE
            if (r, col) in first and (r, col) in second:
                face = SHARED
            elif (r, col) in first:
                face = FIRST
            elif (r, col) in second:
                face = SECOND
            if not real and face != SHADE:  # a window over the padding: a lighter tint of its colour
                face = (*to_rgb(face), 0.45)
            ax.add_patch(Rectangle((col, -r - 1), 1, 1, facecolor=face,
                                   edgecolor=INK if real else INK_SOFT,
                                   linestyle="-" if real else (0, (2, 2)), linewidth=0.7))
    o = c["out"]
    x0 = size + 2.2
    for r in range(o):
        for col in range(o):
            face = FIRST if (r, col) == (0, 0) else SECOND if (r, col) == (0, 1) else PAPER
            ax.add_patch(Rectangle((x0 + col, -r - 1 - (size - o) / 2), 1, 1, facecolor=face,
                                   edgecolor=INK, linewidth=0.7))
    ax.add_patch(FancyArrowPatch((size + 0.3, -size / 2), (x0 - 0.3, -size / 2),
                                 arrowstyle="-|>", mutation_scale=12, color=INK_SOFT))
    ax.set_xlim(-0.3, x0 + o + 0.3)
    ax.set_ylim(-size - 0.3, 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    pad_text = f"P = {before}" if before == after else f"P = ({before}, {after})"
    ax.set_title(f"{title}\nN = {n}, F = {k}, S = {s}, D = {d}, {pad_text} → O = {o}")


fig, axes = plt.subplots(2, 2, figsize=figsize(2, nrows=2, aspect=0.78, extra=0.6))
# sphinx_gallery_start_ignore
describe(fig, "2×2 四幅网格示意图：不填充的 valid 卷积、步幅 1 的 same 卷积、步幅 2 且只在右侧和下侧补零的 same 卷积、空洞率 2 的卷积。灰色虚线格是填充的零；蓝色格只属于第一个输出的窗口，橙红格只属于第二个输出的窗口，绿色格两者共用；箭头右侧是输出网格，前两个输出用同样的蓝、橙红标出。")
# sphinx_gallery_end_ignore
titles = ["valid：不填充", "same，步幅 1", "same，步幅 2（两侧不对称）", "空洞卷积，D = 2"]
for ax, (name, c), title in zip(axes.flat, cases.items(), titles):
    draw_case(ax, c, title)
legend = [
    Rectangle((0, 0), 1, 1, facecolor=FIRST, label="只属于输出 (0, 0)"),
    Rectangle((0, 0), 1, 1, facecolor=SECOND, label="只属于输出 (0, 1)"),
    Rectangle((0, 0), 1, 1, facecolor=SHARED, label="两个输出共用"),
    Rectangle((0, 0), 1, 1, facecolor=SHADE, edgecolor=INK_SOFT, linestyle=(0, (2, 2)), label="填充的零"),
]
fig.legend(handles=legend, loc="outside lower center", ncols=4)
fig.suptitle(r"输出边长 $O = \lfloor (N + P_{before} + P_{after} - D(F-1) - 1)/S \rfloor + 1$")
plt.show()

# %%
# 步幅 2 的 same 填充随输入边长变化
# ---------------------------------
#
# 步幅为 1 时，same 所需的总填充是固定的 :math:`D(F-1)`，与 :math:`N` 无关；
# 步幅大于 1 时，总填充量
#
# .. math::
#
#    P_{\text{total}} &= \max\bigl((\lceil N/S\rceil-1)\,S \\
#    &\qquad\quad + D(F-1) + 1 - N,\ 0\bigr)
#
# 随 :math:`N` 的奇偶交替变化。下图是 :math:`F=3, S=2` 时前后两侧的填充量：
# :math:`N` 为偶数时总数是 1，只能补在后面；:math:`N` 为奇数时两侧各补 1。
# 这也是 PyTorch 拒绝在步幅大于 1 时使用 ``padding='same'`` 的原因：填充量依赖输入尺寸，且常常不对称。

sizes = np.arange(4, 17)
same_pads = np.array([same_padding(int(m), 3, 2) for m in sizes])
same_outputs = np.array([conv_output_size(int(m) + int(a) + int(b), 3, stride=2)
                         for m, (a, b) in zip(sizes, same_pads)])

fig, ax = plt.subplots(figsize=figsize(aspect=0.5))
# sphinx_gallery_start_ignore
describe(fig, "柱状图：F = 3、S = 2 时，same 卷积对边长 N 从 4 到 16 的输入在前侧（蓝）和后侧（橙红）各补几个零。N 为偶数时只在后侧补 1 个零，N 为奇数时两侧各补 1 个，填充方式随 N 的奇偶交替变化。")
# sphinx_gallery_end_ignore
width = 0.38
ax.bar(sizes - width / 2, same_pads[:, 0], width, color=color("first"), label="前侧（左 / 上）补零")
ax.bar(sizes + width / 2, same_pads[:, 1], width, color=color("second"), label="后侧（右 / 下）补零")
ax.set_xticks(sizes)
ax.set_yticks([0, 1, 2])
ax.set_ylim(0, 2.6)
ax.set_xlabel("输入边长 $N$")
ax.set_ylabel("补零个数")
ax.set_title(r"F = 3、S = 2 的 same 填充：输出 $\lceil N/2 \rceil$，填充方式随 N 变化")
ax.legend(loc="upper left", ncols=2)
ax.grid(axis="x", visible=False)
plt.show()

print("N:", sizes.tolist())
print("same padding (before, after):", [tuple(int(v) for v in p) for p in same_pads])
print("output sizes:", same_outputs.tolist())

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_layers.py: cases (each with the formula's
# size "out" and the convolved size "measured"), sizes, same_pads, same_outputs.
# sphinx_gallery_end_ignore
