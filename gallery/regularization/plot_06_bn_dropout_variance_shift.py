r"""
BN 与 Dropout 合用时的方差偏移
==============================

Dropout 保持期望不变，却改变了方差：训练时它让每个单元的方差变大，推理时关掉 Dropout，方差又变回去。
如果 Dropout 后面接着 BN，BN 在训练中累积的滑动方差是“带 Dropout 的”方差，推理时拿它去标准化
“不带 Dropout 的”数据，两者对不上。:cite:t:`li2019understanding` 把这个现象称为方差偏移（variance shift）。
本例用 :func:`~dlnotes.regularization.dropout` 和 :func:`~dlnotes.normalization.batch_norm` 复现它，
并验证论文的第一条对策：把 Dropout 放到所有 BN 层之后。
"""

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from dlnotes.normalization import batch_norm
from dlnotes.plotting import INK_SOFT, PALETTE, figsize, sequential, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore
from dlnotes.regularization import dropout

use_style()
# Matrix products this small run fastest on one BLAS thread, and a busy machine makes
# multi-threaded BLAS dramatically slower; the setting is restored at the end.
blas_threads = threadpool_limits(limits=1, user_api="blas")

# %%
# 一个单元：Dropout 紧接 BN
# -------------------------
#
# 设 BN 之前的单元 :math:`x` 的均值为 :math:`c`、方差为 :math:`v`，丢弃概率为 :math:`p`
# （本站的约定：:math:`p` 是丢弃概率）。训练时 Dropout 的输出 :math:`\tilde x = r x/(1-p)`，
# :math:`r \sim \operatorname{Bernoulli}(1-p)`，于是
#
# .. math::
#
#    \operatorname{Var}_\text{train}[\tilde x] = \frac{c^2 + v}{1-p} - c^2, \qquad
#    \operatorname{Var}_\text{test}[x] = v, \qquad
#    \text{shift} = \frac{\operatorname{Var}_\text{test}}{\operatorname{Var}_\text{train}}
#    = \frac{v}{\frac{c^2 + v}{1-p} - c^2} .
#
# 下面让 BN 在 80 个训练批（每批 256 个样本、64 个通道）上用动量 0.1 累积滑动方差
# （:math:`0.9^{80} < 10^{-3}`，初值的影响已可忽略），再与推理时真实的方差相比。

rng = np.random.default_rng(0)
n_channels, batch_size, n_train_batches = 64, 256, 80
p_grid = np.array([0.0, 0.2, 0.4, 0.6, 0.8])
means = [0.0, 1.0]  # c, with v = 1


def shift_theory(p, c, v=1.0):
    """Var_test / Var_train of one unit with dropout directly before BN."""
    return v / ((c**2 + v) / (1.0 - p) - c**2)


shift_measured = {}  # result: (c, p) -> eval variance / running variance, channel average
for c in means:
    for p in p_grid:
        running_mean, running_var = np.zeros(n_channels), np.ones(n_channels)
        for _ in range(n_train_batches):
            x = rng.normal(c, 1.0, size=(batch_size, n_channels))
            batch_norm(dropout(x, p, rng=rng), running_mean, running_var, training=True)
        x_test = rng.normal(c, 1.0, size=(4000, n_channels))  # eval: no dropout
        shift_measured[c, float(p)] = float(np.mean(x_test.var(axis=0) / running_var))
for c in means:
    print(f"c = {c}: measured shift " + ", ".join(
        f"p={p:.1f}: {shift_measured[c, float(p)]:.3f} (theory {shift_theory(p, c):.3f})"
        for p in p_grid))

# %%
# 一个深网络：Dropout 放在哪里
# ----------------------------
#
# 6 个块，每块是 线性层（64→64，随机权重）→ BN → ReLU，最后接一个线性分类器。比较两种放法：
#
# * **Dropout 在每个 BN 之前**：每块开头先做 Dropout；
# * **Dropout 只在最后一个 BN 之后**：各块都不做 Dropout，只在分类器之前做一次。
#
# 网络不训练，只让 BN 在 80 个训练模式的批上累积滑动统计量；然后切到推理模式，
# 记录每个 BN 的输入在推理时的真实方差与它的滑动方差之比。比值为 1 说明没有偏移。

n_blocks, p_deep = 6, 0.5
weights = [rng.normal(0.0, np.sqrt(2.0 / n_channels), (n_channels, n_channels))
           for _ in range(n_blocks + 1)]  # He-scaled random layers; the last is the head


def forward(x, placement, stats, training, p, seed):
    """Run the stack; return the inputs of every BN layer and the head's output."""
    drop_rng = np.random.default_rng(seed)
    bn_inputs = []
    for W, (rm, rv) in zip(weights[:-1], stats):
        if placement == "before every BN":
            x = dropout(x, p, training=training, rng=drop_rng)
        z = x @ W.T
        bn_inputs.append(z)
        x = np.maximum(batch_norm(z, rm, rv, training=training), 0.0)
    if placement == "after the last BN":
        x = dropout(x, p, training=training, rng=drop_rng)
    return bn_inputs, x @ weights[-1].T


