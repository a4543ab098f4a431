r"""
最大池化与平均池化：一张照片上的对比
====================================

池化作用在卷积层输出的特征图上。本例取 matplotlib 自带的样例照片（Grace Hopper 的肖像），
先用 :func:`dlnotes.layers.conv2d` 和 Sobel 核算出一张“边缘强度”特征图，
再分别做 4×4 的 :func:`dlnotes.layers.max_pool2d` 与 :func:`dlnotes.layers.avg_pool2d`，
比较两者保留了什么；最后把照片平移几个像素，量一量池化到底带来了多少平移不变性。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cbook

from dlnotes.layers import avg_pool2d, conv2d, max_pool2d
from dlnotes.plotting import GREY, color, figsize, image_axes, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 照片与特征图
# ------------
#
# 照片转成灰度并用 3×3 平均池化缩小到 200×170。
# Sobel 核分别估计水平和竖直方向的梯度（边界用复制边缘像素的方式填充，免得照片的边框被当成边缘），
# 两者的模长就是一张非负的特征图：
# 边缘处响应强，平坦处接近 0，和卷积层经过 ReLU 之后的特征图一样稀疏。

with cbook.get_sample_data("grace_hopper.jpg") as f:
    rgb = plt.imread(f).astype(np.float64) / 255.0
gray = rgb @ np.array([0.299, 0.587, 0.114])
image = avg_pool2d(gray[None, None], 3)[0, 0]  # 600 x 512 -> 200 x 170

SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
SOBEL = np.stack([SOBEL_X, SOBEL_X.T])[:, None]  # (2 out channels, 1 in channel, 3, 3)


def edge_map(img):
    """Edge strength sqrt(gx^2 + gy^2) of a 2-D image, same size.

    The border is padded by repeating the edge pixels (not zeros), so the frame of the
    photo does not show up as a spurious edge.
    """
    g = conv2d(np.pad(img, 1, mode="edge")[None, None], SOBEL)[0]
    return np.sqrt((g**2).sum(axis=0))


features = edge_map(image)
pool = 4
max_pooled = max_pool2d(features[None, None], pool)[0, 0]
avg_pooled = avg_pool2d(features[None, None], pool)[0, 0]
print(f"image {image.shape}, feature map {features.shape}, pooled {max_pooled.shape}")
print(f"mean of the feature map {features.mean():.3f}; mean after max pooling {max_pooled.mean():.3f}, "
      f"after average pooling {avg_pooled.mean():.3f}")

# %%
# 两种池化的输出
# --------------
#
# 两种池化都把每个 4×4 的窗口压成一个数，特征图缩小为原来的 1/16。最大池化只保留窗口里最强的响应，
# 细而亮的边缘（眼镜框、帽徽、衣领上的纹理）在缩小后仍然清楚；平均池化把同一条边缘和周围的平坦区域平均，
# 细边缘被冲淡、整体变暗变模糊，但保留了各处响应的平均水平。三幅特征图用同一个颜色标尺（右侧色条）。

vmax = np.quantile(features, 0.995)
fig, axes = plt.subplots(2, 2, figsize=figsize(2, nrows=2, aspect=1.08, extra=0.3))
# sphinx_gallery_start_ignore
describe(fig, "2×2 四幅图：Grace Hopper 肖像的灰度照片（200×170）、用 Sobel 核算出的边缘强度特征图，以及它经 4×4 最大池化和平均池化后的结果（50×42），三幅特征图共用右侧的颜色标尺。最大池化后眼镜框、帽徽等细边缘依然明亮清晰，平均池化后整体变暗、变模糊。")
# sphinx_gallery_end_ignore
panels = [
    (image, f"灰度照片 {image.shape[0]}×{image.shape[1]}", "gray", None),
    (features, f"边缘强度特征图 {features.shape[0]}×{features.shape[1]}", "magma", vmax),
    (max_pooled, f"4×4 最大池化 → {max_pooled.shape[0]}×{max_pooled.shape[1]}", "magma", vmax),
    (avg_pooled, f"4×4 平均池化 → {avg_pooled.shape[0]}×{avg_pooled.shape[1]}", "magma", vmax),
]
for ax, (img, title, cmap, top) in zip(axes.flat, panels):
    shown = ax.imshow(img, cmap=cmap, vmin=0.0, vmax=top, interpolation="nearest")
    ax.set_title(title)
    image_axes(ax)
fig.colorbar(shown, ax=axes[:, 1], shrink=0.8, label="边缘强度（超过 99.5% 分位数的取值按最亮显示）")
plt.show()

# %%
# 平移不变性只是局部的
# --------------------
#
# 把裁剪窗口向右挪 :math:`s` 个像素（:math:`s = 0, 1, \dots, 8`），重新计算特征图和池化结果，
# 用相对变化 :math:`\lVert y(s) - y(0)\rVert / \lVert y(0)\rVert` 衡量输出变了多少。
# 不池化时，平移 1 个像素就让特征图变化一大半；池化后同样的平移引起的相对变化不到前者的一半（数字见下面的输出），
# 这就是池化带来的“局部平移不变性”。但它很有限：变化并不为 0，而且随平移量迅速增大，
# 几个像素之后池化输出已经面目全非。平移恰好是步幅的整数倍时，池化图只是整体挪了几格
# （虚线：把挪动抵消后再比较，几乎不变），这叫平移\ **等变**\ ，不是不变。
# 至于旋转和缩放，一个 4×4 的窗口更无能为力：哪怕只转几度，离旋转中心远的像素就要移动远超 4 个像素的距离。

shifts = np.arange(0, 9)
height, width = (image.shape[0] // pool) * pool - pool, (image.shape[1] // pool) * pool - 2 * pool
crops = [image[:height, s:s + width] for s in shifts]
maps = [edge_map(c) for c in crops]
maxes = [max_pool2d(m[None, None], pool)[0, 0] for m in maps]
avgs = [avg_pool2d(m[None, None], pool)[0, 0] for m in maps]


def relative_change(seq):
    return np.array([np.linalg.norm(y - seq[0]) / np.linalg.norm(seq[0]) for y in seq])


change = {
    "no pooling": relative_change(maps),
    "max pooling 4x4": relative_change(maxes),
    "average pooling 4x4": relative_change(avgs),
}
# shifts by a whole number of strides: move the pooled map back by s / pool cells first
aligned_shifts = shifts[(shifts % pool == 0) & (shifts > 0)]
aligned_change = np.array([
    np.linalg.norm(maxes[s][:, :-(s // pool)] - maxes[0][:, s // pool:]) / np.linalg.norm(maxes[0][:, s // pool:])
    for s in aligned_shifts
])

styles = {  # name -> (label, colour, marker)
    "no pooling": ("不池化：特征图本身", GREY, "o"),
    "max pooling 4x4": ("4×4 最大池化", color("first"), "s"),
    "average pooling 4x4": ("4×4 平均池化", color("second"), "^"),
}
fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "照片右移 0 到 8 个像素时输出的相对变化：不池化的特征图（灰）平移 1 个像素就变化很大，最大池化（蓝）和平均池化（橙红）的变化较小，但随平移量迅速增大；蓝色虚线是平移 4 或 8 个像素时把最大池化图挪回对齐后的比较，几乎为 0。")
# sphinx_gallery_end_ignore
for name, values in change.items():
    label, line_color, marker = styles[name]
    ax.plot(shifts, values, marker=marker, color=line_color, label=label)
ax.plot(aligned_shifts, aligned_change, "D--", color=color("first"), label="4×4 最大池化，挪回 s/4 格对齐后")
ax.set_xlabel("平移量 $s$（像素）")
ax.set_ylabel(r"相对变化 $\|y(s) - y(0)\| / \|y(0)\|$")
ax.set_title("池化只吸收了小平移的一部分")
ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.42))
plt.show()

for name, values in change.items():
    print(f"{name:20s} relative change at s=1: {values[1]:.3f}, s=2: {values[2]:.3f}, s=4: {values[4]:.3f}")
print("max pooling re-aligned at s = 4, 8:", np.round(aligned_change, 3).tolist())

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_layers.py: image, features, max_pooled,
# avg_pooled, shifts, change, aligned_shifts, aligned_change.
# sphinx_gallery_end_ignore
