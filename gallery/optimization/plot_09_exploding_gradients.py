r"""
梯度爆炸：初始化过大的深层线性网络
==================================

去掉激活函数，网络就是矩阵连乘 :math:`\hat Y = W_L \cdots W_2 W_1 X`，反向的误差信号
:math:`\partial L/\partial h_{l-1} = W_l^\top\, \partial L/\partial h_l` 也是连乘。
若每个 :math:`W_l` 的元素独立地取自 :math:`\mathcal N(0, s^2/n)`，则每乘一次，向量长度的平方平均乘以 :math:`s^2`：
:math:`s < 1` 时信号逐层指数衰减，:math:`s > 1` 时指数增长。本例用 NumPy 手写前向与反向传播，
权重由 ``dlnotes.init`` 生成，然后比较普通 SGD 与先做梯度裁剪（``dlnotes.optim.clip_grad_norm_``）再更新的 SGD。
"""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes import init, optim
from dlnotes.plotting import GREY, color, figsize, num, readable, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 30 层线性网络的手写反向传播
# ----------------------------
#
# 宽度 32，30 层，无偏置；回归目标 :math:`Y = X A^\top` （:math:`A` 是一个随机矩阵），
# 损失 :math:`L = \frac{1}{2B}\sum_i \lVert \hat y_i - y_i \rVert^2`，批大小 :math:`B = 128`。
# 权重先用 ``kaiming_normal_(nonlinearity="linear")`` 得到方差 :math:`1/n`，再乘以 :math:`s`。

rng = np.random.default_rng(0)
width, depth, batch = 32, 30, 128
X = rng.normal(size=(batch, width))
A = rng.normal(size=(width, width)) / np.sqrt(width)
Y = X @ A.T


def make_weights(scale, seed=1):
    r = np.random.default_rng(seed)
    return [init.kaiming_normal_(np.empty((width, width)), nonlinearity="linear", rng=r) * scale
            for _ in range(depth)]


def forward_backward(weights):
    """Loss, dL/dW for every layer, and the norm of dL/dh for h_0 .. h_{L-1}."""
    hs = [X]
    for w in weights:
        hs.append(hs[-1] @ w.T)
    residual = hs[-1] - Y
    loss = 0.5 * np.sum(residual**2) / batch
    delta = residual / batch  # dL/dh_L
    grads, signal = [None] * depth, [None] * depth
    for l in range(depth - 1, -1, -1):
        grads[l] = delta.T @ hs[l]  # dL/dW_l = delta_l h_{l-1}^T, summed over the batch
        delta = delta @ weights[l]  # dL/dh_{l-1} = W_l^T delta_l
        signal[l] = np.linalg.norm(delta)
    return loss, grads, np.array(signal)


scales = (0.8, 1.0, 1.2)
backward_signal = {}  # result: s -> |dL/dh_l| for l = 0 .. depth-1 (0 = the input)
for s in scales:
    loss0, grads0, backward_signal[s] = forward_backward(make_weights(s))
    total = np.sqrt(sum(np.sum(g**2) for g in grads0))
    print(f"s = {s}: initial loss {loss0:.3g}, total gradient norm {total:.3g}, "
          f"|dL/dh| at the input / at the top: {backward_signal[s][0] / backward_signal[s][-1]:.2g}")

# %%
# 训练：不裁剪 vs 按范数裁剪
# --------------------------
#
# 取 :math:`s = 1.2` （:math:`1.2^{30} \approx 240`），学习率 0.03，各训练 300 步。
# 第二种做法在每步更新前调用 ``clip_grad_norm_(grads, max_norm=1.0)``，把所有层的梯度合起来的范数限制在 1 以内。
# 不裁剪时损失会溢出成 ``inf``/``NaN``，一旦出现就停止（``dlnotes.optim`` 的优化器拒绝含 NaN 的梯度）。

lr, n_steps, max_norm = 0.03, 300, 1.0
train_loss = {}  # result: "no clipping" / "clip_grad_norm_" -> loss before each step
norms_before_clip = []  # result: total gradient norm returned by clip_grad_norm_ at each step
for label in ("no clipping", "clip_grad_norm_"):
    weights = make_weights(1.2)
    opt = optim.SGD(weights, lr=lr)
    history = []
    with np.errstate(over="ignore", invalid="ignore"):  # the unclipped run overflows on purpose
        for _ in range(n_steps):
            loss, grads, _ = forward_backward(weights)
            history.append(loss)
            if not (np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in grads)):
                break
            if label == "clip_grad_norm_":
                norms_before_clip.append(optim.clip_grad_norm_(grads, max_norm))
            opt.step(grads)
    train_loss[label] = np.array(history)
    print(f"{label:16s}: {len(history)} steps, loss {history[0]:.3g} -> {history[-1]:.3g}")

