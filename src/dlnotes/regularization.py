r"""Regularisation: dropout, L1/L2 penalties and early stopping, in NumPy.

- :func:`dropout` (inverted dropout, ``torch.nn.functional.dropout`` semantics) and
  :func:`dropout_mask`.  Throughout this site :math:`p` is the **drop** probability, as in
  PyTorch and Keras: each element is zeroed with probability :math:`p` and the survivors
  are scaled by :math:`1/(1-p)`.
- :func:`softshrink` (the proximal operator of the L1 penalty,
  ``torch.nn.functional.softshrink``), :func:`ridge_regression` and
  :func:`lasso_regression` (linear least squares with an L2 or L1 penalty, the objectives
  of scikit-learn's ``Ridge`` and ``Lasso`` without intercept).
- :class:`EarlyStopping`: stop when the validation loss has not improved for
  ``patience`` epochs.

This module imports only NumPy.
"""

import math

import numpy as np

from ._validation import as_float_array, as_generator, check_bool, check_int, check_real

__all__ = [
    "dropout",
    "dropout_mask",
    "softshrink",
    "ridge_regression",
    "lasso_regression",
    "EarlyStopping",
]


_P_NOTE = " (the drop probability; p = 1 would drop every unit and the scale 1/(1-p) would be infinite)"


def dropout_mask(shape, p=0.5, rng=None):
    r"""Draw the keep-mask of :func:`dropout`: ``True`` with probability :math:`1-p`.

    Parameters
    ----------
    shape : int or tuple of int
        Shape of the mask (the shape of the input to drop).
    p : float, default 0.5
        Drop probability, in [0, 1).
    rng : numpy.random.Generator, int or None, default None
        Source of randomness (a seed makes the mask reproducible).

    Returns
    -------
    numpy.ndarray
        Boolean array of ``shape``; each entry is independently ``True`` (kept) with
        probability :math:`1-p`.

    Raises
    ------
    ValueError
        If ``p`` is outside [0, 1).
    TypeError
        If ``rng`` is not None, an int or a Generator.

    See Also
    --------
    dropout : Applies such a mask and rescales.

    Examples
    --------
    >>> from dlnotes.regularization import dropout_mask
    >>> mask = dropout_mask((1000,), p=0.3, rng=0)
    >>> mask.dtype, float(mask.mean())  # each entry kept with probability 0.7
    (dtype('bool'), 0.723)
    """
    if isinstance(shape, (tuple, list)):
        shape = tuple(check_int(n, "shape", 0) for n in shape)
    else:
        shape = check_int(shape, "shape", 0)
    p = check_real(p, "p", low=0, high=1, high_open=True, note=_P_NOTE)
    return _mask(shape, p, as_generator(rng))


def _mask(shape, p, rng):
    return rng.random(shape) >= p


