r"""
Top-1 与 Top-5 错误率
=====================

类别很多时（ImageNet 有 1000 类），只看“第一猜测是否正确”过于严格：
许多图片本身就含有多个物体，或者相邻类别难以区分。Top-k 准确率允许模型猜 k 次，
只要真实类别落在得分最高的 k 个类别之中就算对；Top-k 错误率等于 1 减去它。
本例用一个合成的 100 类分类器画出 Top-k 准确率随 k 的变化。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import accuracy_score, top_k_accuracy_score
from dlnotes.plotting import INK, INK_SOFT, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 合成的 100 类打分
# -----------------
#
# 2000 个样本、100 个类别。每个样本的分数是标准正态噪声，真实类别的分数再加上 2.5，
# 模拟一个“大体认得、但常被几个近似类别干扰”的分类器。Top-1 准确率就是 argmax 预测的准确率。

rng = np.random.default_rng(0)
n_samples, n_classes = 2000, 100
y_true = rng.integers(0, n_classes, size=n_samples)
y_true[:n_classes] = np.arange(n_classes)  # every class occurs at least once
scores = rng.normal(size=(n_samples, n_classes))
scores[np.arange(n_samples), y_true] += 2.5

ks = np.arange(1, 21)
top_k = np.array([top_k_accuracy_score(y_true, scores, k=int(k)) for k in ks])
top1_accuracy = accuracy_score(y_true, scores.argmax(axis=1))
top1_error = 1.0 - top_k[0]
top5_error = 1.0 - top_k[4]
print(f"top-1 accuracy = {top_k[0]:.4f} (argmax accuracy {top1_accuracy:.4f})")
print(f"top-1 error = {top1_error:.4f}, top-5 error = {top5_error:.4f}")

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, f"合成 100 类分类器的 Top-k 准确率（实线，上升）与 Top-k 错误率（虚线，下降）随允许猜测次数 k 从 1 到 20 的变化；箭头标出 Top-1 错误率 {top1_error:.3f} 与 Top-5 错误率 {top5_error:.3f}。k 越大准确率越高，但增长逐渐放缓。")
# sphinx_gallery_end_ignore
ax.plot(ks, top_k, "o-", color=INK, label="Top-k 准确率")
ax.plot(ks, 1.0 - top_k, "s--", color=INK_SOFT, markerfacecolor="none", label="Top-k 错误率 = 1 − 准确率")
for k, text_at in ((1, (2.6, 0.44)), (5, (7.5, 0.36))):
    err = 1.0 - top_k[k - 1]
    ax.annotate(f"Top-{k} 错误率 = {err:.3f}", xy=(k, err), xytext=text_at,
                arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax.set_xticks([1, 5, 10, 15, 20])
ax.set_xlim(0.5, 20.5)
ax.set_ylim(0, 1)
ax.set_xlabel("k（允许猜测的次数）")
ax.set_ylabel("样本比例")
ax.set_title(f"一个合成的 {n_classes} 类分类器的 Top-k 准确率")
ax.legend(loc="center right")
plt.show()

# %%
# Top-k 准确率随 k 单调不减，k 等于类别数时必然为 1（这时指标就没有意义了）。
# 当几个类别的得分相同时，需要约定谁排在前面：``top_k_accuracy_score`` 与 scikit-learn 一样，
# 让下标较大的类别排在前面。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: y_true, scores, ks, top_k,
# top1_error, top5_error.
# sphinx_gallery_end_ignore
