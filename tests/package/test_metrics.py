"""Gold-reference tests for :mod:`dlnotes.metrics`.

Every function is called with the same arguments as its ``sklearn.metrics`` namesake
(scikit-learn 1.9) and must agree to 1e-12 (counts and thresholds exactly): on random
scores, heavily tied scores, integer scores, tiny inputs (n = 2, 3), with and without
sample weights.  A few hand-computed values and an O(n^2) pair count give references
that do not come from either library.  Degenerate input must raise a ``ValueError``
naming the argument, and the test also pins down what scikit-learn does with it.
"""

import warnings
import zlib

import numpy as np
import pytest
from sklearn import metrics as S
from sklearn.exceptions import UndefinedMetricWarning as SkUndefined

from dlnotes import metrics as D

TOL = dict(rtol=0, atol=1e-12)


def close(ours, ref):
    """Floats, arrays and tuples of arrays equal to 1e-12 (NaN == NaN)."""
    if isinstance(ref, tuple):
        assert isinstance(ours, tuple) and len(ours) == len(ref)
        for a, b in zip(ours, ref):
            close(a, b)
        return
    if ref is None:
        assert ours is None
        return
    np.testing.assert_allclose(np.asarray(ours, dtype=float), np.asarray(ref, dtype=float), **TOL)
    assert np.shape(ours) == np.shape(ref)


# --------------------------------------------------------------------------------------
# Binary score data sets
# --------------------------------------------------------------------------------------


def _binary_case(name):
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    if name == "tiny2":
        return np.array([0, 1]), np.array([0.3, 0.3])  # one tied pair
    if name == "tiny2_sorted":
        return np.array([1, 0]), np.array([0.9, 0.1])
    if name == "tiny3":
        return np.array([1, 0, 1]), np.array([0.2, 0.5, 0.5])
    n = 400
    y = (rng.random(n) < 0.3).astype(np.int64)
    if name == "random":
        s = rng.normal(size=n) + 0.8 * y
    elif name == "ties":  # heavily tied: 5 distinct scores
        s = np.clip(np.round(rng.normal(size=n) + 0.8 * y), -2, 2) / 4 + 0.5
    elif name == "integer":  # int dtype scores
        s = rng.integers(0, 10, size=n) + 3 * y
    elif name == "all_tied":
        s = np.full(n, 0.7)
    elif name == "separable":
        s = y + rng.random(n) * 0.5
    elif name == "pm1":  # labels {-1, 1}
        s = rng.normal(size=n) + y
        y = 2 * y - 1
    elif name == "bool":
        s = rng.normal(size=n) + y
        y = y.astype(bool)
    elif name == "float_labels":
        s = rng.normal(size=n) + y
        y = y.astype(np.float64)
    else:
        raise KeyError(name)
    return y, s


CASES = ["tiny2", "tiny2_sorted", "tiny3", "random", "ties", "integer", "all_tied",
         "separable", "pm1", "bool", "float_labels"]


def _weights(n, kind, seed=0):
    rng = np.random.default_rng(seed)
    if kind is None:
        return None
    if kind == "random":
        return rng.random(n) + 0.1
    if kind == "integer":
        return rng.integers(1, 5, size=n)
    if kind == "with_zeros":  # zero weights must not create thresholds
        w = rng.random(n) + 0.1
        w[::3] = 0.0
        w[: min(n, 2)] = 1.0
        return w
    raise KeyError(kind)


WEIGHTS = [None, "random", "integer", "with_zeros"]


def _usable(y, w):
    """Both classes keep positive weight (else the curves are undefined)."""
    weight = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
    pos = np.asarray(y) == np.max(y)
    return weight[pos].sum() > 0 and weight[~pos].sum() > 0


@pytest.mark.parametrize("weight_kind", WEIGHTS)
@pytest.mark.parametrize("case", CASES)
def test_ranking_metrics_match_sklearn(case, weight_kind):
    y, s = _binary_case(case)
    w = _weights(len(y), weight_kind)
    if not _usable(y, w):
        pytest.skip("weights remove a class")
    kw = dict(sample_weight=w)
    for drop in (True, False):
        close(D.roc_curve(y, s, drop_intermediate=drop, **kw),
              S.roc_curve(y, s, drop_intermediate=drop, **kw))
        close(D.precision_recall_curve(y, s, drop_intermediate=drop, **kw),
              S.precision_recall_curve(y, s, drop_intermediate=drop, **kw))
    close(D.confusion_matrix_at_thresholds(y, s, **kw), S.confusion_matrix_at_thresholds(y, s, **kw))
    close(D.roc_auc_score(y, s, **kw), S.roc_auc_score(y, s, **kw))
    close(D.average_precision_score(y, s, **kw), S.average_precision_score(y, s, **kw))