def dropout(input, p=0.5, training=True, rng=None, *, mask=None):
    r"""Inverted dropout :cite:p:`srivastava2014dropout`.

    In training, every element is kept with probability :math:`1-p` and scaled by
    :math:`1/(1-p)`, otherwise set to 0:

    .. math::

       y_i = \frac{r_i}{1-p}\, x_i, \qquad r_i \sim \operatorname{Bernoulli}(1-p),
       \qquad \mathbb E[y_i] = x_i .

    In evaluation (``training=False``) the input passes unchanged, so no rescaling is
    needed at test time.

    Parameters
    ----------
    input : array_like
        Any shape.
    p : float, default 0.5
        **Drop** probability (PyTorch's and Keras's meaning), in [0, 1).  ``p=0.5``
        scales the kept units by 2.
    training : bool, default True
        Apply dropout (True) or return the input unchanged (False).
    rng : numpy.random.Generator, int or None, default None
        Source of randomness for the mask; ignored when ``mask`` is given.
    mask : array_like of bool, default None
        Use this keep-mask (``True`` = keep) instead of drawing one; same shape as
        ``input``.  Makes the output exactly reproducible, e.g. to compare with another
        implementation.

    Returns
    -------
    numpy.ndarray
        The kept elements scaled by :math:`1/(1-p)`, zeros elsewhere; float64, same
        shape as ``input``.

    Raises
    ------
    ValueError
        If ``p`` is outside [0, 1) or ``mask`` has the wrong shape.
    TypeError
        If ``mask`` is not boolean, or ``rng`` is not None, an int or a Generator.

    See Also
    --------
    dropout_mask : Draw the keep-mask.

    Notes
    -----
    ``torch.nn.functional.dropout`` accepts ``p=1`` and returns zeros; here ``p=1`` is
    rejected, because a layer that drops everything passes no signal and no gradient.
    The backward pass multiplies the upstream gradient by the same ``mask / (1 - p)``.

    Examples
    --------
    With ``p=0.5`` the kept units are doubled; in evaluation nothing changes:

    >>> from dlnotes.regularization import dropout
    >>> x = np.ones(6)
    >>> dropout(x, p=0.5, mask=np.array([True, False, True, True, False, False]))
    array([2., 0., 2., 2., 0., 0.])
    >>> dropout(x, p=0.5, training=False)
    array([1., 1., 1., 1., 1., 1.])
    """
    x = as_float_array(input)
    p = check_real(p, "p", low=0, high=1, high_open=True, note=_P_NOTE)
    training = check_bool(training, "training")
    if mask is not None:
        keep = np.asarray(mask)
        if keep.dtype != bool:
            raise TypeError(f"mask must be a boolean array (True = keep), got dtype {keep.dtype}")
        if keep.shape != x.shape:
            raise ValueError(f"mask must have the shape of input {x.shape}, got {keep.shape}")
    if not training:
        return x.copy()
    if mask is None:
        if p == 0.0:
            return x.copy()
        keep = _mask(x.shape, p, as_generator(rng))
    # same rounding as torch: the scale mask / (1 - p) is formed first, then multiplied
    return x * (keep / (1.0 - p))


def softshrink(input, lambd=0.5):
    r"""Soft thresholding, the proximal operator of the L1 penalty.

    .. math::

       \operatorname{softshrink}_\lambda(x) = \operatorname{sign}(x)\max(|x| - \lambda, 0)
       = \arg\min_w \tfrac12 (w - x)^2 + \lambda |w| .

    With an orthonormal design (:math:`X^\top X = I`) and the loss
    :math:`\tfrac12\|\mathbf y - X\mathbf w\|^2`, the solution with the penalty
    :math:`\lambda\|\mathbf w\|_1` is the least-squares solution passed through this
    function, while the penalty :math:`\tfrac\lambda2\|\mathbf w\|_2^2` divides it by
    :math:`1 + \lambda`: L1 sets small coefficients exactly to zero, L2 only shrinks them.
    Same semantics as ``torch.nn.functional.softshrink``.

    Parameters
    ----------
    input : array_like
        Any shape.
    lambd : float, default 0.5
        Threshold :math:`\lambda \ge 0`.

    Returns
    -------
    numpy.ndarray
        :math:`\operatorname{softshrink}_\lambda(x)`, float64, same shape as ``input``.

    Raises
    ------
    ValueError
        If ``lambd`` is negative.

    See Also
    --------
    lasso_regression : The L1-penalised least squares it solves coordinate-wise.
    ridge_regression : The L2 penalty, which shrinks without zeroing.

    Examples
    --------
    >>> from dlnotes.regularization import softshrink
    >>> softshrink(np.array([-2.0, -0.3, 0.0, 0.5, 1.5]), lambd=0.5)
    array([-1.5,  0. ,  0. ,  0. ,  1. ])
    """
    x = as_float_array(input)
    lam = check_real(lambd, "lambd", low=0)
    return np.where(x > lam, x - lam, np.where(x < -lam, x + lam, 0.0))


def _check_xy(X, y):
    x = as_float_array(X, "X", allow_inf=False, allow_empty=False)
    t = as_float_array(y, "y", allow_inf=False, allow_empty=False)
    if x.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {x.shape}")
    if t.shape != (x.shape[0],):
        raise ValueError(f"y must have shape ({x.shape[0]},) to match X, got {t.shape}")
    return x, t


