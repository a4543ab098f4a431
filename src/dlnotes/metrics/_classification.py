"""Classification metrics: the confusion matrix and the scores derived from it.

scikit-learn keeps these in ``sklearn/metrics/_classification.py``.
"""

import warnings

import numpy as np

from .._validation import (
    as_label_array,
    check_bool,
    check_label,
    check_option,
    check_real,
    check_sample_weight,
)
from ._base import (
    UndefinedMetricWarning,
    _check_labels_against,
    _check_targets,
    _check_user_labels,
    _contains,
    _is_str,
    _label_index,
)

__all__ = [
    "confusion_matrix",
    "accuracy_score",
    "precision_recall_fscore_support",
    "precision_score",
    "recall_score",
    "fbeta_score",
    "f1_score",
]


def confusion_matrix(y_true, y_pred, *, labels=None, sample_weight=None, normalize=None):
    r"""Confusion matrix: ``C[i, j]`` counts samples of true class i predicted as class j.

    Rows are the true classes and columns the predicted classes, in the order of
    ``labels``.  For binary labels {0, 1} this gives

    .. math::

       C = \begin{pmatrix} \mathrm{TN} & \mathrm{FP} \\ \mathrm{FN} & \mathrm{TP} \end{pmatrix},

    so ``tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()``.

    Parameters
    ----------
    y_true : array_like, shape (n_samples,)
        True class labels (ints, bools, integral floats or strings).
    y_pred : array_like, shape (n_samples,)
        Predicted class labels.
    labels : array_like, default None
        Classes to index the matrix, in this order; samples whose true or predicted
        class is not listed are left out.  Default: the sorted union of the classes in
        ``y_true`` and ``y_pred``.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    normalize : {'true', 'pred', 'all'} or None, default None
        Divide by the row sums (each row then holds the rates given the true class),
        the column sums, or the total.  Rows or columns that sum to 0 give 0.

    Returns
    -------
    numpy.ndarray, shape (n_classes, n_classes)
        Counts (int64), or float64 values when the weights are floats or ``normalize``
        is set.

    Raises
    ------
    ValueError
        For empty or mismatched inputs, an empty ``labels``, or ``labels`` none of
        which occurs in ``y_true``.

    See Also
    --------
    accuracy_score : The share of the diagonal.
    precision_recall_fscore_support : The scores read from its rows and columns.
    confusion_matrix_at_thresholds : The binary counts at every score threshold.

    Notes
    -----
    Same values as ``sklearn.metrics.confusion_matrix``.

    Examples
    --------
    Rows are true classes, columns predicted ones: TN, FP in the first row, FN, TP in
    the second.

    >>> from dlnotes.metrics import confusion_matrix
    >>> y_true, y_pred = [0, 1, 1, 1, 0], [0, 1, 0, 1, 1]
    >>> confusion_matrix(y_true, y_pred)
    array([[1, 1],
           [1, 2]])
    >>> confusion_matrix(y_true, y_pred, normalize="true")  # rows sum to 1
    array([[0.5       , 0.5       ],
           [0.33333333, 0.66666667]])
    """
    y_true, y_pred = _check_targets(y_true, y_pred)
    check_option(normalize, "normalize", (None, "true", "pred", "all"))
    integral_weights = sample_weight is None or np.asarray(sample_weight).dtype.kind in "iu"
    w = check_sample_weight(sample_weight, y_true.size)
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
    y_true, y_pred : array_like, shape (n_samples,)
        True and predicted class labels.
    normalize : bool, default True
        Return the (weighted) share of correct predictions; if False, their (weighted)
        number.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.

    Returns
    -------
    float
        The accuracy; the top-1 error is ``1 - accuracy``.

    See Also
    --------
    confusion_matrix : The counts behind it.
    top_k_accuracy_score : A hit among the ``k`` best-scored classes.

    Notes
    -----
    Same values as ``sklearn.metrics.accuracy_score``.

    Examples
    --------
    >>> from dlnotes.metrics import accuracy_score
    >>> y_true, y_pred = [0, 1, 1, 1], [0, 1, 0, 1]
    >>> accuracy_score(y_true, y_pred), accuracy_score(y_true, y_pred, normalize=False)
    (0.75, 3.0)
    """
    y_true, y_pred = _check_targets(y_true, y_pred)
    normalize = check_bool(normalize, "normalize")
    w = check_sample_weight(sample_weight, y_true.size)
    hits = (y_true == y_pred).astype(np.float64)
    if normalize:
        return float(np.average(hits, weights=w))
    return float(hits.sum() if w is None else np.dot(hits, w))


_AVERAGES = (None, "binary", "micro", "macro", "weighted")
_ZERO_DIVISION = ("warn", 0, 1, np.nan)
_SCORES = ("precision", "recall", "f-score")


def _prf_divide(numerator, denominator, metric, modifier, average, warn_for, zero_division):
    """numerator / denominator, with ``zero_division`` where the denominator is 0."""
    value = 0.0 if zero_division == "warn" else float(zero_division)
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
    y_true, y_pred : array_like, shape (n_samples,)
        True and predicted class labels.
    beta : float, default 1.0
        Weight of recall against precision; ``np.inf`` gives recall, 0 precision.
    labels : array_like, default None
        Classes to report or average over (ignored when ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class when ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default None
        ``'binary'``: the scores of ``pos_label`` only.  ``'micro'``: pool TP, FP and
        FN over the classes first.  ``'macro'``: unweighted mean of the per-class
        scores.  ``'weighted'``: mean weighted by each class's support.  ``None``:
        per-class arrays.
    warn_for : tuple of str, default ('precision', 'recall', 'f-score')
        Which of "precision", "recall", "f-score" issue ``UndefinedMetricWarning``
        when ill-defined and ``zero_division="warn"``.
    sample_weight : array_like, shape (n_samples,), default None
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

    See Also
    --------
    precision_score : The precision alone.
    recall_score : The recall alone.
    fbeta_score : The F-beta score alone.
    confusion_matrix : The counts the scores come from.

    Notes
    -----
    Same values as ``sklearn.metrics.precision_recall_fscore_support``.

    Examples
    --------
    Per class, then as the unweighted mean of the classes:

    >>> from dlnotes.metrics import precision_recall_fscore_support
    >>> y_true, y_pred = [0, 1, 1, 2], [0, 1, 2, 2]
    >>> precision, recall, f1, support = precision_recall_fscore_support(y_true, y_pred)
    >>> precision, recall, support
    (array([1. , 1. , 0.5]), array([1. , 0.5, 1. ]), array([1, 2, 1]))
    >>> precision_recall_fscore_support(y_true, y_pred, average="macro")[:2]
    (0.8333333333333334, 0.8333333333333334)
    """
    args = _check_prf_args(y_true, y_pred, beta, labels, pos_label, average, warn_for,
                           sample_weight, zero_division)
    return _prfs(*args)


