r"""Loss functions of ``torch.nn.functional``, written from scratch in NumPy.

Every loss has the name, argument names, argument order and defaults of its
``torch.nn.functional`` namesake, and the same reduction semantics, so that a test
can call both with the same arguments:

- ``reduction="none"`` returns one loss per sample (or per element);
- ``reduction="sum"`` returns their sum;
- ``reduction="mean"`` returns their mean, except where torch defines a weighted mean
  (:func:`cross_entropy` and :func:`nll_loss` with class indices divide by the sum of
  the weights of the targets that are not ignored; :func:`l1_loss` and
  :func:`mse_loss` with ``weight`` divide by the sum of the weights).  The mean of
  nothing (an empty input, or every target ignored) is NaN, as in torch.

The deprecated arguments ``size_average`` and ``reduce`` of the torch functions are
left out (they only map onto ``reduction``); every other argument is kept, in the
same order.  :func:`sigmoid_focal_loss` follows ``torchvision.ops.sigmoid_focal_loss``.

A reduced loss is returned as a ``numpy.float64`` scalar, an unreduced one as a
float64 array.  Bad input raises ``ValueError``/``TypeError`` naming the argument;
in a few places this module is stricter than torch, which would silently compute
something meaningless: element-wise losses require ``target`` to have the shape of
``input`` (torch broadcasts with a warning), targets documented as :math:`\pm 1`
must be :math:`\pm 1`, probabilities must lie in :math:`[0, 1]`, and CTC targets
must not contain the blank.

The ``*_backward`` functions return the gradient of a loss with respect to its
first argument, written out analytically (what autograd would compute).

All computations are float64 and vectorised; this module imports only NumPy.
"""

import math

import numpy as np

from ._validation import (
    as_float_array,
    as_index_array,
    check_bool,
    check_grad_output,
    check_int,
    check_option,
    check_probability_array,
    check_real,
    check_same_shape,
)
from .activations import _log_softmax, _sigmoid, _softmax

__all__ = [
    "l1_loss",
    "mse_loss",
    "cross_entropy",
    "nll_loss",
    "poisson_nll_loss",
    "kl_div",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "margin_ranking_loss",
    "hinge_embedding_loss",
    "multilabel_margin_loss",
    "smooth_l1_loss",
    "soft_margin_loss",
    "multilabel_soft_margin_loss",
    "cosine_embedding_loss",
    "multi_margin_loss",
    "triplet_margin_loss",
    "ctc_loss",
    "huber_loss",
    "sigmoid_focal_loss",
    "l1_loss_backward",
    "mse_loss_backward",
    "smooth_l1_loss_backward",
    "huber_loss_backward",
    "cross_entropy_backward",
    "binary_cross_entropy_with_logits_backward",
    "sigmoid_focal_loss_backward",
]

_REDUCTIONS = ("none", "mean", "sum")


# --------------------------------------------------------------------------- helpers


def _reduce(loss, reduction):
    """Apply a torch reduction; the mean of an empty array is NaN (without a warning)."""
    if reduction == "none":
        return loss
    if reduction == "sum":
        return np.float64(loss.sum())
    if loss.size == 0:
        return np.float64(np.nan)
    return np.float64(loss.mean())


def _elementwise_pair(input, target, *, allow_inf=True):
    x = as_float_array(input, "input", allow_inf=allow_inf)
    y = as_float_array(target, "target", allow_inf=allow_inf)
    check_same_shape(x, y, "input", "target")
    return x, y


def _check_signs(y, name="target"):
    if y.size and not np.all((y == 1.0) | (y == -1.0)):
        bad = y[(y != 1.0) & (y != -1.0)].flat[0]
        raise ValueError(f"{name} must contain only 1 and -1, found {bad}")


def _broadcast_weight(weight, shape, name="weight"):
    """``weight`` as a float array that broadcasts to ``shape`` without enlarging it."""
    if weight is None:
        return None
    w = as_float_array(weight, name, allow_inf=False)
    try:
        out = np.broadcast_shapes(w.shape, shape)
    except ValueError:
        out = None
    if out != tuple(shape):
        raise ValueError(f"{name} of shape {w.shape} does not broadcast to the input shape {tuple(shape)}")
    return w


def _class_weight(weight, n_classes):
    if weight is None:
        return None
    w = as_float_array(weight, "weight", allow_inf=False)
    if w.shape != (n_classes,):
        raise ValueError(f"weight must be a 1-D array of length C={n_classes}, got shape {w.shape}")
    return w


def _class_layout(input, name="input", *, allow_inf=False):
    """Input of shape (C,), (N, C) or (N, C, d1, ...): the array and its class axis."""
    x = as_float_array(input, name, allow_inf=allow_inf)
    if x.ndim == 0:
        raise ValueError(f"{name} must have shape (C,), (N, C) or (N, C, d1, ...), got a 0-d array")
    axis = 0 if x.ndim == 1 else 1
    if x.shape[axis] == 0:
        raise ValueError(f"{name} must have at least one class (C >= 1), got shape {x.shape}")
    return x, axis


def _class_targets(target, x, axis, ignore_index=None):
    """Checked class-index targets: shape of ``x`` without the class axis, values in [0, C)."""
    t = as_index_array(target, "target")
    expected = x.shape[:axis] + x.shape[axis + 1:]
    if t.shape != expected:
        raise ValueError(
            f"target (class indices) must have shape {expected} for input of shape {x.shape}, got {t.shape}"
        )
    n_classes = x.shape[axis]
    ignored = np.zeros(t.shape, bool) if ignore_index is None else t == ignore_index
    bad = ~ignored & ((t < 0) | (t >= n_classes))
    if bad.any():
        extra = "" if ignore_index is None else f" or ignore_index={ignore_index}"
        raise ValueError(
            f"target must contain class indices in [0, {n_classes - 1}]{extra}, found {t[bad].flat[0]}"
        )
    return t, ignored


def _expand_class(v, ndim, axis):
    """A length-C vector shaped to broadcast along the class axis of an ndim array."""
    shape = [1] * ndim
    shape[axis] = v.shape[0]
    return v.reshape(shape)


def _softplus(x):
    """log(1 + e^x) without overflow."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _grad_output(grad_output, reduction, shape):
    """``grad_output`` as an array: a scalar for 'mean'/'sum', the loss shape for 'none'."""
    expected = tuple(shape) if reduction == "none" else ()
    return check_grad_output(grad_output, expected, note=f" for reduction={reduction!r}")


# --------------------------------------------------------------------------- regression


def l1_loss(input, target, reduction="mean", weight=None):
    r"""Mean absolute error (L1 loss).

    .. math:: \ell_i = w_i\,\lvert x_i - y_i \rvert

    Parameters
    ----------
    input, target : array_like
        Predictions and targets, same shape.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        With ``weight``, ``'mean'`` is :math:`\sum_i w_i\lvert x_i-y_i\rvert / \sum_i w_i`.
    weight : array_like, default None
        One weight per element, same shape as ``input`` (as in torch 2.13).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    Raises
    ------
    ValueError
        If the shapes differ, an array contains NaN, or ``reduction`` is unknown.

    See Also
    --------
    mse_loss : The squared error.
    smooth_l1_loss : L1 with a quadratic piece near zero.
    l1_loss_backward : Its gradient.

    Notes
    -----
    Same values as ``torch.nn.functional.l1_loss``.

    Examples
    --------
    >>> from dlnotes.losses import l1_loss
    >>> x, y = np.array([1.0, 2.0, 4.0]), np.array([1.0, 0.0, 1.0])
    >>> l1_loss(x, y, reduction="none"), l1_loss(x, y, reduction="sum")
    (array([0., 2., 3.]), 5.0)
    >>> l1_loss(x, y, weight=np.array([1.0, 1.0, 0.0]))  # (0 + 2) / (1 + 1)
    1.0
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target)
    loss = np.abs(x - y)
    return _weighted_mean_loss(loss, weight, x.shape, reduction)


def _weighted_mean_loss(loss, weight, shape, reduction):
    if weight is None:
        return _reduce(loss, reduction)
    w = as_float_array(weight, "weight", allow_inf=False)
    if w.shape != shape:
        raise ValueError(f"weight must have the shape of input {shape}, got {w.shape}")
    loss = loss * w
    if reduction == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.float64(loss.sum() / w.sum())
    return _reduce(loss, reduction)


