r"""
熵、交叉熵与 KL 散度
====================

一个概率为 :math:`p` 的事件发生时带来的信息量（自信息）是 :math:`-\log p`：越罕见的事件信息量越大。
熵是自信息的期望，单位取决于对数的底：以 2 为底是比特（bit），以 :math:`e` 为底是奈特（nat）。
本例先画出自信息和二元熵，再对一对具体的分布 :math:`p`、:math:`q` 算出熵、交叉熵和两个方向的 KL 散度。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb

from dlnotes.information import cross_entropy_pq, entropy, kl_divergence, self_information
from dlnotes.plotting import color, figsize, label_on, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 自信息与二元熵
# --------------
#
# .. math::
#
#    I(x) = -\log_2 p(x), \qquad
#    H(p) = \mathbb E_{x \sim p}\bigl[I(x)\bigr] = -\sum_x p(x)\log_2 p(x) .
#
# 对只有两个结果、概率为 :math:`(\theta, 1-\theta)` 的分布，熵在 :math:`\theta = 0.5` 时最大，
# 恰好 1 比特（:math:`\ln 2 \approx 0.693` 奈特）；在 :math:`\theta = 0` 或 1 时为 0
# （按约定 :math:`0 \log 0 = 0`）：结果确定，就没有信息可言。

theta = np.linspace(0.0, 1.0, 1001)
two_point = np.stack([theta, 1.0 - theta], axis=-1)
binary_entropy_bits = entropy(two_point, base=2)  # result: H(theta) in bits on the grid ``theta``
binary_entropy_nats = entropy(two_point)
surprisal_bits = self_information(theta[1:], base=2)
print(f"H(0.5) = {entropy([0.5, 0.5], base=2):.3f} bit = {entropy([0.5, 0.5]):.4f} nat; "
      f"H(0.9) = {entropy([0.9, 0.1], base=2):.4f} bit")

fig, (ax_i, ax_h) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.85))
# sphinx_gallery_start_ignore
describe(fig, "左图：自信息 −log₂ p 随事件概率 p 的变化，标出 p = 0.5、0.25、0.125 时分别为 1、2、3 比特，概率越小信息量越大；右图：以比特（实线）和奈特（虚线）为单位的二元熵，在 θ = 0.5 时最大（1 比特，即 0.693 奈特），在两端降为 0。")
# sphinx_gallery_end_ignore
ax_i.plot(theta[1:], surprisal_bits, color=color("first"))
for prob in (0.5, 0.25, 0.125):
    ax_i.plot(prob, -np.log2(prob), "o", color=color("first"))
    ax_i.annotate(f"p = {prob}：{-np.log2(prob):.0f} 比特", xy=(prob, -np.log2(prob)),
                  xytext=(prob + 0.07, -np.log2(prob) + 0.35))
ax_i.set_xlim(0.0, 1.0)
ax_i.set_ylim(0.0, 7.0)
ax_i.set_xlabel("事件的概率 $p$")
ax_i.set_ylabel(r"自信息 $-\log_2 p$（比特）")
ax_i.set_title("越罕见的事件，信息量越大")

ax_h.plot(theta, binary_entropy_bits, color=color("first"), label="比特（以 2 为底）")
ax_h.plot(theta, binary_entropy_nats, color=color("first"), linestyle="--", label="奈特（以 e 为底）")
ax_h.set_xlim(0.0, 1.0)
ax_h.set_ylim(0.0, 1.1)
ax_h.set_xlabel(r"分布 $(\theta,\ 1-\theta)$ 中的 $\theta$")
ax_h.set_ylabel("熵")
ax_h.set_title("二元熵：均匀的硬币最大")
ax_h.legend(loc="lower center")
plt.show()

# %%
# 一对分布
# --------
#
# 取 4 个结果上的 :math:`p` （“真实”分布）和 :math:`q` （模型分布），计算
#
# .. math::
#
#    H(p, q) = -\sum_x p(x)\log_2 q(x), \qquad
#    D_{\mathrm{KL}}(p\,\Vert\,q) = \sum_x p(x)\log_2\frac{p(x)}{q(x)} = H(p, q) - H(p) .
#
# 交叉熵是用按 :math:`q` 设计的编码去编码来自 :math:`p` 的样本时的平均码长；
# KL 散度是比最优码长 :math:`H(p)` 多付出的那部分。所以交叉熵 = 熵 + KL，
# 交叉熵\ **包含**\ 熵这一项，KL 才是去掉了熵的那一部分。两者都不是距离：
# :math:`H(p, p) = H(p) \ne 0`，而 KL 也不对称。

p = np.array([0.5, 0.25, 0.125, 0.125])
q = np.array([0.1, 0.2, 0.3, 0.4])
H_p = float(entropy(p, base=2))  # result: bits
H_q = float(entropy(q, base=2))
H_pq = float(cross_entropy_pq(p, q, base=2))
H_qp = float(cross_entropy_pq(q, p, base=2))
KL_pq = float(kl_divergence(p, q, base=2))
KL_qp = float(kl_divergence(q, p, base=2))
print(f"H(p) = {H_p:.4f} bits, H(q) = {H_q:.4f} bits")
print(f"H(p, q) = {H_pq:.4f} = H(p) + KL(p||q) = {H_p:.4f} + {KL_pq:.4f}")
print(f"H(q, p) = {H_qp:.4f} = H(q) + KL(q||p) = {H_q:.4f} + {KL_qp:.4f}")
print(f"in nats: H(p) = {entropy(p):.4f}, KL(p||q) = {kl_divergence(p, q):.4f}")

fig, (ax_d, ax_b) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.85), width_ratios=(1, 1.15))
# sphinx_gallery_start_ignore
describe(fig, "左图：四个结果上的两个分布 p（蓝）与 q（橙红）的柱状图，p 集中在第 1 个结果，q 向第 4 个结果递增；"
         f"右图：两根堆叠横条把交叉熵 H(p, q) 与 H(q, p) 分别分解成熵（浅色）加 KL 散度（深色），"
         f"H(p, q) = {H_p:.2f} + {KL_pq:.2f} = {H_pq:.2f} 比特，H(q, p) = {H_q:.2f} + {KL_qp:.2f} = {H_qp:.2f} 比特，"
         "两个方向的 KL 大小不同。")
# sphinx_gallery_end_ignore
xs = np.arange(1, 5)
ax_d.bar(xs - 0.2, p, 0.4, color=color("first"), label="$p$")
ax_d.bar(xs + 0.2, q, 0.4, color=color("second"), label="$q$")
ax_d.set_xticks(xs)
ax_d.set_xlabel("结果")
ax_d.set_ylabel("概率")
ax_d.set_ylim(0, 0.6)
ax_d.set_title("两个分布")
ax_d.legend(loc="upper right")
ax_d.grid(axis="x", visible=False)

rows = [(1, H_p, KL_pq, r"$H(p)$", "KL", "first"),
        (0, H_q, KL_qp, r"$H(q)$", "KL", "second")]
for row, h, kl, h_name, kl_name, role in rows:
    ax_b.barh(row, h, 0.55, color=(*to_rgb(color(role)), 0.3))
    ax_b.barh(row, kl, 0.55, left=h, color=color(role))
    ax_b.text(h / 2, row, h_name, ha="center", va="center")
    label_on(ax_b, h + kl / 2, row, kl_name, color(role))
    ax_b.text(h + kl / 2, row - 0.33, f"{h:.2f} + {kl:.2f} = {h + kl:.2f} 比特", ha="center", va="top")
ax_b.text(0.02, 2.05, r"上：$H(p, q) = H(p) + D_{KL}(p\Vert q)$" + "\n" + r"下：$H(q, p) = H(q) + D_{KL}(q\Vert p)$",
          va="top", transform=ax_b.get_yaxis_transform())
ax_b.set_yticks([1, 0], [r"$H(p,q)$", r"$H(q,p)$"])
ax_b.set_ylim(-0.8, 2.1)
ax_b.set_xlim(0, 3.4)
ax_b.set_xlabel("比特")
ax_b.set_title("交叉熵 = 熵 + KL（不对称）")
ax_b.grid(axis="y", visible=False)
plt.show()

# %%
# 这里 :math:`p` 的概率都是 2 的负整数次幂，最优编码（如哈夫曼编码）的码长恰好是
# :math:`-\log_2 p(x)` 比特：1、2、3、3，平均 1.75 比特，正是 :math:`H(p)`。
# 若按 :math:`q` 分配码长 :math:`-\log_2 q(x)`，来自 :math:`p` 的样本平均要用 :math:`H(p, q)` 比特，
# 多出的部分就是 :math:`D_{\mathrm{KL}}(p\Vert q)`；反过来的两个量不相等，KL 的不对称在右图一目了然。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_losses.py: theta, binary_entropy_bits, p, q,
# H_p, H_q, H_pq, H_qp, KL_pq, KL_qp.
# sphinx_gallery_end_ignore
