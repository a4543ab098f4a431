"""Gold-reference tests for :mod:`dlnotes.regularization`.

Dropout is checked exactly against ``torch.nn.functional.dropout`` with the same mask,
and statistically (zero fraction, scaling, mean) with tolerances of 5 binomial or
normal standard deviations; softshrink against ``F.softshrink``; ridge and lasso against
scikit-learn; early stopping against hand-worked sequences.  Fixed seeds throughout.
"""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from sklearn.linear_model import Lasso, ridge_regression as sk_ridge

from dlnotes.regularization import (
    EarlyStopping,
    dropout,
    dropout_mask,
    lasso_regression,
    ridge_regression,
    softshrink,
)

P_VALUES = [0.1, 0.5, 0.8]


# --- dropout: exact --------------------------------------------------------------------


@pytest.mark.parametrize("p", P_VALUES)
@pytest.mark.parametrize("shape", [(1000,), (20, 30), (4, 3, 5, 6)])
def test_dropout_equals_torch_with_the_same_mask(p, shape):
    rng = np.random.default_rng(0)
    x = rng.uniform(0.5, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)  # no zeros
    torch.manual_seed(1)
    ref = F.dropout(torch.tensor(x), p=p, training=True).numpy()
    mask = ref != 0  # torch's keep-mask, recovered from its output (x has no zeros)
    ours = dropout(x, p, mask=mask)
    np.testing.assert_array_equal(ours, ref)  # bit-identical: same mask, same rounding
    np.testing.assert_array_equal(ours[mask], x[mask] * (1.0 / (1.0 - p)))
    assert np.all(ours[~mask] == 0.0)


@pytest.mark.parametrize("p", [0.0, 0.3, 0.9])
def test_eval_mode_and_p_zero_are_identity(p):
    x = np.random.default_rng(1).normal(size=(5, 4))
    np.testing.assert_array_equal(dropout(x, p, training=False), x)
    np.testing.assert_array_equal(dropout(x, p, training=False),
                                  F.dropout(torch.tensor(x), p, training=False).numpy())
    np.testing.assert_array_equal(dropout(x, 0.0, training=True, rng=0), x)
    assert dropout(x, p, training=False) is not x  # a copy, never the caller's array


def test_rng_makes_the_mask_reproducible():
    x = np.ones((50, 50))
    a = dropout(x, 0.3, rng=np.random.default_rng(7))
    b = dropout(x, 0.3, rng=np.random.default_rng(7))
    c = dropout(x, 0.3, mask=dropout_mask(x.shape, 0.3, rng=np.random.default_rng(7)))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)
    np.testing.assert_array_equal(dropout(x, 0.3, rng=7), a)  # an int seed works too
    assert not np.array_equal(a, dropout(x, 0.3, rng=8))


# --- dropout: statistics (tolerance = 5 standard deviations) ---------------------------


@pytest.mark.parametrize("p", P_VALUES)
def test_zero_fraction_is_p(p):
    n = 200_000
    y = dropout(np.ones(n), p, rng=np.random.default_rng(2))
    zero_fraction = np.mean(y == 0.0)
    sd = math.sqrt(p * (1 - p) / n)  # binomial proportion
    assert abs(zero_fraction - p) < 5 * sd


@pytest.mark.parametrize("p", P_VALUES)
def test_kept_values_are_scaled_by_one_over_one_minus_p(p):
    x = np.random.default_rng(3).normal(size=10_000)
    y = dropout(x, p, rng=np.random.default_rng(4))
    kept = y != 0
    np.testing.assert_allclose(y[kept], x[kept] / (1 - p), rtol=1e-15)


