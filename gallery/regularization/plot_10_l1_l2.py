r"""
L1 与 L2 正则化：收缩与稀疏
===========================

在损失上加一个参数范数的惩罚是最常用的正则化手段。L2 惩罚 :math:`\alpha\|\mathbf w\|_2^2`
（岭回归、权重衰减）把所有系数按比例往 0 拉，但很少恰好拉到 0；L1 惩罚 :math:`\alpha\|\mathbf w\|_1`
（lasso）则会把一部分系数精确地置为 0，得到稀疏解。本例用
:func:`~dlnotes.regularization.ridge_regression`、:func:`~dlnotes.regularization.lasso_regression`
和 :func:`~dlnotes.regularization.softshrink` 从三个角度看这个差别。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.plotting import GREY, INK, INK_SOFT, SHADE, SMALL, color, contour_axes, figsize, num, num_list, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore
from dlnotes.regularization import lasso_regression, ridge_regression, softshrink

use_style()

# %%
# 正则化路径
# ----------
#
# 100 个样本、8 个特征（相邻特征的相关系数为 0.5），真实系数只有前三个非零：
# :math:`\mathbf w^\ast = (3, -2, 1.5, 0, 0, 0, 0, 0)`，噪声标准差 1。特征标准化、目标中心化后，
# 分别在一串 :math:`\alpha` 上求岭回归（目标 :math:`\|\mathbf y - X\mathbf w\|^2 + \alpha\|\mathbf w\|_2^2`）
# 和 lasso（目标 :math:`\frac{1}{2n}\|\mathbf y - X\mathbf w\|^2 + \alpha\|\mathbf w\|_1`，与 scikit-learn 相同）。
# lasso 从大 :math:`\alpha` 往小走，每次用上一个解作初值（热启动）。

rng = np.random.default_rng(0)
n, d = 100, 8
w_true = np.array([3.0, -2.0, 1.5, 0.0, 0.0, 0.0, 0.0, 0.0])
corr = 0.5 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
X = rng.multivariate_normal(np.zeros(d), corr, size=n)
y = X @ w_true + rng.normal(size=n)
X = (X - X.mean(axis=0)) / X.std(axis=0)
y = y - y.mean()

ridge_alphas = np.logspace(-1, 4.5, 60)
ridge_path = np.array([ridge_regression(X, y, a) for a in ridge_alphas])  # result
alpha_max = np.max(np.abs(X.T @ y)) / n  # above it every lasso coefficient is 0
lasso_alphas = alpha_max * np.logspace(0, -3, 60)  # from strong to weak
lasso_path, w = [], np.zeros(d)
for a in lasso_alphas:
    w = lasso_regression(X, y, a, coef_init=w)
    lasso_path.append(w)
lasso_path = np.array(lasso_path)  # result
zeros_ridge = (ridge_path == 0).sum(axis=1)  # result: exact zeros along each path
zeros_lasso = (lasso_path == 0).sum(axis=1)  # result
print(f"exact zeros on the ridge path: at most {zeros_ridge.max()}")
print(f"exact zeros on the lasso path: from {zeros_lasso.min()} to {zeros_lasso.max()}")
for k in (10, 25, 40):
    print(f"lasso alpha = {lasso_alphas[k]:.3f}: coefficients", np.round(lasso_path[k], 3))

fig, (ax_r, ax_l) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9), sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "8 个系数随惩罚权重 α 增大的正则化路径（对数横轴）：三个真实非零系数是黑色粗线（左端标出 w₁、w₂、w₃），其余五个无关系数是灰色细线。左为 L2 岭回归，所有系数平滑地收缩、逐渐趋近 0 却不等于 0；右为 L1 lasso，无关系数在较小的 α 处就精确归零，三个真实系数也依次恰好降到 0。")
# sphinx_gallery_end_ignore
for ax, alphas, path in ((ax_r, ridge_alphas, ridge_path), (ax_l, lasso_alphas, lasso_path)):
    start = np.argmin(alphas)  # the weakest penalty: the coefficients are furthest apart there
    for j in range(d):
        relevant = j < 3
        ax.semilogx(alphas, path[:, j], color=INK if relevant else GREY, linewidth=2.0 if relevant else 1.0)
        if relevant:
            above = path[start, j] > 0
            ax.text(alphas[start] * 1.25, path[start, j] + (0.08 if above else -0.1),
                    rf"$w_{j + 1}$（真值 {num(w_true[j], 'g')}）", ha="left", va="bottom" if above else "top")
    ax.axhline(0.0, color=INK_SOFT, linewidth=0.8)
    ax.set_xlabel(r"惩罚权重 $\alpha$（越往右越强）")
ax_r.text(ridge_alphas[0] * 1.25, -0.35, "其余 5 个（真值 0）", color=INK_SOFT, va="top")
ax_r.set_title("L2（岭回归）：收缩，但从不恰好为 0", loc="left")
ax_l.set_title("L1（lasso）：系数恰好变成 0", loc="left")
ax_r.set_ylabel("系数")
ax_r.set_ylim(-2.5, 3.3)
plt.show()

# %%
# 正交设计下的收缩函数
# --------------------
#
# 当 :math:`X^\top X = nI`\ （特征两两正交）时，两种惩罚都有闭式解，而且逐个系数独立：
# 设最小二乘解为 :math:`\hat w_j`，则岭回归给出 :math:`\hat w_j/(1+\lambda)`\ （按比例收缩），
# lasso 给出软阈值（先平移，落在 :math:`[-\lambda, \lambda]` 内的直接归零）：
#
# .. math::
#
#    \operatorname{softshrink}_\lambda(\hat w_j)
#    = \operatorname{sign}(\hat w_j)\max(|\hat w_j| - \lambda, 0) .
#
# 这里 :math:`\lambda` 分别对应岭回归的 :math:`\alpha/n` 和 lasso 的 :math:`\alpha`。

w_ls = np.linspace(-3.0, 3.0, 601)
lam = 1.0
fig, ax = plt.subplots(figsize=figsize(width=SMALL, aspect=0.95))  # shown at 60 % on the notes page
# sphinx_gallery_start_ignore
describe(fig, "正交设计下 λ = 1 的收缩函数，横轴为最小二乘系数，纵轴为惩罚后的系数：灰色点线是不加惩罚的对角线；L2（蓝）是斜率为一半的直线，按比例收缩；L1（绿）是软阈值，在阴影区间 [−1, 1] 内恒为 0，区间外向 0 平移 1，与对角线平行。")
# sphinx_gallery_end_ignore
ax.axvspan(-lam, lam, color=SHADE)
ax.plot(w_ls, w_ls, color=GREY, linestyle=":", label="最小二乘（不加惩罚）")
ax.plot(w_ls, w_ls / (1.0 + lam), color=color("l2"), label=r"L2：$\hat w/(1+\lambda)$")
ax.plot(w_ls, softshrink(w_ls, lam), color=color("l1"), label=r"L1：softshrink$_\lambda(\hat w)$")
ax.set_xlabel(r"最小二乘系数 $\hat w$")
ax.set_ylabel("惩罚后的系数")
ax.set_title(rf"正交设计，$\lambda = {lam:g}$")
ax.set_aspect("equal")
ax.legend(loc="upper left")
plt.show()

# %%
# 约束区域：为什么 L1 会得到 0
# ----------------------------
#
# 惩罚形式与约束形式等价：对每个 :math:`\alpha` 都有一个 :math:`t`，使
# :math:`\min L(\mathbf w) + \alpha\|\mathbf w\|` 与 :math:`\min L(\mathbf w)\ \text{s.t.}\ \|\mathbf w\| \le t`
# 的解相同。取二维的平方损失 :math:`L(\mathbf w) = \frac12(\mathbf w - \hat{\mathbf w})^\top H(\mathbf w - \hat{\mathbf w})`，
# 它的等高线是以最小二乘解 :math:`\hat{\mathbf w} = (2, 1)` 为中心的椭圆。约束解就是从中心往外扩张的椭圆
# 第一次碰到约束区域的那一点。L2 的区域是圆，边界处处光滑，切点一般两个坐标都不为 0；
# L1 的区域是菱形，尖角正好在坐标轴上，椭圆往往先碰到尖角，于是另一个坐标恰好为 0。
# 两个约束解在边界上逐点搜索得到（:math:`t = 1`）。

H = np.array([[1.0, 0.6], [0.6, 1.0]])
w_hat = np.array([2.0, 1.0])
t = 1.0


def loss(W):
    D = W - w_hat
    return 0.5 * np.einsum("...i,ij,...j->...", D, H, D)


theta = np.linspace(0.0, 2.0 * np.pi, 200_001)
disc_boundary = t * np.c_[np.cos(theta), np.sin(theta)]
s = np.linspace(-1.0, 1.0, 100_001)
diamond_boundary = t * np.r_[np.c_[s, 1.0 - np.abs(s)], np.c_[s, np.abs(s) - 1.0]]
w_l2 = disc_boundary[np.argmin(loss(disc_boundary))]  # result: constrained L2 solution
w_l1 = diamond_boundary[np.argmin(loss(diamond_boundary))]  # result: constrained L1 solution
print(f"least squares {w_hat}; L2-constrained {np.round(w_l2, 4)}; L1-constrained {np.round(w_l1, 4)}")

g1, g2 = np.meshgrid(np.linspace(-1.6, 3.0, 300), np.linspace(-1.6, 2.4, 300))
L_grid = loss(np.stack([g1, g2], axis=-1))
fig, axes = plt.subplots(1, 2, figsize=figsize(2, aspect=0.87, extra=0.2))
# sphinx_gallery_start_ignore
describe(fig, "二维约束区域：左为 L2 的圆盘（蓝），右为 L1 的菱形（绿），灰色椭圆是以最小二乘解 (2, 1) 为中心的损失等高线，彩色椭圆是恰好碰到约束区域的那一条。向外扩张的椭圆与圆盘相切于两个坐标都不为 0 的点，而与菱形最先碰到横轴上的尖角，使 w₂ 恰好为 0。")
# sphinx_gallery_end_ignore
regions = [
    ("L2：圆盘 $w_1^2 + w_2^2 \\leq 1$", disc_boundary[::500], w_l2, color("l2")),
    ("L1：菱形 $|w_1| + |w_2| \\leq 1$", diamond_boundary[::250], w_l1, color("l1")),
]
for ax, (title, boundary, w_star, region_color) in zip(axes, regions):
    ax.contour(g1, g2, L_grid, levels=[0.05, 0.3, 1.5, 3.0, 5.0], colors="0.6", linewidths=1.0)
    ax.contour(g1, g2, L_grid, levels=[loss(w_star)], colors=region_color, linewidths=1.8)
    ax.fill(boundary[:, 0], boundary[:, 1], color=region_color, alpha=0.25, zorder=2, linewidth=0)
    ax.plot(*w_hat, "+", color=INK, markersize=12, markeredgewidth=2)
    ax.annotate(r"最小二乘解 $\hat{\mathbf{w}}$", w_hat, xytext=(0, -10), textcoords="offset points",
                ha="center", va="top")
    ax.plot(*w_star, "o", color=region_color, markersize=9, markeredgecolor=INK, zorder=5)
    ax.annotate(f"约束解\n{num_list(w_star, '.2f')}", w_star, xytext=(-1.5, -1.0), ha="left", va="center",
                arrowprops=dict(arrowstyle="->", color=INK_SOFT))
    ax.axhline(0.0, color=INK_SOFT, linewidth=0.8)
    ax.axvline(0.0, color=INK_SOFT, linewidth=0.8)
    ax.set_xlabel(r"$w_1$")
    ax.set_ylabel(r"$w_2$")
    ax.set_title(title)
    contour_axes(ax)
plt.show()

# %%
# L2 的约束解两个坐标都不为 0，只是整体缩短了；L1 的约束解落在菱形的尖角 :math:`(1, 0)` 上，
# :math:`w_2` 恰好为 0。维数越高，菱形（高维的“交叉多胞体”）的尖角和棱越多，解落在某些坐标为 0 的位置的机会就越大，
# 这就是 lasso 能做特征选择的几何原因 :cite:p:`tibshirani1996regression`。
# 神经网络里常用的权重衰减对应 L2 惩罚（用普通 SGD 时两者完全等价）；L1 惩罚在需要稀疏权重时才用。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: ridge_alphas,
# ridge_path, lasso_alphas, lasso_path, zeros_ridge, zeros_lasso, X, y, w_true, H, w_hat,
# t, w_l1, w_l2.
# sphinx_gallery_end_ignore
