r"""
回归指标：MSE、RMSE、MAE 与 R²
==============================

回归模型的误差指标都从残差 :math:`y_i - \hat y_i` 出发：MSE 取平方的平均，RMSE 再开方回到原单位，
MAE 取绝对值的平均。:math:`R^2` 则把模型的平方误差与“永远预测均值”这个最朴素的基线相比。
本例先在一个一维线性回归上画出这两种误差，再构造一个在留出数据上比均值还差、:math:`R^2` 为负的模型。
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch

from dlnotes.metrics import mean_absolute_error, mean_squared_error, r2_score, root_mean_squared_error
from dlnotes.plotting import GREY, INK, INK_SOFT, color, figsize, num, sequential, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 模型残差与均值残差
# ------------------
#
# 30 个点来自 :math:`y = 2 + 0.8x + \varepsilon`，噪声 :math:`\varepsilon \sim \mathcal N(0, 1)`；
# 用带截距的最小二乘拟合一条直线。左图的竖线是模型的残差，平方和记作 :math:`SS_{res}`；
# 右图的竖线是到均值 :math:`\bar y` 的距离，平方和记作 :math:`SS_{tot}`。
#
# .. math:: R^2 = 1 - \frac{SS_{res}}{SS_{tot}} = 1 - \frac{\mathrm{MSE}}{\mathrm{Var}(y)} ,
#
# 其中 :math:`\mathrm{Var}(y)` 是除以 :math:`n` 的总体方差。

rng = np.random.default_rng(0)
x = np.sort(rng.uniform(0, 6, 30))
y = 2.0 + 0.8 * x + rng.normal(0, 1.0, x.size)
slope, intercept = np.polyfit(x, y, 1)
y_hat = intercept + slope * x
y_bar = y.mean()

ss_res = float(np.sum((y - y_hat) ** 2))
ss_tot = float(np.sum((y - y_bar) ** 2))
train_metrics = {
    "MSE": mean_squared_error(y, y_hat),
    "RMSE": root_mean_squared_error(y, y_hat),
    "MAE": mean_absolute_error(y, y_hat),
    "R2": r2_score(y, y_hat),
}
print(f"fitted line: y = {intercept:.3f} + {slope:.3f} x")
print(f"SS_res = {ss_res:.3f}, SS_tot = {ss_tot:.3f}, 1 - SS_res / SS_tot = {1 - ss_res / ss_tot:.4f}")
for name, value in train_metrics.items():
    print(f"{name:>4} = {value:.4f}")
print(f"1 - MSE / Var(y) = {1 - train_metrics['MSE'] / y.var():.4f}")

fig, (ax_model, ax_mean) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.85, extra=0.3), sharey=True)
# sphinx_gallery_start_ignore
describe(fig, f"左图：30 个数据点与最小二乘直线（蓝），竖线是各点到直线的残差；右图：同样的点与代表均值的水平线（灰），竖线是各点到均值的距离。左图的竖线明显更短，SS_res = {ss_res:.1f}，右图 SS_tot = {ss_tot:.1f}；总标题列出 R² = {train_metrics['R2']:.3f} 以及 MSE、RMSE 和 MAE。")
# sphinx_gallery_end_ignore
ax_model.vlines(x, y, y_hat, color=INK_SOFT, linewidth=1.0)
ax_model.plot(x, y_hat, color=color("first"), label="最小二乘直线")
ax_model.set_title(rf"模型：$SS_{{res}}$ = {ss_res:.1f}")
ax_mean.vlines(x, y, y_bar, color=INK_SOFT, linewidth=1.0)
ax_mean.axhline(y_bar, color=GREY, label=r"均值 $\bar y$")
ax_mean.set_title(rf"基线：$SS_{{tot}}$ = {ss_tot:.1f}")
for ax in (ax_model, ax_mean):
    ax.plot(x, y, "o", color=INK, markersize=4, label="数据")
    ax.set_xlabel("$x$")
    ax.legend(loc="upper left")
ax_model.set_ylabel("$y$")
fig.suptitle(rf"$R^2 = 1 - SS_{{res}} / SS_{{tot}}$ = {train_metrics['R2']:.3f}，"
             f"MSE = {train_metrics['MSE']:.3f}，RMSE = {train_metrics['RMSE']:.3f}，"
             f"MAE = {train_metrics['MAE']:.3f}")
plt.show()

# %%
# 比均值还差：负的 R²
# -------------------
#
# :math:`R^2` 的上界是 1（完美预测），却没有下界：只要模型的平方误差超过数据的方差，它就是负数。
# 对带截距的最小二乘，训练集上的 :math:`R^2` 不会小于 0——常数模型本身就在候选之中，最优解不会比它更差。
# 负值通常出现在模型没见过的留出数据上（或者不带截距的模型上）。
#
# 下面从 :math:`y = \sin x + \varepsilon` 中取 12 个训练点，分别拟合一次和九次多项式，
# 再在同一区间内另取的 200 个测试点上评估（不做外推）。九次多项式几乎穿过每个训练点，在训练点之间却明显摆动。
# 注意测试集上的 :math:`R^2` 是与 **测试集自己的均值** 比较的。

rng = np.random.default_rng(3)
x_train = np.sort(rng.uniform(0, 6, 12))
y_train = np.sin(x_train) + rng.normal(0, 0.3, x_train.size)
# test points from the same curve and the same x range (no extrapolation)
x_test = rng.uniform(x_train.min(), x_train.max(), 200)
y_test = np.sin(x_test) + rng.normal(0, 0.3, x_test.size)
r2_train, r2_test, fits = {}, {}, {}
for degree in (1, 9):
    poly = np.polynomial.Polynomial.fit(x_train, y_train, degree)
    fits[degree] = poly
    r2_train[degree] = r2_score(y_train, poly(x_train))
    r2_test[degree] = r2_score(y_test, poly(x_test))
    print(f"degree {degree}: R2 train = {r2_train[degree]:.3f}, R2 test = {r2_test[degree]:.3f}, "
          f"test MSE = {mean_squared_error(y_test, poly(x_test)):.3f}, Var(y_test) = {y_test.var():.3f}")

grid = np.linspace(x_train.min(), x_train.max(), 400)
degree_colors = {d: c for d, c in zip(range(1, 10), sequential(9))}  # polynomial degree: an ordered parameter
fig, (ax_fit, ax_bar) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.95), width_ratios=(1.5, 1))
# sphinx_gallery_start_ignore
describe(fig, f"左图：12 个训练点（深色）上的一次（蓝）与九次（琥珀色）多项式拟合，浅灰点是测试数据，虚线是测试目标的均值；九次多项式几乎穿过每个训练点，在点间却剧烈摆动。右图：两者的 R²，颜色与左图的多项式相同，半透明的柱是训练集、实心的柱是测试集；九次多项式训练集上为 {r2_train[9]:.2f}、测试集上为 {num(r2_test[9], '.2f')}。")
# sphinx_gallery_end_ignore
ax_fit.plot(x_test, y_test, ".", color=GREY, markersize=4, label="测试数据")
ax_fit.plot(x_train, y_train, "o", color=INK, label="训练数据")
ax_fit.plot(grid, fits[1](grid), color=degree_colors[1], label="一次多项式")
ax_fit.plot(grid, fits[9](grid), color=degree_colors[9], label="九次多项式")
ax_fit.axhline(y_test.mean(), color=INK_SOFT, linestyle="--", label="测试目标的均值")
ax_fit.set_ylim(-4.5, 3)
ax_fit.set_xlabel("$x$")
ax_fit.set_ylabel("$y$")
ax_fit.set_title("12 个点上的两种多项式拟合")
ax_fit.legend(loc="lower left", ncol=2)

width = 0.36
for k, degree in enumerate((1, 9)):
    for offset, values, alpha in ((-width / 2, r2_train, 0.35), (width / 2, r2_test, 1.0)):
        v = values[degree]
        ax_bar.bar(k + offset, v, width, color=(*to_rgb(degree_colors[degree]), alpha))
        ax_bar.text(k + offset, v + (0.04 if v >= 0 else -0.04), num(v, ".2f"), ha="center",
                    va="bottom" if v >= 0 else "top")
ax_bar.axhline(0, color=INK_SOFT, linewidth=1.0)
ax_bar.set_ylim(-1.65, 1.3)
ax_bar.set_xticks([0, 1], ["一次", "九次"])
ax_bar.set_ylabel(r"$R^2$")
ax_bar.set_title(r"$R^2 < 0$：还不如均值")
ax_bar.legend(handles=[Patch(facecolor=(*to_rgb(GREY), 0.35), label="训练集（半透明）"),
                       Patch(facecolor=GREY, label="测试集（实心）")], loc="lower left")
ax_bar.grid(axis="x", visible=False)
plt.show()

# %%
# 九次多项式在训练集上的 :math:`R^2` 接近 1，在测试集上却为负：用测试集的均值作常数预测都比它好。
# 这说明模型过拟合，并不说明数据“没有线性关系”——数据本来就不是线性的，而一次多项式在测试集上的 :math:`R^2` 仍为正。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: x, y, y_hat, ss_res, ss_tot,
# train_metrics, x_train, y_train, x_test, y_test, fits, r2_train, r2_test.
# sphinx_gallery_end_ignore
