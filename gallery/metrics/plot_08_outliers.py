r"""
异常值对 MSE 与 MAE 的影响
==========================

MSE 把每个残差平方后再平均，MAE 直接平均残差的绝对值。一个很大的误差在 MSE 里按平方放大，
在 MAE 里只按线性计入。本例让一个样本的误差逐渐变大，看两种指标如何变化；
再看在这两种指标下“最好的常数预测”分别是均值和中位数。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.metrics import mean_absolute_error, mean_squared_error, root_mean_squared_error
from dlnotes.plotting import color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 一个越来越大的误差
# ------------------
#
# 51 个样本的预测误差都来自 :math:`\mathcal N(0, 1)`；再把其中一个样本的真实值加上 :math:`\delta`，
# 让它的误差从 0 增加到 50。MSE 随 :math:`\delta` 二次增长，RMSE 与 MAE 和目标同单位，
# 但 RMSE 终究由那个平方项主导，近似为 :math:`|\delta|/\sqrt{n}`，MAE 则只增加 :math:`|\delta|/n`。

rng = np.random.default_rng(0)
n = 51  # odd, so the median (the MAE minimiser) is unique
y_pred = rng.normal(10.0, 3.0, n)
y_clean = y_pred + rng.normal(0.0, 1.0, n)
deltas = np.linspace(0.0, 50.0, 101)
mse, rmse, mae = [], [], []
for delta in deltas:
    y_true = y_clean.copy()
    y_true[0] += delta
    mse.append(mean_squared_error(y_true, y_pred))
    rmse.append(root_mean_squared_error(y_true, y_pred))
    mae.append(mean_absolute_error(y_true, y_pred))
mse, rmse, mae = np.array(mse), np.array(rmse), np.array(mae)
print(f"no outlier     : MSE = {mse[0]:.3f}, RMSE = {rmse[0]:.3f}, MAE = {mae[0]:.3f}")
print(f"one error of 50: MSE = {mse[-1]:.3f}, RMSE = {rmse[-1]:.3f}, MAE = {mae[-1]:.3f}")
print(f"growth factors : MSE x{mse[-1] / mse[0]:.1f}, RMSE x{rmse[-1] / rmse[0]:.1f}, MAE x{mae[-1] / mae[0]:.1f}")

fig, (ax_sq, ax_lin) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9))
# sphinx_gallery_start_ignore
describe(fig, f"让 51 个样本之一的误差逐渐增大 δ（0 到 50）。左图：MSE（蓝）随 δ 呈二次增长，从 {mse[0]:.2f} 升到 {mse[-1]:.1f}；右图：RMSE（橙红）和 MAE（绿）都大致线性增长，但 RMSE 上升得快得多，MAE 只是缓慢上升。")
# sphinx_gallery_end_ignore
ax_sq.plot(deltas, mse, color=color("mse"), label="MSE（平方单位）")
ax_sq.set_xlabel(r"51 个样本之一的误差增加 $\delta$")
ax_sq.set_ylabel("MSE")
ax_sq.set_title("MSE 二次增长")
ax_sq.legend(loc="upper left")
ax_lin.plot(deltas, rmse, color=color("rmse"), label="RMSE")
ax_lin.plot(deltas, mae, color=color("mae"), label="MAE")
ax_lin.set_xlabel(r"51 个样本之一的误差增加 $\delta$")
ax_lin.set_ylabel("误差（与目标同单位）")
ax_lin.set_title("与目标同单位：RMSE 与 MAE")
ax_lin.legend(loc="upper left")
plt.show()

# %%
# 最好的常数预测：均值与中位数
# ----------------------------
#
# 如果只允许预测一个常数 :math:`c`，使 MSE 最小的是均值（对 :math:`\sum_i (y_i - c)^2` 求导令其为 0），
# 使 MAE 最小的是中位数（:math:`\sum_i |y_i - c|` 的次梯度在 :math:`c` 两侧样本数相等处为 0）。
# 把一个样本变成越来越大的异常值：均值被它一路拖走，中位数几乎不动。
# 所以若数据中有少量极端值，而且它们不该主导评估，MAE（或中位数类指标）更稳健；
# 若大误差本身代价就高，需要重罚，MSE/RMSE 正合适。

grid = np.linspace(9.0, 12.0, 3001)  # candidate constants, step 0.001
best_for_mse, best_for_mae = [], []
for delta in deltas:
    y_true = y_clean.copy()
    y_true[0] += delta
    mse_c = ((y_true[:, None] - grid[None, :]) ** 2).mean(axis=0)
    mae_c = np.abs(y_true[:, None] - grid[None, :]).mean(axis=0)
    best_for_mse.append(grid[np.argmin(mse_c)])
    best_for_mae.append(grid[np.argmin(mae_c)])
best_for_mse, best_for_mae = np.array(best_for_mse), np.array(best_for_mae)
print(f"best constant under MSE moves {best_for_mse[-1] - best_for_mse[0]:+.2f}, "
      f"under MAE {best_for_mae[-1] - best_for_mae[0]:+.2f}")

fig, ax = plt.subplots(figsize=figsize(aspect=0.58))
# sphinx_gallery_start_ignore
describe(fig, "一个样本的误差逐渐增大 δ 时两种最佳常数预测的变化：使 MSE 最小的常数即均值（蓝，与上图 MSE 同色）沿直线一路上升，使 MAE 最小的常数即中位数（绿，与 MAE 同色）只在开始时小跳一下，之后保持不动。")
# sphinx_gallery_end_ignore
ax.plot(deltas, best_for_mse, color=color("mean"), label="使 MSE 最小的常数（= 均值）")
ax.plot(deltas, best_for_mae, color=color("median"), label="使 MAE 最小的常数（= 中位数）")
ax.set_xlabel(r"51 个样本之一的误差增加 $\delta$")
ax.set_ylabel("最佳常数预测 $c$")
ax.set_title("一个离群点拖走了均值，拖不动中位数")
ax.legend(loc="upper left")
plt.show()

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_metrics.py: y_pred, y_clean, deltas, mse, rmse,
# mae, grid, best_for_mse, best_for_mae.
# sphinx_gallery_end_ignore
