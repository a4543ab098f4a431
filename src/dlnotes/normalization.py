r"""Batch normalization, forward and hand-written backward, in NumPy.

:func:`batch_norm` follows ``torch.nn.functional.batch_norm`` (same name, argument order,
defaults and in-place update of the running statistics); :func:`batch_norm_backward`
gives the gradients of the training-mode forward pass, derived by hand.  Inputs have
shape ``(N, C)``, ``(N, C, L)``, ``(N, C, H, W)`` or more generally ``(N, C, *)``: every
channel ``c`` is normalised over all axes except axis 1.  This module imports only NumPy.
"""

import numpy as np

from ._validation import (
    as_float_array,
    check_bool,
    check_grad_output,
    check_real,
    check_writeable_float_array,
)

__all__ = ["batch_norm", "batch_norm_backward"]


def _check_input(input, name="input"):
    x = as_float_array(input, name, allow_inf=False, allow_empty=False)
    if x.ndim < 2:  # any number of dimensions from 2 on
        raise ValueError(
            f"{name} must have shape (N, C, *) with at least 2 dimensions, got shape {x.shape}"
        )
    return x


def _channel_param(value, name, n_channels, *, allow_none=True):
    """Validate a per-channel vector of shape (C,)."""
    if value is None:
        if allow_none:
            return None
        raise ValueError(f"{name} is required")
    arr = as_float_array(value, name, allow_inf=False)
    if arr.shape != (n_channels,):
        raise ValueError(
            f"{name} must have shape ({n_channels},), one entry per channel of the input "
            f"(axis 1), got shape {arr.shape}"
        )
    return arr


def _check_running(value, name, n_channels):
    """A running statistic updated in place: a writeable float ndarray of shape (C,)."""
    check_writeable_float_array(value, name, "it is updated in place when training")
    if value.shape != (n_channels,):
        raise ValueError(
            f"{name} must have shape ({n_channels},), one entry per channel of the input "
            f"(axis 1), got shape {value.shape}"
        )
    if np.isnan(value).any():
        raise ValueError(f"{name} contains NaN")
    if not np.isfinite(value).all():
        raise ValueError(f"{name} must be finite, but contains inf")
    return value


