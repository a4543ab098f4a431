r"""
1×1 卷积：逐像素的通道线性组合
==============================

1×1 卷积核在空间上只覆盖一个像素，所以它不看邻居，只把同一像素的 :math:`C_{in}` 个通道值
线性组合成 :math:`C_{out}` 个新值：对每个像素做同一个矩阵乘法 :math:`y = W x + b`。
本例把一张 RGB 照片看成 3 通道的特征图，用一个手工设定的 :math:`3 \times 3` 权重矩阵
（亮度、红-绿、蓝-黄三种组合）做 1×1 卷积，并验证 :func:`dlnotes.architectures.conv1x1`
（一个 ``einsum``）与 ``torch.nn.functional.conv2d`` 逐元素相等。
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from matplotlib import cbook

from dlnotes.architectures import conv1x1
from dlnotes.plotting import figsize, image_axes, tick_format, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 照片与权重矩阵
# --------------
#
# 权重矩阵的每一行是一个输出通道：第一行是常用的亮度加权（0.299, 0.587, 0.114），
# 第二行是红减绿，第三行是蓝减去红绿的平均。输出通道数就是矩阵的行数：
# 想把 3 个通道变成 1 个或 64 个，只需改变行数，这就是 1×1 卷积“调节深度”的方式。

with cbook.get_sample_data("grace_hopper.jpg") as f:
    rgb = plt.imread(f)[:450:3, ::3].astype(np.float64) / 255.0  # 150 x 171 x 3: head and shoulders
x = torch.from_numpy(rgb).permute(2, 0, 1)[None]  # (1, 3, H, W)

names = ["luminance", "red - green", "blue - yellow"]
weight = torch.tensor(
    [[0.299, 0.587, 0.114],
     [1.0, -1.0, 0.0],
     [-0.5, -0.5, 1.0]],
    dtype=torch.float64,
)
y = conv1x1(x, weight)
reference = F.conv2d(x, weight[:, :, None, None])
max_abs_diff = (y - reference).abs().max().item()
print("input", tuple(x.shape), "-> output", tuple(y.shape))
print(f"max |conv1x1 - F.conv2d| = {max_abs_diff:.1e}")

# one pixel by hand: the output channels are W @ (its R, G, B)
row, col = 100, 85
pixel_by_hand = weight @ x[0, :, row, col]
pixel_diff = (pixel_by_hand - y[0, :, row, col]).abs().max().item()
print(f"pixel ({row}, {col}): W @ rgb = {pixel_by_hand.numpy().round(4)}, difference {pixel_diff:.1e}")

# %%
# 三个输出通道
# ------------
#
# 亮度通道就是一张灰度照片；两个“对立色”通道在黑色军装、白衬衫这些中性色处接近 0（显示为深色），
# 在颜色鲜明的地方取得大的正值或负值：脸上的肤色偏红偏黄（红减绿为正、蓝减黄为负），
# 右上角的蓝色背景和左侧国旗的蓝底使蓝减黄为正。每个输出像素只由同一位置的
# 3 个输入值决定，图像的空间结构一点没变。


fig, axes = plt.subplots(2, 2, figsize=figsize(2, nrows=2, aspect=0.8, extra=0.35))
# sphinx_gallery_start_ignore
describe(fig, "2×2 四幅图像：左上是人像照片（Grace Hopper）的 RGB 原图，其余三幅是同一个 3×3 权重矩阵逐像素作用后的输出通道：灰度的亮度通道、红减绿通道（绿到粉）和蓝减黄通道（橙黄到浅蓝），两个对立色通道以深色表示 0。黑色军装、白衬衫处接近 0，肤色在红减绿中为正、在蓝减黄中为负，右上角的蓝色背景在蓝减黄中为正，图像的空间结构不变。")
# sphinx_gallery_end_ignore
axes[0, 0].imshow(rgb)
axes[0, 0].set_title("输入：R、G、B 三个通道")
# an invisible colour bar keeps the four panels the same size
fig.colorbar(axes[0, 0].images[0], ax=axes[0, 0], shrink=0.85).ax.set_visible(False)
formulas = [
    r"亮度 $0.30R + 0.59G + 0.11B$",
    r"红减绿 $R - G$",
    r"蓝减黄 $B - (R + G)/2$",
]
# opponent channels on diverging maps whose centre (a neutral colour, value 0) is dark: on the
# white page a zero never looks like background, and the hues read as the colours they stand for
cmaps = {"luminance": "gray", "red - green": "vanimo_r", "blue - yellow": "managua"}
for ax, channel, name, formula in zip(axes.ravel()[1:], y[0].numpy(), names, formulas):
    lim = 1.0 if name == "luminance" else np.abs(channel).max()
    image = ax.imshow(channel, cmap=cmaps[name], vmin=0.0 if name == "luminance" else -lim, vmax=lim)
    bar = fig.colorbar(image, ax=ax, shrink=0.85)
    bar.ax.yaxis.set_major_formatter(tick_format(".2g"))
    ax.set_title(formula)
for ax in axes.ravel():
    image_axes(ax)
fig.suptitle("1×1 卷积：同一个 3×3 权重矩阵 $W$ 作用在每一个像素上")
plt.show()
