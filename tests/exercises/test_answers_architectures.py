"""The architectures chapter's computed answers, each against networks built with PyTorch."""

import math

import numpy as np
import pytest
import torch
from torch import nn

from _answers import Coverage
from dlnotes._exercises import architectures as ex

cov = Coverage(ex)
A = cov.answers


def numel(module):
    return sum(p.numel() for p in module.parameters())


def macs(module, shape):
    """Multiply-accumulates of the convolutions and linear layers, counted with forward hooks."""
    total = 0

    def hook(m, inputs, out):
        nonlocal total
        if isinstance(m, nn.Conv2d):
            total += out.numel() // out.shape[0] * m.weight[0].numel()
        elif isinstance(m, nn.Linear):
            total += out.numel() // out.shape[0] * m.in_features

    handles = [m.register_forward_hook(hook) for m in module.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.device("meta"):
        module(torch.empty(shape, device="meta"))
    for h in handles:
        h.remove()
    return total


@cov("bot-direct-p", "bot-direct-m", "bot-red-p", "bot-red-m", "bot-ratio-m")
def test_bottleneck_savings():
    with torch.device("meta"):
        direct = nn.Conv2d(256, 64, 5, padding=2)
        reduced = nn.Sequential(nn.Conv2d(256, 32, 1), nn.ReLU(), nn.Conv2d(32, 64, 5, padding=2))
    assert (A["bot-direct-p"], A["bot-red-p"]) == (numel(direct), numel(reduced))
    md, mr = macs(direct, (1, 256, 28, 28)), macs(reduced, (1, 256, 28, 28))
    assert (A["bot-direct-m"], A["bot-red-m"]) == (md, mr)
    assert A["bot-ratio-m"] == pytest.approx(md / mr, rel=1e-15)


@cov("c11-params", "c11-macs", "c33-params")
def test_one_by_one_convolution():
    with torch.device("meta"):
        c11, c33 = nn.Conv2d(512, 128, 1), nn.Conv2d(512, 128, 3)
    assert (A["c11-params"], A["c33-params"]) == (numel(c11), numel(c33))
    assert A["c11-macs"] == macs(c11, (1, 512, 14, 14))


@cov("inc-b1", "inc-b2", "inc-b3", "inc-b4", "inc-params", "inc-out")
def test_inception_3b():
    c = ex.INCEPTION_3B
    with torch.device("meta"):
        branches = [nn.Conv2d(c["c_in"], c["c1"], 1),
                    nn.Sequential(nn.Conv2d(c["c_in"], c["c3r"], 1), nn.Conv2d(c["c3r"], c["c3"], 3, padding=1)),
                    nn.Sequential(nn.Conv2d(c["c_in"], c["c5r"], 1), nn.Conv2d(c["c5r"], c["c5"], 5, padding=2)),
                    nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(c["c_in"], c["pool"], 1))]
        out = torch.cat([b(torch.empty(1, c["c_in"], 28, 28)) for b in branches], 1)
    for i, b in enumerate(branches, 1):
        assert A[f"inc-b{i}"] == numel(b)
    assert A["inc-params"] == sum(numel(b) for b in branches)
    assert A["inc-out"] == out.shape[1]


@cov("fac-7", "fac-asym", "fac-three", "fac-save-asym", "fac-save-three")
def test_factorisations():
    with torch.device("meta"):
        full = nn.Conv2d(128, 128, 7, bias=False)
        asym = nn.Sequential(nn.Conv2d(128, 128, (1, 7), bias=False), nn.Conv2d(128, 128, (7, 1), bias=False))
        three = nn.Sequential(*[nn.Conv2d(128, 128, 3, bias=False) for _ in range(3)])
    assert (A["fac-7"], A["fac-asym"], A["fac-three"]) == (numel(full), numel(asym), numel(three))
    assert A["fac-save-asym"] == pytest.approx(1 - 2 * 7 / 49, rel=1e-14)
    assert A["fac-save-three"] == pytest.approx(1 - 27 / 49, rel=1e-14)


@cov("rfs-3", "rfs-ratio")
def test_stacked_3x3_receptive_field():
    x = torch.ones(1, 1, 21, 21, dtype=torch.float64, requires_grad=True)
    h = x
    for _ in range(3):
        h = nn.functional.conv2d(h, torch.ones(1, 1, 3, 3, dtype=torch.float64))
    (g,) = torch.autograd.grad(h[0, 0, 7, 7], x)
    rows = torch.nonzero(g[0, 0].sum(1)).flatten()
    assert A["rfs-3"] == int(rows.max() - rows.min()) + 1
    assert A["rfs-ratio"] == pytest.approx(27 / 49, rel=1e-14)