scale_colors = dict(zip(scales, sequential(len(scales))))  # s is ordered: dark = small
run_style = {"no clipping": ("不裁剪", GREY), "clip_grad_norm_": ("clip_grad_norm_(max_norm=1)", color("data"))}
fig, (ax_s, ax_t) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.92))
# sphinx_gallery_start_ignore
describe(fig, "左：30 层线性网络中反向误差信号的范数随层变化（对数纵轴，横轴反向，右端为输入），颜色由深到浅为 s = 0.8、1、1.2，s = 1.2 时向输入方向指数放大，s = 1 时大致不变，s = 0.8 时指数衰减；右：s = 1.2 时的训练损失，不裁剪时（灰）第二步就溢出到图外，按范数裁剪后（黑）稳定下降。")
# sphinx_gallery_end_ignore
layers = np.arange(depth)
for s in scales:
    ax_s.semilogy(layers, backward_signal[s], "-o", markersize=3.5, color=scale_colors[s])
    ax_s.text(-0.8, backward_signal[s][0], f"s = {s:g}", ha="left", va="center",
              color=readable(scale_colors[s]))
ax_s.set_xlabel("层 l（0 = 输入）")
ax_s.set_ylabel(r"$\|\partial L / \partial h_l\|$（对数刻度）")
ax_s.set_title(r"$W \sim N(0, s^2/n)$：反向信号穿过 30 层", loc="left")
ax_s.set_xlim(-5.5, depth - 0.5)
ax_s.set_xticks(range(0, depth, 5))
ax_s.invert_xaxis()  # input at the right: read left to right, as backprop runs (output -> input)
top = 1e8  # the unclipped loss leaves any sensible axis: mark where it goes off the chart
for label, values in train_loss.items():
    name, line_color = run_style[label]
    shown = np.isfinite(values) & (values < top)
    ax_t.semilogy(np.flatnonzero(shown), values[shown], "-o" if len(values) < 10 else "-",
                  color=line_color, label=name)
    if not shown.all():
        text = "\n".join(f"第 {t} 步 {num(float(v), '.1e')}" if np.isfinite(v) else f"第 {t} 步 NaN"
                        for t, v in enumerate(values) if not shown[t])
        ax_t.annotate(f"超出图外：\n{text}", (1, top), xytext=(40, 5e7), va="top", color=readable(line_color),
                      arrowprops=dict(arrowstyle="->", color=line_color))
ax_t.set_ylim(1.0, top)
ax_t.set_xlabel("步数")
ax_t.set_ylabel("训练损失（对数刻度）")
ax_t.set_title(r"$s = 1.2$，SGD 学习率 0.03", loc="left")
ax_t.legend(loc="lower left")
plt.show()

# %%
# 左图的横轴是反过来的（输入在右端），从左往右读就是反向传播的方向：:math:`s = 1.2` 时误差信号每层约放大 1.2 倍，传到输入时放大了两个多数量级，
# :math:`s = 0.8` 时则按同样的速率衰减。线性网络里权重梯度 :math:`\delta_l h_{l-1}^\top` 的大小在各层相近
# （前向的 :math:`h` 与反向的 :math:`\delta` 一增一减），但 :math:`s = 1.2` 时网络输出本身就放大了约 :math:`1.2^{30}` 倍，
# 残差与梯度因此大得惊人，一步 SGD 就把权重推到更大，两步之内溢出 :cite:p:`pascanu2013difficulty`。
# 按范数裁剪后，每步的更新量不超过 :math:`\eta \cdot 1`，方向仍是梯度方向，损失便能稳定下降。
# 裁剪只治“爆炸”的症状；合适的初始化（这里 :math:`s = 1`）、归一化和残差连接才是让梯度尺度保持稳定的根本办法。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_optimization.py: backward_signal,
# train_loss, norms_before_clip, forward_backward, make_weights, X, Y.
# sphinx_gallery_end_ignore