@pytest.mark.parametrize("p", P_VALUES)
def test_expectation_is_preserved(p):
    # y = x r / (1 - p) with r ~ Bernoulli(1 - p): E[y] = x, Var[y] = x^2 p / (1 - p)
    x = np.array([-2.0, 0.5, 1.0, 3.0])
    n = 100_000
    y = dropout(np.broadcast_to(x, (n, 4)), p, rng=np.random.default_rng(5))
    sd_of_mean = np.abs(x) * math.sqrt(p / (1 - p) / n)
    assert np.all(np.abs(y.mean(axis=0) - x) < 5 * sd_of_mean)
    # and the variance matches the closed form to within 5% (n is large)
    np.testing.assert_allclose(y.var(axis=0), x**2 * p / (1 - p), rtol=0.05)


def test_torch_dropout_has_the_same_statistics():
    # same convention: p is the drop probability in torch too
    torch.manual_seed(0)
    y = F.dropout(torch.ones(200_000, dtype=torch.float64), p=0.8, training=True).numpy()
    assert abs(np.mean(y == 0) - 0.8) < 5 * math.sqrt(0.8 * 0.2 / 200_000)
    assert set(np.unique(y)) == {0.0, 1.0 / (1.0 - 0.8)}  # 1 - 0.8 rounds below 0.2


# --- dropout: bad input ----------------------------------------------------------------


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan")])
def test_p_outside_unit_interval_raises(p):
    with pytest.raises(ValueError, match="p "):
        dropout(np.ones(3), p)
    with pytest.raises(ValueError, match="p "):
        dropout_mask((3,), p)


def test_other_dropout_bad_inputs_raise():
    x = np.ones((2, 3))
    with pytest.raises(TypeError, match="p "):
        dropout(x, "0.5")
    with pytest.raises(ValueError, match="mask"):
        dropout(x, 0.5, mask=np.ones((3, 2), dtype=bool))
    with pytest.raises(TypeError, match="mask"):
        dropout(x, 0.5, mask=np.ones((2, 3)))
    with pytest.raises(TypeError, match="rng"):
        dropout(x, 0.5, rng="seed")
    with pytest.raises(TypeError, match="training"):
        dropout(x, 0.5, training="yes")


# --- softshrink, ridge, lasso ----------------------------------------------------------


@pytest.mark.parametrize("lambd", [0.0, 0.5, 2.0])
def test_softshrink_matches_torch(lambd):
    x = np.concatenate([np.linspace(-4, 4, 81), [lambd, -lambd]])
    ref = F.softshrink(torch.tensor(x), lambd).numpy()
    np.testing.assert_allclose(softshrink(x, lambd), ref, rtol=0, atol=1e-15)
    with pytest.raises(ValueError, match="lambd"):
        softshrink(x, -1.0)


def regression_data(n=60, d=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    X[:, 1] += 0.8 * X[:, 0]  # some correlation between features
    w = np.array([3.0, -2.0, 0.0, 0.0, 1.0, 0.0])[:d]
    y = X @ w + 0.5 * rng.normal(size=n)
    return X, y


@pytest.mark.parametrize("alpha", [0.0, 0.1, 10.0, 1000.0])
def test_ridge_matches_sklearn(alpha):
    X, y = regression_data()
    np.testing.assert_allclose(ridge_regression(X, y, alpha), sk_ridge(X, y, alpha=alpha),
                               rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.5, 2.0, 10.0])
def test_lasso_matches_sklearn(alpha):
    X, y = regression_data()
    ref = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y)
    ours = lasso_regression(X, y, alpha, max_iter=100_000, tol=1e-13)
    np.testing.assert_allclose(ours, ref.coef_, rtol=1e-7, atol=1e-9)
    np.testing.assert_array_equal(ours == 0.0, ref.coef_ == 0.0)  # the same exact zeros


def test_lasso_orthonormal_design_is_soft_thresholding():
    # X^T X = n I  ->  lasso = softshrink(least squares, alpha), ridge = LS / (1 + alpha/n)
    n = 64
    Q, _ = np.linalg.qr(np.random.default_rng(1).normal(size=(n, 4)))
    X = Q * math.sqrt(n)
    y = X @ np.array([2.0, -0.3, 0.1, -1.5]) + np.random.default_rng(2).normal(size=n) * 0.1
    ls = X.T @ y / n
    np.testing.assert_allclose(lasso_regression(X, y, 0.5), softshrink(ls, 0.5), atol=1e-10)
    np.testing.assert_allclose(ridge_regression(X, y, 8.0), ls / (1 + 8.0 / n), rtol=1e-12)


