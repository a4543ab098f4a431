r"""
二维数据的 PCA 白化与 ZCA 白化
==============================

取 60 个强相关的二维高斯样本，分别做 PCA 白化和 ZCA 白化，三幅小图并排画出原始数据、
PCA 白化结果和 ZCA 白化结果。每个点的颜色由它在第一主成分上的得分决定（低、中、高三组），
三幅图里同一个点颜色不变，因此可以看出每种变换把点搬到了哪里。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from dlnotes.plotting import INK, INK_SOFT, PAPER, figsize, num, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore
from dlnotes.whitening import pca_whiten, zca_whiten

use_style()

# %%
# 数据与两种白化
# --------------
#
# 样本来自均值为 :math:`(0.8, 0.3)`、标准差为 :math:`(0.4, 0.3)`、两维相关系数为 0.9 的二维高斯分布，
# 数值的量级是 1，所以取 :math:`\varepsilon = 10^{-5}`。:func:`~dlnotes.whitening.pca_whiten` 和
# :func:`~dlnotes.whitening.zca_whiten` 都先减去样本均值（中心化是变换里明确的一步），
# 再分别乘以 :math:`W_{\mathrm{PCA}} = (\Lambda+\varepsilon I)^{-1/2}U^\top` 与
# :math:`W_{\mathrm{ZCA}} = U(\Lambda+\varepsilon I)^{-1/2}U^\top`。

rng = np.random.default_rng(3)
n_points, eps = 60, 1e-5
true_cov = np.array([[0.16, 0.9 * 0.4 * 0.3], [0.9 * 0.4 * 0.3, 0.09]])
X = rng.multivariate_normal([0.8, 0.3], true_cov, size=n_points)  # result: raw data

pca = pca_whiten(X, eps=eps)
zca = zca_whiten(X, eps=eps)
Z_pca = pca.transform(X)  # result
Z_zca = zca.transform(X)  # result
Xc = X - X.mean(axis=0)


def covariance(z):
    """Sample covariance with 1/n, the convention of the whitening fit (ddof=0)."""
    zc = z - z.mean(axis=0)
    return zc.T @ zc / len(z)


cov_raw, cov_pca, cov_zca = covariance(X), covariance(Z_pca), covariance(Z_zca)  # results
# how far each whitened cloud is from the centred raw data (mean Euclidean distance)
dist_pca = float(np.mean(np.linalg.norm(Z_pca - Xc, axis=1)))  # result
dist_zca = float(np.mean(np.linalg.norm(Z_zca - Xc, axis=1)))  # result
zca_symmetric = bool(np.array_equal(zca.matrix, zca.matrix.T))

np.set_printoptions(precision=6, suppress=True)
print("eigenvalues of the covariance:", pca.eigenvalues)
print("covariance of the raw data:\n", cov_raw)
print("covariance after PCA whitening:\n", cov_pca)
print("covariance after ZCA whitening:\n", cov_zca)
print(f"mean distance to the centred raw points: PCA {dist_pca:.4f}, ZCA {dist_zca:.4f}")
print("ZCA matrix symmetric:", zca_symmetric)

# %%
# 三幅图
# ------
#
# 颜色按第一主成分得分的三分位数分组（由深到浅：低、中、高），图下方是样本协方差矩阵。原始数据的图上画出了两条主轴
# （长度为 :math:`2\sqrt{\lambda_i}`）。

score = Z_pca[:, 0]
groups = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))  # 0, 1, 2
palette = np.array(sequential(3))  # ordered groups: dark = low score, light = high score
colors = palette[groups]


def matrix_text(ax, C):
    """The 2 x 2 sample covariance written as a matrix in the (axis-less) axes ``ax``."""
    ax.axis("off")
    rows = (0.72, 0.28)
    ax.text(0.27, 0.5, r"$\Sigma$ =", transform=ax.transAxes, ha="right", va="center")
    for i, y in enumerate(rows):
        for j, x in enumerate((0.56, 0.82)):
            value = 0.0 if abs(C[i, j]) < 5e-4 else C[i, j]  # no "−0.000"
            ax.text(x, y, num(value, ".3f"), transform=ax.transAxes, ha="right", va="center")
    for x, tick in ((0.31, 0.03), (0.87, -0.03)):  # square brackets drawn as lines
        ax.plot([x + tick, x, x, x + tick], [0.98, 0.98, 0.02, 0.02], transform=ax.transAxes,
                color=INK, linewidth=0.9)


fig, (axes, matrix_axes) = plt.subplots(2, 3, figsize=figsize(3, aspect=1.0, extra=0.95),
                                     height_ratios=(1, 0.2))
# sphinx_gallery_start_ignore
describe(fig, "三幅散点图：左为强相关的二维原始数据，箭头标出两条主轴；中为 PCA 白化结果，点云转到主轴方向并变成圆形；右为 ZCA 白化结果，同样是圆形但保持原来的朝向。点按第一主成分得分分为低、中、高三组（颜色由深到浅），可对照每个点被搬到了哪里；每幅图下方是样本协方差矩阵。")
# sphinx_gallery_end_ignore
panels = [
    (X, "原始数据", r"$x_1$", r"$x_2$", cov_raw),
    (Z_pca, "PCA 白化", r"$z_{\mathrm{PCA},1}$", r"$z_{\mathrm{PCA},2}$", cov_pca),
    (Z_zca, "ZCA 白化", r"$z_{\mathrm{ZCA},1}$", r"$z_{\mathrm{ZCA},2}$", cov_zca),
]
for ax, ax_m, (Z, title, xl, yl, C) in zip(axes, matrix_axes, panels):
    ax.scatter(Z[:, 0], Z[:, 1], c=colors, s=24, marker="o", edgecolors=PAPER,
               linewidths=0.5, zorder=3)
    ax.set_title(title)
    ax.set_xlabel(xl)
    ax.set_ylabel(yl)
    ax.set_aspect("equal", adjustable="box")
    matrix_text(ax_m, C)

# principal axes on the raw data
centre = X.mean(axis=0)
for lam, u in zip(pca.eigenvalues, pca.eigenvectors.T):
    end = centre + 2 * np.sqrt(lam) * u
    axes[0].annotate("", xy=end, xytext=centre,
                     arrowprops=dict(arrowstyle="->", color=INK, linewidth=1.5), zorder=4)
for ax in axes[1:]:
    ax.axhline(0, color=INK_SOFT, linewidth=0.8)
    ax.axvline(0, color=INK_SOFT, linewidth=0.8)
half = 1.15 * np.abs(Xc).max()
axes[0].set_xlim(centre[0] - half, centre[0] + half)
axes[0].set_ylim(centre[1] - half, centre[1] + half)
for ax in axes[1:]:
    ax.set_xlim(-3.3, 3.3)
    ax.set_ylim(-3.3, 3.3)
labels = ["第一主成分得分：低", "中", "高"]
fig.legend(handles=[Line2D([], [], marker="o", linestyle="", color=c, label=t) for c, t in zip(palette, labels)],
           loc="outside lower center", ncols=3)
plt.show()

# %%
# 两种白化后的协方差都近似单位阵：非对角元为 0（ZCA 的非对角元只剩 :math:`10^{-4}` 量级），
# 对角线略小于 1，PCA 轴上恰好是 :math:`\lambda_i/(\lambda_i+\varepsilon)`，
# 方差小的第二主轴差得多一点（约 :math:`\varepsilon/\lambda_2`）。
# PCA 白化把点云转到了主轴上：低分组（深蓝）到了左边，高分组（琥珀色）到了右边；
# ZCA 白化再把它转回原来的朝向，深蓝仍在左下、琥珀色仍在右上，
# 它与中心化后原始点的平均距离也更小——在所有白化变换中，ZCA 是离原始数据最近的一个。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: X, Z_pca, Z_zca,
# cov_pca, cov_zca, dist_pca, dist_zca, eps.
# sphinx_gallery_end_ignore
