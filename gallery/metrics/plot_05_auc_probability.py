r"""
AUC 的概率含义：三种算法
========================

ROC 曲线下的面积有一个直接的概率解释：随机抽一个正例和一个负例，
正例得分更高的概率，再加上两者得分相同的概率的一半，

.. math:: \mathrm{AUC} = P(s^+ > s^-) + \tfrac12\,P(s^+ = s^-) .

它就是 Mann–Whitney U 统计量除以 :math:`n_+ n_-`。本例在一组有大量并列分数的数据上，
用三种方法计算同一个量：按曲线求面积（``roc_auc_score``）、逐对数出全部正负样本对、随机抽样若干对做蒙特卡洛估计。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import roc_auc_score
from dlnotes.plotting import INK, INK_SOFT, SHADE, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 有并列分数的数据
# ----------------
#
# 200 个正例、300 个负例，分数是 1 到 5 的整数“评分”（例如医生给出的可疑程度），
# 所以正负样本之间有大量平局。平局必须按一半计入，否则结果偏低。

rng = np.random.default_rng(0)
n_pos, n_neg = 200, 300
pos = np.clip(np.round(rng.normal(3.4, 1.0, n_pos)), 1, 5)
neg = np.clip(np.round(rng.normal(2.6, 1.0, n_neg)), 1, 5)
y = np.r_[np.ones(n_pos, dtype=int), np.zeros(n_neg, dtype=int)]
scores = np.r_[pos, neg]

# 1. area under the ROC curve
auc_curve = roc_auc_score(y, scores)

# 2. every positive-negative pair: n_pos x n_neg comparisons
greater = pos[:, None] > neg[None, :]
ties = pos[:, None] == neg[None, :]
n_pairs = n_pos * n_neg
p_greater = greater.sum() / n_pairs
p_tie = ties.sum() / n_pairs
auc_pairs = p_greater + 0.5 * p_tie
print(f"AUC from the ROC curve          : {auc_curve:.6f}")
print(f"pair count over {n_pairs} pairs  : {auc_pairs:.6f}  "
      f"(P(s+ > s-) = {p_greater:.4f}, P(s+ = s-) = {p_tie:.4f})")
print(f"ties ignored, P(s+ > s-) only    : {p_greater:.6f}")

# %%
# 蒙特卡洛估计
# ------------
#
# 不必数遍全部 :math:`n_+ n_-` 对：随机抽 :math:`m` 对（有放回），每对记
# :math:`X = \mathbb 1[s^+ > s^-] + \tfrac12\mathbb 1[s^+ = s^-]`，取平均即可。
# :math:`X` 的期望就是 AUC，所以估计无偏，标准误按 :math:`1/\sqrt m` 缩小。
# 图中的灰色带是 :math:`\pm 1.96` 倍标准误（方差由全部样本对精确算出）。

m_max = 100_000
mc_rng = np.random.default_rng(5)
i = mc_rng.integers(0, n_pos, m_max)
j = mc_rng.integers(0, n_neg, m_max)
x = (pos[i] > neg[j]) + 0.5 * (pos[i] == neg[j])
m = np.arange(1, m_max + 1)
running = np.cumsum(x) / m
auc_mc = float(running[-1])
pair_values = greater + 0.5 * ties
sd_pair = float(np.sqrt(np.mean(pair_values**2) - auc_pairs**2))
se_mc = sd_pair / np.sqrt(m_max)
print(f"Monte Carlo with {m_max} random pairs: {auc_mc:.4f} (standard error {se_mc:.4f})")

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, f"蒙特卡洛估计的 AUC（橙红）随随机抽取的正负样本对数 m 的变化（横轴为对数刻度）：运行平均起初大幅波动，随后收敛到由全部样本对精确算出的值 {auc_pairs:.4f}（深色虚线），灰色带是逐渐收窄的 ±1.96 倍标准误；下方点线是忽略平局时偏低的值 {p_greater:.4f}。")
# sphinx_gallery_end_ignore
band = 1.96 * sd_pair / np.sqrt(m)
ax.fill_between(m, auc_pairs - band, auc_pairs + band, color=SHADE, label="精确值 ± 1.96 倍标准误")
ax.plot(m, running, color=color("estimate"), linewidth=1.5, label="蒙特卡洛运行平均")
ax.axhline(auc_pairs, color=INK, linestyle="--", linewidth=1.2,
           label=r"精确值：$P(s^+>s^-) + \frac{1}{2}P(s^+=s^-)$" + f" = {auc_pairs:.4f}")
ax.axhline(p_greater, color=INK_SOFT, linestyle=":", linewidth=1.8,
           label=f"忽略平局：$P(s^+>s^-)$ = {p_greater:.4f}")
ax.set_xscale("log")
ax.set_xlim(10, m_max)
ax.set_ylim(0.45, 0.95)
ax.set_xlabel("随机抽取的正负样本对数 $m$")
ax.set_ylabel("AUC 的估计")
ax.set_title("AUC 的蒙特卡洛估计收敛到逐对计数的结果")
ax.legend(loc="upper right")
plt.show()

# %%
# 三种算法给出同一个值（前两者完全相等，蒙特卡洛估计在误差范围内）。只数“严格大于”而不计平局，
# 会把 AUC 低估 :math:`\tfrac12 P(s^+ = s^-)`。``roc_auc_score`` 在没有样本权重时并不逐对比较，
# 而是把正、负样本的分数各排一次序，再借助合并排序数出每个正例之上、之下的负例个数，
# 总代价是 :math:`O(n\log n)`，而逐对比较是 :math:`O(n_+ n_-)`。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: pos, neg, auc_curve, auc_pairs,
# p_greater, p_tie, running, auc_mc, se_mc.
# sphinx_gallery_end_ignore
