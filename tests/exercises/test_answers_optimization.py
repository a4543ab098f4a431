"""The optimization chapter's computed answers, each against torch or a closed form."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from _answers import Coverage
from dlnotes._exercises import optimization as ex

cov = Coverage(ex)
A = cov.answers


def param(value):
    return torch.tensor([value], dtype=torch.float64, requires_grad=True)


def run(opt_cls, loss, steps, **kw):
    w = param(1.0)
    opt = opt_cls([w], **kw)
    path = []
    for _ in range(steps):
        opt.zero_grad()
        loss(w).backward()
        opt.step()
        path.append(w.item())
    return path, opt, w


@cov("mom-w1", "mom-w2", "mom-w3", "mom-b1", "mom-b2", "mom-b3")
def test_momentum_steps():
    w = param(1.0)
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    for t in range(1, 4):
        opt.zero_grad()
        (2 * w**2).sum().backward()
        opt.step()
        assert A[f"mom-w{t}"] == pytest.approx(w.item(), abs=1e-14)
        assert A[f"mom-b{t}"] == pytest.approx(opt.state[w]["momentum_buffer"].item(), rel=1e-14)


@cov("adam-w1", "adam-w2", "adam-w3")
def test_adam_steps_answers():
    path, _, _ = run(torch.optim.Adam, lambda w: (w**2).sum(), 3, lr=0.1)
    for t in range(3):
        assert A[f"adam-w{t + 1}"] == pytest.approx(path[t], rel=1e-13)


@pytest.mark.parametrize("betas,lr", [((0.9, 0.999), 0.1), ((0.5, 0.9), 0.01), ((0.0, 0.99), 0.3)])
def test_adam_steps_matches_torch(betas, lr):
    a = np.array([1.0, 4.0, 0.2])
    w = torch.tensor([1.5, -0.7, 3.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([w], lr=lr, betas=betas)
    ref = [w.detach().clone().numpy()]
    for _ in range(25):
        opt.zero_grad()
        (0.5 * torch.tensor(a) * w**2).sum().backward()
        opt.step()
        ref.append(w.detach().clone().numpy())
    ours = ex.adam_steps(lambda v: a * v, [1.5, -0.7, 3.0], lr=lr, betas=betas, steps=25)
    np.testing.assert_allclose(ours, np.array(ref), rtol=1e-12, atol=1e-14)
    with pytest.raises(ValueError, match="betas"):
        ex.adam_steps(lambda v: v, [1.0], betas=(1.0, 0.5))


@cov("bc-ratio1", "bc-m10", "bc-v10", "bc-v1000")
def test_bias_correction_factors():
    assert A["bc-ratio1"] == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-14)
    assert A["bc-m10"] == pytest.approx(-math.expm1(10 * math.log(0.9)), rel=1e-13)
    assert A["bc-v10"] == pytest.approx(-math.expm1(10 * math.log(0.999)), rel=1e-12)
    assert A["bc-v1000"] == pytest.approx(-math.expm1(1000 * math.log(0.999)), rel=1e-12)


@cov("adamw-adam", "adamw-adamw")
def test_adam_l2_versus_adamw():
    for cls, key in ((torch.optim.Adam, "adamw-adam"), (torch.optim.AdamW, "adamw-adamw")):
        w = param(1.0)
        opt = cls([w], lr=0.1, weight_decay=0.01)
        w.grad = torch.zeros(1, dtype=torch.float64)
        opt.step()
        assert A[key] == pytest.approx(w.item(), rel=1e-13)


@cov("lr-max", "lr-flat", "lr-steep", "lr-steps", "lr-kappa")
def test_learning_rate_on_a_quadratic():
    a = torch.tensor([1.0, 20.0], dtype=torch.float64)

    def final(lr, steps=200):
        w = torch.ones(2, dtype=torch.float64)
        for _ in range(steps):
            w = w - lr * a * w
        return w

    assert final(A["lr-max"] * 0.99)[1].abs() < 1 < final(A["lr-max"] * 1.01)[1].abs()
    w = torch.ones(2, dtype=torch.float64)
    w1 = w - 0.09 * a * w
    assert (A["lr-flat"], A["lr-steep"]) == pytest.approx((w1[0].abs().item(), w1[1].abs().item()), rel=1e-14)
    steps, err = 0, 1.0
    while err >= 1e-3:
        err *= 0.91
        steps += 1
    assert A["lr-steps"] == steps
    assert A["lr-kappa"] == (a.max() / a.min()).item()


def _torch_lr(make, t):
    opt = torch.optim.SGD([param(0.0)], lr=0.1)
    sched = make(opt)
    for _ in range(t):
        opt.step()
        sched.step()
    return opt.param_groups[0]["lr"]


@cov("sched-cos30", "sched-step65", "sched-warm2")
def test_learning_rate_schedules():
    S = torch.optim.lr_scheduler
    assert A["sched-cos30"] == pytest.approx(_torch_lr(lambda o: S.CosineAnnealingLR(o, T_max=100), 30), rel=1e-12)
    assert A["sched-step65"] == pytest.approx(_torch_lr(lambda o: S.StepLR(o, 30, 0.1), 65), rel=1e-12)
    assert A["sched-warm2"] == pytest.approx(_torch_lr(lambda o: S.LinearLR(o, 0.1, total_iters=5), 2), rel=1e-12)


@cov("fan-in", "fan-out", "fan-he", "fan-xavier", "fan-default")
def test_initialisation_scales():
    conv = nn.Conv2d(48, 64, 3)
    assert A["fan-in"] == conv.weight[0].numel()
    assert A["fan-out"] == conv.weight[:, 0].numel()
    bound = conv.weight.detach().abs().max().item()  # PyTorch's default init: uniform(-b, b)
    assert 0.99 * A["fan-default"] < bound <= A["fan-default"]
    torch.manual_seed(0)
    big = torch.empty(4096, 48, 3, 3)
    nn.init.kaiming_normal_(big, nonlinearity="relu")
    assert A["fan-he"] == pytest.approx(big.std().item(), rel=0.01)
    nn.init.xavier_uniform_(big[:64])
    assert 0.99 * A["fan-xavier"] < big[:64].abs().max().item() <= A["fan-xavier"]


@cov("he-factor", "he-std10")
def test_relu_halves_the_second_moment():
    torch.manual_seed(1)
    z = torch.randn(2_000_000, dtype=torch.float64)
    assert A["he-factor"] == pytest.approx((torch.relu(z) ** 2).mean().item(), rel=0.01)
    h = torch.randn(4000, 512, dtype=torch.float64)
    first = None
    for layer in range(10):
        w = torch.empty(512, 512, dtype=torch.float64)
        nn.init.xavier_normal_(w)
        z = h @ w.T
        first = z.std().item() if first is None else first
        h = torch.relu(z)
    # nine more layers after the first pre-activation: std shrinks by sqrt(1/2) per layer
    assert A["he-std10"] == pytest.approx(math.sqrt(0.5) * z.std().item() / first, rel=0.1)


@cov("bp-h", "bp-yhat", "bp-loss", "bp-delta", "bp-w2", "bp-w1")
def test_hand_backprop():
    w1, w2 = param(0.5), param(-1.0)
    h = torch.sigmoid(w1 * 1.0)
    y_hat = w2 * h
    loss = 0.5 * ((y_hat - 1.0) ** 2).sum()
    loss.backward()
    assert (A["bp-h"], A["bp-yhat"]) == pytest.approx((h.item(), y_hat.item()), rel=1e-14)
    assert A["bp-loss"] == pytest.approx(loss.item(), rel=1e-14)
    assert A["bp-delta"] == pytest.approx(y_hat.item() - 1.0, rel=1e-14)
    assert (A["bp-w2"], A["bp-w1"]) == pytest.approx((w2.grad.item(), w1.grad.item()), rel=1e-13)


@cov("gc-rel-exact", "gc-rel-wrong", "gc-vs-dlnotes")
def test_gradient_check_answers():
    x = torch.tensor(ex.GC_X, requires_grad=True)
    (x**2 * torch.sin(x)).sum().backward()
    auto = x.grad.numpy()
    num = ex.central_difference(ex._gc_f, ex.GC_X)
    assert np.max(np.abs(num - auto) / np.abs(auto)) < 1e-8
    assert A["gc-rel-exact"] < 1e-8
    wrong = 2 * ex.GC_X * np.sin(ex.GC_X)
    assert A["gc-rel-wrong"] == pytest.approx(np.max(np.abs(wrong - auto) / np.abs(auto)), rel=1e-6)
    assert 0 <= A["gc-vs-dlnotes"] < 1e-12


@pytest.mark.parametrize("n", [1, 4, 9])
def test_central_difference_matches_autograd(n):
    rng = np.random.default_rng(n)
    x, M = rng.normal(size=n), rng.normal(size=(n, n))
    xt = torch.tensor(x, requires_grad=True)
    torch.tanh(torch.tensor(M) @ xt).pow(2).sum().backward()
    ours = ex.central_difference(lambda v: float((np.tanh(M @ v) ** 2).sum()), x)
    np.testing.assert_allclose(ours, xt.grad.numpy(), rtol=1e-6, atol=1e-8)
    with pytest.raises(ValueError, match="h"):
        ex.central_difference(lambda v: 0.0, x, h=0.0)


@cov("clip-total", "clip-n1", "clip-n2", "clip-v1", "clip-v2", "clip-angle")
def test_gradient_clipping():
    g = torch.tensor([6.0, -8.0, 0.0], dtype=torch.float64)
    p1, p2 = param(0.0).expand(3).clone(), param(0.0).expand(3).clone()
    p1.grad, p2.grad = g.clone(), g.clone()
    total = torch.nn.utils.clip_grad_norm_([p1], max_norm=5.0)
    torch.nn.utils.clip_grad_value_([p2], clip_value=5.0)
    assert A["clip-total"] == pytest.approx(total.item(), rel=1e-14)
    assert (A["clip-n1"], A["clip-n2"]) == pytest.approx((p1.grad[0].item(), p1.grad[1].item()), rel=1e-14)
    assert (A["clip-v1"], A["clip-v2"]) == (p2.grad[0].item(), p2.grad[1].item())
    cos = F.cosine_similarity(g, p2.grad, dim=0).item()
    assert A["clip-angle"] == pytest.approx(math.degrees(math.acos(cos)), rel=1e-9)


@cov("van-09", "van-11")
def test_products_of_fifty_factors():
    for factor, key in ((0.9, "van-09"), (1.1, "van-11")):
        x = param(1.0)
        h = x
        for _ in range(50):
            h = h * factor
        h.sum().backward()
        assert A[key] == pytest.approx(x.grad.item(), rel=1e-12)


@cov("saddle-steps")
def test_escape_from_a_saddle():
    w = torch.tensor([0.0, 1e-6], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)
    steps = 0
    while abs(w[1].item()) < 1.0:
        opt.zero_grad()
        (0.5 * w[0] ** 2 - 0.5 * w[1] ** 2).backward()
        opt.step()
        steps += 1
    assert A["saddle-steps"] == steps


def test_every_answer_is_checked():
    assert not cov.missing(), cov.missing()
