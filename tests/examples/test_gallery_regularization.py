"""Checks of the regularization examples (``gallery/regularization``).

Each script runs once per session (see ``_gallery.py``); the variables it leaves behind
are checked against closed forms, torch, scikit-learn and scipy, not against the
script's own code.  Statistical checks use tolerances of about 5 standard errors.
"""

import math

import numpy as np
import pytest
from _gallery import run_example, scripts

SCRIPTS = scripts("regularization")


def test_scripts_found():
    assert "regularization/plot_01_whitening_2d.py" in SCRIPTS
    assert len(SCRIPTS) == 10


def cov(z):
    zc = z - z.mean(axis=0)
    return zc.T @ zc / len(z)


# --- plot_01: PCA and ZCA whitening of 2-D data -----------------------------------------


@pytest.fixture(scope="module")
def ex01():
    return run_example("regularization/plot_01_whitening_2d.py")[0]


def test_01_covariances_are_identity_up_to_eps(ex01):
    X, eps = ex01["X"], ex01["eps"]
    lam = np.sort(np.linalg.eigvalsh(np.cov(X, rowvar=False, bias=True)))[::-1]
    np.testing.assert_allclose(ex01["cov_pca"], np.diag(lam / (lam + eps)), atol=1e-12)
    np.testing.assert_allclose(np.sort(np.linalg.eigvalsh(ex01["cov_zca"]))[::-1],
                               lam / (lam + eps), atol=1e-12)
    np.testing.assert_allclose(ex01["cov_zca"], np.eye(2), atol=2e-3)


def test_01_zca_is_the_symmetric_inverse_square_root(ex01):
    from scipy.linalg import fractional_matrix_power

    X, eps = ex01["X"], ex01["eps"]
    W = fractional_matrix_power(np.cov(X, rowvar=False, bias=True) + eps * np.eye(2), -0.5)
    np.testing.assert_allclose(ex01["Z_zca"], (X - X.mean(axis=0)) @ W, atol=1e-10)


def test_01_pca_matches_sklearn_up_to_sign(ex01):
    from sklearn.decomposition import PCA

    X, Z = ex01["X"], ex01["Z_pca"]
    n = len(X)
    # sklearn divides by n - 1 (and has no eps); ours by n with eps = 1e-5, so the
    # components differ by sqrt(n / (n - 1)) times a factor within eps / lambda of 1
    ref = PCA(whiten=True, svd_solver="full").fit_transform(X) * math.sqrt(n / (n - 1))
    signs = np.sign(np.sum(Z * ref, axis=0))
    np.testing.assert_allclose(Z * signs, ref, rtol=1e-3, atol=1e-9)


def test_01_zca_stays_closest_to_the_data(ex01):
    assert ex01["dist_zca"] < ex01["dist_pca"]


# --- plot_02: ZCA on photo patches ------------------------------------------------------


@pytest.fixture(scope="module")
def ex02():
    return run_example("regularization/plot_02_zca_image.py")[0]


def test_02_whitened_patch_covariance(ex02):
    patches, eps = ex02["patches"], ex02["eps_main"]
    lam = np.sort(np.linalg.eigvalsh(cov(patches)))[::-1]
    got = np.sort(np.linalg.eigvalsh(ex02["patch_cov_white"]))[::-1]
    np.testing.assert_allclose(got, lam / (lam + eps), atol=1e-8)
    assert "eps" in ex02["eps0_error"]  # patch means removed: the covariance is singular


def test_02_whitening_decorrelates_neighbouring_pixels(ex02):
    assert ex02["corr_raw"] > 0.9
    assert abs(ex02["corr_white"]) < 0.3
    corr = [ex02["sweep_corr"][e] for e in sorted(ex02["sweep_corr"])]
    assert all(a < b for a, b in zip(corr, corr[1:]))  # larger eps, less whitening


def test_02_filter_is_centre_surround(ex02):
    k = ex02["kernel_main"]
    c = k.shape[0] // 2
    assert k[c, c] == k.max() > 0
    assert all(v < 0 for v in (k[c - 1, c], k[c + 1, c], k[c, c - 1], k[c, c + 1]))
    np.testing.assert_allclose(k.sum(), 0.0, atol=1e-9)  # constant part removed
    assert ex02["image"].shape == (300, 256)


# --- plot_03: dropout -------------------------------------------------------------------


@pytest.fixture(scope="module")
def ex03():
    return run_example("regularization/plot_03_dropout.py")[0]


