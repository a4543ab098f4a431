"""Answers of the optimization chapter's exercises (``docs/optimization/exercises.md``)."""

import math
import numbers

import numpy as np

from dlnotes import init as I
from dlnotes import optim as O
from dlnotes.activations import sigmoid
from dlnotes.backprop import numerical_gradient
from dlnotes._validation import as_float_array, check_int, check_real

from ._registry import AnswerRegistry

__all__ = ["answers", "adam_steps", "central_difference"]

_answer = AnswerRegistry()


def adam_steps(grad, w0, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, steps=1):
    r"""Run Adam on a function given by its gradient; return every iterate.

    :math:`m_t = \beta_1 m_{t-1} + (1-\beta_1)g_t`, :math:`v_t = \beta_2 v_{t-1} + (1-\beta_2)g_t^2`,
    :math:`\theta_t = \theta_{t-1} - \eta\,\hat m_t/(\sqrt{\hat v_t} + \epsilon)` with the bias
    corrections :math:`\hat m_t = m_t/(1-\beta_1^t)`, :math:`\hat v_t = v_t/(1-\beta_2^t)`.

    Parameters
    ----------
    grad : callable
        ``grad(theta) -> array`` of the shape of ``w0``.
    w0 : array_like
        Starting point.
    lr : float, default 1e-3
        Learning rate.
    betas : tuple of float, default (0.9, 0.999)
        Decay rates of the two moving averages, each in [0, 1).
    eps : float, default 1e-8
        Added to the square root of the second moment.
    steps : int, default 1
        Number of steps.

    Returns
    -------
    ndarray, shape ``(steps + 1,) + w0.shape``
        :math:`\theta_0, \theta_1, \dots`

    Examples
    --------
    >>> adam_steps(lambda w: 2 * w, [1.0], lr=0.1, steps=1).round(6).tolist()
    [[1.0], [0.9]]
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    theta = as_float_array(w0, "w0", allow_inf=False).copy()
    lr, eps = check_real(lr, "lr"), check_real(eps, "eps")
    steps = check_int(steps, "steps", minimum=0)
    if len(betas) != 2 or not all(isinstance(b, numbers.Real) and 0 <= b < 1 for b in betas):
        raise ValueError(f"betas must be two numbers in [0, 1), got {betas!r}")
    b1, b2 = betas
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    out = [theta.copy()]
    for t in range(1, steps + 1):
        g = as_float_array(grad(theta), "grad(theta)")
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        theta = theta - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        out.append(theta.copy())
    return np.array(out)


def central_difference(f, x, h=1e-6):
    r"""Numerical gradient by central differences: :math:`\partial_i f \approx (f(x + he_i) - f(x - he_i))/(2h)`.

    Parameters
    ----------
    f : callable
        Scalar function of a 1-d array.
    x : array_like, shape (n,)
        Where to differentiate.
    h : float, default 1e-6
        Step (> 0).

    Returns
    -------
    ndarray, shape (n,)
        The numerical gradient.

    Examples
    --------
    >>> central_difference(lambda v: float((v**2).sum()), [3.0]).round(6).tolist()
    [6.0]
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    x = as_float_array(x, "x", allow_inf=False, allow_empty=False)
    h = check_real(h, "h")
    if h <= 0:
        raise ValueError(f"h must be > 0, got {h}")
    if x.ndim != 1:
        raise ValueError(f"x must be 1-d, got shape {x.shape}")
    eye = np.eye(x.size) * h
    return np.array([(f(x + e) - f(x - e)) / (2 * h) for e in eye])


@_answer
def _momentum():
    w = np.array([1.0])
    opt = O.SGD([w], lr=0.1, momentum=0.9)
    out = {}
    for t in range(1, 4):
        opt.step([4 * w])  # f = 2 w^2
        out[f"mom-w{t}"] = float(w[0])
        out[f"mom-b{t}"] = float(opt.state[0]["momentum_buffer"][0])
    return out


@_answer
def _adam():
    path = adam_steps(lambda w: 2 * w, np.array([1.0]), lr=0.1, steps=3)
    return {f"adam-w{t}": float(path[t, 0]) for t in range(1, 4)}


@_answer
def _bias_correction():
    b1, b2 = 0.9, 0.999
    return {"bc-ratio1": (1 - b1) / math.sqrt(1 - b2), "bc-m10": 1 - b1**10, "bc-v10": 1 - b2**10,
            "bc-v1000": 1 - b2**1000}


