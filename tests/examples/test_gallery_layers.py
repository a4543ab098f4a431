"""Checks of the layers examples (``gallery/layers``).

Each script runs once per session (see ``_gallery.py``); the variables it leaves behind
are checked against torch (``torch.nn.functional``, autograd, real modules) and against
closed forms, never against the script's own code.
"""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from _gallery import run_example, scripts

SCRIPTS = scripts("layers")


def t(x):
    return torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)


def test_scripts_found():
    assert "layers/plot_01_conv_arithmetic.py" in SCRIPTS
    assert len(SCRIPTS) == 6


# --- layers/plot_01: convolution arithmetic ----------------------------------------------


@pytest.fixture(scope="module")
def ex01():
    return run_example("layers/plot_01_conv_arithmetic.py")[0]


def test_01_cases_match_torch_shapes(ex01):
    cases = ex01["cases"]
    assert set(cases) == {"valid", "same, S=1", "same, S=2", "dilation D=2"}
    for c in cases.values():
        before, after = c["pad"]
        x = F.pad(torch.zeros(1, 1, c["n"], c["n"]), (before, after, before, after))
        real = F.conv2d(x, torch.ones(1, 1, c["k"], c["k"]), stride=c["s"], dilation=c["d"]).shape
        assert c["out"] == c["measured"] == real[-1] == real[-2]
    assert cases["valid"]["out"] == 3 and cases["dilation D=2"]["out"] == 3
    assert cases["same, S=1"]["out"] == 5 and cases["same, S=1"]["pad"] == (1, 1)
    assert cases["same, S=2"]["pad"] == (0, 1) and cases["same, S=2"]["out"] == 3


def test_01_stride2_same_padding(ex01):
    sizes, pads, outs = ex01["sizes"], ex01["same_pads"], ex01["same_outputs"]
    for n, (before, after), out in zip(sizes, pads, outs):
        total = max((math.ceil(n / 2) - 1) * 2 + 3 - n, 0)  # TensorFlow's SAME rule
        assert (before, after) == (total // 2, total - total // 2)
        real = F.conv1d(F.pad(torch.zeros(1, 1, int(n)), (int(before), int(after))), torch.ones(1, 1, 3), stride=2)
        assert out == real.shape[-1] == math.ceil(n / 2)


# --- layers/plot_02: receptive field on an ECG -----------------------------------------


@pytest.fixture(scope="module")
def ex02():
    return run_example("layers/plot_02_receptive_field_ecg.py")[0]


def _autograd_rf(kernels, strides):
    """Receptive field and jump of each layer of a conv1d stack, read off autograd."""
    x = torch.zeros(1, 1, 4000, dtype=torch.float64, requires_grad=True)
    h, rf, jump = x, [], []
    for k, s in zip(kernels, strides):
        h = F.conv1d(h, torch.ones(1, 1, k, dtype=torch.float64), stride=s)
        spans = []
        for pos in (1, 2):
            (g,) = torch.autograd.grad(h[0, 0, pos], x, retain_graph=True)
            nz = np.flatnonzero(g.numpy()[0, 0])
            spans.append((nz[0], nz[-1]))
        rf.append(spans[0][1] - spans[0][0] + 1)
        jump.append(spans[1][0] - spans[0][0])
    return rf, jump


def test_02_receptive_fields_match_autograd(ex02):
    strides = [2] * 8
    for kernels, rf, jump, ms in (([15, 7, 5, 3, 3, 3, 3, 3], ex02["rf_a"], ex02["jump_a"], ex02["rf_ms_a"]),
                                  ([3] * 8, ex02["rf_b"], ex02["jump_b"], ex02["rf_ms_b"])):
        ref_rf, ref_jump = _autograd_rf(kernels, strides)
        assert list(rf) == ref_rf and list(jump) == ref_jump
        np.testing.assert_allclose(ms, np.array(ref_rf) / 256 * 1000, rtol=1e-12)
    assert ex02["rf_a"][0] == 15 and ex02["rf_b"][0] == 3
    assert ex02["rf_ms_a"][0] == pytest.approx(58.59375)


def test_02_feature_map_lengths_match_torch(ex02):
    h = torch.zeros(1, 1, 10_000)
    lengths = [10_000]
    for k in [15, 7, 5, 3, 3, 3, 3, 3]:
        h = F.conv1d(h, torch.ones(1, 1, k), stride=2, padding=k // 2)
        lengths.append(h.shape[-1])
    assert ex02["lengths_a"] == lengths == ex02["formula_lengths_a"]


def test_02_ecg_has_beats_every_rr(ex02):
    ecg, fs = ex02["ecg"], ex02["fs"]
    peaks = np.flatnonzero((ecg[1:-1] > ecg[:-2]) & (ecg[1:-1] >= ecg[2:]) & (ecg[1:-1] > 0.6)) + 1
    np.testing.assert_allclose(np.diff(peaks) / fs, ex02["rr"], atol=2.0 / fs)


# --- layers/plot_03: pooling on a photo -------------------------------------------------


@pytest.fixture(scope="module")
def ex03():
    return run_example("layers/plot_03_pooling_photo.py")[0]


def _torch_edges(img):
    sobel = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]], dtype=torch.float64)
    weight = torch.stack([sobel, sobel.T])[:, None]
    padded = F.pad(t(img)[None, None], (1, 1, 1, 1), mode="replicate")
    return F.conv2d(padded, weight)[0].pow(2).sum(0).sqrt()


