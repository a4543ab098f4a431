r"""
Focal Loss：给容易的样本降权
============================

Focal Loss 在交叉熵前面乘上一个调制因子 :math:`(1 - p_t)^\gamma`，其中 :math:`p_t` 是模型给真实类别的概率：

.. math::

   \mathrm{CE}(p_t) = -\log p_t, \qquad \mathrm{FL}(p_t) = -(1 - p_t)^{\gamma}\log p_t .

:math:`\gamma = 0` 时就是交叉熵。本例画出 :math:`\gamma \in \{0, 0.5, 1, 2, 5\}` 的损失曲线，
再看调制因子把分得好的样本的损失压低了多少倍。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.losses import sigmoid_focal_loss, sigmoid_focal_loss_backward
from dlnotes.plotting import INK_SOFT, SHADE, figsize, sequential, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 损失曲线
# --------
#
# 对一个正样本（:math:`y = 1`），logit 为 :math:`z` 时 :math:`p_t = \sigma(z)`，
# 反过来 :math:`z = \log\frac{p_t}{1 - p_t}`。下面把 :math:`p_t` 的网格换算成 logit，
# 交给 ``sigmoid_focal_loss(z, 1, alpha=-1, gamma=γ)`` （``alpha`` 取负数表示不做 :math:`\alpha` 加权）。
# :math:`p_t > 0.5` 的样本已经分对，习惯上称为“容易”样本（图中灰色区域）；:math:`\gamma` 越大，它们的损失被压得越低，
# 而 :math:`p_t` 很小的难样本几乎不受影响。

gammas = (0.0, 0.5, 1.0, 2.0, 5.0)
p_t = np.linspace(0.001, 0.999, 999)
logits = np.log(p_t) - np.log1p(-p_t)
positive = np.ones_like(p_t)
focal_curves = {g: sigmoid_focal_loss(logits, positive, alpha=-1, gamma=g) for g in gammas}  # result

gamma_colors = dict(zip(gammas, sequential(len(gammas))))  # ordered: darker = smaller gamma
fig, ax = plt.subplots(figsize=figsize(aspect=0.62))
# sphinx_gallery_start_ignore
describe(fig, "γ 取 0、0.5、1、2、5 时 Focal Loss 随真实类别概率 pₜ 的变化曲线（颜色由蓝经紫、红到琥珀色，越亮 γ 越大），γ = 0 即交叉熵。γ 越大，pₜ > 0.5 的已分对样本（灰色区域）的损失被压得越低，而 pₜ 很小的难样本几乎不受影响。")
# sphinx_gallery_end_ignore
ax.axvspan(0.5, 1.0, color=SHADE, zorder=0)
ax.text(0.75, 4.75, "$p_t > 0.5$：已经分对的“容易”样本", ha="center", va="top", color=INK_SOFT)
for g in gammas:
    label = rf"$\gamma = {g:g}$" + ("（交叉熵）" if g == 0 else "")
    ax.plot(p_t, focal_curves[g], color=gamma_colors[g], label=label)
ax.set_xlim(0.0, 1.0)
ax.set_ylim(0.0, 5.0)
ax.set_xlabel(r"真实类别的概率 $p_t$")
ax.set_ylabel("损失")
ax.set_title(r"Focal Loss $-(1-p_t)^\gamma \log p_t$")
ax.legend(loc="upper center", bbox_to_anchor=(0.27, 1.0))
plt.show()

# %%
# 降权了多少
# ----------
#
# 调制因子就是 FL 与 CE 之比。:math:`\gamma = 2` 时，:math:`p_t = 0.9` 的样本损失只剩交叉熵的
# :math:`(1 - 0.9)^2 = 1/100`，:math:`p_t \approx 0.968` 时只剩约 1/1000；
# :math:`p_t = 0.5` 时仍保留 1/4，:math:`p_t = 0.1` 时保留 81%。
# 右图是损失对 logit 的梯度（由 ``sigmoid_focal_loss_backward`` 算出）：:math:`\gamma` 增大时，
# 分对的样本几乎不再产生梯度，训练的力气集中到分错的样本上；对很难的样本（:math:`p_t` 只有百分之几），
# Focal Loss 的梯度甚至比交叉熵的略大，因为调制因子本身也随 :math:`p_t` 变化。

ratio = {g: focal_curves[g] / focal_curves[0.0] for g in gammas}  # result: (1 - p_t)^gamma
for q in (0.1, 0.5, 0.9, 0.968):
    i = int(np.argmin(np.abs(p_t - q)))
    print(f"p_t = {p_t[i]:.3f}: FL/CE = " + ", ".join(f"{ratio[g][i]:.4g} (gamma={g:g})" for g in gammas[1:]))
p_t_1000 = 1.0 - 1000.0 ** -0.5  # (1 - p_t)^2 = 1/1000
print(f"gamma = 2 reduces the loss 1000-fold at p_t = {p_t_1000:.4f}")
gradients = {g: sigmoid_focal_loss_backward(np.ones_like(p_t), logits, positive, alpha=-1, gamma=g)
             for g in gammas}  # result: dFL/dz

fig, (ax_r, ax_g) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9))
# sphinx_gallery_start_ignore
describe(fig, "左图：调制因子 FL/CE，即 1 − pₜ 的 γ 次方，随 pₜ 的变化（对数纵轴），pₜ = 0.9、γ = 2 时为 1/100，γ 越大下降越陡；右图：损失对 logit 的梯度，γ 增大时分对的样本几乎不再有梯度，pₜ 很小的难样本的梯度甚至略高于交叉熵。γ 的颜色与上一幅图相同。")
# sphinx_gallery_end_ignore
for g in gammas[1:]:
    ax_r.semilogy(p_t, ratio[g], color=gamma_colors[g], label=rf"$\gamma = {g:g}$")
ax_r.axvline(0.9, color=INK_SOFT, linewidth=0.8, linestyle=":")
ax_r.axhline(0.01, color=INK_SOFT, linewidth=0.8, linestyle=":")
ax_r.annotate(r"$p_t = 0.9$，$\gamma = 2$：1/100", xy=(0.9, 0.01), xytext=(0.04, 2e-6),
              arrowprops=dict(arrowstyle="->", color=INK_SOFT))
ax_r.set_xlim(0.0, 1.0)
ax_r.set_ylim(1e-6, 2.0)
ax_r.set_xlabel(r"$p_t$")
ax_r.set_ylabel(r"FL / CE $= (1-p_t)^\gamma$")
ax_r.set_title("调制因子（对数纵轴）")
ax_r.legend(loc="center left")
for g in gammas:
    ax_g.plot(p_t, -gradients[g], color=gamma_colors[g], label=rf"$\gamma = {g:g}$")
ax_g.set_xlim(0.0, 1.0)
ax_g.set_ylim(0.0, 1.4)
ax_g.set_xlabel(r"$p_t$")
ax_g.set_ylabel(r"$-\partial\,\mathrm{FL} / \partial z$")
ax_g.set_title("对 logit 的梯度")
ax_g.legend(loc="upper right")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_losses.py: p_t, logits, gammas, focal_curves,
# ratio, gradients.
# sphinx_gallery_end_ignore
