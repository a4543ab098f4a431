r"""
Softmax：数值稳定与温度
=======================

多分类网络的最后一层输出一组实数 :math:`z` （logits），softmax 把它们变成一个概率分布：

.. math::

   \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}, \qquad i = 1, \dots, K .

本例用一组具体的 logits 看三件事：softmax 与简单的“除以总和”有何不同；
为什么实现时要先减去最大值；以及温度 :math:`T` 如何控制分布的尖锐程度。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import log_softmax, softmax
from dlnotes.plotting import GREY, INK_SOFT, color, figsize, readable, sequential, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 指数放大差距
# ------------
#
# 取 :math:`z = (1.3, 5.1, 2.2, 0.7, 1.1)`。若只是把每个分量除以总和，
# 最大的一类只占约 49%；softmax 先取指数，:math:`e^{z_i}` 之间的比值是 :math:`e^{z_i - z_j}`，
# 于是 5.1 与 2.2 的差 2.9 被放大成约 18 倍，第二类拿到约 90% 的概率。
# softmax 的输出总是严格为正、总和为 1；而 :math:`z/\sum z` 在有负 logit 时会给出负“概率”，
# 在 :math:`\sum z = 0` 时甚至无定义。

logits = np.array([1.3, 5.1, 2.2, 0.7, 1.1])
probs = softmax(logits)  # result: softmax probabilities of the five logits
plain = logits / logits.sum()

print("softmax(z) =", np.round(probs, 4), f" sum = {probs.sum():.6f}")
print("z / sum(z) =", np.round(plain, 4), f" sum = {plain.sum():.6f}")
print(f"largest share: z / sum(z) {plain.max():.3f}, softmax {probs.max():.3f}; "
      f"exp(5.1 - 2.2) = {np.exp(5.1 - 2.2):.1f}")
with_negative = np.array([1.3, 5.1, 2.2, -0.7, 1.1])
print("with a negative logit, z / sum(z) =", np.round(with_negative / with_negative.sum(), 4))

classes = np.arange(1, len(logits) + 1)
fig, (ax_z, ax_p) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.78), width_ratios=(1, 1.6))
# sphinx_gallery_start_ignore
describe(fig, "左图：五个类别的 logits 柱状图（灰），第 2 类最大，为 5.1；右图：直接除以总和（灰）与 softmax（蓝）得到的概率并排对比。softmax 放大了差距，第 2 类的概率从 0.49 升到 0.90，其余类别被压得很小。")
# sphinx_gallery_end_ignore
ax_z.bar(classes, logits, color=INK_SOFT)
for k, v in zip(classes, logits):
    ax_z.text(k, v + 0.08, f"{v:.1f}", ha="center", va="bottom")
ax_z.set_ylim(0, 6.0)
ax_z.set_xticks(classes)
ax_z.set_xlabel("类别 $i$")
ax_z.set_ylabel(r"logit $z_i$")
ax_z.set_title("logits")

width = 0.38
ax_p.bar(classes - width / 2, plain, width, color=GREY, label=r"$z_i \, / \, \Sigma_j z_j$")
ax_p.bar(classes + width / 2, probs, width, color=color("first"), label=r"$\mathrm{softmax}(z)_i$")
for k, p in zip(classes, probs):
    ax_p.text(k + width / 2, p + 0.015, f"{p:.3f}", ha="center", va="bottom", color=readable(color("first")))
ax_p.set_ylim(0, 1.05)
ax_p.set_xticks(classes)
ax_p.set_xlabel("类别 $i$")
ax_p.set_ylabel("输出（总和都是 1）")
ax_p.set_title("直接归一化与 softmax")
ax_p.legend(loc="upper right")
plt.show()

# %%
# 为什么要先减去最大值
# --------------------
#
# 对任意常数 :math:`c`，分子分母同乘 :math:`e^{-c}` 可得
# :math:`\operatorname{softmax}(z - c) = \operatorname{softmax}(z)`：
# 整体平移 logits 不改变结果。但直接按定义计算时，float64 的 :math:`e^{x}`
# 在 :math:`x > \ln(\text{float64 max}) \approx 709.78` 时溢出为 ``inf``
# （float32 的界限只有约 88.7）。平移量 :math:`c` 增大时，先是分母
# :math:`\sum_j e^{z_j + c}` 溢出，所有输出变成 0；接着最大的那一项溢出，
# ``inf / inf`` 得到 ``nan``；最后五项全部溢出，输出全为 ``nan``。
#
# ``dlnotes.activations.softmax`` 先减去 :math:`\max_j z_j`：最大的指数变成 :math:`e^0 = 1`，
# 其余指数的自变量都是负数，至多下溢为 0，分母始终不小于 1，因此永远不会溢出。
# 下面把 logits 整体加上 :math:`c \in [0, 1000]` （步长 0.01），比较两种写法给出的最大概率。


def naive_softmax(z):
    """Softmax over the last axis straight from the definition: overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)


