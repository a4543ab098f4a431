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

from dlnotes.plotting import describe, use_style
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
# 这样一来，81 维里"整体变亮"的那个方向方差恰好为 0，协方差矩阵是奇异的：
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
# 紧挨着的一圈是负权重，再往外迅速衰减到 0，这是一个"中心-周边"滤波器。
# 它在平坦区域的输出接近 0，只在亮度突变处（边缘）有大的响应。

fig, axes = plt.subplots(1, 3, figsize=(9.6, 3.7), width_ratios=(1, 1, 1.05))
describe(fig, "左：Grace Hopper 肖像的灰度照片；中：ZCA 白化后的图像，平坦区域变成均匀的灰色，只剩边缘和细纹理；右：中心像素的 9×9 ZCA 滤波器热图，中心是大的正权重，紧邻一圈为负权重，再往外接近 0。")
axes[0].imshow(image, cmap="gray", vmin=0, vmax=1)
axes[0].set_title("grayscale photo (300 x 256)")
lo, hi = np.percentile(whitened, [1, 99])
axes[1].imshow(whitened, cmap="gray", vmin=lo, vmax=hi)
axes[1].set_title(rf"ZCA whitened, $\varepsilon = 10^{{{np.log10(eps_main):.0f}}}$")
for ax in axes[:2]:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
# colour scale set by the surround, so that the centre weight saturates and the
# negative ring stays visible
surround = np.delete(kernel_main.ravel(), centre)
limit = 1.5 * np.abs(surround).max()
im = axes[2].imshow(kernel_main, cmap="RdBu_r", vmin=-limit, vmax=limit)
axes[2].set_title(f"ZCA filter of the centre pixel\n(centre weight {kernel_main.flat[centre]:.1f}, clipped)",
                  fontsize=10)
axes[2].set_xticks(range(k))
axes[2].set_yticks(range(k))
axes[2].grid(False)
fig.colorbar(im, ax=axes[2], shrink=0.8)
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
# 下图只显示脸部的一块，以便看清细节。

eps_values = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1]
sweep_corr = {}  # result: eps -> neighbour correlation of the whitened image
sweep_kernels = {}  # result: eps -> 9 x 9 filter
crop = (slice(70, 190), slice(60, 190))
fig, axes = plt.subplots(2, len(eps_values), figsize=(10.0, 4.6), height_ratios=(1.25, 1))
describe(fig, "上排：ε 从 10⁻⁵ 到 10⁻¹ 取五个值时白化后的脸部局部；下排：对应的中心像素滤波器。ε 越大，滤波器越宽越平滑，图像保留的明暗越多、噪点越少，相邻像素的相关系数也越高。")
for col, eps in enumerate(eps_values):
    _, kernel, out = whiten_image(eps)
    sweep_corr[eps] = neighbour_correlation(out)
    sweep_kernels[eps] = kernel
    part = out[crop]
    lo, hi = np.percentile(part, [1, 99])
    axes[0, col].imshow(part, cmap="gray", vmin=lo, vmax=hi)
    axes[0, col].set_title(rf"$\varepsilon = 10^{{{np.log10(eps):.0f}}}$")
    limit = 1.5 * np.abs(np.delete(kernel.ravel(), centre)).max()  # centre saturates
    axes[1, col].imshow(kernel, cmap="RdBu_r", vmin=-limit, vmax=limit)
    axes[1, col].set_xlabel(f"neighbour corr {sweep_corr[eps]:+.2f}", fontsize=9)
    for ax in axes[:, col]:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
axes[0, 0].set_ylabel("whitened (crop)")
axes[1, 0].set_ylabel("centre filter")
plt.show()
for eps, c in sweep_corr.items():
    print(f"eps = {eps:g}: neighbour correlation of the whitened image {c:+.3f}")

# %%
# 特征值谱
# --------
#
# 横线标出扫描用的各个 :math:`\varepsilon`。最后一个特征值是"整体亮度"方向，因为每个小块都减去了
# 自己的均值，它等于 0（对数坐标下画不出来），正是它让 :math:`\varepsilon > 0` 成为必需。

lam = zca_main.eigenvalues
fig, ax = plt.subplots(figsize=(9.0, 4.2))
describe(fig, "照片小块协方差的特征值谱（对数纵轴），从大到小排列，跨越好几个数量级；五条水平虚线标出 ε = 10⁻⁵ 至 10⁻¹，可以看出每个 ε 压住了哪些较小特征值对应的方向。")
index = np.arange(1, len(lam))
ax.semilogy(index, lam[:-1], "o-", markersize=3, label=r"eigenvalues $\lambda_i$")
for eps, color in zip(eps_values, plt.cm.viridis(np.linspace(0, 0.9, len(eps_values)))):
    ax.axhline(eps, color=color, linestyle="--", linewidth=1.2,
               label=rf"$\varepsilon = 10^{{{np.log10(eps):.0f}}}$")
ax.set_xlabel("index i (sorted, largest first)")
ax.set_ylabel(r"$\lambda_i$")
ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0))
plt.show()

blas_threads.restore_original_limits()

# %%
# 白化前相邻像素的相关系数接近 1（上面打印的 ``corr_raw``）；ZCA 白化后大幅下降，
# 图中只剩下边缘和细纹理，这就是 ZCA 白化后的图像"像边缘检测"的原因 :cite:p:`bell1997independent`。
# :math:`\varepsilon` 比所有非零特征值都小时（:math:`10^{-5}`、:math:`10^{-4}`），每个方向都被拉到单位方差，
# 相邻像素几乎不再相关，滤波器最窄，JPEG 噪声也被放得最大；:math:`\varepsilon` 越大，
# 被压住的小特征值方向越多，滤波器越宽，相邻像素保留的正相关越多，图像也越平滑。
# 所以 :math:`\varepsilon` 要对照特征值谱来选：数据取值在 :math:`[-1,1]` 附近时，:math:`10^{-5}`
# 这样的值只起防止除零的作用；想抑制噪声，就把它取到谱中噪声所在的高度。
#
# 本例留下的结果：``image``、``whitened``、``kernel_main``、``corr_raw``、``corr_white``、
# ``patch_cov_white``、``sweep_corr``、``sweep_kernels``、``eps0_error``。
