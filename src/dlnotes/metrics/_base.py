"""Input checks shared by the metrics (labels, scores, weights, positive label)."""

import numpy as np

from .._validation import as_float_array


class UndefinedMetricWarning(UserWarning):
    """Warning issued when a metric is ill-defined and replaced by ``zero_division``.

    Same role as ``sklearn.exceptions.UndefinedMetricWarning``: for example precision
    when nothing was predicted positive, with ``zero_division="warn"``.

    See Also
    --------
    precision_recall_fscore_support : Warns when a score is 0/0.
    top_k_accuracy_score : Warns when ``k`` covers every class.

    Examples
    --------
    Nothing is predicted positive, so the precision is 0/0:

    >>> import warnings
    >>> from dlnotes.metrics import UndefinedMetricWarning, precision_score
    >>> with warnings.catch_warnings(record=True, action="always") as caught:
    ...     precision_score([0, 1], [0, 0])
    0.0
    >>> caught[0].category is UndefinedMetricWarning
    True
    """


# --------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------


def _column_or_1d(arr, name):
    """Accept shape (n,) or (n, 1), as scikit-learn's ``column_or_1d`` does."""
    if arr.ndim == 2 and arr.shape[1] == 1:
        return arr.ravel()
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of shape (n_samples,), got shape {arr.shape}")
    return arr


def _as_labels(y, name):
    """Return class labels as a non-empty 1-D array of ints, bools, floats or strings."""
    arr = np.asarray(y)
    if arr.dtype == object:
        if arr.size and all(isinstance(v, str) for v in arr.ravel().tolist()):
            arr = arr.astype(str)
        elif arr.size:
            raise TypeError(f"{name} must hold numbers or strings, got Python objects")
        else:
            arr = arr.astype(np.float64)
    arr = _column_or_1d(arr, name)
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
    elif kind not in "biuUS":
        raise TypeError(f"{name} must hold class labels (int, bool, float or str), got dtype {arr.dtype}")
    return arr


def _is_str(arr):
    return arr.dtype.kind in "US"


def _check_label_types(*named):
    """Refuse a mix of string and numeric labels, as scikit-learn does."""
    kinds = {_is_str(a) for _, a in named}
    if len(kinds) > 1:
        names = " and ".join(n for n, _ in named)
        raise ValueError(f"Mix of label input types (string and number) in {names}")


def _check_lengths(*named):
    sizes = [(n, len(a)) for n, a in named if a is not None]
    if len({s for _, s in sizes}) > 1:
        detail = ", ".join(f"{n} has {s}" for n, s in sizes)
        raise ValueError(f"Found input variables with inconsistent numbers of samples: {detail}")


def _as_scores(y_score, name="y_score"):
    """Finite float64 1-D scores (scikit-learn rejects NaN and inf in scores)."""
    arr = as_float_array(y_score, name, allow_inf=False, allow_empty=False)
    return _column_or_1d(arr, name)


def _check_sample_weight(sample_weight, n_samples):
    """None, or a non-negative float64 1-D array of length ``n_samples`` with positive sum."""
    if sample_weight is None:
        return None
    w = as_float_array(sample_weight, "sample_weight", allow_inf=False)
    if w.ndim != 1:
        raise ValueError(f"sample_weight must be 1-D, got shape {w.shape}")
    if w.shape[0] != n_samples:
        raise ValueError(
            f"sample_weight has {w.shape[0]} entries but there are {n_samples} samples"
        )
    if np.any(w < 0):
        raise ValueError("sample_weight must be non-negative")
    if not w.sum() > 0:
        raise ValueError("sample_weight must have a positive sum")
    return w


def _contains(values, label):
    """Whether ``label`` is one of ``values`` (False for a string/number mismatch)."""
    if isinstance(label, str) != _is_str(values):
        return False
    return bool(np.any(values == label))


def _equal(y, label):
    """Boolean mask ``y == label`` (all False for a string/number mismatch)."""
    if isinstance(label, str) != _is_str(y):
        return np.zeros(y.shape, dtype=bool)
    return np.asarray(y == label)


def _label_index(y, labels):
    """Position of each entry of ``y`` in ``labels`` (any order), or -1 if absent."""
    sorter = np.argsort(labels, kind="stable")
    sorted_labels = labels[sorter]
    pos = np.minimum(np.searchsorted(sorted_labels, y), labels.size - 1)
    return np.where(sorted_labels[pos] == y, sorter[pos], -1)


def _check_targets(y_true, y_pred):
    y_true = _as_labels(y_true, "y_true")
    y_pred = _as_labels(y_pred, "y_pred")
    _check_lengths(("y_true", y_true), ("y_pred", y_pred))
    _check_label_types(("y_true", y_true), ("y_pred", y_pred))
    return y_true, y_pred


def _check_user_labels(labels, y):
    labels = _as_labels(labels, "labels")
    _check_label_types(("labels", labels), ("y_true", y))
    if np.unique(labels).size != labels.size:
        raise ValueError("labels must not contain duplicates")
    return labels


def _fast_binary_classes(y):
    """Sorted distinct values of ``y`` if there are at most two, else None (O(n), no sort)."""
    if _is_str(y):
        classes = np.unique(y)
        return classes if classes.size <= 2 else None
    lo, hi = y.min(), y.max()
    if lo == hi:
        return np.asarray([lo])
    n_lo = np.count_nonzero(y == lo)
    n_hi = np.count_nonzero(y == hi)
    return np.asarray([lo, hi]) if n_lo + n_hi == y.size else None


def _resolve_pos_label(pos_label, y_true):
    """scikit-learn's rule: without ``pos_label``, labels must be {0, 1} or {-1, 1}."""
    if pos_label is not None:
        return pos_label
    classes = _fast_binary_classes(y_true)
    ok = (
        classes is not None
        and not _is_str(classes)
        and (set(classes.tolist()) <= {0, 1} or set(classes.tolist()) <= {-1, 1})
    )
    if not ok:
        shown = np.unique(y_true)
        shown = ", ".join(repr(v) for v in shown[:10].tolist()) + (", ..." if shown.size > 10 else "")
        raise ValueError(
            f"y_true takes values in {{{shown}}} and pos_label is not specified: either make "
            "y_true take values in {0, 1} or {-1, 1} or pass pos_label explicitly"
        )
    return 1