@cov("gate-t", "gate-c", "gate-c30")
def test_highway_gate_at_bias_minus_two():
    t = torch.sigmoid(torch.tensor(-2.0, dtype=torch.float64)).item()
    assert (A["gate-t"], A["gate-c"]) == pytest.approx((t, 1 - t), rel=1e-14)
    assert A["gate-c30"] == pytest.approx(math.exp(30 * math.log1p(-t)), rel=1e-12)


def _torch_highway(x, W_H, b_H, W_T, b_T):
    h = torch.relu(x @ W_H.T + b_H)
    t = torch.sigmoid(x @ W_T.T + b_T)
    return h * t + x * (1 - t)


@cov("hw-closed", "hw-open")
@pytest.mark.parametrize("d", [1, 6, 17])
def test_highway_forward_matches_torch(d):
    rng = np.random.default_rng(d)
    args = [rng.normal(size=(4, d)), rng.normal(size=(d, d)), rng.normal(size=d), rng.normal(size=(d, d)), rng.normal(size=d)]
    ref = _torch_highway(*(torch.tensor(a) for a in args)).numpy()
    np.testing.assert_allclose(ex.highway_forward(*args), ref, rtol=1e-13, atol=1e-14)
    assert 0 <= A["hw-closed"] < 1e-12 and 0 <= A["hw-open"] < 1e-12
    with pytest.raises(ValueError, match="b_T"):
        ex.highway_forward(args[0], args[1], args[2], args[3], np.zeros(d + 1))


@cov("sc-095", "sc-105")
def test_scaled_shortcuts_over_a_hundred_layers():
    for factor, key in ((0.95, "sc-095"), (1.05, "sc-105")):
        x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        h = x
        for _ in range(100):
            h = factor * h
        h.backward()
        assert A[key] == pytest.approx(x.grad.item(), rel=1e-12)


@cov("res-basic", "res-bottleneck", "res-ratio")
def test_resnet_blocks():
    with torch.device("meta"):
        basic = nn.Sequential(nn.Conv2d(256, 256, 3, padding=1, bias=False), nn.BatchNorm2d(256), nn.ReLU(),
                              nn.Conv2d(256, 256, 3, padding=1, bias=False), nn.BatchNorm2d(256))
        bottleneck = nn.Sequential(nn.Conv2d(256, 64, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                                   nn.Conv2d(64, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                                   nn.Conv2d(64, 256, 1, bias=False), nn.BatchNorm2d(256))
    assert (A["res-basic"], A["res-bottleneck"]) == (numel(basic), numel(bottleneck))
    assert A["res-ratio"] == pytest.approx(numel(basic) / numel(bottleneck), rel=1e-15)


@cov("vgg-conv", "vgg-fc", "vgg-total", "vgg-fc-share", "vgg-fc1")
def test_vgg16_parameters():
    layers, c = [], 3
    for i, width in enumerate(ex.VGG16_CONVS):
        layers.append(nn.Conv2d(c, width, 3, padding=1))
        c = width
    with torch.device("meta"):
        convs = nn.Sequential(*[nn.Conv2d(a.in_channels, a.out_channels, 3, padding=1) for a in layers])
        fcs = nn.Sequential(nn.Linear(512 * 7 * 7, 4096), nn.Linear(4096, 4096), nn.Linear(4096, 1000))
    assert (A["vgg-conv"], A["vgg-fc"]) == (numel(convs), numel(fcs))
    assert A["vgg-total"] == numel(convs) + numel(fcs) == 138_357_544  # torchvision's published count
    assert A["vgg-fc-share"] == pytest.approx(numel(fcs) / (numel(convs) + numel(fcs)), rel=1e-15)
    assert A["vgg-fc1"] == numel(fcs[0])


@cov("dense-b1", "dense-t1", "dense-b2", "dense-t2", "dense-b3", "dense-t3", "dense-b4")
def test_densenet121_channels():
    from dlnotes import architectures as arch

    seen = []
    with torch.device("meta"):
        model = arch.densenet121()
        hooks = [m.register_forward_hook(lambda m, i, o, kind=kind: seen.append((kind, o.shape[1])))
                 for m in model.modules()
                 for kind in [("b" if isinstance(m, arch.DenseBlock) else "t" if isinstance(m, arch.Transition) else None)]
                 if kind]
        model(torch.empty(1, 3, 224, 224))
    for h in hooks:
        h.remove()
    counts = {"b": 0, "t": 0}
    for kind, channels in seen:
        counts[kind] += 1
        assert A[f"dense-{kind}{counts[kind]}"] == channels
    assert counts == {"b": 4, "t": 3}


def test_every_answer_is_checked():
    assert not cov.missing(), cov.missing()
