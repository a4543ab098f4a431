r"""
经典 CNN 的参数量与计算量
=========================

AlexNet、VGG-16、GoogLeNet、ResNet-18、ResNet-50 和 DenseNet-121 都在 :mod:`dlnotes.architectures` 中
逐层写出。本例在 ``meta`` 设备上构建它们（只有形状，不分配权重内存），用
:func:`dlnotes.profiler.count_params` 数参数，用 :func:`dlnotes.profiler.count_macs`
数一张 224×224 图像前向传播的乘加次数，用 :func:`dlnotes.profiler.count_weight_layers` 数深度
（三者由 :func:`dlnotes.profiler.summarize` 一次前向传播同时得到），然后把参数量对乘加次数画在对数坐标上。
"""

import matplotlib.pyplot as plt
import torch

from dlnotes import architectures, profiler
from dlnotes.plotting import INK, figsize, sequential_cmap, use_style

# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 构建并计数
# ----------
#
# 六个模型都在 ``meta`` 设备上构建，计数不到一秒；参数量与 torchvision 公布的数字逐位相同。

MODELS = {  # name -> (factory, year of the first version of the paper: NIPS 2012 or arXiv)
    "AlexNet": (architectures.alexnet, 2012),
    "VGG-16": (architectures.vgg16, 2014),
    "GoogLeNet": (architectures.googlenet, 2014),
    "ResNet-18": (architectures.resnet18, 2015),
    "ResNet-50": (architectures.resnet50, 2015),
    "DenseNet-121": (architectures.densenet121, 2016),
}
stats = {}
for name, (factory, year) in MODELS.items():
    with torch.device("meta"):
        model = factory()
    stats[name] = {"year": year, **profiler.summarize(model)}
print(f"{'model':13s} {'year':>4s} {'depth':>5s} {'parameters':>12s} {'multiply-adds':>15s}")
for name, s in stats.items():
    print(f"{name:13s} {s['year']:4d} {s['depth']:5d} {s['params']:12,d} {s['macs']:15,d}")

# %%
# 参数量对计算量
# --------------
#
# 横轴是乘加次数，纵轴是参数量，都取对数；颜色按发表年份由深到浅。右上角的 VGG-16 两样都最多；AlexNet 参数多、计算少，
# 因为它的参数大多在全连接层里，而全连接层每个参数只用一次；GoogLeNet、ResNet 与 DenseNet
# 用全局平均池化取代了大的全连接层，参数只有几百万到两千多万，计算量则随深度和特征图大小增长。

fig, ax = plt.subplots(figsize=figsize(aspect=0.62))
# sphinx_gallery_start_ignore
describe(fig, "六个经典 ImageNet CNN 的散点图：横轴是每张 224×224 图像的乘加次数，纵轴是参数量，都取对数；点越大网络越深，颜色表示首次发表年份，由深到浅从 2012 到 2016。VGG-16 在右上角，两项都最多；AlexNet 参数多而计算少；GoogLeNet、ResNet、DenseNet 参数少得多。")
# sphinx_gallery_end_ignore
years = sorted({s["year"] for s in stats.values()})
ramp = sequential_cmap()
colour = {year: ramp((year - years[0]) / (years[-1] - years[0])) for year in years}  # by the year's value
offsets = {"AlexNet": (9, -4), "VGG-16": (-12, -16), "GoogLeNet": (-12, 8), "ResNet-18": (9, 4),
           "ResNet-50": (9, -4), "DenseNet-121": (9, -10)}
for name, s in stats.items():
    ax.scatter(s["macs"] / 1e9, s["params"] / 1e6, s=40 + 2.5 * s["depth"], color=colour[s["year"]],
               edgecolor=INK, linewidth=0.6, zorder=3)
    ha = "right" if offsets[name][0] < 0 else "left"
    ax.annotate(f"{name}（{s['depth']} 层）", (s["macs"] / 1e9, s["params"] / 1e6), xytext=offsets[name],
                textcoords="offset points", ha=ha)
for year in years:
    ax.scatter([], [], s=60, color=colour[year], edgecolor=INK, linewidth=0.6, label=str(year))
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlim(0.4, 30)
ax.set_ylim(3, 300)
ax.set_xticks([0.5, 1, 2, 5, 10, 20], ["0.5", "1", "2", "5", "10", "20"])
ax.set_yticks([5, 10, 20, 50, 100, 200], ["5", "10", "20", "50", "100", "200"])
ax.minorticks_off()
ax.set_xlabel("每张 224×224 图像的乘加次数（十亿）")
ax.set_ylabel("参数量（百万）")
ax.set_title("经典 ImageNet CNN（点的面积随深度增大）")
ax.legend(title="首次发表", loc="upper left")
plt.show()
