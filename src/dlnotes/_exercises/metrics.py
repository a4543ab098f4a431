"""Answers of the metrics chapter's exercises (``docs/metrics_exercises.md``)."""

import numpy as np

from dlnotes import metrics as M
from dlnotes._validation import as_float_array

from ._registry import AnswerRegistry

__all__ = ["answers", "auc_by_ranks"]

_answer = AnswerRegistry()


def auc_by_ranks(y_true, y_score):
    r"""ROC-AUC from ranks (Mann-Whitney U), with tied scores given their average rank.

    :math:`\mathrm{AUC} = \bigl(R_+ - n_+(n_+ + 1)/2\bigr)/(n_+ n_-)`, where :math:`R_+` is the
    sum of the positives' ranks; :math:`O(n \log n)`.

    Parameters
    ----------
    y_true : array_like of {0, 1}
        Labels; both classes must occur.
    y_score : array_like
        Scores, higher meaning more likely positive.

    Returns
    -------
    float
        :math:`P(s^+ > s^-) + \tfrac12 P(s^+ = s^-)`.

    Examples
    --------
    >>> auc_by_ranks([0, 1, 0, 1], [0.1, 0.4, 0.4, 0.8])
    0.875
    """
    y = as_float_array(y_true, "y_true", allow_inf=False, allow_empty=False)
    s = as_float_array(y_score, "y_score", allow_empty=False)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError(f"y_true and y_score must be 1-d of the same length, got {y.shape} and {s.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true must contain only 0 and 1")
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("y_true must contain both classes")
    order = np.argsort(s, kind="stable")
    sorted_s = s[order]
    ranks = np.empty(s.size)
    # average rank (1-based) of each run of equal scores
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_s)) + 1]
    ends = np.r_[starts[1:], s.size]
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)
    r_pos = ranks[y == 1].sum()
    return float((r_pos - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _labels(tp, fp, fn, tn):
    y_true = np.r_[np.ones(tp + fn, int), np.zeros(fp + tn, int)]
    y_pred = np.r_[np.ones(tp, int), np.zeros(fn, int), np.ones(fp, int), np.zeros(tn, int)]
    return y_true, y_pred


@_answer
def _confusion():
    yt, yp = _labels(40, 10, 20, 130)
    return {"cm-acc": float(M.accuracy_score(yt, yp)), "cm-prec": float(M.precision_score(yt, yp)),
            "cm-rec": float(M.recall_score(yt, yp)), "cm-spec": float(M.recall_score(yt, yp, pos_label=0)),
            "cm-f1": float(M.f1_score(yt, yp)), "cm-f2": float(M.fbeta_score(yt, yp, beta=2)),
            "cm-fpr": 10 / 140}


@_answer
def _f1_mean():
    p, r = 0.95, 0.05
    return {"f1m-f1": 2 * p * r / (p + r), "f1m-gm": float(np.sqrt(p * r)), "f1m-am": (p + r) / 2}


@_answer
def _cost_threshold():
    return {"cost-t": 1 / (1 + 20)}


AUC_Y = np.array([1, 0, 1, 0, 1, 0])
AUC_S = np.array([0.9, 0.8, 0.7, 0.7, 0.4, 0.2])


@_answer
def _auc():
    pos, neg = AUC_S[AUC_Y == 1], AUC_S[AUC_Y == 0]
    gt = int((pos[:, None] > neg[None, :]).sum())
    eq = int((pos[:, None] == neg[None, :]).sum())
    order = np.argsort(AUC_S)
    ranks = np.empty(AUC_S.size)
    ranks[order] = np.arange(1, AUC_S.size + 1)
    for value in np.unique(AUC_S):  # tied scores share their average rank
        ranks[AUC_S == value] = ranks[AUC_S == value].mean()
    r_pos = float(ranks[AUC_Y == 1].sum())
    n_pos = int(AUC_Y.sum())
    return {"auc-pairs": pos.size * neg.size, "auc-gt": gt, "auc-eq": eq, "auc-tie-rank": float(ranks[2]),
            "auc-rsum": r_pos, "auc-u": r_pos - n_pos * (n_pos + 1) / 2,
            "auc-value": float(M.roc_auc_score(AUC_Y, AUC_S)), "auc-ranks": auc_by_ranks(AUC_Y, AUC_S)}


AP_Y = np.array([1, 0, 1, 1, 0])
AP_S = np.array([0.9, 0.8, 0.7, 0.6, 0.5])


@_answer
def _average_precision():
    return {"ap-value": float(M.average_precision_score(AP_Y, AP_S)), "ap-base": float(AP_Y.mean())}


@_answer
def _imbalance():
    tpr, fpr = 0.8, 0.05
    out = {}
    for tag, pi in (("1", 0.01), ("50", 0.5)):
        out[f"imb-p{tag}"] = pi * tpr / (pi * tpr + (1 - pi) * fpr)
    n = 100_000
    out["imb-fp"] = int(round(n * 0.99 * fpr))
    out["imb-tp"] = int(round(n * 0.01 * tpr))
    return out


REG_Y, REG_P = np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])


@_answer
def _regression():
    return {"reg-mse": float(M.mean_squared_error(REG_Y, REG_P)), "reg-rmse": float(M.root_mean_squared_error(REG_Y, REG_P)),
            "reg-mae": float(M.mean_absolute_error(REG_Y, REG_P)), "reg-r2": float(M.r2_score(REG_Y, REG_P))}


@_answer
def _negative_r2():
    y, p = np.array([2.0, 4.0, 6.0]), np.array([6.0, 2.0, 5.0])
    return {"r2n-ssres": float(((y - p) ** 2).sum()), "r2n-sstot": float(((y - y.mean()) ** 2).sum()),
            "r2n-value": float(M.r2_score(y, p))}


TOPK_SCORES = np.array([[0.1, 0.5, 0.2, 0.15, 0.05],
                        [0.3, 0.1, 0.25, 0.2, 0.15],
                        [0.05, 0.1, 0.2, 0.25, 0.4],
                        [0.2, 0.2, 0.1, 0.3, 0.2]])
TOPK_Y = np.array([1, 2, 2, 0])


@_answer
def _topk():
    labels = np.arange(TOPK_SCORES.shape[1])
    return {"topk-1": float(M.top_k_accuracy_score(TOPK_Y, TOPK_SCORES, k=1, labels=labels)),
            "topk-3": float(M.top_k_accuracy_score(TOPK_Y, TOPK_SCORES, k=3, labels=labels))}


MC_CM = np.array([[50, 5, 5], [10, 20, 10], [0, 5, 15]])  # rows: true class, columns: predicted


def _mc_labels():
    yt, yp = [], []
    for i in range(3):
        for j in range(3):
            yt += [i] * MC_CM[i, j]
            yp += [j] * MC_CM[i, j]
    return np.array(yt), np.array(yp)


@_answer
def _multiclass():
    yt, yp = _mc_labels()
    per_class = M.f1_score(yt, yp, average=None)
    out = {f"mc-f1-{i}": float(v) for i, v in enumerate(per_class)}
    for avg in ("macro", "micro", "weighted"):
        out[f"mc-{avg}"] = float(M.f1_score(yt, yp, average=avg))
    out["mc-acc"] = float(M.accuracy_score(yt, yp))
    return out


def answers():
    """Every number quoted by the chapter's solutions, by glue name.

    Returns
    -------
    dict
        Glue name -> int, float or str.
    """
    return _answer.compute()
