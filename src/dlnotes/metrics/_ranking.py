"""Ranking metrics: metrics of scores rather than hard predictions.

Top-k accuracy, the confusion matrix at every threshold, ROC and precision-recall
curves and the areas under them; scikit-learn keeps these in
``sklearn/metrics/_ranking.py``.  The curves sort the scores once, O(n log n), and never
loop over samples in Python.
"""

import warnings

import numpy as np

from .._validation import (
    as_float_array,
    as_label_array,
    check_bool,
    check_int,
    check_label,
    check_label_array_type,
    check_option,
    check_real,
    check_sample_weight,
)
from ._base import (
    UndefinedMetricWarning,
    _as_scores,
    _check_lengths,
    _check_user_labels,
    _contains,
    _equal,
    _fast_binary_classes,
    _label_index,
    _resolve_pos_label,
)

__all__ = [
    "top_k_accuracy_score",
    "confusion_matrix_at_thresholds",
    "roc_curve",
    "roc_auc_score",
    "precision_recall_curve",
    "average_precision_score",
]


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
    y_true : array_like, shape (n_samples,)
        True class labels.
    y_score : array_like, shape (n_samples,) or (n_samples, n_classes)
        Scores of each class (columns in the order of the sorted classes, or of
        ``labels``).  A 1-D array holds the score of the larger class in a binary
        problem; there ``k=1`` thresholds at 0.5 if all scores lie in [0, 1], else
        at 0 (a score equal to the threshold counts as the smaller class, as in
        scikit-learn).
    k : int, default 2
        Number of top guesses allowed.
    normalize : bool, default True
        Return the share of hits; if False, their (weighted) number.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    labels : array_like, default None
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

    See Also
    --------
    accuracy_score : The accuracy of hard predictions.

    Notes
    -----
    Same values as ``sklearn.metrics.top_k_accuracy_score``.

    Examples
    --------
    Only the first sample has its class on top; the second has it second:

    >>> from dlnotes.metrics import top_k_accuracy_score
    >>> scores = np.array([[0.5, 0.3, 0.2], [0.1, 0.3, 0.6], [0.4, 0.5, 0.1]])
    >>> top_k_accuracy_score([0, 1, 2], scores, k=1), top_k_accuracy_score([0, 1, 2], scores, k=2)
    (0.3333333333333333, 0.6666666666666666)
    """
    y_true = as_label_array(y_true, "y_true")
    y_score = as_float_array(y_score, "y_score", allow_inf=False, allow_empty=False)
    k = check_int(k, "k", 1)
    normalize = check_bool(normalize, "normalize")
    if y_score.ndim not in (1, 2):
        raise ValueError(f"y_score must be 1-D or 2-D, got shape {y_score.shape}")
    if y_score.ndim == 2 and y_score.shape[1] == 1:
        y_score = y_score.ravel()
    _check_lengths(("y_true", y_true), ("y_score", y_score))
    w = check_sample_weight(sample_weight, y_true.size)
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


def _binary_inputs(y_true, y_score, sample_weight, pos_label):
    """Validated (labels, is_positive mask, scores, weights, pos_label) for the curve functions."""
    check_label(pos_label, "pos_label")
    y_true = as_label_array(y_true, "y_true")
    y_score = _as_scores(y_score)
    _check_lengths(("y_true", y_true), ("y_score", y_score))
    w = check_sample_weight(sample_weight, y_true.size)
    pos_label = _resolve_pos_label(pos_label, y_true)
    return y_true, _equal(y_true, pos_label), y_score, w, pos_label


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
    y_true : array_like, shape (n_samples,)
        True labels; without ``pos_label`` they must be {0, 1} or {-1, 1}.
    y_score : array_like, shape (n_samples,)
        Scores (probabilities or decision values); larger means more positive.
    pos_label : int, float, bool, str or None, default None
        The positive class; None means 1.  Every other label counts as negative.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample; zero-weight samples are dropped.

    Returns
    -------
    tns, fps, fns, tps : numpy.ndarray, shape (n_thresholds,)
        (Weighted) counts of true negatives, false positives, false negatives and
        true positives at each threshold, float64.
    thresholds : numpy.ndarray, shape (n_thresholds,)
        The distinct scores, decreasing.

    See Also
    --------
    roc_curve : The rates these counts give.
    precision_recall_curve : Precision and recall from the same counts.
    confusion_matrix : The counts of hard predictions.

    Notes
    -----
    Same values as ``sklearn.metrics.confusion_matrix_at_thresholds``.

    Examples
    --------
    >>> from dlnotes.metrics import confusion_matrix_at_thresholds
    >>> tns, fps, fns, tps, thresholds = confusion_matrix_at_thresholds(
    ...     [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> thresholds, tps, fps
    (array([0.8 , 0.4 , 0.35, 0.1 ]), array([1., 1., 2., 2.]), array([0., 1., 1., 2.]))
    """
    _, is_pos, y_score, w, _ = _binary_inputs(y_true, y_score, sample_weight, pos_label)
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
    y_true : array_like, shape (n_samples,)
        True labels; without ``pos_label`` they must be {0, 1} or {-1, 1}.
    y_score : array_like, shape (n_samples,)
        Scores; larger means more positive.
    pos_label : int, float, bool, str or None, default None
        The positive class; None means 1.
    sample_weight : array_like, shape (n_samples,), default None
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

    See Also
    --------
    roc_auc_score : The area under this curve.
    precision_recall_curve : Precision against recall.
    confusion_matrix_at_thresholds : The counts behind the rates.

    Notes
    -----
    Same values as ``sklearn.metrics.roc_curve``.

    Examples
    --------
    >>> from dlnotes.metrics import roc_curve
    >>> fpr, tpr, thresholds = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> fpr, tpr
    (array([0. , 0. , 0.5, 0.5, 1. ]), array([0. , 0.5, 0.5, 1. , 1. ]))
    >>> thresholds
    array([ inf, 0.8 , 0.4 , 0.35, 0.1 ])
    """
    drop_intermediate = check_bool(drop_intermediate, "drop_intermediate")
    _, is_pos, y_score, w, pos_label = _binary_inputs(y_true, y_score, sample_weight, pos_label)
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


def _check_ignored_average(average):
    """``average`` of the binary ranking metrics: ignored for binary targets (as in
    scikit-learn), but it must be one of scikit-learn's options."""
    check_option(average, "average", ("micro", "macro", "samples", "weighted", None))


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
    y_true : array_like, shape (n_samples,)
        True labels with exactly two classes; the larger one is positive.
    y_score : array_like, shape (n_samples,)
        Scores of the positive class; larger means more positive.
    average : {'micro', 'macro', 'samples', 'weighted'} or None, default 'macro'
        Accepted for signature compatibility; ignored for binary ``y_true`` (as in
        scikit-learn).
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    max_fpr : float or None, default None
        Partial AUC (McClish-standardised) is not supported: only None or 1 (the
        whole curve).
    multi_class : {'raise'}, default 'raise'
        One-vs-rest and one-vs-one multiclass AUC are not supported.
    labels : None, default None
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

    See Also
    --------
    roc_curve : The curve.
    average_precision_score : The area under the precision-recall curve.

    Notes
    -----
    Without weights the area is computed from ranks in O(n log n): the positive and
    negative scores are sorted separately and merged, which counts for each positive
    the negatives below it and those tied with it (the Mann-Whitney U statistic,
    :math:`\mathrm{AUC} = U / (n_+ n_-)`).  With weights the weighted ROC curve is
    integrated by the trapezoid rule; a trapezoid over a run of tied scores is exactly
    the "ties count one half" term.
    Same values as ``sklearn.metrics.roc_auc_score``.

    Examples
    --------
    Three of the four positive-negative pairs are ordered right; a tie counts one half:

    >>> from dlnotes.metrics import roc_auc_score
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])
    0.875
    """
    if check_real(max_fpr, "max_fpr", allow_none=True) not in (None, 1.0):
        raise ValueError(
            f"max_fpr={max_fpr!r}: partial AUC is not supported by dlnotes.metrics.roc_auc_score; "
            "use max_fpr=None"
        )
    if check_option(multi_class, "multi_class", ("raise", "ovr", "ovo")) != "raise":
        raise ValueError(f"multi_class={multi_class!r}: multiclass ROC-AUC is not supported")
    _check_ignored_average(average)
    check_label_array_type(labels, "labels")
    y_true = as_label_array(y_true, "y_true")
    y_score = _as_scores(y_score)
    _check_lengths(("y_true", y_true), ("y_score", y_score))
    w = check_sample_weight(sample_weight, y_true.size)
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
    y_true : array_like, shape (n_samples,)
        True labels; without ``pos_label`` they must be {0, 1} or {-1, 1}.
    y_score : array_like, shape (n_samples,)
        Scores; larger means more positive.
    pos_label : int, float, bool, str or None, default None
        The positive class; None means 1.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    drop_intermediate : bool, default False
        Keep only the first and last threshold of each run of equal recall (the
        vertical segments of the plotted curve).

    Returns
    -------
    precision : numpy.ndarray, shape (n_thresholds + 1,)
        Precision at each threshold, then 1.
    recall : numpy.ndarray, shape (n_thresholds + 1,)
        Decreasing recall at each threshold, then 0.
    thresholds : numpy.ndarray, shape (n_thresholds,)
        Increasing thresholds (the distinct scores).

    Raises
    ------
    ValueError
        If ``y_true`` has no positive sample (scikit-learn warns and sets the recall to
        1), or for bad input.

    See Also
    --------
    average_precision_score : The summary of this curve.
    roc_curve : True against false positive rate.

    Notes
    -----
    Same values as ``sklearn.metrics.precision_recall_curve``.

    Examples
    --------
    >>> from dlnotes.metrics import precision_recall_curve
    >>> precision, recall, thresholds = precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> precision
    array([0.5       , 0.66666667, 0.5       , 1.        , 1.        ])
    >>> recall, thresholds
    (array([1. , 1. , 0.5, 0.5, 0. ]), array([0.1 , 0.35, 0.4 , 0.8 ]))
    """
    drop_intermediate = check_bool(drop_intermediate, "drop_intermediate")
    _, is_pos, y_score, w, pos_label = _binary_inputs(y_true, y_score, sample_weight, pos_label)
    return _precision_recall_curve(is_pos, y_score, w, pos_label, drop_intermediate)


