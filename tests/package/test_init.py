"""Gold-reference tests for :mod:`dlnotes.init`.

``calculate_gain`` and the fans are compared with ``torch.nn.init`` exactly.  The
random initialisers cannot be compared value by value (different generators), so
their samples are checked against the distribution torch's formula prescribes:

* bounds: uniform samples lie in [-b, b] and the largest |x| is above b (1 - 20/n)
  (for n samples the chance of falling short is (1 - 20/n)^n < e^-20);
* standard deviation: the sample std is within 5 standard errors of the target, with
  SE = sigma / sqrt(2n) for a normal and sigma * sqrt(0.2/n) for a uniform
  (from Var(s^2) = (mu_4 - sigma^4) / n, mu_4 = 3 sigma^4 and 9/5 sigma^4);
* mean: within 5 sigma / sqrt(n) of 0.

The same checks are applied to torch's own samples, which confirms the target formula.
"""

import math

import numpy as np
import pytest
import torch

from dlnotes import init as I

NONLINEARITIES = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                  "conv_transpose2d", "conv_transpose3d", "sigmoid", "tanh", "relu",
                  "leaky_relu", "selu"]

# dense, conv1d, conv2d, conv3d, transposed-conv and non-square kernels
SHAPES = [(256, 128), (64, 32, 5), (64, 32, 3, 3), (16, 8, 3, 3, 3), (32, 96, 1, 7), (500, 40)]


@pytest.mark.parametrize("nonlinearity", NONLINEARITIES)
def test_calculate_gain_matches_torch(nonlinearity):
    assert I.calculate_gain(nonlinearity) == pytest.approx(
        torch.nn.init.calculate_gain(nonlinearity), rel=1e-15)


@pytest.mark.parametrize("slope", [0, 0.01, 0.2, 1, 3.5, -0.3])
def test_calculate_gain_leaky_relu_param(slope):
    ours = I.calculate_gain("leaky_relu", slope)
    assert ours == pytest.approx(torch.nn.init.calculate_gain("leaky_relu", slope), rel=1e-15)
    assert ours == pytest.approx(math.sqrt(2 / (1 + slope**2)), rel=1e-15)


def test_known_gains():
    assert I.calculate_gain("relu") == pytest.approx(math.sqrt(2))
    assert I.calculate_gain("tanh") == pytest.approx(5 / 3)
    assert I.calculate_gain("relu", 0.7) == I.calculate_gain("relu")  # param ignored


@pytest.mark.parametrize("shape", SHAPES + [(3, 4, 1), (1, 1), (7, 0, 3)])
def test_fans_match_torch(shape):
    ours = I.calculate_fan_in_and_fan_out(np.empty(shape))
    theirs = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
    assert ours == theirs
    assert all(isinstance(f, int) for f in ours)


def test_conv_fans_by_hand():
    # c_out = 64, c_in = 32, 3x3 kernel: fan_in = 32*9, fan_out = 64*9
    assert I.calculate_fan_in_and_fan_out(np.empty((64, 32, 3, 3))) == (288, 576)


def _target(name, shape, **kw):
    """Standard deviation and uniform bound prescribed by torch's formulas."""
    fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
    if name.startswith("xavier"):
        std = kw.get("gain", 1.0) * math.sqrt(2.0 / (fan_in + fan_out))
    else:
        fan = fan_in if kw.get("mode", "fan_in") == "fan_in" else fan_out
        gain = torch.nn.init.calculate_gain(kw.get("nonlinearity", "leaky_relu"), kw.get("a", 0))
        std = gain / math.sqrt(fan)
    return std, math.sqrt(3.0) * std


CASES = [
    ("xavier_uniform_", {}),
    ("xavier_uniform_", {"gain": 5 / 3}),
    ("xavier_normal_", {}),
    ("xavier_normal_", {"gain": math.sqrt(2)}),
    ("kaiming_uniform_", {}),
    ("kaiming_uniform_", {"a": 0.2, "mode": "fan_out"}),
    ("kaiming_normal_", {}),
    ("kaiming_normal_", {"mode": "fan_out", "nonlinearity": "relu"}),
    ("kaiming_normal_", {"nonlinearity": "tanh"}),
]


