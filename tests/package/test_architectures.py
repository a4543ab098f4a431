"""dlnotes.architectures against published numbers, the papers' tables and torch itself.

The counts (parameters, multiply-adds, depth) are tested in test_profiler.py."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from _reference import PUBLISHED, on_meta
from dlnotes import architectures as A
from dlnotes.layers import conv2d as np_conv2d

@pytest.fixture(scope="module", params=sorted(PUBLISHED))
def model(request):
    return request.param, on_meta(getattr(A, request.param))


def test_output_shape_for_one_image(model):
    name, net = model
    out = net.eval()(torch.empty(1, 3, 224, 224, device="meta"))
    assert out.shape == (1, 1000)


def feature_shapes(net, x, kinds):
    shapes = []
    hooks = [m.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape)))
             for m in net.modules() if isinstance(m, kinds)]
    net.eval()(x)
    for h in hooks:
        h.remove()
    return shapes


def test_googlenet_inception_outputs_follow_table_1_of_the_paper():
    # Table 1 of Szegedy et al. 2015: output sizes of inception (3a) ... (5b)
    expected = [(256, 28), (480, 28), (512, 14), (512, 14), (512, 14), (528, 14), (832, 14), (832, 7), (1024, 7)]
    shapes = feature_shapes(on_meta(A.googlenet), torch.empty(1, 3, 224, 224, device="meta"), A.Inception)
    assert [(s[1], s[2]) for s in shapes] == expected
    assert all(s[2] == s[3] for s in shapes)


@pytest.mark.parametrize("factory, widths", [(A.resnet18, (64, 128, 256, 512)), (A.resnet50, (256, 512, 1024, 2048))])
def test_resnet_stage_outputs_follow_table_1_of_the_paper(factory, widths):
    net = on_meta(factory)
    shapes = feature_shapes(net, torch.empty(2, 3, 224, 224, device="meta"), nn.Sequential)
    stage_shapes = [shapes[shapes.index(s)] for s in shapes if s[1:] in
                    [(c, r, r) for c, r in zip(widths, (56, 28, 14, 7))]]
    assert sorted(set(stage_shapes)) == sorted((2, c, r, r) for c, r in zip(widths, (56, 28, 14, 7)))


def test_densenet_block_outputs():
    # DenseNet-121: 64 + 6*32 = 256 -> 128, 128 + 12*32 = 512 -> 256, 256 + 24*32 = 1024 -> 512, 512 + 16*32 = 1024
    shapes = feature_shapes(on_meta(A.densenet121), torch.empty(1, 3, 224, 224, device="meta"), A.DenseBlock)
    assert shapes == [(1, 256, 56, 56), (1, 512, 28, 28), (1, 1024, 14, 14), (1, 1024, 7, 7)]


def test_alexnet_feature_map_at_224_is_6x6():
    shapes = feature_shapes(on_meta(A.alexnet), torch.empty(1, 3, 224, 224, device="meta"), nn.Conv2d)
    assert [s[1:] for s in shapes] == [(64, 55, 55), (192, 27, 27), (384, 13, 13), (256, 13, 13), (256, 13, 13)]


def test_resnet50_v1_strides_the_1x1_and_costs_less():
    v15, v1 = on_meta(A.resnet50), on_meta(A.resnet50, stride_in_1x1=True)
    assert A.count_params(v1) == A.count_params(v15)
    # v1.5 runs the first 1x1 of stages 2-4 at the full input resolution: 3/4 H^2 C_in P more
    extra = sum(3 * (h * h // 4) * c_in * p for h, c_in, p in ((56, 256, 128), (28, 512, 256), (14, 1024, 512)))
    assert A.count_macs(v15) - A.count_macs(v1) == extra


def test_googlenet_paper_variant_has_5x5_kernels_and_biases():
    paper = on_meta(A.googlenet, paper=True)
    kernels = {m.kernel_size for m in paper.modules() if isinstance(m, nn.Conv2d)}
    assert (5, 5) in kernels
    assert not any(isinstance(m, nn.BatchNorm2d) for m in paper.modules())
    # per inception module: 5x5 instead of 3x3 weights, biases instead of BN's two vectors
    extra = 0
    for cin, c1, c3r, c3, c5r, c5, pp in A.GoogLeNet.CONFIG.values():
        extra += (25 - 9) * c5r * c5 - (c1 + c3r + c3 + c5r + c5 + pp)
    extra -= 64 + 64 + 192  # the stem's three convolutions
    assert A.count_params(paper) - A.count_params(on_meta(A.googlenet)) == extra


@pytest.mark.parametrize("factory, size", [(A.resnet18, 64), (A.googlenet, 64), (A.densenet121, 64)])
def test_real_forward_and_backward_on_cpu(factory, size):
    torch.manual_seed(0)
    net = factory(num_classes=7)
    x = torch.randn(2, 3, size, size)
    out = net.train()(x)
    assert out.shape == (2, 7) and torch.isfinite(out).all()
    out.sum().backward()
    assert all(p.grad is not None for p in net.parameters())


# -- 1x1 convolution ------------------------------------------------------------------------
@pytest.mark.parametrize("shape, c_out", [((2, 3, 5, 7), 4), ((1, 192, 6, 6), 16), ((3, 1, 2, 2), 1)])
@pytest.mark.parametrize("bias", [True, False])
def test_conv1x1_equals_conv2d(shape, c_out, bias):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(shape, generator=g, dtype=torch.float64)
    w = torch.randn(c_out, shape[1], 1, 1, generator=g, dtype=torch.float64)
    b = torch.randn(c_out, generator=g, dtype=torch.float64) if bias else None
    expected = F.conv2d(x, w, b)
    torch.testing.assert_close(A.conv1x1(x, w, b), expected, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(A.conv1x1(x, w[:, :, 0, 0], b), expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np_conv2d(x.numpy(), w.numpy(), None if b is None else b.numpy()),
                               expected.numpy(), rtol=1e-12, atol=1e-12)


def test_conv1x1_acts_on_each_pixel_alone():
    x = torch.zeros(1, 3, 4, 4, dtype=torch.float64)
    x[0, :, 1, 2] = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    w = torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]], dtype=torch.float64)
    y = A.conv1x1(x, w)
    assert torch.count_nonzero(y[0, :, :, :].abs().sum(0)) == 1
    torch.testing.assert_close(y[0, :, 1, 2], torch.tensor([-2.0, 3.0], dtype=torch.float64))


@pytest.mark.parametrize("x_shape, w_shape, b_shape, match", [
    ((1, 3, 4, 4), (2, 4), None, "C_in"),
    ((3, 4, 4), (2, 3), None, "x must have shape"),
    ((1, 3, 4, 4), (2, 3, 3, 3), None, "weight must be"),
    ((1, 3, 4, 4), (2, 3), (3,), "bias"),
])
def test_conv1x1_rejects_bad_shapes(x_shape, w_shape, b_shape, match):
    b = None if b_shape is None else torch.zeros(b_shape)
    with pytest.raises(ValueError, match=match):
        A.conv1x1(torch.zeros(x_shape), torch.zeros(w_shape), b)


# -- Inception ------------------------------------------------------------------------------
def conv_count(c_in, c_out, k):
    return k * k * c_in * c_out + c_out


def test_inception_3a_parameters_with_and_without_reductions():
    cin, c1, c3r, c3, c5r, c5, pp = A.GoogLeNet.CONFIG["3a"]
    module = A.Inception(cin, c1, c3r, c3, c5r, c5, pp)
    expected = (conv_count(cin, c1, 1) + conv_count(cin, c3r, 1) + conv_count(c3r, c3, 3)
                + conv_count(cin, c5r, 1) + conv_count(c5r, c5, 5) + conv_count(cin, pp, 1))
    assert A.count_params(module) == expected == 163_696
    naive = A.NaiveInception(cin, c1, c3, c5)
    assert A.count_params(naive) == conv_count(cin, c1, 1) + conv_count(cin, c3, 3) + conv_count(cin, c5, 5)
    assert naive.out_channels == c1 + c3 + c5 + cin


@pytest.mark.parametrize("batch_norm, kernel", [(False, 5), (True, 3), (False, 7)])
def test_inception_output_is_the_concatenation_of_its_branches(batch_norm, kernel):
    torch.manual_seed(0)
    module = A.Inception(8, 3, 4, 5, 2, 6, 7, kernel_5x5=kernel, batch_norm=batch_norm).eval()
    x = torch.randn(2, 8, 9, 11)
    y = module(x)
    assert module.out_channels == 3 + 5 + 6 + 7
    assert y.shape == (2, module.out_channels, 9, 11)
    parts = [module.branch1(x), module.branch2(x), module.branch3(x), module.branch4(x)]
    assert [p.shape[1] for p in parts] == [3, 5, 6, 7]
    torch.testing.assert_close(y, torch.cat(parts, 1))
    # the pool branch: max over the 3x3 neighbourhood (-inf padding) then the 1x1 projection
    conv = module.branch4[1][0]
    pooled = F.max_pool2d(F.pad(x, (1, 1, 1, 1), value=-math.inf), 3, stride=1)
    pre = F.conv2d(pooled, conv.weight, conv.bias)
    if batch_norm:
        bn = module.branch4[1][1]
        pre = (pre - bn.running_mean[None, :, None, None]) / torch.sqrt(bn.running_var + bn.eps)[None, :, None, None]
        pre = pre * bn.weight[None, :, None, None] + bn.bias[None, :, None, None]
    torch.testing.assert_close(y[:, -7:], F.relu(pre))


def test_naive_inception_keeps_the_input_in_the_pool_branch():
    torch.manual_seed(0)
    x = torch.randn(1, 4, 6, 6)
    module = A.NaiveInception(4, 2, 3, 1)
    y = module(x)
    assert y.shape == (1, 2 + 3 + 1 + 4, 6, 6)
    torch.testing.assert_close(y[:, -4:], F.max_pool2d(x, 3, stride=1, padding=1))


@pytest.mark.parametrize("n", [3, 5, 7])
def test_asymmetric_conv_has_an_n_by_n_receptive_field_with_2n_weights(n):
    torch.manual_seed(0)
    c = 4
    pair = A.AsymmetricConv2d(c, c, n).double()
    assert A.count_params(pair) == 2 * n * c * c
    assert A.count_params(nn.Conv2d(c, c, n, bias=False)) == n * n * c * c
    x = torch.randn(1, c, 15, 15, dtype=torch.float64, requires_grad=True)
    y = pair(x)
    assert y.shape == x.shape
    y[0, 0, 7, 7].backward()
    support = x.grad.abs().sum(1)[0] > 0
    rows, cols = torch.nonzero(support, as_tuple=True)
    assert (rows.min(), rows.max(), cols.min(), cols.max()) == (7 - n // 2, 7 + n // 2, 7 - n // 2, 7 + n // 2)
    assert support.sum() == n * n
    # without a non-linearity in between the pair is one n x n convolution of rank-1 kernels
    w1, w2 = pair[0].weight, pair[1].weight  # (c, c, 1, n), (c, c, n, 1)
    combined = torch.einsum("omk,mil->oikl", w2[:, :, :, 0], w1[:, :, 0, :])
    torch.testing.assert_close(y, F.conv2d(x, combined, padding=n // 2))


@pytest.mark.parametrize("kwargs, error, match", [
    ({"in_channels": 0}, ValueError, "in_channels"),
    ({"ch5x5": 2.5}, TypeError, "ch5x5"),
    ({"kernel_5x5": 4}, ValueError, "kernel_5x5"),
    ({"batch_norm": "yes"}, TypeError, "batch_norm"),
])
def test_inception_rejects_bad_configurations(kwargs, error, match):
    args = dict(zip(("in_channels", "ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj"), A.GoogLeNet.CONFIG["3a"]))
    args.update(kwargs)
    with pytest.raises(error, match=match):
        A.Inception(**args)


def test_channel_mismatch_is_reported_with_in_channels():
    module = A.Inception(*A.GoogLeNet.CONFIG["3b"])
    with pytest.raises(ValueError, match=r"256 channels.*in_channels.*\(1, 192, 28, 28\)"):
        module(torch.zeros(1, 192, 28, 28))
    with pytest.raises(ValueError, match="in_channels"):
        A.NaiveInception(3, 1, 1, 1)(torch.zeros(1, 4, 5, 5))
    with pytest.raises(ValueError, match="3 channels"):
        on_meta(A.resnet18)(torch.empty(1, 1, 224, 224, device="meta"))
    with pytest.raises(ValueError, match="n must be odd"):
        A.AsymmetricConv2d(2, 2, 4)


@pytest.mark.parametrize("factory, kwargs, error, match", [
    (A.ResNet, {"block": A.BasicBlock, "blocks": (2, 2, 2)}, ValueError, "blocks"),
    (A.ResNet, {"block": A.BasicBlock, "blocks": (2, 2, 0, 2)}, ValueError, "blocks"),
    (A.VGG, {"cfg": [64, "X"]}, TypeError, "cfg"),
    (A.DenseNet, {"growth_rate": 0}, ValueError, "growth_rate"),
    (A.AlexNet, {"num_classes": 0}, ValueError, "num_classes"),
])
def test_models_reject_bad_configurations(factory, kwargs, error, match):
    with pytest.raises(error, match=match):
        factory(**kwargs)


# -- Highway, residual and plain layers -------------------------------------------------
def test_highway_layer_follows_its_formula():
    torch.manual_seed(0)
    layer = A.HighwayLayer(6, gate_bias=-1.5).double()
    assert torch.equal(layer.gate.bias, torch.full((6,), -1.5, dtype=torch.float64))
    x = torch.randn(5, 6, dtype=torch.float64)
    h = torch.relu(x @ layer.transform.weight.T + layer.transform.bias)
    t = torch.sigmoid(x @ layer.gate.weight.T + layer.gate.bias)
    y, gate = layer(x, return_gate=True)
    torch.testing.assert_close(y, h * t + x * (1 - t), rtol=1e-14, atol=1e-14)
    torch.testing.assert_close(gate, t)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_highway_layer_with_gate_bias_to_minus_infinity_is_the_identity(dtype):
    torch.manual_seed(0)
    x = torch.randn(7, 5, dtype=dtype)
    for bias in (-1e4, -math.inf):
        layer = A.HighwayLayer(5, gate_bias=-1e4).to(dtype)
        with torch.no_grad():
            layer.gate.bias.fill_(bias)
        assert torch.equal(layer(x), x)
    # and the gap closes as the bias decreases: |y - x| <= sigma(b + |W_T x|) |H(x) - x|
    layer = A.HighwayLayer(5).to(dtype)
    gaps = []
    for b in (-2.0, -6.0, -12.0, -24.0):
        with torch.no_grad():
            layer.gate.bias.fill_(b)
        gaps.append((layer(x) - x).abs().max().item())
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 1e-8


def test_highway_layer_with_open_gates_is_the_transform():
    torch.manual_seed(0)
    layer = A.HighwayLayer(4, gate_bias=1e4)
    x = torch.randn(3, 4)
    torch.testing.assert_close(layer(x), torch.relu(layer.transform(x)))


def test_residual_and_plain_layers():
    torch.manual_seed(0)
    x = torch.randn(3, 4)
    res, plain = A.ResidualLayer(4), A.PlainLayer(4)
    torch.testing.assert_close(res(x), x + torch.relu(x @ res.linear.weight.T + res.linear.bias))
    torch.testing.assert_close(plain(x), torch.relu(x @ plain.linear.weight.T + plain.linear.bias))


@pytest.mark.parametrize("kind, per_layer", [("plain", 8 * 8 + 8), ("residual", 8 * 8 + 8), ("highway", 2 * (8 * 8 + 8))])
def test_deep_mlp_structure(kind, per_layer):
    net = A.DeepMLP(kind, 3, 8, 2, depth=5)
    assert A.count_params(net) == (3 * 8 + 8) + 5 * per_layer + (8 * 2 + 2)
    assert len(net.layers) == 5
    assert net(torch.zeros(4, 3)).shape == (4, 2)
    assert A.count_weight_layers(net, (4, 3)) == 2 + 5


@pytest.mark.parametrize("call, error, match", [
    (lambda: A.HighwayLayer(4)(torch.zeros(2, 5)), ValueError, "features"),
    (lambda: A.ResidualLayer(4)(torch.zeros(2, 3)), ValueError, "features"),
    (lambda: A.HighwayLayer(0), ValueError, "features"),
    (lambda: A.HighwayLayer(4, gate_bias="low"), TypeError, "gate_bias"),
    (lambda: A.DeepMLP("conv", 2, 4, 2, 3), ValueError, "kind"),
    (lambda: A.DeepMLP("plain", 2, 4, 2, -1), ValueError, "depth"),
])
def test_layers_reject_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
