"""Gold-reference tests for :mod:`dlnotes.layers`.

Every layer is compared with ``torch.nn.functional`` in float64 on the same inputs:
values, pooling gradients against autograd, output shapes against real torch modules.
Ties in max pooling are tested on integer-valued and constant inputs, where torch's CPU
kernel keeps the first maximum of each window in row-major order.
"""

import itertools
import math
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from _reference import closeness, n, t, torch_raises, vjp
from dlnotes import layers as L

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - installed with scikit-learn
    threadpool_limits = None

# Values: convolutions and averages sum O(100) products of O(1) numbers, so 1e-12
# relative with a 1e-12 absolute floor (results near 0); max pooling is exact.
TOL = dict(rtol=1e-12, atol=1e-12)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Run torch and NumPy's BLAS on one thread: the tensors here are tiny, and idle
    worker threads spinning on a busy machine made this file several times slower."""
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    limits = threadpool_limits(limits=1) if threadpool_limits else None
    try:
        yield
    finally:
        torch.set_num_threads(old)
        if limits is not None:
            limits.restore_original_limits()


close = closeness(TOL, ndarray=True)


# ------------------------------------------------------------------------------ linear


@pytest.mark.parametrize("shape", [(5,), (3, 5), (2, 3, 5), (0, 5)])
@pytest.mark.parametrize("with_bias", [False, True])
def test_linear_matches_torch(shape, with_bias):
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=shape), rng.normal(size=(4, 5)), rng.normal(size=4)
    bias = b if with_bias else None
    expected = n(F.linear(t(x), t(w), t(b) if with_bias else None))
    close(L.linear(x, w, bias), expected)
    close(L.linear(input=x, weight=w, bias=bias), expected)


def test_linear_counts_match_torch_module():
    for n_in, n_out, bias in [(7, 3, True), (7, 3, False), (25088, 1000, True), (1, 1, True)]:
        layer = torch.nn.Linear(n_in, n_out, bias=bias, device="meta")
        assert L.linear_params(n_in, n_out, bias) == sum(p.numel() for p in layer.parameters())
        # brute force: with all-ones operands every multiply-add contributes exactly 1
        macs = F.linear(torch.ones(1, n_in, dtype=torch.float64), torch.ones(n_out, n_in, dtype=torch.float64))
        assert L.linear_macs(n_in, n_out) == int(macs.sum())


# --------------------------------------------------------------------------- embedding


@pytest.mark.parametrize("idx_shape", [(), (6,), (2, 5), (2, 3, 4)])
@pytest.mark.parametrize("padding_idx", [None, 0, 3, -1])
def test_embedding_matches_torch(idx_shape, padding_idx):
    rng = np.random.default_rng(1)
    w = rng.normal(size=(7, 3))
    idx = rng.integers(0, 7, size=idx_shape)
    idx.flat[:1] = 3  # make sure the padding row and repeats occur
    idx_t = torch.as_tensor(idx, dtype=torch.long)
    close(L.embedding(idx, w, padding_idx), n(F.embedding(idx_t, t(w), padding_idx)))
    # gradient: sparse, accumulated over repeats, none for the padding row
    g = rng.normal(size=idx_shape + (3,))
    expected = vjp(lambda v: F.embedding(idx_t, v, padding_idx), w, g)
    close(L.embedding_backward(g, idx, 7, padding_idx), expected)


def test_embedding_is_one_hot_times_matrix():
    rng = np.random.default_rng(2)
    w = rng.normal(size=(10, 4))
    idx = np.array([[3, 0, 9], [3, 3, 1]])
    one_hot = n(F.one_hot(torch.as_tensor(idx), 10)).astype(np.float64)
    close(L.embedding(idx, w), one_hot @ w)


# ------------------------------------------------------------------------- convolution

CONV2D_SHAPES = [  # (input shape, out_channels, kernel)
    ((2, 4, 7, 9), 6, (3, 3)),
    ((1, 2, 5, 6), 4, (2, 4)),
    ((3, 4, 8, 8), 2, (1, 1)),
    ((4, 5, 5), 4, (3, 2)),  # unbatched
]
STRIDES = [1, 2, (1, 3)]
PADDINGS = [0, 1, (2, 0), "valid", "same"]
DILATIONS = [1, 2, (2, 1)]


@pytest.mark.parametrize(("shape", "c_out", "kernel"), CONV2D_SHAPES)
def test_conv2d_grid_matches_torch(shape, c_out, kernel):
    """Every stride x padding x dilation x groups x bias combination: same values or both refuse."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=shape)
    c_in = shape[-3]
    checked = 0
    for stride, padding, dilation, groups, with_bias in itertools.product(
        STRIDES, PADDINGS, DILATIONS, (1, 2) if c_in % 2 == 0 and c_out % 2 == 0 else (1,),
        (False, True),
    ):
        w = rng.normal(size=(c_out, c_in // groups) + kernel)
        b = rng.normal(size=c_out) if with_bias else None
        args = (stride, padding, dilation, groups)

        def ref():
            return F.conv2d(t(x), t(w), None if b is None else t(b), *args)

        if torch_raises(ref):
            with pytest.raises(ValueError):
                L.conv2d(x, w, b, *args)
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch: 'same' with an even kernel copies
            expected = n(ref())
        close(L.conv2d(x, w, b, *args), expected)
        checked += 1
    assert checked >= 60


CONV1D_SHAPES = [((2, 3, 17), 4, 5), ((1, 2, 9), 3, 2), ((3, 10), 2, 3), ((2, 4, 6), 4, 1)]


@pytest.mark.parametrize(("shape", "c_out", "kernel"), CONV1D_SHAPES)
def test_conv1d_grid_matches_torch(shape, c_out, kernel):
    rng = np.random.default_rng(4)
    x = rng.normal(size=shape)
    c_in = shape[-2]
    checked = 0
    for stride, padding, dilation, groups, with_bias in itertools.product(
        (1, 2, 3), (0, 1, 3, "valid", "same"), (1, 2, 3), (1, 2) if c_in % 2 == 0 and c_out % 2 == 0 else (1,),
        (False, True),
    ):
        w = rng.normal(size=(c_out, c_in // groups, kernel))
        b = rng.normal(size=c_out) if with_bias else None
        args = (stride, padding, dilation, groups)

        def ref():
            return F.conv1d(t(x), t(w), None if b is None else t(b), *args)

        if torch_raises(ref):
            with pytest.raises(ValueError):
                L.conv1d(x, w, b, *args)
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = n(ref())
        close(L.conv1d(x, w, b, *args), expected)
        checked += 1
    assert checked >= 40


def test_conv2d_keywords_and_integer_input():
    rng = np.random.default_rng(5)
    x = rng.integers(-3, 4, size=(2, 3, 6, 6))
    w = rng.normal(size=(4, 3, 3, 3))
    expected = n(F.conv2d(t(x), t(w), stride=2, padding=1))
    close(L.conv2d(input=x, weight=w, stride=2, padding=1), expected)


def test_conv2d_depthwise_matches_torch():
    rng = np.random.default_rng(6)
    x, w = rng.normal(size=(2, 6, 9, 9)), rng.normal(size=(12, 1, 3, 3))
    close(L.conv2d(x, w, groups=6, padding="same"), n(F.conv2d(t(x), t(w), groups=6, padding="same")))


# ------------------------------------------------------------------ output-size arithmetic


def _size_configs():
    """>= 500 (n, k, s, p, d) configurations per axis, paired into 2-D layers (fixed seed)."""
    axis = list(itertools.product((1, 2, 3, 5, 8, 13, 20), (1, 2, 3, 5), (1, 2, 3), (0, 1, 2), (1, 2)))
    rng = np.random.default_rng(7)
    order = rng.permutation(len(axis))
    return [(axis[i], axis[j]) for i, j in zip(range(len(axis)), order)]  # 504 pairs


def test_conv_output_size_matches_torch_conv2d_module():
    configs = _size_configs()
    assert len(configs) >= 500
    fitted = 0
    torch.manual_seed(0)
    for (nh, kh, sh, ph, dh), (nw, kw, sw, pw, dw) in configs:
        conv = torch.nn.Conv2d(1, 1, (kh, kw), (sh, sw), (ph, pw), (dh, dw), bias=False)
        x = torch.zeros(1, 1, nh, nw)
        fits = (nh + 2 * ph >= dh * (kh - 1) + 1) and (nw + 2 * pw >= dw * (kw - 1) + 1)
        if not fits:
            assert torch_raises(lambda: conv(x))
            with pytest.raises(ValueError, match="kernel_size"):
                L.conv_output_size((nh, nw), (kh, kw), (sh, sw), (ph, pw), (dh, dw))
            continue
        with torch.no_grad():
            real = tuple(conv(x).shape[2:])
        assert L.conv_output_size((nh, nw), (kh, kw), (sh, sw), (ph, pw), (dh, dw)) == real
        assert L.conv_output_size(nh, kh, sh, ph, dh) == real[0]  # ints give an int
        fitted += 1
    assert fitted >= 300


@pytest.mark.parametrize("ceil_mode", [False, True])
def test_conv_output_size_matches_torch_max_pool(ceil_mode):
    for n_, k, s, p, d in itertools.product((3, 4, 7, 10), (2, 3), (1, 2, 3), (0, 1), (1, 2)):
        x = torch.zeros(1, 1, n_, 1)
        ref = lambda: F.max_pool2d(x, (k, 1), (s, 1), (p, 0), (d, 1), ceil_mode)  # noqa: E731
        if torch_raises(ref):
            continue
        assert L.conv_output_size(n_, k, s, p, d, ceil_mode=ceil_mode) == ref().shape[2]


def test_conv_output_size_alexnet_and_formula():
    assert L.conv_output_size(227, 11, stride=4) == 55
    assert L.conv_output_size((227, 227), (11, 11), (4, 4)) == (55, 55)
    # (N - F + 2P) // S + 1 with dilation folded into F
    for n_, k, s, p, d in itertools.product(range(1, 12), range(1, 5), range(1, 4), range(3), range(1, 3)):
        eff = d * (k - 1) + 1
        if n_ + 2 * p >= eff:
            assert L.conv_output_size(n_, k, s, p, d) == math.floor((n_ - eff + 2 * p) / s) + 1
    assert L.conv_output_size(10, 4, padding="same") == 10
    assert L.conv_output_size(10, 4, padding="valid") == 7


@pytest.mark.parametrize("n_", range(1, 14))
@pytest.mark.parametrize(("k", "d"), [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (3, 2), (2, 3)])
@pytest.mark.parametrize("s", [1, 2, 3])
def test_same_padding(n_, k, s, d):
    before, after = L.same_padding(n_, k, s, d)
    # smallest total padding giving ceil(n / s) outputs, extra zero after (TF's rule)
    eff = d * (k - 1) + 1
    total = next(q for q in range(3 * eff) if n_ + q >= eff and (n_ + q - eff) // s + 1 == -(-n_ // s))
    assert (before, after) == (total // 2, total - total // 2)
    if s == 1:  # torch's padding='same' pads the same way
        rng = np.random.default_rng(8)
        x, w = rng.normal(size=(1, 1, n_)), rng.normal(size=(1, 1, k))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            same = n(F.conv1d(t(x), t(w), padding="same", dilation=d))
        explicit = n(F.conv1d(F.pad(t(x), (before, after)), t(w), dilation=d))
        np.testing.assert_array_equal(same, explicit)
        assert same.shape[-1] == n_


def test_same_padding_stride2_asymmetric_and_tuples():
    assert L.same_padding(6, 3, 2) == (0, 1)
    assert L.same_padding(5, 3, 2) == (1, 1)
    assert L.same_padding((6, 5), 3, 2) == ((0, 1), (1, 1))


# ---------------------------------------------------------------------------- pooling

POOL_INPUTS = {
    "random": lambda rng, shape: rng.normal(size=shape),
    "ints 0..2 (ties)": lambda rng, shape: rng.integers(0, 3, size=shape).astype(np.float64),
    "constant (all tied)": lambda rng, shape: np.full(shape, 1.5),
    "with -inf": lambda rng, shape: np.where(rng.random(shape) < 0.6, -np.inf, rng.normal(size=shape)),
}
MAX_CONFIGS = list(itertools.product((1, 2, 3, (2, 3)), (None, 1, 2, (2, 1)), (0, 1), (1, 2), (False, True)))


@pytest.mark.parametrize("kind", POOL_INPUTS)
@pytest.mark.parametrize("shape", [(2, 3, 7, 8), (3, 6, 5)])
def test_max_pool2d_forward_backward_matches_torch(kind, shape):
    rng = np.random.default_rng(9)
    x = POOL_INPUTS[kind](rng, shape)
    checked = 0
    for args in MAX_CONFIGS:
        if torch_raises(lambda: F.max_pool2d(t(x), *args)):
            with pytest.raises(ValueError):
                L.max_pool2d(x, *args)
            continue
        y_ref, idx_ref = F.max_pool2d(t(x), *args, return_indices=True)
        y, idx = L.max_pool2d(x, *args, return_indices=True)
        np.testing.assert_array_equal(y, n(y_ref))  # a max is exact
        np.testing.assert_array_equal(idx, idx_ref.numpy())  # same winner on ties
        assert idx.dtype == np.int64
        g = rng.normal(size=y.shape)
        expected = vjp(lambda v: F.max_pool2d(v, *args), x, g)
        close(L.max_pool2d_backward(g, x, *args), expected)
        checked += 1
    assert checked >= 100


def test_max_pool2d_tie_goes_to_first_in_row_major_order():
    x = np.array([[[[1.0, 7.0], [7.0, 7.0]]]])
    _, idx = L.max_pool2d(x, 2, return_indices=True)
    assert idx.item() == 1
    grad = L.max_pool2d_backward(np.ones((1, 1, 1, 1)), x, 2)
    np.testing.assert_array_equal(grad[0, 0], [[0.0, 1.0], [0.0, 0.0]])
    np.testing.assert_array_equal(grad, vjp(lambda v: F.max_pool2d(v, 2), x, np.ones((1, 1, 1, 1))))


def test_max_pool2d_overlapping_windows_accumulate():
    x = np.zeros((1, 1, 4, 4))
    x[0, 0, 1, 1] = 5.0  # the maximum of all four 3x3 windows with stride 1
    g = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    grad = L.max_pool2d_backward(g, x, 3, 1)
    assert grad[0, 0, 1, 1] == 10.0 and grad.sum() == 10.0
    close(grad, vjp(lambda v: F.max_pool2d(v, 3, 1), x, g))


AVG_CONFIGS = list(itertools.product(
    (1, 2, 3, (2, 3)), (None, 1, 2), (0, 1), (False, True), (True, False), (None, 5)))


@pytest.mark.parametrize("kind", ["random", "ints 0..2 (ties)", "constant (all tied)"])
@pytest.mark.parametrize("shape", [(2, 3, 7, 8), (3, 6, 5)])
def test_avg_pool2d_forward_backward_matches_torch(kind, shape):
    rng = np.random.default_rng(10)
    x = POOL_INPUTS[kind](rng, shape)
    checked = 0
    for args in AVG_CONFIGS:
        if torch_raises(lambda: F.avg_pool2d(t(x), *args)):
            with pytest.raises(ValueError):
                L.avg_pool2d(x, *args)
            continue
        close(L.avg_pool2d(x, *args), n(F.avg_pool2d(t(x), *args)))
        g = rng.normal(size=n(F.avg_pool2d(t(x), *args)).shape)
        close(L.avg_pool2d_backward(g, x, *args), vjp(lambda v: F.avg_pool2d(v, *args), x, g))
        checked += 1
    assert checked >= 100


@pytest.mark.parametrize("shape", [(0, 3, 5, 6), (0, 1, 4, 4), (0, 2, 3, 7)])
@pytest.mark.parametrize("args", [(2,), (3, 1, 1), ((2, 3), (1, 2), (1, 0)), (3, 2, 1, 2, True)])
def test_max_pool2d_on_an_empty_batch(shape, args):
    """Issue 18, defect 3: N = 0 crashed with a reshape error; torch returns (0, C, H', W')."""
    x = np.zeros(shape)
    y_ref, idx_ref = F.max_pool2d(t(x), *args, return_indices=True)
    y, idx = L.max_pool2d(x, *args, return_indices=True)
    assert y.shape == tuple(y_ref.shape) == idx.shape and y.dtype == np.float64
    g = np.zeros(y.shape)
    close(L.max_pool2d_backward(g, x, *args), vjp(lambda v: F.max_pool2d(v, *args), x, g))


@pytest.mark.parametrize("shape", [(0, 3, 5, 6), (0, 1, 4, 4), (0, 2, 3, 7)])
@pytest.mark.parametrize("args", [(2,), (3, 1, 1), ((2, 3), (1, 2), (1, 0)), (3, 2, 1, True, False),
                                  (2, 1, 0, False, True, 3)])
def test_avg_pool2d_on_an_empty_batch(shape, args):
    x = np.zeros(shape)
    y_ref = n(F.avg_pool2d(t(x), *args))
    close(L.avg_pool2d(x, *args), y_ref)
    g = np.zeros(y_ref.shape)
    close(L.avg_pool2d_backward(g, x, *args), vjp(lambda v: F.avg_pool2d(v, *args), x, g))


def _padding_only_windows(in_size, out_size, kernel, stride, padding, dilation):
    """Output positions (per dimension) whose taps all miss the input, counted one by one."""
    bad = []
    for o in range(out_size):
        taps = [o * stride - padding + j * dilation for j in range(kernel)]
        if not any(0 <= tap < in_size for tap in taps):
            bad.append(o)
    return bad


def test_max_pool2d_window_made_only_of_padding_is_refused():
    """Issue 18, defect 4: input 1x1x1x3, kernel 2, stride (2, 4), padding 1, dilation 2.

    The only window takes rows -1 and 1 of an input of height 1: nothing but padding.
    torch returns -inf there with index 4, outside the 3-element plane (and its backward
    pass then writes out of bounds, so it is not called here).  dlnotes refuses the
    configuration with a ValueError that names the arguments.
    """
    x = np.arange(3.0).reshape(1, 1, 1, 3)
    args = dict(kernel_size=2, stride=(2, 4), padding=1, dilation=2)
    y_ref, idx_ref = F.max_pool2d(t(x), return_indices=True, **args)
    assert torch.isneginf(y_ref).all() and not 0 <= idx_ref.item() < x.size
    for call in (lambda: L.max_pool2d(x, **args),
                 lambda: L.max_pool2d_backward(np.ones((1, 1, 1, 1)), x, **args)):
        with pytest.raises(ValueError, match=r"kernel_size.*stride.*padding.*dilation.*only of padding"):
            call()


def test_max_pool2d_padding_only_windows_sweep():
    """Every small configuration: refused exactly when some window misses the input
    (counted here tap by tap, for torch's output size); otherwise equal to torch."""
    rng = np.random.default_rng(13)
    refused = agreed = 0
    for h, w in [(1, 1), (1, 3), (2, 2), (3, 2), (3, 5)]:
        x = rng.normal(size=(2, 2, h, w))
        for k, s, p, d, ceil in itertools.product((1, 2, 3), (1, 2, 4), (0, 1), (1, 2, 3), (False, True)):
            if p > k // 2 or torch_raises(lambda: F.max_pool2d(t(x), k, s, p, d, ceil)):
                continue
            y_ref, idx_ref = F.max_pool2d(t(x), k, s, p, d, ceil, return_indices=True)
            oh, ow = y_ref.shape[2:]
            bad = (_padding_only_windows(h, oh, k, s, p, d), _padding_only_windows(w, ow, k, s, p, d))
            if bad[0] or bad[1]:
                assert torch.isneginf(y_ref[:, :, bad[0], :]).all() and torch.isneginf(y_ref[..., bad[1]]).all()
                with pytest.raises(ValueError, match="only of padding"):
                    L.max_pool2d(x, k, s, p, d, ceil)
                refused += 1
                continue
            y, idx = L.max_pool2d(x, k, s, p, d, ceil, return_indices=True)
            np.testing.assert_array_equal(y, n(y_ref))
            np.testing.assert_array_equal(idx, idx_ref.numpy())
            g = rng.normal(size=y.shape)
            close(L.max_pool2d_backward(g, x, k, s, p, d, ceil),
                  vjp(lambda v: F.max_pool2d(v, k, s, p, d, ceil), x, g))
            agreed += 1
    assert refused >= 30 and agreed >= 200  # 32 and 240 when written


def test_pooling_backward_example_from_the_notes():
    """The 4x4 example: max routes each gradient to its arg-max, avg spreads it in quarters."""
    x = np.array([[5, 3, 1, 2], [1, 2, 3, 2], [4, 2, 2, 5], [3, 6, 1, 1]], dtype=float)[None, None]
    g = np.array([[1.0, 0.8], [0.4, 0.6]])[None, None]
    close(L.max_pool2d(x, 2), n(F.max_pool2d(t(x), 2)))
    close(L.max_pool2d_backward(g, x, 2), vjp(lambda v: F.max_pool2d(v, 2), x, g))
    close(L.avg_pool2d_backward(g, x, 2), vjp(lambda v: F.avg_pool2d(v, 2), x, g))
    assert L.avg_pool2d_backward(g, x, 2).sum() == pytest.approx(g.sum())


# ------------------------------------------------------------------- adaptive pooling


def test_adaptive_avg_pool1d_every_length_and_size():
    """Every L in 1..64 and n in 1..L, against torch; one batched call per L."""
    rng = np.random.default_rng(11)
    for length in range(1, 65):
        x = np.concatenate([np.eye(length)[:, None, :], rng.normal(size=(2, 1, length))])
        x_t = t(x)
        ours = np.concatenate([L.adaptive_avg_pool1d(x, k) for k in range(1, length + 1)], axis=-1)
        ref = torch.cat([F.adaptive_avg_pool1d(x_t, k) for k in range(1, length + 1)], dim=-1)
        close(ours, n(ref), dict(rtol=1e-13, atol=1e-15))


def test_adaptive_pool_bounds_match_torch_bins():
    """Bin i covers floor(iL/n) .. ceil((i+1)L/n): read torch's bins off the identity matrix."""
    for length in range(1, 40):
        eye = t(np.eye(length)[:, None, :])
        for k in range(1, length + 1):
            weights = n(F.adaptive_avg_pool1d(eye, k))[:, 0, :]  # (L inputs, k bins)
            start, end = L.adaptive_pool_bounds(length, k)
            for i in (0, k // 2, k - 1):
                inside = np.flatnonzero(weights[:, i])
                assert (inside[0], inside[-1] + 1) == (start[i], end[i])
    assert [list(a) for a in L.adaptive_pool_bounds(10, 4)] == [[0, 2, 5, 7], [3, 5, 8, 10]]


@pytest.mark.parametrize("output_size", [1, 3, (2, 5), (None, 3), (6, None), (7, 9), (9, 12)])
@pytest.mark.parametrize("shape", [(2, 3, 7, 9), (4, 6, 5)])
def test_adaptive_avg_pool2d_matches_torch(shape, output_size):
    x = np.random.default_rng(12).normal(size=shape)
    close(L.adaptive_avg_pool2d(x, output_size), n(F.adaptive_avg_pool2d(t(x), output_size)))


def test_global_average_pooling_is_channel_mean():
    x = np.random.default_rng(13).normal(size=(2, 512, 7, 7))
    close(L.adaptive_avg_pool2d(x, 1)[..., 0, 0], n(t(x).mean(dim=(2, 3))))


# -------------------------------------------------------------------- receptive field


@pytest.mark.parametrize(
    ("kernels", "strides", "dilations"),
    [
        ([15, 7, 5, 3, 3, 3], [2, 2, 2, 2, 2, 2], 1),
        ([3, 3, 3, 3, 3, 3], [2, 2, 2, 2, 2, 2], 1),
        ([3, 3, 3], 1, 1),
        ([3, 3, 3, 3], 1, [1, 2, 4, 8]),
        ([7, 2, 3], [2, 2, 1], [1, 1, 2]),
    ],
)
def test_receptive_field_matches_autograd(kernels, strides, dilations):
    """Span of input samples that one output depends on, and the step between neighbours."""
    rf, jump = L.receptive_field(kernels, strides, dilations)
    m = len(kernels)
    strides_ = strides if isinstance(strides, list) else [strides] * m
    dilations_ = dilations if isinstance(dilations, list) else [dilations] * m
    x = torch.zeros(1, 1, 2000, dtype=torch.float64, requires_grad=True)
    h = x
    for layer, (k, s, d) in enumerate(zip(kernels, strides_, dilations_)):
        h = F.conv1d(h, torch.ones(1, 1, k, dtype=torch.float64), stride=s, dilation=d)
        supports = []
        for pos in (1, 2):  # two neighbouring outputs of this layer
            (grad,) = torch.autograd.grad(h[0, 0, pos], x, retain_graph=True)
            nz = np.flatnonzero(grad.numpy()[0, 0])
            supports.append((nz[0], nz[-1]))
        assert supports[0][1] - supports[0][0] + 1 == rf[layer]
        assert supports[1][0] - supports[0][0] == jump[layer]


# --------------------------------------------------------------- parameters and MACs


@pytest.mark.parametrize(
    ("c_in", "c_out", "kernel", "groups", "bias", "size", "padding"),
    [
        (3, 96, 11, 1, True, (35, 27), 0),
        (3, 96, 11, 1, False, (27, 35), 1),
        (16, 32, (3, 5), 1, True, (12, 10), 1),
        (16, 32, 3, 4, True, (9, 9), 0),
        (8, 8, 3, 8, False, (6, 7), 2),
    ],
)
def test_conv_counts_match_torch(c_in, c_out, kernel, groups, bias, size, padding):
    conv = torch.nn.Conv2d(c_in, c_out, kernel, groups=groups, bias=bias, padding=padding, device="meta")
    assert L.conv_params(c_in, c_out, kernel, bias, groups) == sum(p.numel() for p in conv.parameters())
    # brute force: pad with ones instead of zeros and convolve ones with ones; every
    # multiply-add then contributes exactly 1 to the sum of the output
    ones = F.pad(torch.ones((1, c_in) + size, dtype=torch.float64), (padding,) * 4, value=1.0)
    out = F.conv2d(ones, torch.ones_like(conv.weight, device="cpu", dtype=torch.float64), groups=groups)
    out_size = L.conv_output_size(size, kernel if isinstance(kernel, tuple) else (kernel,) * 2, padding=padding)
    assert tuple(out.shape[2:]) == out_size
    assert L.conv_macs(c_in, c_out, kernel, out_size, groups) == int(out.sum())


def test_alexnet_conv1_counts():
    assert L.conv_params(3, 96, 11) == 11 * 11 * 3 * 96 + 96 == 34944
    assert L.conv_params(3, 96, 11, bias=False) == 34848
    assert L.conv_macs(3, 96, 11, 55) == 55 * 55 * 96 * 11 * 11 * 3
    assert L.conv_params(1, 4, (5,)) == 24  # 1-D kernel


# ---------------------------------------------------------------------- bad inputs

BAD_CALLS = {
    "conv2d kernel larger than padded input": (
        lambda: L.conv2d(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 7, 3)), padding=1), "kernel_size"),
    "conv2d dilated kernel too large": (
        lambda: L.conv2d(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 3, 3)), dilation=2), "kernel_size"),
    "conv1d kernel larger than input": (
        lambda: L.conv1d(np.zeros((1, 1, 4)), np.zeros((1, 1, 5))), "kernel_size"),
    "conv_output_size kernel too large": (lambda: L.conv_output_size(4, 7, padding=1), "kernel_size"),
    "max_pool2d kernel too large": (lambda: L.max_pool2d(np.zeros((1, 1, 3, 3)), 4), "kernel_size"),
    "avg_pool2d kernel too large": (lambda: L.avg_pool2d(np.zeros((1, 3, 3)), (2, 5)), "kernel_size"),
    "conv2d negative stride": (
        lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), stride=-1), "stride"),
    "conv2d zero stride": (
        lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), stride=(1, 0)), "stride"),
    "conv_output_size negative stride": (lambda: L.conv_output_size(5, 3, stride=-2), "stride"),
    "max_pool2d negative stride": (lambda: L.max_pool2d(np.zeros((1, 1, 5, 5)), 2, -1), "stride"),
    "receptive_field negative stride": (lambda: L.receptive_field([3, 3], [2, -1]), "strides"),
    "conv2d negative padding": (
        lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), padding=-1), "padding"),
    "conv2d unknown padding string": (
        lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), padding="full"), "padding"),
    "conv2d same with stride 2": (
        lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), stride=2, padding="same"),
        "padding"),
    "conv2d zero dilation": (
        lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), dilation=0), "dilation"),
    "pool padding above half the kernel": (lambda: L.max_pool2d(np.zeros((1, 1, 5, 5)), 2, padding=2), "padding"),
    "embedding index too large": (lambda: L.embedding([0, 7], np.zeros((7, 2))), "input"),
    "embedding negative index": (lambda: L.embedding([[-1, 2]], np.zeros((7, 2))), "input"),
    "embedding_backward index too large": (
        lambda: L.embedding_backward(np.zeros((1, 2)), [9], 7), "input"),
    "embedding padding_idx out of range": (
        lambda: L.embedding([0], np.zeros((7, 2)), padding_idx=7), "padding_idx"),
    "embedding 1-D table": (lambda: L.embedding([0], np.zeros(7)), "weight"),
    "conv2d 2-D input": (lambda: L.conv2d(np.zeros((5, 5)), np.zeros((1, 1, 3, 3))), "input"),
    "conv2d 5-D input": (lambda: L.conv2d(np.zeros((1, 1, 1, 5, 5)), np.zeros((1, 1, 3, 3))), "input"),
    "conv2d 3-D weight": (lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 3, 3))), "weight"),
    "conv1d 4-D input": (lambda: L.conv1d(np.zeros((1, 1, 1, 5)), np.zeros((1, 1, 3))), "input"),
    "conv2d channel mismatch": (
        lambda: L.conv2d(np.zeros((1, 3, 5, 5)), np.zeros((4, 2, 3, 3))), "in_channels"),
    "conv2d bad groups": (
        lambda: L.conv2d(np.zeros((1, 4, 5, 5)), np.zeros((3, 2, 3, 3)), groups=2), "groups"),
    "conv2d bias shape": (
        lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((2, 1, 3, 3)), np.zeros(3)), "bias"),
    "max_pool2d 2-D input": (lambda: L.max_pool2d(np.zeros((4, 4)), 2), "input"),
    "adaptive_avg_pool1d 4-D input": (lambda: L.adaptive_avg_pool1d(np.zeros((1, 1, 1, 4)), 2), "input"),
    "adaptive_avg_pool2d output_size 0": (lambda: L.adaptive_avg_pool2d(np.zeros((1, 4, 4)), 0), "output_size"),
    "linear 3-D weight": (lambda: L.linear(np.zeros(3), np.zeros((1, 2, 3))), "weight"),
    "linear feature mismatch": (lambda: L.linear(np.zeros((2, 3)), np.zeros((4, 5))), "in_features"),
    "linear NaN input": (lambda: L.linear([np.nan, 1.0], np.zeros((1, 2))), "input"),
    "max_pool2d_backward grad shape": (
        lambda: L.max_pool2d_backward(np.zeros((1, 1, 3, 3)), np.zeros((1, 1, 4, 4)), 2), "grad_output"),
    "avg_pool2d_backward grad shape": (
        lambda: L.avg_pool2d_backward(np.zeros((1, 1, 3)), np.zeros((1, 4, 4)), 2), "grad_output"),
    "conv_output_size tuple lengths": (lambda: L.conv_output_size((5, 5), (3, 3, 3)), "same length"),
    "receptive_field empty": (lambda: L.receptive_field([]), "kernel_sizes"),
}