def test_03_feature_map_and_pooling_match_torch(ex03):
    image = ex03["image"]
    assert image.shape == (200, 170)
    edges = _torch_edges(image)
    np.testing.assert_allclose(ex03["features"], edges.numpy(), rtol=1e-12, atol=1e-12)
    # the max is exact given the same feature map; the feature maps differ by rounding
    np.testing.assert_array_equal(ex03["max_pooled"], F.max_pool2d(t(ex03["features"])[None], 4)[0].numpy())
    np.testing.assert_allclose(ex03["max_pooled"], F.max_pool2d(edges[None], 4)[0].numpy(), rtol=1e-12)
    np.testing.assert_allclose(ex03["avg_pooled"], F.avg_pool2d(edges[None], 4)[0].numpy(), rtol=1e-12)
    assert ex03["max_pooled"].mean() > 2 * ex03["avg_pooled"].mean()  # max keeps the strong edges


def test_03_shift_experiment_matches_torch(ex03):
    image, shifts, change = ex03["image"], ex03["shifts"], ex03["change"]
    h, w = (200 // 4) * 4 - 4, (170 // 4) * 4 - 8
    maps = [_torch_edges(image[:h, s:s + w]) for s in shifts]
    pooled = [F.max_pool2d(m[None], 4)[0] for m in maps]
    averaged = [F.avg_pool2d(m[None], 4)[0] for m in maps]
    for s in shifts:
        raw = float(torch.linalg.norm(maps[s] - maps[0]) / torch.linalg.norm(maps[0]))
        mx = float(torch.linalg.norm(pooled[s] - pooled[0]) / torch.linalg.norm(pooled[0]))
        av = float(torch.linalg.norm(averaged[s] - averaged[0]) / torch.linalg.norm(averaged[0]))
        assert change["no pooling"][s] == pytest.approx(raw, rel=1e-9, abs=1e-12)
        assert change["max pooling 4x4"][s] == pytest.approx(mx, rel=1e-9, abs=1e-12)
        assert change["average pooling 4x4"][s] == pytest.approx(av, rel=1e-9, abs=1e-12)
    # prose: a 1-pixel shift changes the raw map by "一大半", the pooled maps by "不到前者的一半";
    # partial invariance: they do change, and more so for larger shifts
    assert change["no pooling"][1] > 0.5
    for name in ("max pooling 4x4", "average pooling 4x4"):
        assert 0.1 < change[name][1] < 0.5 * change["no pooling"][1]
        assert change[name][8] > 2 * change[name][1]
    assert list(ex03["aligned_shifts"]) == [4, 8]
    assert np.all(ex03["aligned_change"] < 0.5 * change["max pooling 4x4"][1])


# --- layers/plot_04: adaptive pooling ---------------------------------------------------


@pytest.fixture(scope="module")
def ex04():
    return run_example("layers/plot_04_adaptive_pooling.py")[0]


def test_04_bins_and_outputs_match_torch(ex04):
    for (length, n), (start, end) in ex04["bins"].items():
        weights = F.adaptive_avg_pool1d(t(np.eye(length))[:, None, :], n)[:, 0, :].numpy()
        for i in range(n):
            inside = np.flatnonzero(weights[:, i])
            assert (inside[0], inside[-1] + 1) == (start[i], end[i])
            assert (start[i], end[i]) == (i * length // n, -(-(i + 1) * length // n))
        ref = F.adaptive_avg_pool1d(t(ex04["inputs"][(length, n)])[None, None], n)[0, 0].numpy()
        np.testing.assert_allclose(ex04["outputs"][(length, n)], ref, rtol=1e-13)
    start, end = ex04["bins"][(10, 4)]
    assert list(start) == [0, 2, 5, 7] and list(end) == [3, 5, 8, 10]


def test_04_bins_overlap_exactly_at_the_non_integer_cuts(ex04):
    # prose and figure: neighbouring bins share one element where the cut i L / n is not an
    # integer, and only touch where it is; widths are ceil(L / n) or ceil(L / n) + 1
    from fractions import Fraction

    for (length, n), (start, end) in ex04["bins"].items():
        for i in range(1, n):
            cut = Fraction(i * length, n)
            shared = int(end[i - 1]) - int(start[i])
            assert shared == (0 if cut.denominator == 1 else 1), (length, n, i)
        widths = set((end - start).tolist())
        assert widths <= {math.ceil(length / n), math.ceil(length / n) + 1}
    assert set((ex04["bins"][10, 4][1] - ex04["bins"][10, 4][0]).tolist()) == {3}  # equal widths
    assert len(set((ex04["bins"][9, 5][1] - ex04["bins"][9, 5][0]).tolist())) == 2  # unequal widths


def test_04_fixed_output_length(ex04):
    assert sorted(ex04["pooled"]) == [50, 97, 230]
    assert all(v.shape == (16,) for v in ex04["pooled"].values())


# --- layers/plot_05: pooling backprop ---------------------------------------------------


@pytest.fixture(scope="module")
def ex05():
    return run_example("layers/plot_05_pooling_backprop.py")[0]


def _grad(f, x, g):
    xt = t(x)[None, None].requires_grad_()
    (grad,) = torch.autograd.grad((f(xt) * t(g)[None, None]).sum(), xt)
    return grad[0, 0].numpy()


def test_05_notes_example(ex05):
    x, g = ex05["x_notes"], ex05["g_notes"]
    # the values shown in the original notes' figures
    np.testing.assert_array_equal(ex05["y_max_notes"][0, 0], [[5, 3], [6, 5]])
    np.testing.assert_allclose(ex05["grad_max_notes"],
                               [[1, 0, 0, 0], [0, 0, 0.8, 0], [0, 0, 0, 0.6], [0, 0.4, 0, 0]], rtol=0, atol=0)
    np.testing.assert_allclose(ex05["grad_avg_notes"],
                               [[0.25, 0.25, 0.2, 0.2], [0.25, 0.25, 0.2, 0.2],
                                [0.1, 0.1, 0.15, 0.15], [0.1, 0.1, 0.15, 0.15]], rtol=1e-15)
    np.testing.assert_array_equal(ex05["grad_max_notes"], _grad(lambda v: F.max_pool2d(v, 2), x, g))
    np.testing.assert_allclose(ex05["grad_avg_notes"], _grad(lambda v: F.avg_pool2d(v, 2), x, g), rtol=1e-15)
    _, idx = F.max_pool2d(t(x)[None, None], 2, return_indices=True)
    np.testing.assert_array_equal(ex05["idx_notes"], idx.numpy())


def test_05_ties_and_overlap_match_autograd(ex05):
    g = ex05["g_notes"]
    tie_x, x = ex05["tie_x"], ex05["x_notes"]
    _, tie_idx = F.max_pool2d(t(tie_x)[None, None], 2, return_indices=True)
    np.testing.assert_array_equal(ex05["tie_idx"], tie_idx.numpy())
    np.testing.assert_array_equal(ex05["tie_idx"][0, 0], [[1, 2], [8, 10]])  # first maximum wins
    np.testing.assert_array_equal(ex05["tie_grad"], _grad(lambda v: F.max_pool2d(v, 2), tie_x, g))
    _, overlap_idx = F.max_pool2d(t(x)[None, None], 3, 1, return_indices=True)
    np.testing.assert_array_equal(ex05["overlap_idx"], overlap_idx.numpy())
    np.testing.assert_allclose(ex05["overlap_max_grad"], _grad(lambda v: F.max_pool2d(v, 3, 1), x, g), rtol=1e-15)
    assert ex05["overlap_max_grad"][3, 1] == pytest.approx(0.4 + 0.6)
    np.testing.assert_allclose(ex05["overlap_avg_grad"], _grad(lambda v: F.avg_pool2d(v, 3, 1), x, g), rtol=1e-14)
    np.testing.assert_allclose(ex05["coverage"], [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]])


# --- layers/plot_06: GAP vs FC head -----------------------------------------------------


@pytest.fixture(scope="module")
def ex06():
    return run_example("layers/plot_06_gap_vs_fc.py")[0]


def _n_params(*modules):
    return sum(p.numel() for m in modules for p in m.parameters())


def test_06_parameter_counts_match_torch_modules(ex06):
    nn = torch.nn
    heads = ex06["heads"]
    assert heads["flatten + FC"] == _n_params(nn.Linear(25088, 1000, device="meta")) == 25_089_000
    assert heads["GAP + FC (ResNet)"] == _n_params(nn.AdaptiveAvgPool2d(1), nn.Linear(512, 1000, device="meta"))
    assert heads["1x1 conv + GAP (NIN)"] == _n_params(nn.Conv2d(512, 1000, 1, device="meta")) == 513_000
    vgg_head = [nn.Linear(25088, 4096, device="meta"), nn.Linear(4096, 4096, device="meta"),
                nn.Linear(4096, 1000, device="meta")]
    assert heads["VGG-16 head (3 FC layers)"] == _n_params(*vgg_head) == 123_642_856
    # figure description: "展平加全连接约为 GAP 加全连接的 49 倍"
    ratio = _n_params(nn.Linear(25088, 1000, device="meta")) / _n_params(nn.Linear(512, 1000, device="meta"))
    assert round(ratio) == 49
    assert heads["flatten + FC"] / heads["GAP + FC (ResNet)"] == pytest.approx(ratio, rel=1e-12)


def test_06_shapes_and_scores_match_torch(ex06):
    feats = t(ex06["features"])
    np.testing.assert_allclose(ex06["gap"], F.adaptive_avg_pool2d(feats, 1).numpy(), rtol=1e-13)
    np.testing.assert_allclose(ex06["gap"][..., 0, 0], feats.mean(dim=(2, 3)).numpy(), rtol=1e-12)
    maps = F.conv2d(feats, t(ex06["w_1x1"]))
    np.testing.assert_allclose(ex06["class_maps"], maps.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ex06["scores_nin"], maps.mean(dim=(2, 3)).numpy(), rtol=1e-10, atol=1e-12)
    ref = F.linear(feats.mean(dim=(2, 3)), t(ex06["w_fc"]))
    np.testing.assert_allclose(ex06["scores_resnet"], ref.numpy(), rtol=1e-10, atol=1e-12)
    assert ex06["gap_larger"].shape == (1, 512, 1, 1)
    assert ex06["max_difference"] < 1e-12