def test_03_dropout_statistics(ex03):
    h, w, n = ex03["h"], ex03["w"], ex03["n_draws"]
    s_eval = float(h @ w)
    assert ex03["s_eval"] == pytest.approx(s_eval, rel=1e-12)
    a2 = np.sum(w**2 * h**2)
    for p, frac in ex03["zero_fraction"].items():
        n_units = n * len(h)
        assert abs(frac - p) < 5 * math.sqrt(p * (1 - p) / n_units)
        var = a2 * p / (1 - p)  # Var[sum w_i h_i r_i / (1 - p)]
        assert ex03["var_theory"][p] == pytest.approx(var, rel=1e-12)
        assert abs(ex03["mean_train"][p] - s_eval) < 5 * math.sqrt(var / n)
        var_plain = a2 * p * (1 - p)  # without the rescaling
        assert abs(ex03["mean_plain"][p] - (1 - p) * s_eval) < 5 * math.sqrt(var_plain / n)
        assert ex03["s_train"][p].var() == pytest.approx(var, rel=0.05)


# --- plot_04: BN training ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ex04():
    return run_example("regularization/plot_04_batch_norm_training.py")[0]


def test_04_gradient_check(ex04):
    assert ex04["forward_error"] < 1e-12
    assert all(err < 1e-12 for err in ex04["max_grad_error"].values())