def test_roc_thresholds_start_at_inf_and_rates_are_monotone():
    y, s = _binary_case("ties")
    fpr, tpr, thr = D.roc_curve(y, s)
    assert thr[0] == np.inf and np.all(np.diff(thr) < 0)
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0.0, 0.0, 1.0, 1.0)
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)
    p, r, t = D.precision_recall_curve(y, s)
    assert p[-1] == 1.0 and r[-1] == 0.0 and r[0] == 1.0 and np.all(np.diff(t) > 0)
    assert p[0] == pytest.approx(y.mean(), abs=1e-15)  # lowest threshold: all positive


def test_threshold_is_inclusive():
    # score >= threshold means positive: at threshold 0.5 both 0.5-scored samples count
    y = np.array([0, 1, 1, 0])
    s = np.array([0.5, 0.5, 0.9, 0.1])
    tns, fps, fns, tps, thr = D.confusion_matrix_at_thresholds(y, s)
    np.testing.assert_array_equal(thr, [0.9, 0.5, 0.1])
    np.testing.assert_array_equal(tps, [1, 2, 2])
    np.testing.assert_array_equal(fps, [0, 1, 2])
    np.testing.assert_array_equal(tns, [2, 1, 0])
    np.testing.assert_array_equal(fns, [1, 0, 0])


@pytest.mark.parametrize("pos_label", [2, 7])
def test_pos_label_other_labels(pos_label):
    rng = np.random.default_rng(5)
    y = rng.choice([2, 7], size=60)
    s = rng.normal(size=60) + (y == 7)
    close(D.roc_curve(y, s, pos_label=pos_label), S.roc_curve(y, s, pos_label=pos_label))
    close(D.precision_recall_curve(y, s, pos_label=pos_label),
          S.precision_recall_curve(y, s, pos_label=pos_label))
    close(D.average_precision_score(y, s, pos_label=pos_label),
          S.average_precision_score(y, s, pos_label=pos_label))
    close(D.roc_auc_score(y, s), S.roc_auc_score(y, s))  # larger label is positive


def test_string_labels_and_multiclass_with_pos_label():
    rng = np.random.default_rng(6)
    y = rng.choice(["ham", "spam"], size=50)
    s = rng.normal(size=50) + (y == "spam")
    close(D.roc_curve(y, s, pos_label="spam"), S.roc_curve(y, s, pos_label="spam"))
    close(D.roc_auc_score(y, s), S.roc_auc_score(y, s))
    close(D.average_precision_score(y, s, pos_label="ham"), S.average_precision_score(y, s, pos_label="ham"))
    # one class against the rest: multiclass y_true is fine when pos_label is given
    y3 = rng.integers(0, 3, size=80)
    s3 = rng.normal(size=80)
    close(D.roc_curve(y3, s3, pos_label=2), S.roc_curve(y3, s3, pos_label=2))
    close(D.precision_recall_curve(y3, s3, pos_label=0), S.precision_recall_curve(y3, s3, pos_label=0))


def test_column_vector_inputs():
    y, s = _binary_case("random")
    close(D.roc_auc_score(y[:, None], s[:, None]), S.roc_auc_score(y[:, None], s[:, None]))


def test_auc_hand_computed_with_tie():
    # positives score {1, 2}, negatives {1, 0}: pairs 1 v 1 (tie, 1/2), 1 v 0, 2 v 1, 2 v 0
    y = [0, 1, 0, 1]
    s = [1, 1, 0, 2]
    assert D.roc_auc_score(y, s) == 3.5 / 4
    assert D.roc_auc_score([0, 1], [0.3, 0.3]) == 0.5
    assert D.roc_auc_score([1, 0], [0.3, 0.2]) == 1.0
    assert D.roc_auc_score([1, 0], [0.2, 0.3]) == 0.0
    # AP: thresholds 2 (P=1, R=1/2), 1 (P=2/3, R=1) -> 1/2 * 1 + 1/2 * 2/3
    assert D.average_precision_score(y, s) == pytest.approx(0.5 + 1 / 3, abs=1e-15)


