"""The layers chapter's computed answers, each against torch or a closed form."""

import math
from fractions import Fraction

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from _answers import Coverage
from dlnotes._exercises import layers as ex

cov = Coverage(ex)
A = cov.answers


def numel(module):
    return sum(p.numel() for p in module.parameters())


@cov("mlp-p1", "mlp-p2", "mlp-params", "mlp-macs")
def test_mlp_parameters_and_macs():
    l1, l2 = nn.Linear(3072, 512), nn.Linear(512, 10)
    assert (A["mlp-p1"], A["mlp-p2"]) == (numel(l1), numel(l2))
    assert A["mlp-params"] == numel(nn.Sequential(l1, nn.ReLU(), l2))
    assert A["mlp-macs"] == l1.weight.numel() + l2.weight.numel()


@cov("emb-params", "emb-onehot-macs", "emb-copy")
def test_embedding_table():
    emb = nn.Embedding(30_000, 256)
    assert A["emb-params"] == emb.weight.numel()
    assert A["emb-onehot-macs"] == 30_000 * emb.embedding_dim  # one multiply per table entry
    assert A["emb-copy"] == emb(torch.tensor([7])).numel()


@cov("size-conv1", "size-pool", "size-conv2", "size-exact")
def test_output_sizes():
    x = torch.zeros(1, 1, 32, 32)
    a = nn.Conv2d(1, 1, 5)(x)
    b = nn.MaxPool2d(2)(a)
    c = nn.Conv2d(1, 1, 3, stride=2, padding=1)(b)
    assert (A["size-conv1"], A["size-pool"], A["size-conv2"]) == (a.shape[-1], b.shape[-1], c.shape[-1])
    assert A["size-exact"] == float(Fraction(b.shape[-1] - 3 + 2, 2))


@cov("cost-params", "cost-weights", "cost-per-out", "cost-macs1", "cost-out2", "cost-macs2")
def test_conv_parameters_and_macs():
    conv = nn.Conv2d(64, 128, 3, padding=1)
    assert A["cost-params"] == numel(conv)
    assert A["cost-weights"] == conv.weight.numel()
    assert A["cost-per-out"] == conv.weight[0].numel()
    with torch.device("meta"):
        y1 = nn.Conv2d(64, 128, 3, padding=1)(torch.empty(1, 64, 56, 56))
        y2 = nn.Conv2d(64, 128, 3, padding=1, stride=2)(torch.empty(1, 64, 56, 56))
    assert A["cost-macs1"] == y1.numel() * conv.weight[0].numel()
    assert A["cost-out2"] == y2.shape[-1]
    assert A["cost-macs2"] == y2.numel() * conv.weight[0].numel()


