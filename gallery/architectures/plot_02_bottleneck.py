r"""
1×1 降维：瓶颈省下多少参数与乘加
================================

GoogLeNet 的 inception (3a) 模块输入是 :math:`28 \times 28 \times 192` 的特征图，其中 5×5 分支要输出 32 个通道。
直接做 5×5 卷积，每个输出值都要读 :math:`5 \cdot 5 \cdot 192` 个输入；先用 16 个 1×1 卷积把深度从 192
压到 16，再做 5×5 卷积，代价就小了一个数量级。1×1 卷积放在 5×5 卷积 **之前**，这正是它省计算的原因。
本例用 :func:`dlnotes.layers.conv_params` 与 :func:`dlnotes.layers.conv_macs` 按公式计算，
再用 :mod:`dlnotes.architectures` 搭出对应的 PyTorch 模块，由 :func:`dlnotes.profiler.count_params`
与 :func:`dlnotes.profiler.count_macs` 在 ``meta`` 设备上实测核对；最后对整个 (3a) 模块做同样的比较。
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from dlnotes.architectures import GoogLeNet, Inception, NaiveInception
from dlnotes.profiler import count_macs, count_params
from dlnotes.layers import conv_macs, conv_params
from dlnotes.plotting import color, figsize, num, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 5×5 分支：有无 16 通道的 1×1 降维
# ---------------------------------
#
# 参数量（含偏置）按 :math:`k^2 C_{in} C_{out} + C_{out}` 计算，乘加次数（不含偏置）按
# :math:`H_{out} W_{out} \cdot k^2 C_{in} C_{out}` 计算。

side, c_in, c_red, c_out = 28, 192, 16, 32
direct = {"params": conv_params(c_in, c_out, 5), "macs": conv_macs(c_in, c_out, 5, (side, side))}
reduce_1x1 = {"params": conv_params(c_in, c_red, 1), "macs": conv_macs(c_in, c_red, 1, (side, side))}
conv_5x5 = {"params": conv_params(c_red, c_out, 5), "macs": conv_macs(c_red, c_out, 5, (side, side))}
reduced = {key: reduce_1x1[key] + conv_5x5[key] for key in direct}

# the same two branches as torch modules, measured on the meta device
with torch.device("meta"):
    direct_module = nn.Conv2d(c_in, c_out, 5, padding=2)
    reduced_module = nn.Sequential(nn.Conv2d(c_in, c_red, 1), nn.ReLU(), nn.Conv2d(c_red, c_out, 5, padding=2))
size = (1, c_in, side, side)
measured = {
    "direct": (count_params(direct_module), count_macs(direct_module, size)),
    "reduced": (count_params(reduced_module), count_macs(reduced_module, size)),
}
assert measured["direct"] == (direct["params"], direct["macs"])
assert measured["reduced"] == (reduced["params"], reduced["macs"])

for name, numbers in (("5x5 directly", direct), ("1x1 (16) -> 5x5", reduced)):
    print(f"{name:18s} {numbers['params']:>9,d} parameters {numbers['macs']:>13,d} multiply-adds")
macs_ratio = direct["macs"] / reduced["macs"]
params_ratio = direct["params"] / reduced["params"]
print(f"the reduction divides the multiply-adds by {macs_ratio:.1f} and the parameters by {params_ratio:.1f}")

# %%
# 整个 inception (3a) 模块
# ------------------------
#
# “朴素”版本的 3×3、5×5 卷积直接读 192 个通道，池化分支把 192 个通道原样传下去，输出 416 个通道；
# 带降维的版本输出 256 个通道。两者都由 :class:`dlnotes.architectures.NaiveInception` 和
# :class:`dlnotes.architectures.Inception` 实际搭建并计数。

cin, c1, c3r, c3, c5r, c5, pp = GoogLeNet.CONFIG["3a"]
with torch.device("meta"):
    naive = NaiveInception(cin, c1, c3, c5)
    module = Inception(cin, c1, c3r, c3, c5r, c5, pp)
module_numbers = {
    "naive": (count_params(naive), count_macs(naive, size), naive.out_channels),
    "reduced": (count_params(module), count_macs(module, size), module.out_channels),
}
for name, (p, m, c) in module_numbers.items():
    print(f"inception (3a), {name:8s} {p:>9,d} parameters {m:>13,d} multiply-adds, {c} output channels")

# %%
# 对比图
# ------
#
# 左图是参数量，右图是乘加次数。5×5 分支上两者都缩小到约十分之一；整个模块里还有不受降维影响的
# 1×1 分支和 3×3 分支，节省的比例小一些，但输出通道也从 416 降到了 256，下一个模块的输入随之变薄。

labels = ["5×5 分支", "inception (3a) 模块"]
fig, axes = plt.subplots(1, 2, figsize=figsize(2, aspect=0.85, extra=0.3))
# sphinx_gallery_start_ignore
describe(fig, "有无 1×1 降维的对比条形图。左图是参数量（千），右图是 28×28×192 输入上的乘加次数（百万），各分 5×5 分支与整个 inception (3a) 模块两组，蓝色为不降维、橙红为先用 1×1 降维；加了降维后，5×5 分支的两项都缩小约一个数量级，整个模块也少了一半以上。")
# sphinx_gallery_end_ignore
bar_colors = {"without": color("first"), "with": color("second")}  # the baseline first
for ax, key, index, unit, scale in zip(axes, ("params", "macs"), (0, 1), ("千", "百万"), (1e3, 1e6)):
    without = [direct[key], module_numbers["naive"][index]]
    with_red = [reduced[key], module_numbers["reduced"][index]]
    xs = np.arange(2)
    ax.bar(xs - 0.2, np.array(without) / scale, 0.38, color=bar_colors["without"], label="不降维")
    ax.bar(xs + 0.2, np.array(with_red) / scale, 0.38, color=bar_colors["with"], label="先用 1×1 降维")
    for x, value in zip(np.r_[xs - 0.2, xs + 0.2], without + with_red):
        ax.annotate(num(value / scale, ".1f"), (x, value / scale), ha="center", va="bottom",
                    xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(xs, labels)
    ax.set_ylabel(f"{'参数量' if key == 'params' else '乘加次数'}（{unit}）")
    ax.set_ylim(0, max(without) / scale * 1.15)
    ax.grid(axis="x", visible=False)
axes[0].set_title("参数量", loc="left")
axes[1].set_title("28×28×192 输入上的乘加次数", loc="left")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()
