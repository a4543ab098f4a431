r"""Evaluation metrics for classification and regression, in NumPy.

The functions live in three private modules along scikit-learn's lines
(``_classification``, ``_ranking``, ``_regression``, with the shared input checks in
``_base``) and are used from here: ``from dlnotes.metrics import roc_auc_score``.

Every function has the name, argument order, defaults and semantics of its
``sklearn.metrics`` namesake (scikit-learn 1.9), so the two can be called with the same
arguments; ``tests/package/test_metrics.py`` checks that they agree to 1e-12.  The scope is
binary and multiclass labels given as 1-D arrays (no multilabel indicator matrices) and
single- or multi-output regression.

The ranking metrics (:func:`roc_curve`, :func:`precision_recall_curve`,
:func:`roc_auc_score`, ...) sort the scores once, O(n log n), and never loop over
samples in Python.  Where scikit-learn returns NaN with an ``UndefinedMetricWarning``
for a degenerate input (a ROC curve or ROC-AUC with only one class present, a
precision-recall curve without positives, :math:`R^2` of a single sample), these
functions raise a ``ValueError`` that says what is missing.  Other differences are
listed in each function's Notes.  This package imports only NumPy.
"""

from ._base import UndefinedMetricWarning
from ._classification import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    fbeta_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)
from ._ranking import (
    average_precision_score,
    confusion_matrix_at_thresholds,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
    top_k_accuracy_score,
)
from ._regression import mean_absolute_error, mean_squared_error, r2_score, root_mean_squared_error

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
