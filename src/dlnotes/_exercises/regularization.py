"""Answers of the regularization chapter's exercises (``docs/regularization/exercises.md``)."""

import math

import numpy as np

from dlnotes import normalization as N
from dlnotes import regularization as R
from dlnotes._validation import as_float_array, check_real

from ._registry import AnswerRegistry

__all__ = ["answers", "zca_matrix", "batch_norm_train"]

_answer = AnswerRegistry()


def zca_matrix(cov, eps=0.0):
    r"""The ZCA whitening matrix :math:`W = U(\Lambda + \varepsilon I)^{-1/2}U^\top = (\Sigma + \varepsilon I)^{-1/2}`.

    Parameters
    ----------
    cov : array_like, shape (d, d)
        A symmetric positive semi-definite covariance matrix.
    eps : float, default 0.0
        Added to every eigenvalue before the inverse square root (>= 0).

    Returns
    -------
    ndarray, shape (d, d)
        The symmetric whitening matrix.

    Examples
    --------
    >>> zca_matrix([[4.0, 0.0], [0.0, 1.0]]).tolist()
    [[0.5, 0.0], [0.0, 1.0]]
    """
    cov = as_float_array(cov, "cov", allow_inf=False, allow_empty=False)
    eps = check_real(eps, "eps")
    if cov.ndim != 2 or cov.shape[0] != cov.shape[1] or not np.allclose(cov, cov.T):
        raise ValueError(f"cov must be a symmetric square matrix, got shape {cov.shape}")
    if eps < 0:
        raise ValueError(f"eps must be >= 0, got {eps}")
    lam, U = np.linalg.eigh(cov)
    if (lam + eps <= 0).any():
        raise ValueError("cov + eps I must be positive definite: increase eps")
    return (U / np.sqrt(lam + eps)) @ U.T


def batch_norm_train(x, gamma, beta, grad_out, eps=1e-5):
    r"""Batch normalization of an (N, C) batch in training mode, forward and backward.

    Forward: :math:`\hat x = (x - \mu_\mathcal B)/\sqrt{\sigma^2_\mathcal B + \varepsilon}`,
    :math:`y = \gamma\hat x + \beta` (biased variance).  Backward, per channel:
    :math:`\partial\ell/\partial x_i = \frac{\gamma}{m\sigma}\bigl(m g_i - \sum_j g_j - \hat x_i\sum_j g_j\hat x_j\bigr)`.

    Parameters
    ----------
    x : array_like, shape (N, C)
        The batch.
    gamma, beta : array_like, shape (C,)
        Scale and shift.
    grad_out : array_like, shape (N, C)
        Upstream gradient :math:`g = \partial\ell/\partial y`.
    eps : float, default 1e-5
        Added to the variance (> 0).

    Returns
    -------
    y, dx : ndarray, shape (N, C)
        Output and :math:`\partial\ell/\partial x`.
    dgamma, dbeta : ndarray, shape (C,)
        :math:`\sum_i g_i\hat x_i` and :math:`\sum_i g_i`.

    Examples
    --------
    >>> y, dx, dg, db = batch_norm_train([[0.0], [2.0]], [1.0], [0.0], [[1.0], [1.0]])
    >>> y.round(3).ravel().tolist(), dx.ravel().tolist()
    ([-1.0, 1.0], [0.0, 0.0])
    """
    x = as_float_array(x, "x", allow_inf=False)
    g = as_float_array(grad_out, "grad_out", allow_inf=False)
    if x.ndim != 2 or x.shape[0] < 2:
        raise ValueError(f"x must have shape (N, C) with N >= 2, got {x.shape}")
    if g.shape != x.shape:
        raise ValueError(f"grad_out must have the shape of x {x.shape}, got {g.shape}")
    gamma = as_float_array(gamma, "gamma", allow_inf=False)
    beta = as_float_array(beta, "beta", allow_inf=False)
    for name, value in (("gamma", gamma), ("beta", beta)):
        if value.shape != (x.shape[1],):
            raise ValueError(f"{name} must have shape ({x.shape[1]},), got {value.shape}")
    eps = check_real(eps, "eps")
    if eps <= 0:
        raise ValueError(f"eps must be > 0, got {eps}")
    m = x.shape[0]
    mu = x.mean(axis=0)
    sigma = np.sqrt(x.var(axis=0) + eps)
    xhat = (x - mu) / sigma
    y = gamma * xhat + beta
    dbeta = g.sum(axis=0)
    dgamma = (g * xhat).sum(axis=0)
    dx = gamma / (m * sigma) * (m * g - dbeta - xhat * dgamma)
    return y, dx, dgamma, dbeta


_COV = np.array([[4.0, 2.0], [2.0, 3.0]])


@_answer
def _zca():
    lam = np.linalg.eigvalsh(_COV)[::-1]
    W = zca_matrix(_COV)
    return {"zca-l1": float(lam[0]), "zca-l2": float(lam[1]), "zca-w11": float(W[0, 0]), "zca-w12": float(W[0, 1]),
            "zca-w22": float(W[1, 1]), "zca-check": float(np.abs(W @ _COV @ W - np.eye(2)).max())}


@_answer
def _whitening_eps():
    lam, eps = 1e-4, 1e-2
    return {"eps-gain0": 1 / math.sqrt(lam), "eps-gain": 1 / math.sqrt(lam + eps), "eps-var": lam / (lam + eps)}


