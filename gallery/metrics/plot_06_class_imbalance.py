r"""
类别不平衡：ROC 曲线不动，PR 曲线下沉
=====================================

常听到一句话："AUC 不受数据分布的影响"。准确的说法是：只要 **每个类别内部** 的分数分布不变，
ROC 曲线和 ROC-AUC 就与正负样本的比例无关；但它们当然取决于这两个分布本身。
精确率却直接受比例影响。本例固定正、负两类的分数分布，只改变正例占比（50%、20%、5%、1%），
比较 ROC 曲线与 PR 曲线的变化。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve
from dlnotes.plotting import COLORS, describe, use_style

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

fig, (ax_roc, ax_pr) = plt.subplots(1, 2, figsize=(10.0, 5.3))
describe(fig, "正例占比为 50%、20%、5%、1% 时的四组曲线。左图：四条 ROC 曲线几乎完全重合；右图：PR 曲线随正例变少整体下沉，与曲线同色的水平虚线是等于正例占比的随机基线，也随之降低。")
for (rate, (fpr, tpr, precision, recall)), color in zip(curves.items(), COLORS):
    ax_roc.plot(fpr, tpr, color=color, linewidth=1.6, label=f"{rate:.0%} positive, AUC = {auc[rate]:.3f}")
    ax_pr.step(recall, precision, where="post", color=color, linewidth=1.6,
               label=f"{rate:.0%} positive, AP = {ap[rate]:.3f}")
    ax_pr.axhline(baseline[rate], color=color, linestyle="--", linewidth=1.0)
ax_roc.plot([0, 1], [0, 1], color="0.5", linestyle=":", linewidth=1.2)
ax_roc.set_xlabel("false positive rate")
ax_roc.set_ylabel("true positive rate")
ax_roc.set_title("ROC: the four curves coincide")
ax_roc.legend(loc="lower right", fontsize=9)
ax_pr.set_xlabel("recall")
ax_pr.set_ylabel("precision")
ax_pr.set_title("PR: curves and baselines (dashed) fall")
ax_pr.legend(loc="upper right", fontsize=9, frameon=True, framealpha=0.9)
for ax in (ax_roc, ax_pr):
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.set_aspect("equal")
plt.show()

# %%
# 四条 ROC 曲线几乎重合，AUC 只在第三位小数上有抽样波动；PR 曲线却随正例变少整体下沉，
# 它的随机基线（虚线）就是正例占比。原因在分母：真正率 TP/(TP+FN) 和假正率 FP/(FP+TN) 各自只在一个类别内部计算，
# 而精确率 TP/(TP+FP) 把两个类别放在一起——负例多了 99 倍，同样的假正率就意味着多得多的误报。
#
# 这也说明了为什么在严重不平衡的任务上 ROC-AUC 可能显得过于乐观：正例只占 1% 时 AUC 与 50% 时几乎一样，
# 可是在召回一半正例的阈值上，判为正类的样本里真正例已不到一成（见上面打印的最后一列）。
# 此时 PR 曲线和 AP 更能反映实际可用的效果。
#
# 本例留下的结果（测试会检查这些变量）：``positive_rates``、``pos_scores``、``neg_pool``、``auc``、``ap``、
# ``baseline``、``precision_at_half_recall``、``curves``。