def ridge_regression(X, y, alpha=1.0):
    r"""Least squares with an L2 penalty (ridge regression), no intercept.

    .. math::

       \hat{\mathbf w} = \arg\min_{\mathbf w} \|\mathbf y - X\mathbf w\|_2^2
       + \alpha \|\mathbf w\|_2^2 = (X^\top X + \alpha I)^{-1} X^\top \mathbf y .

    The objective of ``sklearn.linear_model.ridge_regression`` (and ``Ridge`` with
    ``fit_intercept=False``).  Centre ``X`` and ``y`` first if the model needs an
    intercept.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Design matrix.
    y : array_like, shape (n_samples,)
        Targets.
    alpha : float, default 1.0
        Penalty weight :math:`\alpha \ge 0`.

    Returns
    -------
    numpy.ndarray
        Coefficients, shape ``(n_features,)``.

    Raises
    ------
    ValueError
        If the shapes do not match, ``alpha < 0``, or ``alpha = 0`` with a singular
        :math:`X^\top X`.

    See Also
    --------
    lasso_regression : The L1 penalty, which sets small coefficients to 0.

    Examples
    --------
    On the data of :func:`lasso_regression`'s example both coefficients shrink, neither
    reaches 0:

    >>> from dlnotes.regularization import ridge_regression
    >>> X, y = np.sqrt(2) * np.eye(2), np.sqrt(2) * np.array([2.0, 0.5])
    >>> ridge_regression(X, y, alpha=1.0).round(4)
    array([1.3333, 0.3333])
    """
    x, t = _check_xy(X, y)
    alpha = check_real(alpha, "alpha", low=0)
    gram = x.T @ x + alpha * np.eye(x.shape[1])
    try:
        return np.linalg.solve(gram, x.T @ t)
    except np.linalg.LinAlgError as exc:
        raise ValueError("X^T X + alpha I is singular: use alpha > 0") from exc


def lasso_regression(X, y, alpha=1.0, max_iter=1000, tol=1e-10, coef_init=None):
    r"""Least squares with an L1 penalty (the lasso), no intercept, by coordinate descent.

    .. math::

       \hat{\mathbf w} = \arg\min_{\mathbf w} \frac{1}{2n}\|\mathbf y - X\mathbf w\|_2^2
       + \alpha \|\mathbf w\|_1 ,

    the objective of ``sklearn.linear_model.Lasso`` with ``fit_intercept=False``
    :cite:p:`tibshirani1996regression`.  Each sweep updates one coefficient at a time by
    soft thresholding (:func:`softshrink`):
    :math:`w_j \leftarrow \operatorname{softshrink}_\alpha(\mathbf x_j^\top \mathbf r_j / n)
    / (\mathbf x_j^\top \mathbf x_j / n)`, with :math:`\mathbf r_j` the residual without
    feature :math:`j`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Design matrix; no column may be all zero.
    y : array_like, shape (n_samples,)
        Targets.
    alpha : float, default 1.0
        Penalty weight :math:`\alpha \ge 0`.
    max_iter : int, default 1000
        Maximum number of sweeps over the coefficients.
    tol : float, default 1e-10
        Stop when no coefficient moved by more than ``tol`` in a sweep.
    coef_init : array_like, shape (n_features,), default None
        Starting coefficients (a warm start, e.g. the solution for a nearby ``alpha``).

    Returns
    -------
    numpy.ndarray
        Coefficients, shape ``(n_features,)``; small ones are exactly 0.

    Raises
    ------
    ValueError
        If the shapes do not match, ``alpha < 0``, a column of ``X`` is all zero, or
        ``max_iter``/``tol`` are not positive.

    See Also
    --------
    ridge_regression : The L2 penalty, in closed form.
    softshrink : The soft thresholding of each coordinate update.

    Examples
    --------
    An orthonormal design (:math:`X^\top X / n = I`): the least-squares solution
    ``[2, 0.5]`` passed through :func:`softshrink` with :math:`\alpha = 1`:

    >>> from dlnotes.regularization import lasso_regression
    >>> X, y = np.sqrt(2) * np.eye(2), np.sqrt(2) * np.array([2.0, 0.5])
    >>> lasso_regression(X, y, alpha=1.0)
    array([1., 0.])
    """
    x, t = _check_xy(X, y)
    alpha = check_real(alpha, "alpha", low=0)
    max_iter = check_int(max_iter, "max_iter", 1)
    tol = check_real(tol, "tol", low=0, low_open=True)
    n, d = x.shape
    col_sq = np.einsum("ij,ij->j", x, x) / n
    if (col_sq == 0).any():
        raise ValueError("X has an all-zero column; its lasso coefficient is undefined")
    if coef_init is None:
        w = np.zeros(d)
    else:
        w = as_float_array(coef_init, "coef_init", allow_inf=False).copy()
        if w.shape != (d,):
            raise ValueError(f"coef_init must have shape ({d},), got {w.shape}")
    r = t - x @ w
    for _ in range(int(max_iter)):  # sweeps: coordinate descent is sequential by nature
        largest_step = 0.0
        for j in range(d):
            old = w[j]
            rho = x[:, j] @ r / n + col_sq[j] * old
            new = math.copysign(max(abs(rho) - alpha, 0.0), rho) / col_sq[j]
            if new != old:
                r -= x[:, j] * (new - old)
                w[j] = new
                largest_step = max(largest_step, abs(new - old))
        if largest_step <= tol:
            break
    return w


