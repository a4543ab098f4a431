r"""
类别不平衡：ROC 曲线不动，PR 曲线下沉
=====================================

常听到一句话：“AUC 不受数据分布的影响”。准确的说法是：只要 **每个类别内部** 的分数分布不变，
ROC 曲线和 ROC-AUC 就与正负样本的比例无关；但它们当然取决于这两个分布本身。
精确率却直接受比例影响。本例固定正、负两类的分数分布，只改变正例占比（50%、20%、5%、1%），
比较 ROC 曲线与 PR 曲线的变化。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve
from dlnotes.plotting import INK_SOFT, figsize, num, readable, sequential, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 同样的两个分布，不同的比例
# --------------------------
#
# 正例分数来自 :math:`\mathcal N(1.5, 1)`，负例来自 :math:`\mathcal N(0, 1)`。
# 每种比例都用同一组 2000 个正例；负例从同一个大样本里取前 :math:`n_-` 个，使正例占比分别为
# 50%、20%、5%、1%（1% 时有 198000 个负例）。

rng = np.random.default_rng(0)
n_pos = 2000
positive_rates = (0.5, 0.2, 0.05, 0.01)
pos_scores = rng.normal(1.5, 1.0, n_pos)
neg_pool = rng.normal(0.0, 1.0, int(round(n_pos * (1 - min(positive_rates)) / min(positive_rates))))

curves = {}
auc, ap, baseline, precision_at_half_recall = {}, {}, {}, {}
for rate in positive_rates:
    n_neg = int(round(n_pos * (1 - rate) / rate))
    y = np.r_[np.ones(n_pos, dtype=int), np.zeros(n_neg, dtype=int)]
    s = np.r_[pos_scores, neg_pool[:n_neg]]
    fpr, tpr, _ = roc_curve(y, s)
    precision, recall, _ = precision_recall_curve(y, s)
    curves[rate] = (fpr, tpr, precision, recall)
    auc[rate] = roc_auc_score(y, s)
    ap[rate] = average_precision_score(y, s)
    baseline[rate] = float(y.mean())
    # precision at the highest threshold that still finds half of the positives
    precision_at_half_recall[rate] = float(precision[np.flatnonzero(recall >= 0.5)[-1]])
    print(f"positives {rate:4.0%} ({n_pos} vs {n_neg:>6} negatives): ROC-AUC = {auc[rate]:.4f}, "
          f"AP = {ap[rate]:.4f}, PR baseline = {baseline[rate]:.3f}, "
          f"precision at recall 0.5 = {precision_at_half_recall[rate]:.3f}")

rate_colors = dict(zip(positive_rates, sequential(len(positive_rates))))  # ordered by the share of positives
fig, (ax_roc, ax_pr) = plt.subplots(1, 2, figsize=figsize(2, aspect=1.0))
# sphinx_gallery_start_ignore
describe(fig, f"正例占比为 50%、20%、5%、1% 时的四组曲线（颜色由蓝经紫、红到琥珀色，越亮正例越少）。左图：四条 ROC 曲线几乎完全重合，AUC 都约为 {np.mean(list(auc.values())):.2f}；右图：对数纵轴上的 PR 曲线随正例变少整体下沉，与曲线同色的水平虚线是等于正例占比的随机基线（50%、20%、5%、1%），也随之降低。")
# sphinx_gallery_end_ignore
for rate, (fpr, tpr, precision, recall) in curves.items():
    rc = rate_colors[rate]
    ax_roc.plot(fpr, tpr, color=rc, linewidth=1.6,
                label=f"正例 {num(rate, '.0%')}：AUC {auc[rate]:.3f}，AP {ap[rate]:.3f}")
    ax_pr.step(recall, precision, where="post", color=rc, linewidth=1.6)
    ax_pr.axhline(baseline[rate], color=rc, linestyle="--", linewidth=1.0)
    ax_pr.text(0.3, baseline[rate] * 1.06, f"基线 {num(rate, '.0%')}", ha="left", va="bottom", color=readable(rc))
ax_roc.plot([0, 1], [0, 1], color=INK_SOFT, linestyle=":", linewidth=1.0)
ax_roc.set_xlabel("假正率")
ax_roc.set_ylabel("真正率")
ax_roc.set_title("ROC：四条曲线重合")
ax_roc.legend(loc="lower right")
ax_roc.set_xlim(0, 1)
ax_roc.set_ylim(0, 1.01)
ax_roc.set_aspect("equal")
ax_pr.set_yscale("log")
ax_pr.set_ylim(0.007, 1.05)
ax_pr.set_xlim(0, 1)
ax_pr.yaxis.set_major_formatter(lambda v, pos: num(v, ".0%") if v >= 0.01 else num(v, ".1%"))
ax_pr.set_xlabel("召回率")
ax_pr.set_ylabel("精确率（对数刻度）")
ax_pr.set_title("PR：曲线与基线（虚线）一起下沉")
plt.show()

# %%
# 四条 ROC 曲线几乎重合，AUC 只在第三位小数上有抽样波动；PR 曲线却随正例变少整体下沉，
# 它的随机基线（虚线）就是正例占比（右图纵轴取对数，1% 的基线才不会贴在横轴上）。原因在分母：真正率 TP/(TP+FN) 和假正率 FP/(FP+TN) 各自只在一个类别内部计算，
# 而精确率 TP/(TP+FP) 把两个类别放在一起——负例多了 99 倍，同样的假正率就意味着多得多的误报。
#
# 这也说明了为什么在严重不平衡的任务上 ROC-AUC 可能显得过于乐观：正例只占 1% 时 AUC 与 50% 时几乎一样，
# 可是在召回一半正例的阈值上，判为正类的样本里真正例已不到一成（见上面打印的最后一列）。
# 此时 PR 曲线和 AP 更能反映实际可用的效果。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: positive_rates, pos_scores,
# neg_pool, auc, ap, baseline, precision_at_half_recall, curves.
# sphinx_gallery_end_ignore