shifts = np.linspace(0.0, 1000.0, 100_001)  # step 0.01
shifted = logits + shifts[:, None]  # one row of logits per shift
naive = naive_softmax(shifted)
stable = softmax(shifted, dim=-1)
naive_max = naive.max(axis=1)
stable_max = stable.max(axis=1)
# rows where the naive formula still reproduces softmax(z) (NaN compares as False)
naive_ok = np.all(np.abs(np.nan_to_num(naive, nan=-1.0) - probs) < 1e-9, axis=1)
naive_fails_from = float(shifts[~naive_ok][0])
all_nan_from = float(shifts[np.isnan(naive).all(axis=1)][0])

naive_at_1000 = naive_softmax(logits + 1000.0)  # result: all NaN
stable_at_1000 = softmax(logits + 1000.0)  # result: equal to probs
print(f"ln(float64 max) = {np.log(np.finfo(np.float64).max):.2f}")
print(f"naive softmax(z + c) is wrong from c = {naive_fails_from:.2f} "
      f"and all NaN from c = {all_nan_from:.2f}")
print("naive  softmax(z + 1000) =", naive_at_1000)
print("stable softmax(z + 1000) =", np.round(stable_at_1000, 4))
print(f"stable: largest deviation from softmax(z) over all shifts = "
      f"{np.abs(stable - probs).max():.1e} (rounding of z + c only)")

fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "横轴是加到所有 logits 上的平移量 c（0 到 1000），纵轴是最大概率。先减最大值的稳定写法（蓝）始终是 0.90 处的一条水平线；按定义直接计算的写法（橙红虚线）在 c 超过约 705 后因指数溢出变为 0 或 NaN（阴影区），NaN 画不出来，曲线在那里中断。")
# sphinx_gallery_end_ignore
ax.axvspan(naive_fails_from, shifts[-1], color=color("second"), alpha=0.12)
ax.plot(shifts, stable_max, color=color("first"), linewidth=3.0, label="稳定写法：先减去最大值")
ax.plot(shifts, naive_max, color=color("second"), linestyle="--",
        label=r"按定义：$e^{z_i} \, / \, \Sigma_j e^{z_j}$")