def test_04_dlnotes_layer_trains_exactly_like_torch_batchnorm(ex04):
    torch = pytest.importorskip("torch")
    ours, ref = ex04["make_net"](norm="dlnotes"), ex04["make_net"](norm="torch")
    loss_ours = ex04["train"](ours, 5, 0.1)
    loss_ref = ex04["train"](ref, 5, 0.1)
    np.testing.assert_allclose(loss_ours, loss_ref, rtol=1e-10)
    for p, q in zip(ours.parameters(), ref.parameters()):
        np.testing.assert_allclose(p.detach().numpy(), q.detach().numpy(), rtol=1e-9, atol=1e-12)
    bn_ours = [m for m in ours if isinstance(m, ex04["BatchNorm"])]
    bn_ref = [m for m in ref if isinstance(m, torch.nn.BatchNorm1d)]
    for a, b in zip(bn_ours, bn_ref):
        np.testing.assert_allclose(a.running_mean, b.running_mean.numpy(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(a.running_var, b.running_var.numpy(), rtol=1e-9, atol=1e-12)


def test_04_effect_of_bn(ex04):
    curves = ex04["loss_curves"]
    tail = {key: c[-20:].mean() for key, c in curves.items()}
    assert tail[0.1, "no BN, default init"] > 0.6  # stuck near ln 2
    # page: "损失在 100 步里一直停在随机猜测的 ln 2": every step, not only the tail
    assert np.all(np.abs(np.asarray(curves[0.1, "no BN, default init"]) - math.log(2)) < 0.02)
    assert tail[0.1, "BN, default init"] < 0.3
    assert tail[0.5, "BN, default init"] < 0.5 * tail[0.5, "no BN, He init"]
    # He init at lr 0.5 is unstable: its loss comes down, then climbs back up
    he_fast = np.convolve(curves[0.5, "no BN, He init"], np.ones(15) / 15, mode="valid")
    assert he_fast[-1] > he_fast.min() + 0.1
    # with BN (gamma = 1, beta = 0) each unit's pre-activation is standardised, and
    # ReLU of a standard normal has std sqrt(1/2 - 1/(2 pi)) = 0.584
    relu_std = math.sqrt(0.5 - 0.5 / math.pi)
    np.testing.assert_allclose(ex04["init_std"]["BN, default init"], relu_std, atol=0.06)
    std_plain = ex04["init_std"]["no BN, default init"]
    assert std_plain[-1] < 0.3 * std_plain[0]


# --- plot_05: batch-statistics noise ----------------------------------------------------


@pytest.fixture(scope="module")
def ex05():
    return run_example("regularization/plot_05_batch_size_noise.py")[0]


def test_05_spread_of_batch_statistics_matches_iid_theory(ex05):
    data = ex05["data"]
    sigma2 = data.var()
    mu4 = np.mean((data - data.mean()) ** 4)
    for B in ex05["batch_sizes"]:
        B = int(B)
        assert ex05["sd_batch_mean"][B] == pytest.approx(math.sqrt(sigma2 / B), rel=0.08)
        # exact variance of the biased sample variance of B i.i.d. draws
        var_s2 = ((B - 1) / B) ** 2 * (mu4 / B - sigma2**2 * (B - 3) / (B * (B - 1)))
        assert ex05["sd_batch_var"][B] == pytest.approx(math.sqrt(var_s2), rel=0.15)


def test_05_normalised_value_of_x0(ex05):
    xhat0 = ex05["xhat0"]
    # two values standardise to +-d / sqrt(d^2 + eps): magnitude 1 up to eps / (2 d^2)
    assert np.all(np.abs(xhat0[2]) <= 1.0) and np.median(np.abs(xhat0[2])) > 0.999
    for B, values in xhat0.items():
        assert np.all(np.abs(values) <= math.sqrt(B - 1) + 1e-9)
    spread = [xhat0[B].std() for B in (16, 32, 64, 128, 256)]
    assert all(a > b for a, b in zip(spread, spread[1:]))
    assert abs(np.median(xhat0[256]) - ex05["x0_exact"]) < 0.05


# --- plot_06: BN + dropout variance shift -----------------------------------------------


@pytest.fixture(scope="module")
def ex06():
    return run_example("regularization/plot_06_bn_dropout_variance_shift.py")[0]


def test_06_single_unit_shift_matches_closed_form(ex06):
    for (c, p), measured in ex06["shift_measured"].items():
        theory = 1.0 / ((c**2 + 1.0) / (1.0 - p) - c**2)
        assert measured == pytest.approx(theory, abs=0.02)


def test_06_dropout_after_the_last_bn_removes_the_shift(ex06):
    before = ex06["layer_shift"]["before every BN"]
    after = ex06["layer_shift"]["after the last BN"]
    p = ex06["p_deep"]
    c = 0.5  # mean of the network input: the first BN sees a linear map of dropped inputs
    assert before[0] == pytest.approx(1.0 / ((c**2 + 1) / (1 - p) - c**2), abs=0.02)
    assert np.all(np.diff(before) < 0) and before[-1] < 0.05
    np.testing.assert_allclose(after, 1.0, atol=0.04)


# --- plot_07: polynomial degree ---------------------------------------------------------


@pytest.fixture(scope="module")
def ex07():
    return run_example("regularization/plot_07_polynomial_degree.py")[0]


def test_07_training_error_matches_sklearn_and_decreases(ex07):
    from sklearn.linear_model import LinearRegression
    from sklearn.preprocessing import PolynomialFeatures

    x, y = ex07["x_train"], ex07["y_train"]
    for d in (1, 3, 6, 9):
        feats = PolynomialFeatures(d).fit_transform((2 * x - 1)[:, None])
        pred = LinearRegression(fit_intercept=False).fit(feats, y).predict(feats)
        assert ex07["train_mse"][d] == pytest.approx(np.mean((pred - y) ** 2), rel=1e-6)
    train = [ex07["train_mse"][d] for d in ex07["degrees"]]
    assert all(b <= a + 1e-12 for a, b in zip(train, train[1:]))  # nested models
    assert np.all(np.diff(ex07["mean_train_mse"]) <= 1e-12)


def test_07_u_curve_and_decomposition(ex07):
    val, best = ex07["mean_val_mse"], ex07["best_mean_degree"]
    assert 3 <= best <= 7
    assert val[0] > 3 * val[best] and val[-1] > 3 * val[best]
    np.testing.assert_allclose(ex07["expected_test_mse"], val, rtol=0.1)
    assert ex07["bias2"][1] > 10 * ex07["variance"][1]  # low degree: bias dominates
    assert ex07["variance"][15] > 10 * ex07["bias2"][15]  # high degree: variance dominates


# --- plot_08: learning curves -----------------------------------------------------------


@pytest.fixture(scope="module")
def ex08():
    return run_example("regularization/plot_08_learning_curves.py")[0]


def test_08_high_bias_plateau_is_noise_plus_approximation_error(ex08):
    # best straight line for sin(2 pi x) on [0, 1] in L2(uniform): least squares on a fine grid
    x = np.linspace(0, 1, 200_001)
    A = np.c_[np.ones_like(x), x]
    coef, *_ = np.linalg.lstsq(A, np.sin(2 * np.pi * x), rcond=None)
    approx_err = np.mean((A @ coef - np.sin(2 * np.pi * x)) ** 2)
    sigma2 = ex08["noise_sd"] ** 2
    name = "degree 1 (high bias)"
    assert ex08["val_curve"][name][-1] == pytest.approx(sigma2 + approx_err, rel=0.05)
    assert ex08["val_curve"][name][-1] - ex08["train_curve"][name][-1] < 0.03


def test_08_high_variance_gap_closes_with_data(ex08):
    sigma2 = ex08["noise_sd"] ** 2
    name = "degree 12 (high variance)"
    tr, va = ex08["train_curve"][name], ex08["val_curve"][name]
    assert tr[0] < 0.5 * sigma2 and va[0] > 10 * sigma2
    gap = va - tr
    assert np.all(np.diff(gap) < 0)
    assert tr[-1] == pytest.approx(sigma2, rel=0.15) and va[-1] == pytest.approx(sigma2, rel=0.15)


# --- plot_09: early stopping ------------------------------------------------------------


@pytest.fixture(scope="module")
def ex09():
    return run_example("regularization/plot_09_early_stopping.py")[0]


def test_09_stop_point_follows_the_patience_rule(ex09):
    val, patience = ex09["val_loss"], ex09["patience"]
    # independent reference: walk the curve, remember the last strict improvement
    best, best_at, stop = math.inf, None, None
    for epoch, v in enumerate(val):
        if v < best:
            best, best_at = v, epoch
        elif epoch - best_at >= patience:
            stop = epoch
            break
    assert ex09["best_epoch"] == best_at
    assert ex09["stopped_epoch"] == stop
    assert 100 <= best_at < 200  # page: the validation error is lowest "在一百多个 epoch 时"
    assert ex09["val_loss_restored"] == pytest.approx(val[best_at], rel=1e-12)


def test_09_overfitting_after_the_stop(ex09):
    val, train, best = ex09["val_loss"], ex09["train_loss"], ex09["best_epoch"]
    assert val[-1] > 1.5 * val[best]
    assert train[-1] < 0.7 * train[best]
    assert ex09["n_params"] == (1 * 32 + 32) + (32 * 32 + 32) + (32 * 1 + 1)


# --- plot_10: L1 vs L2 ------------------------------------------------------------------


@pytest.fixture(scope="module")
def ex10():
    return run_example("regularization/plot_10_l1_l2.py")[0]


def test_10_paths_match_sklearn(ex10):
    from sklearn.linear_model import Lasso, ridge_regression

    X, y = ex10["X"], ex10["y"]
    for k in (0, 20, 40, 59):
        a = ex10["ridge_alphas"][k]
        np.testing.assert_allclose(ex10["ridge_path"][k], ridge_regression(X, y, alpha=a),
                                   rtol=1e-8, atol=1e-10)
    for k in (5, 20, 40, 59):
        a = ex10["lasso_alphas"][k]
        ref = Lasso(alpha=a, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
        np.testing.assert_allclose(ex10["lasso_path"][k], ref, atol=1e-6)
    assert ex10["zeros_ridge"].max() == 0
    assert ex10["zeros_lasso"][0] == X.shape[1]  # alpha_max: everything is zero
    # somewhere on the path the lasso keeps exactly the three relevant features
    path = ex10["lasso_path"]
    assert np.any(np.all(path[:, :3] != 0, axis=1) & np.all(path[:, 3:] == 0, axis=1))


def test_10_constrained_solutions_match_scipy(ex10):
    from scipy.optimize import minimize

    H, w_hat, t = ex10["H"], ex10["w_hat"], ex10["t"]

    def loss(w):
        return 0.5 * (w - w_hat) @ H @ (w - w_hat)

    l2 = minimize(loss, [0.1, 0.1], method="SLSQP",
                  constraints=[{"type": "ineq", "fun": lambda w: t**2 - w @ w}]).x
    # the L1 ball as 4 linear constraints (+-w1 +-w2 <= t)
    signs = [(1, 1), (1, -1), (-1, 1), (-1, -1)]
    l1 = minimize(loss, [0.1, 0.1], method="SLSQP",
                  constraints=[{"type": "ineq", "fun": lambda w, s=s: t - s[0] * w[0] - s[1] * w[1]}
                               for s in signs]).x
    np.testing.assert_allclose(ex10["w_l2"], l2, atol=1e-4)
    np.testing.assert_allclose(ex10["w_l1"], l1, atol=1e-4)
    np.testing.assert_allclose(ex10["w_l1"], [t, 0.0], atol=1e-4)  # a corner of the diamond
    assert np.all(np.abs(ex10["w_l2"]) > 0.3)  # the disc gives no zero