def _axes(x):
    """Reduction axes (all but the channel axis) and the broadcast shape of a (C,) vector."""
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, x.shape[1]) + (1,) * (x.ndim - 2)
    return axes, shape


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    r"""Batch normalization :cite:p:`ioffe2015batch`, per channel.

    For every channel, with :math:`m` values :math:`x_1, \dots, x_m` of that channel in
    the batch (all samples and all spatial positions):

    .. math::

       \mu_\mathcal B = \frac1m \sum_{i=1}^m x_i, \quad
       \sigma_\mathcal B^2 = \frac1m \sum_{i=1}^m (x_i - \mu_\mathcal B)^2, \quad
       \hat x_i = \frac{x_i - \mu_\mathcal B}{\sqrt{\sigma_\mathcal B^2 + \varepsilon}}, \quad
       y_i = \gamma \hat x_i + \beta .

    In training mode the batch statistics are used, and the running statistics (if given)
    are updated **in place** as exponential moving averages,

    .. math::

       \hat\mu \leftarrow (1 - m_\text{mom})\,\hat\mu + m_\text{mom}\,\mu_\mathcal B, \qquad
       \hat\sigma^2 \leftarrow (1 - m_\text{mom})\,\hat\sigma^2
           + m_\text{mom}\,\tfrac{m}{m-1}\,\sigma_\mathcal B^2 ,

    where the running variance takes the *unbiased* batch variance.  In evaluation mode
    :math:`\hat\mu, \hat\sigma^2` replace :math:`\mu_\mathcal B, \sigma_\mathcal B^2`.

    Parameters
    ----------
    input : array_like
        Shape ``(N, C, *)``: ``(N, C)``, ``(N, C, L)``, ``(N, C, H, W)``, ...
    running_mean, running_var : numpy.ndarray or None
        Running statistics, shape ``(C,)``.  Required when ``training=False``.  When
        ``training=True`` they may be ``None`` (nothing is tracked); otherwise they must
        be writeable float ndarrays, which are overwritten with the updated values.
    weight, bias : array_like, default None
        :math:`\gamma` and :math:`\beta`, shape ``(C,)``; None means 1 and 0.
    training : bool, default False
        Use batch statistics (and update the running ones) instead of the running ones.
    momentum : float, default 0.1
        Weight :math:`m_\text{mom}` of the *new* batch statistic in the moving average
        (PyTorch's convention; Keras's ``momentum=0.99`` is the weight of the *old* value,
        i.e. PyTorch's 0.01).
    eps : float, default 1e-5
        Added to the variance before the square root.

    Returns
    -------
    numpy.ndarray
        The normalised, scaled and shifted input, same shape as ``input``.

    Raises
    ------
    ValueError
        If ``input`` has fewer than 2 dimensions, a per-channel argument does not have
        shape ``(C,)``, only one running statistic is given, ``training=False`` without
        running statistics, ``training=True`` with a single value per channel
        (``N * prod(*) == 1``), ``momentum`` is outside [0, 1] or ``eps <= 0``.
    TypeError
        If a running statistic to be updated in place is not a float ndarray.

    See Also
    --------
    batch_norm_backward : Its gradients in training mode.
    dlnotes.whitening.zca_whiten : Full whitening, which batch norm reduces to a
        per-channel standardisation.

    Notes
    -----
    Same values, and the same update of the running statistics, as
    ``torch.nn.functional.batch_norm``.

    Examples
    --------
    >>> from dlnotes.normalization import batch_norm
    >>> x = np.array([[1.0, 10.0], [3.0, 30.0]])
    >>> rm, rv = np.zeros(2), np.ones(2)
    >>> np.round(batch_norm(x, rm, rv, training=True), 4)
    array([[-1., -1.],
           [ 1.,  1.]])
    >>> rm, rv  # 0.9 * old + 0.1 * batch mean / unbiased batch variance
    (array([0.2, 2. ]), array([ 1.1, 20.9]))
    """
    x = _check_input(input)
    C = x.shape[1]
    axes, shape = _axes(x)
    training = check_bool(training, "training")
    momentum = check_real(momentum, "momentum", low=0, high=1)
    eps = check_real(eps, "eps", low=0, low_open=True)
    if (running_mean is None) != (running_var is None):
        raise ValueError("running_mean and running_var must be given together (or both None)")
    w = _channel_param(weight, "weight", C)
    b = _channel_param(bias, "bias", C)

    if training:
        m = x.size // C
        if m <= 1:
            raise ValueError(
                f"input has a single value per channel (shape {x.shape}); batch statistics "
                "need more than 1 value per channel when training=True (a batch of one "
                "sample without spatial axes has no variance)"
            )
        mean = x.mean(axis=axes)
        var = x.var(axis=axes)  # biased: divide by m, as in the forward pass of the paper
        if running_mean is not None:
            rm = _check_running(running_mean, "running_mean", C)
            rv = _check_running(running_var, "running_var", C)
            rm[...] = (1.0 - momentum) * rm + momentum * mean
            rv[...] = (1.0 - momentum) * rv + momentum * var * (m / (m - 1))
    else:
        if running_mean is None:
            raise ValueError(
                "running_mean and running_var are required when training=False "
                "(evaluation mode normalises with the running statistics)"
            )
        mean = _channel_param(running_mean, "running_mean", C)
        var = _channel_param(running_var, "running_var", C)
        if (var < 0).any():
            raise ValueError("running_var must be non-negative")

    inv_std = 1.0 / np.sqrt(var + eps)
    out = (x - mean.reshape(shape)) * inv_std.reshape(shape)
    if w is not None:
        out = out * w.reshape(shape)
    if b is not None:
        out = out + b.reshape(shape)
    return out