@cov("same-7-before", "same-7-after", "same-7-out", "same-8-before", "same-8-after", "same-8-out")
@pytest.mark.parametrize("n", [7, 8])
def test_tensorflow_same_padding(n):
    k, s = 4, 2
    total = max(k - s, 0) if n % s == 0 else max(k - n % s, 0)  # TensorFlow's own formulation
    assert (A[f"same-{n}-before"], A[f"same-{n}-after"]) == (total // 2, total - total // 2)
    x = F.pad(torch.zeros(1, 1, n), (total // 2, total - total // 2))
    out = F.conv1d(x, torch.zeros(1, 1, k), stride=s).shape[-1]
    assert A[f"same-{n}-out"] == out == math.ceil(n / s)


def _dependence(layers, n=200, position=None):
    """Input indices that one output of a 1-d stack depends on (autograd, weights = 1)."""
    x = torch.ones(1, 1, n, dtype=torch.float64, requires_grad=True)
    h = x
    for kind, k, s in layers:
        h = F.conv1d(h, torch.ones(1, 1, k, dtype=torch.float64), stride=s) if kind == "conv" else F.avg_pool1d(h, k, s)
    out = h[0, 0, h.shape[-1] // 2 if position is None else position]
    (g,) = torch.autograd.grad(out, x)
    idx = torch.nonzero(g[0, 0]).flatten()
    return int(idx.min()), int(idx.max())


@cov("rf-1", "rf-2", "rf-3", "rf-4", "rf-5", "rf-jump-1", "rf-jump-2", "rf-jump-3", "rf-jump-4", "rf-jump-5")
def test_receptive_field_by_autograd():
    stack = [("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2), ("conv", 3, 1), ("conv", 3, 2)]
    for depth in range(1, 6):
        lo, hi = _dependence(stack[:depth], position=5)
        lo2, _ = _dependence(stack[:depth], position=6)
        assert A[f"rf-{depth}"] == hi - lo + 1
        assert A[f"rf-jump-{depth}"] == lo2 - lo


@cov("poolfc-before", "poolfc-after", "poolfc-ratio")
def test_pooling_shrinks_the_next_fully_connected_layer():
    before, after = numel(nn.Linear(8 * 8 * 256, 1024)), numel(nn.Linear(4 * 4 * 256, 1024))
    assert (A["poolfc-before"], A["poolfc-after"]) == (before, after)
    assert A["poolfc-ratio"] == pytest.approx(before / after, rel=1e-15)


@cov("poolbp-max-r1", "poolbp-max-r2", "poolbp-max-r3", "poolbp-max-r4", "poolbp-max-sum",
     "poolbp-avg-r1", "poolbp-avg-r2", "poolbp-avg-r3", "poolbp-avg-r4", "poolbp-avg-sum")
@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pooling_backprop(kind):
    x = torch.tensor(ex.POOL_X[None, None], requires_grad=True)
    pool = F.max_pool2d if kind == "max" else F.avg_pool2d
    pool(x, 2).backward(torch.tensor(ex.POOL_G[None, None]))
    g = x.grad[0, 0].numpy()
    for i, row in enumerate(g, 1):
        assert [float(v) for v in A[f"poolbp-{kind}-r{i}"].split("，")] == row.tolist()
    assert A[f"poolbp-{kind}-sum"] == g.sum() == ex.POOL_G.sum()


@cov("im2col-shape", "im2col-cols", "im2col-positions", "im2col-maxdiff")
def test_im2col_answers():
    ref = F.conv2d(torch.zeros(2, 3, 9, 9), torch.zeros(4, 3, 3, 3), stride=2, padding=1)
    assert A["im2col-shape"] == " × ".join(str(s) for s in ref.shape)
    assert A["im2col-cols"] == 3 * 3 * 3
    assert A["im2col-positions"] == ref.shape[2] * ref.shape[3]
    assert 0 <= A["im2col-maxdiff"] < 1e-12


@pytest.mark.parametrize("shape,wshape,stride,padding", [
    ((2, 3, 9, 9), (4, 3, 3, 3), 2, 1), ((1, 1, 5, 7), (2, 1, 2, 3), 1, 0),
    ((3, 2, 8, 8), (5, 2, 5, 5), 3, 2), ((1, 4, 4, 4), (1, 4, 4, 4), 1, 0)])
def test_conv2d_im2col_matches_torch(shape, wshape, stride, padding):
    rng = np.random.default_rng(sum(shape))
    x, w, b = rng.normal(size=shape), rng.normal(size=wshape), rng.normal(size=wshape[0])
    ref = F.conv2d(torch.tensor(x), torch.tensor(w), torch.tensor(b), stride=stride, padding=padding).numpy()
    np.testing.assert_allclose(ex.conv2d_im2col(x, w, b, stride, padding), ref, rtol=1e-12, atol=1e-12)


def test_conv2d_im2col_rejects_bad_input():
    with pytest.raises(ValueError, match="channels"):
        ex.conv2d_im2col(np.zeros((1, 2, 4, 4)), np.zeros((1, 3, 2, 2)))
    with pytest.raises(ValueError, match="stride"):
        ex.conv2d_im2col(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 2, 2)), stride=0)
    with pytest.raises(TypeError, match="padding"):
        ex.conv2d_im2col(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 2, 2)), padding=1.5)


def _torch_bins(length, n):
    out = F.adaptive_avg_pool1d(torch.eye(length, dtype=torch.float64)[:, None, :], n)[:, 0, :]  # (L, n)
    bins = []
    for i in range(n):
        members = torch.nonzero(out[:, i]).flatten()
        bins.append((int(members.min()), int(members.max()) + 1))
    return bins


@cov("adapt-7-3", "adapt-8-4")
def test_adaptive_bins_answers():
    assert A["adapt-7-3"] == "、".join(f"[{a}, {b})" for a, b in _torch_bins(7, 3))
    assert A["adapt-8-4"] == "、".join(f"[{a}, {b})" for a, b in _torch_bins(8, 4))


@pytest.mark.parametrize("length", [1, 5, 10, 17, 31])
def test_adaptive_bins_match_torch(length):
    for n in range(1, length + 1):
        assert ex.adaptive_bins(length, n) == _torch_bins(length, n)
    with pytest.raises(ValueError, match="n"):
        ex.adaptive_bins(length, 0)


@cov("gap-flat", "gap-fc", "gap-gap", "gap-ratio")
def test_global_average_pooling_head():
    fc, gap = numel(nn.Linear(7 * 7 * 2048, 1000)), numel(nn.Linear(2048, 1000))
    assert A["gap-flat"] == torch.zeros(2048, 7, 7).flatten().numel()
    assert (A["gap-fc"], A["gap-gap"]) == (fc, gap)
    assert A["gap-ratio"] == pytest.approx(fc / gap, rel=1e-15)


@cov("dil-span", "dil-out", "dil-exact")
def test_dilated_convolution():
    y = F.conv1d(torch.zeros(1, 1, 100), torch.zeros(1, 1, 3), stride=2, dilation=4)
    assert A["dil-out"] == y.shape[-1]
    x = torch.zeros(1, 1, 30, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(F.conv1d(x, torch.ones(1, 1, 3, dtype=torch.float64), dilation=4)[0, 0, 0], x)
    idx = torch.nonzero(g[0, 0]).flatten()
    assert A["dil-span"] == int(idx.max() - idx.min()) + 1
    assert A["dil-exact"] == float(Fraction(100 - 4 * 2 - 1, 2) + 1)


def test_every_answer_is_checked():
    assert not cov.missing(), cov.missing()