@pytest.mark.parametrize("case", ["random", "ties", "integer", "all_tied", "tiny3"])
def test_auc_equals_pair_count(case):
    y, s = _binary_case(case)
    y = np.asarray(y) == np.max(y)
    sp, sn = np.asarray(s, float)[y][:, None], np.asarray(s, float)[~y][None, :]
    pairs = (sp > sn).sum() + 0.5 * (sp == sn).sum()
    assert D.roc_auc_score(y, s) == pytest.approx(pairs / (sp.size * sn.size), abs=1e-15)
    w = np.ones(len(y))
    assert D.roc_auc_score(y, s, sample_weight=w) == pytest.approx(pairs / (sp.size * sn.size), abs=1e-13)


def test_weighted_auc_equals_weighted_pair_count():
    rng = np.random.default_rng(8)
    y = rng.random(300) < 0.4
    s = np.round(rng.normal(size=300) + y, 1)
    w = rng.random(300)
    wp, wn = w[y][:, None], w[~y][None, :]
    sp, sn = s[y][:, None], s[~y][None, :]
    ref = (wp * wn * ((sp > sn) + 0.5 * (sp == sn))).sum() / (wp.sum() * wn.sum())
    assert D.roc_auc_score(y, s, sample_weight=w) == pytest.approx(ref, abs=1e-13)


def test_integer_weights_equal_repeated_samples():
    y, s = _binary_case("ties")
    w = _weights(len(y), "integer")
    rep = np.repeat(np.arange(len(y)), w)
    close(D.roc_auc_score(y, s, sample_weight=w), D.roc_auc_score(y[rep], s[rep]))
    close(D.average_precision_score(y, s, sample_weight=w), D.average_precision_score(y[rep], s[rep]))


def test_large_input_fast_path():
    rng = np.random.default_rng(9)
    n = 200_000
    y = (rng.random(n) < 0.1).astype(np.int8)
    s = np.round(rng.normal(size=n) + y, 2)  # many ties across classes
    close(D.roc_auc_score(y, s), S.roc_auc_score(y, s))


def test_roc_auc_is_invariant_under_monotone_transforms():
    y, s = _binary_case("random")
    assert D.roc_auc_score(y, s) == D.roc_auc_score(y, np.exp(s)) == D.roc_auc_score(y, 3 * s - 1)
    assert D.roc_auc_score(y, -s) == pytest.approx(1 - D.roc_auc_score(y, s), abs=1e-15)


# --------------------------------------------------------------------------------------
# Confusion matrix, accuracy, precision / recall / F
# --------------------------------------------------------------------------------------


def _labels_case(name, n=120, seed=0):
    rng = np.random.default_rng(seed)
    if name == "binary":
        return rng.integers(0, 2, n), rng.integers(0, 2, n)
    if name == "multiclass":
        y = rng.integers(0, 4, n)
        return y, np.where(rng.random(n) < 0.6, y, rng.integers(0, 4, n))
    if name == "strings":
        c = np.array(["cat", "dog", "pig"])
        return c[rng.integers(0, 3, n)], c[rng.integers(0, 3, n)]
    if name == "pm1":
        return rng.choice([-1, 1], n), rng.choice([-1, 1], n)
    if name == "tiny2":
        return np.array([0, 1]), np.array([1, 1])
    if name == "tiny3":
        return np.array([2, 0, 2]), np.array([2, 2, 1])
    raise KeyError(name)


LABEL_CASES = ["binary", "multiclass", "strings", "pm1", "tiny2", "tiny3"]


@pytest.mark.parametrize("normalize", [None, "true", "pred", "all"])
@pytest.mark.parametrize("weight_kind", [None, "random", "integer"])
@pytest.mark.parametrize("case", LABEL_CASES)
def test_confusion_matrix_matches_sklearn(case, weight_kind, normalize):
    y, p = _labels_case(case)
    w = _weights(len(y), weight_kind)
    ours = D.confusion_matrix(y, p, sample_weight=w, normalize=normalize)
    ref = S.confusion_matrix(y, p, sample_weight=w, normalize=normalize)
    assert ours.dtype == ref.dtype
    close(ours, ref)


def test_confusion_matrix_labels_order_and_subset():
    y, p = _labels_case("multiclass")
    for labels in ([3, 1, 0, 2], [2, 0], [0, 1, 2, 3, 9]):
        np.testing.assert_array_equal(D.confusion_matrix(y, p, labels=labels),
                                      S.confusion_matrix(y, p, labels=labels))
    tn, fp, fn, tp = D.confusion_matrix([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]).ravel()
    assert (tn, fp, fn, tp) == (1, 1, 1, 2)