def _precision_recall_curve(is_pos, y_score, w, pos_label, drop_intermediate):
    """The precision-recall curve of checked inputs."""
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
    y_true : array_like, shape (n_samples,)
        True binary labels.
    y_score : array_like, shape (n_samples,)
        Scores; larger means more positive.
    average : {'micro', 'macro', 'samples', 'weighted'} or None, default 'macro'
        Accepted for signature compatibility; ignored for binary ``y_true`` (as in
        scikit-learn).
    pos_label : int, float, bool or str, default 1
        The positive class.
    sample_weight : array_like, shape (n_samples,), default None
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

    See Also
    --------
    precision_recall_curve : The curve it summarises.
    roc_auc_score : The area under the ROC curve.

    Notes
    -----
    Same values as ``sklearn.metrics.average_precision_score``.

    Examples
    --------
    Recall 1/2 at precision 1, then the last 1/2 at precision 2/3:

    >>> from dlnotes.metrics import average_precision_score
    >>> average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.8333333333333333
    """
    _check_ignored_average(average)
    check_label(pos_label, "pos_label", allow_none=False)
    y_true, is_pos, y_score, w, pos_label = _binary_inputs(y_true, y_score, sample_weight, pos_label)
    classes = _fast_binary_classes(y_true)
    if classes is None:
        raise ValueError("y_true has more than two classes: multiclass average precision is not supported")
    if classes.size == 2 and not _contains(classes, pos_label):
        raise ValueError(
            f"pos_label={pos_label!r} is not a valid label. It should be one of {classes.tolist()}"
        )
    precision, recall, _ = _precision_recall_curve(is_pos, y_score, w, pos_label, False)
    return float(max(0.0, -np.dot(np.diff(recall), precision[:-1])))
