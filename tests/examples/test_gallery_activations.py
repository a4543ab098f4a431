"""Checks of the activation-function examples (``gallery/activations``).

Each script runs once per session (see ``_gallery.py``); the variables it leaves behind
are checked against closed-form values and torch.
"""

import math

import numpy as np
import pytest
from _gallery import run_example, scripts

SCRIPTS = scripts("activations")


def test_scripts_found():
    assert "activations/plot_01_activation_functions.py" in SCRIPTS


# --- activations/plot_01: activation functions and their derivatives -----------------


@pytest.fixture(scope="module")
def ex01():
    return run_example("activations/plot_01_activation_functions.py")[0]


def test_01_sigmoid_grad_max(ex01):
    assert ex01["sigmoid_grad_max"] == 0.25
    assert ex01["best_case_sigmoid_chain"] == pytest.approx(0.25**10, rel=1e-12)


def test_01_saturation_edge(ex01):
    # sigma(1 - sigma) = 0.01 -> sigma = (1 + sqrt(0.96)) / 2 -> x = logit(sigma)
    r = math.sqrt(1.0 - 4 * 0.01)
    reference = math.log((1.0 + r) / (1.0 - r))
    assert reference == pytest.approx(4.5848, abs=1e-4)
    assert ex01["saturation_edge"] == pytest.approx(reference, abs=2e-4)
    assert ex01["sigmoid_grad_at_5"] == pytest.approx(math.exp(-5) / (1 + math.exp(-5)) ** 2)
    assert ex01["tanh_grad_at_0"] == 1.0


# --- activations/plot_02: dying ReLU ---------------------------------------------------


@pytest.fixture(scope="module")
def ex02():
    return run_example("activations/plot_02_dying_relu.py")[0]


def test_02_concept_shares_match_normal_cdf(ex02):
    shares = ex02["dead_input_share"]
    phi = lambda t: 0.5 * (1.0 + math.erf(t / math.sqrt(2.0)))  # noqa: E731
    assert shares[0.1] == pytest.approx(phi(-2.0), abs=3e-3)
    assert shares[-0.1] == pytest.approx(phi(2.0), abs=3e-3)


def test_02_dead_share_grows_with_learning_rate(ex02):
    share = ex02["dead_share"]
    lrs = sorted(share)
    assert len(lrs) >= 3
    assert all(0.0 <= share[lr] <= 1.0 for lr in lrs)
    assert share[lrs[0]] <= 0.10
    assert share[lrs[-1]] >= 0.40
    for small, large in zip(lrs, lrs[1:]):
        assert share[large] >= share[small] - 0.05


def test_02_curves_and_history(ex02):
    curves, history, share = ex02["dead_curves"], ex02["dead_history"], ex02["dead_share"]
    n_steps = ex02["n_steps"]
    for lr in share:
        assert curves[lr].shape == (n_steps + 1,)
        assert curves[lr][0] == 0.0  # nobody is dead at initialisation
        assert curves[lr][-1] == share[lr]
        np.testing.assert_array_equal(curves[lr], history[lr].mean(axis=1))
        # plain SGD, no weight decay, one hidden layer: once dead, dead for good
        assert np.all(history[lr][1:] >= history[lr][:-1])


def test_02_small_lr_trains(ex02):
    loss = ex02["losses"][min(ex02["losses"])]
    assert np.all(np.isfinite(loss))
    assert loss[-1] < 0.8 * loss[0]


def test_02_what_the_text_and_the_figure_claim(ex02):
    # prose: "最大的学习率在头两三步里就让大部分单元死亡……最小的学习率则始终没有死亡单元";
    # figure: "较小的学习率几乎没有死亡单元"
    curves = ex02["dead_curves"]
    lrs = sorted(curves)
    assert curves[lrs[-1]][3] > 0.5
    assert np.all(curves[lrs[0]] == 0.0)
    for lr in lrs[:-1]:
        assert curves[lr][-1] <= 0.05


@pytest.mark.parametrize("which", [0, -1])
def test_02_first_steps_replayed_with_torch_sgd(ex02, which):
    # Independent replay with torch.optim.SGD from the same initial weights: the share of
    # dead units after each of the first three updates must be the example's.
    import torch

    lr = sorted(ex02["dead_curves"])[which]
    net = ex02["make_net"]()
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    for step in range(1, 4):
        loss = torch.nn.functional.binary_cross_entropy_with_logits(net(ex02["X"]), ex02["y"])
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            dead = (net[0](ex02["X"]) <= 0).all(dim=0).double().mean().item()
        assert dead == ex02["dead_curves"][lr][step]


def test_02_dead_means_all_preactivations_nonpositive(ex02):
    for lr, share in ex02["dead_share"].items():
        z = ex02["preact"][lr]
        assert share == pytest.approx(np.mean(np.all(z <= 0, axis=0)))


# --- activations/plot_03: softmax -------------------------------------------------------


@pytest.fixture(scope="module")
def ex03():
    return run_example("activations/plot_03_softmax.py")[0]