@pytest.mark.parametrize("case", BAD_CALLS)
def test_bad_input_raises_value_error(case):
    call, message = BAD_CALLS[case]
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: L.embedding([0.0, 1.0], np.zeros((7, 2))), "input"),
        (lambda: L.conv2d(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), stride=1.5), "stride"),
        (lambda: L.max_pool2d(np.zeros((1, 1, 5, 5)), True), "kernel_size"),
        (lambda: L.conv_params(3, 96, 11, groups=2.0), "groups"),
        (lambda: L.linear(np.array(["a"]), np.zeros((1, 1))), "input"),
        (lambda: L.receptive_field(3), "kernel_sizes"),
    ],
)
def test_bad_types_raise_type_error(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_error_message_says_what_was_expected():
    with pytest.raises(ValueError, match=r"effective kernel size 5 .* larger than the padded input size 4"):
        L.conv2d(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 3, 3)), dilation=2)
    with pytest.raises(ValueError, match=r"indices must lie in \[0, 6\]"):
        L.embedding([7], np.zeros((7, 2)))


def test_docstring_examples_run():
    import doctest

    examples = sum(len(test.examples) for test in doctest.DocTestFinder().find(L))
    result = doctest.testmod(L, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert examples > 0 and result.attempted == examples and result.failed == 0
