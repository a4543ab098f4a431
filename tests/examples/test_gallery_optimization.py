"""Checks of the optimization examples (``gallery/optimization``).

Each script runs once per session (see ``_gallery.py``); the variables it leaves behind
are checked against closed forms, torch.optim / torch autograd replays and theory.
"""

import math

import numpy as np
import pytest
import torch
from _gallery import run_example, scripts

SCRIPTS = scripts("optimization")


def test_scripts_found():
    assert "optimization/plot_01_optimizer_paths.py" in SCRIPTS
    assert len(SCRIPTS) == 10


def ex(n):
    return run_example(next(s for s in SCRIPTS if s.startswith(f"optimization/plot_{n:02d}_")))[0]


# --- 01: optimizer paths ----------------------------------------------------------------


def _torch_objective(problem, p):
    x, y = p[0], p[1]
    if problem == "quadratic":
        return 0.5 * (0.1 * x**2 + 4.0 * y**2)
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


@pytest.mark.parametrize("problem", ["quadratic", "rosenbrock"])
def test_01_gradient_formulas_match_autograd(problem):
    e = ex(1)
    grad = e[f"{problem}_grad"]
    for point in np.random.default_rng(0).uniform(-2, 2, size=(20, 2)):
        p = torch.tensor(point, requires_grad=True)
        (ref,) = torch.autograd.grad(_torch_objective(problem, p), [p])
        np.testing.assert_allclose(grad(point), ref.numpy(), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("problem", ["quadratic", "rosenbrock"])
def test_01_paths_replayed_with_torch_optim(problem):
    # torch.optim gets the same gradients; the paths must agree to rounding.  One exception:
    # the fixed-lr RMSprop run on Rosenbrock zigzags across the valley from step ~800 on, and
    # that chaotic phase amplifies last-bit differences (torch fuses some multiply-adds) to ~1e-2;
    # it is compared up to step 800, where it agrees to 1e-15.
    e = ex(1)
    grad = e[f"{problem}_grad"]
    n_steps = len(e["paths"][problem]["SGD"]) - 1
    start = e["paths"][problem]["SGD"][0]
    for label, (cls, options) in e["SETTINGS"][problem].items():
        p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
        opt = getattr(torch.optim, cls)([p], **options)
        path = np.empty((n_steps + 1, 2))
        path[0] = start
        for t in range(n_steps):
            p.grad = torch.from_numpy(grad(p.detach().numpy()))
            opt.step()
            path[t + 1] = p.detach().numpy()
        n = 801 if (problem, label) == ("rosenbrock", "RMSprop") else n_steps + 1
        np.testing.assert_allclose(e["paths"][problem][label][:n], path[:n], rtol=0, atol=1e-10,
                                   err_msg=f"{problem} {label}")


def test_01_sgd_on_quadratic_is_geometric():
    e = ex(1)
    path = e["paths"]["quadratic"]["SGD"]
    t = np.arange(len(path))[:, None]
    expected = path[0] * (1 - 0.4 * np.array([0.1, 4.0])) ** t
    np.testing.assert_allclose(path, expected, rtol=1e-12, atol=1e-15)


def test_01_what_the_captions_claim():
    final = {pb: {k: v[-1] for k, v in d.items()} for pb, d in ex(1)["losses"].items()}
    q, r = final["quadratic"], final["rosenbrock"]
    assert q["Nesterov"] < q["Momentum"] < q["SGD"]
    # figure 1: Adagrad and RMSprop come down to the valley floor and never cross it; Adam's
    # momentum carries it across to y ~ -0.7 (the description says so)
    paths = ex(1)["paths"]["quadratic"]
    assert paths["Adagrad"][:, 1].min() >= 0 and paths["RMSprop"][:, 1].min() >= 0
    assert -0.8 < paths["Adam"][:, 1].min() < -0.6
    assert r["SGD"] > 0.1 and r["Adagrad"] > 0.1  # stuck half way
    assert max(r["Momentum"], r["Nesterov"], r["Adam"]) < 1e-5  # reached (1, 1)
    assert r["Adam"] == min(r.values())


# --- 02: effective step sizes -----------------------------------------------------------


def test_02_adagrad_step_is_lr_over_root_sum_of_squares():
    e = ex(2)
    expected = e["lr"] / (np.sqrt(np.cumsum(e["grads"] ** 2)) + 1e-10)
    np.testing.assert_allclose(e["effective"]["Adagrad"], expected, rtol=1e-12)


@pytest.mark.parametrize("name", ["Adagrad", "RMSprop", "Adam"])
def test_02_effective_step_is_torch_optims_step(name):
    """Replay the gradient stream through torch.optim: each update equals -effective step x g_t
    (x m_t for Adam), so eps sits outside the square root as in torch (Adagrad eps 1e-10)."""
    e = ex(2)
    grads, lr = e["grads"], e["lr"]
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, name)([p], lr=lr)
    before, updates = 0.0, np.empty(len(grads))
    for t, g in enumerate(grads):
        p.grad = torch.tensor([g], dtype=torch.float64)
        opt.step()
        updates[t] = p.item() - before
        before = p.item()
    direction = grads.copy()
    if name == "Adam":  # the step multiplies the first moment m_t, not g_t
        m, b1 = 0.0, 0.9
        for t, g in enumerate(grads):
            m = b1 * m + (1 - b1) * g
            direction[t] = m
    np.testing.assert_allclose(updates, -e["effective"][name] * direction, rtol=1e-9, atol=1e-14)