placements = ["before every BN", "after the last BN"]
layer_shift = {}  # result: placement -> eval variance / running variance, per BN layer
head_var = {}  # result: placement -> (train-mode, eval-mode) variance of the head output
for placement in placements:
    stats = [(np.zeros(n_channels), np.ones(n_channels)) for _ in range(n_blocks)]
    head_train = []
    for step in range(n_train_batches):
        x = rng.normal(0.5, 1.0, size=(batch_size, n_channels))
        _, out = forward(x, placement, stats, True, p_deep, seed=step)
        head_train.append(out)
    x_test = rng.normal(0.5, 1.0, size=(4000, n_channels))
    bn_inputs, out_test = forward(x_test, placement, stats, False, p_deep, seed=0)
    layer_shift[placement] = np.array(
        [np.mean(z.var(axis=0) / rv) for z, (_, rv) in zip(bn_inputs, stats)])
    head_var[placement] = (float(np.concatenate(head_train).var(axis=0).mean()),
                           float(out_test.var(axis=0).mean()))
    print(f"dropout {placement}: eval / running variance per BN layer",
          np.array2string(layer_shift[placement], precision=3))

# %%
# 左图：单个单元的偏移比随丢弃概率变化（实线为上面的闭式解，点为测量值）。
# 右图：:math:`p = 0.5` 时深网络里每个 BN 层的偏移比。

mean_colors = dict(zip(means, sequential(len(means))))  # the mean c is a parameter: dark c = 0, light c = 1
PLACEMENT_STYLE = {  # placement -> (Chinese label, colour, marker)
    "before every BN": ("Dropout 在每个 BN 之前", PALETTE["pink"], "o"),
    "after the last BN": ("Dropout 只在最后一个 BN 之后", PALETTE["olive"], "s"),
}
fig, (ax_p, ax_l) = plt.subplots(1, 2, figsize=figsize(2, aspect=0.9))
# sphinx_gallery_start_ignore
describe(fig, "左：Dropout 紧接 BN 时，推理方差与 BN 滑动方差之比随丢弃概率 p 增大而下降，均值 c = 1（琥珀色）比 c = 0（深蓝）降得更多，测量点落在理论曲线上；右：p = 0.5 的 6 块网络中，Dropout 放在每个 BN 之前时（粉）比值逐层降向 0，放在最后一个 BN 之后时（橄榄色）各层都在 1 附近。")
# sphinx_gallery_end_ignore
p_fine = np.linspace(0.0, 0.8, 200)
for c in means:
    ax_p.plot(p_fine, shift_theory(p_fine, c), color=mean_colors[c], label=f"均值 c = {c:g}，方差 v = 1")
    ax_p.plot(p_grid, [shift_measured[c, float(p)] for p in p_grid], "o", color=mean_colors[c])
ax_p.plot([], [], "o", color=INK_SOFT, label="点：batch_norm + dropout 实测")
ax_p.axhline(1.0, color=INK_SOFT, linestyle=":", linewidth=1.2)
ax_p.set_xlabel("丢弃概率 p")
ax_p.set_ylabel(r"$\mathrm{Var}_{\mathrm{test}}$ / BN 的滑动方差")
ax_p.set_title("Dropout 紧接在 BN 之前（线：理论）", loc="left")
ax_p.set_ylim(0, 1.1)
ax_p.legend(loc="lower left")

layers = np.arange(1, n_blocks + 1)
for placement in placements:
    label, line_color, marker = PLACEMENT_STYLE[placement]
    ax_l.plot(layers, layer_shift[placement], marker=marker, color=line_color, label=label)
ax_l.axhline(1.0, color=INK_SOFT, linestyle=":", linewidth=1.2)
ax_l.set_xlabel("第几个 BN 层")
ax_l.set_ylabel(r"$\mathrm{Var}_{\mathrm{test}}$ / BN 的滑动方差")
ax_l.set_title(f"{n_blocks} 块的网络，p = {p_deep}", loc="left")
ax_l.set_ylim(0, 1.3)
ax_l.legend(loc="center right")
plt.show()

blas_threads.restore_original_limits()

# %%
# 单个单元上，测量值与闭式解吻合：:math:`c = 0` 时偏移比就是 :math:`1-p`，均值不为 0 时偏移更严重。
# 推理时 BN 用偏大的滑动方差去除，输出的方差比训练时小，后面各层看到的分布都跟着变了。
# 在深网络里，Dropout 放在每个 BN 之前时，每一层的比值都明显小于 1；
# 越往后越小，因为前面每一层的偏移都改变了后面各层的输入。把 Dropout 挪到最后一个 BN 之后，
# 所有 BN 层的比值都回到 1 附近，偏移消失：BN 再也看不到 Dropout 造成的方差变化，
# 分类器之前那次 Dropout 只影响一个线性层，而反向 Dropout 保持了它的期望。
# （剩下的零点几个百分点的差异是滑动平均和有限样本的估计误差，:math:`p = 0` 时同样存在。）

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_regularization.py: shift_measured, p_grid,
# means, layer_shift, head_var, p_deep, n_blocks.
# sphinx_gallery_end_ignore
