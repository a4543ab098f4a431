"""Input checks shared by every module of dlnotes.

One rule for bad input: a value of the wrong *type* raises ``TypeError``, a value of
the right type that the function cannot accept raises ``ValueError``, and the message
starts with the argument's name and says what was expected, e.g.
``"kernel_size must be an int >= 1, got 0"``.  A bool is not accepted where an int or a
real number is expected (``True`` is an int in Python, but never a size or a rate).

The public functions of the package validate their arguments with these helpers and
then call private implementations that do not validate again, so a public function
that builds on another one checks its input once.

``grad_output`` policy (:func:`check_grad_output`): the upstream gradient of every
``*_backward`` function must be a real float array of exactly the shape of the
forward output (as ``torch.autograd.grad`` requires of ``grad_outputs``), and it must
be finite.  torch's autograd accepts NaN and infinities and propagates them; here
they are rejected, because a vector-Jacobian product is linear in ``grad_output`` and
an infinite entry meets the zero entries of the Jacobian (pooling windows that were
not chosen, ignored targets, the mean of a softmax) as ``0 * inf = NaN``: the result
would be NaN in places the upstream gradient never reached.  An infinite upstream
gradient is an overflow further up the network; it is reported where it enters.
"""

import math
import numbers

import numpy as np

# ----------------------------------------------------------------------------- scalars


def _interval(low, high, low_open, high_open):
    """Words for an interval: 'non-negative', 'positive', 'at most 1', 'in [0, 1)' ..."""
    if low is not None and high is not None:
        return f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    if low is not None:
        if low == 0:
            return "positive" if low_open else "non-negative"
        return f"{'>' if low_open else '>='} {low:g}"
    if high is not None:
        return f"{'less than' if high_open else 'at most'} {high:g}"
    return ""


def _outside(value, low, high, low_open, high_open):
    if low is not None and (value < low or (low_open and value == low)):
        return True
    return high is not None and (value > high or (high_open and value == high))


def check_int(value, name, minimum=None, maximum=None):
    """Return ``value`` as an int after checking it is an integer (not a bool) in range.

    Parameters
    ----------
    value : object
        The value to check (Python or NumPy integers).
    name : str
        The argument name used in error messages.
    minimum, maximum : int, optional
        Inclusive bounds.

    Raises
    ------
    TypeError
        If ``value`` is not an integer, or is a bool.
    ValueError
        If ``value`` is outside ``[minimum, maximum]``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    value = int(value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if minimum is not None and maximum is not None:
            what = f"an int in [{minimum}, {maximum}]"
        elif minimum is not None:
            what = f"an int >= {minimum}"
        else:
            what = f"an int <= {maximum}"
        raise ValueError(f"{name} must be {what}, got {value}")
    return value


def check_int_tuple(value, n, name, minimum=None):
    """An int, or a tuple/list of ``n`` ints, as a tuple of ``n`` ints (torch's ``_ntuple``).

    Raises
    ------
    TypeError
        If ``value`` (or an entry) is not an int, or is a bool.
    ValueError
        If a tuple has the wrong length, or an entry is below ``minimum``.
    """
    bound = "" if minimum is None else f" >= {minimum}"
    if isinstance(value, (tuple, list)):
        for i, v in enumerate(value):  # types first: (1, "a") is a TypeError whatever n is
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Integral):
                raise TypeError(
                    f"{name} must be an int or a tuple of {n} ints, got {type(v).__name__} "
                    f"at position {i}"
                )
        if len(value) != n or (minimum is not None and min(value) < minimum):
            raise ValueError(
                f"{name} must be an int{bound} or a tuple of {n} such ints, got {tuple(value)!r}"
            )
        return tuple(int(v) for v in value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int or a tuple of {n} ints, got {type(value).__name__}")
    return (check_int(value, name, minimum),) * n


def check_real(value, name, *, low=None, high=None, low_open=False, high_open=False,
               allow_inf=False, allow_nan=False, allow_none=False, note=""):
    """Return ``value`` as a float after checking it is a real number in an interval.

    Parameters
    ----------
    value : object
        The value to check (Python or NumPy reals; not bool, not complex).
    name : str
        The argument name used in error messages.
    low, high : float, optional
        Bounds of the accepted interval.
    low_open, high_open : bool, default False
        Whether the bound itself is excluded.
    allow_inf : bool, default False
        Whether ``+inf``/``-inf`` are accepted (still subject to the bounds).
    allow_nan : bool, default False
        Whether NaN is accepted (the bounds are then not checked for it).
    allow_none : bool, default False
        Whether ``None`` is accepted (and returned as is).
    note : str
        Added to the message of an out-of-interval value.

    Raises
    ------
    TypeError
        If ``value`` is not a real number, or is a bool.
    ValueError
        If ``value`` is NaN, infinite (unless allowed) or outside the interval.
    """
    if value is None and allow_none:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        what = "a real number or None" if allow_none else "a real number"
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    value = float(value)
    if math.isnan(value):
        if allow_nan:
            return value
        raise ValueError(f"{name} must be a number, not NaN")
    if math.isinf(value) and not allow_inf:
        raise ValueError(f"{name} must be finite, got {value}")
    if _outside(value, low, high, low_open, high_open):
        raise ValueError(
            f"{name} must be {_interval(low, high, low_open, high_open)}, got {value!r}{note}"
        )
    return value


def check_bool(value, name):
    """Return ``value`` as a bool after checking it is ``True`` or ``False``.

    Raises
    ------
    TypeError
        If ``value`` is not a bool (ints such as 0 and 1 are refused too).
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def _kind(value):
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, str):
        return "str"
    if isinstance(value, numbers.Real):
        return "number"
    return type(value).__name__


