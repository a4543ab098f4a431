"""Checks of the evaluation-metrics examples (``gallery/metrics``).

Each script runs once per session (see ``_gallery.py``); the variables it leaves behind
are checked against scikit-learn, scipy and closed forms, not against the scripts' own code.
"""

import math

import numpy as np
import pytest
from _gallery import run_example, scripts
from sklearn import metrics as S

SCRIPTS = scripts("metrics")
TOL = dict(rtol=0, atol=1e-12)


def test_scripts_found():
    assert "metrics/plot_01_confusion_matrix.py" in SCRIPTS
    assert len(SCRIPTS) == 8


def phi(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


# --- metrics/plot_01: confusion matrix and derived rates --------------------------------


@pytest.fixture(scope="module")
def ex01():
    return run_example("metrics/plot_01_confusion_matrix.py")[0]


def test_01_confusion_matrix(ex01):
    y, p = ex01["y_true"], ex01["y_pred"]
    ref = S.confusion_matrix(y, p)
    np.testing.assert_array_equal(ex01["cm"], ref)
    assert (ex01["tn"], ex01["fp"], ex01["fn"], ex01["tp"]) == tuple(ref.ravel())
    assert ex01["tp"] + ex01["fn"] == 50 and ex01["tn"] + ex01["fp"] == 150


def test_01_rates(ex01):
    y, p, r = ex01["y_true"], ex01["y_pred"], ex01["rates"]
    tn, fp, fn, tp = S.confusion_matrix(y, p).ravel()
    assert r["accuracy"] == pytest.approx(S.accuracy_score(y, p), abs=1e-12)
    assert r["precision (PPV)"] == pytest.approx(S.precision_score(y, p), abs=1e-12)
    assert r["recall (TPR)"] == pytest.approx(S.recall_score(y, p), abs=1e-12)
    assert r["specificity (TNR)"] == pytest.approx(tn / (tn + fp), abs=1e-12)
    assert r["FPR = 1 - TNR"] == pytest.approx(fp / (fp + tn), abs=1e-12)
    assert r["F1"] == pytest.approx(2 * tp / (2 * tp + fp + fn), abs=1e-12)
    assert r["F0.5"] == pytest.approx(S.fbeta_score(y, p, beta=0.5), abs=1e-12)
    assert r["F2"] == pytest.approx(S.fbeta_score(y, p, beta=2), abs=1e-12)
    assert ex01["lazy_accuracy"] == 0.99 and ex01["lazy_recall"] == 0.0


def test_01_means_are_ordered(ex01):
    h, g, a = ex01["harmonic"], ex01["geometric"], ex01["arithmetic"]
    assert np.all(h <= g + 1e-15) and np.all(g <= a + 1e-15)
    # F1 of the example lies on the harmonic curve (its recall was used)
    r = ex01["rates"]
    p0, r0 = r["precision (PPV)"], r["recall (TPR)"]
    assert r["F1"] == pytest.approx(2 * p0 * r0 / (p0 + r0), abs=1e-12)


# --- metrics/plot_02: top-k ----------------------------------------------------------


@pytest.fixture(scope="module")
def ex02():
    return run_example("metrics/plot_02_top_k.py")[0]


def test_02_top_k_matches_sklearn(ex02):
    y, scores = ex02["y_true"], ex02["scores"]
    for k, value in zip(ex02["ks"], ex02["top_k"]):
        assert value == pytest.approx(S.top_k_accuracy_score(y, scores, k=int(k)), abs=1e-12)
    assert ex02["top_k"][0] == pytest.approx(S.accuracy_score(y, scores.argmax(axis=1)), abs=1e-12)
    assert np.all(np.diff(ex02["top_k"]) >= 0)
    assert ex02["top5_error"] < ex02["top1_error"]


# --- metrics/plot_03: thresholds and costs --------------------------------------------


@pytest.fixture(scope="module")
def ex03():
    return run_example("metrics/plot_03_thresholds.py")[0]


def test_03_pr_curve_matches_sklearn(ex03):
    ref = S.precision_recall_curve(ex03["y"], ex03["prob"])
    for ours, theirs in zip((ex03["precision"], ex03["recall"], ex03["thresholds"]), ref):
        np.testing.assert_allclose(ours, theirs, **TOL)


def test_03_cost_curve(ex03):
    y, p = ex03["y_fraud"], ex03["p_fraud"]
    tns, fps, fns, tps, thr = S.confusion_matrix_at_thresholds(y, p)
    cost = (50.0 * fns + 1.0 * fps) / y.size
    np.testing.assert_allclose(ex03["thr"], thr, **TOL)
    np.testing.assert_allclose(ex03["cost"], cost, **TOL)
    assert ex03["best_cost"] == pytest.approx(cost.min(), abs=1e-12)
    # cost of the rule p >= 0.5, counted directly
    direct = (50.0 * np.sum((y == 1) & (p < 0.5)) + np.sum((y == 0) & (p >= 0.5))) / y.size
    assert ex03["cost_at_half"] == pytest.approx(direct, abs=1e-12)
    assert ex03["bayes_threshold"] == pytest.approx(1 / 51, abs=1e-15)
    # calibrated probabilities: the empirical optimum is near the Bayes threshold 1/51
    assert 0.5 / 51 < ex03["best_threshold"] < 2.0 / 51
    direct_bayes = (50.0 * np.sum((y == 1) & (p < 1 / 51)) + np.sum((y == 0) & (p >= 1 / 51))) / y.size
    assert direct_bayes < 1.1 * ex03["best_cost"]
    assert ex03["cost_at_half"] > 2 * ex03["best_cost"]


# --- metrics/plot_04: ROC and PR curves -----------------------------------------------


@pytest.fixture(scope="module")
def ex04():
    return run_example("metrics/plot_04_roc_pr.py")[0]


def test_04_curves_match_sklearn(ex04):
    y, s = ex04["y"], ex04["scores"]
    fpr, tpr, _ = S.roc_curve(y, s)
    np.testing.assert_allclose(ex04["fpr"], fpr, **TOL)
    np.testing.assert_allclose(ex04["tpr"], tpr, **TOL)
    precision, recall, _ = S.precision_recall_curve(y, s)
    np.testing.assert_allclose(ex04["precision"], precision, **TOL)
    np.testing.assert_allclose(ex04["recall"], recall, **TOL)
    assert ex04["auc"] == pytest.approx(S.roc_auc_score(y, s), abs=1e-12)
    assert ex04["auc_trapezoid"] == pytest.approx(S.auc(fpr, tpr), abs=1e-12)
    assert ex04["ap"] == pytest.approx(S.average_precision_score(y, s), abs=1e-12)
    assert ex04["baseline"] == 0.3


def test_04_auc_near_population_value(ex04):
    assert ex04["auc_population"] == pytest.approx(phi(1.2 / math.sqrt(2.0)), abs=1e-15)
    # standard error of the AUC at n = 300 / 700 is about 0.015 (Hanley & McNeil)
    assert abs(ex04["auc"] - ex04["auc_population"]) < 0.045


# --- metrics/plot_05: AUC as a probability --------------------------------------------


@pytest.fixture(scope="module")
def ex05():
    return run_example("metrics/plot_05_auc_probability.py")[0]


def test_05_three_ways_agree(ex05):
    from scipy.stats import mannwhitneyu

    pos, neg = ex05["pos"], ex05["neg"]
    u = mannwhitneyu(pos, neg).statistic  # U of the first sample, ties counted 1/2
    exact = u / (pos.size * neg.size)
    assert ex05["auc_curve"] == pytest.approx(exact, abs=1e-12)
    assert ex05["auc_pairs"] == pytest.approx(exact, abs=1e-12)
    y = np.r_[np.ones(pos.size), np.zeros(neg.size)]
    assert ex05["auc_curve"] == pytest.approx(S.roc_auc_score(y, np.r_[pos, neg]), abs=1e-12)
    assert abs(ex05["auc_mc"] - exact) < 4 * ex05["se_mc"]
    assert ex05["running"][-1] == ex05["auc_mc"]


def test_05_ties_matter(ex05):
    assert ex05["p_tie"] > 0.1
    assert ex05["auc_pairs"] - ex05["p_greater"] == pytest.approx(0.5 * ex05["p_tie"], abs=1e-12)


# --- metrics/plot_06: class imbalance --------------------------------------------------


@pytest.fixture(scope="module")
def ex06():
    return run_example("metrics/plot_06_class_imbalance.py")[0]


def test_06_values_match_sklearn(ex06):
    pos, pool = ex06["pos_scores"], ex06["neg_pool"]
    for rate in ex06["positive_rates"]:
        n_neg = int(round(pos.size * (1 - rate) / rate))
        y = np.r_[np.ones(pos.size), np.zeros(n_neg)]
        s = np.r_[pos, pool[:n_neg]]
        assert ex06["auc"][rate] == pytest.approx(S.roc_auc_score(y, s), abs=1e-12)
        assert ex06["ap"][rate] == pytest.approx(S.average_precision_score(y, s), abs=1e-12)
        assert ex06["baseline"][rate] == pytest.approx(rate, abs=1e-12)


def test_06_roc_stays_pr_falls(ex06):
    rates = ex06["positive_rates"]
    aucs = np.array([ex06["auc"][r] for r in rates])
    assert aucs.max() - aucs.min() < 0.01
    assert np.all(np.abs(aucs - phi(1.5 / math.sqrt(2.0))) < 0.02)
    aps = [ex06["ap"][r] for r in rates]
    assert all(a > b for a, b in zip(aps, aps[1:]))
    precisions = [ex06["precision_at_half_recall"][r] for r in rates]
    assert all(a > b for a, b in zip(precisions, precisions[1:]))
    assert precisions[-1] < 0.1
    for r in rates:
        assert ex06["ap"][r] > ex06["baseline"][r]


# --- metrics/plot_07: regression metrics -----------------------------------------------


@pytest.fixture(scope="module")
def ex07():
    return run_example("metrics/plot_07_regression_metrics.py")[0]


def test_07_training_metrics(ex07):
    y, y_hat, m = ex07["y"], ex07["y_hat"], ex07["train_metrics"]
    assert m["MSE"] == pytest.approx(S.mean_squared_error(y, y_hat), abs=1e-12)
    assert m["RMSE"] == pytest.approx(S.root_mean_squared_error(y, y_hat), abs=1e-12)
    assert m["MAE"] == pytest.approx(S.mean_absolute_error(y, y_hat), abs=1e-12)
    assert m["R2"] == pytest.approx(S.r2_score(y, y_hat), abs=1e-12)
    assert m["R2"] == pytest.approx(1 - ex07["ss_res"] / ex07["ss_tot"], abs=1e-12)
    assert m["R2"] == pytest.approx(1 - m["MSE"] / np.var(y), abs=1e-12)
    # least squares with intercept: SS_tot = SS_res + SS_reg, so 0 <= R^2 <= 1
    ss_reg = np.sum((y_hat - y.mean()) ** 2)
    assert ex07["ss_tot"] == pytest.approx(ex07["ss_res"] + ss_reg, rel=1e-12)


def test_07_negative_r2_on_test_data(ex07):
    for degree, fit in ex07["fits"].items():
        assert ex07["r2_train"][degree] == pytest.approx(
            S.r2_score(ex07["y_train"], fit(ex07["x_train"])), abs=1e-12)
        assert ex07["r2_test"][degree] == pytest.approx(
            S.r2_score(ex07["y_test"], fit(ex07["x_test"])), abs=1e-12)
    assert ex07["r2_train"][9] > 0.95
    assert ex07["r2_test"][9] < 0 < ex07["r2_test"][1]
    assert ex07["r2_train"][1] >= 0
    # no extrapolation: the test points lie inside the training range
    assert ex07["x_test"].min() >= ex07["x_train"].min() and ex07["x_test"].max() <= ex07["x_train"].max()


# --- metrics/plot_08: outliers ----------------------------------------------------------


@pytest.fixture(scope="module")
def ex08():
    return run_example("metrics/plot_08_outliers.py")[0]


def test_08_errors_closed_form(ex08):
    y_pred, y_clean, deltas = ex08["y_pred"], ex08["y_clean"], ex08["deltas"]
    n = y_pred.size
    e = y_clean - y_pred
    # one residual grows: MSE(d) = MSE(0) + (2 e_0 d + d^2) / n
    mse_ref = np.mean(e**2) + (2 * e[0] * deltas + deltas**2) / n
    np.testing.assert_allclose(ex08["mse"], mse_ref, rtol=1e-12)
    np.testing.assert_allclose(ex08["rmse"], np.sqrt(mse_ref), rtol=1e-12)
    mae_ref = (np.sum(np.abs(e[1:])) + np.abs(e[0] + deltas)) / n
    np.testing.assert_allclose(ex08["mae"], mae_ref, rtol=1e-12)
    y_true = y_clean.copy()
    y_true[0] += deltas[-1]
    assert ex08["mae"][-1] == pytest.approx(S.mean_absolute_error(y_true, y_pred), abs=1e-12)


def test_08_best_constants_are_mean_and_median(ex08):
    step = ex08["grid"][1] - ex08["grid"][0]
    for k, delta in enumerate(ex08["deltas"]):
        y_true = ex08["y_clean"].copy()
        y_true[0] += delta
        assert abs(ex08["best_for_mse"][k] - y_true.mean()) <= step / 2 + 1e-12
        assert abs(ex08["best_for_mae"][k] - np.median(y_true)) <= step / 2 + 1e-12
