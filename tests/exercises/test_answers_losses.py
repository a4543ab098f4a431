"""The losses chapter's computed answers, each against torch, SciPy or a closed form."""

import heapq
import math
from fractions import Fraction

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.optimize import minimize_scalar
from scipy.stats import entropy

from _answers import Coverage
from dlnotes._exercises import losses as ex

cov = Coverage(ex)
A = cov.answers


def t(x, grad=False):
    return torch.tensor(x, dtype=torch.float64, requires_grad=grad)


@cov("lsg-t1", "lsg-t2", "lsg-t3", "lsg-p1", "lsg-p2", "lsg-p3", "lsg-g1", "lsg-g2", "lsg-g3", "lsg-loss")
def test_label_smoothed_cross_entropy_gradient():
    z = t([[0.5, -1.2, 2.0]], grad=True)
    loss = F.cross_entropy(z, torch.tensor([2]), label_smoothing=0.1)
    loss.backward()
    assert A["lsg-loss"] == pytest.approx(loss.item(), rel=1e-13)
    p = torch.softmax(z.detach(), 1)[0]
    for i in range(3):
        assert A[f"lsg-p{i + 1}"] == pytest.approx(p[i].item(), rel=1e-13)
        assert A[f"lsg-g{i + 1}"] == pytest.approx(z.grad[0, i].item(), rel=1e-12)
        target = A[f"lsg-p{i + 1}"] - A[f"lsg-g{i + 1}"]  # gradient = p - target
        assert A[f"lsg-t{i + 1}"] == pytest.approx(target, rel=1e-12)
    assert A["lsg-t3"] == pytest.approx(float(Fraction(9, 10) + Fraction(1, 30)), rel=1e-15)


@cov("cvm-p", "cvm-ce", "cvm-mse", "cvm-ratio")
def test_cross_entropy_versus_mse_gradient():
    z1, z2 = t([-5.0], True), t([-5.0], True)
    F.binary_cross_entropy_with_logits(z1, t([1.0])).backward()
    F.mse_loss(torch.sigmoid(z2), t([1.0])).backward()
    assert A["cvm-p"] == pytest.approx(torch.sigmoid(t(-5.0)).item(), rel=1e-14)
    assert A["cvm-ce"] == pytest.approx(z1.grad.item(), rel=1e-13)
    assert A["cvm-mse"] == pytest.approx(z2.grad.item(), rel=1e-13)
    assert A["cvm-ratio"] == pytest.approx(z1.grad.item() / z2.grad.item(), rel=1e-12)


@cov("bce-pos", "bce-neg", "bce-logit30", "bce-naive32")
def test_binary_cross_entropy_values():
    assert A["bce-pos"] == pytest.approx(F.binary_cross_entropy(t([0.8]), t([1.0])).item(), rel=1e-14)
    assert A["bce-neg"] == pytest.approx(F.binary_cross_entropy(t([0.8]), t([0.0])).item(), rel=1e-14)
    assert A["bce-logit30"] == pytest.approx(F.binary_cross_entropy_with_logits(t([30.0]), t([0.0])).item(), rel=1e-15)
    naive = -torch.log(1 - torch.sigmoid(torch.tensor(30.0, dtype=torch.float32)))
    assert A["bce-naive32"] == str(float(naive)) == "inf"


def _huffman_average_length(p):
    heap = [(q, i, 0.0) for i, q in enumerate(p)]  # (probability, tie-break, weighted depth)
    heapq.heapify(heap)
    total, k = 0.0, len(p)
    while len(heap) > 1:
        a, _, da = heapq.heappop(heap)
        b, _, db = heapq.heappop(heap)
        total += a + b  # every merge adds one bit to each symbol below it
        heapq.heappush(heap, (a + b, k, 0.0))
        k += 1
    return total


@cov("ent-h", "ent-hpq", "ent-kl", "ent-avg-len", "ent-code-bits")
def test_entropy_in_bits():
    p, q = ex._P_ENT, np.full(5, 0.2)
    assert A["ent-h"] == pytest.approx(entropy(p, base=2), rel=1e-14)
    assert A["ent-kl"] == pytest.approx(entropy(p, q, base=2), rel=1e-13)
    assert A["ent-hpq"] == pytest.approx(-math.fsum(pi * math.log2(qi) for pi, qi in zip(p, q)), rel=1e-14)
    assert A["ent-avg-len"] == pytest.approx(_huffman_average_length(p), rel=1e-14)
    assert A["ent-code-bits"] == pytest.approx(math.log(5, 2), rel=1e-14)