def check_option(value, name, options, note=""):
    """Return ``value`` after checking it is one of ``options``.

    A value of a kind that no option has (a number where the options are strings,
    ``None`` where it is not an option) raises ``TypeError``; a value of the right kind
    that is not an option raises ``ValueError``.  NaN matches a NaN option.

    Raises
    ------
    TypeError, ValueError
        As above; the message lists the options.
    """
    if (value is None or type(value) is str) and value in options:  # the usual case, fast
        return value
    listed = ", ".join("np.nan" if isinstance(o, float) and math.isnan(o) else repr(o)
                       for o in options)
    kind = _kind(value)
    for option in options:
        if _kind(option) != kind:
            continue
        if option == value or (kind == "number" and math.isnan(option) and math.isnan(value)):
            return value
    message = f"{name} must be one of {listed}{note}, got {value!r}"
    if kind not in {_kind(o) for o in options}:
        raise TypeError(message)
    raise ValueError(message)


def check_callable(value, name):
    """Return ``value`` after checking it can be called."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value


def check_dim(dim, ndim, name="dim"):
    """Normalise a torch-style ``dim`` (negative counts from the end) for ``ndim`` axes.

    Raises
    ------
    TypeError
        If ``dim`` is not an int.
    ValueError
        If ``dim`` is outside ``[-ndim, ndim - 1]`` (``{-1, 0}`` for a 0-d array).
    """
    if isinstance(dim, (bool, np.bool_)) or not isinstance(dim, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(dim).__name__}")
    size = max(ndim, 1)  # torch accepts dim in {-1, 0} for a 0-d tensor
    if not -size <= dim < size:
        raise ValueError(
            f"{name}={dim} is out of range for an input with {ndim} dimension(s); "
            f"expected an int in [{-size}, {size - 1}]"
        )
    return int(dim) % size


def as_generator(rng, name="rng"):
    """A numpy Generator from ``None``, an int seed, a SeedSequence or a Generator.

    Raises
    ------
    TypeError
        For any other type.
    ValueError
        For a negative seed.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, (bool, np.bool_)):
        if rng < 0:
            raise ValueError(f"{name} must be a non-negative int seed, got {rng}")
        return np.random.default_rng(rng)
    if rng is None or isinstance(rng, np.random.SeedSequence):
        return np.random.default_rng(rng)
    raise TypeError(
        f"{name} must be None, an int seed or a numpy.random.Generator, got {type(rng).__name__}"
    )


