"""Values left behind by the architecture examples, checked against independent references."""

import numpy as np
import pytest
import torch
from _gallery import run_example


# -- plot_01: 1x1 convolution on a photo -----------------------------------------------
def test_conv1x1_example_is_a_per_pixel_matrix_product():
    ns, _ = run_example("architectures/plot_01_conv1x1.py")
    assert ns["max_abs_diff"] < 1e-12 and ns["pixel_diff"] < 1e-12
    rgb, weight = ns["rgb"], ns["weight"].numpy()
    expected = np.tensordot(weight, np.moveaxis(rgb, -1, 0), axes=1)  # (3, H, W)
    np.testing.assert_allclose(ns["y"][0].numpy(), expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ns["y"][0, 0].numpy(), rgb @ np.array([0.299, 0.587, 0.114]), rtol=1e-12)


# -- plot_02: bottleneck arithmetic -------------------------------------------------------
def test_bottleneck_example_numbers_match_the_closed_forms():
    ns, _ = run_example("architectures/plot_02_bottleneck.py")
    hw = 28 * 28
    assert ns["direct"] == {"params": 25 * 192 * 32 + 32, "macs": hw * 32 * 25 * 192}
    assert ns["direct"] == {"params": 153_632, "macs": 120_422_400}
    assert ns["reduced"] == {"params": 192 * 16 + 16 + 25 * 16 * 32 + 32, "macs": hw * (16 * 192 + 32 * 25 * 16)}
    assert ns["reduced"]["macs"] == 12_443_648
    naive_w = 192 * 64 + 9 * 192 * 128 + 25 * 192 * 32
    assert ns["module_numbers"]["naive"] == (naive_w + 64 + 128 + 32, hw * naive_w, 64 + 128 + 32 + 192)
    reduced_w = 192 * 64 + 192 * 96 + 9 * 96 * 128 + 192 * 16 + 25 * 16 * 32 + 192 * 32
    biases = 64 + 96 + 128 + 16 + 32 + 32
    assert ns["module_numbers"]["reduced"] == (reduced_w + biases, hw * reduced_w, 256)
    assert ns["macs_ratio"] == pytest.approx(120_422_400 / 12_443_648)


# -- plot_03: the diagram is read from the modules -------------------------------------------
def test_inception_diagram_shows_table_1_of_the_paper():
    ns, _ = run_example("architectures/plot_03_inception_module.py")
    naive, reduced = ns["structure"].values()
    # each box: "<k>×<k> 卷积\n<channels> 通道" or "最大池化\n<k>×<k> 步幅 1"; keep line 1 + first word of line 2
    label = lambda branch: [" ".join([text.split("\n")[0], text.split("\n")[1].split()[0]]) for text, _ in branch]
    # inception (3a): #1x1 64, #3x3 reduce 96, #3x3 128, #5x5 reduce 16, #5x5 32, pool proj 32
    assert [label(b) for b in reduced] == [
        ["1×1 卷积 64"], ["1×1 卷积 96", "3×3 卷积 128"], ["1×1 卷积 16", "5×5 卷积 32"], ["最大池化 3×3", "1×1 卷积 32"]
    ]
    assert [label(b) for b in naive] == [["1×1 卷积 64"], ["3×3 卷积 128"], ["5×5 卷积 32"], ["最大池化 3×3"]]
    assert list(ns["outputs"].values()) == [(1, 64 + 128 + 32 + 192, 28, 28), (1, 256, 28, 28)]


# -- plot_04: factorised convolutions -----------------------------------------------------------
def test_factorisation_example_windows_and_savings():
    ns, _ = run_example("architectures/plot_04_factorization.py")
    pyramid = np.outer([1, 2, 3, 2, 1], [1, 2, 3, 2, 1])
    expected = np.zeros((9, 9))
    expected[2:7, 2:7] = pyramid
    np.testing.assert_array_equal(ns["paths_two_3x3"], expected)
    expected = np.zeros((9, 9))
    expected[1:8, 1:8] = 1
    np.testing.assert_array_equal(ns["paths_asym_7"], expected)
    c2 = ns["C"] ** 2
    assert ns["counts"] == {"3x3": (9 * c2, 6 * c2), "5x5": (25 * c2, 18 * c2), "7x7": (49 * c2, 14 * c2)}
    assert ns["savings"]["7x7"] == pytest.approx(5 / 7)
    assert ns["savings"]["5x5"] == pytest.approx(7 / 25)


