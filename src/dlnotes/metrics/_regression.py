"""Regression metrics: MSE, RMSE, MAE and R², for one output or several."""

import numpy as np

from .._validation import as_float_array, check_bool, check_option, check_sample_weight
from ._base import _check_lengths

__all__ = [
    "mean_squared_error",
    "root_mean_squared_error",
    "mean_absolute_error",
    "r2_score",
]


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
    w = check_sample_weight(sample_weight, y_true.shape[0])
    n_outputs = y_true.shape[1]
    if isinstance(multioutput, str):
        check_option(multioutput, "multioutput", allowed, note=" or an array of weights")
    else:
        multioutput = as_float_array(multioutput, "multioutput", allow_inf=False)
        if n_outputs == 1:
            raise ValueError(
                "multioutput weights are useful only with several outputs; y_true has one"
            )
        if multioutput.shape != (n_outputs,):
            raise ValueError(
                f"multioutput weights must have shape (n_outputs,) = ({n_outputs},), one weight "
                f"per column of y_true, got shape {multioutput.shape}"
            )
        if np.any(multioutput < 0) or not multioutput.sum() > 0:
            raise ValueError(
                "multioutput weights must be non-negative with a positive sum (they average "
                f"the outputs), got {multioutput.tolist()}"
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
    y_true, y_pred : array_like, shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    multioutput : {'raw_values', 'uniform_average'} or array_like, default 'uniform_average'
        Return one error per output, their mean, or their weighted mean.

    Returns
    -------
    float or numpy.ndarray
        The MSE (per output with ``'raw_values'``).

    Raises
    ------
    ValueError
        For empty, non-finite or mismatched inputs, bad ``sample_weight``, or
        ``multioutput`` weights that do not have shape ``(n_outputs,)`` or are not
        non-negative with a positive sum (scikit-learn: ``ZeroDivisionError``).
    TypeError
        If an input is not numeric.

    See Also
    --------
    root_mean_squared_error : Its square root, in the units of the target.
    mean_absolute_error : The mean of the absolute errors.
    r2_score : The MSE relative to the variance of the target.

    Notes
    -----
    Same values as ``sklearn.metrics.mean_squared_error``.

    Examples
    --------
    >>> from dlnotes.metrics import mean_squared_error
    >>> mean_squared_error([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.375
    >>> y_true, y_pred = [[0.0, 1.0], [2.0, 3.0]], [[1.0, 1.0], [2.0, 1.0]]
    >>> mean_squared_error(y_true, y_pred, multioutput="raw_values")
    array([0.5, 2. ])
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
    y_true, y_pred : array_like, shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    multioutput : {'raw_values', 'uniform_average'} or array_like, default 'uniform_average'
        Return one error per output, their mean, or their weighted mean.

    Returns
    -------
    float or numpy.ndarray
        The RMSE (per output with ``'raw_values'``).

    Raises
    ------
    ValueError
        For empty, non-finite or mismatched inputs, bad ``sample_weight``, or
        ``multioutput`` weights that do not have shape ``(n_outputs,)`` or are not
        non-negative with a positive sum (scikit-learn: ``ZeroDivisionError``).
    TypeError
        If an input is not numeric.

    See Also
    --------
    mean_squared_error : Its square.
    mean_absolute_error : The mean of the absolute errors, never larger.

    Notes
    -----
    Same values as ``sklearn.metrics.root_mean_squared_error``.

    Examples
    --------
    One error of 4 among 4 samples gives an RMSE of 2 but an MAE of 1:

    >>> from dlnotes.metrics import root_mean_squared_error
    >>> root_mean_squared_error([0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 4.0])
    2.0
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
    y_true, y_pred : array_like, shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample.
    multioutput : {'raw_values', 'uniform_average'} or array_like, default 'uniform_average'
        Return one error per output, their mean, or their weighted mean.

    Returns
    -------
    float or numpy.ndarray
        The MAE (per output with ``'raw_values'``).

    Raises
    ------
    ValueError
        For empty, non-finite or mismatched inputs, bad ``sample_weight``, or
        ``multioutput`` weights that do not have shape ``(n_outputs,)`` or are not
        non-negative with a positive sum (scikit-learn: ``ZeroDivisionError``).
    TypeError
        If an input is not numeric.

    See Also
    --------
    mean_squared_error : The mean of the squared errors.
    root_mean_squared_error : Its square root, never smaller than the MAE.

    Notes
    -----
    Same values as ``sklearn.metrics.mean_absolute_error``.

    Examples
    --------
    >>> from dlnotes.metrics import mean_absolute_error
    >>> mean_absolute_error([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.5
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
    y_true, y_pred : array_like, shape (n_samples,) or (n_samples, n_outputs)
        True and predicted targets; at least two samples.
    sample_weight : array_like, shape (n_samples,), default None
        Non-negative weight of each sample (also used for :math:`\bar y`).
    multioutput : {'raw_values', 'uniform_average', 'variance_weighted'} or array_like, default 'uniform_average'
        Return one score per output, their mean (default), their mean weighted by
        each output's variance, or a weighted mean.
    force_finite : bool, default True
        For a constant ``y_true`` (zero denominator) follow scikit-learn's convention:
        1.0 if the predictions are perfect, else 0.0.  With False: NaN or ``-inf``.

    Returns
    -------
    float or numpy.ndarray
        :math:`R^2` (per output with ``'raw_values'``).

    Raises
    ------
    ValueError
        With fewer than two samples (scikit-learn warns and returns NaN), and as
        :func:`mean_squared_error`.
    TypeError
        If an input is not numeric or ``force_finite`` is not a bool.

    See Also
    --------
    mean_squared_error : The numerator, divided by the number of samples.

    Notes
    -----
    Same values as ``sklearn.metrics.r2_score``.

    Examples
    --------
    Perfect predictions, the mean, and the reversed targets:

    >>> from dlnotes.metrics import r2_score
    >>> y = [1.0, 2.0, 3.0, 4.0]
    >>> r2_score(y, y), r2_score(y, [2.5, 2.5, 2.5, 2.5]), r2_score(y, [4.0, 3.0, 2.0, 1.0])
    (1.0, 0.0, -3.0)
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput,
        ("raw_values", "uniform_average", "variance_weighted"),
    )
    force_finite = check_bool(force_finite, "force_finite")
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
