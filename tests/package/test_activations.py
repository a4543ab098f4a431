"""Gold-reference tests for :mod:`dlnotes.activations`.

Every function is compared with PyTorch in float64: values with ``torch.*`` /
``torch.nn.functional.*``, derivatives with autograd.  Inputs are fixed-seed random
arrays plus hand-picked extreme values; warnings are errors throughout.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from _reference import check_raises, closeness, n, no_warnings, t, vjp
from dlnotes import activations as A

# Tolerances.  Element-wise values and probabilities are compared relatively
# (the tiny atol only absorbs subnormal-vs-zero differences, e.g. sigmoid(-740)).
# Log-probabilities near 0 and vector-Jacobian products are formed by cancellation,
# so they also get an absolute floor of 1e-14 (their entries are O(1)).
VALUE_TOL = dict(rtol=1e-12, atol=1e-300)
CANCEL_TOL = dict(rtol=1e-12, atol=1e-14)

SLOPES = [0.0, 0.01, 0.2, 1.0, -0.5]
SHAPES = [(), (5,), (3, 7), (2, 3, 4), (2, 1, 5)]
# Every valid (shape, dim); a 0-d tensor accepts dim in {-1, 0}, as in torch.
SHAPE_DIMS = [(s, d) for s in SHAPES for d in range(-max(len(s), 1), max(len(s), 1))]

FMAX = np.finfo(np.float64).max
# Finite special points: signed zeros, subnormal/tiny, saturating, overflow-prone, huge.
SPECIAL = np.array(
    [0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-8, -1e-8, 1.0, -1.0, 20.0, -20.0,
     40.0, -40.0, 700.0, -700.0, 740.0, -740.0, 1000.0, -1000.0, 1e300, -1e300, FMAX, -FMAX]
)
INF = np.array([np.inf, -np.inf])


def _torch(f):
    """numpy -> numpy reference from a torch function."""
    return lambda x: n(f(t(x)))


def _autograd(f):
    """numpy -> numpy element-wise derivative of torch function ``f``."""
    return lambda x: vjp(f, x)


close = closeness(VALUE_TOL)


# name -> (function under test with one argument, torch reference numpy -> numpy).
# leaky_relu uses the default slope on both sides, which also checks the defaults match.
ELEMENTWISE = {
    "sigmoid": (A.sigmoid, _torch(torch.sigmoid)),
    "tanh": (A.tanh, _torch(torch.tanh)),
    "relu": (A.relu, _torch(torch.relu)),
    "leaky_relu": (A.leaky_relu, _torch(F.leaky_relu)),
    "sigmoid_grad": (A.sigmoid_grad, _autograd(torch.sigmoid)),
    "tanh_grad": (A.tanh_grad, _autograd(torch.tanh)),
    "relu_grad": (A.relu_grad, _autograd(torch.relu)),
    "leaky_relu_grad": (A.leaky_relu_grad, _autograd(F.leaky_relu)),
}
UNARY = {
    **ELEMENTWISE,
    "softmax": (A.softmax, _torch(lambda z: torch.softmax(z, -1))),
    "log_softmax": (A.log_softmax, _torch(lambda z: torch.log_softmax(z, -1))),
}
# Per-function tolerance: tanh_grad = 1 - tanh^2 cancels for |x| >~ 5, where a 1-ulp
# difference between np.tanh and torch.tanh gives ~1e-16 absolute (1e-11 relative) error.
TOL = {name: VALUE_TOL for name in UNARY} | {"tanh_grad": CANCEL_TOL, "log_softmax": CANCEL_TOL}
SOFTMAX = {"softmax": (A.softmax, torch.softmax), "log_softmax": (A.log_softmax, torch.log_softmax)}
BACKWARD = {
    "softmax_backward": (A.softmax_backward, torch.softmax),
    "log_softmax_backward": (A.log_softmax_backward, torch.log_softmax),
}
# Every public function as a one-argument callable (for input validation tests).
ALL_ONE_ARG = {
    **UNARY,
    "softmax_jacobian": (A.softmax_jacobian, None),
    "softmax_backward": (lambda x: A.softmax_backward(0.0, x), None),
    "log_softmax_backward": (lambda x: A.log_softmax_backward(0.0, x), None),
}


def test_all_public_functions_are_covered():
    assert set(A.__all__) == set(ALL_ONE_ARG)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise_matches_torch(name):
    """Random, special and infinite inputs: same values as torch, no NaN, no warning."""
    ours, ref = ELEMENTWISE[name]
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(scale=4.0, size=40), SPECIAL, INF]).reshape(2, 33)
    with no_warnings():
        out = ours(x)
    assert not np.isnan(out).any()
    close(out, ref(x), TOL[name])


@pytest.mark.parametrize("shape", [(7,), (2, 3, 4)])
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise_shapes(name, shape):
    ours, ref = ELEMENTWISE[name]
    x = np.random.default_rng(1).normal(scale=3.0, size=shape)
    close(ours(x), ref(x), TOL[name])


@pytest.mark.parametrize("slope", SLOPES)
def test_leaky_relu_matches_torch(slope):
    rng = np.random.default_rng(2)
    x = np.concatenate([rng.normal(scale=4.0, size=30), SPECIAL])
    x = np.concatenate([x, INF])
    with no_warnings():
        out = A.leaky_relu(x, slope)
        out_kw = A.leaky_relu(x, negative_slope=slope)
    expected = n(F.leaky_relu(t(x), negative_slope=slope))
    close(out, expected)
    close(out_kw, expected)


def test_leaky_relu_zero_slope_at_plus_inf():
    x = np.array([np.inf, 1.0, -1.0])
    with no_warnings():
        out = A.leaky_relu(x, 0.0)
    close(out, n(F.leaky_relu(t(x), 0.0)))


@pytest.mark.parametrize(("shape", "dim"), SHAPE_DIMS)
@pytest.mark.parametrize("name", SOFTMAX)
def test_softmax_matches_torch(name, shape, dim):
    ours, ref = SOFTMAX[name]
    z = np.random.default_rng(3).normal(scale=3.0, size=shape)
    with no_warnings():
        out = ours(z, dim)
        out_kw = ours(z, dim=dim)
    expected = n(ref(t(z), dim))
    tol = VALUE_TOL if name == "softmax" else CANCEL_TOL
    close(out, expected, tol)
    close(out_kw, expected, tol)


@pytest.mark.parametrize(
    ("shape", "dim"), [((0,), 0), ((0,), -1), ((3, 0), 0), ((3, 0), 1), ((0, 3), 1)]
)
@pytest.mark.parametrize("name", SOFTMAX)
def test_softmax_empty_matches_torch(name, shape, dim):
    ours, ref = SOFTMAX[name]
    z = np.zeros(shape)
    close(ours(z, dim), n(ref(t(z), dim)))


def test_softmax_default_dim_is_last():
    z = np.random.default_rng(4).normal(size=(3, 4, 5))
    close(A.softmax(z), n(torch.softmax(t(z), -1)))
    close(A.log_softmax(z), n(torch.log_softmax(t(z), -1)), CANCEL_TOL)


def test_numpy_integer_dim_accepted():
    z = np.random.default_rng(5).normal(size=(3, 4))
    close(A.softmax(z, np.int64(0)), n(torch.softmax(t(z), 0)))
    close(A.log_softmax(z, np.int32(-2)), n(torch.log_softmax(t(z), 0)), CANCEL_TOL)


# ---------------------------------------------------------------------- derivatives


@pytest.mark.parametrize("slope", SLOPES)
def test_leaky_relu_grad_matches_autograd(slope):
    rng = np.random.default_rng(6)
    x = np.concatenate([rng.normal(scale=4.0, size=30), SPECIAL, INF])
    with no_warnings():
        out = A.leaky_relu_grad(x, slope)
    close(out, _autograd(lambda v: F.leaky_relu(v, slope))(x))


@pytest.mark.parametrize("slope", SLOPES)
def test_grads_at_exact_zero(slope):
    """ReLU'(0) = 0 and LeakyReLU'(0) = slope, as torch's autograd (also for -0.0)."""
    zeros = np.array([0.0, -0.0])
    relu_ref = _autograd(torch.relu)(zeros)
    leaky_ref = _autograd(lambda v: F.leaky_relu(v, slope))(zeros)
    np.testing.assert_array_equal(relu_ref, [0.0, 0.0])  # the convention being mirrored
    np.testing.assert_array_equal(leaky_ref, [slope, slope])
    np.testing.assert_array_equal(A.relu_grad(zeros), relu_ref)
    np.testing.assert_array_equal(A.leaky_relu_grad(zeros, slope), leaky_ref)
    assert A.relu_grad(0) == 0.0 and A.leaky_relu_grad(0, slope) == slope


