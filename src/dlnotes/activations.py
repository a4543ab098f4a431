"""Activation functions and their derivatives, in NumPy.

Each function follows the semantics of its ``torch.nn.functional`` namesake (same
name, argument order and defaults) and works in float64 on arrays of any shape.
All of them are stable for any finite input: logits of +-1000 produce neither an
overflow warning nor NaN.  This module imports only NumPy.
"""

import numpy as np

from ._validation import as_float_array, check_dim, check_grad_output, check_real

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "relu",
    "relu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "softmax",
    "softmax_jacobian",
    "softmax_backward",
    "log_softmax",
    "log_softmax_backward",
]


def sigmoid(input):
    r"""Logistic sigmoid, element-wise.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}} \in (0, 1)

    Parameters
    ----------
    input : array_like
        Real numbers of any shape; ``+-inf`` give 1 and 0.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma(x)`, float64, same shape as ``input``.

    Notes
    -----
    Written as :math:`1/(1+e^{-|x|})` for :math:`x \ge 0` and
    :math:`e^{-|x|}/(1+e^{-|x|})` for :math:`x < 0`, so ``exp`` never sees a large
    positive argument and cannot overflow.  Same values as
    ``torch.sigmoid`` / ``torch.nn.functional.sigmoid``.
    """
    return _sigmoid(as_float_array(input))


