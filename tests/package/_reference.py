"""Shared reference helpers of the package tests (``tests/package/``).

Conversions between NumPy and torch, the autograd reference for gradients, the
comparison of a result with its reference, checks of the errors raised, and the
published numbers the architecture tests compare with.  The test files import them
from here (``from _reference import t, n, vjp, ...``); none redefines them.
"""

import contextlib
import re
import warnings

import numpy as np
import pytest
import torch

# ----------------------------------------------------------------------- torch <-> numpy


def t(x):
    """float64 torch tensor holding a copy of ``x``."""
    return torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)


def tt(x):
    """torch copy of a numpy value: integers stay int64 (class indices), the rest float64."""
    a = np.asarray(x)
    if np.issubdtype(a.dtype, np.integer):
        return torch.tensor(a, dtype=torch.int64)
    return torch.tensor(a.astype(np.float64), dtype=torch.float64)


def to_torch(value):
    """``tt(value)`` for NumPy arrays and scalars; anything else (str, None, float) as is."""
    return tt(value) if isinstance(value, (np.ndarray, np.generic)) else value


def n(x):
    """numpy copy of a torch tensor."""
    return x.detach().numpy().copy()


def vjp(f, x, g=None):
    """Autograd gradient of ``sum(f(x) * g)`` with respect to ``x`` (``g`` defaults to ones).

    A scalar loss is used instead of ``grad_outputs``: same result, but torch then
    skips a lazy sympy import that alone costs ~0.4 s.
    """
    xt = t(x).requires_grad_()
    y = f(xt)
    loss = y.sum() if g is None else (y * t(g)).sum()
    (grad,) = torch.autograd.grad(loss, xt)
    return n(grad)


def on_meta(factory, *args, **kwargs):
    """Build a torch module on the meta device: shapes only, no memory, no arithmetic."""
    with torch.device("meta"):
        return factory(*args, **kwargs)


# ------------------------------------------------------------------------- comparison


def closeness(default_tol, *, ndarray=False):
    """A ``close(actual, expected, tol=default_tol)`` for one test file's tolerance.

    ``close`` asserts a float64 result of the shape of ``expected`` (a NumPy array if
    ``ndarray``), equal to it within ``tol`` (``assert_allclose`` keywords; NaN matches
    NaN).
    """

    def close(actual, expected, tol=default_tol):
        expected = np.asarray(expected)
        if ndarray:
            assert isinstance(actual, np.ndarray), type(actual)
        assert np.asarray(actual).dtype == np.float64, np.asarray(actual).dtype
        assert np.shape(actual) == expected.shape, (np.shape(actual), expected.shape)
        np.testing.assert_allclose(actual, expected, **tol)

    return close


# ----------------------------------------------------------------------------- errors


def raises(exc, pattern, call, *args, **kwargs):
    """``call(*args, **kwargs)`` raises ``exc`` with a message matching ``pattern``."""
    with pytest.raises(exc, match=pattern):
        call(*args, **kwargs)


def check_raises(call, exc, pattern, label):
    """``call()`` raises ``exc`` whose message matches ``pattern`` (``label`` names the case)."""
    try:
        call()
    except exc as err:
        message = str(err)
    else:
        pytest.fail(f"{label}: did not raise {exc.__name__}")
    assert re.search(pattern, message), f"{label}: {message!r} does not match {pattern!r}"


def torch_raises(f):
    """Whether torch refuses the call (RuntimeError / ValueError)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            f()
    except (RuntimeError, ValueError):
        return True
    return False


@contextlib.contextmanager
def no_warnings():
    """Turn every warning and every numpy overflow/invalid/divide into an exception.

    Underflow is left alone: exp(-1000) == 0 is the intended, harmless result.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield


# ------------------------------------------------------------------ published numbers

#: torchvision's published parameter counts and GFLOPS (multiply-adds, 224 x 224) of its
#: ImageNet weights, and the depths the models are named after.
PUBLISHED = {
    "alexnet": (61_100_840, 0.71, 8),
    "vgg16": (138_357_544, 15.47, 16),
    "googlenet": (6_624_904, 1.50, 22),
    "resnet18": (11_689_512, 1.81, 18),
    "resnet50": (25_557_032, 4.09, 50),
    "densenet121": (7_978_856, 2.83, 121),
}