@pytest.mark.parametrize(("shape", "dim"), SHAPE_DIMS)
@pytest.mark.parametrize("name", BACKWARD)
def test_backward_matches_autograd(name, shape, dim):
    ours, ref = BACKWARD[name]
    rng = np.random.default_rng(7)
    z = rng.normal(scale=3.0, size=shape)
    g = rng.normal(size=shape)
    expected = vjp(lambda v: ref(v, dim), z, g)
    with no_warnings():
        out = ours(g, z, dim)
        out_kw = ours(grad_output=g, input=z, dim=dim)
    close(out, expected, CANCEL_TOL)
    close(out_kw, expected, CANCEL_TOL)


def test_log_softmax_backward_cross_entropy_is_s_minus_y():
    """With grad_output = -one_hot(y) the gradient is softmax(z) - one_hot(y)."""
    rng = np.random.default_rng(8)
    z = rng.normal(scale=2.0, size=(4, 6))
    y = np.eye(6)[[0, 3, 5, 2]]
    zt = t(z).requires_grad_()
    loss = F.cross_entropy(zt, torch.tensor([0, 3, 5, 2]), reduction="sum")
    (expected,) = torch.autograd.grad(loss, zt)
    close(A.log_softmax_backward(-y, z, dim=1), n(expected), CANCEL_TOL)


