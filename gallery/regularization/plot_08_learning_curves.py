r"""
学习曲线：高偏差与高方差
========================

学习曲线把训练误差和验证误差画成训练集大小的函数，是区分欠拟合与过拟合最直接的工具。
本例沿用上一个示例的数据（:math:`\sin(2\pi x)` 加噪声），比较三个模型：
1 次多项式（太简单）、4 次多项式（合适）和 12 次多项式（太复杂）。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import NullFormatter
from numpy.polynomial import Polynomial

from dlnotes.plotting import GREY, color, figsize, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 对每个训练集大小 :math:`n`，抽 100 个训练集（:math:`x` 均匀随机），拟合后在 2000 个验证点上求均方误差，
# 训练误差和验证误差都取 100 次的中位数（小样本时高次多项式偶尔会严重外推，
# 中位数比平均值更能代表典型情况）。

noise_sd, n_val, n_repeats = 0.3, 2000, 100
models = {"degree 1 (high bias)": 1, "degree 4": 4, "degree 12 (high variance)": 12}
sizes = np.array([15, 20, 30, 45, 70, 100, 150, 230, 350, 500])


def true_f(x):
    return np.sin(2.0 * np.pi * x)


rng = np.random.default_rng(0)
x_val = rng.uniform(0.0, 1.0, n_val)
y_val = true_f(x_val) + noise_sd * rng.normal(size=n_val)

train_curve, val_curve = {}, {}  # results: model name -> median MSE for each size
for name, degree in models.items():
    tr = np.empty((len(sizes), n_repeats))
    va = np.empty((len(sizes), n_repeats))
    for i, n in enumerate(sizes):
        for r in range(n_repeats):
            x = rng.uniform(0.0, 1.0, n)
            y = true_f(x) + noise_sd * rng.normal(size=n)
            model = Polynomial.fit(x, y, degree, domain=[0.0, 1.0])
            tr[i, r] = np.mean((model(x) - y) ** 2)
            va[i, r] = np.mean((model(x_val) - y_val) ** 2)
    train_curve[name] = np.median(tr, axis=1)
    val_curve[name] = np.median(va, axis=1)
    print(f"{name:26s}: n = {sizes[0]}: train {train_curve[name][0]:.3f}, val {val_curve[name][0]:.3f};"
          f"  n = {sizes[-1]}: train {train_curve[name][-1]:.3f}, val {val_curve[name][-1]:.3f}")

# %%
# 三条学习曲线
# ------------
#
# 点线是噪声方差 :math:`\sigma^2 = 0.09`，任何模型的期望验证误差都不可能低于它。纵轴是对数坐标；
# 12 次多项式在 :math:`n \le 20` 时验证误差超出了画面。

TITLES = {"degree 1 (high bias)": "1 次多项式：高偏差", "degree 4": "4 次多项式", "degree 12 (high variance)": "12 次多项式：高方差"}
fig, axes = plt.subplots(1, 3, figsize=figsize(3, aspect=1.05, extra=0.35), sharey=True)
# sphinx_gallery_start_ignore
describe(fig, "三幅双对数学习曲线，横轴为训练集大小，蓝线为训练误差、橙红线为验证误差、灰色点线为噪声方差：1 次多项式的训练与验证误差很快汇合在远高于噪声方差的平台上；4 次多项式两条曲线一起贴近噪声方差；12 次多项式训练误差很低、验证误差起初极高，数据增多后两者才慢慢靠拢。")
# sphinx_gallery_end_ignore
for ax, name in zip(axes, models):
    ax.loglog(sizes, train_curve[name], "o-", color=color("train"), markersize=4, label="训练 MSE")
    ax.loglog(sizes, val_curve[name], "s-", color=color("validation"), markersize=4, label="验证 MSE")
    ax.axhline(noise_sd**2, color=GREY, linestyle=":", label=r"噪声 $\sigma^2$")
    ax.set_title(TITLES[name], loc="left")
    ax.set_xlabel("训练集大小 n")
    ax.set_xticks([20, 50, 100, 200, 500], ["20", "50", "100", "200", "500"])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_ylim(0.005, 3.0)
    ax.set_yticks([0.01, 0.03, 0.1, 0.3, 1.0], ["0.01", "0.03", "0.1", "0.3", "1"])
    ax.yaxis.set_minor_formatter(NullFormatter())
axes[0].set_ylabel("100 个训练集的 MSE 中位数")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
plt.show()

# %%
# 1 次多项式：两条曲线很快就汇合，停在远高于噪声方差的平台上，数据再多也降不下去——这是高偏差（欠拟合），
# 该做的是换更复杂的模型、加特征或减弱正则化，而不是收集更多数据。
# 12 次多项式：训练误差低于噪声方差，验证误差却高得多，两者的差距随着 :math:`n` 增大才慢慢收窄——
# 这是高方差（过拟合），更多数据、更强的正则化或更简单的模型都有帮助。
# 4 次多项式两条曲线在数据稍多时就一起贴近噪声方差。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: sizes, models,
# train_curve, val_curve, noise_sd.
# sphinx_gallery_end_ignore
