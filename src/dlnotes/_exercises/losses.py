"""Answers of the losses chapter's exercises (``docs/losses/exercises.md``)."""

import math

import numpy as np

from dlnotes import information as I
from dlnotes import losses as L
from dlnotes.activations import sigmoid, sigmoid_grad, softmax
from dlnotes._validation import as_float_array, check_real

from ._registry import AnswerRegistry

__all__ = ["answers", "entropy_bits", "smooth_l1_with_grad"]

_answer = AnswerRegistry()


def entropy_bits(p):
    r"""Entropy in bits, :math:`H(p) = -\sum_x p(x)\log_2 p(x)`, with :math:`0 \log 0 = 0`.

    Parameters
    ----------
    p : array_like
        A probability vector (non-negative, sums to 1).

    Returns
    -------
    float
        The entropy in bits.

    Examples
    --------
    >>> entropy_bits([0.5, 0.5, 0.0])
    1.0
    """
    p = as_float_array(p, "p", allow_inf=False, allow_empty=False)
    if p.ndim != 1 or (p < 0).any() or not np.isclose(p.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError("p must be a 1-d probability vector: non-negative entries that sum to 1")
    nz = p[p > 0]  # outcomes of probability 0 contribute nothing
    return float(-(nz * np.log2(nz)).sum())


def smooth_l1_with_grad(input, target, beta=1.0):
    r"""Mean smooth L1 loss and its gradient with respect to ``input``.

    :math:`\ell(d) = d^2/(2\beta)` for :math:`|d| < \beta`, else :math:`|d| - \beta/2`,
    with :math:`d = x - y`; the gradient of the mean is :math:`\ell'(d)/n`, where
    :math:`\ell'(d) = d/\beta` inside and :math:`\operatorname{sign}(d)` outside.

    Parameters
    ----------
    input, target : array_like
        Predictions and targets of the same shape.
    beta : float, default 1.0
        Where the quadratic part ends (> 0).

    Returns
    -------
    loss : float
        The mean loss.
    grad : ndarray
        :math:`\partial \text{loss} / \partial \text{input}`, the shape of ``input``.

    Examples
    --------
    >>> loss, grad = smooth_l1_with_grad([0.5, 3.0], [0.0, 0.0])
    >>> float(loss), grad.tolist()
    (1.3125, [0.25, 0.5])
    """
    x = as_float_array(input, "input", allow_inf=False, allow_empty=False)
    y = as_float_array(target, "target", allow_inf=False)
    beta = check_real(beta, "beta")
    if beta <= 0:
        raise ValueError(f"beta must be > 0, got {beta}")
    if x.shape != y.shape:
        raise ValueError(f"input and target must have the same shape, got {x.shape} and {y.shape}")
    d = x - y
    inside = np.abs(d) < beta
    loss = np.where(inside, 0.5 * d**2 / beta, np.abs(d) - 0.5 * beta)
    grad = np.where(inside, d / beta, np.sign(d)) / d.size
    return float(loss.mean()), grad


@_answer
def _smoothed_ce_gradient():
    z, c, eps = np.array([0.5, -1.2, 2.0]), 2, 0.1
    target = np.full(3, eps / 3)
    target[c] += 1 - eps
    p = softmax(z)
    grad = L.cross_entropy_backward(1.0, z[None], np.array([c]), label_smoothing=eps)[0]
    out = {f"lsg-t{i}": float(v) for i, v in enumerate(target, 1)}
    out.update({f"lsg-p{i}": float(v) for i, v in enumerate(p, 1)})
    out.update({f"lsg-g{i}": float(v) for i, v in enumerate(grad, 1)})
    out["lsg-loss"] = float(L.cross_entropy(z[None], np.array([c]), label_smoothing=eps))
    return out


@_answer
def _ce_vs_mse():
    z, one = np.array([-5.0]), np.array([1.0])
    ce = float(L.binary_cross_entropy_with_logits_backward(1.0, z, one)[0])
    mse = float((L.mse_loss_backward(1.0, sigmoid(z), one) * sigmoid_grad(z))[0])
    return {"cvm-p": float(sigmoid(z)[0]), "cvm-ce": ce, "cvm-mse": mse, "cvm-ratio": ce / mse}


@_answer
def _bce():
    with np.errstate(divide="ignore"):  # float32: sigmoid(30) rounds to 1 and log(1 - 1) = -inf
        naive32 = -np.log(np.float32(1) - np.float32(1) / (np.float32(1) + np.exp(np.float32(-30))))
    return {"bce-pos": float(L.binary_cross_entropy([0.8], [1.0])),
            "bce-neg": float(L.binary_cross_entropy([0.8], [0.0])),
            "bce-logit30": float(L.binary_cross_entropy_with_logits([30.0], [0.0])),
            "bce-naive32": str(float(naive32))}


_P_ENT = np.array([0.5, 0.25, 0.125, 0.0625, 0.0625])


@_answer
def _entropy_bits_answers():
    q = np.full(5, 0.2)
    lengths = -np.log2(_P_ENT)
    return {"ent-h": float(I.entropy(_P_ENT, base=2)), "ent-hpq": float(I.cross_entropy_pq(_P_ENT, q, base=2)),
            "ent-kl": float(I.kl_divergence(_P_ENT, q, base=2)), "ent-avg-len": float(_P_ENT @ lengths),
            "ent-code-bits": float(np.log2(5))}


_P_KL, _Q_KL = np.array([0.7, 0.2, 0.1]), np.array([0.4, 0.4, 0.2])


@_answer
def _kl():
    return {"kl-hp": float(I.entropy(_P_KL)), "kl-hpq": float(I.cross_entropy_pq(_P_KL, _Q_KL)),
            "kl-pq": float(I.kl_divergence(_P_KL, _Q_KL)), "kl-qp": float(I.kl_divergence(_Q_KL, _P_KL))}


@_answer
def _label_smoothing():
    K, eps = 10, 0.1
    t = np.full(K, eps / K)
    t[0] += 1 - eps
    logits = np.log(t)  # softmax(logits) equals the smoothed target
    return {"ls-true": float(t[0]), "ls-other": float(t[1]), "ls-min": float(I.entropy(t)),
            "ls-at-min": float(L.cross_entropy(logits[None], np.array([0]), label_smoothing=eps)),
            "ls-gap": float(np.log(t[0] / t[1]))}


def _logit(p):
    return math.log(p / (1 - p))


@_answer
def _focal():
    out = {}
    one = np.array([1.0])
    for tag, pt in (("09", 0.9), ("03", 0.3)):
        z = np.array([_logit(pt)])
        out[f"focal-ce{tag}"] = float(L.binary_cross_entropy_with_logits(z, one))
        out[f"focal-fl{tag}"] = float(L.sigmoid_focal_loss(z, one, alpha=0.25, gamma=2)[0])
        out[f"focal-mod{tag}"] = (1 - pt) ** 2
    out["focal-ratio-ce"] = out["focal-ce03"] / out["focal-ce09"]
    out["focal-ratio-fl"] = out["focal-fl03"] / out["focal-fl09"]
    return out


@_answer
def _prior_bias():
    pi = 0.01
    b = -math.log((1 - pi) / pi)
    y = np.concatenate([np.ones(1), np.zeros(1000)])
    total0 = float(L.binary_cross_entropy_with_logits(np.zeros(y.shape), y, reduction="sum"))
    totalb = float(L.binary_cross_entropy_with_logits(np.full(y.shape, b), y, reduction="sum"))
    return {"prior-b": b, "prior-sig": float(sigmoid(b)), "prior-neg": -math.log(1 - pi), "prior-pos": -math.log(pi),
            "prior-total0": total0, "prior-totalb": totalb, "prior-each0": math.log(2)}


@_answer
def _alpha():
    a = 0.75
    return {"alpha-threshold": 1 - a, "alpha-ratio": a / (1 - a), "alpha-invfreq": 100 / 101}


_RES_X, _RES_Y = np.array([-3.0, -0.5, 0.2, 2.0]), np.zeros(4)


@_answer
def _smooth_l1():
    loss, grad = smooth_l1_with_grad(_RES_X, _RES_Y, beta=1.0)
    each = L.smooth_l1_loss(_RES_X, _RES_Y, reduction="none")
    out = {f"sl1-l{i}": float(v) for i, v in enumerate(each, 1)}
    out.update({f"sl1-g{i}": float(v) for i, v in enumerate(grad, 1)})
    out["sl1-mean"] = loss
    return out


_FIT_DATA = np.array([1.0, 2.0, 3.0, 4.0, 100.0])


def _huber_constant(data, delta):
    """The constant c minimising sum huber(data - c): the root of sum clip(data - c, -delta, delta)."""
    lo, hi = data.min(), data.max()
    for _ in range(200):  # bisection on a monotone function
        mid = 0.5 * (lo + hi)
        if np.clip(data - mid, -delta, delta).sum() > 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


@_answer
def _robust_fit():
    return {"fit-l2": float(_FIT_DATA.mean()), "fit-l1": float(np.median(_FIT_DATA)),
            "fit-huber": float(_huber_constant(_FIT_DATA, delta=3.0))}


@_answer
def _entropy_code():
    return {"entc-fair": entropy_bits([0.5, 0.5, 0.0]), "entc-biased": entropy_bits([0.9, 0.1])}


WCE_Z = np.array([[2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [2.0, 0.0, 0.0]])
WCE_Y = np.array([0, 1, 2])
WCE_W = np.array([1.0, 1.0, 3.0])


@_answer
def _weighted_ce():
    each = L.cross_entropy(WCE_Z, WCE_Y, reduction="none")
    weighted = L.cross_entropy(WCE_Z, WCE_Y, weight=WCE_W, reduction="none")
    out = {f"wce-raw{i}": float(v) for i, v in enumerate(each, 1)}
    out["wce-mean"] = float(L.cross_entropy(WCE_Z, WCE_Y, weight=WCE_W))
    out["wce-naive"] = float(weighted.mean())
    out["wce-den"] = float(WCE_W[WCE_Y].sum())
    out["wce-sum"] = float(weighted.sum())
    return out


def answers():
    """Every number quoted by the chapter's solutions, by glue name.

    Returns
    -------
    dict
        Glue name -> int, float or str.
    """
    return _answer.compute()
