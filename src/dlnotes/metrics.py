r"""Evaluation metrics for classification and regression, in NumPy.

Every function has the name, argument order, defaults and semantics of its
``sklearn.metrics`` namesake (scikit-learn 1.9), so the two can be called with the same
arguments; ``tests/test_metrics.py`` checks that they agree to 1e-12.  The scope is
binary and multiclass labels given as 1-D arrays (no multilabel indicator matrices) and
single- or multi-output regression.

The ranking metrics (:func:`roc_curve`, :func:`precision_recall_curve`,
:func:`roc_auc_score`, ...) sort the scores once, O(n log n), and never loop over
samples in Python.  Where scikit-learn returns NaN with an ``UndefinedMetricWarning``
for a degenerate input (a ROC curve or ROC-AUC with only one class present, a
precision-recall curve without positives, :math:`R^2` of a single sample), these
functions raise a ``ValueError`` that says what is missing.  Other differences are
listed in each function's Notes.  This module imports only NumPy.
"""

import numbers
import warnings

import numpy as np

from ._validation import as_float_array

__all__ = [
    "UndefinedMetricWarning",
    "confusion_matrix",
    "accuracy_score",
    "precision_score",
    "recall_score",
    "f1_score",
    "fbeta_score",
    "precision_recall_fscore_support",
    "top_k_accuracy_score",
    "confusion_matrix_at_thresholds",
    "roc_curve",
    "roc_auc_score",
    "precision_recall_curve",
    "average_precision_score",
    "mean_squared_error",
    "root_mean_squared_error",
    "mean_absolute_error",
    "r2_score",
]


