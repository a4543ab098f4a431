r"""
KL 散度的不对称：覆盖众数还是寻找众数
=====================================

用一个高斯分布 :math:`q_{\mu,\sigma}` 去近似一个双峰分布 :math:`p`，目标函数有两种写法：
最小化前向 KL :math:`D_{\mathrm{KL}}(p\,\Vert\,q)`，或反向 KL :math:`D_{\mathrm{KL}}(q\,\Vert\,p)`。
KL 不对称，两种写法给出截然不同的答案。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.information import kl_divergence
from dlnotes.plotting import GREY, color, contour_axes, figsize, keep_colors, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 在网格上做
# ----------
#
# :math:`p = \tfrac12\mathcal N(-2, 0.6^2) + \tfrac12\mathcal N(2, 0.6^2)`。把实轴截成
# :math:`[-7, 7]` 上 701 个等距点，密度乘以格距后归一化，就得到两个离散分布，
# 可以直接交给 ``dlnotes.information.kl_divergence``。对 :math:`(\mu, \sigma)` 做网格搜索，
# 所有候选 :math:`q` 排成一个三维数组，一次调用算完全部 KL。
#
# * 前向 KL :math:`\sum_x p\log(p/q)`：凡是 :math:`p > 0` 而 :math:`q \approx 0` 的地方代价极大，
#   所以 :math:`q` 必须\ **覆盖** :math:`p` 的全部质量，结果是一个横跨两峰的宽高斯
#   （可以证明最优解恰好匹配 :math:`p` 的均值和方差，:math:`\sigma^2 = 0.6^2 + 2^2`）。
#   最大似然训练最小化的就是这个方向。
# * 反向 KL :math:`\sum_x q\log(q/p)`：在 :math:`q > 0` 而 :math:`p \approx 0` 的地方代价极大，
#   所以 :math:`q` 宁可躲进\ **一个**\ 峰里，不去碰两峰之间的低谷。变分推断常用这个方向。

x = np.linspace(-7.0, 7.0, 701)


def gaussian(mu, sigma):
    """Discretised normal density on ``x`` (broadcasts over mu and sigma), normalised to sum to 1."""
    w = np.exp(-0.5 * ((x - mu) / sigma) ** 2)
    return w / w.sum(axis=-1, keepdims=True)


p = 0.5 * gaussian(-2.0, 0.6) + 0.5 * gaussian(2.0, 0.6)
mus = np.linspace(-3.0, 3.0, 121)  # step 0.05
sigmas = np.linspace(0.3, 3.0, 109)  # step 0.025
Q = gaussian(mus[:, None, None], sigmas[None, :, None])  # shape (121, 109, 701)
forward = kl_divergence(np.broadcast_to(p, Q.shape), Q)  # result: KL(p || q) on the (mu, sigma) grid
reverse = kl_divergence(Q, np.broadcast_to(p, Q.shape))  # result: KL(q || p)


def argmin2(values):
    i, j = np.unravel_index(np.argmin(values), values.shape)
    return float(mus[i]), float(sigmas[j]), float(values[i, j])


fit_forward = argmin2(forward)  # result: (mu, sigma, KL)
fit_reverse = argmin2(reverse)
var_p = float((p * x**2).sum() - (p * x).sum() ** 2)
print(f"mixture: mean {float((p * x).sum()):+.3f}, standard deviation {np.sqrt(var_p):.3f}")
print(f"forward KL(p||q) fit: mu = {fit_forward[0]:+.3f}, sigma = {fit_forward[1]:.3f}, KL = {fit_forward[2]:.4f} nats")
print(f"reverse KL(q||p) fit: mu = {fit_reverse[0]:+.3f}, sigma = {fit_reverse[1]:.3f}, KL = {fit_reverse[2]:.4f} nats")
print(f"reverse KL has a mirror minimum: KL at mu = {-fit_reverse[0]:+.3f} is "
      f"{reverse[np.argmin(np.abs(mus + fit_reverse[0])), np.argmin(np.abs(sigmas - fit_reverse[1]))]:.4f}")

dx = x[1] - x[0]
fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, "双峰目标分布 p（灰色填充，峰在 −2 和 2）与两种单高斯拟合：最小化前向 KL(p‖q) 得到一个以 0 为中心、横跨两峰的宽高斯（蓝，σ = 2.10）；最小化反向 KL(q‖p) 得到一个只落在右边那个峰上的窄高斯（橙红虚线，σ = 0.60）。")
# sphinx_gallery_end_ignore
ax.fill_between(x, p / dx, color=GREY, alpha=0.25)
ax.plot(x, p / dx, color=GREY, label=r"目标 $p$：两个峰")
ax.plot(x, gaussian(*fit_forward[:2]) / dx, color=color("first"), linewidth=2.5,
        label=rf"前向 $KL(p\Vert q)$：$\mu={fit_forward[0]:.2f},\ \sigma={fit_forward[1]:.2f}$（覆盖众数）")
ax.plot(x, gaussian(*fit_reverse[:2]) / dx, color=color("second"), linewidth=2.5, linestyle="--",
        label=rf"反向 $KL(q\Vert p)$：$\mu={fit_reverse[0]:.2f},\ \sigma={fit_reverse[1]:.2f}$（寻找众数）")
ax.set_xlim(-6, 6)
ax.set_ylim(0, 0.78)
ax.set_xlabel("$x$")
ax.set_ylabel("概率密度")
ax.set_title("用一个高斯去拟合双峰分布")
ax.legend(loc="upper left")
plt.show()

# %%
# 两个目标函数的地形
# ------------------
#
# 把两种 KL 画成 :math:`(\mu, \sigma)` 平面上的等高线（取对数以便看清）。
# 前向 KL 只有一个最小点，在 :math:`\mu = 0`；反向 KL 有两个对称的最小点，各对应一个峰，
# 梯度下降落到哪一个取决于初值，中间 :math:`\mu = 0` 处是一个鞍点区域。

fig, axes = plt.subplots(2, 1, figsize=figsize(aspect=0.86), sharex=True)
# sphinx_gallery_start_ignore
describe(fig, "上下两幅等高线图，横轴为均值 μ、纵轴为标准差 σ（两轴同一比例），颜色表示 KL 的以 10 为底的对数。上图前向 KL 只有一个最小点，位于 μ = 0、σ ≈ 2.1 处；下图反向 KL 在 μ = ±2、σ = 0.6 处有两个对称的最小点（白色星号）。")
# sphinx_gallery_end_ignore
levels = np.linspace(-0.3, 1.5, 19)  # log10 of KL from 0.5 to about 32 nats
for ax, values, fit, title in [(axes[0], forward, fit_forward, r"前向 $KL(p\Vert q)$"),
                               (axes[1], reverse, fit_reverse, r"反向 $KL(q\Vert p)$")]:
    cs = ax.contourf(mus, sigmas, np.log10(np.clip(values.T, 10**levels[0], 10**levels[-1])), levels=levels, cmap="viridis")
    minima = [fit[0], -fit[0]] if values is reverse else [fit[0]]
    (stars,) = ax.plot(minima, [fit[1]] * len(minima), "*", color="white", markersize=13, markeredgecolor="black")
    keep_colors(stars)  # drawn on the colour map: the same in the dark render
    ax.set_ylabel(r"$\sigma$")
    ax.set_title(title)
    contour_axes(ax)
axes[1].set_xlabel(r"$\mu$")
fig.colorbar(cs, ax=axes, label=r"$\log_{10}$ KL（奈特）", shrink=0.9)
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_losses.py: x, p, mus, sigmas, forward, reverse,
# fit_forward, fit_reverse.
# sphinx_gallery_end_ignore
