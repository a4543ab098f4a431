r"""
分类损失与间隔
==============

二分类时把标签记作 :math:`y \in \{-1, +1\}`，模型输出一个实数分数 :math:`f(x)`，
按符号做预测。乘积 :math:`m = y\,f(x)` 叫作\ **间隔**\ （margin）：:math:`m > 0` 表示分对，
:math:`m` 越大越有把握；:math:`m < 0` 表示分错。常见的分类损失都可以写成间隔的函数，
本例把它们画在同一张图上，再画出以概率为自变量的二元交叉熵。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import sigmoid
from dlnotes.losses import binary_cross_entropy, margin_ranking_loss, mse_loss, soft_margin_loss
from dlnotes.plotting import INK_SOFT, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 五种损失
# --------
#
# .. math::
#
#    \ell_{0\text{-}1}(m) = \mathbb 1[m \le 0], \quad
#    \ell_{\text{hinge}}(m) = \max(0, 1 - m), \quad
#    \ell_{\text{log}}(m) = \log\bigl(1 + e^{-m}\bigr),
#
# .. math::
#
#    \ell_{\exp}(m) = e^{-m}, \quad
#    \ell_{\text{sq}}(m) = (1 - m)^2 .
#
# 0-1 损失就是分类错误率本身，但它是阶跃函数，梯度处处为 0（或不存在），没法直接优化；
# 其余四种都是它的凸替代。
#
# 这里的每条曲线都由 ``dlnotes.losses`` 里的函数算出，正好说明它们之间的关系：
# 合页损失是 ``margin_ranking_loss(f, 0, y, margin=1)``；
# 对数（logistic）损失是 ``soft_margin_loss(f, y)``，用的是自然对数；
# 平方损失是 ``mse_loss(f, y)``，因为 :math:`y^2 = 1` 时 :math:`(f - y)^2 = (yf - 1)^2`。
# 对数损失再除以 :math:`\ln 2` （即改用以 2 为底的对数），曲线就恰好经过 :math:`(0, 1)`，
# 并且处处不低于 0-1 损失，图中画的是这条以 2 为底的版本。
#
# 注意：对数损失是 :math:`\log(1 + e^{-m})`，不是指数损失取对数——
# :math:`\log e^{-m} = -m` 只是一条直线。

m = np.linspace(-2.0, 3.0, 1001)  # margin y * f(x)
y = np.ones_like(m)  # y = +1, so f = m
zero_one = (m <= 0).astype(float)
hinge = margin_ranking_loss(m, np.zeros_like(m), y, margin=1.0, reduction="none")
logistic_nats = soft_margin_loss(m, y, reduction="none")
logistic_bits = logistic_nats / np.log(2.0)
exponential = np.exp(-m)
squared = mse_loss(m, y, reduction="none")

margin_losses = {  # result: loss name -> values on the margin grid ``m``
    "0-1": zero_one,
    "hinge": hinge,
    "logistic (log2)": logistic_bits,
    "exponential": exponential,
    "squared": squared,
}
for name, values in margin_losses.items():
    at = {v: float(np.interp(v, m, values)) for v in (-1.0, 0.0, 1.0, 2.0)}
    print(f"{name:16s} m=-1: {at[-1.0]:.3f}  m=0: {at[0.0]:.3f}  m=1: {at[1.0]:.3f}  m=2: {at[2.0]:.3f}")

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, "以间隔 m = y·f(x) 为横轴的五种分类损失：阶跃的 0-1 损失（深灰）、合页损失（绿）、以 2 为底的对数损失（橙红）、指数损失（酒红）和平方损失（蓝），四种替代损失都经过点 (0, 1)。m 为负时指数损失比合页损失和对数损失增长得快得多；平方损失在 m 大于 1 后又回升，连分得很对的样本也受惩罚。")
# sphinx_gallery_end_ignore
ax.plot(m, zero_one, color=color("zero_one"), label=r"0-1：$\mathbb{1}[m \leq 0]$", drawstyle="steps-post")
ax.plot(m, hinge, color=color("hinge"), label=r"合页：$\max(0, 1-m)$")
ax.plot(m, logistic_bits, color=color("logistic"), label=r"对数：$\log_2(1+e^{-m})$")
ax.plot(m, exponential, color=color("exponential"), label=r"指数：$e^{-m}$")
ax.plot(m, squared, color=color("squared"), label=r"平方：$(1-m)^2$")
ax.axvline(0.0, color=INK_SOFT, linewidth=0.8)
ax.set_xlim(m[0], m[-1])
ax.set_ylim(0.0, 4.0)
ax.set_xlabel(r"间隔 $m = y\,f(x)$")
ax.set_ylabel("损失")
ax.set_title("分类损失都是间隔的函数")
fig.legend(loc="outside right upper")
ax.annotate("平方损失也惩罚\n分得很对的样本", xy=(2.6, (1 - 2.6) ** 2), xytext=(0.5, 3.1),
            arrowprops=dict(arrowstyle="->", color=INK_SOFT))
plt.show()

# %%
# 从图上可以读出几件事：
#
# * 所有替代损失在 :math:`m = 0` 附近都大于 0，会继续把分对但不够有把握的样本往外推；
# * 合页损失在 :math:`m \ge 1` 时恰好为 0，只有间隔不足的样本（支持向量）产生梯度；
# * 对数损失和指数损失都处处为正，但在 :math:`m \to -\infty` 时，前者近似线性增长，
#   后者指数增长，所以指数损失（AdaBoost 用的就是它）对标错的样本和离群点更敏感；
# * 平方损失在 :math:`m > 1` 时又变大，会惩罚“分得太对”的样本，这是用回归损失做分类的副作用。

# %%
# 以概率为自变量的二元交叉熵
# --------------------------
#
# 把分数经过 sigmoid 变成概率 :math:`\hat y = \sigma(f)`，标签改记为 :math:`y \in \{0, 1\}`，
# 对数损失就是二元交叉熵：
#
# .. math::
#
#    \ell(\hat y, y) = -y\log\hat y - (1-y)\log(1-\hat y)
#    = \begin{cases} -\log \hat y, & y = 1,\\ -\log(1 - \hat y), & y = 0. \end{cases}
#
# 预测越偏离真实标签，损失越大，并且在完全判错时趋于无穷。
# ``binary_cross_entropy`` 和 PyTorch 一样把每个对数截断在 :math:`-100`，
# 所以 :math:`\hat y` 恰好为 0 或 1 时给出的是 100 而不是 ``inf``。

p_hat = np.linspace(0.0, 1.0, 1001)
bce_pos = binary_cross_entropy(p_hat, np.ones_like(p_hat), reduction="none")  # result: -log p
bce_neg = binary_cross_entropy(p_hat, np.zeros_like(p_hat), reduction="none")  # result: -log(1-p)
print(f"BCE at p = 0.9: y=1 -> {np.interp(0.9, p_hat, bce_pos):.4f}, y=0 -> {np.interp(0.9, p_hat, bce_neg):.4f}")
print(f"BCE at p = 0 with y = 1 (log clamped at -100): {bce_pos[0]:.1f}")

# the same curve from the logit side: BCE(sigma(f), 1) = logistic loss of margin f
f = np.linspace(-5.0, 5.0, 11)
assert np.allclose(binary_cross_entropy(sigmoid(f), np.ones_like(f), reduction="none"),
                   soft_margin_loss(f, np.ones_like(f), reduction="none"))

fig, ax = plt.subplots(figsize=figsize(aspect=0.55))
# sphinx_gallery_start_ignore
describe(fig, "二元交叉熵随预测概率 ŷ 变化的两条曲线：标签为 1（正类，橙红）时是 −log ŷ，随 ŷ 减小而上升；标签为 0（负类，蓝）时是 −log(1 − ŷ)，随 ŷ 增大而上升。预测越偏离真实标签，损失越大，在完全判错的一端趋于无穷。")
# sphinx_gallery_end_ignore
ax.plot(p_hat, bce_pos, color=color("positive"), label=r"$y = 1$：$-\log \hat{y}$")
ax.plot(p_hat, bce_neg, color=color("negative"), label=r"$y = 0$：$-\log(1-\hat{y})$")
ax.set_xlim(0.0, 1.0)
ax.set_ylim(0.0, 5.0)
ax.set_xlabel(r"预测为类别 1 的概率 $\hat{y}$")
ax.set_ylabel("二元交叉熵（奈特）")
ax.set_title("预测偏离标签越远，损失越大，且没有上界")
ax.legend(loc="upper center")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_losses.py: m, margin_losses, p_hat, bce_pos,
# bce_neg.
# sphinx_gallery_end_ignore