@_answer
def _dropout_scale():
    p, x = 0.3, 2.0
    kept = float(R.dropout(np.array([x]), p, mask=np.array([True]))[0])
    mean = (1 - p) * kept
    return {"drop-scale": 1 / (1 - p), "drop-kept": kept, "drop-mean": mean,
            "drop-var": (1 - p) * kept**2 - mean**2, "drop-var-formula": p / (1 - p) * x**2}


@_answer
def _dropout_eval():
    p, n = 0.5, 100
    var_each = p / (1 - p)  # each unit outputs 1 when not dropped
    return {"eval-sum": float(n), "eval-sd": math.sqrt(n * var_each), "eval-plain": (1 - p) * n}


_BN_X = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])


@_answer
def _bn_forward():
    y = N.batch_norm(_BN_X[:, None], None, None, np.array([2.0]), np.array([1.0]), training=True)[:, 0]
    rm, rv = np.zeros(1), np.ones(1)
    N.batch_norm(_BN_X[:, None], rm, rv, training=True, momentum=0.1)
    return {"bnf-mu": float(_BN_X.mean()), "bnf-var": float(_BN_X.var()), "bnf-var-unbiased": float(_BN_X.var(ddof=1)),
            "bnf-y-first": float(y[0]), "bnf-y-last": float(y[-1]), "bnf-rm": float(rm[0]), "bnf-rv": float(rv[0])}


_BNB_X, _BNB_G = np.array([1.0, 2.0, 4.0]), np.array([0.1, -0.2, 0.3])


@_answer
def _bn_backward():
    y, dx, dgamma, dbeta = batch_norm_train(_BNB_X[:, None], np.ones(1), np.zeros(1), _BNB_G[:, None])
    out = {f"bnb-dx{i}": float(v) for i, v in enumerate(dx[:, 0], 1)}
    out.update({"bnb-dgamma": float(dgamma[0]), "bnb-dbeta": float(dbeta[0]), "bnb-sum": float(dx.sum()),
                "bnb-xhat-sum": float((y[:, 0] * dx[:, 0]).sum())})
    return out


@_answer
def _bn_code():
    rng = np.random.default_rng(0)
    x, g = rng.normal(2.0, 3.0, size=(16, 4)), rng.normal(size=(16, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    y, dx, dgamma, dbeta = batch_norm_train(x, gamma, beta, g)
    ref_dx, ref_dgamma, ref_dbeta = N.batch_norm_backward(g, x, gamma)
    ref_y = N.batch_norm(x, None, None, gamma, beta, training=True)
    diff = max(np.abs(a - b).max() for a, b in [(y, ref_y), (dx, ref_dx), (dgamma, ref_dgamma), (dbeta, ref_dbeta)])
    return {"bnc-maxdiff": float(diff)}


@_answer
def _bn_batch_noise():
    return {"noise-sd16": 1 / math.sqrt(16), "noise-max8": math.sqrt(8 - 1)}


def _shift(p, c, v):
    return v / ((c**2 + v) / (1 - p) - c**2)


@_answer
def _variance_shift():
    p, c, v = 0.3, 0.5, 1.0
    return {"vs-train": (c**2 + v) / (1 - p) - c**2, "vs-ratio": _shift(p, c, v), "vs-ratio-c0": _shift(p, 0.0, v)}


_W_LS, _LAM = np.array([1.5, -0.2, 0.6]), 0.4


@_answer
def _l1_l2():
    n = 5
    X = np.sqrt(n) * np.linalg.qr(np.random.default_rng(1).normal(size=(n, 3)))[0]  # X^T X = n I
    ridge = R.ridge_regression(X, X @ _W_LS, alpha=_LAM * n)
    lasso = R.softshrink(_W_LS, _LAM)
    out = {f"l2-w{i}": float(v) for i, v in enumerate(ridge, 1)}
    out.update({f"l1-w{i}": float(v) for i, v in enumerate(lasso, 1)})
    return out


EARLY_LOSSES = [0.90, 0.70, 0.62, 0.60, 0.61, 0.59, 0.60, 0.62, 0.63, 0.64]


@_answer
def _early_stopping():
    out = {}
    for patience in (2, 3):
        stopper = R.EarlyStopping(patience=patience)
        for value in EARLY_LOSSES:
            if stopper.step(value):
                break
        out[f"es{patience}-best"] = stopper.best_epoch + 1  # 1-based epochs on the page
        out[f"es{patience}-stop"] = stopper.stopped_epoch + 1
    out["es-best-loss"] = min(EARLY_LOSSES)
    return out


@_answer
def _diagnosis():
    human = 0.02
    a_train, a_val = 0.09, 0.10
    b_train, b_val = 0.025, 0.12
    return {"diag-a-bias": a_train - human, "diag-a-var": a_val - a_train,
            "diag-b-bias": b_train - human, "diag-b-var": b_val - b_train}


@_answer
def _weight_decay():
    w, g, lr, lam = 1.0, 0.5, 0.1, 0.01
    return {"wd-l2": w - lr * (g + lam * w), "wd-decay": (1 - lr * lam) * w - lr * g, "wd-factor": 1 - lr * lam}


def answers():
    """Every number quoted by the chapter's solutions, by glue name.

    Returns
    -------
    dict
        Glue name -> int, float or str.
    """
    return _answer.compute()
