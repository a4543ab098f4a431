r"""Network layers in NumPy: dense, embedding, convolution and pooling.

Every function follows its ``torch.nn.functional`` namesake (same name, argument
order, defaults and tensor layout: ``(N, C, L)`` for 1-D and ``(N, C, H, W)`` for
2-D signals, an unbatched ``(C, L)`` / ``(C, H, W)`` input is accepted as torch does)
and computes in float64.  Convolutions are one matrix product over an im2col view
built with ``numpy.lib.stride_tricks.sliding_window_view``; pooling reduces the
same kind of view.  There is no Python loop over samples or positions.

Besides the layers, the module has the arithmetic that goes with them:
:func:`conv_output_size`, :func:`same_padding`, :func:`receptive_field`,
:func:`adaptive_pool_bounds` and the parameter / multiply-accumulate counters
(:func:`conv_params`, :func:`conv_macs`, :func:`linear_params`, :func:`linear_macs`).
This module imports only NumPy.
"""

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._validation import (
    as_float_array,
    as_index_array,
    check_bool,
    check_grad_output,
    check_int,
    check_int_tuple,
)

__all__ = [
    "linear",
    "embedding",
    "embedding_backward",
    "conv_output_size",
    "same_padding",
    "conv1d",
    "conv2d",
    "max_pool2d",
    "max_pool2d_backward",
    "avg_pool2d",
    "avg_pool2d_backward",
    "adaptive_pool_bounds",
    "adaptive_avg_pool1d",
    "adaptive_avg_pool2d",
    "receptive_field",
    "conv_params",
    "conv_macs",
    "linear_params",
    "linear_macs",
]


# ----------------------------------------------------------------------------- checks


def _signal(input, nd, name="input"):
    """float64 ``input`` with a batch axis, and whether one was added (torch accepts an
    unbatched input with one dimension fewer)."""
    x = as_float_array(input, name)
    if x.ndim == nd + 2:
        return x, False
    if x.ndim == nd + 1:
        return x[None], True
    batched, unbatched = {1: ("(N, C, L)", "(C, L)"), 2: ("(N, C, H, W)", "(C, H, W)")}[nd]
    raise ValueError(
        f"{name} must be {nd + 2}-D {batched} or {nd + 1}-D {unbatched}, "
        f"got {x.ndim}-D with shape {x.shape}"
    )


def _effective(kernel, dilation):
    return dilation * (kernel - 1) + 1


def _output_size(n, k, s, p_total, d, ceil_mode=False):
    """torch's output-size rule for one dimension; ``p_total`` is the padding of both sides.

    Raises if the (dilated) kernel does not fit into the padded input.
    """
    span = n + p_total - _effective(k, d)
    # floor division, rounding up first in ceil_mode (torch's div_rtn)
    out = (span + (s - 1 if ceil_mode else 0)) // s + 1
    # in ceil_mode the last window must start inside the input or the left padding
    if ceil_mode and (out - 1) * s >= n + p_total // 2:
        out -= 1
    if out < 1:
        raise ValueError(
            f"kernel_size: the effective kernel size {_effective(k, d)} (kernel_size={k}, "
            f"dilation={d}) is larger than the padded input size {n + p_total} "
            f"(input size {n} plus padding {p_total})"
        )
    return out