# -- plot_07: classic CNNs ---------------------------------------------------------------------
def test_classic_cnn_example_reports_torchvision_counts():
    ns, _ = run_example("architectures/plot_07_classic_cnns.py")
    published = {  # torchvision: parameters, GFLOPS (multiply-adds) at 224 x 224; depth in the name
        "AlexNet": (61_100_840, 0.71, 8), "VGG-16": (138_357_544, 15.47, 16), "GoogLeNet": (6_624_904, 1.50, 22),
        "ResNet-18": (11_689_512, 1.81, 18), "ResNet-50": (25_557_032, 4.09, 50),
        "DenseNet-121": (7_978_856, 2.83, 121),
    }
    for name, (params, gmacs, depth) in published.items():
        s = ns["stats"][name]
        assert (s["params"], round(s["macs"] / 1e9, 2), s["depth"]) == (params, gmacs, depth)
        assert s["output_shape"] == (1, 1000)
# --- 05: highway depth experiment -------------------------------------------------------
# The reference networks below are rebuilt from torch.nn.Linear in DeepMLP's construction
# order and run with torch primitives, so neither the init nor the forward pass of the
# example's networks is trusted; the optimiser of the replay is torch.optim.Adam.

HIGHWAY_SCRIPT = "architectures/plot_05_highway_depth.py"


@pytest.fixture(scope="module")
def hw():
    return run_example(HIGHWAY_SCRIPT)


def _reference_params(e, kind, depth, residual_scale, gate_bias=None):
    """Initial parameters with PyTorch's default Linear init, drawn in DeepMLP's order."""
    gate_bias = e.get("GATE_BIAS") if gate_bias is None else gate_bias
    torch.manual_seed(e["SEED"])
    n_in, width, n_out = e["IN_FEATURES"], e["WIDTH"], e["N_CLASSES"]
    stem = torch.nn.Linear(n_in, width)
    layers = []
    for _ in range(depth):
        if kind == "highway":
            h, t = torch.nn.Linear(width, width), torch.nn.Linear(width, width)
            layers.append([h.weight, h.bias, t.weight, t.bias.detach().fill_(gate_bias)])
        else:
            lin = torch.nn.Linear(width, width)
            s = residual_scale if kind == "residual" else 1.0
            layers.append([lin.weight * s, lin.bias * s])
    head = torch.nn.Linear(width, n_out)
    flat = [stem.weight, stem.bias] + [p for layer in layers for p in layer] + [head.weight, head.bias]
    return [p.detach().clone().requires_grad_(True) for p in flat]


def _reference_loss(kind, params, x, y):
    relu, lin = torch.relu, torch.nn.functional.linear
    h = relu(lin(x, params[0], params[1]))
    per_layer = 4 if kind == "highway" else 2
    hidden = params[2:-2]
    for i in range(0, len(hidden), per_layer):
        p = hidden[i:i + per_layer]
        if kind == "plain":
            h = relu(lin(h, p[0], p[1]))
        elif kind == "residual":
            h = h + relu(lin(h, p[0], p[1]))
        else:
            t = torch.sigmoid(lin(h, p[2], p[3]))
            h = relu(lin(h, p[0], p[1])) * t + h * (1 - t)
    logits = lin(h, params[-2], params[-1])
    return torch.nn.functional.cross_entropy(logits, y)


def test_highway_example_runs(hw):
    e, n_figures = hw
    assert n_figures == 1
    assert set(e["final_loss"]) == {(k, d) for k in ("plain", "highway", "residual") for d in (10, 30, 50)}
    assert all(len(c) == e["N_STEPS"] + 1 for c in e["loss_curves"].values())
    assert torch.get_num_threads() == e["torch_threads"]


@pytest.mark.parametrize("kind", ["plain", "highway", "residual"])
def test_highway_initial_nets_are_default_init(hw, kind):
    e = hw[0]
    net = e["make_net"](kind, 10)
    ref = _reference_params(e, kind, 10, e["RESIDUAL_SCALE"])
    got = list(net.parameters())
    assert len(got) == len(ref)
    for a, b in zip(got, ref):
        torch.testing.assert_close(a.detach(), b.detach(), rtol=0, atol=0)


@pytest.mark.parametrize("kind", ["plain", "highway", "residual"])
def test_highway_first_steps_replayed_with_torch_adam(hw, kind):
    # Same initial weights, an independent forward pass and torch.optim.Adam: the loss
    # trace of the first steps must agree with the example's to float32 rounding.
    e = hw[0]
    n = 6
    params = _reference_params(e, kind, 10, e["RESIDUAL_SCALE"])
    opt = torch.optim.Adam(params, lr=e["LR"])
    trace = []
    for _ in range(n):
        loss = _reference_loss(kind, params, e["X"], e["Y"])
        trace.append(loss.item())
        opt.zero_grad()
        loss.backward()
        opt.step()
    np.testing.assert_allclose(e["loss_curves"][kind, 10][:n], trace, rtol=2e-4, atol=1e-6)


