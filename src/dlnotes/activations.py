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

    See Also
    --------
    sigmoid_grad : Its derivative.
    tanh : The zero-centred relative, :math:`\tanh(x) = 2\sigma(2x) - 1`.

    Notes
    -----
    Written as :math:`1/(1+e^{-|x|})` for :math:`x \ge 0` and
    :math:`e^{-|x|}/(1+e^{-|x|})` for :math:`x < 0`, so ``exp`` never sees a large
    positive argument and cannot overflow.  Same values as
    ``torch.sigmoid`` / ``torch.nn.functional.sigmoid``.

    Examples
    --------
    >>> from dlnotes.activations import sigmoid
    >>> sigmoid(np.array([-1000.0, 0.0, 2.0]))
    array([0.        , 0.5       , 0.88079708])
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

    See Also
    --------
    sigmoid : The function itself.
    tanh_grad : The derivative of tanh, up to 1 instead of 1/4.

    Notes
    -----
    The same values as autograd gives for ``torch.sigmoid``.

    Examples
    --------
    The slope is 1/4 at 0 and almost gone at 5:

    >>> from dlnotes.activations import sigmoid_grad
    >>> sigmoid_grad(np.array([0.0, 5.0]))
    array([0.25      , 0.00664806])
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

    See Also
    --------
    tanh_grad : Its derivative.
    sigmoid : The logistic function it is a rescaled copy of.

    Notes
    -----
    Same values as ``torch.tanh``.

    Examples
    --------
    >>> from dlnotes.activations import tanh
    >>> tanh(np.array([-1.0, 0.0, 1.0]))
    array([-0.76159416,  0.        ,  0.76159416])
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

    See Also
    --------
    tanh : The function itself.
    sigmoid_grad : The derivative of the sigmoid, at most 1/4.

    Notes
    -----
    The same values as autograd gives for ``torch.tanh``.

    Examples
    --------
    >>> from dlnotes.activations import tanh_grad
    >>> tanh_grad(np.array([0.0, 1.0, 3.0]))
    array([1.        , 0.41997434, 0.00986604])
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

    See Also
    --------
    relu_grad : Its derivative.
    leaky_relu : ReLU with a small slope for negative inputs.

    Notes
    -----
    Popularised for deep networks by :cite:t:`nair2010relu` and
    :cite:t:`glorot2011sparse`.
    Same values as ``torch.nn.functional.relu``.

    Examples
    --------
    >>> from dlnotes.activations import relu
    >>> relu(np.array([-1.0, 0.0, 2.0]))
    array([0., 0., 2.])
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
        Zeros and ones, float64, same shape as ``input``.

    See Also
    --------
    relu : The function itself.
    leaky_relu_grad : The derivative of leaky ReLU, never 0.

    Examples
    --------
    >>> from dlnotes.activations import relu_grad
    >>> relu_grad(np.array([-1.0, 0.0, 2.0]))
    array([0., 0., 1.])
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
        :math:`\max(0, x) + a \min(0, x)`, float64, same shape as ``input``.

    See Also
    --------
    leaky_relu_grad : Its derivative.
    relu : The special case ``negative_slope=0``.

    Notes
    -----
    Introduced by :cite:t:`maas2013rectifier` so that a unit with negative
    pre-activation still passes a small gradient.
    Same values as ``torch.nn.functional.leaky_relu``.

    Examples
    --------
    >>> from dlnotes.activations import leaky_relu
    >>> leaky_relu(np.array([-2.0, 0.0, 3.0]), negative_slope=0.1)
    array([-0.2,  0. ,  3. ])
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
        1.0 or :math:`a`, float64, same shape as ``input``.

    See Also
    --------
    leaky_relu : The function itself.
    relu_grad : The derivative of ReLU, 0 for negative inputs.

    Examples
    --------
    >>> from dlnotes.activations import leaky_relu_grad
    >>> leaky_relu_grad(np.array([-2.0, 0.0, 3.0]), negative_slope=0.1)
    array([0.1, 0.1, 1. ])
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

    See Also
    --------
    log_softmax : Its logarithm, computed directly.
    softmax_jacobian : Its Jacobian for one logit vector.
    softmax_backward : Its vector-Jacobian product.

    Notes
    -----
    Since :math:`\operatorname{softmax}(z - c) = \operatorname{softmax}(z)` for any
    constant :math:`c`, the maximum is subtracted first: the largest exponent is then
    :math:`e^0 = 1` and nothing overflows.  A temperature :math:`T` is applied as
    ``softmax(z / T)`` :cite:p:`hinton2015distilling`.

    Examples
    --------
    >>> from dlnotes.activations import softmax
    >>> softmax(np.array([1.0, 2.0, 3.0]))
    array([0.09003057, 0.24472847, 0.66524096])

    Each column sums to 1 with ``dim=0``, and a logit of 1000 does not overflow:

    >>> softmax(np.array([[0.0, 0.0], [1000.0, 0.0]]), dim=0)
    array([[0. , 0.5],
           [1. , 0.5]])
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

    See Also
    --------
    softmax : The probabilities themselves.
    log_softmax_backward : Its vector-Jacobian product.
    dlnotes.losses.nll_loss : The loss that takes these log-probabilities.

    Notes
    -----
    ``np.log(softmax(z))`` returns ``-inf`` once a probability underflows to 0
    (a logit gap above about 745); this form stays finite.
    Same values as ``torch.nn.functional.log_softmax`` (with ``dim=-1``).

    Examples
    --------
    >>> from dlnotes.activations import log_softmax
    >>> log_softmax(np.array([0.0, 1000.0]))
    array([-1000.,     0.])
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
        :math:`J`, float64.  Symmetric; each row and column sums to 0 (shifting all
        logits changes nothing).

    See Also
    --------
    softmax : The function it differentiates.
    softmax_backward : The product of a gradient with this matrix, without forming it.

    Examples
    --------
    >>> from dlnotes.activations import softmax_jacobian
    >>> softmax_jacobian(np.array([0.0, 0.0]))
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
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

    See Also
    --------
    softmax : The forward function.
    softmax_jacobian : The full Jacobian of one logit vector.
    log_softmax_backward : The same for :func:`log_softmax`.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.softmax``.

    Examples
    --------
    ``grad_output`` times the Jacobian of the logits ``[0, 0]``:

    >>> from dlnotes.activations import softmax_backward
    >>> softmax_backward(np.array([1.0, 0.0]), np.array([0.0, 0.0]))
    array([ 0.25, -0.25])
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

    See Also
    --------
    log_softmax : The forward function.
    softmax_backward : The same for :func:`softmax`.
    dlnotes.losses.cross_entropy_backward : The gradient of the whole loss.

    Notes
    -----
    The gradient autograd computes for ``torch.nn.functional.log_softmax``.

    Examples
    --------
    With :math:`g = -y` for a one-hot :math:`y` the gradient is :math:`s - y`:

    >>> from dlnotes.activations import log_softmax_backward
    >>> y = np.array([0.0, 0.0, 1.0])
    >>> log_softmax_backward(-y, np.array([1.0, 2.0, 3.0])).round(4)
    array([ 0.09  ,  0.2447, -0.3348])
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