def _padding_pairs(padding, nd, kernel, stride, dilation):
    """Resolve torch's ``padding`` (int, tuple, 'valid', 'same') into (before, after) pairs."""
    if isinstance(padding, str):
        if padding == "valid":
            return [(0, 0)] * nd
        if padding == "same":
            if any(s != 1 for s in stride):
                raise ValueError(
                    "padding='same' is only supported with stride 1 (as in torch); "
                    f"got stride={stride}. For a strided 'same' layer compute the "
                    "asymmetric padding with same_padding() and pad the input yourself"
                )
            # torch: total d*(k-1); the smaller half before, the extra one after
            return [(d * (k - 1) // 2, d * (k - 1) - d * (k - 1) // 2)
                    for k, d in zip(kernel, dilation)]
        raise ValueError(f"padding must be an int, a tuple, 'valid' or 'same', got {padding!r}")
    return [(p, p) for p in check_int_tuple(padding, nd, "padding", 0)]


# ------------------------------------------------------------------------- dense layers


def linear(input, weight, bias=None):
    r"""Fully connected (dense) layer :math:`y = x W^\top + b`.

    Parameters
    ----------
    input : array_like, shape (\*, in_features)
        Any number of leading batch dimensions; the last one holds the features.
    weight : array_like, shape (out_features, in_features)
        One row per output unit, as in ``torch.nn.Linear``.
    bias : array_like, shape (out_features,), default None
        Added to every output vector.

    Returns
    -------
    numpy.ndarray, shape (\*, out_features)
        The outputs, float64.

    Raises
    ------
    ValueError
        If ``weight`` is not 2-D, ``input`` is 0-D or the feature sizes disagree.

    See Also
    --------
    linear_params : Its number of parameters.
    linear_macs : Its number of multiply-accumulates.
    embedding : A linear layer fed with one-hot vectors, as a lookup.

    Notes
    -----
    Each output unit is a weighted sum of all inputs plus its bias, so the layer has
    :math:`(n_{in}+1)\,n_{out}` parameters (:func:`linear_params`) and costs
    :math:`n_{in} n_{out}` multiply-accumulates per input vector (:func:`linear_macs`).
    Same values as ``torch.nn.functional.linear``.

    Examples
    --------
    >>> from dlnotes.layers import linear
    >>> W = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])  # 3 inputs, 2 outputs
    >>> linear(np.array([1.0, 2.0, 3.0]), W, bias=np.array([0.5, 0.0]))
    array([-1.5,  4. ])
    """
    x = as_float_array(input)
    w = as_float_array(weight, "weight")
    if w.ndim != 2:
        raise ValueError(f"weight must be 2-D (out_features, in_features), got shape {w.shape}")
    if x.ndim < 1:
        raise ValueError("input must have at least 1 dimension (the features), got a 0-D array")
    if x.shape[-1] != w.shape[1]:
        raise ValueError(
            f"input has {x.shape[-1]} features in its last dimension but weight expects "
            f"in_features={w.shape[1]} (weight shape {w.shape})"
        )
    out = x @ w.T
    if bias is not None:
        b = as_float_array(bias, "bias")
        if b.shape != (w.shape[0],):
            raise ValueError(f"bias must have shape ({w.shape[0]},), got {b.shape}")
        out = out + b
    return out


def _indices(input, num_embeddings):
    """Integer index array with every entry in [0, num_embeddings)."""
    idx = as_index_array(input, "input", "an array of integer indices")
    if idx.size and (idx.min() < 0 or idx.max() >= num_embeddings):
        bad = idx.min() if idx.min() < 0 else idx.max()
        raise ValueError(
            f"input contains index {int(bad)}, out of range for an embedding table with "
            f"num_embeddings={num_embeddings}: indices must lie in [0, {num_embeddings - 1}]"
        )
    return idx.astype(np.intp, copy=False)


def _padding_idx(padding_idx, num_embeddings):
    if padding_idx is None:
        return None
    p = check_int(padding_idx, "padding_idx")
    if not -num_embeddings <= p < num_embeddings:
        raise ValueError(
            f"padding_idx={p} must be within [{-num_embeddings}, {num_embeddings - 1}] "
            f"for num_embeddings={num_embeddings}"
        )
    return p % num_embeddings


def embedding(input, weight, padding_idx=None):
    r"""Embedding lookup: row ``input[i]`` of ``weight`` for every index.

    .. math:: \operatorname{embedding}(i) = W_{i,:} = e_i^\top W

    where :math:`e_i` is the one-hot vector of index :math:`i`: the lookup is the
    product of a one-hot matrix with :math:`W`, done without forming the one-hots.

    Parameters
    ----------
    input : array_like of int
        Indices of any shape, each in ``[0, num_embeddings)``.
    weight : array_like, shape (num_embeddings, embedding_dim)
        The embedding table.
    padding_idx : int or None, default None
        An index whose row receives no gradient (see :func:`embedding_backward`).
        It does not change the forward result: the stored row is returned as is
        (``torch.nn.Embedding`` initialises that row to zeros).  Negative values
        count from the end.

    Returns
    -------
    numpy.ndarray, shape (\*input.shape, embedding_dim)
        The rows of ``weight``, float64.

    Raises
    ------
    TypeError
        If ``input`` does not hold integers.
    ValueError
        If an index is out of range, ``weight`` is not 2-D or ``padding_idx`` is out
        of range.

    See Also
    --------
    embedding_backward : Its gradient with respect to the table.
    linear : The same map written as a product with one-hot vectors.

    Notes
    -----
    Same values as ``torch.nn.functional.embedding``.

    Examples
    --------
    >>> from dlnotes.layers import embedding
    >>> table = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, 4.0]])
    >>> embedding(np.array([2, 1, 2]), table)
    array([[3., 4.],
           [1., 2.],
           [3., 4.]])
    """
    w = as_float_array(weight, "weight")
    if w.ndim != 2:
        raise ValueError(f"weight must be 2-D (num_embeddings, embedding_dim), got shape {w.shape}")
    _padding_idx(padding_idx, w.shape[0])
    return w[_indices(input, w.shape[0])]


def embedding_backward(grad_output, input, num_embeddings, padding_idx=None):
    r"""Gradient of :func:`embedding` with respect to the table.

    .. math:: \frac{\partial L}{\partial W_{j,:}} = \sum_{i:\ \text{input}_i = j}
              \frac{\partial L}{\partial y_i}

    Only rows that were looked up receive a gradient (it is sparse); an index used
    twice accumulates both contributions; the row ``padding_idx`` gets none.

    Parameters
    ----------
    grad_output : array_like, shape (\*input.shape, embedding_dim)
        :math:`\partial L/\partial y`.
    input : array_like of int
        The indices passed to :func:`embedding`.
    num_embeddings : int
        Number of rows of the table.
    padding_idx : int or None, default None
        As in :func:`embedding`.

    Returns
    -------
    numpy.ndarray, shape (num_embeddings, embedding_dim)
        The gradient autograd gives for ``weight``, float64.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of ``input.shape + (embedding_dim,)``
        or contains NaN or inf (non-finite upstream gradients are refused: torch's
        autograd would spread them as NaN), or for the other arguments as
        :func:`embedding`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    embedding : The lookup it differentiates.

    Notes
    -----
    The gradient autograd computes for the weight of ``torch.nn.functional.embedding``.

    Examples
    --------
    Index 2 is looked up twice and accumulates two gradients; index 1 gets none:

    >>> from dlnotes.layers import embedding_backward
    >>> embedding_backward(np.ones((3, 2)), np.array([2, 0, 2]), num_embeddings=3)
    array([[1., 1.],
           [0., 0.],
           [2., 2.]])
    """
    v = check_int(num_embeddings, "num_embeddings", 1)
    idx = _indices(input, v)
    pad = _padding_idx(padding_idx, v)
    g = as_float_array(grad_output, "grad_output", allow_inf=False)  # check_grad_output's policy
    if g.ndim != idx.ndim + 1 or g.shape[:-1] != idx.shape:
        raise ValueError(
            f"grad_output must have shape {idx.shape} + (embedding_dim,), got {g.shape}"
        )
    flat = idx.reshape(-1)
    g = g.reshape(flat.size, g.shape[-1])
    if pad is not None:
        g = np.where((flat == pad)[:, None], 0.0, g)
    grad = np.zeros((v, g.shape[1]))
    np.add.at(grad, flat, g)
    return grad


# ----------------------------------------------------------------- convolution arithmetic


def conv_output_size(n, kernel_size, stride=1, padding=0, dilation=1, *, ceil_mode=False):
    r"""Output length of a convolution or pooling layer, per spatial dimension.

    .. math:: O = \left\lfloor \frac{N + 2P - D\,(F - 1) - 1}{S} \right\rfloor + 1

    With dilation :math:`D = 1` this is the familiar
    :math:`\lfloor (N - F + 2P)/S \rfloor + 1`; the floor drops positions where the
    kernel would hang over the padded input.  :math:`N` and :math:`F` are side
    lengths of one dimension (e.g. 227 and 11), not areas.

    Parameters
    ----------
    n : int or tuple of int
        Input size :math:`N` of each spatial dimension.
    kernel_size : int or tuple of int
        Kernel size :math:`F`.
    stride : int or tuple of int, default 1
        Stride :math:`S`.
    padding : int, tuple of int or {'valid', 'same'}, default 0
        Zero padding :math:`P` added on *each* side.  ``'same'`` (only with stride 1,
        as in torch) returns ``n``.
    dilation : int or tuple of int, default 1
        Spacing :math:`D` between kernel taps; the kernel then spans
        :math:`D(F-1)+1` inputs.
    ceil_mode : bool, default False
        Pooling layers' option to round up instead of down; as in torch, a last
        window that would start in the right padding is dropped.

    Returns
    -------
    int or tuple of int
        An int if every size argument is an int, otherwise a tuple with one entry per
        dimension.

    Raises
    ------
    ValueError
        If the effective kernel is larger than the padded input (``kernel_size``),
        a stride or dilation is not positive, a size is negative, or tuple lengths
        disagree.

    See Also
    --------
    same_padding : The padding that gives the output size :math:`\lceil N/S \rceil`.
    receptive_field : How many inputs one output sees.
    conv2d : The convolution these sizes describe.

    Examples
    --------
    AlexNet's first layer, 11x11 kernels with stride 4 on a 227x227 image
    :cite:p:`krizhevsky2012imagenet`:

    >>> from dlnotes.layers import conv_output_size
    >>> conv_output_size(227, 11, stride=4)
    55
    >>> conv_output_size((32, 20), 3, stride=(2, 1), padding=1, dilation=(1, 2))
    (16, 18)
    """
    args = (n, kernel_size, stride, padding, dilation)
    lengths = {len(a) for a in args if isinstance(a, (tuple, list))}
    if len(lengths) > 1:
        raise ValueError(f"tuple arguments must all have the same length, got lengths {sorted(lengths)}")
    as_tuple = bool(lengths)
    nd = lengths.pop() if lengths else 1
    sizes = check_int_tuple(n, nd, "n", 0)
    kernel = check_int_tuple(kernel_size, nd, "kernel_size", 1)
    strides = check_int_tuple(stride, nd, "stride", 1)
    dilations = check_int_tuple(dilation, nd, "dilation", 1)
    pads = _padding_pairs(padding, nd, kernel, strides, dilations)
    ceil_mode = check_bool(ceil_mode, "ceil_mode")
    out = tuple(
        _output_size(m, k, s, a + b, d, ceil_mode)
        for m, k, s, (a, b), d in zip(sizes, kernel, strides, pads, dilations)
    )
    return out if as_tuple else out[0]


def same_padding(n, kernel_size, stride=1, dilation=1):
    r"""Padding (before, after) that makes a convolution 'same': output :math:`\lceil N/S \rceil`.

    .. math::

        P_{total} = \max\bigl((\lceil N/S\rceil - 1)\,S + D(F-1) + 1 - N,\ 0\bigr), \quad
        P_{before} = \lfloor P_{total}/2 \rfloor, \quad P_{after} = P_{total} - P_{before}

    This is TensorFlow's ``padding='SAME'`` rule.  When :math:`P_{total}` is odd the
    extra zero goes after (right / bottom).  With stride 1 it equals torch's
    ``padding='same'``; torch refuses ``'same'`` for strided convolutions, where the
    total depends on :math:`N` and is often odd (e.g. :math:`N=6, F=3, S=2` gives (0, 1)).

    Parameters
    ----------
    n : int or tuple of int
        Input size of each spatial dimension.
    kernel_size : int or tuple of int
        Kernel size.
    stride : int or tuple of int, default 1
        Stride.
    dilation : int or tuple of int, default 1
        Dilation.

    Returns
    -------
    tuple of int or tuple of tuple of int
        ``(before, after)`` for int arguments, otherwise one such pair per dimension.

    See Also
    --------
    conv_output_size : The output size for a given padding.
    conv2d : Its ``padding='same'`` for stride 1.

    Examples
    --------
    Stride 2 on 6 inputs needs one zero, after; a 7x7 kernel with stride 2 on 224 inputs
    needs five for its 112 outputs:

    >>> from dlnotes.layers import same_padding
    >>> same_padding(6, 3, stride=2), same_padding(224, 7, stride=2)
    ((0, 1), (2, 3))
    """
    args = (n, kernel_size, stride, dilation)
    lengths = {len(a) for a in args if isinstance(a, (tuple, list))}
    if len(lengths) > 1:
        raise ValueError(f"tuple arguments must all have the same length, got lengths {sorted(lengths)}")
    as_tuple = bool(lengths)
    nd = lengths.pop() if lengths else 1
    pairs = []
    sizes = check_int_tuple(n, nd, "n", 1)
    kernel = check_int_tuple(kernel_size, nd, "kernel_size", 1)
    strides = check_int_tuple(stride, nd, "stride", 1)
    dilations = check_int_tuple(dilation, nd, "dilation", 1)
    for m, k, s, d in zip(sizes, kernel, strides, dilations):
        total = max((-(-m // s) - 1) * s + _effective(k, d) - m, 0)
        pairs.append((total // 2, total - total // 2))
    return tuple(pairs) if as_tuple else pairs[0]


# --------------------------------------------------------------------------- convolution


def _zero_pad(x, pairs, value=0.0):
    """``x`` with (before, after) padding of its spatial axes (cheaper than ``np.pad``)."""
    if not any(a or b for a, b in pairs):
        return x
    shape = x.shape[:2] + tuple(m + a + b for m, (a, b) in zip(x.shape[2:], pairs))
    xp = np.full(shape, value)
    xp[(Ellipsis,) + tuple(slice(a, a + m) for m, (a, _) in zip(x.shape[2:], pairs))] = x
    return xp


def _window_view(xp, kernel, stride, dilation):
    """View (N, C, *out, *kernel) of the padded signal ``xp``: one window per output."""
    nd = len(kernel)
    eff = tuple(_effective(k, d) for k, d in zip(kernel, dilation))
    win = sliding_window_view(xp, eff, axis=tuple(range(2, 2 + nd)))
    return win[(slice(None), slice(None))
               + tuple(slice(None, None, s) for s in stride)
               + tuple(slice(None, None, d) for d in dilation)]


def _conv(input, weight, bias, stride, padding, dilation, groups, nd):
    """Shared implementation of conv1d / conv2d (im2col + one batched matmul)."""
    x, unbatched = _signal(input, nd)
    w = as_float_array(weight, "weight")
    if w.ndim != nd + 2:
        raise ValueError(
            f"weight must be {nd + 2}-D (out_channels, in_channels/groups, "
            f"{'kL' if nd == 1 else 'kH, kW'}), got shape {w.shape}"
        )
    g = check_int(groups, "groups", 1)
    n_batch, c_in = x.shape[:2]
    c_out, c_group = w.shape[:2]
    if c_out % g:
        raise ValueError(f"weight has {c_out} output channels, not divisible by groups={g}")
    if c_group * g != c_in:
        raise ValueError(
            f"input has {c_in} channels but weight expects in_channels = {c_group} * groups "
            f"= {c_group * g} (weight shape {w.shape}, groups={g})"
        )
    kernel = w.shape[2:]
    if min(kernel) < 1:
        raise ValueError(f"weight has an empty kernel, shape {w.shape}")
    strides = check_int_tuple(stride, nd, "stride", 1)
    dilations = check_int_tuple(dilation, nd, "dilation", 1)
    pads = _padding_pairs(padding, nd, kernel, strides, dilations)
    out_size = tuple(
        _output_size(m, k, s, a + b, d)
        for m, k, s, (a, b), d in zip(x.shape[2:], kernel, strides, pads, dilations)
    )
    b = None
    if bias is not None:
        b = as_float_array(bias, "bias")
        if b.shape != (c_out,):
            raise ValueError(f"bias must have shape ({c_out},), got {b.shape}")

    xp = _zero_pad(x, pads)
    win = _window_view(xp, kernel, strides, dilations)  # (N, C, *out, *k)
    # im2col: cols[n, group, (c, *k), position] holds the input under the window of each
    # output position.  It is filled by one copy that reads the input in its own memory
    # order (long unit-stride runs along the last output axis); a row of ones turns the
    # bias into one more column of the weight matrix.  One batched matmul then gives
    # the output already in (N, C_out, *out) order.
    n_taps = c_group * math.prod(kernel)
    n_pos = math.prod(out_size)
    has_bias = b is not None
    cols = np.empty((n_batch, g, n_taps + has_bias, n_pos))
    target = cols[:, :, :n_taps].reshape((n_batch, g, c_group) + kernel + out_size)
    source = win.reshape((n_batch, g, c_group) + out_size + kernel)
    np.copyto(target, source.transpose((0, 1, 2) + tuple(range(3 + nd, 3 + 2 * nd))
                                       + tuple(range(3, 3 + nd))))
    wmat = w.reshape(g, c_out // g, n_taps)
    if has_bias:
        cols[:, :, n_taps] = 1.0
        wmat = np.concatenate([wmat, b.reshape(g, c_out // g, 1)], axis=2)
    out = np.matmul(wmat, cols).reshape((n_batch, c_out) + out_size)
    return out[0] if unbatched else out


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    r"""1-D convolution (cross-correlation) over signals of layout (N, C, L).

    .. math::

        y_{n,o,i} = b_o + \sum_{c}\sum_{k=0}^{F-1}
                    w_{o,c,k}\; x^{\text{pad}}_{n,c,\,iS + kD}

    Parameters
    ----------
    input : array_like, shape (N, C_in, L) or (C_in, L)
        The signals.
    weight : array_like, shape (C_out, C_in/groups, F)
        The kernels.
    bias : array_like, shape (C_out,), default None
        One bias per output channel.
    stride : int or tuple of int, default 1
        Step :math:`S` between output positions.
    padding : int, tuple of int or {'valid', 'same'}, default 0
        Zeros added on both sides; ``'same'`` (stride 1 only) keeps the length.
    dilation : int or tuple of int, default 1
        Spacing :math:`D` between kernel taps.
    groups : int, default 1
        Split the channels into this many independent groups.

    Returns
    -------
    numpy.ndarray, shape (N, C_out, L_out) or (C_out, L_out)
        The output signals, float64, with ``L_out`` from :func:`conv_output_size`.

    Raises
    ------
    ValueError
        Wrong rank, channel mismatch, non-positive stride or dilation, negative
        padding, ``'same'`` with a stride, or a kernel larger than the padded input.

    See Also
    --------
    conv2d : The same over images.
    conv_output_size : The output length.

    Notes
    -----
    Like every deep-learning framework this computes a cross-correlation (the
    kernel is not flipped).  Same semantics as ``torch.nn.functional.conv1d``.

    Examples
    --------
    A difference kernel over one signal of 5 samples (one channel, unbatched):

    >>> from dlnotes.layers import conv1d
    >>> x = np.array([[1.0, 2.0, 3.0, 4.0, 5.0]])
    >>> conv1d(x, np.array([[[1.0, 0.0, -1.0]]]))
    array([[-2., -2., -2.]])
    >>> conv1d(x, np.array([[[1.0, 0.0, -1.0]]]), padding="same")
    array([[-2., -2., -2., -2.,  4.]])
    """
    return _conv(input, weight, bias, stride, padding, dilation, groups, nd=1)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    r"""2-D convolution (cross-correlation) over images of layout (N, C, H, W).

    .. math::

        y_{n,o,i,j} = b_o + \sum_{c}\sum_{k=0}^{F_H-1}\sum_{l=0}^{F_W-1}
                      w_{o,c,k,l}\; x^{\text{pad}}_{n,c,\,iS_H + kD_H,\,jS_W + lD_W}

    Parameters
    ----------
    input : array_like, shape (N, C_in, H, W) or (C_in, H, W)
        The images.
    weight : array_like, shape (C_out, C_in/groups, F_H, F_W)
        The kernels.
    bias : array_like, shape (C_out,), default None
        One bias per output channel.
    stride : int or tuple of int, default 1
        Step between output positions, per dimension.
    padding : int, tuple of int or {'valid', 'same'}, default 0
        Zeros added on both sides of each dimension.  ``'valid'`` means 0;
        ``'same'`` keeps the size and is only allowed with stride 1 (as in torch);
        when the total :math:`D(F-1)` is odd the extra zero goes to the right/bottom.
    dilation : int or tuple of int, default 1
        Spacing between kernel taps (dilated, or atrous, convolution).
    groups : int, default 1
        Split the channels into this many independent groups (``groups = C_in``
        gives a depthwise convolution).

    Returns
    -------
    numpy.ndarray, shape (N, C_out, H_out, W_out) or (C_out, H_out, W_out)
        The output maps, float64, with the sizes from :func:`conv_output_size`.

    Raises
    ------
    ValueError
        Wrong rank, channel mismatch, non-positive stride or dilation, negative
        padding, ``'same'`` with a stride, or a kernel larger than the padded input.

    See Also
    --------
    conv1d : The same over 1-D signals.
    conv_output_size : The output size.
    conv_params : Its number of parameters.
    conv_macs : Its number of multiply-accumulates.

    Notes
    -----
    im2col: every output position gets a column holding the
    :math:`C_{in} F_H F_W` inputs under its window, copied once from a strided view,
    and a single batched matrix product with the :math:`C_{out}\times C_{in}F_HF_W`
    weight matrix gives all outputs.  The arithmetic is that of
    :cite:t:`dumoulin2016guide`.  Same semantics as ``torch.nn.functional.conv2d``.

    Examples
    --------
    A 2x2 sum with stride 2 over a 4x4 image (batch of one, one channel):

    >>> from dlnotes.layers import conv2d
    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d(x, np.ones((1, 1, 2, 2)), stride=2)
    array([[[[10., 18.],
             [42., 50.]]]])
    """
    return _conv(input, weight, bias, stride, padding, dilation, groups, nd=2)


# ------------------------------------------------------------------------------- pooling


def _pool_setup(input, kernel_size, stride, padding, dilation, ceil_mode):
    """Checked pooling arguments, output size and the (before, after) padding per dim."""
    x, unbatched = _signal(input, 2)
    kernel = check_int_tuple(kernel_size, 2, "kernel_size", 1)
    if stride is None or (isinstance(stride, (tuple, list)) and len(stride) == 0):
        strides = kernel
    else:
        strides = check_int_tuple(stride, 2, "stride", 1)
    pads = check_int_tuple(padding, 2, "padding", 0)
    dilations = check_int_tuple(dilation, 2, "dilation", 1)
    ceil_mode = check_bool(ceil_mode, "ceil_mode")
    for p, k in zip(pads, kernel):
        if p > k // 2:
            raise ValueError(
                f"padding should be at most half of kernel_size (as in torch), "
                f"got padding={pads} with kernel_size={kernel}"
            )
    out = tuple(
        _output_size(m, k, s, 2 * p, d, ceil_mode)
        for m, k, s, p, d in zip(x.shape[2:], kernel, strides, pads, dilations)
    )
    # ceil_mode can make the last window run past the right padding: pad a bit more
    pairs = [(p, max(p, (o - 1) * s + _effective(k, d) - m - p))
             for m, k, s, p, d, o in zip(x.shape[2:], kernel, strides, pads, dilations, out)]
    return x, unbatched, kernel, strides, pads, dilations, out, pairs


def _flat_windows(a, kernel, strides, dilations):
    """(N, C, OH, OW, kH*kW) contiguous copy of the windows of the padded array ``a``."""
    win = _window_view(a, kernel, strides, dilations)
    return win.reshape(win.shape[:4] + (kernel[0] * kernel[1],))  # explicit: N or C may be 0


def _check_no_padding_only_window(sizes, kernel, strides, pads, dilations, out):
    """Refuse a configuration in which some window's taps all fall into the padding.

    With dilation, a window can skip every real row or column of a small input
    (input height 1, padding 1, kernel 2, dilation 2: taps at rows -1 and 1).  torch
    then returns -inf with an index outside the input plane, and its backward pass
    writes the gradient out of bounds; here the configuration is refused.
    """
    for axis, (m, k, s, p, d, o) in enumerate(zip(sizes, kernel, strides, pads, dilations, out)):
        taps = (np.arange(o) * s - p)[:, None] + d * np.arange(k)
        touches = ((taps >= 0) & (taps < m)).any(axis=1)
        if not touches.all():
            i = int(np.argmin(touches))
            what = ("height", "rows") if axis == 0 else ("width", "columns")
            raise ValueError(
                f"kernel_size={kernel}, stride={strides}, padding={pads} and dilation={dilations} "
                f"give a window made only of padding: output position {i} along the {what[0]} "
                f"takes input {what[1]} {taps[i].tolist()}, but the input has {what[1]} "
                f"0..{m - 1}; use less padding or dilation"
            )


def _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode):
    """Max pooling values and torch-style flat indices into each H*W input plane."""
    x, unbatched, kernel, strides, pads, dilations, out, pairs = _pool_setup(
        input, kernel_size, stride, padding, dilation, ceil_mode)
    _check_no_padding_only_window(x.shape[2:], kernel, strides, pads, dilations, out)
    xp = _zero_pad(x, pairs, -np.inf)
    win = _flat_windows(xp, kernel, strides, dilations)
    # argmax returns the FIRST maximum in row-major window order: torch's tie rule
    arg = win.argmax(axis=-1)
    val = np.take_along_axis(win, arg[..., None], axis=-1)[..., 0]
    if np.isneginf(val).any():
        # a window whose real entries are all -inf ties with the -inf padding; torch
        # then reports the first real position of the window
        valid = np.pad(np.ones((1, 1) + x.shape[2:], dtype=np.int8), [(0, 0), (0, 0)] + pairs)
        first_valid = _flat_windows(valid, kernel, strides, dilations).argmax(axis=-1)
        arg = np.where(np.isneginf(val), first_valid, arg)
    kw = kernel[1]
    rows = (np.arange(out[0]) * strides[0] - pads[0])[:, None] + (arg // kw) * dilations[0]
    cols = (np.arange(out[1]) * strides[1] - pads[1]) + (arg % kw) * dilations[1]
    index = rows * x.shape[3] + cols
    return x, unbatched, val, index


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    r"""2-D max pooling: the largest value of each window.

    .. math:: y_{n,c,i,j} = \max_{0 \le k < F_H,\ 0 \le l < F_W}
              x^{\text{pad}}_{n,c,\,iS_H + kD_H,\,jS_W + lD_W}

    Parameters
    ----------
    input : array_like, shape (N, C, H, W) or (C, H, W)
        The feature maps (``-inf`` allowed, NaN not).
    kernel_size : int or tuple of int
        Window size.
    stride : int, tuple of int or None, default None
        Step between windows; None means ``kernel_size`` (non-overlapping windows).
    padding : int or tuple of int, default 0
        Implicit ``-inf`` padding on both sides, at most half the kernel size.
    dilation : int or tuple of int, default 1
        Spacing between window taps.
    ceil_mode : bool, default False
        Round the output size up (see :func:`conv_output_size`).
    return_indices : bool, default False
        Also return, for every output, the flat index ``h * W + w`` of the chosen
        input in its plane (torch's format, for ``max_unpool2d``).

    Returns
    -------
    numpy.ndarray or tuple of numpy.ndarray
        The pooled maps (float64), and the int64 indices if ``return_indices``.

    Raises
    ------
    ValueError
        For a wrong rank, a non-positive kernel size, stride or dilation, a padding
        above half the kernel, a kernel larger than the padded input, or a window made
        only of padding.  The last can happen with dilation: input height 1, padding 1,
        kernel 2 and dilation 2 take rows -1 and 1.  torch returns ``-inf`` there with
        an index outside the input plane, and its backward pass writes out of bounds;
        such configurations are refused, naming ``kernel_size``, ``stride``,
        ``padding`` and ``dilation``.
    TypeError
        If a size is not an int (or a tuple of ints) or a flag is not a bool.

    See Also
    --------
    max_pool2d_backward : Its gradient.
    avg_pool2d : The mean instead of the maximum.

    Notes
    -----
    Ties: the first maximum in row-major order within the window wins, as in
    PyTorch's CPU kernel; that position alone receives the gradient
    (:func:`max_pool2d_backward`).  Pooling has no parameters.
    Same values and indices as ``torch.nn.functional.max_pool2d``.

    Examples
    --------
    >>> from dlnotes.layers import max_pool2d
    >>> x = np.array([[1, 2, 5, 0], [3, 4, 1, 2], [0, 1, 3, 8], [2, 9, 4, 1.0]])[None]
    >>> max_pool2d(x, 2)
    array([[[4., 5.],
            [9., 8.]]])
    >>> max_pool2d(x, 2, return_indices=True)[1]  # h * 4 + w of each maximum
    array([[[ 5,  2],
            [13, 11]]])
    """
    return_indices = check_bool(return_indices, "return_indices")
    _, unbatched, val, index = _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode)
    if unbatched:
        val, index = val[0], index[0]
    if return_indices:
        return val, index.astype(np.int64)
    return val


def max_pool2d_backward(grad_output, input, kernel_size, stride=None, padding=0, dilation=1,
                        ceil_mode=False):
    r"""Gradient of :func:`max_pool2d` with respect to its input.

    .. math:: \frac{\partial L}{\partial x_p} =
              \sum_{(i,j):\ \operatorname{argmax}_{(i,j)} = p} \frac{\partial L}{\partial y_{i,j}}

    Each upstream gradient goes entirely to the position that won its window (the
    first maximum on ties); everything else gets 0.  Overlapping windows that pick
    the same input add their gradients.

    Parameters
    ----------
    grad_output : array_like
        :math:`\partial L/\partial y`, shaped like the output of :func:`max_pool2d`.
    input : array_like, shape (N, C, H, W) or (C, H, W)
        The input that was pooled.
    kernel_size : int or tuple of int
        Window size of the forward call.
    stride : int, tuple of int or None, default None
        Stride of the forward call.
    padding : int or tuple of int, default 0
        Padding of the forward call.
    dilation : int or tuple of int, default 1
        Dilation of the forward call.
    ceil_mode : bool, default False
        ``ceil_mode`` of the forward call.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L/\partial x`, float64, shaped like ``input``.

    Raises
    ------
    ValueError
        As :func:`max_pool2d`, or if ``grad_output`` does not have the shape of the
        pooled output or is not finite (the package's ``grad_output`` rule).
    TypeError
        As :func:`max_pool2d`.

    See Also
    --------
    max_pool2d : The forward pass.
    avg_pool2d_backward : The gradient of average pooling, spread over the window.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.max_pool2d``.

    Examples
    --------
    Only the maximum of each window receives its gradient:

    >>> from dlnotes.layers import max_pool2d_backward
    >>> x = np.array([[1, 2, 5, 0], [3, 4, 1, 2], [0, 1, 3, 8], [2, 9, 4, 1.0]])[None]
    >>> max_pool2d_backward(np.ones((1, 2, 2)), x, 2)
    array([[[0., 0., 1., 0.],
            [0., 1., 0., 0.],
            [0., 0., 0., 1.],
            [0., 1., 0., 0.]]])
    """
    x, unbatched, val, index = _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode)
    g = _pooled_grad_output(grad_output, val.shape, unbatched)
    n, c, h, w = x.shape
    planes = np.arange(n * c).reshape(n, c, 1, 1) * (h * w)
    grad = np.bincount((planes + index).ravel(), weights=g.ravel(), minlength=n * c * h * w)
    grad = grad.astype(np.float64, copy=False).reshape(x.shape)  # bincount of nothing is int
    return grad[0] if unbatched else grad


def _pooled_grad_output(grad_output, shape, unbatched):
    """Checked ``grad_output`` for a pooled output of batched shape ``shape``, batched."""
    g = check_grad_output(grad_output, shape[1:] if unbatched else shape, of="the pooled output")
    return g[None] if unbatched else g


def _avg_divisor(x_shape, kernel, strides, pads, pairs, ceil_mode, count_include_pad,
                 divisor_override):
    """Divisor of every output window, torch's rule (shape (OH, OW) or a scalar)."""
    if divisor_override is not None:
        return float(check_int(divisor_override, "divisor_override", 1))
    ones = np.ones((1, 1) + x_shape[2:])
    if count_include_pad:
        # the padding counts, but not the extra cells that ceil_mode adds past it
        region = np.pad(ones, [(0, 0), (0, 0)] + [(p, p) for p in pads], constant_values=1.0)
        region = np.pad(region, [(0, 0), (0, 0)] + [(0, b - p) for (_, b), p in zip(pairs, pads)])
    else:
        region = np.pad(ones, [(0, 0), (0, 0)] + pairs)
    return _flat_windows(region, kernel, strides, (1, 1)).sum(axis=-1)[0, 0]


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    r"""2-D average pooling: the mean of each window.

    .. math:: y_{n,c,i,j} = \frac{1}{|R_{ij}|} \sum_{(h,w) \in R_{ij}} x^{\text{pad}}_{n,c,h,w}

    Parameters
    ----------
    input : array_like, shape (N, C, H, W) or (C, H, W)
        The feature maps.
    kernel_size : int or tuple of int
        Window size.
    stride : int, tuple of int or None, default None
        Step between windows; None means ``kernel_size``.
    padding : int or tuple of int, default 0
        Implicit zero padding on both sides, at most half the kernel size.
    ceil_mode : bool, default False
        Round the output size up (see :func:`conv_output_size`).
    count_include_pad : bool, default True
        Whether the padded zeros count in the divisor :math:`|R_{ij}|` (torch's
        default) or only the real inputs do.
    divisor_override : int or None, default None
        Use this positive divisor for every window instead.

    Returns
    -------
    numpy.ndarray
        The pooled maps, float64.

    See Also
    --------
    avg_pool2d_backward : Its gradient.
    max_pool2d : The maximum instead of the mean.
    adaptive_avg_pool2d : Average pooling to a given output size.

    Notes
    -----
    Pooling has no parameters.  Global average pooling is the special case of a
    window equal to the whole map, see :func:`adaptive_avg_pool2d`
    :cite:p:`lin2013network`.
    Same values as ``torch.nn.functional.avg_pool2d``.

    Examples
    --------
    >>> from dlnotes.layers import avg_pool2d
    >>> avg_pool2d(np.arange(16.0).reshape(1, 4, 4), 2)
    array([[[ 2.5,  4.5],
            [10.5, 12.5]]])

    Whether the padded zeros count in the mean:

    >>> x = np.ones((1, 1, 2))
    >>> avg_pool2d(x, (1, 2), stride=1, padding=(0, 1))
    array([[[0.5, 1. , 0.5]]])
    >>> avg_pool2d(x, (1, 2), stride=1, padding=(0, 1), count_include_pad=False)
    array([[[1., 1., 1.]]])
    """
    x, unbatched, kernel, strides, pads, _, out, pairs = _pool_setup(
        input, kernel_size, stride, padding, 1, ceil_mode)
    count_include_pad = check_bool(count_include_pad, "count_include_pad")
    xp = _zero_pad(x, pairs)
    total = _flat_windows(xp, kernel, strides, (1, 1)).sum(axis=-1)
    res = total / _avg_divisor(x.shape, kernel, strides, pads, pairs, ceil_mode,
                               count_include_pad, divisor_override)
    return res[0] if unbatched else res


def avg_pool2d_backward(grad_output, input, kernel_size, stride=None, padding=0, ceil_mode=False,
                        count_include_pad=True, divisor_override=None):
    r"""Gradient of :func:`avg_pool2d` with respect to its input.

    .. math:: \frac{\partial L}{\partial x_p} =
              \sum_{(i,j):\ p \in R_{ij}} \frac{1}{|R_{ij}|}\frac{\partial L}{\partial y_{i,j}}

    Every upstream gradient is spread evenly over its window (so a window's share
    adds up to the gradient it received, not to :math:`|R_{ij}|` times it);
    overlapping windows add up.

    Parameters
    ----------
    grad_output : array_like
        :math:`\partial L/\partial y`, shaped like the output of :func:`avg_pool2d`.
    input : array_like, shape (N, C, H, W) or (C, H, W)
        The input that was pooled (only its shape is used).
    kernel_size : int or tuple of int
        Window size of the forward call.
    stride : int, tuple of int or None, default None
        Stride of the forward call.
    padding : int or tuple of int, default 0
        Padding of the forward call.
    ceil_mode : bool, default False
        ``ceil_mode`` of the forward call.
    count_include_pad : bool, default True
        ``count_include_pad`` of the forward call.
    divisor_override : int or None, default None
        ``divisor_override`` of the forward call.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L/\partial x`, float64, shaped like ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the pooled output or contains NaN
        or inf (non-finite upstream gradients are refused: torch's autograd would spread
        them as NaN), or for the other arguments as :func:`avg_pool2d`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    avg_pool2d : The forward pass.
    max_pool2d_backward : The gradient of max pooling, all to one position.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.avg_pool2d``.

    Examples
    --------
    Two overlapping windows of width 2 over 3 inputs: the middle one gets both halves.

    >>> from dlnotes.layers import avg_pool2d_backward
    >>> avg_pool2d_backward(np.ones((1, 1, 2)), np.zeros((1, 1, 3)), (1, 2), stride=1)
    array([[[0.5, 1. , 0.5]]])
    """
    x, unbatched, kernel, strides, pads, _, out, pairs = _pool_setup(
        input, kernel_size, stride, padding, 1, ceil_mode)
    count_include_pad = check_bool(count_include_pad, "count_include_pad")
    div = _avg_divisor(x.shape, kernel, strides, pads, pairs, ceil_mode, count_include_pad,
                       divisor_override)
    g = _pooled_grad_output(grad_output, x.shape[:2] + out, unbatched) / div
    (a0, b0), (a1, b1) = pairs
    grad = np.zeros(x.shape[:2] + (x.shape[2] + a0 + b0, x.shape[3] + a1 + b1))
    sh, sw = strides
    for k in range(kernel[0]):  # loop over kernel offsets only (col2im)
        for l in range(kernel[1]):
            grad[:, :, k:k + sh * (out[0] - 1) + 1:sh, l:l + sw * (out[1] - 1) + 1:sw] += g
    grad = grad[:, :, a0:a0 + x.shape[2], a1:a1 + x.shape[3]]
    return grad[0] if unbatched else grad


# --------------------------------------------------------------------- adaptive pooling


def adaptive_pool_bounds(input_size, output_size):
    r"""Window bounds of adaptive pooling: bin :math:`i` covers ``start[i]:end[i]``.

    .. math:: \text{start}_i = \left\lfloor \frac{iL}{n} \right\rfloor, \qquad
              \text{end}_i = \left\lceil \frac{(i+1)L}{n} \right\rceil,
              \qquad i = 0, \dots, n-1

    The bins cover the input; neighbouring bins overlap by one element wherever
    :math:`iL/n` is not an integer, so when :math:`n` does not divide :math:`L` the
    windows are not a plain kernel/stride pattern.

    Parameters
    ----------
    input_size : int
        Input length :math:`L`.
    output_size : int
        Number of bins :math:`n`.

    Returns
    -------
    start : numpy.ndarray
        First input index of each bin, int64, length ``output_size``.
    end : numpy.ndarray
        One past the last input index of each bin, int64, length ``output_size``.

    See Also
    --------
    adaptive_avg_pool1d : The pooling over these bins.
    adaptive_avg_pool2d : The same bins along height and width.

    Examples
    --------
    Five inputs into three bins ``0:2``, ``1:4`` and ``3:5``; neighbours overlap:

    >>> from dlnotes.layers import adaptive_pool_bounds
    >>> adaptive_pool_bounds(5, 3)
    (array([0, 1, 3]), array([2, 4, 5]))
    """
    return _bounds(check_int(input_size, "input_size", 1), check_int(output_size, "output_size", 1))


def _bounds(length, n):
    i = np.arange(n, dtype=np.int64)
    return (i * length) // n, -((-(i + 1) * length) // n)


def _adaptive_matrix(length, n):
    """(n, length) averaging matrix: row i is 1/len on bin i, 0 elsewhere."""
    start, end = _bounds(length, n)
    j = np.arange(length)
    inside = (j >= start[:, None]) & (j < end[:, None])
    return inside / (end - start)[:, None]


def adaptive_avg_pool1d(input, output_size):
    r"""1-D adaptive average pooling to a fixed output length.

    Output :math:`i` is the mean of the input over the bin of
    :func:`adaptive_pool_bounds`; the caller chooses the output length and the
    window sizes follow from it.

    Parameters
    ----------
    input : array_like, shape (N, C, L) or (C, L)
        The signals.
    output_size : int
        Output length :math:`n`.

    Returns
    -------
    numpy.ndarray, shape (N, C, n) or (C, n)
        The pooled signals, float64.

    See Also
    --------
    adaptive_pool_bounds : The bins it averages over.
    adaptive_avg_pool2d : The same over images.

    Notes
    -----
    Same values as ``torch.nn.functional.adaptive_avg_pool1d``.

    Examples
    --------
    >>> from dlnotes.layers import adaptive_avg_pool1d
    >>> adaptive_avg_pool1d(np.array([[1.0, 2.0, 3.0, 4.0, 5.0]]), 3)
    array([[1.5, 3. , 4.5]])
    """
    x, unbatched = _signal(input, 1)
    if x.shape[-1] == 0:
        raise ValueError("input must have a non-empty length dimension")
    out = x @ _adaptive_matrix(x.shape[-1], check_int(output_size, "output_size", 1)).T
    return out[0] if unbatched else out


def adaptive_avg_pool2d(input, output_size):
    r"""2-D adaptive average pooling to a fixed output size.

    Bins are products of the 1-D bins of :func:`adaptive_pool_bounds` along height
    and width, so the pooling is separable: :math:`Y = A_H X A_W^\top`.  With
    ``output_size=1`` this is global average pooling, one value per channel
    :cite:p:`lin2013network`.

    Parameters
    ----------
    input : array_like, shape (N, C, H, W) or (C, H, W)
        The feature maps.
    output_size : int or tuple of (int or None)
        Target ``(H_out, W_out)``; ``None`` keeps that input size.

    Returns
    -------
    numpy.ndarray
        The pooled maps, float64, shape ``(N, C, H_out, W_out)`` (or without ``N``).

    See Also
    --------
    adaptive_avg_pool1d : The same over 1-D signals.
    adaptive_pool_bounds : The bins along each axis.
    avg_pool2d : Average pooling with a given window.

    Notes
    -----
    Same values as ``torch.nn.functional.adaptive_avg_pool2d``.

    Examples
    --------
    Global average pooling: one mean per channel.

    >>> from dlnotes.layers import adaptive_avg_pool2d
    >>> x = np.arange(32.0).reshape(2, 4, 4)
    >>> adaptive_avg_pool2d(x, 1)
    array([[[ 7.5]],
    <BLANKLINE>
           [[23.5]]])
    >>> adaptive_avg_pool2d(x, (2, None)).shape
    (2, 2, 4)
    """
    x, unbatched = _signal(input, 2)
    if min(x.shape[2:]) == 0:
        raise ValueError(f"input must have non-empty spatial dimensions, got shape {x.shape}")
    sizes = output_size if isinstance(output_size, (tuple, list)) else (output_size,) * 2
    if len(sizes) != 2:
        raise ValueError(f"output_size must be an int or a pair, got {output_size!r}")
    sizes = [m if s is None else check_int(s, "output_size", 1) for s, m in zip(sizes, x.shape[2:])]
    a_h = _adaptive_matrix(x.shape[2], sizes[0])
    a_w = _adaptive_matrix(x.shape[3], sizes[1])
    out = a_h @ x @ a_w.T
    return out[0] if unbatched else out


# ------------------------------------------------------------------------ receptive field


def receptive_field(kernel_sizes, strides=1, dilations=1):
    r"""Receptive field and jump of every layer of a stack of convolutions / poolings.

    .. math::

        r_l = r_{l-1} + D_l (F_l - 1)\, j_{l-1}, \qquad j_l = j_{l-1} S_l,
        \qquad r_0 = j_0 = 1

    :math:`r_l` is the number of consecutive input samples that one output of
    layer :math:`l` depends on; the jump :math:`j_l` is the distance, in input
    samples, between two neighbouring outputs of layer :math:`l`.  Padding shifts
    where a window sits but not its size.

    Parameters
    ----------
    kernel_sizes : sequence of int
        Kernel size :math:`F_l` of each layer, first layer first.
    strides : int or sequence of int, default 1
        Stride :math:`S_l` of each layer (an int applies to all).
    dilations : int or sequence of int, default 1
        Dilation :math:`D_l` of each layer (an int applies to all).

    Returns
    -------
    rf : numpy.ndarray
        Receptive field of each layer, in input samples, int64.
    jump : numpy.ndarray
        Distance between neighbouring outputs of each layer, in input samples, int64.

    See Also
    --------
    conv_output_size : The output size of one layer.

    Examples
    --------
    Three 3-tap layers of stride 1 see 7 inputs, like one 7-tap layer; a stride of 2 in
    the first layer doubles the growth of the next ones:

    >>> from dlnotes.layers import receptive_field
    >>> receptive_field([3, 3, 3])
    (array([3, 5, 7]), array([1, 1, 1]))
    >>> receptive_field([3, 3, 3], strides=[2, 1, 1])
    (array([ 3,  7, 11]), array([2, 2, 2]))
    """
    if isinstance(kernel_sizes, (str, bytes)) or not hasattr(kernel_sizes, "__len__"):
        raise TypeError(f"kernel_sizes must be a sequence of ints, got {type(kernel_sizes).__name__}")
    n = len(kernel_sizes)
    if n == 0:
        raise ValueError("kernel_sizes must list at least one layer")
    kernel = check_int_tuple(tuple(kernel_sizes), n, "kernel_sizes", 1)
    strides = check_int_tuple(tuple(strides) if isinstance(strides, (list, tuple, np.ndarray)) else strides,
                      n, "strides", 1)
    dilations = check_int_tuple(tuple(dilations) if isinstance(dilations, (list, tuple, np.ndarray))
                        else dilations, n, "dilations", 1)
    rf, jump = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    r, j = 1, 1
    for layer, (k, s, d) in enumerate(zip(kernel, strides, dilations)):  # loop over layers
        r += d * (k - 1) * j
        j *= s
        rf[layer], jump[layer] = r, j
    return rf, jump


# ---------------------------------------------------------------- parameters and MACs


def conv_params(in_channels, out_channels, kernel_size, bias=True, groups=1):
    r"""Number of parameters of a convolution layer.

    .. math:: C_{out} \cdot \frac{C_{in}}{g} \cdot \prod_d F_d \;+\; C_{out}\ \text{(biases)}

    Parameters
    ----------
    in_channels, out_channels : int
        Channel counts :math:`C_{in}`, :math:`C_{out}`.
    kernel_size : int or tuple of int
        Kernel size; an int means a square 2-D kernel.
    bias : bool, default True
        Whether each output channel has a bias (one per filter).
    groups : int, default 1
        Channel groups :math:`g`.

    Returns
    -------
    int
        The number of weights and biases.

    See Also
    --------
    conv_macs : The multiply-accumulates of the same layer.
    linear_params : The same count for a fully connected layer.

    Examples
    --------
    AlexNet's first layer, 96 filters of 11x11x3 plus 96 biases, and a depthwise 3x3
    layer without biases:

    >>> from dlnotes.layers import conv_params
    >>> conv_params(3, 96, 11), conv_params(32, 32, 3, bias=False, groups=32)
    (34944, 288)
    """
    c_in, c_out, g = _conv_channels(in_channels, out_channels, groups)
    kernel = check_int_tuple(kernel_size, len(kernel_size) if isinstance(kernel_size, (tuple, list)) else 2,
                     "kernel_size", 1)
    return c_out * (c_in // g) * math.prod(kernel) + (c_out if check_bool(bias, "bias") else 0)


def conv_macs(in_channels, out_channels, kernel_size, output_size, groups=1):
    r"""Multiply-accumulate operations of one forward pass of a convolution, per sample.

    .. math:: \text{MACs} = \Bigl(\prod_d O_d\Bigr) \cdot C_{out} \cdot \frac{C_{in}}{g} \cdot \prod_d F_d

    Every output value needs one multiply-add per kernel weight.  Bias additions
    are not counted; FLOP counters usually report :math:`2\times` MACs.

    Parameters
    ----------
    in_channels, out_channels : int
        Channel counts.
    kernel_size : int or tuple of int
        Kernel size (an int means square, with as many dims as ``output_size``).
    output_size : int or tuple of int
        Output size of each spatial dimension (an int means a square 2-D map).
    groups : int, default 1
        Channel groups.

    Returns
    -------
    int
        Multiply-accumulates for one sample.

    See Also
    --------
    conv_params : The parameters of the same layer.
    linear_macs : The same count for a fully connected layer.
    dlnotes.profiler.count_macs : The count for a whole PyTorch model.

    Examples
    --------
    AlexNet's first layer: a 55x55 map of 96 outputs, each 11x11x3 multiply-adds.

    >>> from dlnotes.layers import conv_macs
    >>> conv_macs(3, 96, 11, 55)
    105415200
    """
    c_in, c_out, g = _conv_channels(in_channels, out_channels, groups)
    nd = next((len(a) for a in (output_size, kernel_size) if isinstance(a, (tuple, list))), 2)
    kernel = check_int_tuple(kernel_size, nd, "kernel_size", 1)
    out = check_int_tuple(output_size, nd, "output_size", 0)
    return math.prod(out) * c_out * (c_in // g) * math.prod(kernel)


def _conv_channels(in_channels, out_channels, groups):
    c_in = check_int(in_channels, "in_channels", 1)
    c_out = check_int(out_channels, "out_channels", 1)
    g = check_int(groups, "groups", 1)
    if c_in % g or c_out % g:
        raise ValueError(f"in_channels={c_in} and out_channels={c_out} must be divisible by groups={g}")
    return c_in, c_out, g


def linear_params(in_features, out_features, bias=True):
    r"""Number of parameters of a fully connected layer: :math:`n_{in} n_{out} + n_{out}`.

    Parameters
    ----------
    in_features, out_features : int
        Input and output sizes.
    bias : bool, default True
        Whether the layer has one bias per output.

    Returns
    -------
    int
        The number of weights and biases.

    See Also
    --------
    linear_macs : The multiply-accumulates of the same layer.
    conv_params : The same count for a convolution.

    Examples
    --------
    AlexNet's first fully connected layer, 9216 inputs and 4096 outputs:

    >>> from dlnotes.layers import linear_params
    >>> linear_params(9216, 4096), linear_params(10, 1, bias=False)
    (37752832, 10)
    """
    n_in = check_int(in_features, "in_features", 1)
    n_out = check_int(out_features, "out_features", 1)
    return n_in * n_out + (n_out if check_bool(bias, "bias") else 0)


def linear_macs(in_features, out_features):
    r"""Multiply-accumulates of a fully connected layer per input vector: :math:`n_{in} n_{out}`.

    Parameters
    ----------
    in_features, out_features : int
        Input and output sizes.

    Returns
    -------
    int
        Multiply-accumulates for one input vector.

    See Also
    --------
    linear_params : The parameters of the same layer.
    conv_macs : The same count for a convolution.

    Examples
    --------
    >>> from dlnotes.layers import linear_macs
    >>> linear_macs(9216, 4096)
    37748736
    """
    return check_int(in_features, "in_features", 1) * check_int(out_features, "out_features", 1)
