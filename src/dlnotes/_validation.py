"""Input checks shared by the numpy modules.

Every public function validates its arguments here, so that bad input fails with a
message naming the argument and what was expected instead of a numpy traceback.
"""

import numbers

import numpy as np


def as_float_array(x, name="input", *, allow_inf=True, allow_empty=True):
    """Return ``x`` as a float64 ndarray after checking it is real, numeric and not NaN.

    Parameters
    ----------
    x : array_like
        The value to convert.
    name : str
        The argument name used in error messages.
    allow_inf : bool
        Whether ``+inf``/``-inf`` entries are accepted.
    allow_empty : bool
        Whether an array with zero elements is accepted.

    Raises
    ------
    TypeError
        If ``x`` is not a real numeric array (strings, objects, complex or bool).
    ValueError
        If ``x`` contains NaN, contains infinities while ``allow_inf`` is false, or is
        empty while ``allow_empty`` is false.
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged nested lists and the like
        raise TypeError(f"{name} must be a real numeric array, got {type(x).__name__}") from exc
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(
            f"{name} must be a real numeric array (int or float), got dtype {arr.dtype}"
        )
    arr = arr.astype(np.float64, copy=False)
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if not allow_inf and np.isinf(arr).any():
        raise ValueError(f"{name} must be finite, but contains inf")
    return arr


def check_dim(dim, ndim, name="dim"):
    """Normalise a torch-style ``dim`` (negative counts from the end) for ``ndim`` axes."""
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(dim).__name__}")
    size = max(ndim, 1)  # torch accepts dim in {-1, 0} for a 0-d tensor
    if not -size <= dim < size:
        raise ValueError(
            f"{name}={dim} is out of range for an input with {ndim} dimension(s); "
            f"expected an int in [{-size}, {size - 1}]"
        )
    return dim % size


def check_real_scalar(value, name):
    """Return ``value`` as a float after checking it is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def check_int(value, name, minimum=None):
    """Return ``value`` as an int after checking it is an integer (not a bool) >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value}")
    return int(value)


def check_bool(value, name):
    """Return ``value`` as a bool after checking it is ``True`` or ``False``."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def as_generator(rng, name="rng"):
    """A numpy Generator from ``None``, an int seed, a SeedSequence or a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, np.random.SeedSequence) or (
        isinstance(rng, numbers.Integral) and not isinstance(rng, bool)
    ):
        return np.random.default_rng(rng)
    raise TypeError(
        f"{name} must be None, an int seed or a numpy.random.Generator, got {type(rng).__name__}"
    )