ax.annotate(rf"从 $c = {naive_fails_from:.1f}$ 起按定义的结果出错", xy=(naive_fails_from, 0.5), xytext=(160, 0.5),
            va="center", arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax.text(855, 0.62, "指数溢出：\n结果为 0 或 NaN", ha="center", va="center", color=readable(color("second")))
ax.set_xlim(0, 1000)
ax.set_ylim(0.0, 1.05)
ax.set_xlabel(r"加到每个 logit 上的平移量 $c$")
ax.set_ylabel(r"最大概率 $\max_i\,\mathrm{softmax}(z + c)_i$")
ax.set_title("整体平移 logits：按定义计算会溢出，先减最大值则不会")
ax.legend(loc="lower left")
plt.show()

# %%
# 温度
# ----
#
# 把 logits 除以温度 :math:`T > 0` 再做 softmax，:math:`\operatorname{softmax}(z / T)`。
# :math:`T < 1` 放大 logits 之间的差距，分布更尖锐，:math:`T \to 0` 时趋于 one-hot（argmax）；
# :math:`T > 1` 缩小差距，分布更平坦，:math:`T \to \infty` 时趋于均匀分布。
# 知识蒸馏用较高的温度让教师网络的“软标签”携带更多类间相似度信息。
#
# 用信息熵（单位：比特）衡量分布的平坦程度：
#
# .. math::
#
#    H(p) = -\sum_{i=1}^{K} p_i \log_2 p_i, \qquad 0 \le H \le \log_2 K .
#
# 这里 :math:`K = 5`，上限为 :math:`\log_2 5 \approx 2.32` 比特。
# 计算时用 ``log_softmax`` 直接得到 :math:`\log p_i`，避免对下溢为 0 的概率取对数。


def entropy_bits(z):
    """Entropy in bits of softmax(z), from log-probabilities."""
    return float(-(softmax(z) * log_softmax(z)).sum() / np.log(2.0))


temperatures = (0.25, 0.5, 1.0, 2.0, 5.0, 20.0)
tempered = {T: softmax(logits / T) for T in temperatures}
entropies = {T: entropy_bits(logits / T) for T in temperatures}  # result: T -> bits
for T in temperatures:
    print(f"T = {T:>5}: p = {np.round(tempered[T], 3)}, H = {entropies[T]:.4f} bits")
print(f"upper bound log2(5) = {np.log2(len(logits)):.3f} bits")

T_dense = np.geomspace(0.1, 100.0, 300)
H_dense = np.array([entropy_bits(logits / T) for T in T_dense])

t_colors = dict(zip(temperatures, sequential(len(temperatures))))  # one colour per temperature
fig, (ax_p, ax_h) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.85))
# sphinx_gallery_start_ignore
describe(fig, "左图：温度 T 取 0.25、0.5、1、2、5、20 时五个类别的 softmax 概率（颜色由蓝经紫、红到琥珀色，越亮温度越高），低温下概率几乎全部集中在第 2 类，高温下各类趋于均等；右图：熵随温度（对数横轴）单调上升，逼近均匀分布的上限 log₂5 ≈ 2.32 比特，圆点是左图的六个温度。")
# sphinx_gallery_end_ignore
width = 0.8 / len(temperatures)
for n, T in enumerate(temperatures):
    offset = (n - (len(temperatures) - 1) / 2) * width
    ax_p.bar(classes + offset, tempered[T], width, color=t_colors[T], label=f"$T = {T:g}$")
ax_p.set_xticks(classes)
ax_p.set_ylim(0, 1.05)
ax_p.set_xlabel("类别 $i$")
ax_p.set_ylabel(r"$\mathrm{softmax}(z / T)_i$")
ax_p.set_title("不同温度下的概率")
ax_p.legend(loc="upper right", ncols=2, columnspacing=0.8)

ax_h.semilogx(T_dense, H_dense, color=GREY, label=r"$H(\mathrm{softmax}(z/T))$")
for T in temperatures:
    ax_h.plot([T], [entropies[T]], "o", color=t_colors[T], markersize=7, zorder=3)
ax_h.axhline(np.log2(len(logits)), color=INK_SOFT, linestyle="--", linewidth=1.0)
ax_h.text(0.12, np.log2(len(logits)) + 0.05, r"上限 $\log_2 5$（均匀分布）", va="bottom", color=INK_SOFT)
ax_h.set_ylim(0, 2.7)
ax_h.set_xlabel("温度 $T$（对数刻度）")
ax_h.set_ylabel("熵（比特）")
ax_h.set_title("温度越高，分布越平坦")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_activations.py: probs, naive_at_1000,
# stable_at_1000, entropies.
# sphinx_gallery_end_ignore
