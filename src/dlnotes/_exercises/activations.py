"""Answers of the activations chapter's exercises (``docs/activations_exercises.md``)."""

import math

import numpy as np

from dlnotes import activations as A
from dlnotes._validation import as_float_array, check_dim

from ._registry import AnswerRegistry

__all__ = ["answers", "stable_log_softmax", "softmax_vjp"]

_answer = AnswerRegistry()


def stable_log_softmax(x, axis=-1):
    r"""Log-softmax that neither overflows nor takes the log of zero.

    :math:`\log\operatorname{softmax}(x)_i = (x_i - m) - \log\sum_j e^{x_j - m}` with
    :math:`m = \max_j x_j`: every exponent is at most 0 and the sum is at least 1.

    Parameters
    ----------
    x : array_like
        Logits (finite).
    axis : int, default -1
        The axis that holds the classes.

    Returns
    -------
    ndarray
        Log-probabilities, the shape of ``x``.

    Examples
    --------
    >>> stable_log_softmax([1000.0, 0.0]).round(3)
    array([    0., -1000.])
    """
    x = as_float_array(x, "x", allow_inf=False, allow_empty=False)
    axis = check_dim(axis, x.ndim, "axis")
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax_vjp(z, g):
    r"""Vector-Jacobian product of softmax: :math:`J^\top g = s \odot (g - (g^\top s)\,\mathbf 1)`.

    Never builds the :math:`K \times K` Jacobian.

    Parameters
    ----------
    z : array_like, shape (K,)
        Logits.
    g : array_like, shape (K,)
        Upstream gradient :math:`\partial L / \partial s`.

    Returns
    -------
    ndarray, shape (K,)
        :math:`\partial L / \partial z`.

    Examples
    --------
    >>> float(softmax_vjp([0.0, 0.0], [1.0, 0.0])[0])
    0.25
    """
    z = as_float_array(z, "z", allow_inf=False, allow_empty=False)
    g = as_float_array(g, "g", allow_inf=False)
    if z.ndim != 1:
        raise ValueError(f"z must be a 1-d vector of logits, got shape {z.shape}")
    if g.shape != z.shape:
        raise ValueError(f"g must have the shape of z {z.shape}, got {g.shape}")
    s = np.exp(stable_log_softmax(z))
    return s * (g - g @ s)


@_answer
def _linear_collapse():
    rng = np.random.default_rng(0)
    sizes = [4, 5, 3, 2]
    Ws = [rng.normal(size=(o, i)) for i, o in zip(sizes[:-1], sizes[1:])]
    bs = [rng.normal(size=o) for o in sizes[1:]]
    x = rng.normal(size=(100, 4))
    h = x
    for W, b in zip(Ws, bs):
        h = h @ W.T + b
    W = Ws[2] @ Ws[1] @ Ws[0]
    b = Ws[2] @ (Ws[1] @ bs[0] + bs[1]) + bs[2]
    return {"collapse-maxdiff": float(np.abs(h - (x @ W.T + b)).max())}


@_answer
def _sigmoid_grad():
    s = (1.0 + math.sqrt(1.0 - 4 * 0.1)) / 2.0  # s (1 - s) = 0.1 with s > 1/2
    return {"sig-g0": float(A.sigmoid_grad(0.0)), "sig-g2": float(A.sigmoid_grad(2.0)),
            "sig-s01": s, "sig-x01": math.log(s / (1.0 - s))}


@_answer
def _vanishing_bound():
    n = 1
    while 0.25**n >= 1e-6:
        n += 1
    return {"vanish-n": n, "vanish-bound": 0.25**n, "vanish-prev": 0.25 ** (n - 1)}


@_answer
def _tanh_sigmoid():
    x = 0.7
    return {"tanh-g07": float(A.tanh_grad(x)), "tanh-4sig": float(4 * A.sigmoid_grad(2 * x)),
            "tanh-07": float(A.tanh(x)), "tanh-2sig": float(2 * A.sigmoid(2 * x) - 1)}


@_answer
def _dying_relu():
    mu, sd = -0.2, 0.1
    return {"dying-share": 0.5 * (1.0 + math.erf((0.0 - mu) / (sd * math.sqrt(2.0)))),
            "dying-z": -mu / sd}


@_answer
def _leaky():
    x = np.array([-2.0, -0.5, 0.0, 1.5])
    y = A.leaky_relu(x, 0.01)
    g = A.leaky_relu_grad(x, 0.01)
    out = {f"leaky-y{i}": float(v) for i, v in enumerate(y, 1)}
    out.update({f"leaky-g{i}": float(v) for i, v in enumerate(g, 1)})
    out["prelu-da"] = float(np.minimum(x, 0.0).sum())  # d(sum y)/da for PReLU
    return out


_Z3 = np.array([2.0, 1.0, 0.1])


@_answer
def _softmax_temperature():
    out = {f"temp-p{i}": float(v) for i, v in enumerate(A.softmax(_Z3), 1)}
    out["temp-max05"] = float(A.softmax(_Z3 / 0.5).max())
    out["temp-max2"] = float(A.softmax(_Z3 / 2.0).max())
    out["temp-uniform"] = 1.0 / _Z3.size
    return out


@_answer
def _stable_log_softmax():
    z = np.array([1000.0, 999.0, 990.0])
    return {f"lsm-{i}": float(v) for i, v in enumerate(stable_log_softmax(z), 1)}


@_answer
def _ce_grad():
    p = A.softmax(_Z3)
    y = np.array([1.0, 0.0, 0.0])
    out = {f"ceg-{i}": float(v) for i, v in enumerate(p - y, 1)}
    out["ceg-loss"] = float(-A.log_softmax(_Z3)[0])
    out["ceg-sum"] = float((p - y).sum())
    return out


@_answer
def _double_softmax():
    K = 5
    return {"double-bound": math.log(1.0 + (K - 1) / math.e), "double-pmax": math.e / (math.e + K - 1)}


@_answer
def _softmax_vjp():
    v = softmax_vjp(_Z3, np.array([1.0, -1.0, 0.5]))
    out = {f"vjp-{i}": float(x) for i, x in enumerate(v, 1)}
    out["vjp-sum"] = float(v.sum())
    return out


def _relu_net():
    rng = np.random.default_rng(3)
    w, b, v = rng.normal(size=8), rng.normal(size=8), rng.normal(size=8)
    return w, b, v


@_answer
def _relu_pieces():
    w, b, _ = _relu_net()
    kinks = -b / w
    inside = int(np.sum((kinks > -3.0) & (kinks < 3.0)))
    return {"pieces-kinks": inside, "pieces-n": inside + 1, "pieces-max": w.size + 1}


def answers():
    """Every number quoted by the chapter's solutions, by glue name.

    Returns
    -------
    dict
        Glue name -> int, float or str.
    """
    return _answer.compute()
