"""Answers of the architectures chapter's exercises (``docs/architectures/exercises.md``).

NumPy only: parameter counts and multiply-accumulates come from the closed forms of
:mod:`dlnotes.layers`; the tests count the same networks built with PyTorch.
"""


import numpy as np

from dlnotes import layers as L
from dlnotes.activations import sigmoid
from dlnotes._validation import as_float_array

from ._registry import AnswerRegistry

__all__ = ["answers", "highway_forward"]

_answer = AnswerRegistry()


def highway_forward(x, W_H, b_H, W_T, b_T):
    r"""One highway layer: :math:`y = H(x)\odot T(x) + x\odot(1 - T(x))`.

    :math:`H(x) = \operatorname{ReLU}(xW_H^\top + b_H)`, :math:`T(x) = \sigma(xW_T^\top + b_T)`.

    Parameters
    ----------
    x : array_like, shape (N, d)
        Inputs (rows are samples).
    W_H, W_T : array_like, shape (d, d)
        Weights of the transform and of the gate.
    b_H, b_T : array_like, shape (d,)
        Their biases; a negative ``b_T`` makes the layer start close to the identity.

    Returns
    -------
    ndarray, shape (N, d)
        The layer's output.

    Examples
    --------
    >>> highway_forward([[1.0, 2.0]], np.eye(2), np.zeros(2), np.zeros((2, 2)), np.full(2, -50.0)).round(6).tolist()
    [[1.0, 2.0]]
    """
    x = as_float_array(x, "x", allow_inf=False)
    if x.ndim != 2:
        raise ValueError(f"x must have shape (N, d), got {x.shape}")
    d = x.shape[1]
    arrays = {}
    for name, value, shape in (("W_H", W_H, (d, d)), ("b_H", b_H, (d,)), ("W_T", W_T, (d, d)), ("b_T", b_T, (d,))):
        arrays[name] = as_float_array(value, name, allow_inf=False)
        if arrays[name].shape != shape:
            raise ValueError(f"{name} must have shape {shape}, got {arrays[name].shape}")
    h = np.maximum(x @ arrays["W_H"].T + arrays["b_H"], 0.0)
    t = sigmoid(x @ arrays["W_T"].T + arrays["b_T"])
    return h * t + x * (1.0 - t)


@_answer
def _bottleneck():
    hw = (28, 28)
    direct_p, direct_m = L.conv_params(256, 64, 5), L.conv_macs(256, 64, 5, hw)
    red_p = L.conv_params(256, 32, 1) + L.conv_params(32, 64, 5)
    red_m = L.conv_macs(256, 32, 1, hw) + L.conv_macs(32, 64, 5, hw)
    return {"bot-direct-p": direct_p, "bot-direct-m": direct_m, "bot-red-p": red_p, "bot-red-m": red_m,
            "bot-ratio-m": direct_m / red_m}


@_answer
def _conv1x1():
    return {"c11-params": L.conv_params(512, 128, 1), "c11-macs": L.conv_macs(512, 128, 1, 14),
            "c33-params": L.conv_params(512, 128, 3)}


INCEPTION_3B = dict(c_in=256, c1=128, c3r=128, c3=192, c5r=32, c5=96, pool=64)


@_answer
def _inception():
    c = INCEPTION_3B
    branches = [L.conv_params(c["c_in"], c["c1"], 1),
                L.conv_params(c["c_in"], c["c3r"], 1) + L.conv_params(c["c3r"], c["c3"], 3),
                L.conv_params(c["c_in"], c["c5r"], 1) + L.conv_params(c["c5r"], c["c5"], 5),
                L.conv_params(c["c_in"], c["pool"], 1)]
    out = {f"inc-b{i}": p for i, p in enumerate(branches, 1)}
    out["inc-params"] = sum(branches)
    out["inc-out"] = c["c1"] + c["c3"] + c["c5"] + c["pool"]
    return out


@_answer
def _factorization():
    C = 128
    full = L.conv_params(C, C, 7, bias=False)
    asym = L.conv_params(C, C, (1, 7), bias=False) + L.conv_params(C, C, (7, 1), bias=False)
    three = 3 * L.conv_params(C, C, 3, bias=False)
    return {"fac-7": full, "fac-asym": asym, "fac-three": three, "fac-save-asym": 1 - asym / full,
            "fac-save-three": 1 - three / full}


@_answer
def _stacked_receptive_field():
    rf, _ = L.receptive_field([3, 3, 3])
    return {"rfs-3": int(rf[-1]), "rfs-ratio": 3 * 9 / int(rf[-1]) ** 2}


@_answer
def _gate():
    t = float(sigmoid(-2.0))
    return {"gate-t": t, "gate-c": 1 - t, "gate-c30": (1 - t) ** 30}


@_answer
def _highway_code():
    rng = np.random.default_rng(0)
    d = 6
    x = rng.normal(size=(5, d))
    W_H, b_H, W_T = rng.normal(size=(d, d)) * 0.5, rng.normal(size=d), rng.normal(size=(d, d)) * 0.5
    closed = highway_forward(x, W_H, b_H, W_T, np.full(d, -40.0))
    opened = highway_forward(x, W_H, b_H, W_T, np.full(d, 40.0))
    return {"hw-closed": float(np.abs(closed - x).max()),
            "hw-open": float(np.abs(opened - np.maximum(x @ W_H.T + b_H, 0)).max())}


@_answer
def _shortcut_products():
    return {"sc-095": 0.95**100, "sc-105": 1.05**100}


def _bn(c):
    return 2 * c  # gamma and beta


@_answer
def _resnet_blocks():
    basic = 2 * L.conv_params(256, 256, 3, bias=False) + 2 * _bn(256)
    bottleneck = (L.conv_params(256, 64, 1, bias=False) + L.conv_params(64, 64, 3, bias=False)
                  + L.conv_params(64, 256, 1, bias=False) + _bn(64) + _bn(64) + _bn(256))
    return {"res-basic": basic, "res-bottleneck": bottleneck, "res-ratio": basic / bottleneck}


VGG16_CONVS = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512]


@_answer
def _vgg():
    conv = sum(L.conv_params(a, b, 3) for a, b in zip([3] + VGG16_CONVS[:-1], VGG16_CONVS))
    fc = L.linear_params(512 * 7 * 7, 4096) + L.linear_params(4096, 4096) + L.linear_params(4096, 1000)
    return {"vgg-conv": conv, "vgg-fc": fc, "vgg-total": conv + fc, "vgg-fc-share": fc / (conv + fc),
            "vgg-fc1": L.linear_params(512 * 7 * 7, 4096)}


@_answer
def _densenet():
    c, k, out = 64, 32, {}
    for i, layers in enumerate((6, 12, 24, 16), 1):
        c += layers * k
        out[f"dense-b{i}"] = c
        if i < 4:
            c //= 2
            out[f"dense-t{i}"] = c
    return out


def answers():
    """Every number quoted by the chapter's solutions, by glue name.

    Returns
    -------
    dict
        Glue name -> int, float or str.
    """
    return _answer.compute()
