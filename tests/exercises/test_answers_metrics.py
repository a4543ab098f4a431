"""The metrics chapter's computed answers, each against scikit-learn, SciPy or a closed form."""

from fractions import Fraction

import numpy as np
import pytest
from scipy.stats import mannwhitneyu, rankdata
from sklearn import metrics as S

from _answers import Coverage
from dlnotes._exercises import metrics as ex

cov = Coverage(ex)
A = cov.answers


@cov("cm-acc", "cm-prec", "cm-rec", "cm-spec", "cm-f1", "cm-f2", "cm-fpr")
def test_rates_from_a_confusion_matrix():
    yt, yp = ex._labels(40, 10, 20, 130)
    tn, fp, fn, tp = S.confusion_matrix(yt, yp).ravel()
    assert (tp, fp, fn, tn) == (40, 10, 20, 130)
    assert A["cm-acc"] == pytest.approx(S.accuracy_score(yt, yp), rel=1e-15)
    assert A["cm-prec"] == pytest.approx(S.precision_score(yt, yp), rel=1e-15)
    assert A["cm-rec"] == pytest.approx(S.recall_score(yt, yp), rel=1e-15)
    assert A["cm-spec"] == pytest.approx(S.recall_score(yt, yp, pos_label=0), rel=1e-15)
    assert A["cm-f1"] == pytest.approx(S.f1_score(yt, yp), rel=1e-15)
    assert A["cm-f2"] == pytest.approx(S.fbeta_score(yt, yp, beta=2), rel=1e-14)
    assert A["cm-fpr"] == pytest.approx(fp / (fp + tn), rel=1e-15)


@cov("f1m-f1", "f1m-gm", "f1m-am")
def test_three_means():
    p, r = Fraction(95, 100), Fraction(5, 100)
    assert A["f1m-f1"] == pytest.approx(float(2 / (1 / p + 1 / r)), rel=1e-14)
    assert A["f1m-gm"] == pytest.approx(float(p * r) ** 0.5, rel=1e-14)
    assert A["f1m-am"] == float((p + r) / 2)


@cov("cost-t")
def test_cost_threshold():
    # expected costs (1 - p) c_fp and p c_fn cross at the threshold
    t = A["cost-t"]
    assert (1 - t) * 1 == pytest.approx(t * 20, rel=1e-14)


@cov("auc-pairs", "auc-gt", "auc-eq", "auc-value", "auc-ranks", "auc-tie-rank", "auc-rsum", "auc-u")
def test_auc_answers():
    y, s = ex.AUC_Y, ex.AUC_S
    ranks = rankdata(s)  # average ranks of ties
    assert A["auc-tie-rank"] == ranks[2] == ranks[3]
    assert A["auc-rsum"] == ranks[y == 1].sum()
    assert A["auc-u"] == mannwhitneyu(s[y == 1], s[y == 0]).statistic
    assert A["auc-value"] == pytest.approx(S.roc_auc_score(y, s), rel=1e-15)
    assert A["auc-ranks"] == pytest.approx(S.roc_auc_score(y, s), rel=1e-15)
    u = mannwhitneyu(s[y == 1], s[y == 0]).statistic
    assert A["auc-gt"] + 0.5 * A["auc-eq"] == u
    assert A["auc-pairs"] == (y == 1).sum() * (y == 0).sum()


@pytest.mark.parametrize("case", ["random", "ties", "tiny"])
def test_auc_by_ranks_matches_sklearn(case):
    rng = np.random.default_rng(len(case))
    if case == "tiny":
        y, s = np.array([0, 1]), np.array([0.5, 0.5])
    else:
        y = (rng.random(300) < 0.3).astype(int)
        s = rng.normal(size=300) + y
        if case == "ties":
            s = np.round(s)
    assert ex.auc_by_ranks(y, s) == pytest.approx(S.roc_auc_score(y, s), rel=1e-13)
    with pytest.raises(ValueError, match="both classes"):
        ex.auc_by_ranks(np.zeros(3), np.arange(3.0))


@cov("ap-value", "ap-base")
def test_average_precision():
    assert A["ap-value"] == pytest.approx(S.average_precision_score(ex.AP_Y, ex.AP_S), rel=1e-15)
    assert A["ap-value"] == pytest.approx(float((Fraction(1) + Fraction(2, 3) + Fraction(3, 4)) / 3), rel=1e-15)
    assert A["ap-base"] == pytest.approx(ex.AP_Y.mean())


@cov("imb-p1", "imb-p50", "imb-fp", "imb-tp")
def test_precision_under_imbalance():
    n = 100_000
    for tag, pi in (("1", 0.01), ("50", 0.5)):
        n_pos = int(n * pi)
        n_neg = n - n_pos
        tp, fp = int(round(0.8 * n_pos)), int(round(0.05 * n_neg))
        y_true = np.r_[np.ones(n_pos, int), np.zeros(n_neg, int)]
        y_pred = np.r_[np.ones(tp, int), np.zeros(n_pos - tp, int), np.ones(fp, int), np.zeros(n_neg - fp, int)]
        assert A[f"imb-p{tag}"] == pytest.approx(S.precision_score(y_true, y_pred), rel=1e-12)
        if tag == "1":
            assert (A["imb-tp"], A["imb-fp"]) == (tp, fp)


@cov("reg-mse", "reg-rmse", "reg-mae", "reg-r2")
def test_regression_metrics():
    y, p = ex.REG_Y, ex.REG_P
    assert A["reg-mse"] == pytest.approx(S.mean_squared_error(y, p), rel=1e-15)
    assert A["reg-rmse"] == pytest.approx(S.root_mean_squared_error(y, p), rel=1e-15)
    assert A["reg-mae"] == pytest.approx(S.mean_absolute_error(y, p), rel=1e-15)
    assert A["reg-r2"] == pytest.approx(S.r2_score(y, p), rel=1e-14)


@cov("r2n-ssres", "r2n-sstot", "r2n-value")
def test_negative_r2():
    y, p = np.array([2.0, 4.0, 6.0]), np.array([6.0, 2.0, 5.0])
    assert A["r2n-value"] == pytest.approx(S.r2_score(y, p), rel=1e-15)
    assert (A["r2n-ssres"], A["r2n-sstot"]) == (21.0, 8.0)
    assert 1 - A["r2n-ssres"] / A["r2n-sstot"] == pytest.approx(S.r2_score(y, p), rel=1e-15)


@cov("topk-1", "topk-3")
def test_top_k_accuracy():
    labels = np.arange(5)
    for k in (1, 3):
        ref = S.top_k_accuracy_score(ex.TOPK_Y, ex.TOPK_SCORES, k=k, labels=labels)
        assert A[f"topk-{k}"] == pytest.approx(ref, rel=1e-15)


@cov("mc-f1-0", "mc-f1-1", "mc-f1-2", "mc-macro", "mc-micro", "mc-weighted", "mc-acc")
def test_multiclass_averages():
    yt, yp = ex._mc_labels()
    np.testing.assert_array_equal(S.confusion_matrix(yt, yp), ex.MC_CM)
    per = S.f1_score(yt, yp, average=None)
    for i in range(3):
        assert A[f"mc-f1-{i}"] == pytest.approx(per[i], rel=1e-15)
    for avg in ("macro", "micro", "weighted"):
        assert A[f"mc-{avg}"] == pytest.approx(S.f1_score(yt, yp, average=avg), rel=1e-14)
    assert A["mc-acc"] == pytest.approx(S.accuracy_score(yt, yp), rel=1e-15)


def test_every_answer_is_checked():
    assert not cov.missing(), cov.missing()
