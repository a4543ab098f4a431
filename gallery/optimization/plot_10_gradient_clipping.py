r"""
梯度裁剪：按范数裁剪保持方向，按值裁剪会改变方向
================================================

两种常用的梯度裁剪：

* ``clip_grad_norm_(grads, max_norm)``：若所有梯度合起来的范数 :math:`\lVert g\rVert` 超过 ``max_norm``，
  就把整个梯度乘以 :math:`\mathrm{max\_norm}/(\lVert g\rVert + 10^{-6})`，只改长度，不改方向；
* ``clip_grad_value_(grads, clip_value)``：把每个分量各自截断到 :math:`[-c, c]`，大的分量被削平、小的不变，方向随之改变。

本例用 ``dlnotes.optim`` 中的这两个函数，先在二维里画出裁剪前后的向量，再在高维梯度上量一量方向偏了多少。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes import optim
from dlnotes.plotting import GREY, INK_SOFT, MEDIUM, color, figsize, num, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 二维里的裁剪
# ------------
#
# 六个长度在 1.5 到 3 之间的梯度向量，阈值都取 1。按范数裁剪把它们缩回到单位圆上；
# 按值裁剪把它们压进正方形 :math:`[-1, 1]^2`，落在正方形的边或角上。

rng = np.random.default_rng(3)
angles = np.deg2rad([10, 60, 100, 160, 215, 290])
lengths = rng.uniform(1.5, 3.0, size=angles.size)
vectors = np.stack([lengths * np.cos(angles), lengths * np.sin(angles)], axis=1)  # result

by_norm = [v.copy() for v in vectors]  # each vector clipped on its own
for v in by_norm:
    optim.clip_grad_norm_(v, max_norm=1.0)
by_value = [v.copy() for v in vectors]
for v in by_value:
    optim.clip_grad_value_(v, clip_value=1.0)
by_norm, by_value = np.array(by_norm), np.array(by_value)  # results


def angle_deg(u, v):
    """Angle between the rows of u and v, in degrees."""
    cos = np.sum(u * v, axis=-1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


turn_norm = angle_deg(vectors, by_norm)  # result: direction change, degrees
turn_value = angle_deg(vectors, by_value)  # result
print("direction change by norm clipping (deg): ", np.round(turn_norm, 6))
print("direction change by value clipping (deg):", np.round(turn_value, 1))

fig, axes = plt.subplots(1, 2, figsize=figsize(2, aspect=1.0, extra=0.3), sharex=True, sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "六个二维梯度向量裁剪前（灰色细箭头）与裁剪后（粗箭头），点线连接每个向量裁剪前后的箭头尖：左为按范数裁剪（黑），箭头缩回单位圆且方向不变；右为按值裁剪（橙红），箭头被压进正方形 [−1, 1]² 的边或角上，方向偏向对角线。")
# sphinx_gallery_end_ignore
theta = np.linspace(0, 2 * np.pi, 200)
for ax, clipped, title, clip_color in zip(axes, (by_norm, by_value),
                                          ("clip_grad_norm_(max_norm=1)", "clip_grad_value_(clip_value=1)"),
                                          (color("data"), color("second"))):
    if clipped is by_norm:
        ax.plot(np.cos(theta), np.sin(theta), color=INK_SOFT, linestyle="--", linewidth=1)
    else:
        ax.plot([-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1], color=INK_SOFT, linestyle="--", linewidth=1)
    for v, c in zip(vectors, clipped):
        ax.annotate("", xy=v, xytext=(0, 0), arrowprops=dict(arrowstyle="->", color=GREY, linewidth=1.2))
        ax.annotate("", xy=c, xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=clip_color, linewidth=2.2))
        ax.plot([v[0], c[0]], [v[1], c[1]], color=GREY, linewidth=0.8, linestyle=":")
    ax.set_aspect("equal")
    ax.set_xlim(-3.2, 3.2)
    ax.set_ylim(-3.2, 3.2)
    ax.set_title(title)
    ax.set_xlabel(r"$g_1$")
axes[0].set_ylabel(r"$g_2$")
fig.suptitle("灰色细箭头：原来的梯度；粗箭头：裁剪后的梯度；虚线：裁剪的边界")
plt.show()

# %%
# 左图中每个裁剪后的粗箭头都与原来的细箭头在同一条射线上；右图中除了恰好落在对角线上的向量，
# 粗箭头都偏向了坐标轴之间的 45° 方向：较大的分量被削得多，较小的分量被削得少或不被削。
#
# 高维梯度的方向偏差
# ------------------
#
# 真实网络的梯度维数很高，各分量的大小差别很大。这里取一个 10000 维、分量服从自由度为 2 的
# :math:`t` 分布（重尾：少数分量特别大）的梯度，对不同的阈值计算裁剪后的梯度与原梯度的夹角。

g = rng.standard_t(df=2, size=10_000)
quantiles = np.array([0.5, 0.75, 0.9, 0.99, 0.999])
thresholds = np.quantile(np.abs(g), quantiles)  # result: clip values = quantiles of |g_i|
high_dim_turn = {}  # result: method -> angle (degrees) for each threshold
for method in ("norm", "value"):
    turns = []
    for c in thresholds:
        clipped = g.copy()
        if method == "norm":
            optim.clip_grad_norm_(clipped, max_norm=c)  # the same numbers used as a norm bound
        else:
            optim.clip_grad_value_(clipped, clip_value=c)
        turns.append(float(angle_deg(g, clipped)))
    high_dim_turn[method] = np.array(turns)
for q, c, tv in zip(quantiles, thresholds, high_dim_turn["value"]):
    print(f"clip_value = {c:6.2f} ({q:.1%} quantile of |g_i|): direction changes by {tv:5.1f} deg")

fig, ax = plt.subplots(figsize=figsize(width=MEDIUM, aspect=0.62))  # shown at 80 % on the notes page
# sphinx_gallery_start_ignore
describe(fig, "10000 维重尾梯度裁剪后与原梯度的夹角随阈值（取 |gᵢ| 的分位数）的变化：按值裁剪（橙红）在阈值低时偏转很大，阈值越高偏转越小；按范数裁剪（黑）的夹角始终为 0。")
# sphinx_gallery_end_ignore
ax.plot(quantiles, high_dim_turn["value"], "-o", color=color("second"), label="clip_grad_value_")
ax.plot(quantiles, high_dim_turn["norm"], "-s", color=color("data"), label="clip_grad_norm_")
ax.set_xscale("logit")
ax.set_xticks(quantiles, [num(q, ".1%") for q in quantiles])
ax.minorticks_off()
ax.set_xlabel(r"阈值取 $|g_i|$ 的哪个分位数（不被改动的分量所占比例）")
ax.set_ylabel("与原梯度的夹角（度）")
ax.set_title("10000 维重尾梯度：裁剪使方向偏转多少")
ax.legend()
plt.show()

# %%
# 按范数裁剪的夹角恒为 0（只是缩短）；按值裁剪时，阈值越低，被削平的分量越多，方向偏得越厉害。
# 因此按范数裁剪是更常用的做法：它只在梯度异常大的那一步把步长限制住，不改变下降方向 :cite:p:`pascanu2013difficulty`。
# 按值裁剪在每一步都可能起作用，相当于对大分量做了一种逐坐标的重新缩放。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: vectors, by_norm,
# by_value, turn_norm, turn_value, thresholds, high_dim_turn.
# sphinx_gallery_end_ignore