class EarlyStopping:
    r"""Stop training when the monitored validation loss stops improving.

    After every epoch call :meth:`step` with the validation loss.  A value counts as an
    improvement if it is below the best one so far by more than ``min_delta``; when
    ``patience`` epochs in a row bring no improvement, :meth:`step` returns True.
    Keep the parameters of epoch ``best_epoch``, not those of the last epoch
    :cite:p:`prechelt1998early`.

    Parameters
    ----------
    patience : int, default 5
        Number of epochs without improvement to wait before stopping (>= 1).
    min_delta : float, default 0.0
        Minimum decrease that counts as an improvement (>= 0).

    Attributes
    ----------
    best : float
        Lowest loss seen so far (``inf`` before the first step).
    best_epoch : int or None
        Index (from 0) of the epoch with the lowest loss.
    wait : int
        Epochs since the last improvement.
    stopped_epoch : int or None
        Index of the epoch at which :meth:`step` first returned True.
    history : list of float
        Every value passed to :meth:`step`.

    See Also
    --------
    EarlyStopping.step : Record one epoch and decide.

    Examples
    --------
    >>> from dlnotes.regularization import EarlyStopping
    >>> stopper = EarlyStopping(patience=2)
    >>> [stopper.step(v) for v in [1.0, 0.8, 0.9, 0.85]]
    [False, False, False, True]
    >>> stopper.best_epoch, stopper.stopped_epoch
    (1, 3)
    """

    def __init__(self, patience=5, min_delta=0.0):
        self.patience = check_int(patience, "patience", 1)
        min_delta = check_real(min_delta, "min_delta", low=0)
        self.min_delta = min_delta
        self.best = math.inf
        self.best_epoch = None
        self.wait = 0
        self.stopped_epoch = None
        self.history = []

    def step(self, value):
        """Record one epoch's validation loss; return True when training should stop.

        Parameters
        ----------
        value : float
            The validation loss of this epoch.  NaN never counts as an improvement.

        Returns
        -------
        bool
            True once ``patience`` consecutive epochs brought no improvement.  After
            that the state (``best``, ``best_epoch``) is frozen and every further call
            returns True.

        See Also
        --------
        EarlyStopping : The stopping rule and its state.

        Examples
        --------
        Decreases smaller than ``min_delta`` do not count as improvements:

        >>> from dlnotes.regularization import EarlyStopping
        >>> stopper = EarlyStopping(patience=2, min_delta=0.1)
        >>> [stopper.step(v) for v in [1.0, 0.95, 0.9, 0.85]]
        [False, False, True, True]
        >>> stopper.best_epoch
        0
        """
        value = check_real(value, "value", allow_inf=True, allow_nan=True)
        epoch = len(self.history)
        self.history.append(value)
        if self.stopped_epoch is not None:  # already stopped: the state stays frozen
            return True
        if value < self.best - self.min_delta:
            self.best, self.best_epoch, self.wait = value, epoch, 0
        else:
            self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
        return self.stopped_epoch is not None