def _check_sample(x, name, std, bound):
    n = x.size
    uniform = name.endswith("uniform_")
    se_std = std * (math.sqrt(0.2 / n) if uniform else math.sqrt(1 / (2 * n)))
    assert abs(x.std() - std) <= 5 * se_std, (x.std(), std, se_std)
    assert abs(x.mean()) <= 5 * std / math.sqrt(n)
    if uniform:
        assert np.abs(x).max() <= bound
        assert np.abs(x).max() >= bound * (1 - 20 / n)
    else:
        # a normal sample of this size reaches beyond 3 sigma but not beyond 7 sigma
        assert 3 * std < np.abs(x).max() < 7 * std


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("name", "kw"), CASES)
def test_samples_follow_torch_distribution(name, kw, shape):
    std, bound = _target(name, shape, **kw)
    x = np.zeros(shape)
    out = getattr(I, name)(x, rng=np.random.default_rng(0), **kw)
    assert out is x  # in place, returns its argument
    _check_sample(x, name, std, bound)
    # torch's own sample passes the same test: the target formula is torch's
    t = torch.empty(shape, dtype=torch.float64)
    getattr(torch.nn.init, name)(t, generator=torch.Generator().manual_seed(0), **kw)
    _check_sample(t.numpy(), name, std, bound)


def test_he_variance_is_two_over_fan_in():
    x = I.kaiming_normal_(np.empty((400, 300)), nonlinearity="relu", rng=1)
    assert x.var() == pytest.approx(2 / 300, rel=5 * math.sqrt(2 / x.size))


def test_rng_reproducible_and_float32_kept():
    a = I.xavier_uniform_(np.empty((20, 30)), rng=np.random.default_rng(5))
    b = I.xavier_uniform_(np.empty((20, 30)), rng=5)
    np.testing.assert_array_equal(a, b)
    c = I.kaiming_uniform_(np.empty((20, 30), dtype=np.float32), rng=5)
    assert c.dtype == np.float32


def test_zero_element_array_is_a_no_op():
    x = np.empty((0, 5))
    assert I.kaiming_normal_(x) is x
    assert I.xavier_uniform_(x) is x


# --- bad inputs --------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(), (5,)])
@pytest.mark.parametrize("name", ["xavier_uniform_", "xavier_normal_", "kaiming_uniform_",
                                  "kaiming_normal_", "calculate_fan_in_and_fan_out"])
def test_shapes_without_fans_raise(name, shape):
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        getattr(I, name)(np.zeros(shape))


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: I.calculate_gain("softmax"), ValueError, "nonlinearity"),
        (lambda: I.calculate_gain(None), TypeError, "nonlinearity"),
        # wrong types are TypeErrors (torch raises ValueError here; the package has one rule)
        (lambda: I.calculate_gain("leaky_relu", "0.2"), TypeError, "param"),
        (lambda: I.calculate_gain("leaky_relu", True), TypeError, "param"),
        (lambda: I.calculate_gain("leaky_relu", float("nan")), ValueError, "param"),
        (lambda: I.kaiming_normal_(np.zeros((3, 3)), mode="fan_avg"), ValueError, "mode"),
        (lambda: I.kaiming_uniform_(np.zeros((3, 3)), nonlinearity="gelu"), ValueError,
         "nonlinearity"),
        (lambda: I.xavier_normal_(np.zeros((3, 3), dtype=int)), TypeError, "array"),
        (lambda: I.xavier_normal_([[0.0, 0.0]]), TypeError, "array"),
        (lambda: I.xavier_uniform_(np.zeros((3, 3)), gain=-1.0), ValueError, "gain"),
        (lambda: I.xavier_uniform_(np.zeros((3, 3)), rng="seed"), TypeError, "rng"),
    ],
)
def test_bad_arguments_raise(call, error, name):
    with pytest.raises(error, match=name):
        call()