class UndefinedMetricWarning(UserWarning):
    """Warning issued when a metric is ill-defined and replaced by ``zero_division``.

    Same role as ``sklearn.exceptions.UndefinedMetricWarning``: for example precision
    when nothing was predicted positive, with ``zero_division="warn"``.
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


# --------------------------------------------------------------------------------------
# Confusion matrix and the metrics derived from it
# --------------------------------------------------------------------------------------


def confusion_matrix(y_true, y_pred, *, labels=None, sample_weight=None, normalize=None):
    r"""Confusion matrix: ``C[i, j]`` counts samples of true class i predicted as class j.

    Rows are the true classes and columns the predicted classes, in the order of
    ``labels``.  For binary labels {0, 1} this gives

    .. math::

       C = \begin{pmatrix} \mathrm{TN} & \mathrm{FP} \\ \mathrm{FN} & \mathrm{TP} \end{pmatrix},

    so ``tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()``.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True class labels (ints, bools, integral floats or strings).
    y_pred : array_like of shape (n_samples,)
        Predicted class labels.
    labels : array_like, optional
        Classes to index the matrix, in this order; samples whose true or predicted
        class is not listed are left out.  Default: the sorted union of the classes in
        ``y_true`` and ``y_pred``.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    normalize : {'true', 'pred', 'all'}, optional
        Divide by the row sums (each row then holds the rates given the true class),
        the column sums, or the total.  Rows or columns that sum to 0 give 0.

    Returns
    -------
    numpy.ndarray of shape (n_classes, n_classes)
        int64 counts, or float64 when the weights are floats or ``normalize`` is set.

    Raises
    ------
    ValueError
        For empty or mismatched inputs, an empty ``labels``, or ``labels`` none of
        which occurs in ``y_true``.
    """
    y_true, y_pred = _check_targets(y_true, y_pred)
    if normalize not in (None, "true", "pred", "all"):
        raise ValueError(f"normalize must be one of None, 'true', 'pred', 'all'; got {normalize!r}")
    integral_weights = sample_weight is None or np.asarray(sample_weight).dtype.kind in "iu"
    w = _check_sample_weight(sample_weight, y_true.size)
    if labels is None:
        labels = np.unique(np.concatenate([y_true, y_pred]))
    else:
        if np.asarray(labels).size == 0:
            raise ValueError("labels should contain at least one label")
        labels = _check_user_labels(labels, y_true)
        if not np.any(_label_index(y_true, labels) >= 0):
            raise ValueError("At least one label specified in labels must be in y_true")
    k = labels.size
    ti, pi = _label_index(y_true, labels), _label_index(y_pred, labels)
    keep = (ti >= 0) & (pi >= 0)
    flat = ti[keep] * k + pi[keep]
    if w is None:
        cm = np.bincount(flat, minlength=k * k).astype(np.int64)
    else:
        cm = np.bincount(flat, weights=w[keep], minlength=k * k)
        if integral_weights:
            cm = np.rint(cm).astype(np.int64)
    cm = cm.reshape(k, k)
    if normalize is not None:
        axis = {"true": 1, "pred": 0, "all": None}[normalize]
        total = cm.sum(axis=axis, keepdims=axis is not None)
        with np.errstate(divide="ignore", invalid="ignore"):
            cm = cm / total
        cm = np.nan_to_num(cm)
    return cm


def accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None):
    r"""Share (or number) of samples whose predicted label equals the true label.

    .. math::

       \mathrm{accuracy} &= \frac{1}{n}\sum_{i=1}^{n} \mathbb 1[\hat y_i = y_i] \\
       &= \frac{\mathrm{TP}+\mathrm{TN}}{\mathrm{TP}+\mathrm{TN}+\mathrm{FP}+\mathrm{FN}}

    (the last form for binary labels).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted class labels.
    normalize : bool, default True
        Return the (weighted) share of correct predictions; if False, their (weighted)
        number.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.

    Returns
    -------
    float
        The accuracy; the top-1 error is ``1 - accuracy``.
    """
    y_true, y_pred = _check_targets(y_true, y_pred)
    w = _check_sample_weight(sample_weight, y_true.size)
    hits = (y_true == y_pred).astype(np.float64)
    if normalize:
        return float(np.average(hits, weights=w))
    return float(hits.sum() if w is None else np.dot(hits, w))


_AVERAGES = (None, "binary", "micro", "macro", "weighted")


def _check_zero_division(zero_division):
    if isinstance(zero_division, str):
        if zero_division == "warn":
            return 0.0
    elif isinstance(zero_division, numbers.Real) and not isinstance(zero_division, bool):
        if zero_division in (0, 1):
            return float(zero_division)
        if np.isnan(zero_division):
            return np.nan
    raise ValueError(f"zero_division must be 'warn', 0, 1 or np.nan; got {zero_division!r}")


def _prf_divide(numerator, denominator, metric, modifier, average, warn_for, zero_division):
    """numerator / denominator, with ``zero_division`` where the denominator is 0."""
    value = _check_zero_division(zero_division)
    mask = denominator == 0
    result = numerator / np.where(mask, 1.0, denominator)
    if not mask.any():
        return result
    result[mask] = value
    if zero_division == "warn" and metric in warn_for:
        where = "due to" if result.size == 1 else "in labels with"
        warnings.warn(
            f"{metric.capitalize()} is ill-defined and being set to 0.0 {where} no {modifier} "
            "samples. Use `zero_division` parameter to control this behavior.",
            UndefinedMetricWarning,
            stacklevel=4,
        )
    return result


def _nanaverage(a, weights=None):
    """Average ignoring NaN entries (scikit-learn's ``_nanaverage``)."""
    mask = np.isnan(a)
    if a.size == 0 or mask.all():
        return np.nan
    if weights is None:
        return float(np.mean(a[~mask]))
    a, weights = a[~mask], weights[~mask]
    if weights.sum() == 0:  # all weights zero: fall back to the plain mean
        return float(np.mean(a))
    return float(np.average(a, weights=weights))


def precision_recall_fscore_support(
    y_true,
    y_pred,
    *,
    beta=1.0,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("precision", "recall", "f-score"),
    sample_weight=None,
    zero_division="warn",
):
    r"""Precision, recall, F-beta score and support, per class or averaged.

    For one class, with counts from the confusion matrix,

    .. math::

       P &= \frac{\mathrm{TP}}{\mathrm{TP}+\mathrm{FP}}, \\
       R &= \frac{\mathrm{TP}}{\mathrm{TP}+\mathrm{FN}}, \\
       F_\beta &= \frac{(1+\beta^2)\,P R}{\beta^2 P + R}

    (:func:`fbeta_score` gives the same score in terms of the counts).

    :math:`F_1` is the harmonic mean of :math:`P` and :math:`R`; the geometric mean
    :math:`\sqrt{PR}` is a different score (Fowlkes-Mallows).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted class labels.
    beta : float, default 1.0
        Weight of recall against precision; ``np.inf`` gives recall, 0 precision.
    labels : array_like, optional
        Classes to report or average over (ignored when ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class when ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default None
        ``'binary'``: the scores of ``pos_label`` only.  ``'micro'``: pool TP, FP and
        FN over the classes first.  ``'macro'``: unweighted mean of the per-class
        scores.  ``'weighted'``: mean weighted by each class's support.  ``None``:
        per-class arrays.
    warn_for : tuple of str
        Which of "precision", "recall", "f-score" issue ``UndefinedMetricWarning``
        when ill-defined and ``zero_division="warn"``.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value for a score whose denominator is 0 (``'warn'``: 0 and a warning).
        NaN scores are left out of the averages.

    Returns
    -------
    precision, recall, fbeta : float or numpy.ndarray
        Floats when ``average`` is set, per-class arrays otherwise.
    support : numpy.ndarray or None
        Number (or weight) of true samples of each class; None when averaged.

    Raises
    ------
    ValueError
        For a bad ``average`` (``'samples'`` needs multilabel input, which is not
        supported), ``average='binary'`` with more than two classes, or a
        ``pos_label`` that is not one of the two classes present.
    """
    _check_zero_division(zero_division)
    if average not in _AVERAGES:
        raise ValueError(
            f"average must be one of {list(_AVERAGES)} (multilabel 'samples' is not "
            f"supported); got {average!r}"
        )
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not beta >= 0:
        raise ValueError(f"beta must be a non-negative real number (np.inf allowed); got {beta!r}")
    y_true, y_pred = _check_targets(y_true, y_pred)
    w = _check_sample_weight(sample_weight, y_true.size)
    present = np.unique(np.concatenate([y_true, y_pred]))
    if average == "binary":
        if present.size > 2:
            raise ValueError(
                f"Target is multiclass ({present.size} classes) but average='binary'. "
                "Please choose another average setting, one of [None, 'micro', 'macro', 'weighted']"
            )
        if not _contains(present, pos_label) and present.size >= 2:
            raise ValueError(
                f"pos_label={pos_label!r} is not a valid label. It should be one of {present.tolist()}"
            )
        labels = np.asarray([pos_label])
    else:
        if pos_label not in (None, 1):
            warnings.warn(
                f"Note that pos_label (set to {pos_label!r}) is ignored when average != 'binary' "
                f"(got {average!r}). You may use labels=[pos_label] to specify a single positive class.",
                UserWarning,
                stacklevel=3,
            )
        labels = present if labels is None else _check_user_labels(labels, y_true)

    k = labels.size
    if isinstance(labels[0].item(), str) != _is_str(y_true):
        ti = pi = np.full(y_true.size, -1)
    else:
        ti, pi = _label_index(y_true, labels), _label_index(y_pred, labels)
    ones = np.ones(y_true.size) if w is None else w
    true_sum = np.bincount(ti[ti >= 0], weights=ones[ti >= 0], minlength=k)
    pred_sum = np.bincount(pi[pi >= 0], weights=ones[pi >= 0], minlength=k)
    hit = (ti >= 0) & (ti == pi)
    tp_sum = np.bincount(ti[hit], weights=ones[hit], minlength=k)
    if average == "micro":
        tp_sum, pred_sum, true_sum = (np.array([s.sum()]) for s in (tp_sum, pred_sum, true_sum))

    precision = _prf_divide(tp_sum, pred_sum, "precision", "predicted", average, warn_for, zero_division)
    recall = _prf_divide(tp_sum, true_sum, "recall", "true", average, warn_for, zero_division)
    if np.isposinf(beta):
        f_score = recall
    elif beta == 0:
        f_score = precision
    else:
        b2 = float(beta) ** 2
        f_score = _prf_divide(
            (1 + b2) * tp_sum, b2 * true_sum + pred_sum,
            "f-score", "true nor predicted", average, warn_for, zero_division,
        )
    if average is None:
        support = true_sum.astype(np.int64) if w is None else true_sum
        return precision, recall, f_score, support
    weights = true_sum if average == "weighted" else None
    return (
        _nanaverage(precision, weights),
        _nanaverage(recall, weights),
        _nanaverage(f_score, weights),
        None,
    )


def precision_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", sample_weight=None,
    zero_division="warn",
):
    r"""Precision (positive predictive value, 查准率): :math:`\mathrm{TP}/(\mathrm{TP}+\mathrm{FP})`.

    The share of predicted positives that are truly positive.  Parameters as in
    :func:`precision_recall_fscore_support`, with ``average='binary'`` by default.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted class labels.
    labels : array_like, optional
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when nothing is predicted positive.

    Returns
    -------
    float or numpy.ndarray
        The precision; an array per class when ``average=None``.
    """
    p, _, _, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("precision",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return p


def recall_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", sample_weight=None,
    zero_division="warn",
):
    r"""Recall (sensitivity, true positive rate, 查全率): :math:`\mathrm{TP}/(\mathrm{TP}+\mathrm{FN})`.

    The share of true positives that the classifier finds.  With ``pos_label`` set to
    the negative class it gives the specificity :math:`\mathrm{TN}/(\mathrm{TN}+\mathrm{FP})`.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted class labels.
    labels : array_like, optional
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when ``y_true`` has no positive sample.

    Returns
    -------
    float or numpy.ndarray
        The recall; an array per class when ``average=None``.
    """
    _, r, _, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("recall",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return r


def fbeta_score(
    y_true, y_pred, *, beta, labels=None, pos_label=1, average="binary", sample_weight=None,
    zero_division="warn",
):
    r"""F-beta score, the weighted harmonic mean of precision and recall.

    .. math::

       F_\beta &= \frac{(1+\beta^2)\,P R}{\beta^2 P + R} \\
               &= \frac{(1+\beta^2)\,\mathrm{TP}}{(1+\beta^2)\,\mathrm{TP} + \beta^2\,\mathrm{FN} + \mathrm{FP}}

    :math:`\beta > 1` favours recall, :math:`\beta < 1` precision.  The score is 0/0
    only when TP, FP and FN are all 0; then ``zero_division`` is returned.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted class labels.
    beta : float
        Weight of recall (keyword-only and required, as in scikit-learn).
    labels : array_like, optional
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when the score is 0/0.

    Returns
    -------
    float or numpy.ndarray
        The F-beta score; an array per class when ``average=None``.
    """
    _, _, f, _ = precision_recall_fscore_support(
        y_true, y_pred, beta=beta, labels=labels, pos_label=pos_label, average=average,
        warn_for=("f-score",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return f


def f1_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", sample_weight=None,
    zero_division="warn",
):
    r"""F1 score, the harmonic mean of precision and recall.

    .. math::

       F_1 &= \frac{2}{1/P + 1/R} = \frac{2PR}{P+R} \\
           &= \frac{2\,\mathrm{TP}}{2\,\mathrm{TP} + \mathrm{FP} + \mathrm{FN}}

    The last form adds the numerators and the denominators of :math:`P` and
    :math:`R`.  It is not the geometric mean :math:`\sqrt{PR}` (that is the
    Fowlkes-Mallows index); the harmonic mean is pulled towards the smaller of the
    two.  Same as ``fbeta_score(..., beta=1)``.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted class labels.
    labels : array_like, optional
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when TP, FP and FN are all 0.

    Returns
    -------
    float or numpy.ndarray
        The F1 score; an array per class when ``average=None``.
    """
    return fbeta_score(
        y_true, y_pred, beta=1.0, labels=labels, pos_label=pos_label, average=average,
        sample_weight=sample_weight, zero_division=zero_division,
    )


def top_k_accuracy_score(y_true, y_score, *, k=2, normalize=True, sample_weight=None, labels=None):
    r"""Share of samples whose true class is among the ``k`` highest-scored classes.

    The top-k error is ``1 - top_k_accuracy_score(...)``; top-1 accuracy is plain
    accuracy of the argmax prediction.  Ties are broken as in scikit-learn: among
    classes with equal scores the one with the larger index ranks higher, so the true
    class :math:`c` of sample :math:`i` is a hit when

    .. math::

       &\#\{j : s_{ij} > s_{ic}\} \\
       &\quad + \#\{j > c : s_{ij} = s_{ic}\} < k .

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True class labels.
    y_score : array_like of shape (n_samples,) or (n_samples, n_classes)
        Scores of each class (columns in the order of the sorted classes, or of
        ``labels``).  A 1-D array holds the score of the larger class in a binary
        problem; there ``k=1`` thresholds at 0.5 if all scores lie in [0, 1], else
        at 0 (a score equal to the threshold counts as the smaller class, as in
        scikit-learn).
    k : int, default 2
        Number of top guesses allowed.
    normalize : bool, default True
        Return the share of hits; if False, their (weighted) number.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    labels : array_like, optional
        All class labels, sorted, one per column of ``y_score`` (needed when
        ``y_true`` does not contain every class).

    Returns
    -------
    float
        Top-k accuracy.

    Warns
    -----
    UndefinedMetricWarning
        When ``k >= n_classes`` (every sample is a hit).
    """
    y_true = _as_labels(y_true, "y_true")
    y_score = as_float_array(y_score, "y_score", allow_inf=False, allow_empty=False)
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
        raise ValueError(f"k must be a positive int; got {k!r}")
    if y_score.ndim not in (1, 2):
        raise ValueError(f"y_score must be 1-D or 2-D, got shape {y_score.shape}")
    if y_score.ndim == 2 and y_score.shape[1] == 1:
        y_score = y_score.ravel()
    _check_lengths(("y_true", y_true), ("y_score", y_score))
    w = _check_sample_weight(sample_weight, y_true.size)
    n_score_classes = y_score.shape[1] if y_score.ndim == 2 else 2
    if labels is None:
        classes = np.unique(y_true)
        if classes.size != n_score_classes:
            raise ValueError(
                f"Number of classes in y_true ({classes.size}) not equal to the number of "
                f"classes in y_score ({n_score_classes}); pass all classes as labels"
            )
    else:
        classes = _check_user_labels(labels, y_true)
        if np.any(classes[1:] < classes[:-1]):
            raise ValueError("labels must be sorted")
        if classes.size != n_score_classes:
            raise ValueError(
                f"Number of given labels ({classes.size}) not equal to the number of classes "
                f"in y_score ({n_score_classes})"
            )
        if np.any(_label_index(y_true, classes) < 0):
            raise ValueError("y_true contains labels not in labels")
    if y_score.ndim == 1 and classes.size > 2:
        raise ValueError("y_score must be 2-D (n_samples, n_classes) for more than two classes")
    if y_score.ndim == 2 and classes.size <= 2:
        raise ValueError(
            f"y_true is binary while y_score is 2-D with {y_score.shape[1]} columns: pass the "
            "scores of the larger class as a 1-D array (or all classes as labels)"
        )
    if k >= classes.size:
        warnings.warn(
            f"'k' ({k}) greater than or equal to 'n_classes' ({classes.size}) will result in a "
            "perfect score and is therefore meaningless.",
            UndefinedMetricWarning,
            stacklevel=2,
        )
    encoded = np.searchsorted(classes, y_true)
    if y_score.ndim == 1:
        if k == 1:
            threshold = 0.5 if y_score.min() >= 0 and y_score.max() <= 1 else 0.0
            hits = (y_score > threshold).astype(np.int64) == encoded
        else:
            hits = np.ones(y_true.size, dtype=bool)
    else:
        true_score = np.take_along_axis(y_score, encoded[:, None], axis=1)
        above = np.count_nonzero(y_score > true_score, axis=1)
        later_tie = np.count_nonzero(
            (y_score == true_score) & (np.arange(classes.size) > encoded[:, None]), axis=1
        )
        hits = above + later_tie < k
    hits = hits.astype(np.float64)
    if normalize:
        return float(np.average(hits, weights=w))
    return float(hits.sum() if w is None else np.dot(hits, w))


# --------------------------------------------------------------------------------------
# Threshold curves and ranking metrics
# --------------------------------------------------------------------------------------


def _binary_inputs(y_true, y_score, sample_weight, pos_label):
    """Validated (is_positive mask, scores, weights, pos_label) for the curve functions."""
    y_true = _as_labels(y_true, "y_true")
    y_score = _as_scores(y_score)
    _check_lengths(("y_true", y_true), ("y_score", y_score))
    w = _check_sample_weight(sample_weight, y_true.size)
    pos_label = _resolve_pos_label(pos_label, y_true)
    return _equal(y_true, pos_label), y_score, w, pos_label


def _clf_curve(is_pos, y_score, w):
    """Cumulative FP and TP counts at each distinct score, scores in decreasing order.

    One stable O(n log n) sort of the scores in decreasing order; cumulative sums of
    the positive and negative weights; the last index of each run of equal scores
    gives one threshold (a threshold admits every sample scored >= it).
    """
    if w is not None:  # zero-weight samples must not create thresholds
        keep = w != 0
        is_pos, y_score, w = is_pos[keep], y_score[keep], w[keep]
    order = np.argsort(-y_score, kind="mergesort")
    score = y_score[order]
    pos = is_pos[order].astype(np.float64)
    distinct = np.flatnonzero(np.diff(score))
    idx = np.append(distinct, score.size - 1)
    if w is None:
        tps = np.cumsum(pos)[idx]
        fps = 1.0 + idx - tps
    else:
        ws = w[order]
        tps = np.cumsum(pos * ws)[idx]
        fps = np.cumsum((1.0 - pos) * ws)[idx]
    return fps, tps, score[idx]


def confusion_matrix_at_thresholds(y_true, y_score, *, pos_label=None, sample_weight=None):
    r"""Binary confusion-matrix counts at every distinct score used as threshold.

    A sample is predicted positive when its score is **greater than or equal to** the
    threshold.  The thresholds are the distinct scores in decreasing order, so the
    counts of predicted positives only grow along the arrays.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels; without ``pos_label`` they must be {0, 1} or {-1, 1}.
    y_score : array_like of shape (n_samples,)
        Scores (probabilities or decision values); larger means more positive.
    pos_label : int, float, bool or str, optional
        The positive class (default 1).  Every other label counts as negative.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample; zero-weight samples are dropped.

    Returns
    -------
    tns, fps, fns, tps : numpy.ndarray of shape (n_thresholds,)
        (Weighted) counts of true negatives, false positives, false negatives and
        true positives at each threshold, float64.
    thresholds : numpy.ndarray of shape (n_thresholds,)
        The distinct scores, decreasing.
    """
    is_pos, y_score, w, _ = _binary_inputs(y_true, y_score, sample_weight, pos_label)
    fps, tps, thresholds = _clf_curve(is_pos, y_score, w)
    return fps[-1] - fps, fps, tps[-1] - tps, tps, thresholds


def roc_curve(y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=True):
    r"""Receiver operating characteristic: (FPR, TPR) at every threshold.

    .. math::

       \mathrm{TPR}(t) &= \frac{\mathrm{TP}(t)}{\mathrm{TP}+\mathrm{FN}}, \\
       \mathrm{FPR}(t) &= \frac{\mathrm{FP}(t)}{\mathrm{FP}+\mathrm{TN}},

    where sample :math:`i` is predicted positive at threshold :math:`t` when
    :math:`s_i \ge t` :cite:p:`fawcett2006introduction`.  As in scikit-learn >= 1.3, the
    first threshold is ``+inf`` (nothing predicted positive, the point (0, 0)).

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels; without ``pos_label`` they must be {0, 1} or {-1, 1}.
    y_score : array_like of shape (n_samples,)
        Scores; larger means more positive.
    pos_label : int, float, bool or str, optional
        The positive class (default 1).
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    drop_intermediate : bool, default True
        Drop thresholds whose point is collinear with its neighbours (no change of
        direction); the curve and its area stay the same.

    Returns
    -------
    fpr, tpr : numpy.ndarray
        Increasing false and true positive rates, from 0 to 1.
    thresholds : numpy.ndarray
        Decreasing thresholds, ``thresholds[0] = inf``.

    Raises
    ------
    ValueError
        If ``y_true`` has no positive or no negative sample (scikit-learn warns and
        returns NaN rates instead), or for the input errors listed in the module
        docstring.
    """
    is_pos, y_score, w, pos_label = _binary_inputs(y_true, y_score, sample_weight, pos_label)
    fps, tps, thresholds = _clf_curve(is_pos, y_score, w)
    if tps[-1] <= 0 or fps[-1] <= 0:
        missing = "positive" if tps[-1] <= 0 else "negative"
        raise ValueError(
            f"y_true has no {missing} samples (pos_label={pos_label!r}): the ROC curve needs both classes"
        )
    if drop_intermediate and fps.size > 2:
        corner = np.flatnonzero(
            np.concatenate([[True], (np.diff(fps, 2) != 0) | (np.diff(tps, 2) != 0), [True]])
        )
        fps, tps, thresholds = fps[corner], tps[corner], thresholds[corner]
    fps = np.concatenate([[0.0], fps])
    tps = np.concatenate([[0.0], tps])
    thresholds = np.concatenate([[np.inf], thresholds])
    return fps / fps[-1], tps / tps[-1], thresholds


def _auc_ranks(is_pos, y_score):
    r"""Unweighted ROC-AUC from ranks (Mann-Whitney U), exact with ties.

    Sort the positive and the negative scores separately, then merge them twice with a
    stable sort: with negatives first, a positive's merged position minus its own rank
    counts the negatives scored <= it; with positives first, those scored < it.  Half
    the sum of both counts is U = #(s+ > s-) + 1/2 #(s+ = s-).  Integer arithmetic
    throughout; one rounding in the final division.
    """
    pos = np.compress(is_pos, y_score)
    neg = np.compress(~is_pos, y_score)
    pos.sort()
    neg.sort()
    n_pos, n_neg = pos.size, neg.size
    own = n_pos * (n_pos - 1) // 2  # sum of the positives' own ranks 0..n_pos-1
    # negatives first: ties put negatives before positives -> counts of s- <= s+
    merged = np.argsort(np.concatenate([neg, pos]), kind="stable")
    at_most = int(np.flatnonzero(merged >= n_neg).sum()) - own
    # positives first: ties put positives before negatives -> counts of s- < s+
    merged = np.argsort(np.concatenate([pos, neg]), kind="stable")
    below = int(np.flatnonzero(merged < n_pos).sum()) - own
    return (below + at_most) / (2.0 * n_pos * n_neg)


def roc_auc_score(
    y_true, y_score, *, average="macro", sample_weight=None, max_fpr=None,
    multi_class="raise", labels=None,
):
    r"""Area under the ROC curve, for binary labels.

    The area equals the probability that a random positive is scored above a random
    negative, ties counting one half :cite:p:`hanley1982meaning`:

    .. math::

       \mathrm{AUC} &= P(s^+ > s^-) \\
       &\quad + \tfrac12 P(s^+ = s^-) \\
       &= \frac{1}{n_+ n_-} \sum_{i:\,y_i=1} \sum_{j:\,y_j=0} a_{ij}, \\
       a_{ij} &= \mathbb 1[s_i > s_j] + \tfrac12 \mathbb 1[s_i = s_j] .

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels with exactly two classes; the larger one is positive.
    y_score : array_like of shape (n_samples,)
        Scores of the positive class; larger means more positive.
    average : str or None, default 'macro'
        Accepted for signature compatibility; ignored for binary ``y_true`` (as in
        scikit-learn).
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    max_fpr : None or 1, optional
        Partial AUC (McClish-standardised) is not supported: only None or 1.
    multi_class : {'raise'}, default 'raise'
        One-vs-rest and one-vs-one multiclass AUC are not supported.
    labels : None
        Only used for multiclass in scikit-learn; ignored here.

    Returns
    -------
    float
        ROC-AUC in [0, 1]; 0.5 for scores that carry no information.

    Raises
    ------
    ValueError
        If only one class is present in ``y_true`` (scikit-learn 1.9 warns and returns
        NaN), more than two classes are present, or for bad input.

    Notes
    -----
    Without weights the area is computed from ranks in O(n log n): the positive and
    negative scores are sorted separately and merged, which counts for each positive
    the negatives below it and those tied with it (the Mann-Whitney U statistic,
    :math:`\mathrm{AUC} = U / (n_+ n_-)`).  With weights the weighted ROC curve is
    integrated by the trapezoid rule; a trapezoid over a run of tied scores is exactly
    the "ties count one half" term.
    """
    if max_fpr is not None and max_fpr != 1:
        raise ValueError(
            f"max_fpr={max_fpr!r}: partial AUC is not supported by dlnotes.metrics.roc_auc_score; "
            "use max_fpr=None"
        )
    if multi_class != "raise":
        raise ValueError(f"multi_class={multi_class!r}: multiclass ROC-AUC is not supported")
    y_true = _as_labels(y_true, "y_true")
    y_score = _as_scores(y_score)
    _check_lengths(("y_true", y_true), ("y_score", y_score))
    w = _check_sample_weight(sample_weight, y_true.size)
    classes = _fast_binary_classes(y_true)
    if classes is None:
        raise ValueError(
            "y_true has more than two classes: multiclass ROC-AUC is not supported "
            "(compute one-vs-rest AUCs with pos_label in roc_curve)"
        )
    if classes.size < 2:
        raise ValueError(
            f"Only one class ({classes[0]!r}) is present in y_true. ROC AUC score is not "
            "defined in that case"
        )
    is_pos = y_true == classes[1]
    if w is None:
        return _auc_ranks(is_pos, y_score)
    fps, tps, _ = _clf_curve(is_pos, y_score, w)
    if tps[-1] <= 0 or fps[-1] <= 0:
        raise ValueError("sample_weight gives one class of y_true zero total weight: ROC AUC is not defined")
    fps = np.concatenate([[0.0], fps])
    tps = np.concatenate([[0.0], tps])
    area = np.dot(np.diff(fps), tps[1:] + tps[:-1]) / 2.0
    return float(area / (fps[-1] * tps[-1]))


def precision_recall_curve(y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=False):
    r"""Precision and recall at every threshold.

    At threshold :math:`t` (predict positive when :math:`s \ge t`),
    :math:`P(t) = \mathrm{TP}(t)/(\mathrm{TP}(t)+\mathrm{FP}(t))` and
    :math:`R(t) = \mathrm{TP}(t)/(\mathrm{TP}+\mathrm{FN})`.  As in scikit-learn, a last
    point (precision 1, recall 0) without a threshold is appended, so the curve
    reaches the precision axis.  The lowest threshold predicts everything positive:
    there the precision equals the share of positives, the baseline of a classifier
    that guesses :cite:p:`saito2015precision`.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels; without ``pos_label`` they must be {0, 1} or {-1, 1}.
    y_score : array_like of shape (n_samples,)
        Scores; larger means more positive.
    pos_label : int, float, bool or str, optional
        The positive class (default 1).
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    drop_intermediate : bool, default False
        Keep only the first and last threshold of each run of equal recall (the
        vertical segments of the plotted curve).

    Returns
    -------
    precision : numpy.ndarray of shape (n_thresholds + 1,)
        Precision at each threshold, then 1.
    recall : numpy.ndarray of shape (n_thresholds + 1,)
        Decreasing recall at each threshold, then 0.
    thresholds : numpy.ndarray of shape (n_thresholds,)
        Increasing thresholds (the distinct scores).

    Raises
    ------
    ValueError
        If ``y_true`` has no positive sample (scikit-learn warns and sets the recall to
        1), or for bad input.
    """
    is_pos, y_score, w, pos_label = _binary_inputs(y_true, y_score, sample_weight, pos_label)
    fps, tps, thresholds = _clf_curve(is_pos, y_score, w)
    if tps[-1] <= 0:
        raise ValueError(
            f"y_true has no positive samples (pos_label={pos_label!r}): recall is not defined"
        )
    if drop_intermediate and fps.size > 2:
        keep = np.flatnonzero(
            np.concatenate([[True], (np.diff(tps[:-1]) != 0) | (np.diff(tps[1:]) != 0), [True]])
        )
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    predicted = tps + fps
    precision = np.divide(tps, predicted, out=np.zeros_like(tps), where=predicted != 0)
    recall = tps / tps[-1]
    return (
        np.concatenate([precision[::-1], [1.0]]),
        np.concatenate([recall[::-1], [0.0]]),
        thresholds[::-1],
    )


def average_precision_score(y_true, y_score, *, average="macro", pos_label=1, sample_weight=None):
    r"""Average precision: precision averaged over the recall gained at each threshold.

    .. math:: \mathrm{AP} = \sum_n (R_n - R_{n-1})\, P_n

    with thresholds in decreasing order.  Each precision is held constant over its
    step of recall (no linear interpolation between points, which would be optimistic
    :cite:p:`davis2006relationship`).  A classifier that ranks at random has an
    expected AP close to the share of positives.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True binary labels.
    y_score : array_like of shape (n_samples,)
        Scores; larger means more positive.
    average : str or None, default 'macro'
        Accepted for signature compatibility; ignored for binary ``y_true`` (as in
        scikit-learn).
    pos_label : int, float, bool or str, default 1
        The positive class.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.

    Returns
    -------
    float
        Average precision in [0, 1].

    Raises
    ------
    ValueError
        If ``y_true`` has more than two classes (multiclass AP is not supported),
        ``pos_label`` is not one of its two classes, there is no positive sample
        (scikit-learn warns and returns 0), or for bad input.
    """
    y_true = _as_labels(y_true, "y_true")
    classes = _fast_binary_classes(y_true)
    if classes is None:
        raise ValueError("y_true has more than two classes: multiclass average precision is not supported")
    if classes.size == 2 and not _contains(classes, pos_label):
        raise ValueError(
            f"pos_label={pos_label!r} is not a valid label. It should be one of {classes.tolist()}"
        )
    precision, recall, _ = precision_recall_curve(
        y_true, y_score, pos_label=pos_label, sample_weight=sample_weight
    )
    return float(max(0.0, -np.dot(np.diff(recall), precision[:-1])))


# --------------------------------------------------------------------------------------
# Regression
# --------------------------------------------------------------------------------------


def _check_reg_targets(y_true, y_pred, sample_weight, multioutput, allowed):
    y_true = as_float_array(y_true, "y_true", allow_inf=False, allow_empty=False)
    y_pred = as_float_array(y_pred, "y_pred", allow_inf=False, allow_empty=False)
    for name, arr in (("y_true", y_true), ("y_pred", y_pred)):
        if arr.ndim not in (1, 2):
            raise ValueError(f"{name} must be 1-D or 2-D (n_samples, n_outputs), got shape {arr.shape}")
    _check_lengths(("y_true", y_true), ("y_pred", y_pred))
    y_true = y_true.reshape(len(y_true), -1)
    y_pred = y_pred.reshape(len(y_pred), -1)
    if y_true.shape[1] != y_pred.shape[1]:
        raise ValueError(
            f"y_true and y_pred have different numbers of outputs ({y_true.shape[1]} != {y_pred.shape[1]})"
        )
    w = _check_sample_weight(sample_weight, y_true.shape[0])
    n_outputs = y_true.shape[1]
    if isinstance(multioutput, str):
        if multioutput not in allowed:
            raise ValueError(f"multioutput must be one of {allowed} or an array of weights; got {multioutput!r}")
    else:
        multioutput = as_float_array(multioutput, "multioutput", allow_inf=False)
        if n_outputs == 1:
            raise ValueError("multioutput weights are useful only with several outputs")
        if multioutput.shape != (n_outputs,):
            raise ValueError(
                f"multioutput has {multioutput.size} weights but there are {n_outputs} outputs"
            )
    return y_true, y_pred, w, multioutput


def _combine_outputs(errors, multioutput):
    if isinstance(multioutput, str):
        if multioutput == "raw_values":
            return errors
        return float(np.mean(errors))
    return float(np.average(errors, weights=multioutput))


def mean_squared_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Mean squared error, in squared units of the target.

    .. math:: \mathrm{MSE} = \frac{1}{n}\sum_{i=1}^{n} (y_i - \hat y_i)^2

    (a weighted mean with ``sample_weight``).  It ranks models exactly as
    :func:`root_mean_squared_error` does.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    multioutput : {'raw_values', 'uniform_average'} or array_like, default 'uniform_average'
        Return one error per output, their mean, or their weighted mean.

    Returns
    -------
    float or numpy.ndarray
        The MSE (per output with ``'raw_values'``).
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, ("raw_values", "uniform_average")
    )
    errors = np.average((y_true - y_pred) ** 2, axis=0, weights=w)
    return _combine_outputs(errors, multioutput)


def root_mean_squared_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Root mean squared error, in the units of the target.

    .. math::

       \mathrm{RMSE} &= \sqrt{\mathrm{MSE}} \\
       &= \sqrt{\frac{1}{n}\sum_{i=1}^{n} (y_i - \hat y_i)^2}

    For several outputs the square root is taken per output before averaging.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    multioutput : {'raw_values', 'uniform_average'} or array_like, default 'uniform_average'
        Return one error per output, their mean, or their weighted mean.

    Returns
    -------
    float or numpy.ndarray
        The RMSE (per output with ``'raw_values'``).
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, ("raw_values", "uniform_average")
    )
    errors = np.sqrt(np.average((y_true - y_pred) ** 2, axis=0, weights=w))
    return _combine_outputs(errors, multioutput)


