r"""
自适应平均池化的分箱
====================

普通池化由调用者给出窗口和步幅，输出长度随输入而变；自适应池化反过来，调用者给出输出长度 :math:`n`，
窗口由输入长度 :math:`L` 决定。第 :math:`i` 个输出（:math:`i = 0, \dots, n-1`）是输入在
:math:`[\lfloor iL/n \rfloor,\ \lceil (i+1)L/n \rceil)` 上的平均。本例用
:func:`dlnotes.layers.adaptive_pool_bounds` 画出这些分箱，说明它们何时重叠，
再用 :func:`dlnotes.layers.adaptive_avg_pool1d` 把长短不一的信号压成同样长度。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from dlnotes.layers import adaptive_avg_pool1d, adaptive_pool_bounds
from dlnotes.plotting import INK, INK_SOFT, PAPER, figsize, num_list, readable, sequential, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 分箱从哪里来
# ------------
#
# 把长度为 :math:`L` 的输入看成区间 :math:`[0, L)`，平均切成 :math:`n` 段，第 :math:`i` 段是实数区间
# :math:`[iL/n,\ (i+1)L/n)`。段的端点一般不是整数，而输入只有整数下标的元素；
# 为了让每个被这一段碰到的元素都参与平均，起点向下取整、终点向上取整：
#
# .. math::
#
#    \text{start}_i &= \left\lfloor \frac{iL}{n} \right\rfloor, \\
#    \text{end}_i &= \left\lceil \frac{(i+1)L}{n} \right\rceil .
#
# 当 :math:`n` 整除 :math:`L` 时，端点都是整数，分箱互不重叠，等价于窗口和步幅都取 :math:`L/n` 的普通平均池化；
# 否则逐个切点地看：切点 :math:`iL/n` 不是整数时，它所在的那个元素同时属于两侧的箱，两箱重叠一个元素；
# 切点恰好是整数时，两箱只是首尾相接（例如 :math:`L = 10, n = 4` 的第 2、3 箱在切点 5 处）。
# 箱宽只可能是 :math:`\lceil L/n \rceil` 或 :math:`\lceil L/n \rceil + 1`，可能相等（:math:`L = 10, n = 4` 全是 3），也可能不等（:math:`L = 9, n = 5`）。
# 下图中虚线是实数切点 :math:`iL/n`，彩色横条是取整后的分箱（颜色按箱的次序由蓝到琥珀色），
# 方格里的数是输入，右侧是输出。

rng = np.random.default_rng(0)
examples = [(8, 4), (10, 4), (7, 3), (9, 5)]
bins = {}
outputs = {}
inputs = {}
for length, n in examples:
    x = rng.integers(0, 10, size=length).astype(np.float64)
    inputs[(length, n)] = x
    bins[(length, n)] = adaptive_pool_bounds(length, n)
    outputs[(length, n)] = adaptive_avg_pool1d(x[None, None], n)[0, 0]

max_length = max(length for length, _ in examples)
fig, axes = plt.subplots(len(examples), 1, figsize=figsize(aspect=0.86))
# sphinx_gallery_start_ignore
describe(fig, "四行示意图：长度 L = 8、10、7、9 的输入分别被自适应平均池化成 n = 4、4、3、5 个输出。方格里是输入值，上方彩色横条是各个分箱（标出下标区间），虚线是实数切点，右侧是输出。只有 n 整除 L 的第一行分箱互不重叠；其余各行在不是整数的切点处相邻两箱共用一个元素，L = 10 的第 2、3 箱在整数切点 5 处只是相接。")
# sphinx_gallery_end_ignore
for ax, (length, n) in zip(axes, examples):
    x, (start, end), y = inputs[(length, n)], bins[(length, n)], outputs[(length, n)]
    bin_colors = sequential(n)
    for j, value in enumerate(x):
        ax.add_patch(Rectangle((j, 0), 1, 1, facecolor=PAPER, edgecolor=INK))
        ax.text(j + 0.5, 0.5, f"{value:.0f}", ha="center", va="center")
    for i in range(n):
        level = 1.25 + 0.45 * (i % 2)  # alternate heights so overlapping bins stay visible
        ax.add_patch(Rectangle((start[i] + 0.05, level), end[i] - start[i] - 0.1, 0.3,
                               facecolor=bin_colors[i], edgecolor="none"))
        ax.text(end[i] + 0.05, level + 0.15, f"[{start[i]}, {end[i]})", va="center", color=readable(bin_colors[i]))
    for i in range(1, n):  # the real-valued cut points i L / n, drawn above the cells
        ax.plot([i * length / n] * 2, [1.0, 2.15], color=INK_SOFT, linestyle="--", linewidth=1.0)
    ax.text(max_length + 1.2, 0.5, "输出 " + num_list(y, ".2f"), va="center")
    ax.set_xlim(-0.2, max_length + 10.5)
    ax.set_ylim(-0.15, 2.2)
    ax.set_aspect("equal")
    ax.axis("off")
    overlap = "相邻分箱重叠" if length % n else "分箱互不重叠（= 窗口与步幅都为 L/n 的平均池化）"
    ax.set_title(f"L = {length}，n = {n}：{overlap}", loc="left")
plt.show()

for (length, n), (start, end) in bins.items():
    print(f"L={length:2d} n={n}: start={start.tolist()} end={end.tolist()} "
          f"widths={(end - start).tolist()} output={np.round(outputs[(length, n)], 3).tolist()}")

# %%
# 长短不一的输入，同样长度的输出
# ------------------------------
#
# 自适应池化常放在卷积部分的末尾：不论输入多长，输出长度都固定为 :math:`n`，后面的全连接层就能接上。
# 下面三段长度不同的带噪正弦信号，都被压成 16 个值；横轴按相对位置画，三条阶梯线大体吻合（噪声各不相同，细节上有出入）。

n_out = 16
lengths = (50, 97, 230)
pooled = {}
length_colors = dict(zip(lengths, sequential(len(lengths))))  # ordered by input length
fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "长度为 50、97、230 的三段带噪正弦信号（淡色细线，横轴为相对位置；颜色由蓝到琥珀色，越亮越长），经自适应平均池化后都变成 16 个值，画成三条同色阶梯线，彼此大体吻合。")
# sphinx_gallery_end_ignore
for length in lengths:
    pos = (np.arange(length) + 0.5) / length
    signal = np.sin(2 * np.pi * 1.5 * pos) + 0.3 * rng.normal(size=length)
    pooled[length] = adaptive_avg_pool1d(signal[None, None], n_out)[0, 0]
    ax.plot(pos, signal, color=length_colors[length], alpha=0.35, linewidth=1.0)
    ax.step(np.arange(n_out + 1) / n_out, np.append(pooled[length], pooled[length][-1]), where="post",
            color=length_colors[length], label=f"L = {length} → {n_out} 个输出")
ax.set_xlabel("相对位置")
ax.set_ylabel("取值")
ax.set_title("adaptive_avg_pool1d：输入长度任意，输出长度固定")
ax.set_ylim(-2.3, 2.0)
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_layers.py: inputs, bins, outputs, pooled.
# sphinx_gallery_end_ignore