@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("weight_kind", [None, "random"])
@pytest.mark.parametrize("case", LABEL_CASES)
def test_accuracy_matches_sklearn(case, weight_kind, normalize):
    y, p = _labels_case(case)
    w = _weights(len(y), weight_kind)
    close(D.accuracy_score(y, p, normalize=normalize, sample_weight=w),
          S.accuracy_score(y, p, normalize=normalize, sample_weight=w))


def _prf_call(lib, name, y, p, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zero-division warnings are tested separately
        return getattr(lib, name)(y, p, **kw)


PRF = ["precision_score", "recall_score", "f1_score"]


PRF_CASES = [(a, c) for a in ["binary", None, "micro", "macro", "weighted"]
             for c in ["binary", "pm1", "tiny2", "tiny3", "multiclass", "strings"]
             if a != "binary" or c in ("binary", "pm1", "tiny2")]


@pytest.mark.parametrize("weight_kind", [None, "random"])
@pytest.mark.parametrize("average, case", PRF_CASES)
def test_precision_recall_f_match_sklearn(average, case, weight_kind):
    y, p = _labels_case(case)
    classes = np.unique(np.concatenate([y, p]))
    kw = dict(average=average, sample_weight=_weights(len(y), weight_kind))
    if average == "binary" and case != "binary":
        kw["pos_label"] = classes[-1].item()
    for name in PRF:
        close(_prf_call(D, name, y, p, **kw), _prf_call(S, name, y, p, **kw))
    for beta in (0.0, 0.5, 2.0, np.inf):
        close(_prf_call(D, "fbeta_score", y, p, beta=beta, **kw),
              _prf_call(S, "fbeta_score", y, p, beta=beta, **kw))
    close(_prf_call(D, "precision_recall_fscore_support", y, p, beta=2.0, **kw),
          _prf_call(S, "precision_recall_fscore_support", y, p, beta=2.0, **kw))


def test_f1_is_harmonic_mean_not_geometric():
    # TP = 40, FP = 10, FN = 30: P = 0.8, R = 4/7
    y = np.r_[np.ones(70), np.zeros(10)]
    p = np.r_[np.ones(40), np.zeros(30), np.ones(10)]
    precision, recall = 0.8, 40 / 70
    f1 = D.f1_score(y, p)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall), abs=1e-15)
    assert f1 == pytest.approx(2 * 40 / (2 * 40 + 10 + 30), abs=1e-15)
    assert f1 < np.sqrt(precision * recall)  # harmonic < geometric when P != R
    assert D.fbeta_score(y, p, beta=2) == pytest.approx(5 * 40 / (5 * 40 + 4 * 30 + 10), abs=1e-15)


def test_recall_of_negative_class_is_specificity():
    y = np.array([0, 0, 0, 0, 1, 1])
    p = np.array([0, 0, 1, 0, 1, 0])
    assert D.recall_score(y, p, pos_label=0) == 3 / 4  # TN / (TN + FP)


def test_labels_parameter_for_averages():
    y, p = _labels_case("multiclass")
    for labels in ([0, 2], [3, 1, 0], [0, 1, 2, 3, 5]):
        for average in (None, "micro", "macro", "weighted"):
            close(_prf_call(D, "f1_score", y, p, labels=labels, average=average),
                  _prf_call(S, "f1_score", y, p, labels=labels, average=average))


@pytest.mark.parametrize("zero_division", [0, 1, 0.0, 1.0, np.nan])
@pytest.mark.parametrize("average", ["binary", None, "macro", "weighted", "micro"])
def test_zero_division_values(zero_division, average):
    cases = [([0, 1, 1, 0], [0, 0, 0, 0]),  # no predicted positives
             ([0, 0, 0], [0, 0, 0]),  # nothing positive at all
             ([0, 0, 2, 2], [0, 1, 1, 0])]  # class 1 only predicted
    for y, p in cases:
        if average == "binary" and len(set(y) | set(p)) > 2:
            continue
        kw = dict(average=average, zero_division=zero_division)
        for name in PRF:
            close(getattr(D, name)(y, p, **kw), getattr(S, name)(y, p, **kw))