JACOBIAN_INPUTS = [
    [0.3],
    [1.0, -1.0],
    list(np.random.default_rng(9).normal(scale=2.0, size=5)),
    list(np.random.default_rng(10).normal(scale=5.0, size=9)),
    [1000.0, 0.0, -1000.0],
    [1e300, 1e-300, -1e300],
    [2, 2, 2, 2],  # ints: uniform distribution
]


@pytest.mark.parametrize("z", JACOBIAN_INPUTS)
def test_softmax_jacobian_matches_torch(z):
    expected = n(torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), t(z)))
    with no_warnings():
        jac = A.softmax_jacobian(z)
    close(jac, expected, CANCEL_TOL)
    np.testing.assert_array_equal(jac, jac.T)  # diag(s) - s s^T is symmetric exactly
    np.testing.assert_allclose(jac.sum(axis=1), 0.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(jac.sum(axis=0), 0.0, rtol=0, atol=1e-15)
    assert (np.diag(jac) >= 0).all()


# ------------------------------------------------------------------ extreme inputs


@pytest.mark.parametrize(
    ("name", "x", "expected"),
    [
        ("sigmoid", [np.inf, -np.inf, 1000.0, -1000.0, 1e300, -1e300], [1, 0, 1, 0, 1, 0]),
        ("tanh", [np.inf, -np.inf, 1000.0, -1e300], [1, -1, 1, -1]),
        ("relu", [np.inf, -np.inf, -1e300, 1e300], [np.inf, 0, 0, 1e300]),
        ("leaky_relu", [np.inf, -np.inf, -1e300], [np.inf, -np.inf, 0.01 * -1e300]),
        ("sigmoid_grad", [np.inf, -np.inf, 1000.0, -1000.0, 0.0], [0, 0, 0, 0, 0.25]),
        ("tanh_grad", [np.inf, -np.inf, 1000.0, -1000.0, 0.0], [0, 0, 0, 0, 1]),
        ("relu_grad", [np.inf, -np.inf, 0.0, 5e-324], [1, 0, 0, 1]),
        ("leaky_relu_grad", [np.inf, -np.inf, 0.0, -5e-324], [1, 0.01, 0.01, 0.01]),
    ],
)
def test_elementwise_exact_limits(name, x, expected):
    """Known limits, checked against constants and against torch."""
    ours, ref = ELEMENTWISE[name]
    with no_warnings():
        out = ours(np.array(x))
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(ref(np.array(x)), expected)


EXTREME_LOGITS = [
    ([1000.0, 0.0, -1000.0], -1),
    ([-1000.0, -1000.0, -999.0], -1),
    ([1000.0, 1000.0], 0),
    ([1e300, -1e300], -1),
    ([1e300, 1e-300, -1e300, 0.0], -1),
    ([-1e300, -1e300, 1e-300], 0),
    ([1e-300, -1e-300, 5e-324, 0.0], -1),
    ([[1000.0, -1000.0, 0.0], [1e300, 1e300, -1e300]], 1),
    ([[1000.0, -1000.0, 0.0], [1e300, 1e300, -1e300]], 0),
    ([[1000.0, -1000.0, 0.0], [1e300, 1e300, -1e300]], -2),
]


@pytest.mark.parametrize(("z", "dim"), EXTREME_LOGITS)
@pytest.mark.parametrize("name", SOFTMAX)
def test_softmax_extreme_logits(name, z, dim):
    ours, ref = SOFTMAX[name]
    z = np.array(z)
    with no_warnings():
        out = ours(z, dim)
    assert np.isfinite(out).all()
    close(out, n(ref(t(z), dim)), CANCEL_TOL)
    probs = out if name == "softmax" else np.exp(out)
    assert ((probs >= 0) & (probs <= 1)).all()
    np.testing.assert_allclose(probs.sum(axis=dim), 1.0, rtol=0, atol=1e-15)


@pytest.mark.parametrize(("z", "dim"), EXTREME_LOGITS)
@pytest.mark.parametrize("name", BACKWARD)
def test_backward_extreme_logits(name, z, dim):
    ours, ref = BACKWARD[name]
    z = np.array(z)
    g = np.random.default_rng(11).normal(size=z.shape)
    expected = vjp(lambda v: ref(v, dim), z, g)
    with no_warnings():
        out = ours(g, z, dim)
    assert np.isfinite(out).all()
    close(out, expected, CANCEL_TOL)


def test_log_softmax_finite_where_log_of_softmax_is_not():
    z = np.array([1000.0, 0.0, -1000.0])
    with np.errstate(divide="ignore"):
        naive = np.log(n(torch.softmax(t(z), 0)))
    assert np.isneginf(naive).any()  # the naive route really fails here
    with no_warnings():
        out = A.log_softmax(z)
    np.testing.assert_array_equal(out, [0.0, -1000.0, -2000.0])  # exact in float64
    np.testing.assert_array_equal(out, n(torch.log_softmax(t(z), 0)))


@pytest.mark.parametrize("name", SOFTMAX)
def test_softmax_logits_spanning_more_than_float_max(name):
    ours, ref = SOFTMAX[name]
    z = np.array([1e308, -1e308])
    with no_warnings():
        out = ours(z)
    close(out, n(ref(t(z), 0)))


# ----------------------------------------------------------------------- properties


def test_sigmoid_grad_maximum_is_quarter_at_zero():
    assert A.sigmoid_grad(0.0) == 0.25
    assert A.sigmoid_grad(-0.0) == 0.25
    rng = np.random.default_rng(12)
    x = np.concatenate([np.linspace(-50.0, 50.0, 200_001), rng.normal(size=1000)])
    out = A.sigmoid_grad(x)
    assert out.max() <= 0.25
    assert (((out >= 0) & (out < 0.25)) | (x == 0)).all()  # strictly below 1/4 away from 0
    close(out, _autograd(torch.sigmoid)(x))


@pytest.mark.parametrize("c", [-1e3, 3.7, 1e3])
@pytest.mark.parametrize(("shape", "dim"), [((6,), 0), ((3, 7), 1), ((3, 7), 0), ((2, 3, 4), -2)])
def test_softmax_shift_invariance(shape, dim, c):
    """softmax(z + c) equals torch's softmax(z); the shift only costs the rounding of z + c."""
    z = np.random.default_rng(13).normal(scale=3.0, size=shape)
    with no_warnings():
        shifted = A.softmax(z + c, dim)
        log_shifted = A.log_softmax(z + c, dim)
    np.testing.assert_allclose(shifted, n(torch.softmax(t(z), dim)), rtol=1e-12, atol=0)
    np.testing.assert_allclose(log_shifted, n(torch.log_softmax(t(z), dim)), rtol=1e-12, atol=1e-12)


def test_tanh_is_rescaled_sigmoid():
    x = np.linspace(-20.0, 20.0, 4001)
    reference = 2.0 * n(torch.sigmoid(t(2.0 * x))) - 1.0
    np.testing.assert_allclose(A.tanh(x), reference, rtol=0, atol=1e-15)


@pytest.mark.parametrize(("shape", "dim"), SHAPE_DIMS)
def test_softmax_sums_to_one(shape, dim):
    z = np.random.default_rng(14).normal(scale=10.0, size=shape)
    axis = dim if shape else 0
    for probs in (A.softmax(z, dim), np.exp(A.log_softmax(z, dim))):
        assert ((probs >= 0) & (probs <= 1)).all()
        sums = np.sum(probs.reshape(shape or (1,)), axis=axis)
        np.testing.assert_allclose(sums, 1.0, rtol=0, atol=1e-14)


# --------------------------------------------------------------------- input kinds

INPUT_KINDS = [
    [1, -2, 3],
    [[0.5, -1.5], [2.0, 0.0]],
    3,
    -0.5,
    np.float64(1.25),
    np.int16(-7),
    np.arange(-3, 4),
    np.array([[1, -2], [3, 4]], dtype=np.int32),
    np.array([250, 3], dtype=np.uint8),
    np.array([0.1, -2.5], dtype=np.float32),
]


@pytest.mark.parametrize("name", UNARY)
def test_input_kinds_give_float64(name):
    """Lists, scalars and int/float32 arrays are converted to float64 first."""
    ours, ref = UNARY[name]
    for x in INPUT_KINDS:
        out = ours(x)
        assert np.asarray(out).dtype == np.float64, repr(x)
        assert np.shape(out) == np.shape(x), repr(x)
        expected = ref(np.asarray(x, dtype=np.float64))
        np.testing.assert_allclose(out, expected, **TOL[name], err_msg=repr(x))


@pytest.mark.parametrize("name", ALL_ONE_ARG)
def test_input_not_modified_or_aliased(name):
    ours, _ = ALL_ONE_ARG[name]
    x = np.random.default_rng(15).normal(size=(4,) if name == "softmax_jacobian" else (3, 4))
    if name.endswith("backward"):
        g = np.ones_like(x)
        out = getattr(A, name)(g, x)
        np.testing.assert_array_equal(g, 1.0)
        assert not np.shares_memory(out, g)
    else:
        out = ours(x)
    np.testing.assert_array_equal(x, np.random.default_rng(15).normal(size=x.shape))
    assert not np.shares_memory(out, x)


# ---------------------------------------------------------------------- bad inputs


BAD_TYPES = [
    "abc",
    ["a", "b"],
    None,
    {"a": 1},
    np.array([1.0, None], dtype=object),
    np.array([1.0, 2.0], dtype=object),
    [[1.0, 2.0], [3.0]],  # ragged
]
COMPLEX = [1j, [1.0, 2j], np.array([1.0 + 0j])]
BOOLS = [True, [True, False], np.array([[True], [False]])]


@pytest.mark.parametrize("name", ALL_ONE_ARG)
def test_non_real_input_raises_typeerror(name):
    """Strings, objects, ragged lists, complex and bool: TypeError naming ``input``."""
    ours, _ = ALL_ONE_ARG[name]
    for x in BAD_TYPES + COMPLEX + BOOLS:
        pattern = r"^input must be a real numeric array"
        check_raises(lambda: ours(x), TypeError, pattern, f"{name}({x!r})")


@pytest.mark.parametrize("name", ALL_ONE_ARG)
def test_nan_raises(name):
    ours, _ = ALL_ONE_ARG[name]
    for x in [np.nan, [0.0, np.nan], [[1.0, 2.0], [np.nan, -np.inf]]]:
        check_raises(lambda: ours(x), ValueError, r"^input contains NaN", f"{name}({x!r})")


@pytest.mark.parametrize(
    "name",
    ["softmax", "log_softmax", "softmax_jacobian", "softmax_backward", "log_softmax_backward"],
)
def test_softmax_family_rejects_inf(name):
    ours, _ = ALL_ONE_ARG[name]
    for x in [[1.0, np.inf], [-np.inf, 0.0], [[0.0], [np.inf]]]:
        check_raises(lambda: ours(x), ValueError, r"^input must be finite", f"{name}({x!r})")


DIM_CALLERS = {
    "softmax": A.softmax,
    "log_softmax": A.log_softmax,
    "softmax_backward": lambda x, dim: A.softmax_backward(np.zeros(np.shape(x)), x, dim),
    "log_softmax_backward": lambda x, dim: A.log_softmax_backward(np.zeros(np.shape(x)), x, dim),
}
BAD_DIMS = [((2, 3), 2), ((2, 3), -3), ((2, 3), 5), ((4,), 1), ((4,), -2), ((), 1), ((), -2)]


@pytest.mark.parametrize("name", DIM_CALLERS)
def test_dim_out_of_range_raises(name):
    for shape, dim in BAD_DIMS:
        with pytest.raises(IndexError):  # torch rejects the same dims
            torch.softmax(torch.zeros(shape, dtype=torch.float64), dim)
        check_raises(
            lambda: DIM_CALLERS[name](np.zeros(shape), dim),
            ValueError,
            rf"^dim={dim} is out of range",
            f"{name}(shape={shape}, dim={dim})",
        )


@pytest.mark.parametrize("name", DIM_CALLERS)
def test_dim_wrong_type_raises(name):
    for dim in [1.0, "x", None, True, np.float64(0.0), [0]]:
        check_raises(
            lambda: DIM_CALLERS[name](np.zeros((2, 3)), dim),
            TypeError,
            r"^dim must be an int",
            f"{name}(dim={dim!r})",
        )


BAD_SLOPES = [
    ("a", TypeError),
    (None, TypeError),
    ([0.1], TypeError),
    (True, TypeError),
    (0.1j, TypeError),
    (np.nan, ValueError),
    (np.inf, ValueError),
    (-np.inf, ValueError),
]


@pytest.mark.parametrize("fn", [A.leaky_relu, A.leaky_relu_grad], ids=lambda f: f.__name__)
def test_bad_negative_slope_raises(fn):
    for slope, exc in BAD_SLOPES:
        label = f"{fn.__name__}(negative_slope={slope!r})"
        pattern = r"^negative_slope must be"
        check_raises(lambda: fn([1.0, -1.0], slope), exc, pattern, label)
        check_raises(lambda: fn([1.0, -1.0], negative_slope=slope), exc, pattern, label)


@pytest.mark.parametrize("name", BACKWARD)
def test_grad_output_wrong_shape_raises(name):
    ours, _ = BACKWARD[name]
    pairs = [((3,), (2, 3)), ((2, 3), (3,)), ((1, 3), (2, 3)), ((3, 2), (2, 3)), ((1,), ())]
    for g_shape, z_shape in pairs:
        check_raises(
            lambda: ours(np.ones(g_shape), np.zeros(z_shape)),
            ValueError,
            r"^grad_output must have the shape of input",
            f"{name}: grad {g_shape} vs input {z_shape}",
        )


BAD_GRADS = [
    ("ab", TypeError, "must be a real numeric array"),
    ([1.0, 2j], TypeError, "must be a real numeric array"),
    ([True, False], TypeError, "must be a real numeric array"),
    ([np.nan, 0.0], ValueError, "contains NaN"),
    ([np.inf, 0.0], ValueError, "must be finite"),
]


@pytest.mark.parametrize("name", BACKWARD)
def test_bad_grad_output_raises(name):
    ours, _ = BACKWARD[name]
    for g, exc, pattern in BAD_GRADS:
        label = f"{name}(grad_output={g!r})"
        check_raises(lambda: ours(g, [0.0, 1.0]), exc, rf"^grad_output {pattern}", label)


def test_softmax_jacobian_needs_nonempty_vector():
    cases = [
        (np.zeros((2, 3)), "1-D"),
        (np.zeros((1, 1)), "1-D"),
        (1.0, "1-D"),
        ([], "empty"),
        (np.zeros((0,)), "empty"),
    ]
    for z, pattern in cases:
        check_raises(lambda: A.softmax_jacobian(z), ValueError, pattern, f"softmax_jacobian({z!r})")