def mean_absolute_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Mean absolute error, in the units of the target.

    .. math:: \mathrm{MAE} = \frac{1}{n}\sum_{i=1}^{n} \lvert y_i - \hat y_i\rvert

    Errors enter linearly, so one large outlier weighs far less than in the MSE.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample.
    multioutput : {'raw_values', 'uniform_average'} or array_like, default 'uniform_average'
        Return one error per output, their mean, or their weighted mean.

    Returns
    -------
    float or numpy.ndarray
        The MAE (per output with ``'raw_values'``).
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, ("raw_values", "uniform_average")
    )
    errors = np.average(np.abs(y_pred - y_true), axis=0, weights=w)
    return _combine_outputs(errors, multioutput)


def r2_score(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average", force_finite=True):
    r"""Coefficient of determination :math:`R^2`: the model against predicting the mean.

    .. math::

       R^2 &= 1 - \frac{\sum_i (y_i - \hat y_i)^2}{\sum_i (y_i - \bar y)^2} \\
           &= 1 - \frac{\mathrm{MSE}(y, \hat y)}{\mathrm{Var}(y)}

    with the population variance (divided by :math:`n`).  :math:`R^2 \le 1`, with 1
    for perfect predictions and 0 for always predicting :math:`\bar y`; it has no
    lower bound, and a negative value means the predictions are worse than that
    constant.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets; at least two samples.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weight of each sample (also used for :math:`\bar y`).
    multioutput : {'raw_values', 'uniform_average', 'variance_weighted'} or array_like
        Return one score per output, their mean (default), their mean weighted by
        each output's variance, or a weighted mean.
    force_finite : bool, default True
        scikit-learn's convention for a constant ``y_true`` (zero denominator):
        1.0 if the predictions are perfect, else 0.0.  With False: NaN or ``-inf``.

    Returns
    -------
    float or numpy.ndarray
        :math:`R^2` (per output with ``'raw_values'``).

    Raises
    ------
    ValueError
        With fewer than two samples (scikit-learn warns and returns NaN).
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput,
        ("raw_values", "uniform_average", "variance_weighted"),
    )
    if y_true.shape[0] < 2:
        raise ValueError("r2_score needs at least two samples in y_true")
    weight = 1.0 if w is None else w[:, None]
    numerator = np.sum(weight * (y_true - y_pred) ** 2, axis=0)
    denominator = np.sum(weight * (y_true - np.average(y_true, axis=0, weights=w)) ** 2, axis=0)
    if force_finite:
        scores = np.ones(y_true.shape[1])
        valid = (denominator != 0) & (numerator != 0)
        scores[valid] = 1.0 - numerator[valid] / denominator[valid]
        scores[(numerator != 0) & (denominator == 0)] = 0.0
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = 1.0 - numerator / denominator
    if isinstance(multioutput, str) and multioutput == "variance_weighted":
        if not np.any(denominator != 0):
            return float(np.mean(scores))
        return float(np.average(scores, weights=denominator))
    return _combine_outputs(scores, multioutput)
