r"""
照片小块上的 ZCA 白化与 ε 的作用
================================

自然图像里相邻像素高度相关：知道一个像素，就能把它的邻居猜个八九不离十。
本例从 matplotlib 自带的示例照片（Grace Hopper 的肖像）中取出所有 :math:`9\times 9` 的小块，
在这些小块上拟合 ZCA 白化，再把白化作用到整幅图上。白化去掉了像素之间的相关，
留下的主要是边缘和纹理；:math:`\varepsilon` 决定了去相关做到什么程度、噪声被放大多少。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cbook
from numpy.lib.stride_tricks import sliding_window_view
from threadpoolctl import threadpool_limits

from dlnotes.plotting import INK_SOFT, MEDIUM, color, figsize, image_axes, num, readable, sequential, tick_format, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore
from dlnotes.whitening import zca_whiten

use_style()
# Matrix products this small run fastest on one BLAS thread, and a busy machine makes
# multi-threaded BLAS dramatically slower; the setting is restored at the end.
blas_threads = threadpool_limits(limits=1, user_api="blas")

# %%
# 准备小块
# --------
#
# 照片转成灰度（取值 :math:`[0, 1]`），再按 :math:`2\times2` 求平均缩小一半，得到
# :math:`300\times256` 的图。每隔 2 个像素取一个 :math:`9\times9` 的小块，拉直成 81 维向量，
# 并减去每个小块自己的平均亮度，只保留块内的明暗变化。
# 这样一来，81 维里“整体变亮”的那个方向方差恰好为 0，协方差矩阵是奇异的：
# 没有 :math:`\varepsilon` 就无法白化，``zca_whiten(..., eps=0)`` 会报错。

with cbook.get_sample_data("grace_hopper.jpg") as file:
    rgb = plt.imread(file)
gray = rgb.astype(np.float64) @ np.array([0.299, 0.587, 0.114]) / 255.0
f = 2
h, w = gray.shape[0] // f * f, gray.shape[1] // f * f
image = gray[:h, :w].reshape(h // f, f, w // f, f).mean(axis=(1, 3))  # result: 300 x 256

k = 9  # patch side; odd, so that every patch has a centre pixel
centre = (k * k) // 2
windows = sliding_window_view(image, (k, k))  # every k x k patch (a view, no copy)
windows = windows.reshape(windows.shape[:2] + (k * k,))  # (rows, cols, 81), a copy
windows -= windows.mean(axis=2, keepdims=True)  # remove each patch's mean
patches = windows[::2, ::2].reshape(-1, k * k)  # fitting set
print(f"image {image.shape}, {len(patches)} patches of {k}x{k} pixels")

try:
    zca_whiten(patches, eps=0.0)
except ValueError as err:
    eps0_error = str(err)  # result
    print("eps=0:", eps0_error)


def whiten_image(eps):
    """ZCA-whiten every patch of the image and keep its centre pixel.

    The centre output is a fixed linear filter of the patch (row ``centre`` of the ZCA
    matrix), so sliding it over the image gives the whitened image.  The patches have
    zero mean, so the constant part of that row has no effect; it is removed from the
    returned ``kernel`` (the filter that is actually applied).
    """
    zca = zca_whiten(patches, eps=eps)
    row = zca.matrix[centre]
    out = windows @ row - zca.mean @ row
    kernel = (row - row.mean()).reshape(k, k)
    return zca, kernel, out


def neighbour_correlation(img):
    """Correlation between horizontally adjacent pixels."""
    a, b = img[:, :-1].ravel(), img[:, 1:].ravel()
    return float(np.corrcoef(a, b)[0, 1])


eps_main = 1e-3
zca_main, kernel_main, whitened = whiten_image(eps_main)  # results
corr_raw = neighbour_correlation(image[k // 2:-(k // 2), k // 2:-(k // 2)])  # result
corr_white = neighbour_correlation(whitened)  # result
# covariance of the whitened fitting patches: lambda / (lambda + eps) on the eigen-axes
Z = zca_main.transform(patches)
patch_cov_white = Z.T @ (Z - Z.mean(axis=0)) / len(Z)  # result
print(f"neighbour correlation: raw image {corr_raw:.3f}, ZCA-whitened {corr_white:.3f}")
print("largest eigenvalue of the patch covariance:", f"{zca_main.eigenvalues[0]:.3g}")
print("smallest non-zero eigenvalue:", f"{zca_main.eigenvalues[-2]:.3g}")

# %%
# 白化后的图与 ZCA 滤波器
# -----------------------
#
# 右图是 ZCA 矩阵中对应中心像素的那一行，排回 :math:`9\times9`：中心一个大的正权重，
# 紧挨着的一圈是负权重，再往外迅速衰减到 0，这是一个“中心-周边”滤波器。
# 它在平坦区域的输出接近 0，只在亮度突变处（边缘）有大的响应。

def centre_surround(ax, kernel, fig):
    """A 9 x 9 filter on a diverging map whose scale is set by the surround; colour bar beside it."""
    limit = 1.5 * np.abs(np.delete(kernel.ravel(), centre)).max()  # the centre weight saturates
    shown = ax.imshow(kernel, cmap="berlin", vmin=-limit, vmax=limit, interpolation="nearest")
    image_axes(ax)
    bar = fig.colorbar(shown, ax=ax, shrink=0.75, aspect=15)
    bar.ax.yaxis.set_major_formatter(tick_format(".2g"))
    return bar


fig, axes = plt.subplots(1, 3, figsize=figsize(3, aspect=1.2, extra=0.35), width_ratios=(1, 1, 1.15))
# sphinx_gallery_start_ignore
describe(fig, "左：Grace Hopper 肖像的灰度照片；中：ZCA 白化后的图像，平坦区域变成均匀的灰色，只剩边缘和细纹理；右：中心像素的 9×9 ZCA 滤波器热图（黑色为 0，右侧色条给出权重），中心是大的正权重（红，超出色标），紧邻一圈为负权重（蓝），再往外接近 0。")
# sphinx_gallery_end_ignore
axes[0].imshow(image, cmap="gray", vmin=0, vmax=1)
axes[0].set_title(f"灰度照片 {image.shape[0]}×{image.shape[1]}")
lo, hi = np.percentile(whitened, [1, 99])
axes[1].imshow(whitened, cmap="gray", vmin=lo, vmax=hi)
axes[1].set_title(rf"ZCA 白化，$\varepsilon = 10^{{{np.log10(eps_main):.0f}}}$")
for ax in axes[:2]:
    image_axes(ax)
bar = centre_surround(axes[2], kernel_main, fig)
bar.ax.set_ylabel("权重")
axes[2].set_title(f"中心像素的 ZCA 滤波器\n（中心权重 {num(kernel_main.flat[centre], '.1f')}，超出色标）")
plt.show()

# %%
# :math:`\varepsilon` 扫描
# ------------------------
#
# 小块协方差的特征值跨了好几个数量级（下一幅图）。第 :math:`i` 个方向被乘以
# :math:`1/\sqrt{\lambda_i + \varepsilon}`：:math:`\lambda_i \gg \varepsilon` 的方向被拉到单位方差，
# :math:`\lambda_i \ll \varepsilon` 的方向（多半是像素噪声和 JPEG 压缩痕迹）只被放大
# :math:`1/\sqrt{\varepsilon}` 倍而不是 :math:`1/\sqrt{\lambda_i}` 倍。
# 所以 :math:`\varepsilon` 越小，白化越彻底，细小的噪声也被放得越大；
# :math:`\varepsilon` 越大，滤波器越宽、越平滑，图像里保留的相关越多。
# 下图只显示脸部的一块，以便看清细节；边框的颜色由深到浅对应 :math:`\varepsilon` 由小到大，
# 右下图把五个滤波器的中间一行除以各自的中心权重画在一起。

eps_values = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1]
eps_colors = dict(zip(eps_values, sequential(len(eps_values))))  # ordered: dark = small eps
sweep_corr = {}  # result: eps -> neighbour correlation of the whitened image
sweep_kernels = {}  # result: eps -> 9 x 9 filter
crop = (slice(70, 190), slice(60, 190))
fig, axes = plt.subplots(2, 3, figsize=figsize(3, nrows=2, aspect=0.92, extra=0.3))
# sphinx_gallery_start_ignore
describe(fig, "五幅脸部局部是 ε 从 10⁻⁵ 到 10⁻¹ 时白化后的图像，边框颜色由深到浅表示 ε 由小到大，下方标出相邻像素的相关系数；右下图是对应的五个中心像素滤波器的中间一行（除以中心权重）。ε 越大，滤波器越宽越平滑、负的一圈越浅，图像保留的明暗越多、噪点越少，相邻像素的相关系数也越高。")
# sphinx_gallery_end_ignore
for ax, eps in zip(axes.ravel(), eps_values):
    _, kernel, out = whiten_image(eps)
    sweep_corr[eps] = neighbour_correlation(out)
    sweep_kernels[eps] = kernel
    part = out[crop]
    lo, hi = np.percentile(part, [1, 99])
    ax.imshow(part, cmap="gray", vmin=lo, vmax=hi)
    image_axes(ax)
    for spine in ax.spines.values():  # the frame carries the colour of its eps
        spine.set_edgecolor(eps_colors[eps])
        spine.set_linewidth(2.5)
    ax.set_title(rf"$\varepsilon = 10^{{{np.log10(eps):.0f}}}$")
    ax.set_xlabel(f"相邻像素相关 {num(sweep_corr[eps], '+.2f')}")
ax = axes[1, 2]
offsets = np.arange(k) - k // 2
for eps in eps_values:
    row = sweep_kernels[eps][k // 2] / sweep_kernels[eps][k // 2, k // 2]
    for side in (offsets < 0, offsets > 0):  # the centre (exactly 1) is left out
        ax.plot(offsets[side], row[side], "-o", markersize=3, color=eps_colors[eps])
ax.axhline(0.0, color=INK_SOFT, linewidth=0.8)
ax.text(0, 0.02, "中心 = 1\n（未画出）", ha="center", va="bottom", color=INK_SOFT)
ax.set_ylim(-0.32, 0.2)
ax.set_xticks(offsets[::2])
ax.set_xlabel("离中心的列数")
ax.set_ylabel("权重 / 中心权重")
ax.yaxis.set_label_position("right")  # keeps the three columns of crops aligned
ax.yaxis.tick_right()
ax.spines["right"].set_visible(True)
ax.spines["left"].set_visible(False)
ax.set_title("滤波器的中间一行", loc="left")
plt.show()
for eps, c in sweep_corr.items():
    print(f"eps = {eps:g}: neighbour correlation of the whitened image {c:+.3f}")

# %%
# 特征值谱
# --------
#
# 横线标出扫描用的各个 :math:`\varepsilon`。最后一个特征值是“整体亮度”方向，因为每个小块都减去了
# 自己的均值，它等于 0（对数坐标下画不出来），正是它让 :math:`\varepsilon > 0` 成为必需。

lam = zca_main.eigenvalues
fig, ax = plt.subplots(figsize=figsize(width=MEDIUM, aspect=0.6))  # shown at 85 % on the notes page
# sphinx_gallery_start_ignore
describe(fig, "照片小块协方差的 80 个非零特征值（对数纵轴），从大到小排列，跨越好几个数量级；五条水平虚线标出 ε = 10⁻⁵ 至 10⁻¹（颜色与上一幅图的边框相同），可以看出每个 ε 压住了哪些较小特征值对应的方向。")
# sphinx_gallery_end_ignore
index = np.arange(1, len(lam))
ax.semilogy(index, lam[:-1], "o-", color=color("data"), markersize=3)
for eps in eps_values:
    ax.hlines(eps, 0, len(lam), color=eps_colors[eps], linestyle="--", linewidth=1.2)
    ax.text(len(lam) + 1.5, eps, rf"$\varepsilon = 10^{{{np.log10(eps):.0f}}}$", va="center",
            color=readable(eps_colors[eps]))
ax.set_xlim(0, len(lam) + 14)
ax.set_xlabel("序号 i（从大到小排列）")
ax.set_ylabel(r"特征值 $\lambda_i$")
ax.set_title(r"小块协方差的特征值谱与扫描用的 $\varepsilon$")
plt.show()

blas_threads.restore_original_limits()

# %%
# 白化前相邻像素的相关系数接近 1（上面打印的 ``corr_raw``）；ZCA 白化后大幅下降，
# 图中只剩下边缘和细纹理，这就是 ZCA 白化后的图像“像边缘检测”的原因 :cite:p:`bell1997independent`。
# :math:`\varepsilon` 比所有非零特征值都小时（:math:`10^{-5}`、:math:`10^{-4}`），每个方向都被拉到单位方差，
# 相邻像素几乎不再相关，滤波器最窄，JPEG 噪声也被放得最大；:math:`\varepsilon` 越大，
# 被压住的小特征值方向越多，滤波器越宽，相邻像素保留的正相关越多，图像也越平滑。
# 所以 :math:`\varepsilon` 要对照特征值谱来选：数据取值在 :math:`[-1,1]` 附近时，:math:`10^{-5}`
# 这样的值只起防止除零的作用；想抑制噪声，就把它取到谱中噪声所在的高度。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: image, whitened,
# kernel_main, corr_raw, corr_white, patch_cov_white, sweep_corr, sweep_kernels,
# eps0_error.
# sphinx_gallery_end_ignore
