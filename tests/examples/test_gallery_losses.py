"""Checks of the loss-function examples (``gallery/losses``).

Each script runs once per session (see ``_gallery.py``); the variables it leaves behind
are checked against closed forms, torch (values and autograd) and scipy.
"""

import math

import numpy as np
import pytest
import scipy.optimize
import scipy.stats
import torch
import torch.nn.functional as F
from _gallery import run_example, scripts

SCRIPTS = scripts("losses")


def tt(x):
    return torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)


def test_scripts_found():
    assert "losses/plot_01_margin_losses.py" in SCRIPTS
    assert len(SCRIPTS) >= 7


# --- losses/plot_01: classification losses of the margin ------------------------------


@pytest.fixture(scope="module")
def ex01():
    return run_example("losses/plot_01_margin_losses.py")[0]


def test_01_margin_losses_closed_forms(ex01):
    m, losses = ex01["m"], ex01["margin_losses"]
    np.testing.assert_array_equal(losses["0-1"], (m <= 0).astype(float))
    np.testing.assert_allclose(losses["hinge"], np.maximum(0.0, 1.0 - m), rtol=0, atol=1e-15)
    np.testing.assert_allclose(losses["logistic (log2)"], np.logaddexp(0.0, -m) / math.log(2), rtol=1e-13)
    np.testing.assert_allclose(losses["exponential"], np.exp(-m), rtol=1e-15)
    np.testing.assert_allclose(losses["squared"], (1.0 - m) ** 2, rtol=1e-13, atol=1e-15)
    # the base-2 logistic loss passes through (0, 1) and bounds the 0-1 loss from above
    assert losses["logistic (log2)"][np.argmin(np.abs(m))] == pytest.approx(1.0, abs=1e-2)
    assert np.all(losses["logistic (log2)"] >= losses["0-1"] - 1e-12)


def test_01_bce_matches_torch(ex01):
    p = ex01["p_hat"]
    for key, y in (("bce_pos", 1.0), ("bce_neg", 0.0)):
        expected = F.binary_cross_entropy(tt(p), tt(np.full(p.shape, y)), reduction="none").numpy()
        np.testing.assert_allclose(ex01[key], expected, rtol=1e-12)
    assert ex01["bce_pos"][0] == 100.0  # log clamped at -100


# --- losses/plot_02: regression losses ----------------------------------------------------


@pytest.fixture(scope="module")
def ex02():
    return run_example("losses/plot_02_regression_losses.py")[0]


