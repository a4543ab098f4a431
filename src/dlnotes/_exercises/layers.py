"""Answers of the layers chapter's exercises (``docs/layers_exercises.md``)."""


import numpy as np

from dlnotes import layers as L
from dlnotes._validation import as_float_array, check_int

from ._registry import AnswerRegistry

__all__ = ["answers", "conv2d_im2col", "adaptive_bins"]

_answer = AnswerRegistry()


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
    r"""2-d convolution (cross-correlation) as one matrix product, by im2col.

    Every output position's :math:`C_\text{in} F_H F_W` inputs become one column; the
    kernels become the rows of a :math:`C_\text{out} \times C_\text{in} F_H F_W` matrix.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W)
        Input.
    weight : array_like, shape (C_out, C_in, F_H, F_W)
        Kernels.
    bias : array_like, shape (C_out,), optional
        One bias per output channel.
    stride : int, default 1
        Step between windows (both directions).
    padding : int, default 0
        Zeros added on every side.

    Returns
    -------
    ndarray, shape (N, C_out, H_out, W_out)
        With :math:`H_\text{out} = \lfloor (H + 2P - F_H)/S \rfloor + 1` (same for W).

    Examples
    --------
    >>> conv2d_im2col(np.ones((1, 1, 3, 3)), np.ones((1, 1, 2, 2))).tolist()
    [[[[4.0, 4.0], [4.0, 4.0]]]]
    """
    x = as_float_array(x, "x", allow_inf=False)
    weight = as_float_array(weight, "weight", allow_inf=False)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    if x.ndim != 4 or weight.ndim != 4:
        raise ValueError(f"x and weight must be 4-d (N, C, H, W) and (C_out, C_in, F_H, F_W), "
                         f"got {x.shape} and {weight.shape}")
    if x.shape[1] != weight.shape[1]:
        raise ValueError(f"weight expects {weight.shape[1]} input channels, x has {x.shape[1]}")
    c_out, c_in, fh, fw = weight.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    if xp.shape[2] < fh or xp.shape[3] < fw:
        raise ValueError(f"the kernel {fh}x{fw} is larger than the padded input {xp.shape[2:]}")
    windows = np.lib.stride_tricks.sliding_window_view(xp, (fh, fw), axis=(2, 3))[:, :, ::stride, ::stride]
    n, _, h_out, w_out = windows.shape[:4]
    cols = windows.transpose(0, 2, 3, 1, 4, 5).reshape(n, h_out * w_out, c_in * fh * fw)  # im2col
    out = cols @ weight.reshape(c_out, -1).T  # (N, H_out W_out, C_out)
    if bias is not None:
        bias = as_float_array(bias, "bias", allow_inf=False)
        if bias.shape != (c_out,):
            raise ValueError(f"bias must have shape ({c_out},), got {bias.shape}")
        out = out + bias
    return out.transpose(0, 2, 1).reshape(n, c_out, h_out, w_out)