def test_lasso_warm_start_and_large_alpha():
    X, y = regression_data()
    alpha_max = np.max(np.abs(X.T @ y)) / len(y)  # smallest alpha with all coefficients 0
    np.testing.assert_array_equal(lasso_regression(X, y, alpha_max * 1.001), 0.0)
    assert np.any(lasso_regression(X, y, alpha_max * 0.9) != 0.0)
    cold = lasso_regression(X, y, 0.3)
    warm = lasso_regression(X, y, 0.3, coef_init=lasso_regression(X, y, 0.35))
    np.testing.assert_allclose(warm, cold, atol=1e-8)


def test_regression_bad_inputs_raise():
    X, y = regression_data()
    with pytest.raises(ValueError, match="alpha"):
        ridge_regression(X, y, -1.0)
    with pytest.raises(ValueError, match="alpha"):
        lasso_regression(X, y, -1.0)
    with pytest.raises(ValueError, match="y"):
        ridge_regression(X, y[:-1])
    with pytest.raises(ValueError, match="X"):
        lasso_regression(X[:, 0], y)
    with pytest.raises(ValueError, match="column"):
        lasso_regression(np.hstack([X, np.zeros((len(y), 1))]), y)
    with pytest.raises(ValueError, match="alpha"):
        ridge_regression(np.ones((5, 2)), np.ones(5), 0.0)  # singular without a penalty


# --- early stopping --------------------------------------------------------------------


def test_early_stopping_hand_worked_sequence():
    losses = [1.0, 0.7, 0.5, 0.52, 0.49, 0.51, 0.50, 0.53, 0.48]
    stopper = EarlyStopping(patience=3)
    decisions = [stopper.step(v) for v in losses]
    # best so far: 1.0, 0.7, 0.5, (no), 0.49 at epoch 4, then 3 epochs without improvement
    assert decisions == [False] * 7 + [True, True]
    # once stopped, the state is frozen: the late 0.48 is recorded but not adopted
    assert stopper.best_epoch == 4 and stopper.best == 0.49
    assert stopper.stopped_epoch == 7
    assert stopper.history == losses


def test_early_stopping_min_delta():
    stopper = EarlyStopping(patience=2, min_delta=0.05)
    # 0.97 and 0.96 improve by less than 0.05 on the best (1.0): not improvements
    assert [stopper.step(v) for v in [1.0, 0.97, 0.96]] == [False, False, True]
    assert stopper.best_epoch == 0
    stopper = EarlyStopping(patience=2, min_delta=0.05)
    assert [stopper.step(v) for v in [1.0, 0.97, 0.93, 0.92]] == [False] * 4
    assert stopper.best_epoch == 2  # 0.93 < 1.0 - 0.05


def test_early_stopping_never_stops_while_improving_and_ignores_nan():
    stopper = EarlyStopping(patience=1)
    assert not any(stopper.step(1.0 / k) for k in range(1, 50))
    assert stopper.step(float("nan"))  # NaN is never an improvement
    assert stopper.best_epoch == 48


@pytest.mark.parametrize("kwargs, name", [(dict(patience=0), "patience"),
                                          (dict(min_delta=-1.0), "min_delta")])
def test_early_stopping_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        EarlyStopping(**kwargs)


@pytest.mark.parametrize("kwargs, name", [(dict(patience=2.5), "patience"),  # not an int: a type error
                                          (dict(min_delta="0"), "min_delta")])
def test_early_stopping_bad_argument_types(kwargs, name):
    with pytest.raises(TypeError, match=name):
        EarlyStopping(**kwargs)