def test_zero_division_warn_gives_zero_and_warns():
    y, p = [0, 1, 1, 0], [0, 0, 0, 0]
    with pytest.warns(D.UndefinedMetricWarning, match="Precision is ill-defined"):
        assert D.precision_score(y, p) == 0.0
    with pytest.warns(SkUndefined, match="Precision is ill-defined"):
        assert S.precision_score(y, p) == 0.0
    assert D.recall_score(y, p) == 0.0  # recall is defined (no warning): 0 of 2 found
    assert D.f1_score(y, p) == 0.0  # F = 2TP / (2TP + FP + FN) = 0 / 2: defined
    with pytest.warns(D.UndefinedMetricWarning, match="F-score is ill-defined"):
        assert D.f1_score([0, 0], [0, 0]) == 0.0


def test_pos_label_ignored_warning_for_averages():
    y, p = _labels_case("multiclass")
    with pytest.warns(UserWarning, match="pos_label"):
        D.precision_score(y, p, average="macro", pos_label=2)


# --------------------------------------------------------------------------------------
# Top-k accuracy
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight_kind", [None, "random"])
@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_top_k_matches_sklearn_with_ties(k, normalize, weight_kind):
    rng = np.random.default_rng(11)
    n, c = 150, 5
    y = rng.integers(0, c, n)
    y[:c] = np.arange(c)
    scores = rng.integers(0, 3, size=(n, c)).astype(float)  # many ties between classes
    w = _weights(n, weight_kind)
    kw = dict(k=k, normalize=normalize, sample_weight=w)
    close(D.top_k_accuracy_score(y, scores, **kw), S.top_k_accuracy_score(y, scores, **kw))
    labels = np.arange(c + 2)
    wide = np.c_[scores, rng.random((n, 2))]
    close(D.top_k_accuracy_score(y, wide, labels=labels, **kw),
          S.top_k_accuracy_score(y, wide, labels=labels, **kw))


def test_top_1_is_accuracy_of_argmax_and_top_k_grows():
    rng = np.random.default_rng(12)
    y = rng.integers(0, 10, 300)
    scores = rng.normal(size=(300, 10))
    scores[np.arange(300), y] += 1.0
    assert D.top_k_accuracy_score(y, scores, k=1) == D.accuracy_score(y, scores.argmax(axis=1))
    accs = [D.top_k_accuracy_score(y, scores, k=k) for k in range(1, 10)]
    assert all(a <= b for a, b in zip(accs, accs[1:]))


@pytest.mark.parametrize("scores", [[0.2, 0.6, 0.4, 0.5, 0.9], [-1.0, 2.0, 0.0, -0.5, 0.3]])
def test_top_k_binary_scores(scores):
    y = [0, 1, 1, 0, 1]
    close(D.top_k_accuracy_score(y, scores, k=1), S.top_k_accuracy_score(y, scores, k=1))
    with pytest.warns(D.UndefinedMetricWarning, match="perfect score"):
        assert D.top_k_accuracy_score(y, scores, k=2) == 1.0


# --------------------------------------------------------------------------------------
# Regression
# --------------------------------------------------------------------------------------

REG = ["mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score"]


def _reg_case(name, seed=0):
    rng = np.random.default_rng(seed)
    if name == "1d":
        y = rng.normal(size=80)
        return y, y + 0.5 * rng.normal(size=80)
    if name == "2d":
        y = rng.normal(size=(80, 3)) * [1.0, 10.0, 0.1]
        return y, y + rng.normal(size=(80, 3))
    if name == "column":
        y = rng.normal(size=(20, 1))
        return y, y[::-1]
    if name == "tiny2":
        return np.array([1.0, 3.0]), np.array([2.0, 2.5])
    if name == "integers":
        return rng.integers(0, 10, 30), rng.integers(0, 10, 30)
    if name == "constant_true":
        return np.full(10, 4.0), np.linspace(3, 5, 10)
    if name == "constant_perfect":
        return np.full(10, 4.0), np.full(10, 4.0)
    if name == "mixed_constant":  # one output constant, one not
        y = np.c_[np.full(12, 2.0), rng.normal(size=12)]
        return y, y + rng.normal(size=(12, 2))
    raise KeyError(name)


REG_CASES = ["1d", "2d", "column", "tiny2", "integers", "constant_true", "constant_perfect",
             "mixed_constant"]


@pytest.mark.parametrize("weight_kind", [None, "random", "with_zeros"])
@pytest.mark.parametrize("case", REG_CASES)
@pytest.mark.parametrize("name", REG)
def test_regression_metrics_match_sklearn(name, case, weight_kind):
    y, p = _reg_case(case)
    w = _weights(len(y), weight_kind)
    n_out = 1 if np.ndim(y) == 1 else np.shape(y)[1]
    options = ["raw_values", "uniform_average"]
    if name == "r2_score":
        options.append("variance_weighted")
    if n_out > 1:
        options.append(np.arange(1.0, n_out + 1))
    for multioutput in options:
        kw = dict(sample_weight=w, multioutput=multioutput)
        close(getattr(D, name)(y, p, **kw), getattr(S, name)(y, p, **kw))
    if name == "r2_score":
        with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # sklearn's own 0/0
            close(D.r2_score(y, p, multioutput="raw_values", force_finite=False),
                  S.r2_score(y, p, multioutput="raw_values", force_finite=False))