def test_02_rmsprop_recovers_adagrad_does_not():
    r = ex(2)["recovery"]
    assert r["Adagrad"] < 1.0
    assert r["RMSprop"] > 5.0  # gradients 10x smaller -> steps up to 10x larger
    assert 7.0 < r["RMSprop"] < 10.0  # the example's prose: "回升将近 10 倍"
    assert 1.2 < r["Adam"] < r["RMSprop"]


# --- 03: learning rates -----------------------------------------------------------------


def test_03_iterates_follow_closed_form():
    e = ex(3)
    t = np.arange(len(next(iter(e["iterates"].values()))))
    for label, lr in e["learning_rates"].items():
        np.testing.assert_allclose(e["iterates"][label], 1.5 * (1 - 2.0 * lr) ** t, rtol=1e-12)
    assert e["critical_lr"] == 1.0
    assert abs(e["iterates"]["too large"][-1]) > 1.5 > abs(e["iterates"]["too small"][-1])


# --- 04: schedules ----------------------------------------------------------------------


def test_04_schedules_match_closed_forms():
    s = ex(4)["schedules"]
    t = np.arange(101)
    np.testing.assert_allclose(s["StepLR"], 0.1 * 0.1 ** (t // 30), rtol=1e-12)
    np.testing.assert_allclose(s["ExponentialLR"], 0.1 * 0.96**t, rtol=1e-12)
    np.testing.assert_allclose(s["CosineAnnealingLR"], 0.05 * (1 + np.cos(np.pi * t / 100)),
                               rtol=1e-9, atol=1e-15)
    warm = np.where(t <= 10, 0.1 * (0.01 + 0.99 * t / 10),
                    0.05 * (1 + np.cos(np.pi * (t - 10) / 90)))
    np.testing.assert_allclose(s["warm-up + cosine"], warm, rtol=1e-9, atol=1e-15)
    restarts = 0.05 * (1 + np.cos(np.pi * (t % 25) / 25))
    restarts[100] = 0.0  # end of the last cycle
    np.testing.assert_allclose(s["cosine with restarts"], restarts, rtol=1e-9, atol=1e-15)


# --- 05: saddle point -------------------------------------------------------------------


def test_05_exact_gd_converges_to_the_saddle():
    e = ex(5)
    path = e["runs"]["GD from y = 0"]
    np.testing.assert_array_equal(path[:, 1], 0.0)
    np.testing.assert_allclose(path[:, 0], 2.0 * 0.9 ** np.arange(len(path)), rtol=1e-12)
    assert e["escape_step"]["GD from y = 0"] is None
    assert abs(e["loss"]["GD from y = 0"][-1]) < 1e-20


def test_05_escape_times():
    e = ex(5)
    # linearised at the saddle, y grows by (1 + lr) per step: 1e-4 -> 0.5 in ln(5000)/ln(1.1) steps
    predicted = math.log(0.5 / 1e-4) / math.log(1.1)
    assert abs(e["escape_step"]["GD from y = 1e-4"] - predicted) < 10
    assert e["escape_step"]["SGD (batch 8) from y = 0"] < predicted / 2
    for label in ("GD from y = 1e-4", "SGD (batch 8) from y = 0"):
        assert e["loss"][label][-1] == pytest.approx(-0.25, abs=0.02)
        assert abs(abs(e["runs"][label][-1, 1]) - 1.0) < 0.2


# --- 06: initialisation -----------------------------------------------------------------


def test_06_activation_scales_follow_theory():
    e = ex(6)
    stds = list(e["stds"].values())
    small, tanh_xavier, relu_xavier, relu_he = stds
    # tanh near 0 is linear: each layer multiplies the std by 0.01 * sqrt(256) = 0.16
    np.testing.assert_allclose(small[1:] / small[:-1], 0.16, rtol=0.05)
    # ReLU halves the second moment; with Var(W) = 1/n the RMS shrinks by sqrt(2) per layer
    rms = [np.sqrt(np.mean(h**2)) for h in list(e["activations"].values())[2]]
    np.testing.assert_allclose(np.array(rms[1:]) / np.array(rms[:-1]), 1 / math.sqrt(2), rtol=0.08)
    # He keeps the scale; Xavier + tanh shrinks slowly but stays above 0.2
    assert relu_he.max() / relu_he.min() < 1.15
    assert 0.2 < tanh_xavier[-1] < tanh_xavier[0]
    assert relu_xavier[-1] < 0.05 * relu_xavier[0] * 2
    assert 1e-9 < small[-1] < 1e-7  # figure 2: "降到 10⁻⁸ 量级"
    assert e["weight_std"]["ReLU, He"] == pytest.approx(math.sqrt(2 / 256), rel=0.01)
    assert e["weight_std"]["tanh, Xavier"] == pytest.approx(math.sqrt(1 / 256), rel=0.01)


# --- 07: gradient check -----------------------------------------------------------------


def test_07_homework_gradients_against_autograd():
    e = ex(7)
    w = torch.tensor([0.25, -0.11, 0.78], dtype=torch.float64, requires_grad=True)
    n = torch.sigmoid(w[1] * torch.sigmoid(w[0] * 0.63))
    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        w[2] * n, torch.tensor(1.0, dtype=torch.float64))
    loss.backward()
    np.testing.assert_allclose(e["analytic"], w.grad.numpy(), rtol=1e-12)
    assert e["wrong_w1"] == pytest.approx(5.4201e-4, abs=1e-7)  # the value in the original notes
    assert e["wrong_caught"] is True


def test_07_error_curve_is_v_shaped():
    e = ex(7)
    steps, err = e["steps"], e["errors"]
    for method, order in (("central", 2), ("forward", 1)):
        # truncation branch: slope = order on the log-log plot
        big = steps >= 1e-3 if method == "central" else steps >= 1e-4
        slope = np.polyfit(np.log10(steps[big]), np.log10(err[method][big]), 1)[0]
        assert slope == pytest.approx(order, abs=0.1)
        # round-off branch: error grows as h shrinks
        assert err[method][steps < 1e-10].mean() > 100 * err[method].min()
    assert 1e-6 <= e["best"]["central"] <= 1e-3
    assert 1e-9 <= e["best"]["forward"] <= 1e-5
    assert err["central"].min() < 0.1 * err["forward"].min()


# --- 08: gradient flow ------------------------------------------------------------------


def test_08_gradient_norms_per_layer():
    g = ex(8)["grad_norms"]
    ratio = {k: v[0] / v[-1] for k, v in g.items()}
    assert 1e-19 < ratio["sigmoid"] < 1e-10  # page: "小十几个数量级"
    assert 1e-10 < ratio["ReLU"] < 1e-3  # page: "小了几个数量级", figure: "下降好几个数量级"
    assert 0.3 < ratio["ReLU + He"] < 3  # "各层梯度处在同一量级"
    assert 10 < ratio["ReLU + BN"] < 100  # "只增大了一个多数量级"
    assert all(len(v) == 20 for v in g.values())


@pytest.mark.parametrize("kind", ["sigmoid", "ReLU", "ReLU + He", "ReLU + BN"])
def test_08_norms_are_autograd_norms(kind):
    """Replay each network in torch with the script's weights; compare every layer's |dL/dW|."""
    e = ex(8)
    params = [(torch.tensor(w, requires_grad=True), torch.tensor(b)) for w, b in e["make_params"](kind)]
    h = torch.from_numpy(e["X"])
    for w, b in params[:-1]:
        z = torch.nn.functional.linear(h, w, b)
        if kind == "ReLU + BN":
            z = torch.nn.functional.batch_norm(z, None, None, training=True)
        h = torch.sigmoid(z) if kind == "sigmoid" else torch.relu(z)
    logits = torch.nn.functional.linear(h, *params[-1])
    loss = torch.nn.functional.cross_entropy(logits, torch.from_numpy(e["Y"]))
    grads = torch.autograd.grad(loss, [w for w, _ in params[:-1]])
    expected = np.array([g.norm().item() for g in grads])
    np.testing.assert_allclose(e["grad_norms"][kind], expected, rtol=1e-8)


def test_08_default_init_matches_torch_linear():
    """The "ReLU" network's weights have torch.nn.Linear's default spread: U(-1/sqrt(n), 1/sqrt(n))."""
    e = ex(8)
    w, b = e["make_params"]("ReLU")[1]
    bound = 1 / math.sqrt(w.shape[1])
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    assert w.var() == pytest.approx(bound**2 / 3, rel=0.05)  # Var U(-c, c) = c^2 / 3


# --- 09: exploding gradients ------------------------------------------------------------


def test_09_handwritten_backprop_matches_autograd():
    e = ex(9)
    weights = e["make_weights"](1.2)
    loss, grads, _ = e["forward_backward"](weights)
    ws = [torch.tensor(w, requires_grad=True) for w in weights]
    h = torch.tensor(e["X"])
    for w in ws:
        h = h @ w.T
    ref = 0.5 * ((h - torch.tensor(e["Y"])) ** 2).sum() / h.shape[0]
    ref.backward()
    assert loss == pytest.approx(ref.item(), rel=1e-12)
    for g, w in zip(grads, ws):
        np.testing.assert_allclose(g, w.grad.numpy(), rtol=1e-9, atol=1e-9 * np.abs(g).max())


def test_09_backward_signal_grows_like_s_per_layer():
    sig = ex(9)["backward_signal"]
    for s in (0.8, 1.2):
        per_layer = math.exp(-np.polyfit(np.arange(len(sig[s])), np.log(sig[s]), 1)[0])
        assert per_layer == pytest.approx(s, rel=0.08)
    # figure and example: from the top to the input the signal grows by "两个多数量级" at s = 1.2
    # and shrinks by a similar factor at s = 0.8 (sig[s][0] is at the input)
    assert 1e2 < sig[1.2][0] / sig[1.2][-1] < 1e3
    assert 1e2 < sig[0.8][-1] / sig[0.8][0] < 1e4


def test_09_clipping_rescues_training():
    e = ex(9)
    plain, clipped = e["train_loss"]["no clipping"], e["train_loss"]["clip_grad_norm_"]
    assert len(plain) < 10 and not np.isfinite(plain[-1])
    # page: "两步内溢出", figure: "不裁剪时第二步就溢出成 NaN": the loss is still finite after one step
    assert len(plain) == 3 and np.isfinite(plain[1]) and np.isnan(plain[2])
    assert len(clipped) == 300 and clipped[-1] < 1e-3 * clipped[0]
    assert np.all(np.array(e["norms_before_clip"])[:5] > 1e3)  # clipping was active


# --- 10: clipping -----------------------------------------------------------------------


def test_10_clipping_matches_torch_and_geometry():
    e = ex(10)
    for v, n_, c in zip(e["vectors"], e["by_norm"], e["by_value"]):
        t = torch.zeros(2, dtype=torch.float64, requires_grad=True)
        t.grad = torch.tensor(v)
        torch.nn.utils.clip_grad_norm_([t], 1.0)
        np.testing.assert_allclose(n_, t.grad.numpy(), rtol=1e-14)
        np.testing.assert_array_equal(c, np.clip(v, -1, 1))
    np.testing.assert_allclose(e["turn_norm"], 0.0, atol=1e-5)
    assert np.all(e["turn_value"] > 1.0)
    turns = e["high_dim_turn"]
    np.testing.assert_allclose(turns["norm"], 0.0, atol=1e-5)
    assert np.all(np.diff(turns["value"]) < 0)  # higher threshold, smaller turn
