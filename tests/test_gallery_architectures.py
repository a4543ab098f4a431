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
    label = lambda branch: [text.split("\n")[0] + (" " + text.split("\n")[1].split()[0] if "conv" in text else "")
                            for text, _ in branch]
    # inception (3a): #1x1 64, #3x3 reduce 96, #3x3 128, #5x5 reduce 16, #5x5 32, pool proj 32
    assert [label(b) for b in reduced] == [
        ["1x1 conv 64"], ["1x1 conv 96", "3x3 conv 128"], ["1x1 conv 16", "5x5 conv 32"], ["3x3 max pool", "1x1 conv 32"]
    ]
    assert [label(b) for b in naive] == [["1x1 conv 64"], ["3x3 conv 128"], ["5x5 conv 32"], ["3x3 max pool"]]
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