def test_r2_closed_forms():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    assert D.r2_score(y, y) == 1.0
    assert D.r2_score(y, np.full(4, y.mean())) == 0.0
    # worse than the mean: predictions reversed, SS_res = 20, SS_tot = 5
    assert D.r2_score(y, y[::-1]) == pytest.approx(1 - 20 / 5, abs=1e-15)
    # R^2 = 1 - MSE / Var (population variance)
    rng = np.random.default_rng(1)
    t, q = rng.normal(size=50), rng.normal(size=50)
    assert D.r2_score(t, q) == pytest.approx(1 - D.mean_squared_error(t, q) / t.var(), abs=1e-13)
    assert D.root_mean_squared_error(t, q) == pytest.approx(np.sqrt(D.mean_squared_error(t, q)), abs=1e-15)


def test_training_r2_of_least_squares_with_intercept_is_non_negative():
    rng = np.random.default_rng(2)
    for _ in range(20):
        x = rng.normal(size=15)
        y = rng.normal(size=15)  # no relation at all
        slope, intercept = np.polyfit(x, y, 1)
        assert D.r2_score(y, slope * x + intercept) >= -1e-12


# --------------------------------------------------------------------------------------
# Degenerate input: clear ValueErrors (and what scikit-learn does with the same input)
# --------------------------------------------------------------------------------------


