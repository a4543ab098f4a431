r"""
同一回归任务：ReLU 网络是折线，tanh 网络是光滑曲线
==================================================

激活函数不仅影响训练，也决定了网络能表示什么样的函数。
一个隐藏层的 ReLU 网络 :math:`f(x) = \sum_j v_j \max(0, w_j x + b_j) + c`
是若干条折线之和，仍然是折线：它在每个 :math:`x = -b_j / w_j` 处改变斜率，其余地方是直线段。
把 ReLU 换成 tanh，得到的则是处处光滑（无穷次可导）的曲线。
本例用两个结构相同、只差激活函数的小网络拟合同一组带噪声的数据，并检查这一点。
"""

import matplotlib.pyplot as plt
import numpy as np
import torch

from dlnotes.plotting import GREY, INK, INK_SOFT, color, figsize, use_style
# sphinx_gallery_start_ignore
from dlnotes.plotting import describe  # each figure's alt text on the site
# sphinx_gallery_end_ignore

use_style()

# %%
# 数据与网络
# ----------
#
# 在 :math:`[-3, 3]` 上均匀抽取 100 个点，目标为 :math:`y = \sin(2x) + \varepsilon`，
# 噪声 :math:`\varepsilon \sim \mathcal N(0, 0.1^2)`。两个网络都是 :math:`1 \to 32 \to 1`，
# 唯一的区别是隐藏层激活函数；初始权重相同（同一个随机种子），
# 都用 Adam（学习率 0.03）做 500 步全批量训练，损失为均方误差。
# 为了让后面的差分检验不受舍入误差干扰，全部计算用 float64。
#
# Adam 的更新直接写在下面的 ``train_adam`` 里（与 ``torch.optim.Adam`` 的默认设置逐步相同），
# 这样省去构造优化器的额外开销，脚本能在几秒内跑完。

# sphinx_gallery_start_ignore
# Tensors this small run fastest on one thread; the setting is restored at the end.
torch_threads = torch.get_num_threads()
torch.set_num_threads(1)
# sphinx_gallery_end_ignore

rng = np.random.default_rng(0)
n_samples, n_hidden, n_steps, lr = 100, 32, 500, 0.03
x_train = np.sort(rng.uniform(-3.0, 3.0, n_samples))
y_train = np.sin(2.0 * x_train) + 0.1 * rng.normal(size=n_samples)
X = torch.tensor(x_train[:, None])
Y = torch.tensor(y_train[:, None])


def make_net(activation):
    """1 -> n_hidden -> 1 MLP in float64; same initial weights for every activation."""
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(1, n_hidden, dtype=torch.float64),
        activation(),
        torch.nn.Linear(n_hidden, 1, dtype=torch.float64),
    )


def train_adam(net, X, Y, steps, lr, betas=(0.9, 0.999), eps=1e-8):
    """Full-batch Adam on the MSE loss, the update of torch.optim.Adam written out.

    Returns the training loss before each step.
    """
    b1, b2 = betas
    params = list(net.parameters())
    m = [torch.zeros_like(p) for p in params]  # first-moment estimates
    v = [torch.zeros_like(p) for p in params]  # second-moment estimates
    trace = []
    for t in range(1, steps + 1):
        loss = torch.mean((net(X) - Y) ** 2)
        trace.append(loss.item())
        net.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p, m_p, v_p in zip(params, m, v):
                m_p.mul_(b1).add_(p.grad, alpha=1 - b1)
                v_p.mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
                denom = (v_p / (1 - b2**t)).sqrt_().add_(eps)
                p.sub_(lr / (1 - b1**t) * m_p / denom)
    return np.array(trace)


activations = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}
x_grid = np.linspace(-3.0, 3.0, 1201)  # result: dense evaluation grid, step 0.005
nets, loss_curves = {}, {}
fit = {}  # result: name -> network output on x_grid
mse = {}  # result: name -> final training MSE
for name, activation in activations.items():
    nets[name] = make_net(activation)
    loss_curves[name] = train_adam(nets[name], X, Y, n_steps, lr)
    with torch.no_grad():
        mse[name] = torch.mean((nets[name](X) - Y) ** 2).item()
        fit[name] = nets[name](torch.tensor(x_grid[:, None])).numpy().ravel()

print(f"variance of y: {y_train.var():.4f} (noise variance 0.01)")
for name in activations:
    print(f"{name}: training MSE {loss_curves[name][0]:.4f} -> {mse[name]:.4f}")

# %%
# 找出 ReLU 拟合的拐点
# --------------------
#
# 在步长 :math:`h = 0.005` 的网格上，斜率用一阶差分 :math:`(f_{k+1} - f_k)/h` 估计。
# 在直线段上，相邻两个斜率完全相同（二阶差分只剩 :math:`10^{-13}` 量级的舍入误差）；
# 只有包含拐点的一两个网格点上，斜率才会跳变。把斜率变化超过 :math:`10^{-6}`
# 的相邻网格点合并为一个拐点来计数，再与网络参数给出的理论位置
# :math:`x = -b_j / w_j` 对照。tanh 拟合的斜率则处处在缓慢变化。