def adaptive_bins(length, n):
    r"""The windows of adaptive pooling: bin :math:`i` is :math:`[\lfloor iL/n \rfloor, \lceil (i+1)L/n \rceil)`.

    Parameters
    ----------
    length : int
        Input length :math:`L` (>= 1).
    n : int
        Output length (>= 1).

    Returns
    -------
    list of tuple of int
        ``(start, end)`` of every bin, end exclusive.

    Examples
    --------
    >>> adaptive_bins(5, 2)
    [(0, 3), (2, 5)]
    """
    length = check_int(length, "length", minimum=1)
    n = check_int(n, "n", minimum=1)
    return [((i * length) // n, -((-(i + 1) * length) // n)) for i in range(n)]


@_answer
def _mlp():
    p1, p2 = L.linear_params(3072, 512), L.linear_params(512, 10)
    return {"mlp-p1": p1, "mlp-p2": p2, "mlp-params": p1 + p2,
            "mlp-macs": L.linear_macs(3072, 512) + L.linear_macs(512, 10)}


@_answer
def _embedding():
    V, d = 30_000, 256
    return {"emb-params": V * d, "emb-onehot-macs": L.linear_macs(V, d), "emb-copy": d}


@_answer
def _output_sizes():
    a = L.conv_output_size(32, 5)
    b = L.conv_output_size(a, 2, stride=2)
    c = L.conv_output_size(b, 3, stride=2, padding=1)
    return {"size-conv1": a, "size-pool": b, "size-conv2": c, "size-exact": (b - 3 + 2 * 1) / 2}


@_answer
def _conv_cost():
    return {"cost-params": L.conv_params(64, 128, 3), "cost-weights": L.conv_params(64, 128, 3, bias=False),
            "cost-per-out": 3 * 3 * 64, "cost-macs1": L.conv_macs(64, 128, 3, 56),
            "cost-out2": L.conv_output_size(56, 3, stride=2, padding=1),
            "cost-macs2": L.conv_macs(64, 128, 3, L.conv_output_size(56, 3, stride=2, padding=1))}


@_answer
def _same_padding():
    out = {}
    for n in (7, 8):
        before, after = L.same_padding(n, 4, 2)
        out[f"same-{n}-before"], out[f"same-{n}-after"] = before, after
        out[f"same-{n}-out"] = L.conv_output_size(n + before + after, 4, stride=2)
    return out


_RF_KERNELS, _RF_STRIDES = [3, 3, 2, 3, 3], [1, 1, 2, 1, 2]


@_answer
def _receptive_field():
    rf, jump = L.receptive_field(_RF_KERNELS, _RF_STRIDES)
    out = {f"rf-{i}": int(r) for i, r in enumerate(rf, 1)}
    out.update({f"rf-jump-{i}": int(j) for i, j in enumerate(jump, 1)})
    return out


@_answer
def _pool_and_fc():
    return {"poolfc-before": L.linear_params(8 * 8 * 256, 1024), "poolfc-after": L.linear_params(4 * 4 * 256, 1024),
            "poolfc-ratio": L.linear_params(8 * 8 * 256, 1024) / L.linear_params(4 * 4 * 256, 1024)}


POOL_X = np.array([[1, 3, 2, 4], [5, 6, 1, 0], [7, 2, 9, 8], [3, 4, 6, 5]], dtype=float)
POOL_G = np.array([[1.0, 2.0], [3.0, 4.0]])


@_answer
def _pool_backprop():
    gmax = L.max_pool2d_backward(POOL_G[None, None], POOL_X[None, None], 2)[0, 0]
    gavg = L.avg_pool2d_backward(POOL_G[None, None], POOL_X[None, None], 2)[0, 0]
    out = {f"poolbp-max-r{i}": "，".join(f"{v:g}" for v in row) for i, row in enumerate(gmax, 1)}
    out.update({f"poolbp-avg-r{i}": "，".join(f"{v:g}" for v in row) for i, row in enumerate(gavg, 1)})
    out["poolbp-max-sum"] = float(gmax.sum())
    out["poolbp-avg-sum"] = float(gavg.sum())
    return out


@_answer
def _im2col():
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(2, 3, 9, 9)), rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    ours = conv2d_im2col(x, w, b, stride=2, padding=1)
    return {"im2col-shape": " × ".join(str(s) for s in ours.shape),
            "im2col-cols": 3 * 3 * 3, "im2col-positions": ours.shape[2] * ours.shape[3],
            "im2col-maxdiff": float(np.abs(ours - L.conv2d(x, w, b, stride=2, padding=1)).max())}


@_answer
def _adaptive():
    return {"adapt-7-3": "、".join(f"[{a}, {b})" for a, b in adaptive_bins(7, 3)),
            "adapt-8-4": "、".join(f"[{a}, {b})" for a, b in adaptive_bins(8, 4))}


@_answer
def _gap():
    fc = L.linear_params(7 * 7 * 2048, 1000)
    gap = L.linear_params(2048, 1000)
    return {"gap-flat": 7 * 7 * 2048, "gap-fc": fc, "gap-gap": gap, "gap-ratio": fc / gap}


@_answer
def _dilation():
    n, f, d, s = 100, 3, 4, 2
    return {"dil-span": d * (f - 1) + 1, "dil-out": L.conv_output_size(n, f, stride=s, dilation=d),
            "dil-exact": (n - d * (f - 1) - 1) / s + 1}


def answers():
    """Every number quoted by the chapter's solutions, by glue name.

    Returns
    -------
    dict
        Glue name -> int, float or str.
    """
    return _answer.compute()
