r"""
ROC 曲线与 PR 曲线
==================

把阈值从高到低扫一遍，每个阈值给出一对（假正率 FPR，真正率 TPR），连起来就是 ROC 曲线；
换成（召回率，精确率）就是 PR 曲线。前者下方的面积是 ROC-AUC，
后者用平均精度（AP）概括。本例在两个高斯分布生成的分数上画出这两条曲线。
"""

import math

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve
from dlnotes.plotting import INK_SOFT, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 数据与两条曲线
# --------------
#
# 300 个正例的分数取自 :math:`\mathcal N(1.2, 1)`，700 个负例取自 :math:`\mathcal N(0, 1)`。
# 对这样两个等方差的高斯分布，总体 ROC-AUC 有闭式解
# :math:`P(s^+ > s^-) = \Phi\bigl(1.2/\sqrt 2\bigr)`，样本上的 AUC 应当与它接近。
#
# ``roc_curve`` 返回的第一个阈值是 :math:`+\infty`：此时没有样本被判为正类，对应原点 (0, 0)；
# 阈值降到最低分时所有样本都被判为正类，对应 (1, 1)。对角线是随机打分的分类器。
# PR 曲线的基线是正例占比 :math:`\pi = 0.3`：随机打分时，任何阈值下的精确率期望都等于 :math:`\pi`。

rng = np.random.default_rng(0)
n_pos, n_neg, shift = 300, 700, 1.2
y = np.r_[np.ones(n_pos, dtype=int), np.zeros(n_neg, dtype=int)]
scores = np.r_[rng.normal(shift, 1.0, n_pos), rng.normal(0.0, 1.0, n_neg)]

fpr, tpr, roc_thresholds = roc_curve(y, scores)
auc = roc_auc_score(y, scores)
auc_trapezoid = float(np.trapezoid(tpr, fpr))
auc_population = 0.5 * (1.0 + math.erf(shift / 2.0))  # Phi(shift / sqrt 2)
precision, recall, pr_thresholds = precision_recall_curve(y, scores)
ap = average_precision_score(y, scores)
baseline = y.mean()
print(f"ROC-AUC = {auc:.4f} (trapezoid over the curve {auc_trapezoid:.4f}; population value {auc_population:.4f})")
print(f"AP = {ap:.4f}; share of positives (PR baseline) = {baseline:.2f}")
print(f"ROC curve: {fpr.size} points kept out of {np.unique(scores).size + 1} thresholds")

fig, (ax_roc, ax_pr) = plt.subplots(1, 2, figsize=figsize(2, aspect=1.0))
# sphinx_gallery_start_ignore
describe(fig, f"左图：ROC 曲线（蓝，真正率对假正率），曲线下方的阴影面积即 AUC = {auc:.3f}，对角虚线代表随机打分；右图：阶梯状的 PR 曲线（橙红，精确率对召回率），AP = {ap:.3f}，水平虚线是正例占比 0.3 的随机基线。两条曲线都明显好于随机打分。")
# sphinx_gallery_end_ignore
ax_roc.fill_between(fpr, tpr, step=None, color=color("roc"), alpha=0.15)
ax_roc.plot(fpr, tpr, color=color("roc"), label=f"ROC 曲线，AUC = {auc:.3f}")
ax_roc.plot([0, 1], [0, 1], color=INK_SOFT, linestyle="--", linewidth=1.0, label="随机打分，AUC = 0.5")
ax_roc.set_xlabel("假正率 FP / (FP + TN)")
ax_roc.set_ylabel("真正率 TP / (TP + FN)")
ax_roc.set_title("ROC 曲线")
ax_roc.legend(loc="lower right")

ax_pr.step(recall, precision, where="post", color=color("pr"), label=f"PR 曲线，AP = {ap:.3f}")
ax_pr.axhline(baseline, color=INK_SOFT, linestyle="--", linewidth=1.0, label=f"随机打分：正例占比 {baseline:.1f}")
ax_pr.set_xlabel("召回率 TP / (TP + FN)")
ax_pr.set_ylabel("精确率 TP / (TP + FP)")
ax_pr.set_title("PR 曲线")
ax_pr.legend(loc="lower left")
for ax in (ax_roc, ax_pr):
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.set_aspect("equal")
plt.show()

# %%
# 两条曲线用的是同一组阈值，只是坐标不同。ROC 的两个坐标分别以真实正例数和真实负例数为分母，
# 各自只看一个类别；PR 曲线的精确率以“判为正类的样本数”为分母，同时受两个类别影响，
# 所以正负比例一变它就跟着变（见下一个示例中的类别不平衡）。
#
# AP 是 :math:`\sum_n (R_n - R_{n-1}) P_n`：每个阈值处的精确率按这一步新增的召回率加权，
# 对应图中的阶梯，而不是把相邻点用直线连起来求面积（线性插值会高估）。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: y, scores, fpr, tpr, auc,
# auc_trapezoid, auc_population, precision, recall, ap, baseline.
# sphinx_gallery_end_ignore
