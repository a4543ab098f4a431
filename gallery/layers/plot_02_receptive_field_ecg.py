r"""
一维卷积的感受野：心电信号上的 15/7/5/3 与 3/3/3
================================================

心电（ECG）这类长信号常用一维卷积处理。设采样率为 256 Hz，一段 10000 个采样点的记录约 39 秒。
一种做法是第一层用 15 个抽头的大卷积核，第二层 7、第三层 5，之后都用 3；
另一种做法是每层都用 3。本例用 :func:`dlnotes.layers.receptive_field` 逐层计算两种堆叠的感受野，
换算成毫秒，并画在一段合成的心电信号上；再用 :func:`dlnotes.layers.conv1d` 让 10000 点的信号
真正穿过这些层，看特征图的长度如何缩短。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.layers import conv1d, conv_output_size, receptive_field
from dlnotes.plotting import INK, INK_SOFT, color, figsize, readable, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 合成心电信号
# ------------
#
# 每一次心跳由五个高斯波叠加而成：P 波、Q 波、高而窄的 R 波、S 波和较宽的 T 波，
# 心率 75 次/分（RR 间期 0.8 s），再加一点基线漂移和噪声。这不是真实记录，
# 但各波的宽度与正常心电图同一量级：QRS 波群约 0.1 s，整个心动周期约 0.8 s。

fs = 256  # Hz
rr = 0.8  # s between beats
rng = np.random.default_rng(0)

# (amplitude, offset from the R peak in s, width in s) of the P, Q, R, S and T waves
WAVES = [(0.15, -0.20, 0.025), (-0.12, -0.035, 0.010), (1.0, 0.0, 0.012),
         (-0.25, 0.035, 0.010), (0.30, 0.25, 0.040)]


def synthetic_ecg(n_samples, fs=fs, rr=rr, first_r=0.3, noise=0.02, seed=0):
    """A clean ECG-like trace: Gaussian P-QRS-T waves every ``rr`` seconds, plus drift and noise."""
    gen = np.random.default_rng(seed)
    t = np.arange(n_samples) / fs
    r_peaks = np.arange(first_r, t[-1] + 1.0, rr)
    x = np.zeros(n_samples)
    for amp, offset, width in WAVES:
        centres = r_peaks[:, None] + offset
        x += amp * np.exp(-0.5 * ((t[None, :] - centres) / width) ** 2).sum(axis=0)
    x += 0.05 * np.sin(2 * np.pi * 0.25 * t) + noise * gen.normal(size=n_samples)
    return t, x, r_peaks[r_peaks <= t[-1]]


t, ecg, r_peaks = synthetic_ecg(3 * fs)

# %%
# 两种卷积堆叠的感受野
# --------------------
#
# 记第 :math:`l` 层的核长为 :math:`F_l`、步幅为 :math:`S_l`、空洞率为 :math:`D_l`，
# 第 :math:`l` 层的一个输出看到的输入采样点个数 :math:`r_l` 和相邻两个输出在输入上的间距 :math:`j_l` 满足
#
# .. math::
#
#    r_l &= r_{l-1} + D_l\,(F_l - 1)\, j_{l-1}, \\
#    j_l &= j_{l-1}\, S_l, \qquad r_0 = j_0 = 1 .
#
# 两种堆叠都是 8 层、每层步幅 2（每层把长度减半）。
# 除以采样率就把采样点数换算成时间：:math:`r_l / f_s` 秒。

kernels_a = [15, 7, 5, 3, 3, 3, 3, 3]
kernels_b = [3] * 8
strides = [2] * 8
rf_a, jump_a = receptive_field(kernels_a, strides)
rf_b, jump_b = receptive_field(kernels_b, strides)
rf_ms_a = 1000.0 * rf_a / fs
rf_ms_b = 1000.0 * rf_b / fs

print("layer  F(A)  rf(A) samples   ms    |  F(B)  rf(B) samples   ms    | jump")
for i in range(len(kernels_a)):
    print(f"{i + 1:5d}  {kernels_a[i]:4d}  {rf_a[i]:7d}  {rf_ms_a[i]:9.1f}  |  {kernels_b[i]:4d}  "
          f"{rf_b[i]:7d}  {rf_ms_b[i]:9.1f}  | {jump_a[i]:4d}")

# %%
# 在心电信号上画出感受野
# ----------------------
#
# 下图把两种堆叠中每一层的感受野画成以某个 R 波为中心的横条。
# 15/7/5 堆叠的第一层就覆盖约 59 ms，已接近一个 QRS 波群的宽度；3/3/3 堆叠的第一层只看到约 12 ms，
# 一个 R 波都装不下，要到第三层才赶上。越往后，两者的差距被步幅不断放大的跳距 :math:`j_l` 冲淡：
# 第 8 层时两者都覆盖两秒左右，包含两三个完整的心动周期。

centre = r_peaks[1]
fig, axes = plt.subplots(2, 1, figsize=figsize(aspect=1.02), sharex=True)
# sphinx_gallery_start_ignore
describe(fig, "上下两幅图都是 3 秒的合成心电信号，下方一排横条是以某个 R 波为中心的第 1 到第 8 层感受野，标出采样点数和毫秒数。上图（蓝）为核长 15/7/5/3… 的堆叠，第一层就有 59 ms，接近一个 QRS 波群的宽度；下图（橙红）为全 3 的堆叠，浅层横条短得多，第一层只有 12 ms；到第 8 层两者都约两秒，跨越两三次心跳。")
# sphinx_gallery_end_ignore
for ax, rf, role, name in ((axes[0], rf_a, "first", "15/7/5/3/3/3/3/3"),
                           (axes[1], rf_b, "second", "3/3/3/3/3/3/3/3")):
    ax.plot(t, ecg, color=INK, linewidth=1.0)
    for i, r in enumerate(rf):
        y = -0.5 - 0.25 * i
        half = r / fs / 2
        ax.plot([centre - half, centre + half], [y, y], color=color(role), linewidth=5, solid_capstyle="butt")
        ax.text(centre + half + 0.03, y, f"第 {i + 1} 层：{r} 点 = {1000 * r / fs:.0f} ms",
                va="center", color=readable(color(role)))
    ax.axvline(centre, color=INK_SOFT, linestyle=":", linewidth=1.0)
    ax.set_ylim(-0.45 - 0.25 * len(rf), 1.2)
    ax.set_yticks([0.0, 0.5, 1.0])  # the bars below the trace have no y value
    ax.set_ylabel("心电（任意单位）")
    ax.set_title(f"核长 {name}，每层步幅 2")
axes[1].set_xlabel("时间（秒），采样率 256 Hz")
axes[1].set_xlim(0.0, t[-1])
plt.show()

# %%
# 感受野随层数的增长
# ------------------
#
# 对数坐标下两条曲线逐渐靠拢：两者的比值从第 1 层的 5 倍缩小到第 8 层的约 1.05 倍。
# 步幅决定跳距，跳距按 :math:`2^l` 增长，而每层核长只在乘以当时的跳距后才起作用，
# 所以深层的感受野由步幅主导，前几层核长的差别被越摊越薄。两条水平线分别标出 QRS 波群（约 100 ms）
# 和一个心动周期（本例 800 ms）的时长。

fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "两种卷积堆叠的感受野（毫秒，对数纵轴）随层数的变化：15/7/5/3… 堆叠（蓝）在浅层明显领先，全 3 堆叠（橙红）增长更快，两条曲线逐渐靠拢，比值从第 1 层的 5 倍缩小到第 8 层的约 1.05 倍。两条水平线分别标出 QRS 波群（约 100 ms）和一个心动周期（800 ms）。")
# sphinx_gallery_end_ignore
layers = np.arange(1, len(kernels_a) + 1)
ax.plot(layers, rf_ms_a, "o-", color=color("first"), label="15/7/5/3/…（步幅 2）")
ax.plot(layers, rf_ms_b, "s-", color=color("second"), label="3/3/3/3/…（步幅 2）")
for i in (0, len(layers) - 1):
    ax.annotate(f"{rf_a[i] / rf_b[i]:.2f} 倍", xy=(layers[i], np.sqrt(rf_ms_a[i] * rf_ms_b[i])),
                xytext=(layers[i] + 0.25, np.sqrt(rf_ms_a[i] * rf_ms_b[i])), va="center", color=INK_SOFT)
ax.axhline(100.0, color=INK_SOFT, linestyle=":", linewidth=1.0)
ax.text(8.9, 100.0 * 1.08, "QRS 波群约 100 ms", ha="right", va="bottom", color=INK_SOFT)
ax.axhline(1000.0 * rr, color=INK_SOFT, linestyle="--", linewidth=1.0)
ax.text(1.0, 1000.0 * rr * 1.08, "一次心跳 800 ms", va="bottom", color=INK_SOFT)
ax.set_yscale("log")
ax.set_xlim(0.7, 9.0)
ax.set_xticks(layers)
ax.set_xlabel("层")
ax.set_ylabel("感受野（ms）")
ax.set_title("采样率 256 Hz 时的感受野")
ax.legend(loc="lower right")
plt.show()

# %%
# 长信号必须尽快降采样
# --------------------
#
# 让一条 10000 点的记录依次穿过 15/7/5/3/… 堆叠（每层 ``padding = F // 2``、步幅 2、随机权重），
# 记下每层特征图的长度，并与 :func:`dlnotes.layers.conv_output_size` 的公式对照。
# 每一层都把长度减半，8 层后只剩几十个位置；如果前几层不降采样，后面每一层都要在上万个位置上计算。

n_long = 10_000
_, long_ecg, _ = synthetic_ecg(n_long, seed=1)
h = long_ecg[None, None, :]
lengths_a, formula_lengths_a = [n_long], [n_long]
for k, s in zip(kernels_a, strides):
    w = rng.normal(size=(1, 1, k)) / np.sqrt(k)
    h = conv1d(h, w, stride=s, padding=k // 2)
    lengths_a.append(h.shape[-1])
    formula_lengths_a.append(conv_output_size(formula_lengths_a[-1], k, stride=s, padding=k // 2))
print("feature-map lengths:", lengths_a)

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_layers.py: rf_a, jump_a, rf_b, jump_b, rf_ms_a,
# rf_ms_b, lengths_a, formula_lengths_a.
# sphinx_gallery_end_ignore