# ------------------------------------------------------------------------------ arrays


def _ndims(ndim):
    if isinstance(ndim, int):
        return (ndim,)
    return tuple(ndim)


def as_float_array(x, name="input", *, allow_inf=True, allow_empty=True, ndim=None, layout=""):
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
    ndim : int or tuple of int, optional
        The accepted numbers of dimensions.
    layout : str
        Words for the expected layout in the ndim message, e.g. ``"(N, C, H, W)"``.

    Raises
    ------
    TypeError
        If ``x`` is not a real numeric array (strings, objects, complex or bool).
    ValueError
        If ``x`` contains NaN, contains infinities while ``allow_inf`` is false, is
        empty while ``allow_empty`` is false, or has a number of dimensions not in
        ``ndim``.
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
    if ndim is not None and arr.ndim not in _ndims(ndim):
        dims = " or ".join(f"{d}-D" for d in _ndims(ndim))
        raise ValueError(
            f"{name} must be {dims}{' ' + layout if layout else ''}, got shape {arr.shape}"
        )
    return arr


def as_index_array(x, name, what="an integer array"):
    """Return ``x`` as an int64 ndarray (class indices, lengths, positions).

    Raises
    ------
    TypeError
        If ``x`` does not hold integers (floats, bools, strings and objects are refused).
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged nested lists and the like
        raise TypeError(f"{name} must be {what}, got {type(x).__name__}") from exc
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"{name} must be {what}, got dtype {arr.dtype}")
    return arr.astype(np.int64, copy=False)


def check_probability_array(p, name):
    """Check that every entry of the float array ``p`` lies in [0, 1].

    Raises
    ------
    ValueError
        Naming the first entry outside [0, 1].
    """
    if p.size and (p.min() < 0.0 or p.max() > 1.0):
        bad = p[(p < 0.0) | (p > 1.0)].flat[0]
        raise ValueError(f"{name} must contain probabilities in [0, 1], found {bad}")
    return p


def check_same_shape(a, b, name_a, name_b):
    """Raise a ``ValueError`` naming ``name_b`` unless ``b`` has the shape of ``a``."""
    if a.shape != b.shape:
        raise ValueError(f"{name_b} must have the shape of {name_a} {a.shape}, got {b.shape}")


def check_writeable_float_array(value, name, why="it is updated in place"):
    """Return ``value`` after checking it is a writeable float ndarray (for in-place updates).

    Raises
    ------
    TypeError
        If ``value`` is not a numpy array of a float dtype.
    ValueError
        If it is read-only.
    """
    if not isinstance(value, np.ndarray) or not np.issubdtype(value.dtype, np.floating):
        raise TypeError(
            f"{name} must be a float numpy array ({why}), got {type(value).__name__}"
            + (f" of dtype {value.dtype}" if isinstance(value, np.ndarray) else "")
        )
    if not value.flags.writeable:
        raise ValueError(f"{name} is read-only; it must be writeable ({why})")
    return value


def check_grad_output(grad_output, shape, *, of=None, note="", name="grad_output"):
    """The upstream gradient of a ``*_backward`` function, checked by the module's policy.

    ``grad_output`` must be a real float array (a scalar for a reduced loss) of exactly
    ``shape``, without NaN or infinities (see the module docstring for why).

    Parameters
    ----------
    grad_output : array_like
        The upstream gradient.
    shape : tuple of int
        The shape of the forward output.
    of : str, optional
        What the shape is that of (``"input"``, ``"the pooled output"``), for the message.
    note : str
        Added after the expected shape in the message (e.g. ``" for reduction='mean'"``).

    Raises
    ------
    TypeError
        If ``grad_output`` is not a real numeric array.
    ValueError
        If it contains NaN or inf, or its shape is not ``shape``.
    """
    g = as_float_array(grad_output, name, allow_inf=False)
    shape = tuple(shape)
    if g.shape != shape:
        where = f"the shape of {of} {shape}" if of else f"shape {shape}"
        raise ValueError(f"{name} must have {where}{note}, got {g.shape}")
    return g


# ---------------------------------------------------------------------- metric inputs


def column_or_1d(arr, name):
    """Accept shape (n,) or (n, 1), as scikit-learn's ``column_or_1d`` does."""
    if arr.ndim == 2 and arr.shape[1] == 1:
        return arr.ravel()
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of shape (n_samples,), got shape {arr.shape}")
    return arr