@cov("kl-hp", "kl-hpq", "kl-pq", "kl-qp")
def test_kl_divergence_in_nats():
    p, q = ex._P_KL, ex._Q_KL
    assert A["kl-hp"] == pytest.approx(entropy(p), rel=1e-14)
    assert A["kl-pq"] == pytest.approx(F.kl_div(torch.log(t(q)), t(p), reduction="sum").item(), rel=1e-13)
    assert A["kl-qp"] == pytest.approx(entropy(q, p), rel=1e-13)
    assert A["kl-hpq"] == pytest.approx(-(t(p) * torch.log(t(q))).sum().item(), rel=1e-14)


@cov("ls-true", "ls-other", "ls-min", "ls-at-min", "ls-gap")
def test_label_smoothing_minimum():
    target = np.full(10, 0.01)
    target[0] = 0.91
    assert (A["ls-true"], A["ls-other"]) == pytest.approx((0.91, 0.01), rel=1e-14)
    assert A["ls-min"] == pytest.approx(entropy(target), rel=1e-13)
    best = F.cross_entropy(torch.log(t(target[None])), torch.tensor([0]), label_smoothing=0.1).item()
    assert A["ls-at-min"] == pytest.approx(best, rel=1e-13)
    # a nearby point is worse: the smoothed loss has its minimum there
    assert F.cross_entropy(torch.log(t(target[None])) * 1.1, torch.tensor([0]), label_smoothing=0.1).item() > best
    assert A["ls-gap"] == pytest.approx(math.log(91), rel=1e-14)


@cov("focal-ce09", "focal-fl09", "focal-mod09", "focal-ce03", "focal-fl03", "focal-mod03",
     "focal-ratio-ce", "focal-ratio-fl")
def test_focal_loss_values():
    for tag, pt in (("09", 0.9), ("03", 0.3)):
        p = t(pt)
        assert A[f"focal-ce{tag}"] == pytest.approx(-torch.log(p).item(), rel=1e-12)
        assert A[f"focal-fl{tag}"] == pytest.approx((-0.25 * (1 - p) ** 2 * torch.log(p)).item(), rel=1e-12)
        assert A[f"focal-mod{tag}"] == pytest.approx(float((1 - Fraction(str(pt))) ** 2), rel=1e-14)
    assert A["focal-ratio-ce"] == pytest.approx(math.log(0.3) / math.log(0.9), rel=1e-12)
    assert A["focal-ratio-fl"] == pytest.approx(0.49 * math.log(0.3) / (0.01 * math.log(0.9)), rel=1e-12)


@cov("prior-b", "prior-sig", "prior-neg", "prior-pos", "prior-total0", "prior-totalb", "prior-each0")
def test_prior_bias_initialisation():
    b = torch.logit(t(0.01)).item()
    assert A["prior-b"] == pytest.approx(b, rel=1e-14)
    assert A["prior-sig"] == pytest.approx(0.01, rel=1e-14)
    y = torch.cat([torch.ones(1), torch.zeros(1000)]).double()
    each = F.binary_cross_entropy_with_logits(torch.full_like(y, b), y, reduction="none")
    assert (A["prior-pos"], A["prior-neg"]) == pytest.approx((each[0].item(), each[1].item()), rel=1e-12)
    assert A["prior-totalb"] == pytest.approx(each.sum().item(), rel=1e-12)
    zero = F.binary_cross_entropy_with_logits(torch.zeros_like(y), y, reduction="sum").item()
    assert A["prior-total0"] == pytest.approx(zero, rel=1e-13)
    assert A["prior-each0"] == pytest.approx(zero / 1001, rel=1e-13)


@cov("alpha-threshold", "alpha-ratio", "alpha-invfreq")
def test_alpha_weighting():
    a = Fraction(3, 4)
    assert A["alpha-threshold"] == float(1 - a)
    assert A["alpha-ratio"] == float(a / (1 - a))
    assert A["alpha-invfreq"] == pytest.approx(float(Fraction(1, 1) / (1 + Fraction(1, 100))), rel=1e-15)