def test_highway_final_loss_is_last_point_of_curve(hw):
    e = hw[0]
    for key, curve in e["loss_curves"].items():
        assert e["final_loss"][key] == curve[-1]


def test_highway_residual_default_init_blows_up(hw):
    e = hw[0]
    with torch.no_grad():
        for depth in (10, 30, 50):
            ref = _reference_loss("residual", _reference_params(e, "residual", depth, 1.0), e["X"], e["Y"])
            assert e["residual_default_initial_loss"][depth] == pytest.approx(ref.item(), rel=1e-4)
    assert 2 < e["residual_default_initial_loss"][10] < 4  # "about 3" on the page
    assert e["residual_default_initial_loss"][50] > 1e4  # "tens of thousands" on the page


def test_highway_what_the_page_claims(hw):
    e = hw[0]
    f = e["final_loss"]
    freq = np.bincount(e["Y"].numpy()) / len(e["Y"])
    entropy = -(freq * np.log(freq)).sum()  # cross-entropy of the best constant output
    assert e["prior_entropy"] == pytest.approx(entropy, rel=1e-12)
    # deep plain nets learn nothing beyond the class frequencies
    assert f["plain", 30] == pytest.approx(entropy, abs=0.01)
    assert f["plain", 50] == pytest.approx(entropy, abs=0.01)
    assert f["plain", 50] > 2 * f["plain", 10]
    # depth 50 highway and residual nets stay far below even the depth-10 plain net
    for kind in ("highway", "residual"):
        assert f[kind, 10] < 0.1
        assert f[kind, 50] < 0.25 * f["plain", 10]
        assert f[kind, 50] < 0.2
    # page and example: the highway loss grows with depth, "高出一个数量级" from 10 to 50 layers,
    # yet "不到 10 层普通网络的五分之一"; the residual losses are "不到 10 层普通网络的百分之一"
    assert f["highway", 10] < f["highway", 30] < f["highway", 50]
    assert 5 < f["highway", 50] / f["highway", 10] < 20
    assert f["highway", 50] < 0.2 * f["plain", 10]
    for depth in (10, 30, 50):
        assert f["residual", depth] < 0.01 * f["plain", 10]


# --- 06: gate bias and the gradient at initialisation -----------------------------------


@pytest.fixture(scope="module")
def hw6():
    return run_example("architectures/plot_06_highway_gate_bias.py")


def test_highway_gate_bias_example_runs(hw6):
    e, n_figures = hw6
    assert n_figures == 1
    assert torch.get_num_threads() == e["torch_threads"]


@pytest.mark.parametrize("bias", [0.0, -1.0, -2.0, -3.0, -4.0, "plain"])
def test_highway_gate_bias_grad_norms_match_reference(hw6, bias):
    e = hw6[0]
    kind = "plain" if bias == "plain" else "highway"
    params = _reference_params(e, kind, e["DEPTH"], 1.0, gate_bias=None if bias == "plain" else bias)
    loss = _reference_loss(kind, params, e["X"], e["Y"])
    step = 2 if kind == "plain" else 4
    weights = [params[0]] + params[2:-2:step]  # stem, then W_H (W) of each hidden layer
    norms = np.array([g.norm().item() for g in torch.autograd.grad(loss, weights)])
    np.testing.assert_allclose(e["grad_norms"][bias], norms[1:], rtol=1e-4)
    assert e["stem_grad"][bias] == pytest.approx(norms[0], rel=1e-4)


def test_highway_gate_bias_claims(hw6):
    e = hw6[0]
    biases = [0.0, -1.0, -2.0, -3.0, -4.0]
    stem = [e["stem_grad"][b] for b in biases]
    assert all(a < b for a, b in zip(stem, stem[1:]))  # more negative bias, more gradient reaches the input
    first = [e["grad_norms"][b][0] for b in biases]
    assert first[0] < 1e-3 * first[2] < 1e-3 * first[3]
    for b in (-3.0, -4.0):  # the 50 layers get gradients of the same order
        g = e["grad_norms"][b]
        assert g.max() / g.min() < 10
        assert 0.3 < g[0] / g[-1] < 1.5  # figure, right panel: the first/last ratio is close to 1
    p = e["grad_norms"]["plain"]
    assert p[0] < 1e-17 * p[-1]  # "nearly twenty orders of magnitude"
    g0 = e["grad_norms"][0.0]
    assert g0[0] < 1e-10 * g0[-1]  # "more than ten orders of magnitude" with the gates half open
    for b in biases:  # the mean gate at init is close to sigmoid(b), but W_T x shifts it
        assert e["mean_gate"][b] == pytest.approx(1 / (1 + np.exp(-b)), abs=0.005)