def _label_dtype_array(y, name):
    """``y`` as an array whose dtype can hold class labels (ints, bools, floats, strings)."""
    try:
        arr = np.asarray(y)
    except Exception as exc:  # ragged nested lists and the like
        raise TypeError(f"{name} must be an array of class labels, got {type(y).__name__}") from exc
    if arr.dtype == object:
        if arr.size and all(isinstance(v, str) for v in arr.ravel().tolist()):
            arr = arr.astype(str)
        elif arr.size:
            raise TypeError(f"{name} must hold numbers or strings, got Python objects")
        else:
            arr = arr.astype(np.float64)
    if arr.dtype.kind not in "biufUS":
        raise TypeError(f"{name} must hold class labels (int, bool, float or str), got dtype {arr.dtype}")
    return arr


def check_label_array_type(y, name):
    """Check only the type of an array of labels (for an argument that a mode ignores).

    Raises
    ------
    TypeError
        If ``y`` cannot hold class labels (Python objects, complex numbers ...).
    """
    if y is not None:
        _label_dtype_array(y, name)
    return y


def check_label(value, name, allow_none=True):
    """Check that ``value`` can be a class label: an int, float, bool or str (or None).

    Raises
    ------
    TypeError
        For anything else.
    """
    if (value is None and allow_none) or isinstance(value, (str, numbers.Real, np.bool_)):
        return value
    raise TypeError(
        f"{name} must be a class label (int, float, bool or str), got {type(value).__name__}"
    )


def as_label_array(y, name):
    """Return class labels as a non-empty 1-D array of ints, bools, integral floats or strings.

    Raises
    ------
    TypeError
        For Python objects, complex numbers and other dtypes.
    ValueError
        For an empty array, a wrong shape, NaN, inf or non-integral floats.
    """
    arr = column_or_1d(_label_dtype_array(y, name), name)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty (found an array with 0 samples)")
    kind = arr.dtype.kind
    if kind == "f":
        if np.isnan(arr).any():
            raise ValueError(f"{name} contains NaN")
        if np.isinf(arr).any():
            raise ValueError(f"{name} contains inf")
        if np.any(arr != np.floor(arr)):
            raise ValueError(
                f"{name} contains non-integer values: classification metrics need class "
                "labels, not continuous scores (threshold the scores first)"
            )
    return arr


def check_sample_weight(sample_weight, n_samples, name="sample_weight"):
    """None, or a finite non-negative float64 1-D array of length ``n_samples`` with positive sum.

    Raises
    ------
    TypeError
        If the weights are not real numbers.
    ValueError
        For a wrong shape, NaN, inf, a negative weight or a zero sum.
    """
    if sample_weight is None:
        return None
    w = as_float_array(sample_weight, name, allow_inf=False)
    if w.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {w.shape}")
    if w.shape[0] != n_samples:
        raise ValueError(f"{name} has {w.shape[0]} entries but there are {n_samples} samples")
    if np.any(w < 0):
        raise ValueError(f"{name} must be non-negative")
    if not w.sum() > 0:
        raise ValueError(f"{name} must have a positive sum")
    return w