def _check_prf_args(y_true, y_pred, beta, labels, pos_label, average, warn_for, sample_weight,
                    zero_division):
    """The checked arguments of :func:`precision_recall_fscore_support`, in its order.

    ``labels`` and ``pos_label`` have their types checked even in the modes that ignore
    them; their values are checked where they are used.
    """
    zero_division = check_option(zero_division, "zero_division", _ZERO_DIVISION)
    average = check_option(average, "average", _AVERAGES,
                           note=" (multilabel 'samples' is not supported)")
    beta = check_real(beta, "beta", low=0, allow_inf=True)
    if not isinstance(warn_for, (tuple, list, set, frozenset)):
        raise TypeError(f"warn_for must be a tuple of str, got {type(warn_for).__name__}")
    for item in warn_for:
        check_option(item, "warn_for entries", _SCORES)
    if labels is not None:  # checked even in the binary mode, which ignores it
        labels = as_label_array(labels, "labels")
    check_label(pos_label, "pos_label")
    y_true, y_pred = _check_targets(y_true, y_pred)
    w = check_sample_weight(sample_weight, y_true.size)
    return y_true, y_pred, w, beta, labels, pos_label, average, warn_for, zero_division


def _prfs(y_true, y_pred, w, beta, labels, pos_label, average, warn_for, zero_division):
    """Precision, recall, F-beta and support of checked arguments."""
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
        labels = present if labels is None else _check_labels_against(labels, y_true)

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
    y_true, y_pred : array_like, shape (n_samples,)
        True and predicted class labels.
    labels : array_like, default None
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when nothing is predicted positive.

    Returns
    -------
    float or numpy.ndarray
        The precision; an array per class when ``average=None``.

    See Also
    --------
    recall_score : The share of the positives that is found.
    f1_score : The harmonic mean of precision and recall.
    precision_recall_curve : The precision at every threshold of a score.

    Notes
    -----
    Same values as ``sklearn.metrics.precision_score``.

    Examples
    --------
    Three predicted positives, two of them right; with ``average=None`` one value per
    class:

    >>> from dlnotes.metrics import precision_score
    >>> y_true, y_pred = [0, 1, 1, 1, 0], [0, 1, 0, 1, 1]
    >>> precision_score(y_true, y_pred)
    0.6666666666666666
    >>> precision_score(y_true, y_pred, average=None)
    array([0.5       , 0.66666667])
    """
    return _prfs(*_check_prf_args(y_true, y_pred, 1.0, labels, pos_label, average, ("precision",),
                                   sample_weight, zero_division))[0]


def recall_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", sample_weight=None,
    zero_division="warn",
):
    r"""Recall (sensitivity, true positive rate, 查全率): :math:`\mathrm{TP}/(\mathrm{TP}+\mathrm{FN})`.

    The share of true positives that the classifier finds.  With ``pos_label`` set to
    the negative class it gives the specificity :math:`\mathrm{TN}/(\mathrm{TN}+\mathrm{FP})`.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n_samples,)
        True and predicted class labels.
    labels : array_like, default None
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when ``y_true`` has no positive sample.

    Returns
    -------
    float or numpy.ndarray
        The recall; an array per class when ``average=None``.

    See Also
    --------
    precision_score : The share of the predicted positives that is right.
    f1_score : The harmonic mean of precision and recall.
    roc_curve : The recall (true positive rate) at every threshold of a score.

    Notes
    -----
    Same values as ``sklearn.metrics.recall_score``.

    Examples
    --------
    Two of three positives found; with ``pos_label=0`` the specificity, one of two:

    >>> from dlnotes.metrics import recall_score
    >>> y_true, y_pred = [0, 1, 1, 1, 0], [0, 1, 0, 1, 1]
    >>> recall_score(y_true, y_pred), recall_score(y_true, y_pred, pos_label=0)
    (0.6666666666666666, 0.5)
    """
    return _prfs(*_check_prf_args(y_true, y_pred, 1.0, labels, pos_label, average, ("recall",),
                                   sample_weight, zero_division))[1]


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
    y_true, y_pred : array_like, shape (n_samples,)
        True and predicted class labels.
    beta : float
        Weight of recall (keyword-only and required, as in scikit-learn).
    labels : array_like, default None
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when the score is 0/0.

    Returns
    -------
    float or numpy.ndarray
        The F-beta score; an array per class when ``average=None``.

    See Also
    --------
    f1_score : The case ``beta=1``.
    precision_recall_fscore_support : Precision, recall and F-beta together.

    Notes
    -----
    Same values as ``sklearn.metrics.fbeta_score``.

    Examples
    --------
    Precision 1/2, recall 1/3: ``beta=2`` weighs the lower recall more.

    >>> from dlnotes.metrics import fbeta_score
    >>> y_true, y_pred = [0, 1, 1, 1, 0], [0, 1, 0, 0, 1]
    >>> round(fbeta_score(y_true, y_pred, beta=2), 4), round(fbeta_score(y_true, y_pred, beta=0.5), 4)
    (0.3571, 0.4545)
    """
    return _prfs(*_check_prf_args(y_true, y_pred, beta, labels, pos_label, average, ("f-score",),
                                   sample_weight, zero_division))[2]


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
    y_true, y_pred : array_like, shape (n_samples,)
        True and predicted class labels.
    labels : array_like, default None
        Classes to average over (ignored for ``average='binary'``).
    pos_label : int, float, bool or str, default 1
        The positive class for ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted'} or None, default 'binary'
        How to combine the classes (see :func:`precision_recall_fscore_support`).
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    zero_division : {'warn', 0, 1, np.nan}, default 'warn'
        Value returned when TP, FP and FN are all 0.

    Returns
    -------
    float or numpy.ndarray
        The F1 score; an array per class when ``average=None``.

    See Also
    --------
    fbeta_score : Recall weighted ``beta`` times as much as precision.
    precision_score : The precision alone.
    recall_score : The recall alone.

    Notes
    -----
    Same values as ``sklearn.metrics.f1_score``.

    Examples
    --------
    :math:`2\,\mathrm{TP}/(2\,\mathrm{TP} + \mathrm{FP} + \mathrm{FN}) = 2/5`:

    >>> from dlnotes.metrics import f1_score
    >>> f1_score([0, 1, 1, 1, 0], [0, 1, 0, 0, 1])
    0.4
    """
    return _prfs(*_check_prf_args(y_true, y_pred, 1.0, labels, pos_label, average, ("f-score",),
                                   sample_weight, zero_division))[2]