def batch_norm_backward(grad_output, input, weight=None, eps=1e-5):
    r"""Gradients of :func:`batch_norm` in training mode (batch statistics).

    With :math:`\sigma = \sqrt{\sigma_\mathcal B^2 + \varepsilon}`, the upstream gradient
    :math:`g_i = \partial \ell / \partial y_i` and :math:`m` values per channel:

    .. math::

       \frac{\partial \ell}{\partial \beta} = \sum_i g_i, \qquad
       \frac{\partial \ell}{\partial \gamma} = \sum_i g_i \hat x_i, \qquad
       \frac{\partial \ell}{\partial x_i} = \frac{\gamma}{m\,\sigma}
       \Bigl( m\, g_i - \sum_j g_j - \hat x_i \sum_j g_j \hat x_j \Bigr) .

    The last formula collects the three paths from :math:`x_i` to the loss (directly
    through :math:`\hat x_i`, through :math:`\sigma_\mathcal B^2` and through
    :math:`\mu_\mathcal B`) given in :cite:t:`ioffe2015batch`.

    Parameters
    ----------
    grad_output : array_like
        :math:`\partial \ell / \partial y`, same shape as ``input``.
    input : array_like
        The input of the forward pass, shape ``(N, C, *)``.
    weight : array_like, default None
        :math:`\gamma`, shape ``(C,)``; None means 1.
    eps : float, default 1e-5
        The ``eps`` of the forward pass.

    Returns
    -------
    grad_input : numpy.ndarray
        :math:`\partial \ell / \partial x`, same shape as ``input``.
    grad_weight : numpy.ndarray
        :math:`\partial \ell / \partial \gamma`, shape ``(C,)`` (returned even when
        ``weight`` is None, i.e. the gradient at :math:`\gamma = 1`).
    grad_bias : numpy.ndarray
        :math:`\partial \ell / \partial \beta`, shape ``(C,)``.

    Raises
    ------
    ValueError
        If the shapes do not match, ``grad_output`` contains NaN or inf (non-finite
        upstream gradients are refused), there is a single value per channel, or
        ``eps <= 0``.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    batch_norm : The forward pass.

    Notes
    -----
    In evaluation mode the statistics are constants, so the backward pass there is just
    :math:`\partial \ell/\partial x_i = \gamma\, g_i / \sqrt{\hat\sigma^2 + \varepsilon}`;
    this function covers the training mode, where :math:`\mu_\mathcal B` and
    :math:`\sigma_\mathcal B^2` depend on every :math:`x_i` of the batch.
    The gradients autograd computes for ``torch.nn.functional.batch_norm`` with
    ``training=True``.

    Examples
    --------
    Adding the same gradient to every output of a channel changes nothing after the
    normalisation, so the input gradient is 0 (only :math:`\beta` receives it):

    >>> from dlnotes.normalization import batch_norm_backward
    >>> x = np.array([[1.0], [2.0], [3.0]])  # N = 3 samples of C = 1 channel
    >>> grad_input, grad_weight, grad_bias = batch_norm_backward(np.ones((3, 1)), x)
    >>> np.allclose(grad_input, 0), grad_bias
    (True, array([3.]))
    """
    x = _check_input(input)
    g = check_grad_output(grad_output, x.shape, of="input")
    C = x.shape[1]
    axes, shape = _axes(x)
    m = x.size // C
    if m <= 1:
        raise ValueError(
            f"input has a single value per channel (shape {x.shape}); the training-mode "
            "batch norm needs more than 1 value per channel"
        )
    eps = check_real(eps, "eps", low=0, low_open=True)
    w = _channel_param(weight, "weight", C)
    gamma = np.ones(C) if w is None else w

    mean = x.mean(axis=axes, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=axes, keepdims=True) + eps)
    x_hat = (x - mean) * inv_std

    grad_bias = g.sum(axis=axes)
    grad_weight = (g * x_hat).sum(axis=axes)
    grad_input = (gamma.reshape(shape) * inv_std / m) * (
        m * g - grad_bias.reshape(shape) - x_hat * grad_weight.reshape(shape)
    )
    return grad_input, grad_weight, grad_bias