def test_02_curves_match_torch_and_autograd(ex02):
    d, curves, w = ex02["d"], ex02["curves"], ex02["width"]
    refs = {
        "L1": lambda v: torch.abs(v),
        "L2": lambda v: v**2,
        "smooth L1": lambda v: F.smooth_l1_loss(v, torch.zeros_like(v), reduction="none", beta=w),
        "Huber": lambda v: F.huber_loss(v, torch.zeros_like(v), reduction="none", delta=w),
    }
    for name, fn in refs.items():
        v = tt(d).requires_grad_()
        out = fn(v)
        (grad,) = torch.autograd.grad(out.sum(), v)
        np.testing.assert_allclose(curves[name][0], out.detach().numpy(), rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(curves[name][1], grad.numpy(), rtol=1e-13, atol=1e-15)
    # bounded gradients for L1, smooth L1 (by 1) and Huber (by delta)
    assert np.abs(curves["smooth L1"][1]).max() <= 1.0
    assert np.abs(curves["Huber"][1]).max() == pytest.approx(w)


def test_02_centres(ex02):
    data, centres = ex02["data"], ex02["centres"]
    step = 6.0 / 6000
    assert centres["L2"] == pytest.approx(data.mean(), abs=step)
    lo, hi = np.sort(data)[[len(data) // 2 - 1, len(data) // 2]]
    assert lo - step <= centres["L1"] <= hi + step
    huber = lambda c: float(F.huber_loss(tt(np.full(data.shape, c)), tt(data), reduction="sum"))  # noqa: E731
    best = scipy.optimize.minimize_scalar(huber, bounds=(-2, 4), method="bounded", options={"xatol": 1e-8}).x
    assert centres["Huber"] == pytest.approx(best, abs=step)
    assert abs(centres["L2"] - centres["Huber"]) > 1.0  # the outliers pull only the mean


# --- losses/plot_03: MSE vs cross-entropy gradients --------------------------------------


@pytest.fixture(scope="module")
def ex03():
    return run_example("losses/plot_03_mse_vs_cross_entropy.py")[0]


def test_03_gradients_match_autograd(ex03):
    z = tt(ex03["z"]).requires_grad_()
    (g_mse,) = torch.autograd.grad(((torch.sigmoid(z) - 1) ** 2).sum(), z)
    (g_ce,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(z, torch.ones_like(z), reduction="sum"), z)
    np.testing.assert_allclose(ex03["grad_mse"], g_mse.numpy(), rtol=1e-12, atol=1e-18)
    np.testing.assert_allclose(ex03["grad_ce"], g_ce.numpy(), rtol=1e-12, atol=1e-18)
    z_np = ex03["z"]
    assert abs(ex03["grad_mse"][z_np <= -8]).max() < 1e-3  # vanished
    assert abs(ex03["grad_ce"][z_np <= -8]).min() > 0.999  # still full strength


def test_03_descent_matches_torch(ex03):
    for name, loss in [("MSE", lambda v: (torch.sigmoid(v) - 1) ** 2),
                       ("cross-entropy", lambda v: F.softplus(-v))]:
        zs, losses = ex03["runs"][name]
        v = torch.tensor(zs[0], dtype=torch.float64)
        for k in range(zs.size):
            assert zs[k] == pytest.approx(float(v), rel=1e-10, abs=1e-12)
            v = v.clone().requires_grad_()
            out = loss(v)
            assert losses[k] == pytest.approx(float(out.detach()), rel=1e-10)
            (g,) = torch.autograd.grad(out, v)
            v = (v - g).detach()
    steps = ex03["steps_to_half"]
    assert steps["cross-entropy"] < 20 < 100 < steps["MSE"]


# --- losses/plot_04: entropy, cross-entropy, KL -----------------------------------------


@pytest.fixture(scope="module")
def ex04():
    return run_example("losses/plot_04_entropy_cross_entropy.py")[0]


def test_04_values_match_scipy(ex04):
    p, q = ex04["p"], ex04["q"]
    assert ex04["H_p"] == pytest.approx(scipy.stats.entropy(p, base=2), rel=1e-14)
    assert ex04["H_p"] == pytest.approx(1.75, rel=1e-15)
    assert ex04["H_q"] == pytest.approx(scipy.stats.entropy(q, base=2), rel=1e-14)
    assert ex04["KL_pq"] == pytest.approx(scipy.stats.entropy(p, q, base=2), rel=1e-14)
    assert ex04["KL_qp"] == pytest.approx(scipy.stats.entropy(q, p, base=2), rel=1e-14)
    assert ex04["H_pq"] == pytest.approx(float(-(p * np.log2(q)).sum()), rel=1e-14)
    assert ex04["H_pq"] == pytest.approx(ex04["H_p"] + ex04["KL_pq"], rel=1e-14)
    assert ex04["H_qp"] == pytest.approx(ex04["H_q"] + ex04["KL_qp"], rel=1e-14)
    assert abs(ex04["KL_pq"] - ex04["KL_qp"]) > 0.05  # asymmetric


def test_04_binary_entropy(ex04):
    theta, h = ex04["theta"], ex04["binary_entropy_bits"]
    inner = (theta > 0) & (theta < 1)
    expected = -(theta[inner] * np.log2(theta[inner]) + (1 - theta[inner]) * np.log2(1 - theta[inner]))
    np.testing.assert_allclose(h[inner], expected, rtol=1e-12, atol=1e-15)
    assert h[0] == 0.0 and h[-1] == 0.0
    assert h.max() == pytest.approx(1.0, rel=1e-15)


# --- losses/plot_05: forward vs reverse KL ------------------------------------------------


@pytest.fixture(scope="module")
def ex05():
    return run_example("losses/plot_05_kl_asymmetry.py")[0]


def test_05_forward_kl_matches_moments(ex05):
    mu, sigma, kl = ex05["fit_forward"]
    assert abs(mu) <= 0.05
    assert sigma == pytest.approx(math.sqrt(0.6**2 + 2.0**2), abs=0.025)
    x, p = ex05["x"], ex05["p"]
    q = scipy.stats.norm.pdf(x, mu, sigma)
    assert kl == pytest.approx(scipy.stats.entropy(p, q / q.sum()), rel=1e-10)


def test_05_reverse_kl_seeks_one_mode(ex05):
    mu, sigma, kl = ex05["fit_reverse"]
    x, p = ex05["x"], ex05["p"]

    def reverse(params):
        q = scipy.stats.norm.pdf(x, params[0], math.exp(params[1]))
        return scipy.stats.entropy(q / q.sum(), p)

    best = scipy.optimize.minimize(reverse, [1.5 * np.sign(mu), math.log(0.9)], method="Nelder-Mead",
                                   options={"xatol": 1e-8, "fatol": 1e-12}).x
    assert mu == pytest.approx(best[0], abs=0.05)
    assert sigma == pytest.approx(math.exp(best[1]), abs=0.025)
    assert abs(abs(mu) - 2.0) <= 0.05 and sigma == pytest.approx(0.6, abs=0.025)
    # both objectives are minimised over the same grid: the reverse KL has two mirror minima
    rev = ex05["reverse"]
    assert rev[::-1].min() == pytest.approx(rev.min(), rel=1e-9)
    assert np.isfinite(ex05["forward"]).sum() > 0.9 * ex05["forward"].size


# --- losses/plot_06: focal loss curves -----------------------------------------------------


@pytest.fixture(scope="module")
def ex06():
    return run_example("losses/plot_06_focal_loss.py")[0]


def test_06_focal_curves_match_formula(ex06):
    p_t, logits = ex06["p_t"], ex06["logits"]
    for g in ex06["gammas"]:
        z = tt(logits).requires_grad_()
        p = torch.sigmoid(z)
        fl = -(1 - p) ** g * torch.log(p)  # the published formula for a positive example
        (grad,) = torch.autograd.grad(fl.sum(), z)
        np.testing.assert_allclose(ex06["focal_curves"][g], fl.detach().numpy(), rtol=1e-10)
        np.testing.assert_allclose(ex06["gradients"][g], grad.numpy(), rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(ex06["ratio"][g], (1 - p_t) ** g, rtol=1e-9)
    np.testing.assert_allclose(ex06["focal_curves"][0.0], -np.log(p_t), rtol=1e-12)


# --- losses/plot_07: class imbalance ----------------------------------------------------------


@pytest.fixture(scope="module")
def ex07():
    return run_example("losses/plot_07_class_imbalance.py")[0]


def test_07_loss_shares_match_torch(ex07):
    z, y = tt(ex07["logits"]), tt(ex07["labels"])
    p = torch.sigmoid(z)
    ce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    for (alpha, gamma), name in zip([(-1, 0), (0.75, 0), (-1, 2), (0.25, 2)], ex07["shares"]):
        loss = ce * (1 - p_t) ** gamma
        if alpha >= 0:
            loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
        loss = loss.numpy()
        for group, mask in ex07["groups"].items():
            assert ex07["shares"][name][group] == pytest.approx(loss[mask].sum() / loss.sum(), rel=1e-9)
    ce_share = ex07["shares"]["CE"]["easy negatives"]
    fl_share = ex07["shares"][r"FL, $\gamma = 2$"]["easy negatives"]
    assert ce_share > 0.5 and fl_share < 0.1


def test_07_initial_loss_closed_forms(ex07):
    pi, n = 0.01, 1000
    assert ex07["b_prior"] == pytest.approx(math.log(pi / (1 - pi)), rel=1e-14)
    init = ex07["initial"]
    ln2 = math.log(2.0)
    assert init[("CE", "b = 0")][0] == pytest.approx((n + 1) * ln2, rel=1e-13)
    assert init[("CE", "b = 0")][1] == pytest.approx(n / (n + 1), rel=1e-13)
    ce_pos, ce_neg = -math.log(pi), -math.log(1 - pi)
    assert init[("CE", "b = prior")][0] == pytest.approx(ce_pos + n * ce_neg, rel=1e-12)
    fl_pos, fl_neg = 0.25 * (1 - pi) ** 2 * ce_pos, 0.75 * pi**2 * ce_neg
    assert init[("FL", "b = prior")][0] == pytest.approx(fl_pos + n * fl_neg, rel=1e-12)
    assert init[("FL", "b = prior")][1] == pytest.approx(n * fl_neg / (fl_pos + n * fl_neg), rel=1e-10)
    fl0_pos, fl0_neg = 0.25 * 0.25 * ln2, 0.75 * 0.25 * ln2
    assert init[("FL", "b = 0")][0] == pytest.approx(fl0_pos + n * fl0_neg, rel=1e-13)
