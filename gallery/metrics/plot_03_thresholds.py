r"""
阈值：精确率、召回率与误判代价
==============================

多数分类器输出的是一个分数或概率，要得到“是/否”的判断，还得再选一个阈值：
分数 **大于或等于** 阈值判为正类，否则判为负类。阈值越高，判为正类的样本越少，
精确率通常上升，召回率只会下降或不变。本例先画出这两者随阈值的变化，
再在一个欺诈检测的例子里按误判代价挑选阈值。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import confusion_matrix_at_thresholds, precision_recall_curve
from dlnotes.plotting import INK, INK_SOFT, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()


def calibrated_scores(n, positive_rate, separation, rng):
    """Labels and calibrated P(y=1 | x) for two unit-variance Gaussian classes."""
    y = (rng.random(n) < positive_rate).astype(int)
    x = rng.normal(loc=separation * y, scale=1.0)
    # exact posterior of this generative model: logistic in x
    logit = separation * x - separation**2 / 2 + np.log(positive_rate / (1 - positive_rate))
    return y, 1.0 / (1.0 + np.exp(-logit))


# %%
# 精确率和召回率随阈值的变化
# --------------------------
#
# 2000 个样本，正类约占 30%，模型输出的是校准过的概率。``precision_recall_curve`` 把每个不同的分数
# 都当作一次阈值，返回每个阈值处的精确率与召回率（最后多出的一点 P = 1、R = 0 没有对应的阈值）。
# 召回率随阈值单调不增（只降不升）；精确率大体上升，但并不保证单调：提高阈值时，如果被“踢出去”的恰好是一个真正例，精确率会下降。

rng = np.random.default_rng(0)
y, prob = calibrated_scores(2000, 0.3, 2.0, rng)
precision, recall, thresholds = precision_recall_curve(y, prob)
f1 = 2 * precision[:-1] * recall[:-1] / (precision[:-1] + recall[:-1])
best_f1_threshold = float(thresholds[np.argmax(f1)])
at_half = np.searchsorted(thresholds, 0.5)  # first threshold >= 0.5
print(f"threshold {thresholds[at_half]:.3f}: precision {precision[at_half]:.3f}, recall {recall[at_half]:.3f}")
print(f"F1 is largest ({f1.max():.3f}) at threshold {best_f1_threshold:.3f}")

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, "精确率（蓝）、召回率（橙红）和 F1（绿色虚线）随阈值 t 从 0 到 1 的变化：召回率从 1 一路降到 0，精确率大体上升但有小幅回落，F1 在中段较平、两端下降；竖直点线标出阈值 0.5。")
# sphinx_gallery_end_ignore
ax.plot(thresholds, precision[:-1], color=color("precision"), label="精确率")
ax.plot(thresholds, recall[:-1], color=color("recall"), label="召回率")
ax.plot(thresholds, f1, color=color("f1"), linestyle="--", label="F1")
ax.axvline(0.5, color=INK_SOFT, linestyle=":", linewidth=1.0)
ax.text(0.51, 0.05, "阈值 0.5", color=INK_SOFT)
ax.set_xlim(0, 1)
ax.set_ylim(0, 1.02)
ax.set_xlabel("阈值 $t$（分数 ≥ t 判为正类）")
ax.set_ylabel("取值")
ax.set_title("精确率与召回率随阈值的变化")
ax.legend(loc="lower left")
plt.show()

# %%
# 按代价选阈值：欺诈检测
# ----------------------
#
# 5 万笔交易中约 2% 是欺诈。漏掉一笔欺诈（FN）损失 50，把正常交易误报为欺诈（FP）只需付出一次人工复核的代价 1。
# 每笔交易的平均代价是
#
# .. math:: \mathrm{cost}(t) = \frac{50\,\mathrm{FN}(t) + 1\cdot\mathrm{FP}(t)}{n} .
#
# ``confusion_matrix_at_thresholds`` 一次排序就给出所有阈值下的 FP 与 FN。若模型给出的是校准过的概率 :math:`p`，
# 判为欺诈的期望代价 :math:`(1-p)\,c_{FP}` 小于放过它的期望代价 :math:`p\,c_{FN}` 恰好在
# :math:`p > c_{FP}/(c_{FP}+c_{FN}) = 1/51` 时成立，这就是理论上的最优阈值。

cost_fn, cost_fp = 50.0, 1.0
y_fraud, p_fraud = calibrated_scores(50_000, 0.02, 2.5, np.random.default_rng(1))
tns, fps, fns, tps, thr = confusion_matrix_at_thresholds(y_fraud, p_fraud)
cost = (cost_fn * fns + cost_fp * fps) / y_fraud.size
cost_nothing_flagged = cost_fn * y_fraud.sum() / y_fraud.size

best = int(np.argmin(cost))
best_threshold, best_cost = float(thr[best]), float(cost[best])
bayes_threshold = cost_fp / (cost_fp + cost_fn)


def cost_at(t):
    """Cost of the rule p >= t: the last threshold (in decreasing order) that is >= t."""
    i = np.searchsorted(-thr, -t, side="right") - 1
    return cost_nothing_flagged if i < 0 else float(cost[i])


cost_at_half = cost_at(0.5)
cost_at_bayes = cost_at(bayes_threshold)
recall_at = {t: float(tps[np.searchsorted(-thr, -t, side="right") - 1] / tps[-1])
             for t in (0.5, best_threshold)}
print(f"fraud rate {y_fraud.mean():.4f}; flagging nothing costs {cost_nothing_flagged:.4f} per transaction")
print(f"threshold 0.5      : cost {cost_at_half:.4f}, recall {recall_at[0.5]:.3f}")
print(f"threshold 1/51     : cost {cost_at_bayes:.4f}")
print(f"best threshold {best_threshold:.4f}: cost {best_cost:.4f}, recall {recall_at[best_threshold]:.3f}")

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, f"欺诈检测中每笔交易的平均代价随阈值 t 的变化（横轴为对数刻度）：曲线呈 U 形，最低点（实心圆，t = {best_threshold:.3f}）远在默认阈值 0.5（空心方块）左侧，靠近理论阈值 1/51（竖直虚线）；水平点线是一笔都不标记时的代价。")
# sphinx_gallery_end_ignore
ax.plot(thr, cost, color=INK, label="每笔交易的平均代价")
ax.axhline(cost_nothing_flagged, color=INK_SOFT, linestyle=":", linewidth=1.0)
ax.text(1.2e-4, cost_nothing_flagged * 0.96, "一笔都不标记", va="top", color=INK_SOFT)
ax.plot([best_threshold], [best_cost], "o", color=INK, markersize=8,
        label=f"最低点：t = {best_threshold:.3f}，代价 {best_cost:.3f}")
ax.plot([0.5], [cost_at_half], "s", color=INK, markerfacecolor="none", markersize=8, markeredgewidth=1.5,
        label=f"默认 t = 0.5，代价 {cost_at_half:.3f}")
ax.axvline(bayes_threshold, color=INK_SOFT, linestyle="--", linewidth=1.0,
           label=r"$c_{FP}/(c_{FP}+c_{FN}) = 1/51$")
ax.set_xscale("log")
ax.set_xlim(1e-4, 1)
ax.set_ylim(0, cost_nothing_flagged * 1.55)
ax.set_xlabel("对预测的欺诈概率所取的阈值 $t$（对数刻度）")
ax.set_ylabel("平均代价")
ax.set_title("欺诈检测：漏掉一笔欺诈代价 50，误报一次代价 1")
ax.legend(loc="upper center", ncols=2)
plt.show()

# %%
# 代价最低的阈值远低于默认的 0.5，而且落在理论值 1/51 附近：代价严重不对称时，
# 宁可多复核一些正常交易，也要少放过欺诈。阈值 0.5 只在两种错误代价相同、且概率经过校准时才是最优的。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: y, prob, precision, recall,
# thresholds, y_fraud, p_fraud, thr, cost, best_threshold, best_cost, cost_at_half,
# bayes_threshold.
# sphinx_gallery_end_ignore