def mse_loss(input, target, reduction="mean", weight=None):
    r"""Mean squared error (L2 loss).

    .. math:: \ell_i = w_i\,(x_i - y_i)^2

    Parameters
    ----------
    input, target : array_like
        Predictions and targets, same shape.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        With ``weight``, ``'mean'`` is :math:`\sum_i w_i (x_i-y_i)^2 / \sum_i w_i`.
    weight : array_like, default None
        One weight per element, same shape as ``input``.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses.

    See Also
    --------
    l1_loss : The absolute error.
    huber_loss : Squared error near zero, absolute error beyond ``delta``.
    mse_loss_backward : Its gradient.

    Notes
    -----
    Minimising the squared error is maximum likelihood under Gaussian noise; its
    gradient :math:`2(x-y)` grows with the residual, so outliers dominate it
    (compare :func:`huber_loss`).
    Same values as ``torch.nn.functional.mse_loss``.

    Examples
    --------
    >>> from dlnotes.losses import mse_loss
    >>> x, y = np.array([1.0, 2.0, 4.0]), np.array([1.0, 0.0, 1.0])
    >>> mse_loss(x, y, reduction="none"), mse_loss(x, y, reduction="sum")
    (array([0., 4., 9.]), 13.0)
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target)
    with np.errstate(over="ignore"):
        loss = (x - y) ** 2
    return _weighted_mean_loss(loss, weight, x.shape, reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    r"""Smooth L1 loss: quadratic near zero, linear beyond ``beta``.

    .. math::

       \ell_i = \begin{cases}
         \dfrac{(x_i-y_i)^2}{2\beta}, & \lvert x_i-y_i\rvert < \beta,\\[4pt]
         \lvert x_i-y_i\rvert - \dfrac{\beta}{2}, & \text{otherwise.}
       \end{cases}

    Parameters
    ----------
    input, target : array_like
        Predictions and targets, same shape.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.
    beta : float, default 1.0
        Where the quadratic piece meets the linear one; ``beta=0`` gives
        :func:`l1_loss`.  Must be non-negative.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    huber_loss : The same shape of loss, scaled by ``delta``.
    l1_loss : The limit ``beta=0``.
    smooth_l1_loss_backward : Its gradient.

    Notes
    -----
    Used for bounding-box regression in Fast R-CNN :cite:p:`girshick2015fast`.
    The linear piece has slope 1 whatever ``beta`` is; :func:`huber_loss` with ``delta`` equals ``beta`` times
    this loss.
    Same values as ``torch.nn.functional.smooth_l1_loss``.

    Examples
    --------
    Quadratic below ``beta``, linear with slope 1 above:

    >>> from dlnotes.losses import smooth_l1_loss
    >>> smooth_l1_loss(np.array([0.5, 3.0]), np.zeros(2), reduction="none")
    array([0.125, 2.5  ])
    >>> smooth_l1_loss(np.array([0.5, 3.0]), np.zeros(2), reduction="none", beta=2.0)
    array([0.0625, 2.    ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    beta = check_real(beta, "beta", low=0)
    x, y = _elementwise_pair(input, target)
    d = np.abs(x - y)
    if beta == 0.0:
        return _reduce(d, reduction)
    with np.errstate(over="ignore", invalid="ignore"):
        loss = np.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta)
    return _reduce(loss, reduction)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    r"""Huber loss :cite:p:`huber1964robust`: squared error for small residuals, absolute beyond ``delta``.

    .. math::

       \ell_i = w_i \begin{cases}
         \tfrac12 (x_i-y_i)^2, & \lvert x_i-y_i\rvert < \delta,\\[2pt]
         \delta\bigl(\lvert x_i-y_i\rvert - \tfrac12\delta\bigr), & \text{otherwise.}
       \end{cases}

    Parameters
    ----------
    input, target : array_like
        Predictions and targets, same shape.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        With ``weight``, ``'mean'`` is the plain mean of the weighted losses
        (torch 2.13 divides by the number of elements here, unlike
        :func:`l1_loss`/:func:`mse_loss`, which divide by the sum of the weights).
    delta : float, default 1.0
        Where the two pieces meet; must be positive.
    weight : array_like, default None
        One weight per element, same shape as ``input``.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    smooth_l1_loss : The same loss divided by ``delta``.
    mse_loss : The squared error everywhere.
    huber_loss_backward : Its gradient.

    Notes
    -----
    The gradient is the residual clipped to :math:`[-\delta, \delta]`, so a single
    outlier cannot dominate it.  ``huber_loss(x, y, delta=d) == d * smooth_l1_loss(x, y, beta=d)``.
    Same values as ``torch.nn.functional.huber_loss``.

    Examples
    --------
    With ``delta=2`` the loss is ``2 *`` :func:`smooth_l1_loss` with ``beta=2``:

    >>> from dlnotes.losses import huber_loss
    >>> huber_loss(np.array([0.5, 3.0]), np.zeros(2), reduction="none", delta=2.0)
    array([0.125, 4.   ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    delta = check_real(delta, "delta", low=0, low_open=True)
    x, y = _elementwise_pair(input, target)
    d = np.abs(x - y)
    with np.errstate(over="ignore", invalid="ignore"):
        loss = np.where(d < delta, 0.5 * d * d, delta * (d - 0.5 * delta))
    if weight is not None:
        w = as_float_array(weight, "weight", allow_inf=False)
        if w.shape != x.shape:
            raise ValueError(f"weight must have the shape of input {x.shape}, got {w.shape}")
        loss = loss * w
    return _reduce(loss, reduction)


def _scale_backward(grad, grad_output, reduction, weight=None):
    """Chain an element-wise gradient through the weight and the reduction."""
    g = _grad_output(grad_output, reduction, grad.shape)
    if weight is not None:
        grad = grad * weight
    if reduction == "mean" and grad.size:
        g = g / grad.size
    return grad * g


def l1_loss_backward(grad_output, input, target, reduction="mean"):
    r"""Gradient of :func:`l1_loss` with respect to ``input``.

    .. math:: \frac{\partial \ell_i}{\partial x_i} = \operatorname{sign}(x_i - y_i)

    (0 at :math:`x_i = y_i`, as autograd returns), times ``grad_output``, divided by
    the number of elements for ``reduction='mean'``.

    Parameters
    ----------
    grad_output : array_like
        Gradient with respect to the loss: a scalar for ``'mean'``/``'sum'``, the shape
        of ``input`` for ``'none'``.
    input, target : array_like
        As for :func:`l1_loss`.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        The reduction of the forward call.

    Returns
    -------
    numpy.ndarray
        Same shape as ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the loss (a scalar for
        ``'mean'``/``'sum'``) or contains NaN or inf (non-finite upstream gradients are
        refused: torch's autograd would spread them as NaN), or for the other arguments
        as :func:`l1_loss`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    l1_loss : The loss.
    mse_loss_backward : The gradient of the squared error.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.l1_loss``.

    Examples
    --------
    The sign of each residual, divided by the 3 elements of the mean:

    >>> from dlnotes.losses import l1_loss_backward
    >>> l1_loss_backward(1.0, np.array([1.0, 2.0, 4.0]), np.array([1.0, 0.0, 5.0])) * 3
    array([ 0.,  1., -1.])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target)
    return _scale_backward(np.sign(x - y), grad_output, reduction)


def mse_loss_backward(grad_output, input, target, reduction="mean"):
    r"""Gradient of :func:`mse_loss` with respect to ``input``.

    .. math:: \frac{\partial \ell_i}{\partial x_i} = 2 (x_i - y_i)

    Parameters
    ----------
    grad_output : array_like
        A scalar for ``'mean'``/``'sum'``, the shape of ``input`` for ``'none'``.
    input, target : array_like
        As for :func:`mse_loss`.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        The reduction of the forward call.

    Returns
    -------
    numpy.ndarray
        Same shape as ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the loss (a scalar for
        ``'mean'``/``'sum'``) or contains NaN or inf (non-finite upstream gradients are
        refused: torch's autograd would spread them as NaN), or for the other arguments
        as :func:`mse_loss`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    mse_loss : The loss.
    l1_loss_backward : The gradient of the absolute error.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.mse_loss``.

    Examples
    --------
    >>> from dlnotes.losses import mse_loss_backward
    >>> x, y = np.array([1.0, 2.0]), np.zeros(2)
    >>> mse_loss_backward(np.ones(2), x, y, reduction="none"), mse_loss_backward(1.0, x, y)
    (array([2., 4.]), array([1., 2.]))
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target, allow_inf=False)
    return _scale_backward(2.0 * (x - y), grad_output, reduction)


def smooth_l1_loss_backward(grad_output, input, target, reduction="mean", beta=1.0):
    r"""Gradient of :func:`smooth_l1_loss` with respect to ``input``.

    .. math::

       \frac{\partial \ell_i}{\partial x_i} = \begin{cases}
         (x_i - y_i)/\beta, & \lvert x_i-y_i\rvert < \beta,\\
         \operatorname{sign}(x_i - y_i), & \text{otherwise,}
       \end{cases}

    i.e. the residual scaled by :math:`1/\beta` and clipped to :math:`[-1, 1]`.

    Parameters
    ----------
    grad_output : array_like
        A scalar for ``'mean'``/``'sum'``, the shape of ``input`` for ``'none'``.
    input, target : array_like
        As for :func:`smooth_l1_loss`.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        The reduction of the forward call.
    beta : float, default 1.0
        The ``beta`` of the forward call.

    Returns
    -------
    numpy.ndarray
        Same shape as ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the loss (a scalar for
        ``'mean'``/``'sum'``) or contains NaN or inf (non-finite upstream gradients are
        refused: torch's autograd would spread them as NaN), or for the other arguments
        as :func:`smooth_l1_loss`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    smooth_l1_loss : The loss.
    huber_loss_backward : The same gradient times ``delta``.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.smooth_l1_loss``.

    Examples
    --------
    The residual divided by ``beta``, clipped to [-1, 1]:

    >>> from dlnotes.losses import smooth_l1_loss_backward
    >>> x = np.array([-3.0, 0.5, 3.0])
    >>> smooth_l1_loss_backward(np.ones(3), x, np.zeros(3), reduction="none")
    array([-1. ,  0.5,  1. ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    beta = check_real(beta, "beta", low=0)
    x, y = _elementwise_pair(input, target, allow_inf=False)
    d = x - y
    if beta == 0.0:
        grad = np.sign(d)
    else:
        grad = np.where(np.abs(d) < beta, d / beta, np.sign(d))
    return _scale_backward(grad, grad_output, reduction)


def huber_loss_backward(grad_output, input, target, reduction="mean", delta=1.0):
    r"""Gradient of :func:`huber_loss` (without ``weight``) with respect to ``input``.

    .. math:: \frac{\partial \ell_i}{\partial x_i} = \operatorname{clip}(x_i - y_i,\, -\delta,\, \delta)

    Parameters
    ----------
    grad_output : array_like
        A scalar for ``'mean'``/``'sum'``, the shape of ``input`` for ``'none'``.
    input, target : array_like
        As for :func:`huber_loss`.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        The reduction of the forward call.
    delta : float, default 1.0
        The ``delta`` of the forward call.

    Returns
    -------
    numpy.ndarray
        Same shape as ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the loss (a scalar for
        ``'mean'``/``'sum'``) or contains NaN or inf (non-finite upstream gradients are
        refused: torch's autograd would spread them as NaN), or for the other arguments
        as :func:`huber_loss`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    huber_loss : The loss.
    smooth_l1_loss_backward : The same gradient divided by ``delta``.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.huber_loss``.

    Examples
    --------
    The residual clipped to :math:`[-\delta, \delta]`:

    >>> from dlnotes.losses import huber_loss_backward
    >>> x = np.array([-3.0, 0.5, 3.0])
    >>> huber_loss_backward(np.ones(3), x, np.zeros(3), reduction="none", delta=2.0)
    array([-2. ,  0.5,  2. ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    delta = check_real(delta, "delta", low=0, low_open=True)
    x, y = _elementwise_pair(input, target, allow_inf=False)
    return _scale_backward(np.clip(x - y, -delta, delta), grad_output, reduction)


def poisson_nll_loss(input, target, log_input=True, full=False, eps=1e-08, reduction="mean"):
    r"""Negative log-likelihood of a Poisson distribution.

    With ``log_input=True`` the input is :math:`\log\lambda`, otherwise :math:`\lambda`:

    .. math::

       \ell_i = \begin{cases}
         e^{x_i} - y_i x_i, & \texttt{log\_input},\\
         x_i - y_i \log(x_i + \varepsilon), & \text{otherwise,}
       \end{cases}

    which drops the term :math:`\log(y_i!)` that does not depend on the prediction.
    With ``full=True`` Stirling's approximation of it,
    :math:`y\log y - y + \tfrac12\log(2\pi y)`, is added where :math:`y > 1`.

    Parameters
    ----------
    input : array_like
        :math:`\log\lambda` (``log_input=True``) or the rate :math:`\lambda \ge 0`.
    target : array_like
        Non-negative counts, same shape as ``input``.
    log_input : bool, default True
        Whether ``input`` holds :math:`\log\lambda` (True) or :math:`\lambda` (False).
    full : bool, default False
        Add the Stirling term, so that the loss is the full negative log-likelihood.
    eps : float, default 1e-8
        Added inside the logarithm when ``log_input=False``, so that :math:`\lambda = 0`
        does not give :math:`\log 0`.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    nll_loss : The negative log-likelihood of class indices.

    Notes
    -----
    Note the argument order ``(input, target, log_input, full, eps, reduction)``,
    torch's order once its deprecated arguments are removed.
    Same values as ``torch.nn.functional.poisson_nll_loss``. (without its deprecated arguments).

    Examples
    --------
    A rate of 2 against counts 0 and 4, given as :math:`\log\lambda` or as :math:`\lambda`:

    >>> from dlnotes.losses import poisson_nll_loss
    >>> rate, counts = np.array([2.0, 2.0]), np.array([0.0, 4.0])
    >>> poisson_nll_loss(np.log(rate), counts, reduction="none").round(4)
    array([ 2.    , -0.7726])
    >>> poisson_nll_loss(rate, counts, log_input=False, reduction="none").round(4)
    array([ 2.    , -0.7726])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    log_input = check_bool(log_input, "log_input")
    full = check_bool(full, "full")
    eps = check_real(eps, "eps")
    x, y = _elementwise_pair(input, target, allow_inf=False)
    if y.size and y.min() < 0:
        raise ValueError(f"target must contain non-negative counts, found {y.min()}")
    if log_input:
        with np.errstate(over="ignore"):
            loss = np.exp(x) - y * x
    else:
        if x.size and x.min() < 0:
            raise ValueError(
                f"input must contain non-negative rates when log_input=False, found {x.min()}"
            )
        if eps <= 0 and x.size and x.min() == 0:
            raise ValueError("eps must be positive when input contains a zero rate")
        loss = x - y * np.log(x + eps)
    if full:
        ys = np.where(y > 1, y, 1.0)
        stirling = ys * np.log(ys) - ys + 0.5 * np.log(2 * math.pi * ys)
        loss = loss + np.where(y > 1, stirling, 0.0)
    return _reduce(loss, reduction)


# --------------------------------------------------------------------------- classification


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    r"""Softmax cross-entropy between logits and class indices or class probabilities.

    With class indices :math:`y_n` (an integer array) and class weights :math:`w`:

    .. math::

       \ell_n = -w_{y_n} \log \frac{e^{x_{n,y_n}}}{\sum_{c=1}^{C} e^{x_{n,c}}}
              = w_{y_n}\Bigl(-x_{n,y_n} + \log\sum_{c} e^{x_{n,c}}\Bigr),

    and ``'mean'`` is :math:`\sum_n \ell_n / \sum_n w_{y_n}` over the targets that are
    not ``ignore_index`` (NaN if all are ignored).  With class probabilities
    :math:`p_{n,c}` (a float array of the shape of ``input``):

    .. math:: \ell_n = -\sum_{c} w_c\, p_{n,c} \log \operatorname{softmax}(x_n)_c ,

    and ``'mean'`` divides by the number of samples :math:`N\,d_1\cdots d_K`.

    Parameters
    ----------
    input : array_like
        Finite logits of shape (C,), (N, C) or (N, C, d1, ..., dK); the class axis is 1
        (0 for a single unbatched sample).
    target : array_like
        Either integer class indices of shape (), (N,) or (N, d1, ..., dK), or
        float probabilities in [0, 1] of the shape of ``input``.
    weight : array_like, shape (C,), default None
        A rescaling weight per class.
    ignore_index : int, default -100
        A class-index target equal to it contributes nothing, to the loss or to the
        denominator of the mean.  Not used with probability targets.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.
    label_smoothing : float, default 0.0
        A value :math:`\varepsilon` in [0, 1] that mixes the target with the uniform distribution: :math:`(1-\varepsilon)\,y + \varepsilon/C`
        :cite:p:`szegedy2016rethinking`.  With class indices the smoothing term
        :math:`-\tfrac{\varepsilon}{C}\sum_c w_c \log\operatorname{softmax}(x_n)_c` is
        reduced with the same denominator as the main term.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or one loss per sample (shape of ``input`` without the class axis).

    Raises
    ------
    ValueError
        If a class index is outside [0, C) and not ``ignore_index``, a shape does not
        fit, a probability is outside [0, 1], or ``label_smoothing`` is outside [0, 1].
    TypeError
        If ``target`` is neither an integer nor a float array.

    See Also
    --------
    nll_loss : The same loss from log-probabilities.
    cross_entropy_backward : Its gradient.
    binary_cross_entropy_with_logits : The two-class (or multi-label) form.
    dlnotes.information.cross_entropy_pq : The cross-entropy of two distributions.

    Notes
    -----
    This is "softmax loss": log-softmax followed by :func:`nll_loss`.  The
    log-softmax is computed as :math:`z - \max z - \log\sum e^{z - \max z}`, so logits
    of :math:`\pm 1000` are fine.  The gradient is :func:`cross_entropy_backward`.
    Same values as ``torch.nn.functional.cross_entropy``.

    Examples
    --------
    The loss of logits ``[2, 0, 0]`` for class 0 is :math:`\log(1 + 2e^{-2})`, of uniform
    logits :math:`\log 3`; the target ``-100`` (``ignore_index``) drops a sample:

    >>> from dlnotes.losses import cross_entropy
    >>> logits = np.array([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> cross_entropy(logits, np.array([0, 2]), reduction="none").round(4)
    array([0.2395, 1.0986])
    >>> cross_entropy(logits, np.array([0, -100])).round(4)
    0.2395
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    ignore_index = check_int(ignore_index, "ignore_index")
    eps = check_real(label_smoothing, "label_smoothing", low=0, high=1)
    x, axis = _class_layout(input)
    n_classes = x.shape[axis]
    w = _class_weight(weight, n_classes)
    logp = _log_softmax(x, axis)
    if _is_probability_target(target):
        p = _probability_target(target, x)
        if eps > 0:
            p = p * (1.0 - eps) + eps / n_classes
        wb = 1.0 if w is None else _expand_class(w, x.ndim, axis)
        loss = -(logp * p * wb).sum(axis=axis)
        if reduction == "mean":
            if x.size == 0:
                return np.float64(np.nan)
            return np.float64(loss.sum() / (x.size / n_classes))
        return _reduce(loss, reduction)
    t, ignored = _class_targets(target, x, axis, ignore_index)
    nll = _nll_from_logp(logp, axis, t, ignored, w, reduction)
    if eps == 0:
        return nll
    wb = 1.0 if w is None else _expand_class(w, x.ndim, axis)
    smooth = np.where(ignored, 0.0, -(logp * wb).sum(axis=axis))
    if reduction == "mean":
        denom = _target_weight(t, ignored, w).sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            smooth = np.float64(smooth.sum() / denom)
    elif reduction == "sum":
        smooth = np.float64(smooth.sum())
    out = (1.0 - eps) * nll + smooth * (eps / n_classes)
    return out if reduction == "none" else np.float64(out)


def _is_probability_target(target):
    arr = np.asarray(target)
    return arr.dtype != bool and np.issubdtype(arr.dtype, np.floating)


def _probability_target(target, x):
    p = as_float_array(target, "target", allow_inf=False)
    if p.shape != x.shape:
        raise ValueError(
            f"target (class probabilities) must have the shape of input {x.shape}, got {p.shape}; "
            "class indices must be an integer array"
        )
    check_probability_array(p, "target")
    return p


def _target_weight(t, ignored, w):
    """w[y_n] per sample, 0 where the target is ignored."""
    if w is None:
        return np.where(ignored, 0.0, 1.0)
    return np.where(ignored, 0.0, w[np.where(ignored, 0, t)])


def _nll_from_logp(logp, axis, t, ignored, w, reduction):
    safe = np.where(ignored, 0, t)
    picked = np.take_along_axis(logp, np.expand_dims(safe, axis), axis=axis).squeeze(axis)
    tw = _target_weight(t, ignored, w)
    with np.errstate(invalid="ignore"):
        loss = np.where(ignored, 0.0, -tw * picked)
        if reduction == "mean":
            with np.errstate(divide="ignore"):
                return np.float64(loss.sum() / tw.sum())
    return _reduce(loss, reduction)


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    r"""Negative log-likelihood of class indices, given log-probabilities.

    .. math:: \ell_n = -w_{y_n}\, x_{n, y_n}

    ``'mean'`` is :math:`\sum_n \ell_n / \sum_n w_{y_n}` over the targets that are not
    ``ignore_index`` (NaN if all are ignored).

    Parameters
    ----------
    input : array_like
        Log-probabilities of shape (C,), (N, C) or (N, C, d1, ..., dK), usually the
        output of a log-softmax; ``-inf`` (log 0) is allowed.
    target : array_like of int
        Class indices, shape of ``input`` without the class axis.
    weight : array_like, shape (C,), default None
        A rescaling weight per class.
    ignore_index : int, default -100
        A target equal to it contributes nothing, to the loss or to the denominator
        of the mean.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    cross_entropy : The same loss from logits.
    dlnotes.activations.log_softmax : The usual source of ``input``.

    Notes
    -----
    ``nll_loss(log_softmax(x, dim=1), y)`` equals ``cross_entropy(x, y)``.
    Same values as ``torch.nn.functional.nll_loss``.

    Examples
    --------
    >>> from dlnotes.losses import nll_loss
    >>> log_probs = np.log(np.array([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]))
    >>> nll_loss(log_probs, np.array([0, 2]), reduction="none").round(4)  # -log 0.5, -log 0.8
    array([0.6931, 0.2231])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    ignore_index = check_int(ignore_index, "ignore_index")
    x, axis = _class_layout(input, allow_inf=True)
    w = _class_weight(weight, x.shape[axis])
    t, ignored = _class_targets(target, x, axis, ignore_index)
    return _nll_from_logp(x, axis, t, ignored, w, reduction)


def cross_entropy_backward(grad_output, input, target, weight=None, ignore_index=-100,
                           reduction="mean", label_smoothing=0.0):
    r"""Gradient of :func:`cross_entropy` with respect to the logits ``input``.

    For one sample with softmax :math:`s` and class-index target :math:`y`,

    .. math::

       \frac{\partial \ell}{\partial x_j}
         = (1-\varepsilon)\, w_y (s_j - \delta_{jy})
         + \frac{\varepsilon}{C}\Bigl(s_j \sum_c w_c - w_j\Bigr),

    which is the familiar :math:`s - \mathrm{onehot}(y)` without weights and
    smoothing.  For a probability target :math:`p` (after smoothing) it is
    :math:`s_j \sum_c w_c p_c - w_j p_j`.  The result is multiplied by
    ``grad_output`` and divided by the denominator of the mean.
    When that denominator is 0 (every target ignored, or the kept targets' weights
    sum to 0) the gradient is 0: no sample carries weight.

    Parameters
    ----------
    grad_output : array_like
        A scalar for ``'mean'``/``'sum'``; for ``'none'``, one value per sample.
    input : array_like
        The logits passed to :func:`cross_entropy`.
    target : array_like
        Class indices or class probabilities, as for :func:`cross_entropy`.
    weight : array_like, shape (C,), default None
        The class weights of the forward call.
    ignore_index : int, default -100
        The ``ignore_index`` of the forward call.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        The reduction of the forward call.
    label_smoothing : float, default 0.0
        The ``label_smoothing`` of the forward call.

    Returns
    -------
    numpy.ndarray
        Same shape as ``input``; zero for ignored samples.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the loss (a scalar for
        ``'mean'``/``'sum'``) or contains NaN or inf (non-finite upstream gradients are
        refused: torch's autograd would spread them as NaN), or for the other arguments
        as :func:`cross_entropy`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    cross_entropy : The loss.
    dlnotes.activations.log_softmax_backward : The gradient through the log-softmax alone.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.cross_entropy``.

    Examples
    --------
    Softmax minus one-hot: four equal logits and class 1.

    >>> from dlnotes.losses import cross_entropy_backward
    >>> cross_entropy_backward(1.0, np.zeros((1, 4)), np.array([1]))
    array([[ 0.25, -0.75,  0.25,  0.25]])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    ignore_index = check_int(ignore_index, "ignore_index")
    eps = check_real(label_smoothing, "label_smoothing", low=0, high=1)
    x, axis = _class_layout(input)
    n_classes = x.shape[axis]
    w = _class_weight(weight, n_classes)
    s = _softmax(x, axis)
    wb = np.ones((1,) * x.ndim) if w is None else _expand_class(w, x.ndim, axis)
    sample_shape = x.shape[:axis] + x.shape[axis + 1:]
    g = _grad_output(grad_output, reduction, sample_shape)
    if _is_probability_target(target):
        p = _probability_target(target, x)
        if eps > 0:
            p = p * (1.0 - eps) + eps / n_classes
        grad = s * (wb * p).sum(axis=axis, keepdims=True) - wb * p
        if reduction == "mean":
            if x.size == 0:  # no sample: an empty gradient
                return np.zeros_like(x)
            g = g / (x.size / n_classes)
        return grad * (np.expand_dims(g, axis) if reduction == "none" else g)
    t, ignored = _class_targets(target, x, axis, ignore_index)
    tw = _target_weight(t, ignored, w)
    classes = _expand_class(np.arange(n_classes), x.ndim, axis)
    onehot = np.expand_dims(np.where(ignored, -1, t), axis) == classes
    main = np.expand_dims(tw, axis) * (s - onehot)
    smooth = s * wb.sum() - wb if w is not None else s * n_classes - 1.0
    smooth = np.where(np.expand_dims(ignored, axis), 0.0, smooth)
    grad = (1.0 - eps) * main + (eps / n_classes) * smooth
    if reduction == "mean":
        denom = tw.sum()
        if denom == 0:
            # No sample carries weight (every target ignored, or the kept targets'
            # weights sum to 0): the loss is 0/0 = NaN, and nothing flows back.
            # torch's autograd gives these zeros when every target is ignored (and NaN
            # when the kept weights sum to 0, which would poison every parameter).
            return np.zeros_like(x)
        g = g / denom
    return grad * (np.expand_dims(g, axis) if reduction == "none" else g)


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    r"""Binary cross-entropy between predicted probabilities and targets.

    .. math:: \ell_i = -w_i\bigl[y_i \log x_i + (1-y_i)\log(1-x_i)\bigr]

    Parameters
    ----------
    input : array_like
        Predicted probabilities in [0, 1].
    target : array_like
        Targets in [0, 1] (usually 0 or 1), same shape as ``input``.
    weight : array_like, default None
        Broadcasts to the shape of ``input``.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    binary_cross_entropy_with_logits : The same loss from logits, without rounding.
    cross_entropy : The multi-class loss.

    Notes
    -----
    As in torch, each logarithm is clamped at :math:`-100`, so a confident wrong
    prediction (:math:`x = 0` with :math:`y = 1`) costs 100 instead of :math:`\infty`,
    and :math:`\log(1-x)` is computed as ``log1p(-x)``.  Prefer
    :func:`binary_cross_entropy_with_logits`, which never forms the rounded
    probability.
    Same values as ``torch.nn.functional.binary_cross_entropy``.

    Examples
    --------
    A confident wrong prediction costs 100, the clamp of :math:`-\log 0`:

    >>> from dlnotes.losses import binary_cross_entropy
    >>> p, y = np.array([0.9, 0.2, 0.0]), np.array([1.0, 0.0, 1.0])
    >>> binary_cross_entropy(p, y, reduction="none").round(4)
    array([  0.1054,   0.2231, 100.    ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target)
    check_probability_array(x, "input")
    check_probability_array(y, "target")
    w = _broadcast_weight(weight, x.shape)
    with np.errstate(divide="ignore"):
        log_x = np.maximum(np.log(x), -100.0)
        log_1mx = np.maximum(np.log1p(-x), -100.0)
    loss = (y - 1.0) * log_1mx - y * log_x
    if w is not None:
        loss = loss * w
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean", pos_weight=None):
    r"""Sigmoid followed by binary cross-entropy, computed from the logits.

    With :math:`L_i = 1 + (q_i - 1) y_i` (:math:`q` = ``pos_weight``, 1 if not given),

    .. math::

       \ell_i = w_i\bigl[(1-y_i)\,x_i - L_i \log\sigma(x_i)\bigr]
              = w_i\bigl[-q_i y_i\log\sigma(x_i) - (1-y_i)\log\sigma(-x_i)\bigr],

    where :math:`-\log\sigma(x) = \operatorname{softplus}(-x) = \max(-x, 0) + \log(1+e^{-|x|})`
    never overflows.

    Parameters
    ----------
    input : array_like
        Finite logits.
    target : array_like
        Targets in [0, 1], same shape as ``input``.
    weight : array_like, default None
        Broadcasts to the shape of ``input``.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.
    pos_weight : array_like, default None
        Weight of the positive term, broadcast along the last axis (one per class in
        multi-label problems); ``pos_weight > 1`` raises recall.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    binary_cross_entropy : The same loss from probabilities.
    binary_cross_entropy_with_logits_backward : Its gradient.
    sigmoid_focal_loss : A down-weighting of the easy examples.
    soft_margin_loss : The same loss for labels :math:`\pm 1`.

    Notes
    -----
    Same values as ``torch.nn.functional.binary_cross_entropy_with_logits``.

    Examples
    --------
    >>> from dlnotes.losses import binary_cross_entropy_with_logits
    >>> x, y = np.array([2.0, -1.0, 0.0]), np.array([1.0, 0.0, 1.0])
    >>> binary_cross_entropy_with_logits(x, y, reduction="none").round(4)
    array([0.1269, 0.3133, 0.6931])
    >>> binary_cross_entropy_with_logits(np.array([-800.0]), np.array([1.0]))  # no overflow
    800.0
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target, allow_inf=False)
    check_probability_array(y, "target")
    w = _broadcast_weight(weight, x.shape)
    q = _broadcast_weight(pos_weight, x.shape, "pos_weight")
    neg_log_sig = _softplus(-x)  # -log sigma(x)
    lw = 1.0 if q is None else 1.0 + (q - 1.0) * y
    loss = (1.0 - y) * x + lw * neg_log_sig
    if w is not None:
        loss = loss * w
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits_backward(grad_output, input, target, weight=None,
                                              reduction="mean", pos_weight=None):
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to ``input``.

    .. math:: \frac{\partial \ell_i}{\partial x_i} = w_i\bigl[(1-y_i) - L_i\,\sigma(-x_i)\bigr],

    which is :math:`w_i(\sigma(x_i) - y_i)` without ``pos_weight``: bounded by
    :math:`w_i` and largest when the prediction is confidently wrong.

    Parameters
    ----------
    grad_output : array_like
        A scalar for ``'mean'``/``'sum'``, the shape of ``input`` for ``'none'``.
    input : array_like
        The logits passed to :func:`binary_cross_entropy_with_logits`.
    target : array_like
        Targets in [0, 1], same shape as ``input``.
    weight : array_like, default None
        The weights of the forward call.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        The reduction of the forward call.
    pos_weight : array_like, default None
        The ``pos_weight`` of the forward call.

    Returns
    -------
    numpy.ndarray
        Same shape as ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the loss (a scalar for
        ``'mean'``/``'sum'``) or contains NaN or inf (non-finite upstream gradients are
        refused: torch's autograd would spread them as NaN), or for the other arguments
        as :func:`binary_cross_entropy_with_logits`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    binary_cross_entropy_with_logits : The loss.
    sigmoid_focal_loss_backward : The gradient of the focal loss.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.binary_cross_entropy_with_logits``.

    Examples
    --------
    :math:`\sigma(x) - y` per element:

    >>> from dlnotes.losses import binary_cross_entropy_with_logits_backward as bce_backward
    >>> x, y = np.array([2.0, -1.0, 0.0]), np.array([1.0, 0.0, 1.0])
    >>> bce_backward(np.ones(3), x, y, reduction="none").round(4)
    array([-0.1192,  0.2689, -0.5   ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target, allow_inf=False)
    check_probability_array(y, "target")
    w = _broadcast_weight(weight, x.shape)
    q = _broadcast_weight(pos_weight, x.shape, "pos_weight")
    lw = 1.0 if q is None else 1.0 + (q - 1.0) * y
    grad = (1.0 - y) - lw * _sigmoid(-x)
    return _scale_backward(grad, grad_output, reduction, weight=w)


def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2, reduction="none"):
    r"""Focal loss of :cite:t:`lin2017focal`, as ``torchvision.ops.sigmoid_focal_loss``.

    With :math:`p = \sigma(x)`, :math:`p_t = p\,y + (1-p)(1-y)` and
    :math:`\alpha_t = \alpha\,y + (1-\alpha)(1-y)`,

    .. math:: \mathrm{FL} = -\alpha_t\,(1-p_t)^{\gamma}\,\log p_t .

    Parameters
    ----------
    inputs : array_like
        Finite logits of any shape.
    targets : array_like
        Binary labels (0 or 1; soft labels in [0, 1] are accepted), same shape.
    alpha : float, default 0.25
        Weight of the positive class, :math:`1-\alpha` for the negative class; a
        negative value switches the weighting off (:math:`\alpha_t = 1`).
    gamma : float, default 2
        Focusing parameter :math:`\gamma \ge 0`; :math:`\gamma = 0` (with
        ``alpha=-1``) is :func:`binary_cross_entropy_with_logits`.
    reduction : {'none', 'mean', 'sum'}, default 'none'
        Note the default: no reduction, as in torchvision.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    binary_cross_entropy_with_logits : The loss it down-weights.
    sigmoid_focal_loss_backward : Its gradient.

    Notes
    -----
    :math:`-\log p_t = y\,\operatorname{softplus}(-x) + (1-y)\,\operatorname{softplus}(x)`
    and :math:`1 - p_t = y\,\sigma(-x) + (1-y)\,\sigma(x)` are computed without the
    cancellation of ``softplus(x) - x y`` or ``1 - p``, so very confident predictions give tiny positive
    losses rather than exact zeros.  The paper uses :math:`\gamma = 2`,
    :math:`\alpha = 0.25` (best in its experiments, where :math:`\alpha` weights the
    rare foreground class) and initialises the classifier bias to
    :math:`-\log\frac{1-\pi}{\pi}` with :math:`\pi = 0.01`.
    Same values as ``torchvision.ops.sigmoid_focal_loss``.

    Examples
    --------
    Divided by the BCE, the loss is the factor :math:`(1-p_t)^\gamma`: tiny for the
    confident right prediction :math:`x = 3`, 1/4 for :math:`x = 0`.

    >>> from dlnotes.losses import binary_cross_entropy_with_logits, sigmoid_focal_loss
    >>> x, y = np.array([3.0, 0.0]), np.array([1.0, 1.0])
    >>> bce = binary_cross_entropy_with_logits(x, y, reduction="none")
    >>> (sigmoid_focal_loss(x, y, alpha=-1) / bce).round(4)
    array([0.0022, 0.25  ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y, alpha, gamma = _focal_args(inputs, targets, alpha, gamma)
    ce = _focal_ce(x, y)
    m = _one_minus_pt(x, y)
    loss = ce * m**gamma
    if alpha >= 0:
        loss = (alpha * y + (1.0 - alpha) * (1.0 - y)) * loss
    return _reduce(loss, reduction)


def _focal_args(inputs, targets, alpha, gamma):
    x = as_float_array(inputs, "inputs", allow_inf=False)
    y = as_float_array(targets, "targets", allow_inf=False)
    check_same_shape(x, y, "inputs", "targets")
    check_probability_array(y, "targets")
    alpha = check_real(alpha, "alpha", high=1, note=" (a negative alpha switches the weighting off)")
    gamma = check_real(gamma, "gamma", low=0)
    return x, y, alpha, gamma


def _focal_ce(x, y):
    """-log p_t = y softplus(-x) + (1 - y) softplus(x), each term without cancellation.

    Equal to BCE with logits, softplus(x) - x y, but that form subtracts two numbers
    of size |x| for a confident correct prediction (x >> 0 with y = 1) and loses all
    precision once softplus(-x) < eps * x.
    """
    return y * _softplus(-x) + (1.0 - y) * _softplus(x)


def _one_minus_pt(x, y):
    """1 - p_t = y sigma(-x) + (1 - y) sigma(x), without forming 1 - p."""
    return y * _sigmoid(-x) + (1.0 - y) * _sigmoid(x)


def sigmoid_focal_loss_backward(grad_output, inputs, targets, alpha=0.25, gamma=2, reduction="none"):
    r"""Gradient of :func:`sigmoid_focal_loss` with respect to the logits ``inputs``.

    Write :math:`c = -\log p_t` (the BCE-with-logits term, :math:`\partial c/\partial x = \sigma(x) - y`)
    and :math:`m = 1 - p_t = y\,\sigma(-x) + (1-y)\,\sigma(x)`, whose derivative is
    :math:`(1-2y)\,\sigma(x)\sigma(-x)`.  Then

    .. math::

       \frac{\partial\,\mathrm{FL}}{\partial x}
         = \alpha_t\Bigl[m^{\gamma}\,(\sigma(x) - y)
           + \gamma\, m^{\gamma}\,(1-2y)\,\frac{\sigma(x)\sigma(-x)}{m}\, c\Bigr].

    For :math:`y = 1` the bracket is :math:`-m^{\gamma}\bigl(\sigma(-x) + \gamma\,\sigma(x)\,c\bigr)`
    with :math:`m = \sigma(-x)`.

    Parameters
    ----------
    grad_output : array_like
        A scalar for ``'mean'``/``'sum'``, the shape of ``inputs`` for ``'none'``.
    inputs : array_like
        The logits passed to :func:`sigmoid_focal_loss`.
    targets : array_like
        Binary labels, same shape as ``inputs``.
    alpha : float, default 0.25
        The ``alpha`` of the forward call.
    gamma : float, default 2
        The ``gamma`` of the forward call.
    reduction : {'none', 'mean', 'sum'}, default 'none'
        The reduction of the forward call.

    Returns
    -------
    numpy.ndarray
        Same shape as ``inputs``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of the loss (a scalar for
        ``'mean'``/``'sum'``) or contains NaN or inf (non-finite upstream gradients are
        refused: torch's autograd would spread them as NaN), or for the other arguments
        as :func:`sigmoid_focal_loss`.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    sigmoid_focal_loss : The loss.
    binary_cross_entropy_with_logits_backward : The case ``gamma=0``, ``alpha=-1``.

    Notes
    -----
    The gradient autograd computes for ``torchvision.ops.sigmoid_focal_loss``.

    Examples
    --------
    With ``gamma=0`` (and ``alpha=-1``) it is the BCE gradient :math:`\sigma(x) - y`:

    >>> from dlnotes.losses import sigmoid_focal_loss_backward
    >>> x, y = np.array([3.0, 0.0]), np.array([1.0, 1.0])
    >>> sigmoid_focal_loss_backward(np.ones(2), x, y, alpha=-1).round(4)
    array([-0.0003, -0.2983])
    >>> sigmoid_focal_loss_backward(np.ones(2), x, y, alpha=-1, gamma=0).round(4)
    array([-0.0474, -0.5   ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y, alpha, gamma = _focal_args(inputs, targets, alpha, gamma)
    s, sn = _sigmoid(x), _sigmoid(-x)
    ce = _focal_ce(x, y)
    m = y * sn + (1.0 - y) * s  # 1 - p_t
    mg = m**gamma
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(m > 0, s * sn / np.where(m > 0, m, 1.0), 0.0)
    # sigma(x) - y written as (1 - y) sigma(x) - y sigma(-x): no cancellation at y = 1
    dce = (1.0 - y) * s - y * sn
    grad = mg * dce + gamma * mg * (1.0 - 2.0 * y) * ratio * ce
    if alpha >= 0:
        grad = (alpha * y + (1.0 - alpha) * (1.0 - y)) * grad
    return _scale_backward(grad, grad_output, reduction)


def kl_div(input, target, reduction="mean", log_target=False):
    r"""Kullback-Leibler divergence, with the prediction given as log-probabilities.

    With ``input`` :math:`= \log q` and ``target`` :math:`= p` (or :math:`\log p` when
    ``log_target=True``), the element-wise term is

    .. math:: \ell_i = p_i\,(\log p_i - \log q_i), \qquad 0 \log 0 = 0,

    and :math:`\sum_i \ell_i = D_{\mathrm{KL}}(p\,\Vert\, q)` for one distribution.

    Parameters
    ----------
    input : array_like
        Log-probabilities :math:`\log q` (note: the *second* argument of the KL).
    target : array_like
        Probabilities :math:`p \ge 0`, or log-probabilities if ``log_target``; same shape.
    reduction : {'none', 'batchmean', 'sum', 'mean'}, default 'mean'
        ``'batchmean'`` divides the sum by the batch size ``input.shape[0]`` and gives
        the KL divergence per sample; ``'mean'`` divides by the number of *elements*
        (torch warns that this is not the KL divergence, and so does this docstring).
    log_target : bool, default False
        Whether ``target`` holds log-probabilities.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    dlnotes.information.kl_divergence : The divergence of two probability vectors.
    cross_entropy : The cross-entropy loss, :math:`H(p) + D_{\mathrm{KL}}(p \Vert q)`.

    Notes
    -----
    The argument order mirrors the usual training use: ``input`` is the model's
    :math:`\log q` and ``target`` the data distribution :math:`p`, so minimising this
    is minimising the forward KL :math:`D_{\mathrm{KL}}(p\Vert q)`.  See
    :func:`dlnotes.information.kl_divergence` for the divergence of two distributions.
    Same values as ``torch.nn.functional.kl_div``.

    Examples
    --------
    One distribution :math:`p = (1/2, 1/2)` against :math:`q = (1/4, 3/4)`:

    >>> from dlnotes.losses import kl_div
    >>> p, q = np.array([[0.5, 0.5]]), np.array([[0.25, 0.75]])
    >>> kl_div(np.log(q), p, reduction="batchmean").round(4)
    0.1438
    >>> kl_div(np.log(q), p).round(4)  # divided by the 2 elements, not the 1 sample
    0.0719
    """
    check_option(reduction, "reduction", ("none", "batchmean", "mean", "sum"))
    log_target = check_bool(log_target, "log_target")
    lq = as_float_array(input, "input")
    if lq.size and lq.max() == np.inf:
        raise ValueError("input must contain log-probabilities, found +inf")
    if log_target:
        lp = as_float_array(target, "target")
        check_same_shape(lq, lp, "input", "target")
        if lp.size and lp.max() == np.inf:
            raise ValueError("target must contain log-probabilities when log_target=True, found +inf")
        with np.errstate(invalid="ignore"):
            loss = np.exp(lp) * (lp - lq)
    else:
        p = as_float_array(target, "target", allow_inf=False)
        check_same_shape(lq, p, "input", "target")
        if p.size and p.min() < 0:
            raise ValueError(f"target must contain non-negative probabilities, found {p.min()}")
        with np.errstate(divide="ignore", invalid="ignore"):
            plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
            loss = plogp - p * lq
    if reduction == "batchmean":
        total = loss.sum()
        if lq.ndim == 0:
            return np.float64(total)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.float64(total / lq.shape[0])
    return _reduce(loss, reduction)


# --------------------------------------------------------------------------- margin losses


def margin_ranking_loss(input1, input2, target, margin=0, reduction="mean"):
    r"""Ranking hinge loss: ``input1`` should exceed ``input2`` by ``margin`` when :math:`y = 1`.

    .. math:: \ell_i = \max\bigl(0,\; -y_i\,(x_{1,i} - x_{2,i}) + \text{margin}\bigr)

    Parameters
    ----------
    input1, input2 : array_like
        Scores, same shape.
    target : array_like
        :math:`y_i \in \{1, -1\}`: 1 means ``input1`` should rank higher.
    margin : float, default 0
        The required difference between the two scores.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    hinge_embedding_loss : A hinge on a distance.
    triplet_margin_loss : A margin between two distances.

    Notes
    -----
    With ``input2 = 0`` and ``margin = 1`` this is the hinge loss of an SVM,
    :math:`\max(0, 1 - y f(x))`.
    Same values as ``torch.nn.functional.margin_ranking_loss``.

    Examples
    --------
    ``input1`` should beat ``input2`` by 1: the first pair does, the second misses by 2.

    >>> from dlnotes.losses import margin_ranking_loss
    >>> x1, x2, y = np.array([3.0, 1.0]), np.array([1.0, 2.0]), np.array([1.0, 1.0])
    >>> margin_ranking_loss(x1, x2, y, margin=1.0, reduction="none")
    array([0., 2.])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    margin = check_real(margin, "margin")
    x1 = as_float_array(input1, "input1", allow_inf=False)
    x2 = as_float_array(input2, "input2", allow_inf=False)
    y = as_float_array(target, "target")
    check_same_shape(x1, x2, "input1", "input2")
    check_same_shape(x1, y, "input1", "target")
    _check_signs(y)
    return _reduce(np.maximum(0.0, -y * (x1 - x2) + margin), reduction)


def hinge_embedding_loss(input, target, margin=1.0, reduction="mean"):
    r"""Hinge embedding loss, for learning whether two inputs are similar from a distance.

    .. math::

       \ell_i = \begin{cases}
         x_i, & y_i = 1,\\
         \max(0,\ \text{margin} - x_i), & y_i = -1,
       \end{cases}

    where :math:`x_i` is typically a distance between two embeddings: similar pairs
    are pulled together, dissimilar ones pushed at least ``margin`` apart.

    Parameters
    ----------
    input : array_like
        Distances (or any scores).
    target : array_like
        :math:`y_i \in \{1, -1\}`, same shape.
    margin : float, default 1.0
        The distance below which a dissimilar pair (:math:`y = -1`) is penalised.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    cosine_embedding_loss : The same idea with the cosine similarity.
    margin_ranking_loss : A hinge on the difference of two scores.

    Notes
    -----
    Same values as ``torch.nn.functional.hinge_embedding_loss``.

    Examples
    --------
    A similar pair costs its distance; a dissimilar one costs what is missing to 1:

    >>> from dlnotes.losses import hinge_embedding_loss
    >>> d, y = np.array([0.3, 0.3, 2.0]), np.array([1.0, -1.0, -1.0])
    >>> hinge_embedding_loss(d, y, reduction="none")
    array([0.3, 0.7, 0. ])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    margin = check_real(margin, "margin")
    x, y = _elementwise_pair(input, target, allow_inf=False)
    _check_signs(y)
    return _reduce(np.where(y == 1, x, np.maximum(0.0, margin - x)), reduction)


def soft_margin_loss(input, target, reduction="mean"):
    r"""Logistic loss of the margin :math:`y_i x_i` for labels :math:`\pm 1`.

    .. math:: \ell_i = \log\bigl(1 + e^{-y_i x_i}\bigr)

    Parameters
    ----------
    input : array_like
        Scores (logits) :math:`x_i`.
    target : array_like
        :math:`y_i \in \{1, -1\}`, same shape.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        ``'mean'`` averages over all elements.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    binary_cross_entropy_with_logits : The same loss for labels 0 and 1.
    multilabel_soft_margin_loss : The multi-label form.

    Notes
    -----
    The same loss as :func:`binary_cross_entropy_with_logits` with labels
    :math:`(y+1)/2 \in \{0, 1\}`; it is the natural logarithm of
    :math:`1 + e^{-yx}`, not the logarithm of the exponential loss :math:`e^{-yx}`
    (which would be linear).
    Same values as ``torch.nn.functional.soft_margin_loss``.

    Examples
    --------
    >>> from dlnotes.losses import soft_margin_loss
    >>> x, y = np.array([2.0, 0.0, -1.0]), np.ones(3)
    >>> soft_margin_loss(x, y, reduction="none").round(4)  # log(1 + e^(-yx))
    array([0.1269, 0.6931, 1.3133])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target, allow_inf=False)
    _check_signs(y)
    return _reduce(_softplus(-y * x), reduction)


def multilabel_soft_margin_loss(input, target, weight=None, reduction="mean"):
    r"""Multi-label one-versus-all logistic loss, averaged over the classes.

    .. math::

       \ell_n = -\frac{1}{C}\sum_{c=1}^{C} w_c\bigl[y_{n,c}\log\sigma(x_{n,c})
                + (1-y_{n,c})\log\sigma(-x_{n,c})\bigr]

    Parameters
    ----------
    input : array_like
        Logits of shape (C,) or (N, C) (the last axis holds the classes).
    target : array_like
        Labels in [0, 1] (usually 0 or 1), same shape.
    weight : array_like, shape (C,), default None
        A weight per class, multiplying its term of the sum.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Reduces the per-sample losses :math:`\ell_n`.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    binary_cross_entropy_with_logits : The same terms, not averaged over the classes.
    multilabel_margin_loss : The hinge form for class lists.

    Notes
    -----
    Same values as ``torch.nn.functional.multilabel_soft_margin_loss``.

    Examples
    --------
    The mean of the three BCE terms 0.1269, 0.3133 and 0.6931:

    >>> from dlnotes.losses import multilabel_soft_margin_loss
    >>> x, y = np.array([[2.0, -1.0, 0.0]]), np.array([[1.0, 0.0, 1.0]])
    >>> multilabel_soft_margin_loss(x, y).round(4)
    0.3778
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x, y = _elementwise_pair(input, target, allow_inf=False)
    if x.ndim == 0:
        raise ValueError("input must have shape (C,) or (N, C), got a 0-d array")
    check_probability_array(y, "target")
    w = _class_weight(weight, x.shape[-1])
    loss = y * _softplus(-x) + (1.0 - y) * _softplus(x)
    if w is not None:
        loss = loss * w
    n_classes = x.shape[-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        loss = loss.sum(axis=-1) / n_classes
    return _reduce(loss, reduction)


def multilabel_margin_loss(input, target, reduction="mean"):
    r"""Multi-label hinge loss: every target class should beat every non-target class by 1.

    .. math::

       \ell_n = \frac{1}{C}\sum_{j \in \mathcal Y_n}\ \sum_{i \notin \mathcal Y_n}
                \max\bigl(0,\ 1 - (x_{n,j} - x_{n,i})\bigr)

    Parameters
    ----------
    input : array_like
        Scores of shape (C,) or (N, C).
    target : array_like of int
        Same shape as ``input``.  Each row lists the target classes
        :math:`\mathcal Y_n` first and is padded with ``-1``; entries after the first
        ``-1`` are ignored.  It is not a 0/1 indicator matrix.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    multi_margin_loss : The hinge loss with one target class.
    multilabel_soft_margin_loss : The logistic form, with 0/1 labels.

    Notes
    -----
    A class listed twice is counted twice, as in torch.
    Same values as ``torch.nn.functional.multilabel_margin_loss``.

    Examples
    --------
    Targets 3 and 0 against classes 1 and 2:
    :math:`(0.4 + 0.6 + 1.1 + 1.3)/4`.

    >>> from dlnotes.losses import multilabel_margin_loss
    >>> x, y = np.array([[0.1, 0.2, 0.4, 0.8]]), np.array([[3, 0, -1, 1]])
    >>> multilabel_margin_loss(x, y).round(4)
    0.85
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    x = as_float_array(input, "input", allow_inf=False)
    if x.ndim not in (1, 2):
        raise ValueError(f"input must have shape (C,) or (N, C), got shape {x.shape}")
    t = as_index_array(target, "target")
    check_same_shape(x, t, "input", "target")
    x2 = x.reshape(-1, x.shape[-1])
    t2 = t.reshape(x2.shape)
    n_classes = x2.shape[1]
    bad = (t2 < -1) | (t2 >= n_classes)
    if bad.any():
        raise ValueError(f"target must contain class indices in [0, {n_classes - 1}] padded with -1, "
                         f"found {t2[bad].flat[0]}")
    listed = np.cumprod(t2 != -1, axis=1).astype(bool)  # the prefix before the first -1
    onehot = (t2[:, :, None] == np.arange(n_classes)) & listed[:, :, None]
    count = onehot.sum(axis=1)  # how often each class is listed
    is_target = count > 0
    hinge = np.maximum(0.0, 1.0 - (x2[:, :, None] - x2[:, None, :]))  # [n, j, i]
    per_j = (hinge * ~is_target[:, None, :]).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        loss = (count * per_j).sum(axis=1) / n_classes
    loss = loss.reshape(x.shape[:-1])
    return _reduce(loss, reduction)


def multi_margin_loss(input, target, p=1, margin=1.0, weight=None, reduction="mean"):
    r"""Multi-class hinge loss (the Weston-Watkins / Crammer-Singer style SVM loss).

    .. math::

       \ell_n = \frac{1}{C}\sum_{i \ne y_n} w_{y_n}\,
                \max\bigl(0,\ \text{margin} - x_{n,y_n} + x_{n,i}\bigr)^{p}

    Parameters
    ----------
    input : array_like
        Scores of shape (C,) or (N, C).
    target : array_like of int
        Class indices of shape () or (N,).
    p : {1, 2}, default 1
    margin : float, default 1.0
        The margin by which the target score should beat every other score.
    weight : array_like, shape (C,), default None
        Multiplies each sample's loss by the weight of its class (after the power,
        which is what torch computes).
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    multilabel_margin_loss : The same hinge with several target classes.
    cross_entropy : The softmax loss for class indices.

    Notes
    -----
    Same values as ``torch.nn.functional.multi_margin_loss``.

    Examples
    --------
    Class 3 scores 0.8; the others fall short of the margin by 0.3, 0.4 and 0.6:

    >>> from dlnotes.losses import multi_margin_loss
    >>> multi_margin_loss(np.array([[0.1, 0.2, 0.4, 0.8]]), np.array([3])).round(4)
    0.325
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    p = check_int(p, "p")
    if p not in (1, 2):  # torch takes an int here and supports these two
        raise ValueError(f"p must be 1 or 2, got {p}")
    margin = check_real(margin, "margin")
    x = as_float_array(input, "input", allow_inf=False)
    if x.ndim not in (1, 2):
        raise ValueError(f"input must have shape (C,) or (N, C), got shape {x.shape}")
    axis = x.ndim - 1
    t, _ = _class_targets(target, x, axis)
    n_classes = x.shape[-1]
    w = _class_weight(weight, n_classes)
    x2 = x.reshape(-1, n_classes)
    t2 = t.reshape(-1)
    xy = np.take_along_axis(x2, t2[:, None], axis=1)
    z = np.maximum(0.0, margin - xy + x2) ** p
    z[np.arange(x2.shape[0]), t2] = 0.0
    loss = z.sum(axis=1) / n_classes
    if w is not None:
        loss = loss * w[t2]
    return _reduce(loss.reshape(t.shape), reduction)


def cosine_embedding_loss(input1, input2, target, margin=0, reduction="mean"):
    r"""Cosine embedding loss: similar pairs (:math:`y=1`) aligned, dissimilar ones below ``margin``.

    .. math::

       \ell_n = \begin{cases}
         1 - \cos(x_{1,n}, x_{2,n}), & y_n = 1,\\
         \max\bigl(0,\ \cos(x_{1,n}, x_{2,n}) - \text{margin}\bigr), & y_n = -1,
       \end{cases}
       \qquad
       \cos(a, b) = \frac{a\cdot b}{\sqrt{(\lVert a\rVert^2 + 10^{-12})(\lVert b\rVert^2 + 10^{-12})}} .

    Parameters
    ----------
    input1, input2 : array_like
        Embeddings of shape (N, D) or (D,).
    target : array_like
        :math:`y_n \in \{1, -1\}` of shape (N,) or ().
    margin : float, default 0
        Usually in [0, 0.5].
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    hinge_embedding_loss : The same idea with a distance.
    triplet_margin_loss : A margin between two distances.

    Notes
    -----
    Same values as ``torch.nn.functional.cosine_embedding_loss``.

    Examples
    --------
    Two vectors 45 degrees apart, as a similar and as a dissimilar pair:

    >>> from dlnotes.losses import cosine_embedding_loss
    >>> a, b = np.array([[1.0, 0.0], [1.0, 0.0]]), np.array([[1.0, 1.0], [1.0, 1.0]])
    >>> cosine_embedding_loss(a, b, np.array([1.0, -1.0]), reduction="none").round(4)
    array([0.2929, 0.7071])
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    margin = check_real(margin, "margin")
    a = as_float_array(input1, "input1", allow_inf=False)
    b = as_float_array(input2, "input2", allow_inf=False)
    y = as_float_array(target, "target")
    check_same_shape(a, b, "input1", "input2")
    if a.ndim not in (1, 2):
        raise ValueError(f"input1 must have shape (N, D) or (D,), got shape {a.shape}")
    if y.shape != a.shape[:-1]:
        raise ValueError(f"target must have shape {a.shape[:-1]} for inputs of shape {a.shape}, got {y.shape}")
    _check_signs(y)
    eps = 1e-12
    cos = (a * b).sum(-1) / np.sqrt(((a * a).sum(-1) + eps) * ((b * b).sum(-1) + eps))
    loss = np.where(y == 1, 1.0 - cos, np.maximum(0.0, cos - margin))
    return _reduce(loss, reduction)


def _pairwise_distance(x1, x2, p, eps):
    """torch.nn.functional.pairwise_distance: the p-norm of x1 - x2 + eps over the last axis."""
    d = np.abs(x1 - x2 + eps)
    if p == math.inf:
        return d.max(axis=-1)
    return (d**p).sum(axis=-1) ** (1.0 / p)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, reduction="mean"):
    r"""Triplet loss: the anchor should be closer to the positive than to the negative by ``margin``.

    .. math::

       \ell_n = \max\bigl(0,\ d(a_n, p_n) - d(a_n, n_n) + \text{margin}\bigr),
       \qquad d(u, v) = \lVert u - v + \varepsilon \rVert_p .

    Parameters
    ----------
    anchor, positive, negative : array_like
        Embeddings of shape (N, D) or (D,), all the same shape.
    margin : float, default 1.0
        Must be positive.
    p : float, default 2
        The norm degree, :math:`p > 0` (``math.inf`` for the max norm).
    eps : float, default 1e-6
        Added to the *difference* before taking the norm, as torch's
        ``pairwise_distance`` does (it keeps the gradient finite at :math:`u = v`).
    swap : bool, default False
        Use :math:`\min\bigl(d(a, n), d(p, n)\bigr)` as the negative distance (the
        "distance swap" of :cite:t:`balntas2016learning`).
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        Return the element-wise losses, their mean or their sum.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or the element-wise losses for ``reduction='none'``.

    See Also
    --------
    margin_ranking_loss : A margin between two scores.
    cosine_embedding_loss : Similar and dissimilar pairs.

    Notes
    -----
    Same values as ``torch.nn.functional.triplet_margin_loss``.

    Examples
    --------
    The positive is at distance 1; a negative at 3 is far enough, one at 1.5 is not:

    >>> from dlnotes.losses import triplet_margin_loss
    >>> anchor, positive = np.array([[0.0, 0.0]]), np.array([[0.0, 1.0]])
    >>> triplet_margin_loss(anchor, positive, np.array([[3.0, 0.0]]), eps=0.0)
    0.0
    >>> triplet_margin_loss(anchor, positive, np.array([[1.5, 0.0]]), eps=0.0)
    0.5
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    margin = check_real(margin, "margin", low=0, low_open=True)
    p = check_real(p, "p", low=0, low_open=True, allow_inf=True)
    eps = check_real(eps, "eps")
    swap = check_bool(swap, "swap")
    a = as_float_array(anchor, "anchor", allow_inf=False)
    pos = as_float_array(positive, "positive", allow_inf=False)
    neg = as_float_array(negative, "negative", allow_inf=False)
    if a.ndim not in (1, 2):
        raise ValueError(f"anchor must have shape (N, D) or (D,), got shape {a.shape}")
    check_same_shape(a, pos, "anchor", "positive")
    check_same_shape(a, neg, "anchor", "negative")
    d_ap = _pairwise_distance(a, pos, p, eps)
    d_an = _pairwise_distance(a, neg, p, eps)
    if swap:
        d_an = np.minimum(d_an, _pairwise_distance(pos, neg, p, eps))
    return _reduce(np.maximum(0.0, d_ap - d_an + margin), reduction)


# --------------------------------------------------------------------------- CTC


def _logsumexp3(a, b, c):
    m = np.maximum(np.maximum(a, b), c)
    finite = np.isfinite(m)
    ms = np.where(finite, m, 0.0)
    with np.errstate(divide="ignore"):
        s = np.log(np.exp(a - ms) + np.exp(b - ms) + np.exp(c - ms))
    return np.where(finite, ms + s, -np.inf)


def _ctc_lengths(value, name, shape, upper=None, upper_name=""):
    arr = as_index_array(value, name)
    if arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {arr.shape}")
    if arr.size and arr.min() < 0:
        raise ValueError(f"{name} must be non-negative, found {arr.min()}")
    if upper is not None and arr.size and arr.max() > upper:
        raise ValueError(f"{name} must be in [0, {upper_name}={upper}], found {arr.max()}")
    return arr


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False):
    r"""Connectionist Temporal Classification loss :cite:p:`graves2006connectionist`.

    The loss of one sequence is :math:`-\log p(\mathbf l \mid \mathbf x)`, where the
    probability sums over every frame-level alignment :math:`\pi` that collapses to the
    label sequence :math:`\mathbf l` (merge repeats, then drop blanks):
    :math:`p(\mathbf l\mid\mathbf x) = \sum_{\pi \in \mathcal B^{-1}(\mathbf l)} \prod_t y^t_{\pi_t}`.

    It is computed with the forward algorithm on the extended label sequence
    :math:`\mathbf l'` (a blank before, between and after the labels, length
    :math:`2S+1`), in log space:

    .. math::

       \alpha_t(s) = \bigl(\alpha_{t-1}(s) + \alpha_{t-1}(s-1)
                     + [\,l'_s \ne \text{blank},\ l'_s \ne l'_{s-2}\,]\ \alpha_{t-1}(s-2)\bigr)\, y^t_{l'_s},

    starting from :math:`\alpha_1(1) = y^1_{\text{blank}}`, :math:`\alpha_1(2) = y^1_{l_1}`,
    and ending with :math:`p(\mathbf l\mid\mathbf x) = \alpha_T(2S+1) + \alpha_T(2S)`
    (1-based :math:`s`).  The loop runs over time only; samples and states are
    vectorised.

    Parameters
    ----------
    log_probs : array_like
        Log-probabilities of shape (T, N, C) (or (T, C) for one unbatched sequence),
        e.g. the output of a log-softmax over the classes.
    targets : array_like of int
        Either padded, shape (N, S), or all target sequences concatenated, shape
        (sum(target_lengths),); when unbatched, shape (S,) with S = ``target_lengths``.
        Must not contain ``blank``.
    input_lengths : array_like of int
        Length of each input sequence, shape (N,) (or () unbatched), each :math:`\le T`.
    target_lengths : array_like of int
        Length of each target sequence, shape (N,) (or () unbatched).
    blank : int, default 0
        Index of the blank class.
    reduction : {'none', 'mean', 'sum'}, default 'mean'
        ``'mean'`` divides each loss by its target length (at least 1) and then
        averages over the batch.
    zero_infinity : bool, default False
        Replace infinite losses (input too short for its target) by 0.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The reduced loss, or one loss per sequence for ``reduction='none'``.

    See Also
    --------
    nll_loss : The loss of one class per frame, when the alignment is known.

    Notes
    -----
    Same values as ``torch.nn.functional.ctc_loss``.

    Examples
    --------
    Two frames with blank (0) and "1" equally likely: the paths ``1 1``, ``0 1`` and
    ``1 0`` all read "1", so :math:`p = 3 \cdot 0.5^2`.

    >>> from dlnotes.losses import ctc_loss
    >>> log_probs = np.log(np.full((2, 2), 0.5))  # (T, C), unbatched
    >>> loss = ctc_loss(log_probs, np.array([1]), 2, 1, reduction="sum")
    >>> round(float(np.exp(-loss)), 4)
    0.75
    """
    check_option(reduction, "reduction", _REDUCTIONS)
    zero_infinity = check_bool(zero_infinity, "zero_infinity")
    lp = as_float_array(log_probs, "log_probs")
    if lp.size and lp.max() == np.inf:
        raise ValueError("log_probs must contain log-probabilities, found +inf")
    unbatched = lp.ndim == 2
    if unbatched:
        lp = lp[:, None, :]
    elif lp.ndim != 3:
        raise ValueError(f"log_probs must have shape (T, N, C) or (T, C), got shape {lp.shape}")
    T, N, C = lp.shape
    blank = check_int(blank, "blank")
    if not 0 <= blank < C:
        raise ValueError(f"blank must be a class index in [0, {C - 1}], got {blank}")
    lengths_shape = () if unbatched else (N,)
    il = _ctc_lengths(input_lengths, "input_lengths", lengths_shape, T, "T").reshape(N)
    tg = as_index_array(targets, "targets")
    if unbatched:
        if tg.ndim != 1:
            raise ValueError(f"targets must have shape (S,) when log_probs is (T, C), got shape {tg.shape}")
        tl = _ctc_lengths(target_lengths, "target_lengths", ()).reshape(1)
        if tl[0] != tg.shape[0]:
            raise ValueError(
                f"targets of an unbatched sequence must have length target_lengths={tl[0]}, got {tg.shape[0]}"
            )
        padded = tg[None, :]
    elif tg.ndim == 2:
        if tg.shape[0] != N:
            raise ValueError(f"targets must have shape (N, S) with N={N}, got shape {tg.shape}")
        tl = _ctc_lengths(target_lengths, "target_lengths", (N,), tg.shape[1], "S")
        padded = tg
    elif tg.ndim == 1:
        tl = _ctc_lengths(target_lengths, "target_lengths", (N,))
        if tl.sum() != tg.shape[0]:
            raise ValueError(
                f"concatenated targets must have length sum(target_lengths)={tl.sum()}, got {tg.shape[0]}"
            )
        S = int(tl.max()) if N else 0
        start = np.concatenate([[0], np.cumsum(tl)[:-1]]).astype(np.int64)
        idx = start[:, None] + np.arange(S)[None, :]
        inside = np.arange(S)[None, :] < tl[:, None]
        padded = np.where(inside, tg[np.clip(idx, 0, max(tg.shape[0] - 1, 0))] if tg.size else blank, blank)
    else:
        raise ValueError(f"targets must have shape (N, S) or (sum(target_lengths),), got shape {tg.shape}")
    S = padded.shape[1]
    inside = np.arange(S)[None, :] < tl[:, None]
    labels = np.where(inside, padded, blank)
    bad = inside & ((labels < 0) | (labels >= C))
    if bad.any():
        raise ValueError(f"targets must contain class indices in [0, {C - 1}], found {labels[bad].flat[0]}")
    if (inside & (labels == blank)).any():
        raise ValueError(f"targets must not contain the blank index {blank}")

    # extended labels l' = (blank, l1, blank, l2, ..., blank), 2S + 1 states
    L = 2 * S + 1
    ext = np.full((N, L), blank, dtype=np.int64)
    ext[:, 1::2] = labels
    skip = np.zeros((N, L), bool)
    skip[:, 2:] = (ext[:, 2:] != blank) & (ext[:, 2:] != ext[:, :-2])
    emit = lp[:, np.arange(N)[:, None], ext]  # (T, N, L): log y^t_{l'_s}
    neg_inf = np.full((N, 1), -np.inf)

    # the "before any frame" state: probability 1 of the empty prefix (used when T_n = 0)
    final = np.full((N, L), -np.inf)
    final[:, 0] = 0.0
    if T > 0:
        alpha = np.full((N, L), -np.inf)
        alpha[:, 0] = emit[0, :, 0]
        if L > 1:
            alpha[:, 1] = emit[0, :, 1]
        final = np.where((il == 1)[:, None], alpha, final)
        for t in range(1, T):
            a1 = np.concatenate([neg_inf, alpha[:, :-1]], axis=1)
            a2 = np.concatenate([neg_inf, neg_inf, alpha[:, :-2]], axis=1)[:, :L]
            a2 = np.where(skip, a2, -np.inf)
            alpha = _logsumexp3(alpha, a1, a2) + emit[t]
            final = np.where((il == t + 1)[:, None], alpha, final)
    rows = np.arange(N)
    last = final[rows, 2 * tl]
    before = np.where(tl > 0, final[rows, np.maximum(2 * tl - 1, 0)], -np.inf)
    loss = -np.logaddexp(last, before)
    if zero_infinity:
        loss = np.where(np.isinf(loss), 0.0, loss)
    if reduction == "mean":
        if N == 0:
            return np.float64(np.nan)
        return np.float64((loss / np.maximum(tl, 1)).mean())
    if reduction == "sum":
        return np.float64(loss.sum())
    return loss.reshape(()) if unbatched else loss
