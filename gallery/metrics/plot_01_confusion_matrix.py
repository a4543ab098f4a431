r"""
混淆矩阵与派生指标
==================

二分类器的每一次预测都落进四个格子之一：真正例（TP）、假正例（FP）、假反例（FN）、真反例（TN）。
准确率、精确率、召回率、特异度、假正率和 F 分数都只是这四个数的不同组合。
本例用一个合成的筛查问题画出混淆矩阵，再把由它算出的各项指标并排列出；
最后比较 F1 所用的调和平均与几何平均、算术平均的差别。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    fbeta_score,
    precision_score,
    recall_score,
)
from dlnotes.plotting import COLORS, describe, use_style

use_style()

# %%
# 一个合成的筛查问题
# ------------------
#
# 200 个样本中有 50 个阳性。分类器给每个样本打一个分数（阳性的分数整体偏高），
# 分数 **大于或等于** 阈值 0 就判为阳性。``confusion_matrix`` 的约定与 scikit-learn 相同：
# 行是真实类别，列是预测类别，类别按 0、1 排序，所以展平后依次是 TN、FP、FN、TP。

rng = np.random.default_rng(0)
y_true = np.r_[np.ones(50, dtype=int), np.zeros(150, dtype=int)]
scores = rng.normal(loc=np.where(y_true == 1, 1.0, -1.0), scale=1.0)
threshold = 0.0
y_pred = (scores >= threshold).astype(int)

cm = confusion_matrix(y_true, y_pred)
tn, fp, fn, tp = (int(v) for v in cm.ravel())
print("confusion matrix (rows: true 0/1, columns: predicted 0/1):")
print(cm)
print(f"TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn}")

# %%
# 由四个格子算出的指标
# --------------------
#
# 精确率（查准率）看预测为阳性的那一列，召回率（查全率、真正率 TPR）和特异度（真反率 TNR）
# 分别看真实为阳性、阴性的那一行。特异度就是把阴性当作"正类"时的召回率，
# 所以可以用 ``recall_score(..., pos_label=0)`` 算出；假正率 FPR = 1 − 特异度。

rates = {
    "accuracy": accuracy_score(y_true, y_pred),
    "precision (PPV)": precision_score(y_true, y_pred),
    "recall (TPR)": recall_score(y_true, y_pred),
    "specificity (TNR)": recall_score(y_true, y_pred, pos_label=0),
    "FPR = 1 - TNR": 1.0 - recall_score(y_true, y_pred, pos_label=0),
    "F1": f1_score(y_true, y_pred),
    "F0.5": fbeta_score(y_true, y_pred, beta=0.5),
    "F2": fbeta_score(y_true, y_pred, beta=2.0),
}
for name, value in rates.items():
    print(f"{name:>18}: {value:.4f}")

fig, (ax_cm, ax_r) = plt.subplots(1, 2, figsize=(10.0, 4.4), width_ratios=(1, 1.25))
describe(fig, "左图：筛查例子的 2×2 混淆矩阵，行是真实类别、列是预测类别，四格分别标出 TN、FP、FN、TP 的个数，颜色越深个数越多；右图：由这四个数算出的准确率、精确率、召回率、特异度、假正率以及 F1、F0.5、F2 的横向条形图。")
ax_cm.imshow(cm, cmap="Blues", vmin=0)
ax_cm.grid(False)
names = np.array([["TN", "FP"], ["FN", "TP"]])
for i in range(2):
    for j in range(2):
        ax_cm.text(j, i, f"{names[i, j]}\n{cm[i, j]}", ha="center", va="center", fontsize=14,
                   color="white" if cm[i, j] > cm.max() / 2 else "black")
ax_cm.set_xticks([0, 1], ["0 (negative)", "1 (positive)"])
ax_cm.set_yticks([0, 1], ["0 (negative)", "1 (positive)"])
ax_cm.set_xlabel("predicted class")
ax_cm.set_ylabel("true class")
ax_cm.set_title(f"Confusion matrix (score >= {threshold:g} is positive)")

labels = list(rates)
values = [rates[k] for k in labels]
bars = ax_r.barh(labels[::-1], values[::-1], color=COLORS[0], alpha=0.8)
for bar, v in zip(bars, values[::-1]):
    ax_r.text(v + 0.01, bar.get_y() + bar.get_height() / 2, f"{v:.3f}", va="center")
ax_r.set_xlim(0, 1.12)
ax_r.set_xlabel("value")
ax_r.set_title("Rates derived from the four counts")
ax_r.grid(axis="y", visible=False)
plt.show()

# %%
# 准确率在不平衡数据上的陷阱：若 1000 个样本里只有 10 个阳性，
# 一个永远回答"阴性"的分类器准确率高达 99%，召回率却是 0。

y_rare = np.r_[np.ones(10, dtype=int), np.zeros(990, dtype=int)]
always_negative = np.zeros_like(y_rare)
lazy_accuracy = accuracy_score(y_rare, always_negative)
lazy_recall = recall_score(y_rare, always_negative)
print(f"always 'negative' on 1% positives: accuracy = {lazy_accuracy:.3f}, recall = {lazy_recall:.3f}")

# %%
# F1 是调和平均
# -------------
#
# :math:`F_1 = \dfrac{2PR}{P+R} = \dfrac{2\,\mathrm{TP}}{2\,\mathrm{TP}+\mathrm{FP}+\mathrm{FN}}`
# 是精确率与召回率的 **调和** 平均；几何平均 :math:`\sqrt{PR}` 是另一个指标（Fowlkes–Mallows 指数）。
# 把召回率固定在上面例子的值 0.9、让精确率从 0 变到 1：调和平均总是三者中最小的，并且被较小的那个值拖住，
# 精确率很低时 F1 也很低，算术平均却还能维持在 0.45 以上。

recall_fixed = rates["recall (TPR)"]
p_grid = np.linspace(0.001, 1.0, 500)
harmonic = 2 * p_grid * recall_fixed / (p_grid + recall_fixed)
geometric = np.sqrt(p_grid * recall_fixed)
arithmetic = (p_grid + recall_fixed) / 2

fig, ax = plt.subplots(figsize=(8.0, 4.5))
describe(fig, "召回率固定时，精确率与召回率的算术平均、几何平均和调和平均（即 F1）随精确率从 0 到 1 变化的三条曲线：调和平均始终最低，精确率趋于 0 时它也趋于 0，算术平均却仍不低于召回率的一半；黑点标出筛查例子的位置。")
ax.plot(p_grid, arithmetic, color=COLORS[2], label="arithmetic mean (P + R) / 2")
ax.plot(p_grid, geometric, color=COLORS[1], label=r"geometric mean $\sqrt{PR}$ (Fowlkes-Mallows)")
ax.plot(p_grid, harmonic, color=COLORS[0], label=r"harmonic mean $2PR/(P+R)$ = F1")
ax.plot([rates["precision (PPV)"]], [rates["F1"]], "o", color="black")
ax.annotate("the screening example", xy=(rates["precision (PPV)"], rates["F1"]),
            xytext=(0.25, 0.88), arrowprops=dict(arrowstyle="->", color="0.3"))
ax.set_xlim(0, 1)
ax.set_ylim(0, 1)
ax.set_xlabel("precision P")
ax.set_ylabel("mean of P and R")
ax.set_title(f"Three means of precision and recall, recall fixed at R = {recall_fixed:.2f}")
ax.legend(loc="lower right")
plt.show()

# %%
# 本例留下的结果（测试会检查这些变量）：
#
# * ``y_true``、``y_pred``、``cm`` 以及 ``tp``、``fp``、``fn``、``tn``；
# * ``rates``：由混淆矩阵派生的各项指标；
# * ``harmonic``、``geometric``、``arithmetic``：固定召回率时三种平均随精确率的变化。
