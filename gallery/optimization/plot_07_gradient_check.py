r"""
梯度检验：数值差分的误差与步长
==============================

手推的反向传播公式对不对，最直接的检验是和有限差分比较：

.. math::

   \frac{\partial L}{\partial w} \approx \frac{L(w + h) - L(w - h)}{2h} .

步长 :math:`h` 并不是越小越好。本例在本章反向传播一节的三层 sigmoid 小网络上，
把中心差分和前向差分的误差画成 :math:`h` 的函数，得到一条 V 形曲线：右半边是截断误差，左半边是舍入误差。
最后用 ``dlnotes.backprop.gradcheck`` 检查原笔记里那个写错的 :math:`\partial L/\partial w_1`。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.backprop import GradcheckError, gradcheck, numerical_gradient, sigmoid_chain
from dlnotes.plotting import INK, MEDIUM, color, figsize, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 网络与手推梯度
# --------------
#
# :math:`m = S(w_1 x)`，:math:`n = S(w_2 m)`，:math:`\hat y = S(w_3 n)`，交叉熵损失，
# :math:`w_1 = 0.25`，:math:`w_2 = -0.11`，:math:`w_3 = 0.78`，样本 :math:`(x, y) = (0.63, 1)`。
# ``sigmoid_chain`` 返回按链式法则算出的三个梯度。

x, y = 0.63, 1.0
w = np.array([0.25, -0.11, 0.78])


def loss(w):
    return sigmoid_chain(w[0], w[1], w[2], x, y)["loss"]


def grad(w):
    out = sigmoid_chain(w[0], w[1], w[2], x, y)
    return np.array([out["grad_w1"], out["grad_w2"], out["grad_w3"]])


analytic = grad(w)  # result: dL/dw1, dL/dw2, dL/dw3 by the chain rule
print("chain rule:      dL/dw1 = {:+.7e}, dL/dw2 = {:+.7f}, dL/dw3 = {:+.7f}".format(*analytic))
print("central diff.:   dL/dw1 = {:+.7e}, dL/dw2 = {:+.7f}, dL/dw3 = {:+.7f}".format(
    *numerical_gradient(loss, w)))

# %%
# 误差随步长的变化
# ----------------
#
# 对 :math:`\partial L/\partial w_1` 取 :math:`h = 10^{-1}, \dots, 10^{-13}`，分别用中心差分和前向差分计算，
# 记录与链式法则结果之差的绝对值。虚线是误差模型：
# 前向差分的截断误差 :math:`\tfrac h2 |L''|`，中心差分的截断误差 :math:`\tfrac{h^2}{6}|L'''|`，
# 以及舍入误差 :math:`\varepsilon_\text{mach}|L|/h` （:math:`L` 的值在 float64 中带有约
# :math:`\varepsilon_\text{mach}|L|` 的舍入误差，相减后再除以 :math:`h` 被放大）。
# 其中 :math:`L''`、:math:`L'''` 由解析梯度做差分得到。

steps = np.logspace(-1, -13, 97)  # result: the step sizes h
errors = {}  # result: "central" / "forward" -> |numerical - analytic| for each h
for method in ("central", "forward"):
    errors[method] = np.array([
        abs(numerical_gradient(loss, w, eps=h, method=method)[0] - analytic[0]) for h in steps])
best = {m: float(steps[np.argmin(e)]) for m, e in errors.items()}  # result: best h per method
for m in errors:
    print(f"{m:8s}: smallest error {errors[m].min():.1e} at h = {best[m]:.0e}")

delta = 1e-3
e1 = np.array([delta, 0.0, 0.0])
second = (grad(w + e1)[0] - grad(w - e1)[0]) / (2 * delta)  # L'' along w1
third = (grad(w + e1)[0] - 2 * analytic[0] + grad(w - e1)[0]) / delta**2  # L''' along w1
eps_mach = np.finfo(float).eps

central_color, forward_color = color("first"), color("second")
fig, ax = plt.subplots(figsize=figsize(width=MEDIUM, aspect=0.78))  # shown at 90 % on the notes page
# sphinx_gallery_start_ignore
describe(fig, "双对数坐标下 ∂L/∂w₁ 的数值差分误差随步长 h 的变化：中心差分（蓝点）与前向差分（橙红方块）的误差都呈 V 形，右半边沿各自的截断误差虚线下降，中心差分降得更陡，左半边沿舍入误差点线上升；中心差分能达到的最低误差低得多。")
# sphinx_gallery_end_ignore
ax.loglog(steps, errors["central"], "o", color=central_color, markersize=4, label="中心差分")
ax.loglog(steps, errors["forward"], "s", color=forward_color, markersize=4, label="前向差分")
ax.loglog(steps, steps**2 / 6 * abs(third), "--", color=central_color, linewidth=1.2,
          label=r"截断误差 $h^2|L'''|/6$")
ax.loglog(steps, steps / 2 * abs(second), "--", color=forward_color, linewidth=1.2,
          label=r"截断误差 $h|L''|/2$")
ax.loglog(steps, eps_mach * abs(loss(w)) / steps, ":", color=INK, linewidth=1.5,
          label=r"舍入误差 $\varepsilon_{mach}|L|/h$")
ax.set_ylim(1e-14, 3.0)  # room for the legend above the data
ax.set_xlabel("步长 h")
ax.set_ylabel(r"$\partial L/\partial w_1$ 的误差 |数值 − 解析|")
ax.set_title("差分误差：左边是舍入误差，右边是截断误差")
ax.legend(loc="upper center", ncols=2)
plt.show()

# %%
# 曲线右侧，:math:`h` 每缩小 10 倍，中心差分的误差缩小 100 倍、前向差分缩小 10 倍，与截断误差的阶一致；
# 到了左侧，两次函数值之差只剩最后几位有效数字，舍入误差按 :math:`1/h` 增长。
# 两者平衡处就是最好的步长。令两项之和最小，中心差分的最优 :math:`h` 正比于 :math:`\varepsilon_\text{mach}^{1/3} \approx 6\times10^{-6}`，
# 前向差分的正比于 :math:`\varepsilon_\text{mach}^{1/2} \approx 1.5\times10^{-8}`，比例系数取决于 :math:`|L|` 与高阶导数之比
# （本例打印出的最优步长分别在 :math:`10^{-4}` 与 :math:`10^{-6}` 附近）；中心差分能达到的精度高出几个数量级。
# 这也是 ``gradcheck`` 默认用 :math:`h = 10^{-6}` 的中心差分、而且必须在 float64 下运行的原因：
# float32 的 :math:`\varepsilon_\text{mach} \approx 10^{-7}`，舍入误差那一支会整体上移约 9 个数量级，取 :math:`h = 10^{-6}` 时误差约为 :math:`10^{-7}\times 0.5 / 10^{-6} = 0.05`，比要检验的梯度本身还大。
#
# 用 gradcheck 抓出写错的梯度
# ----------------------------
#
# 原笔记给出的 :math:`\partial L/\partial w_1` 把链式法则最后一个因子写成了
# :math:`w_1 S(w_1 m)(1 - S(w_1 m))`，正确的是 :math:`\partial m/\partial w_1 = x\,S(w_1 x)(1 - S(w_1 x))`。



def grad_of_the_original_notes(w_):
    """As ``grad``, but dL/dw1 ends with w1 S(w1 m)(1 - S(w1 m)) instead of x S(w1 x)(1 - S(w1 x))."""
    g = grad(w_)
    o = sigmoid_chain(*w_, x, y)
    s = 1.0 / (1.0 + np.exp(-w_[0] * o["m"]))
    g[0] = o["delta"] * w_[2] * o["n"] * (1 - o["n"]) * w_[1] * w_[0] * s * (1 - s)
    return g


wrong_w1 = float(grad_of_the_original_notes(w)[0])  # result
print(f"original notes: dL/dw1 = {wrong_w1:.4e}; correct: {analytic[0]:.4e}")
print("gradcheck(correct gradient):", gradcheck(loss, grad, w))
try:
    gradcheck(loss, grad_of_the_original_notes, w)
    wrong_caught = False
except GradcheckError as err:
    wrong_caught = True  # result
    print("gradcheck(original formula): GradcheckError:", err)

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: analytic, steps, errors,
# best, wrong_w1, wrong_caught.
# sphinx_gallery_end_ignore