@cov("sl1-l1", "sl1-l2", "sl1-l3", "sl1-l4", "sl1-g1", "sl1-g2", "sl1-g3", "sl1-g4", "sl1-mean")
def test_smooth_l1_answers():
    x = t([-3.0, -0.5, 0.2, 2.0], True)
    each = F.smooth_l1_loss(x, torch.zeros(4, dtype=torch.float64), reduction="none")
    each.mean().backward()
    for i in range(4):
        assert A[f"sl1-l{i + 1}"] == pytest.approx(each[i].item(), rel=1e-14)
        assert A[f"sl1-g{i + 1}"] == pytest.approx(x.grad[i].item(), rel=1e-14)
    assert A["sl1-mean"] == pytest.approx(each.mean().item(), rel=1e-14)


@pytest.mark.parametrize("beta", [0.5, 1.0, 2.5])
def test_smooth_l1_with_grad_matches_torch(beta):
    rng = np.random.default_rng(7)
    x, y = rng.normal(scale=3, size=(4, 5)), rng.normal(size=(4, 5))
    xt = torch.tensor(x, requires_grad=True)
    loss = F.smooth_l1_loss(xt, torch.tensor(y), beta=beta)
    loss.backward()
    ours, grad = ex.smooth_l1_with_grad(x, y, beta)
    assert ours == pytest.approx(loss.item(), rel=1e-13)
    np.testing.assert_allclose(grad, xt.grad.numpy(), rtol=1e-13, atol=1e-16)
    with pytest.raises(ValueError, match="beta"):
        ex.smooth_l1_with_grad(x, y, 0.0)
    with pytest.raises(ValueError, match="shape"):
        ex.smooth_l1_with_grad(x, y[0])


@cov("fit-l2", "fit-l1", "fit-huber")
def test_constant_fits_with_outliers():
    data = torch.tensor(ex._FIT_DATA)

    def best(loss):
        return minimize_scalar(lambda c: loss(torch.full_like(data, c), data).item(),
                               bounds=(0, 100), method="bounded", options={"xatol": 1e-10}).x

    assert A["fit-l2"] == pytest.approx(best(lambda a, b: F.mse_loss(a, b, reduction="sum")), abs=1e-6)
    assert A["fit-l1"] == pytest.approx(best(lambda a, b: F.l1_loss(a, b, reduction="sum")), abs=1e-6)
    assert A["fit-huber"] == pytest.approx(best(lambda a, b: F.huber_loss(a, b, reduction="sum", delta=3.0)), abs=1e-6)


@cov("entc-fair", "entc-biased")
def test_entropy_bits_answers():
    assert A["entc-fair"] == pytest.approx(entropy([0.5, 0.5, 0.0], base=2), rel=1e-15)
    assert A["entc-biased"] == pytest.approx(entropy([0.9, 0.1], base=2), rel=1e-14)


@pytest.mark.parametrize("k", [1, 2, 7, 50])
def test_entropy_bits_matches_scipy(k):
    p = np.random.default_rng(k).dirichlet(np.full(k, 0.3))
    p[0] += 1 - p.sum()
    assert ex.entropy_bits(p) == pytest.approx(entropy(p, base=2), rel=1e-12, abs=1e-15)
    with pytest.raises(ValueError, match="p"):
        ex.entropy_bits(np.full(k, 2.0 / k))


@cov("wce-raw1", "wce-raw2", "wce-raw3", "wce-mean", "wce-naive", "wce-den", "wce-sum")
def test_weighted_cross_entropy_mean():
    z, y, w = torch.tensor(ex.WCE_Z), torch.tensor(ex.WCE_Y), torch.tensor(ex.WCE_W)
    raw = F.cross_entropy(z, y, reduction="none")
    for i in range(3):
        assert A[f"wce-raw{i + 1}"] == pytest.approx(raw[i].item(), rel=1e-14)
    weighted = F.cross_entropy(z, y, weight=w, reduction="none")
    assert A["wce-mean"] == pytest.approx(F.cross_entropy(z, y, weight=w).item(), rel=1e-14)
    assert A["wce-sum"] == pytest.approx(weighted.sum().item(), rel=1e-14)
    assert A["wce-naive"] == pytest.approx(weighted.mean().item(), rel=1e-14)
    assert A["wce-den"] == pytest.approx(weighted.sum().item() / F.cross_entropy(z, y, weight=w).item(), rel=1e-12)


def test_every_answer_is_checked():
    assert not cov.missing(), cov.missing()
