"""Input checks shared by the metrics (labels, scores, weights, positive label)."""

import numpy as np

from .._validation import as_float_array, as_label_array, column_or_1d


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
    return column_or_1d(arr, name)


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
    y_true = as_label_array(y_true, "y_true")
    y_pred = as_label_array(y_pred, "y_pred")
    _check_lengths(("y_true", y_true), ("y_pred", y_pred))
    _check_label_types(("y_true", y_true), ("y_pred", y_pred))
    return y_true, y_pred


def _check_user_labels(labels, y):
    return _check_labels_against(as_label_array(labels, "labels"), y)


def _check_labels_against(labels, y):
    """Checked labels (an array from ``as_label_array``) against the labels ``y``."""
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