@_answer
def _adamw():
    w1 = np.array([1.0])
    O.Adam([w1], lr=0.1, weight_decay=0.01).step([np.zeros(1)])
    w2 = np.array([1.0])
    O.AdamW([w2], lr=0.1, weight_decay=0.01).step([np.zeros(1)])
    return {"adamw-adam": float(w1[0]), "adamw-adamw": float(w2[0])}


@_answer
def _learning_rate():
    a_flat, a_steep, lr = 1.0, 20.0, 0.09
    f_flat, f_steep = abs(1 - lr * a_flat), abs(1 - lr * a_steep)
    return {"lr-max": 2 / a_steep, "lr-flat": f_flat, "lr-steep": f_steep,
            "lr-steps": math.ceil(math.log(1e-3) / math.log(f_flat)), "lr-kappa": a_steep / a_flat}


def _schedule(make, t):
    o = O.SGD([np.zeros(1)], lr=0.1)
    s = make(o)
    for _ in range(t):
        o.step([np.zeros(1)])
        s.step()
    return o.param_groups[0]["lr"]


@_answer
def _schedules():
    return {"sched-cos30": _schedule(lambda o: O.CosineAnnealingLR(o, T_max=100), 30),
            "sched-step65": _schedule(lambda o: O.StepLR(o, step_size=30, gamma=0.1), 65),
            "sched-warm2": _schedule(lambda o: O.LinearLR(o, start_factor=0.1, total_iters=5), 2)}


@_answer
def _fans():
    fan_in, fan_out = I.calculate_fan_in_and_fan_out(np.empty((64, 48, 3, 3)))
    return {"fan-in": fan_in, "fan-out": fan_out, "fan-he": I.calculate_gain("relu") / math.sqrt(fan_in),
            "fan-xavier": math.sqrt(6 / (fan_in + fan_out)),
            "fan-default": math.sqrt(3) * I.calculate_gain("leaky_relu", math.sqrt(5)) / math.sqrt(fan_in)}


@_answer
def _he():
    return {"he-factor": 0.5, "he-std10": math.sqrt(0.5**10)}


@_answer
def _backprop():
    x, w1, w2, y = 1.0, 0.5, -1.0, 1.0
    h = float(sigmoid(w1 * x))
    y_hat = w2 * h
    delta = y_hat - y
    return {"bp-h": h, "bp-yhat": y_hat, "bp-loss": 0.5 * delta**2, "bp-delta": delta,
            "bp-w2": delta * h, "bp-w1": delta * w2 * h * (1 - h) * x}


GC_X = np.array([0.5, -1.2, 2.0])


def _gc_f(v):
    return float((v**2 * np.sin(v)).sum())


@_answer
def _gradcheck():
    exact = 2 * GC_X * np.sin(GC_X) + GC_X**2 * np.cos(GC_X)
    wrong = 2 * GC_X * np.sin(GC_X)  # forgot the product rule's second term
    num = central_difference(_gc_f, GC_X)
    rel = lambda a: float(np.max(np.abs(a - num) / np.maximum(np.abs(num), 1e-12)))  # noqa: E731
    return {"gc-rel-exact": rel(exact), "gc-rel-wrong": rel(wrong),
            "gc-vs-dlnotes": float(np.abs(num - numerical_gradient(_gc_f, GC_X)).max())}


@_answer
def _clipping():
    g = np.array([6.0, -8.0, 0.0])
    by_norm, by_value = g.copy(), g.copy()
    total = O.clip_grad_norm_(by_norm, max_norm=5.0)
    O.clip_grad_value_(by_value, clip_value=5.0)
    cos = g @ by_value / (np.linalg.norm(g) * np.linalg.norm(by_value))
    return {"clip-total": float(total), "clip-n1": float(by_norm[0]), "clip-n2": float(by_norm[1]),
            "clip-v1": float(by_value[0]), "clip-v2": float(by_value[1]),
            "clip-angle": math.degrees(math.acos(min(1.0, cos)))}


@_answer
def _vanishing():
    return {"van-09": 0.9**50, "van-11": 1.1**50}


@_answer
def _saddle():
    y, t = 1e-6, 0
    while abs(y) < 1.0:
        y *= 1 + 0.1  # gradient descent on -y^2 / 2 with learning rate 0.1
        t += 1
    return {"saddle-steps": t}


def answers():
    """Every number quoted by the chapter's solutions, by glue name.

    Returns
    -------
    dict
        Glue name -> int, float or str.
    """
    return _answer.compute()
