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
from matplotlib.patches import Rectangle

from dlnotes.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    fbeta_score,
    precision_score,
    recall_score,
)
from dlnotes.plotting import GREY, INK, INK_SOFT, PAPER, SHADE, color, figsize, image_axes, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

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
# 分别看真实为阳性、阴性的那一行。特异度就是把阴性当作“正类”时的召回率，
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

rate_labels = {"accuracy": "准确率", "precision (PPV)": "精确率（PPV）", "recall (TPR)": "召回率（TPR）",
               "specificity (TNR)": "特异度（TNR）", "FPR = 1 - TNR": "假正率 = 1 − TNR", "F1": "F1",
               "F0.5": "F0.5", "F2": "F2"}
rate_roles = {"precision (PPV)": "precision", "recall (TPR)": "recall", "F1": "f1"}
fig, (ax_cm, ax_r) = plt.subplots(1, 2, figsize=figsize(2, aspect=1.0), width_ratios=(1, 1.3))
# sphinx_gallery_start_ignore
describe(fig, "左图：筛查例子的 2×2 混淆矩阵，行是真实类别、列是预测类别，四格分别标出 TN、FP、FN、TP 的个数（125、25、5、45），对角线上预测正确的两格涂成浅灰；右图：由这四个数算出的准确率、精确率（蓝）、召回率（橙红）、特异度、假正率以及 F1（绿）、F0.5、F2 的横向条形图，其余指标为灰色。")
# sphinx_gallery_end_ignore
names = np.array([["TN", "FP"], ["FN", "TP"]])
for i in range(2):
    for j in range(2):  # correct predictions (the diagonal) shaded, errors on white
        ax_cm.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=SHADE if i == j else PAPER,
                                  edgecolor=INK_SOFT, linewidth=0.8))
        ax_cm.text(j, i, f"{names[i, j]}\n{cm[i, j]}", ha="center", va="center", fontsize=13)
ax_cm.set_xlim(-0.5, 1.5)
ax_cm.set_ylim(1.5, -0.5)
ax_cm.set_aspect("equal")
image_axes(ax_cm, frame=False)
ax_cm.set_xticks([0, 1], ["0（阴性）", "1（阳性）"])
ax_cm.set_yticks([0, 1], ["0（阴性）", "1（阳性）"])
ax_cm.tick_params(length=0)
ax_cm.set_xlabel("预测类别")
ax_cm.set_ylabel("真实类别")
ax_cm.set_title(f"混淆矩阵（分数 ≥ {threshold:g} 判为阳性）")

labels = list(rates)
values = [rates[k] for k in labels]
bar_colors = [color(rate_roles[k]) if k in rate_roles else GREY for k in labels]
bars = ax_r.barh([rate_labels[k] for k in labels[::-1]], values[::-1], color=bar_colors[::-1])
for bar, v in zip(bars, values[::-1]):
    ax_r.text(v + 0.01, bar.get_y() + bar.get_height() / 2, f"{v:.3f}", va="center")
ax_r.set_xlim(0, 1.15)
ax_r.set_xlabel("取值")
ax_r.set_title("由四个计数算出的指标")
ax_r.grid(axis="y", visible=False)
plt.show()

# %%
# 准确率在不平衡数据上的陷阱：若 1000 个样本里只有 10 个阳性，
# 一个永远回答“阴性”的分类器准确率高达 99%，召回率却是 0。

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

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, "召回率固定为 0.9 时，精确率与召回率的算术平均（灰色虚线）、几何平均（灰色点线）和调和平均即 F1（绿）随精确率从 0 到 1 变化的三条曲线：调和平均始终最低，精确率趋于 0 时它也趋于 0，算术平均却仍不低于召回率的一半；黑点标出筛查例子的位置。")
# sphinx_gallery_end_ignore
ax.plot(p_grid, arithmetic, color=GREY, linestyle="--", label="算术平均 (P + R) / 2")
ax.plot(p_grid, geometric, color=GREY, linestyle=":", linewidth=2.2, label=r"几何平均 $\sqrt{PR}$（Fowlkes–Mallows）")
ax.plot(p_grid, harmonic, color=color("f1"), label=r"调和平均 $2PR/(P+R)$ = F1")
ax.plot([rates["precision (PPV)"]], [rates["F1"]], "o", color=INK)
ax.annotate("筛查例子", xy=(rates["precision (PPV)"], rates["F1"]),
            xytext=(0.3, 0.88), arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax.set_xlim(0, 1)
ax.set_ylim(0, 1)
ax.set_xlabel("精确率 $P$")
ax.set_ylabel("P 与 R 的平均")
ax.set_title(f"精确率与召回率的三种平均，召回率固定为 R = {recall_fixed:.2f}")
ax.legend(loc="lower right")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: y_true, y_pred, cm, tp, fp, fn, tn,
# rates, harmonic, geometric, arithmetic.
# sphinx_gallery_end_ignore