def _sigmoid(x):
    """Sigmoid of a float64 array (no checks); ``exp`` only sees non-positive arguments."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(input):
    r"""Derivative of :func:`sigmoid`, element-wise.

    .. math:: \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr) \le \tfrac14

    The maximum 1/4 is reached at :math:`x = 0`; for :math:`|x| > 5` the slope is
    below 0.007, which is what "saturation" means.

    Parameters
    ----------
    input : array_like
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma'(x)`, float64, same shape as ``input``.
    """
    s = _sigmoid(as_float_array(input))
    return np.asarray(s * (1.0 - s))


def tanh(input):
    r"""Hyperbolic tangent, element-wise.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1 \in (-1, 1)

    Parameters
    ----------
    input : array_like
        Real numbers of any shape.

    Returns
    -------
    numpy.ndarray
        :math:`\tanh(x)`, float64, same shape as ``input``.
    """
    return np.asarray(np.tanh(as_float_array(input)))


def tanh_grad(input):
    r"""Derivative of :func:`tanh`, element-wise.

    .. math:: \tanh'(x) = 1 - \tanh^2(x) \le 1

    Parameters
    ----------
    input : array_like
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray
        :math:`1-\tanh^2(x)`, float64, same shape as ``input``.
    """
    t = np.tanh(as_float_array(input))
    return np.asarray(1.0 - t * t)


def relu(input):
    r"""Rectified linear unit, element-wise.

    .. math:: \operatorname{ReLU}(x) = \max(0, x)

    Parameters
    ----------
    input : array_like
        Real numbers of any shape.

    Returns
    -------
    numpy.ndarray
        :math:`\max(0, x)`, float64, same shape as ``input``.

    Notes
    -----
    Popularised for deep networks by :cite:t:`nair2010relu` and
    :cite:t:`glorot2011sparse`.
    """
    return np.asarray(np.maximum(as_float_array(input), 0.0))


def relu_grad(input):
    r"""Derivative of :func:`relu`, element-wise.

    .. math:: \operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    ReLU has no derivative at 0; like PyTorch's autograd this returns 0 there.

    Parameters
    ----------
    input : array_like
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray
        0.0 or 1.0, float64, same shape as ``input``.
    """
    return np.asarray(as_float_array(input) > 0, dtype=np.float64)


def leaky_relu(input, negative_slope=0.01):
    r"""Leaky ReLU, element-wise.

    .. math:: \operatorname{LeakyReLU}(x) = \max(0, x) + a \min(0, x)

    Parameters
    ----------
    input : array_like
        Real numbers of any shape.
    negative_slope : float, default 0.01
        The slope :math:`a` for negative inputs (PyTorch's default). PReLU
        :cite:p:`he2015delving` learns :math:`a` instead of fixing it.

    Returns
    -------
    numpy.ndarray
        float64, same shape as ``input``.

    Notes
    -----
    Introduced by :cite:t:`maas2013rectifier` so that a unit with negative
    pre-activation still passes a small gradient.
    """
    a = check_real(negative_slope, "negative_slope")
    x = as_float_array(input)
    with np.errstate(invalid="ignore"):  # 0 * -inf is NaN, as in torch
        negative = a * x
    return np.where(x > 0, x, negative)


def leaky_relu_grad(input, negative_slope=0.01):
    r"""Derivative of :func:`leaky_relu`, element-wise.

    .. math:: \operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    At :math:`x = 0` this returns :math:`a`, as PyTorch's autograd does.

    Parameters
    ----------
    input : array_like
        Points at which to evaluate the derivative.
    negative_slope : float, default 0.01
        The slope :math:`a` for negative inputs.

    Returns
    -------
    numpy.ndarray
        float64, same shape as ``input``.
    """
    a = check_real(negative_slope, "negative_slope")
    x = as_float_array(input)
    return np.where(x > 0, 1.0, a)


def _logits(input, dim):
    """Checked finite float64 logits and the normalised axis ``dim``."""
    x = as_float_array(input, allow_inf=False)
    return x, check_dim(dim, x.ndim)


def _shifted(x, axis):
    """The values of a non-empty ``x`` minus their maximum along ``axis`` (0-d as 1-d)."""
    x1 = x.reshape(1) if x.ndim == 0 else x
    # Logits more than float64's range apart: the gap overflows to -inf, whose
    # exponential is exactly the 0 it should be.
    with np.errstate(over="ignore"):
        return x1 - x1.max(axis=axis, keepdims=True)


def _softmax(x, axis):
    """Softmax of checked logits along a normalised axis (no checks)."""
    if x.size == 0:
        return x.copy()
    e = np.exp(_shifted(x, axis))
    return (e / e.sum(axis=axis, keepdims=True)).reshape(x.shape)


def _log_softmax(x, axis):
    """Log-softmax of checked logits along a normalised axis (no checks)."""
    if x.size == 0:
        return x.copy()
    z = _shifted(x, axis)
    return (z - np.log(np.exp(z).sum(axis=axis, keepdims=True))).reshape(x.shape)


def softmax(input, dim=-1):
    r"""Softmax along one dimension.

    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}

    Parameters
    ----------
    input : array_like
        Finite logits of any shape.
    dim : int, default -1
        The dimension along which the outputs sum to 1 (negative counts from the end).
        Unlike ``torch.nn.functional.softmax``, ``dim`` defaults to the last axis
        rather than being inferred.

    Returns
    -------
    numpy.ndarray
        Probabilities, float64, same shape as ``input``.

    Notes
    -----
    Since :math:`\operatorname{softmax}(z - c) = \operatorname{softmax}(z)` for any
    constant :math:`c`, the maximum is subtracted first: the largest exponent is then
    :math:`e^0 = 1` and nothing overflows.  A temperature :math:`T` is applied as
    ``softmax(z / T)`` :cite:p:`hinton2015distilling`.
    """
    return _softmax(*_logits(input, dim))


def log_softmax(input, dim=-1):
    r"""Logarithm of :func:`softmax`, computed without forming the softmax.

    .. math:: \log\operatorname{softmax}(z)_i = z_i - m - \log \sum_{j} e^{z_j - m},
              \qquad m = \max_j z_j

    Parameters
    ----------
    input : array_like
        Finite logits of any shape.
    dim : int, default -1
        The dimension to normalise over.

    Returns
    -------
    numpy.ndarray
        Log-probabilities (all :math:`\le 0`), float64, same shape as ``input``.

    Notes
    -----
    ``np.log(softmax(z))`` returns ``-inf`` once a probability underflows to 0
    (a logit gap above about 745); this form stays finite.
    """
    return _log_softmax(*_logits(input, dim))


def softmax_jacobian(input):
    r"""Jacobian of :func:`softmax` of a single logit vector.

    .. math:: \frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j),
              \qquad J = \operatorname{diag}(s) - s s^\top

    Parameters
    ----------
    input : array_like, shape (K,)
        One finite logit vector.

    Returns
    -------
    numpy.ndarray, shape (K, K)
        Symmetric; each row and column sums to 0 (shifting all logits changes nothing).
    """
    x = as_float_array(input, allow_inf=False, allow_empty=False, ndim=1,
                       layout="(one logit vector)")
    s = _softmax(x, 0)
    return np.diag(s) - np.outer(s, s)


def softmax_backward(grad_output, input, dim=-1):
    r"""Vector-Jacobian product of :func:`softmax` (what autograd computes).

    .. math:: \frac{\partial L}{\partial z_j} = s_j\Bigl(g_j - \sum_i g_i s_i\Bigr),
              \qquad g = \frac{\partial L}{\partial s}

    Parameters
    ----------
    grad_output : array_like
        :math:`\partial L/\partial s`, same shape as ``input``.
    input : array_like
        The logits :math:`z` that were passed to :func:`softmax`.
    dim : int, default -1
        The dimension the softmax was taken over.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L/\partial z`, float64, same shape as ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of ``input`` or contains NaN or inf
        (non-finite upstream gradients are refused: torch's autograd would spread them
        as NaN), or for the other arguments as :func:`softmax`.
    TypeError
        If an argument has the wrong type.
    """
    s, g, axis = _softmax_and_grad(grad_output, input, dim)
    if s.ndim == 0:
        return np.zeros_like(s)
    return s * (g - (g * s).sum(axis=axis, keepdims=True))


def log_softmax_backward(grad_output, input, dim=-1):
    r"""Vector-Jacobian product of :func:`log_softmax`.

    .. math:: \frac{\partial L}{\partial z_j} = g_j - s_j \sum_i g_i,
              \qquad g = \frac{\partial L}{\partial \log s}

    With a one-hot :math:`g = -y` (the cross-entropy loss) this is the familiar
    :math:`s - y`.

    Parameters
    ----------
    grad_output : array_like
        :math:`\partial L/\partial \log s`, same shape as ``input``.
    input : array_like
        The logits :math:`z` that were passed to :func:`log_softmax`.
    dim : int, default -1
        The dimension the log-softmax was taken over.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L/\partial z`, float64, same shape as ``input``.

    Raises
    ------
    ValueError
        If ``grad_output`` does not have the shape of ``input`` or contains NaN or inf
        (non-finite upstream gradients are refused: torch's autograd would spread them
        as NaN), or for the other arguments as :func:`log_softmax`.
    TypeError
        If an argument has the wrong type.
    """
    s, g, axis = _softmax_and_grad(grad_output, input, dim)
    if s.ndim == 0:  # a single logit: softmax is constantly 1
        return np.zeros_like(s)
    return g - s * g.sum(axis=axis, keepdims=True)


def _softmax_and_grad(grad_output, input, dim):
    """Softmax of ``input``, the checked ``grad_output`` and the normalised axis."""
    x, axis = _logits(input, dim)
    g = check_grad_output(grad_output, x.shape, of="input")
    return _softmax(x, axis), g, axis