def _sklearn_rejects(func, *args, **kwargs):
    """scikit-learn raises, or warns that the result is undefined."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            func(*args, **kwargs)
        except (ValueError, IndexError):
            return True
    return any(issubclass(c.category, (SkUndefined, UserWarning)) for c in caught)


@pytest.mark.parametrize("ours, ref", [
    (D.roc_auc_score, S.roc_auc_score),
    (D.roc_curve, S.roc_curve),
])
@pytest.mark.parametrize("y", [[1, 1, 1], [0, 0, 0]])
def test_only_one_class_present(ours, ref, y):
    with pytest.raises(ValueError, match="y_true"):
        ours(y, [0.1, 0.2, 0.3])
    assert _sklearn_rejects(ref, y, [0.1, 0.2, 0.3])


def test_roc_auc_one_class_sklearn_warns_and_returns_nan():
    # scikit-learn 1.9 no longer raises here: it warns and returns NaN; we raise.
    with pytest.warns(SkUndefined, match="Only one class"):
        assert np.isnan(S.roc_auc_score([1, 1, 1], [0.1, 0.2, 0.3]))
    with pytest.raises(ValueError, match="Only one class"):
        D.roc_auc_score([1, 1, 1], [0.1, 0.2, 0.3])


@pytest.mark.parametrize("func", [D.precision_recall_curve, D.average_precision_score])
def test_no_positive_sample(func):
    with pytest.raises(ValueError, match="no positive"):
        func([0, 0, 0], [0.1, 0.2, 0.3])
    assert _sklearn_rejects(getattr(S, func.__name__), [0, 0, 0], [0.1, 0.2, 0.3])


RANKING = ["roc_curve", "precision_recall_curve", "roc_auc_score", "average_precision_score",
           "confusion_matrix_at_thresholds"]


@pytest.mark.parametrize("name", RANKING)
def test_empty_arrays(name):
    with pytest.raises(ValueError, match="y_true must not be empty"):
        getattr(D, name)([], [])
    assert _sklearn_rejects(getattr(S, name), [], [])


@pytest.mark.parametrize("name", ["roc_curve", "precision_recall_curve", "confusion_matrix_at_thresholds"])
@pytest.mark.parametrize("y", [[1, 2, 2, 1], [0, 1, 2, 1], ["a", "b", "b", "a"], [-1, 0, 0, -1]])
def test_labels_other_than_0_1_need_pos_label(name, y):
    s = [0.1, 0.4, 0.35, 0.8]
    with pytest.raises(ValueError, match="pos_label"):
        getattr(D, name)(y, s)
    with pytest.raises(ValueError, match="pos_label|multiclass format is not supported"):
        getattr(S, name)(y, s)


def test_average_precision_pos_label_must_be_present():
    with pytest.raises(ValueError, match="pos_label=1 is not a valid label"):
        D.average_precision_score([2, 3, 3, 2], [0.1, 0.4, 0.35, 0.8])
    with pytest.raises(ValueError, match="pos_label=1 is not a valid label"):
        S.average_precision_score([2, 3, 3, 2], [0.1, 0.4, 0.35, 0.8])


@pytest.mark.parametrize("name", RANKING)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_scores(name, bad):
    s = [0.1, bad, 0.35, 0.8]
    with pytest.raises(ValueError, match="y_score"):
        getattr(D, name)([0, 1, 1, 0], s)
    with pytest.raises(ValueError, match="Input contains"):
        getattr(S, name)([0, 1, 1, 0], s)


@pytest.mark.parametrize("name", RANKING)
def test_length_mismatch(name):
    with pytest.raises(ValueError, match="inconsistent numbers of samples.*y_score has 4"):
        getattr(D, name)([0, 1, 1], [0.1, 0.2, 0.3, 0.4])
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        getattr(S, name)([0, 1, 1], [0.1, 0.2, 0.3, 0.4])


@pytest.mark.parametrize("name", RANKING)
def test_bad_sample_weight(name):
    y, s = [0, 1, 1, 0], [0.1, 0.2, 0.3, 0.4]
    with pytest.raises(ValueError, match="sample_weight has 2 entries"):
        getattr(D, name)(y, s, sample_weight=[1.0, 2.0])
    with pytest.raises(ValueError, match="sample_weight contains NaN"):
        getattr(D, name)(y, s, sample_weight=[1.0, np.nan, 1.0, 1.0])
    with pytest.raises(ValueError, match="sample_weight must be non-negative"):
        getattr(D, name)(y, s, sample_weight=[1.0, -1.0, 1.0, 1.0])


def test_multiclass_and_unsupported_options_are_refused():
    y, s = [0, 1, 2, 1], [0.1, 0.2, 0.3, 0.4]
    with pytest.raises(ValueError, match="more than two classes"):
        D.roc_auc_score(y, s)
    with pytest.raises(ValueError, match="more than two classes"):
        D.average_precision_score(y, s)
    with pytest.raises(ValueError, match="max_fpr"):
        D.roc_auc_score([0, 1], [0.1, 0.2], max_fpr=0.5)
    with pytest.raises(ValueError, match="multi_class"):
        D.roc_auc_score([0, 1], [0.1, 0.2], multi_class="ovr")
    with pytest.raises(ValueError, match="y_score must be a 1-D array"):
        D.roc_curve([0, 1], [[0.1, 0.9], [0.2, 0.8]])


@pytest.mark.parametrize("name", ["accuracy_score", "confusion_matrix", *PRF])
def test_label_metrics_bad_input(name):
    func, ref = getattr(D, name), getattr(S, name)
    with pytest.raises(ValueError, match="y_true must not be empty"):
        func([], [])
    with pytest.raises(ValueError, match="Found empty input"):
        ref([], [])
    with pytest.raises(ValueError, match="inconsistent numbers of samples.*y_pred has 2"):
        func([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        ref([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="y_pred contains non-integer values"):
        func([0, 1, 1], [0.2, 0.7, 0.9])
    with pytest.raises(ValueError, match="continuous"):
        ref([0, 1, 1], [0.2, 0.7, 0.9])
    with pytest.raises(ValueError, match="y_true contains NaN"):
        func([0, np.nan, 1], [0, 1, 1])
    with pytest.raises(ValueError, match="Mix of label input types"):
        func(["a", "b", "a"], [0, 1, 1])


def test_prf_specific_errors():
    with pytest.raises(ValueError, match="average='binary'"):
        D.f1_score([0, 1, 2], [0, 1, 1])
    with pytest.raises(ValueError, match="average='binary'"):
        S.f1_score([0, 1, 2], [0, 1, 1])
    with pytest.raises(ValueError, match="pos_label=1 is not a valid label"):
        D.precision_score(["a", "b"], ["a", "b"])
    with pytest.raises(ValueError, match="average must be one of"):
        D.recall_score([0, 1], [0, 1], average="samples")
    with pytest.raises(ValueError, match="zero_division"):
        D.precision_score([0, 1], [0, 1], zero_division=2)
    with pytest.raises(ValueError, match="beta"):
        D.fbeta_score([0, 1], [0, 1], beta=-1.0)
    with pytest.raises(ValueError, match="labels should contain at least one label"):
        D.confusion_matrix([0, 1], [0, 1], labels=[])
    with pytest.raises(ValueError, match="At least one label specified"):
        D.confusion_matrix([0, 1], [0, 1], labels=[5])
    with pytest.raises(ValueError, match="normalize"):
        D.confusion_matrix([0, 1], [0, 1], normalize="rows")


def test_top_k_errors():
    y, s = [0, 1, 2], np.eye(3)
    with pytest.raises(ValueError, match="k must be an int >= 1"):
        D.top_k_accuracy_score(y, s, k=0)
    with pytest.raises(ValueError, match="Number of classes in y_true"):
        D.top_k_accuracy_score([0, 1, 1], s, k=1)
    with pytest.raises(ValueError, match="labels must be sorted"):
        D.top_k_accuracy_score(y, s, k=1, labels=[2, 1, 0])
    with pytest.raises(ValueError, match="y_true contains labels not in labels"):
        D.top_k_accuracy_score([0, 1, 5], s, k=1, labels=[0, 1, 2])
    with pytest.raises(ValueError, match="y_score contains NaN"):
        D.top_k_accuracy_score(y, np.full((3, 3), np.nan), k=1)
    # binary y_true with a 2-D y_score: scikit-learn refuses it too
    with pytest.raises(ValueError, match="y_true is binary while y_score is 2-D"):
        D.top_k_accuracy_score([0, 1, 1], [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4]], k=1)
    with pytest.raises(ValueError, match="binary while y_score is 2d"):
        S.top_k_accuracy_score([0, 1, 1], [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4]], k=1)
    # a column vector counts as 1-D
    col = np.array([[0.2], [0.8], [0.6]])
    assert D.top_k_accuracy_score([0, 1, 1], col, k=1) == S.top_k_accuracy_score([0, 1, 1], col, k=1)


@pytest.mark.parametrize("name", REG)
def test_regression_bad_input(name):
    func, ref = getattr(D, name), getattr(S, name)
    with pytest.raises(ValueError, match="y_true must not be empty"):
        func([], [])
    with pytest.raises(ValueError, match="0 sample"):
        ref([], [])
    with pytest.raises(ValueError, match="y_pred contains NaN"):
        func([1.0, 2.0], [1.0, np.nan])
    with pytest.raises(ValueError, match="y_pred must be finite"):
        func([1.0, 2.0], [1.0, np.inf])
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        func([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="different numbers of outputs"):
        func(np.ones((3, 2)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="multioutput"):
        func(np.ones((3, 2)), np.ones((3, 2)), multioutput=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="multioutput"):
        func(np.ones(3), np.ones(3), multioutput="average")
    with pytest.raises(TypeError, match="y_true must be a real numeric array"):
        func(["a", "b"], [1.0, 2.0])


@pytest.mark.parametrize("name", REG)
def test_multioutput_weights_must_average(name):
    """Issue 18, defect 5: weights summing to 0 raised ZeroDivisionError (from np.average,
    as in scikit-learn); the package's rule is a ValueError naming the argument."""
    func, ref = getattr(D, name), getattr(S, name)
    y, p = np.array([[1.0, 2.0], [2.0, 0.5], [3.0, 1.0]]), np.array([[1.5, 2.0], [2.0, 1.0], [2.0, 1.0]])
    with pytest.raises(ZeroDivisionError):
        ref(y, p, multioutput=[0.0, 0.0])
    for weights in ([0.0, 0.0], [1.0, -1.0], [-1.0, 0.5]):
        with pytest.raises(ValueError, match=r"^multioutput weights must be non-negative with a positive sum"):
            func(y, p, multioutput=weights)
    # a wrong shape says which shape is expected (it used to say "has 2 weights but there are 2 outputs")
    for weights in ([[1.0, 2.0]], [1.0, 2.0, 3.0], 1.0):
        with pytest.raises(ValueError, match=r"^multioutput weights must have shape \(n_outputs,\) = \(2,\)"):
            func(y, p, multioutput=weights)
    # one zero weight is fine: the other output alone, as in scikit-learn
    close(func(y, p, multioutput=[0.0, 3.0]), ref(y, p, multioutput=[0.0, 3.0]))


def test_r2_needs_two_samples():
    with pytest.raises(ValueError, match="at least two samples"):
        D.r2_score([1.0], [2.0])
    with pytest.warns(SkUndefined, match="less than two samples"):
        assert np.isnan(S.r2_score([1.0], [2.0]))