h = x_grid[1] - x_grid[0]
slope = {name: np.diff(f) / h for name, f in fit.items()}  # at midpoints of the grid
x_mid = 0.5 * (x_grid[1:] + x_grid[:-1])
slope_change = {name: np.abs(np.diff(s)) for name, s in slope.items()}  # at x_grid[1:-1]
tol = 1e-6
jumps = np.flatnonzero(slope_change["relu"] > tol)
# adjacent flagged grid points belong to the same breakpoint
groups = np.split(jumps, np.flatnonzero(np.diff(jumps) > 1) + 1) if jumps.size else []
kink_x = np.array([x_grid[1:-1][g].mean() for g in groups])
relu_kinks = len(kink_x)  # result: number of distinct breakpoints found on the grid

# theory: unit j bends at -b_j / w_j if its outgoing weight is non-zero
w = nets["relu"][0].weight.detach().numpy().ravel()
b = nets["relu"][0].bias.detach().numpy()
out_w = nets["relu"][2].weight.detach().numpy().ravel()
candidates = -b / w
relu_breakpoints = np.sort(candidates[(np.abs(candidates) < 3.0) & (out_w != 0)])

share_linear = {name: float(np.mean(c <= tol)) for name, c in slope_change.items()}
print(f"ReLU fit: {relu_kinks} kinks found on the grid; "
      f"{len(relu_breakpoints)} hidden units have their breakpoint -b/w inside [-3, 3]")
print(f"largest distance between a found kink and its nearest -b/w: "
      f"{np.abs(kink_x[:, None] - relu_breakpoints[None, :]).min(axis=1).max():.4f}")
for name in activations:
    print(f"{name}: slope change <= {tol:g} at {share_linear[name]:.1%} of grid points")

fig, (ax_f, ax_s) = plt.subplots(2, 1, figsize=figsize(aspect=0.8), sharex=True, height_ratios=(1.2, 1))
# sphinx_gallery_start_ignore
describe(fig, "上图：带噪声的 sin(2x) 数据（灰点），以及结构相同（1→32→1）的 ReLU 网络（绿）与 tanh 网络（橙红虚线）的拟合，ReLU 拟合是折线，竖短线标出它的各个拐点；下图：两者的斜率，ReLU 网络的斜率呈阶梯状，tanh 网络的斜率是光滑曲线。")
# sphinx_gallery_end_ignore
ax_f.plot(x_train, y_train, "o", color=GREY, markersize=4, label="带噪声的数据")
ax_f.plot(x_grid, np.sin(2.0 * x_grid), color=INK_SOFT, linestyle=":", linewidth=1.5, label=r"$\sin(2x)$")
ax_f.plot(x_grid, fit["relu"], color=color("relu"), label=f"ReLU 网络（MSE {mse['relu']:.4f}）")
ax_f.plot(x_grid, fit["tanh"], color=color("tanh"), linestyle="--", label=f"tanh 网络（MSE {mse['tanh']:.4f}）")
ax_f.plot(kink_x, np.interp(kink_x, x_grid, fit["relu"]), "|", color=INK, markersize=10,
          markeredgewidth=1.5, label=f"ReLU 拟合的拐点（{relu_kinks} 个）")
ax_f.set_ylim(-1.6, 2.3)
ax_f.set_ylabel("$y$")
ax_f.set_title(r"同样的数据、同样的结构 $1 \to 32 \to 1$，只换激活函数")
ax_f.legend(loc="upper center", ncols=3, columnspacing=1.0)

ax_s.plot(x_mid, slope["relu"], color=color("relu"), label="ReLU 网络：分段常数")
ax_s.plot(x_mid, slope["tanh"], color=color("tanh"), linestyle="--", label="tanh 网络：光滑")
ax_s.set_xlabel("$x$")
ax_s.set_ylabel(r"斜率 $\Delta f / \Delta x$")
ax_s.set_title("两个拟合的斜率（网格上的一阶差分）")
ax_s.legend(loc="upper center", ncols=2)
ax_s.set_ylim(-2.6, 2.9)
ax_s.set_xlim(-3.0, 3.0)
plt.show()

# sphinx_gallery_start_ignore
torch.set_num_threads(torch_threads)
# sphinx_gallery_end_ignore

# %%
# 上图里两条拟合曲线大体一致，训练误差（上面打印的 ``mse``）都与噪声方差 0.01 同一量级
# （ReLU 网络在左端用一整段直线近似，误差稍大）；
# 区别藏在导数里：ReLU 网络的斜率是阶梯状的，每一级台阶对应一个隐藏单元的
# :math:`-b_j/w_j`，台阶之间函数严格是直线；tanh 网络的斜率是一条光滑曲线。
# 在数据稀疏或需要外推的地方，这种差别会直接体现为拟合曲线的形状：
# ReLU 网络在训练区间之外沿最后一段直线延伸，tanh 网络则趋于常数。

# sphinx_gallery_start_ignore
# Results left for tests/examples/test_gallery_activations.py: x_grid, fit, mse, relu_kinks,
# relu_breakpoints.
# sphinx_gallery_end_ignore
