"""The shared validators of dlnotes._validation: the one rule and its messages.

A wrong type is a TypeError, a wrong value a ValueError, and the message starts with the
argument's name and says what was expected.  The common test (test_common.py) checks
the rule through every public function; these tests pin down each validator.
"""

import math

import numpy as np
import pytest

from _reference import raises
from dlnotes import _validation as V


@pytest.mark.parametrize("value", [3, np.int64(3), np.uint8(3)])
def test_check_int_accepts_integers(value):
    out = V.check_int(value, "k", 1, 5)
    assert out == 3 and type(out) is int


@pytest.mark.parametrize("value", [2.0, "3", None, True, np.bool_(True), 3 + 0j])
def test_check_int_refuses_other_types(value):
    raises(TypeError, "^k must be an int, got", V.check_int, value, "k")


def test_check_int_messages_say_the_range():
    raises(ValueError, r"^kernel_size must be an int >= 1, got 0$", V.check_int, 0, "kernel_size", 1)
    raises(ValueError, r"^k must be an int <= 3, got 4$", V.check_int, 4, "k", None, 3)
    raises(ValueError, r"^n_components must be an int in \[1, 4\], got 5$", V.check_int, 5, "n_components", 1, 4)


def test_check_int_tuple():
    assert V.check_int_tuple(2, 2, "stride", 1) == (2, 2)
    assert V.check_int_tuple([1, 3], 2, "stride", 1) == (1, 3)
    raises(TypeError, r"^stride must be an int or a tuple of 2 ints, got str at position 1",
           V.check_int_tuple, (1, "a", 3), 2, "stride", 1)  # types before the length
    raises(ValueError, r"^stride must be an int >= 1 or a tuple of 2 such ints, got \(1, 2, 3\)",
           V.check_int_tuple, (1, 2, 3), 2, "stride", 1)
    raises(ValueError, r"^padding must be an int >= 0 or a tuple of 2 such ints, got \(1, -1\)",
           V.check_int_tuple, (1, -1), 2, "padding", 0)
    raises(TypeError, "^stride must be an int or a tuple of 2 ints, got float", V.check_int_tuple, 1.5, 2, "stride")


@pytest.mark.parametrize(("kwargs", "value", "message"), [
    (dict(low=0), -1.0, "^lr must be non-negative, got -1.0$"),
    (dict(low=0, low_open=True), 0.0, "^delta must be positive, got 0.0$"),
    (dict(low=0, high=1, high_open=True), 1.0, r"^p must be in \[0, 1\), got 1.0$"),
    (dict(low=0, high=1, low_open=True), 0.0, r"^start_factor must be in \(0, 1\], got 0.0$"),
    (dict(high=1), 1.5, "^alpha must be at most 1, got 1.5$"),
    (dict(low=1, low_open=True), 1.0, "^x must be > 1, got 1.0$"),
    (dict(), math.nan, "^v must be a number, not NaN$"),
    (dict(), math.inf, "^v must be finite, got inf$"),
])
def test_check_real_values(kwargs, value, message):
    name = message[1:message.index(" ")]
    raises(ValueError, message, V.check_real, value, name, **kwargs)


def test_check_real_types_and_options():
    for value in ("1", None, True, np.bool_(False), 1j, [1.0]):
        raises(TypeError, "^lr must be a real number, got", V.check_real, value, "lr")
    raises(TypeError, "^base must be a real number or None, got str", V.check_real, "2", "base", allow_none=True)
    assert V.check_real(None, "base", allow_none=True) is None
    assert V.check_real(math.inf, "norm_type", low=0, low_open=True, allow_inf=True) == math.inf
    assert math.isnan(V.check_real(math.nan, "value", allow_nan=True))
    out = V.check_real(np.float32(0.5), "p", low=0, high=1)
    assert out == 0.5 and type(out) is float


def test_check_bool():
    assert V.check_bool(np.bool_(True), "training") is True
    for value in (1, 0, "yes", None):
        raises(TypeError, "^training must be True or False, got", V.check_bool, value, "training")


def test_check_option_type_or_value():
    reductions = ("none", "mean", "sum")
    assert V.check_option("sum", "reduction", reductions) == "sum"
    raises(ValueError, "^reduction must be one of 'none', 'mean', 'sum', got 'avg'$",
           V.check_option, "avg", "reduction", reductions)
    for value in (None, 1, True, object()):
        raises(TypeError, "^reduction must be one of", V.check_option, value, "reduction", reductions)
    # options of several kinds: 'warn', 0, 1 and NaN
    zero_division = ("warn", 0, 1, np.nan)
    assert V.check_option(1, "zero_division", zero_division) == 1
    assert math.isnan(V.check_option(float("nan"), "zero_division", zero_division))
    raises(ValueError, r"^zero_division must be one of 'warn', 0, 1, np.nan, got 2$",
           V.check_option, 2, "zero_division", zero_division)
    raises(TypeError, "^zero_division must be one of", V.check_option, True, "zero_division", zero_division)
    assert V.check_option(None, "average", (None, "binary")) is None


