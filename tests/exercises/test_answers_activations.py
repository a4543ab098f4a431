"""The activations chapter's computed answers, each against torch, SciPy or a closed form."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.stats import norm

from _answers import Coverage
from dlnotes._exercises import activations as ex

cov = Coverage(ex)
A = cov.answers


def t(x):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


@cov("collapse-maxdiff")
def test_linear_layers_collapse_into_one():
    torch.manual_seed(0)
    layers = [torch.nn.Linear(i, o, dtype=torch.float64) for i, o in [(4, 5), (5, 3), (3, 2)]]
    x = torch.randn(100, 4, dtype=torch.float64)
    with torch.no_grad():
        deep = layers[2](layers[1](layers[0](x)))
        W = layers[2].weight @ layers[1].weight @ layers[0].weight
        b = layers[2].weight @ (layers[1].weight @ layers[0].bias + layers[1].bias) + layers[2].bias
        single = x @ W.T + b
    assert (deep - single).abs().max().item() < 1e-12
    assert 0 <= A["collapse-maxdiff"] < 1e-12


@cov("sig-g0", "sig-g2", "sig-s01", "sig-x01")
def test_sigmoid_derivative():
    for x, key in [(0.0, "sig-g0"), (2.0, "sig-g2")]:
        v = t(x)
        torch.sigmoid(v).backward()
        assert v.grad.item() == pytest.approx(A[key], abs=1e-15)
    # sigma'(x) = 1 / (4 cosh^2(x / 2)) = 0.1  <=>  x = 2 arccosh(sqrt(1 / 0.4))
    x01 = 2 * math.acosh(math.sqrt(1 / 0.4))
    assert A["sig-x01"] == pytest.approx(x01, rel=1e-12)
    assert A["sig-s01"] == pytest.approx(torch.sigmoid(torch.tensor(x01, dtype=torch.float64)).item(), rel=1e-12)


@cov("vanish-n", "vanish-bound", "vanish-prev")
def test_vanishing_bound():
    n = math.ceil(6 / math.log10(4))
    assert A["vanish-n"] == n
    assert A["vanish-bound"] == pytest.approx(4.0**-n, rel=1e-15)
    assert A["vanish-prev"] == pytest.approx(4.0 ** -(n - 1), rel=1e-15)


@cov("tanh-g07", "tanh-4sig", "tanh-07", "tanh-2sig")
def test_tanh_is_a_scaled_sigmoid():
    x = t(0.7)
    torch.tanh(x).backward()
    assert A["tanh-g07"] == pytest.approx(x.grad.item(), rel=1e-14)
    u = t(1.4)
    (4 * torch.sigmoid(u)).backward()  # d/du 4 sigma(u) = 4 sigma'(u)
    assert A["tanh-4sig"] == pytest.approx(u.grad.item(), rel=1e-14)
    assert A["tanh-07"] == pytest.approx(math.tanh(0.7), rel=1e-14)
    assert A["tanh-2sig"] == pytest.approx(math.tanh(0.7), rel=1e-14)


@cov("dying-share", "dying-z")
def test_dying_relu_share():
    assert A["dying-share"] == pytest.approx(norm.cdf(0.0, loc=-0.2, scale=0.1), rel=1e-12)
    assert A["dying-z"] == pytest.approx(2.0)


@cov("leaky-y1", "leaky-y2", "leaky-y3", "leaky-y4", "leaky-g1", "leaky-g2", "leaky-g3", "leaky-g4", "prelu-da")
def test_leaky_relu_and_prelu():
    x = t([-2.0, -0.5, 0.0, 1.5])
    y = F.leaky_relu(x, 0.01)
    y.sum().backward()
    for i in range(4):
        assert A[f"leaky-y{i + 1}"] == pytest.approx(y[i].item(), abs=1e-15)
        assert A[f"leaky-g{i + 1}"] == pytest.approx(x.grad[i].item(), abs=1e-15)
    a = t([0.25])
    F.prelu(x.detach(), a).sum().backward()
    assert A["prelu-da"] == pytest.approx(a.grad.item(), abs=1e-15)


@cov("temp-p1", "temp-p2", "temp-p3", "temp-max05", "temp-max2", "temp-uniform")
def test_softmax_temperature():
    z = torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64)
    p = torch.softmax(z, 0)
    for i in range(3):
        assert A[f"temp-p{i + 1}"] == pytest.approx(p[i].item(), rel=1e-14)
    assert A["temp-max05"] == pytest.approx(torch.softmax(z / 0.5, 0).max().item(), rel=1e-14)
    assert A["temp-max2"] == pytest.approx(torch.softmax(z / 2, 0).max().item(), rel=1e-14)
    assert A["temp-uniform"] == pytest.approx(torch.softmax(z / 1e9, 0).max().item(), rel=1e-8)


@cov("lsm-1", "lsm-2", "lsm-3")
def test_log_softmax_of_huge_logits():
    ref = torch.log_softmax(torch.tensor([1000.0, 999.0, 990.0], dtype=torch.float64), 0)
    for i in range(3):
        assert A[f"lsm-{i + 1}"] == pytest.approx(ref[i].item(), rel=1e-14)


@pytest.mark.parametrize("shape,axis,offset", [((5,), -1, 0.0), ((4, 7), 1, 800.0), ((3, 4, 5), 0, -900.0),
                                               ((6, 2), -1, 1e4)])
def test_stable_log_softmax_matches_torch(shape, axis, offset):
    x = np.random.default_rng(1).normal(scale=10, size=shape) + offset
    ours = ex.stable_log_softmax(x, axis=axis)
    ref = torch.log_softmax(torch.from_numpy(x), dim=axis).numpy()
    np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-9)
    assert np.isfinite(ours).all()


def test_stable_log_softmax_rejects_bad_input():
    with pytest.raises(ValueError, match="x"):
        ex.stable_log_softmax([1.0, np.nan])
    with pytest.raises(TypeError, match="x"):
        ex.stable_log_softmax(["a", "b"])
    with pytest.raises(ValueError, match="axis"):
        ex.stable_log_softmax([1.0, 2.0], axis=3)


@cov("ceg-1", "ceg-2", "ceg-3", "ceg-loss", "ceg-sum")
def test_cross_entropy_gradient_is_p_minus_y():
    z = t([[2.0, 1.0, 0.1]])
    loss = F.cross_entropy(z, torch.tensor([0]))
    loss.backward()
    for i in range(3):
        assert A[f"ceg-{i + 1}"] == pytest.approx(z.grad[0, i].item(), rel=1e-13)
    assert A["ceg-loss"] == pytest.approx(loss.item(), rel=1e-14)
    assert abs(A["ceg-sum"]) < 1e-15


@cov("double-bound", "double-pmax")
def test_softmax_before_cross_entropy_caps_the_loss():
    # the best a network can do: softmax gives a one-hot vector, which then goes in as logits
    probs = torch.softmax(torch.tensor([[200.0, 0, 0, 0, 0]], dtype=torch.float64), 1)
    assert A["double-bound"] == pytest.approx(F.cross_entropy(probs, torch.tensor([0])).item(), rel=1e-12)
    assert A["double-pmax"] == pytest.approx(torch.softmax(probs[0], 0)[0].item(), rel=1e-12)


@cov("vjp-1", "vjp-2", "vjp-3", "vjp-sum")
def test_softmax_vjp_answers():
    z = t([2.0, 1.0, 0.1])
    torch.softmax(z, 0).backward(torch.tensor([1.0, -1.0, 0.5], dtype=torch.float64))
    for i in range(3):
        assert A[f"vjp-{i + 1}"] == pytest.approx(z.grad[i].item(), rel=1e-12)
    assert abs(A["vjp-sum"]) < 1e-15


@pytest.mark.parametrize("k", [2, 5, 40])
def test_softmax_vjp_matches_autograd(k):
    rng = np.random.default_rng(k)
    z, g = rng.normal(scale=3, size=k), rng.normal(size=k)
    zt = torch.tensor(z, requires_grad=True)
    torch.softmax(zt, 0).backward(torch.tensor(g))
    np.testing.assert_allclose(ex.softmax_vjp(z, g), zt.grad.numpy(), rtol=1e-12, atol=1e-15)
    with pytest.raises(ValueError, match="g"):
        ex.softmax_vjp(z, g[:-1])


@cov("pieces-kinks", "pieces-n", "pieces-max")
def test_relu_network_pieces():
    w, b, v = (torch.tensor(a) for a in ex._relu_net())
    x = torch.linspace(-3, 3, 600_001, dtype=torch.float64)
    f = (torch.relu(x[:, None] * w + b) * v).sum(1)
    second = (f[2:] - 2 * f[1:-1] + f[:-2]).abs() > 1e-12
    idx = torch.nonzero(second).flatten()
    clusters = 0 if idx.numel() == 0 else 1 + int((idx[1:] - idx[:-1] > 2).sum())
    assert A["pieces-kinks"] == clusters
    assert A["pieces-n"] == clusters + 1
    assert A["pieces-max"] == w.numel() + 1


def test_every_answer_is_checked():
    assert not cov.missing(), cov.missing()