def test_03_probs_match_torch(ex03):
    torch = pytest.importorskip("torch")
    logits = ex03["logits"]
    reference = torch.softmax(torch.tensor(logits, dtype=torch.float64), dim=0).numpy()
    np.testing.assert_allclose(ex03["probs"], reference, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(np.round(ex03["probs"], 4),
                                  [0.0202, 0.9025, 0.0497, 0.0111, 0.0165])


def test_03_what_the_prose_says(ex03):
    # "最大的一类只占约 49%"; "5.1 与 2.2 的差 2.9 被放大成约 18 倍，第二类拿到约 90% 的概率"
    z = np.asarray(ex03["logits"], dtype=np.float64)
    assert round(100 * z.max() / z.sum()) == 49
    assert round(math.exp(5.1 - 2.2)) == 18
    assert round(float(ex03["probs"][1]), 1) == 0.9


def test_03_naive_overflows_stable_does_not(ex03):
    assert np.all(np.isnan(ex03["naive_at_1000"]))
    np.testing.assert_allclose(ex03["stable_at_1000"], ex03["probs"], rtol=0, atol=1e-12)
    # the naive formula breaks where sum(exp(z + c)) exceeds the float64 maximum
    logits = ex03["logits"]
    lse = logits.max() + math.log(np.exp(logits - logits.max()).sum())
    edge = math.log(np.finfo(np.float64).max) - lse
    assert ex03["naive_fails_from"] == pytest.approx(edge, abs=0.02)


def test_03_entropies(ex03):
    torch = pytest.importorskip("torch")
    entropies, logits = ex03["entropies"], ex03["logits"]
    temps = sorted(entropies)
    for T in temps:
        logp = torch.log_softmax(torch.tensor(logits / T, dtype=torch.float64), dim=0)
        reference = float(-(logp.exp() * logp).sum() / math.log(2.0))
        assert entropies[T] == pytest.approx(reference, abs=1e-12)
    values = [entropies[T] for T in temps]
    assert all(a < b for a, b in zip(values, values[1:]))  # lower T, lower entropy
    assert values[0] < 0.01
    assert values[-1] == pytest.approx(math.log2(len(logits)), abs=0.01)
    assert values[-1] <= math.log2(len(logits))


# --- activations/plot_04: ReLU vs tanh regression ---------------------------------------


@pytest.fixture(scope="module")
def ex04():
    return run_example("activations/plot_04_relu_vs_tanh_regression.py")[0]


def test_04_both_fit_well(ex04):
    var_y = ex04["y_train"].var()
    for name in ("relu", "tanh"):
        assert ex04["mse"][name] < 0.1 * var_y
        assert ex04["fit"][name].shape == ex04["x_grid"].shape


def test_04_training_error_is_of_the_order_of_the_noise(ex04):
    # prose: "训练误差都与噪声方差 0.01 同一量级（ReLU 网络……误差稍大）"
    torch = ex04["torch"]
    drawn_noise = np.mean((ex04["y_train"] - np.sin(2.0 * ex04["x_train"])) ** 2)
    assert drawn_noise == pytest.approx(0.01, rel=0.3)
    for name in ("relu", "tanh"):
        with torch.no_grad():
            ref = torch.nn.functional.mse_loss(ex04["nets"][name](ex04["X"]), ex04["Y"]).item()
        assert ex04["mse"][name] == pytest.approx(ref, rel=1e-12)
        assert 0.5 * drawn_noise < ref < 2.0 * drawn_noise
    assert ex04["mse"]["relu"] > ex04["mse"]["tanh"]


def test_04_relu_fit_is_piecewise_linear(ex04):
    d2_relu = np.abs(np.diff(ex04["fit"]["relu"], 2))
    d2_tanh = np.abs(np.diff(ex04["fit"]["tanh"], 2))
    assert np.mean(d2_relu < 1e-10) >= 0.9
    assert np.mean(d2_tanh > 1e-10) >= 0.95


def test_04_kinks_sit_at_hidden_unit_breakpoints(ex04):
    kinks, theory = ex04["kink_x"], ex04["relu_breakpoints"]
    h = ex04["x_grid"][1] - ex04["x_grid"][0]
    assert ex04["relu_kinks"] == len(kinks)
    assert 1 <= ex04["relu_kinks"] <= min(ex04["n_hidden"], len(theory))
    distance = np.abs(kinks[:, None] - theory[None, :])
    assert distance.min(axis=1).max() < 3 * h  # every kink found is a real breakpoint
    assert distance.min(axis=0).max() < 3 * h  # every breakpoint was found


def test_04_handwritten_adam_matches_torch(ex04):
    torch = ex04["torch"]
    X, Y = ex04["X"], ex04["Y"]
    ours = ex04["make_net"](torch.nn.Tanh)
    ref = ex04["make_net"](torch.nn.Tanh)
    ex04["train_adam"](ours, X, Y, steps=5, lr=0.03)
    opt = torch.optim.Adam(ref.parameters(), lr=0.03)
    for _ in range(5):
        loss = torch.mean((ref(X) - Y) ** 2)
        opt.zero_grad()
        loss.backward()
        opt.step()
    for p, q in zip(ours.parameters(), ref.parameters()):
        np.testing.assert_allclose(p.detach().numpy(), q.detach().numpy(), rtol=0, atol=1e-12)