def test_array_checks():
    out = V.as_float_array([1, 2], "x")
    assert out.dtype == np.float64
    raises(TypeError, r"^x must be a real numeric array \(int or float\), got dtype bool", V.as_float_array,
           [True], "x")
    raises(TypeError, "^x must be a real numeric array", V.as_float_array, [[1.0], [1.0, 2.0]], "x")
    raises(ValueError, "^x contains NaN$", V.as_float_array, [1.0, np.nan], "x")
    raises(ValueError, "^x must be finite, but contains inf$", V.as_float_array, [np.inf], "x", allow_inf=False)
    raises(ValueError, "^x must not be empty$", V.as_float_array, [], "x", allow_empty=False)
    raises(ValueError, r"^X must be 2-D \(n, d\), got shape \(3,\)$", V.as_float_array, [1, 2, 3], "X", ndim=2,
           layout="(n, d)")
    raises(TypeError, "^target must be an integer array, got dtype float64", V.as_index_array, [1.0], "target")
    raises(ValueError, r"^target must contain probabilities in \[0, 1\], found 1.5",
           V.check_probability_array, np.array([0.5, 1.5]), "target")
    raises(ValueError, r"^target must have the shape of input \(2,\), got \(3,\)", V.check_same_shape,
           np.zeros(2), np.zeros(3), "input", "target")
    frozen = np.zeros(2)
    frozen.flags.writeable = False
    raises(ValueError, r"^array is read-only", V.check_writeable_float_array, frozen, "array")
    raises(TypeError, r"^array must be a float numpy array", V.check_writeable_float_array, [0.0], "array")


def test_grad_output_policy():
    """Real, finite, exactly the shape of the forward output (torch requires the shape)."""
    np.testing.assert_array_equal(V.check_grad_output([1.0, 2.0], (2,)), [1.0, 2.0])
    raises(ValueError, "^grad_output contains NaN$", V.check_grad_output, [1.0, np.nan], (2,))
    raises(ValueError, "^grad_output must be finite, but contains inf$", V.check_grad_output, [1.0, np.inf], (2,))
    raises(ValueError, r"^grad_output must have the shape of input \(2,\), got \(1, 2\)$", V.check_grad_output,
           [[1.0, 2.0]], (2,), of="input")
    raises(ValueError, r"^grad_output must have shape \(\) for reduction='mean', got \(2,\)$",
           V.check_grad_output, [1.0, 2.0], (), note=" for reduction='mean'")
    raises(TypeError, "^grad_output must be a real numeric array", V.check_grad_output, "1", ())


def test_labels_and_sample_weight():
    np.testing.assert_array_equal(V.as_label_array(np.array([["a"], ["b"]], dtype=object), "y_true"), ["a", "b"])
    raises(TypeError, "^y_true must hold numbers or strings", V.as_label_array, [object()], "y_true")
    raises(TypeError, "^y_true must hold class labels", V.as_label_array, [1j], "y_true")
    raises(ValueError, "^y_true must not be empty", V.as_label_array, [], "y_true")
    raises(ValueError, "^y_true contains non-integer values", V.as_label_array, [0.5], "y_true")
    raises(TypeError, "^pos_label must be a class label", V.check_label, [1], "pos_label")
    raises(TypeError, "^pos_label must be a class label", V.check_label, None, "pos_label", allow_none=False)
    raises(ValueError, "^sample_weight has 2 entries but there are 3 samples", V.check_sample_weight,
           [1.0, 1.0], 3)
    raises(ValueError, "^sample_weight must have a positive sum", V.check_sample_weight, [0.0, 0.0], 2)


def test_dim_generator_and_callable():
    assert V.check_dim(-1, 3) == 2 and V.check_dim(0, 0) == 0
    raises(ValueError, r"^dim=3 is out of range for an input with 3 dimension\(s\)", V.check_dim, 3, 3)
    raises(TypeError, "^dim must be an int", V.check_dim, 1.0, 3)
    assert isinstance(V.as_generator(0), np.random.Generator)
    raises(ValueError, "^rng must be a non-negative int seed, got -1", V.as_generator, -1)
    raises(TypeError, "^rng must be None, an int seed or a numpy.random.Generator", V.as_generator, 1.5)
    raises(TypeError, "^func must be callable, got str", V.check_callable, "f", "func")
