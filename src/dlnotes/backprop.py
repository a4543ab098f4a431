r"""Backpropagation by hand, and a finite-difference gradient checker, in NumPy.

:func:`numerical_gradient` and :func:`gradcheck` check a hand-derived gradient
against central differences, in the spirit of ``torch.autograd.gradcheck`` (same
default ``eps``, ``atol`` and ``rtol``); NumPy has no autograd, so the analytic
gradient is passed in as a function.  :func:`sigmoid_chain` is the three-weight
network of the chapter's worked example, with its gradients derived by the chain
rule.  This module imports only NumPy.
"""


import numpy as np

from ._validation import (
    as_float_array,
    check_bool,
    check_callable,
    check_option,
    check_probability_array,
    check_real,
)
from .activations import _sigmoid

__all__ = ["GradcheckError", "numerical_gradient", "gradcheck", "sigmoid_chain"]


class GradcheckError(RuntimeError):
    """Raised by :func:`gradcheck` when the analytic and numerical gradients disagree.

    See Also
    --------
    gradcheck : The check that raises it.

    Examples
    --------
    A derivative of :math:`x^3` written as :math:`2x^2` instead of :math:`3x^2`:

    >>> from dlnotes.backprop import gradcheck
    >>> gradcheck(lambda x: (x**3).sum(), lambda x: 2 * x**2, np.array([1.0, 2.0]))
    Traceback (most recent call last):
    ...
    dlnotes.backprop.GradcheckError: gradient of input 0 is wrong at index (1,): analytic 8, numerical 12 ...
    """


def _as_list(inputs):
    single = not isinstance(inputs, (list, tuple))
    arrays = [inputs] if single else list(inputs)
    if not arrays:
        raise ValueError("inputs must not be empty")
    arrays = [as_float_array(a, f"inputs[{i}]").copy() for i, a in enumerate(arrays)]
    return arrays, single


def _scalar_output(func, arrays):
    value = func(*arrays)
    try:
        value = float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError) as exc:
        raise ValueError("func must return a scalar (a 0-d value), got "
                         f"{type(value).__name__} of shape {np.shape(value)}") from exc
    return value


def numerical_gradient(func, inputs, eps=1e-6, method="central"):
    r"""Gradient of a scalar function by finite differences.

    For every coordinate :math:`i` of every input,

    .. math::

       \frac{\partial f}{\partial x_i} \approx
       \frac{f(x + h e_i) - f(x - h e_i)}{2h} \quad\text{(central)}, \qquad
       \frac{f(x + h e_i) - f(x)}{h} \quad\text{(forward)} .

    The central difference has a truncation error of order :math:`h^2`
    (:math:`\tfrac{h^2}{6} f'''`), the forward one of order :math:`h`; both suffer a
    round-off error of order :math:`\varepsilon_\text{mach}|f|/h`, so the total error is
    smallest for :math:`h` near :math:`\varepsilon_\text{mach}^{1/3} \approx 6\cdot10^{-6}`
    (central) or :math:`\varepsilon_\text{mach}^{1/2} \approx 10^{-8}` (forward) in float64.

    Parameters
    ----------
    func : callable
        ``func(*inputs)`` returning a scalar.
    inputs : array_like or list of array_like
        The point at which to differentiate (one array, or several arguments).
    eps : float, default 1e-6
        The step :math:`h > 0`.
    method : {'central', 'forward'}, default 'central'
        The difference formula.

    Returns
    -------
    numpy.ndarray or list of numpy.ndarray
        The gradient, with the structure and shapes of ``inputs``.

    Raises
    ------
    ValueError
        If ``eps`` is not positive, ``method`` is unknown or ``func`` does not return a
        scalar.

    See Also
    --------
    gradcheck : Compare it with a hand-written gradient.

    Notes
    -----
    One (central: two) evaluation of ``func`` per coordinate: meant for checking small
    problems, not for training.

    Examples
    --------
    The gradient of :math:`\sum x_i^2` is :math:`2x`; the forward difference is off by
    about ``eps``:

    >>> from dlnotes.backprop import numerical_gradient
    >>> f = lambda x: (x**2).sum()
    >>> numerical_gradient(f, np.array([1.0, -2.0])).round(6)
    array([ 2., -4.])
    >>> numerical_gradient(f, np.array([1.0, -2.0]), eps=1e-3, method="forward")
    array([ 2.001, -3.999])
    """
    check_callable(func, "func")
    check_option(method, "method", ("central", "forward"))
    h = check_real(eps, "eps", low=0, low_open=True)
    arrays, single = _as_list(inputs)
    grads = _numerical_gradient(func, arrays, h, method)
    return grads[0] if single else grads


def _numerical_gradient(func, arrays, h, method):
    """Finite differences of ``func`` at the checked float arrays ``arrays`` (no checks)."""
    f0 = _scalar_output(func, arrays) if method == "forward" else None
    grads = []
    for x in arrays:
        g = np.empty_like(x)
        flat_x, flat_g = x.reshape(-1), g.reshape(-1)
        for i in range(flat_x.size):  # one coordinate at a time: inherent to the method
            old = flat_x[i]
            flat_x[i] = old + h
            f_plus = _scalar_output(func, arrays)
            if method == "central":
                flat_x[i] = old - h
                f_minus = _scalar_output(func, arrays)
                flat_g[i] = (f_plus - f_minus) / (2.0 * h)
            else:
                flat_g[i] = (f_plus - f0) / h
            flat_x[i] = old
        grads.append(g)
    return grads


def gradcheck(func, grad_func, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True):
    r"""Compare a hand-written gradient with central differences.

    Passes when, for every coordinate, :math:`|a_i - n_i| \le \text{atol} + \text{rtol}\,|n_i|`,
    where :math:`a` is the analytic gradient ``grad_func(*inputs)`` and :math:`n` the
    numerical one from :func:`numerical_gradient`; the defaults are those of
    ``torch.autograd.gradcheck``.  Use float64: in float32 the round-off error of the
    differences alone exceeds these tolerances.

    Parameters
    ----------
    func : callable
        ``func(*inputs)`` returning a scalar.
    grad_func : callable
        ``grad_func(*inputs)`` returning the gradient: one array, or a list of arrays
        with the structure of ``inputs``.
    inputs : array_like or list of array_like
        The point at which to check.
    eps : float, default 1e-6
        Step of the central differences.
    atol : float, default 1e-5
        Absolute tolerance, >= 0.
    rtol : float, default 1e-3
        Relative tolerance, >= 0.
    raise_exception : bool, default True
        Raise ``GradcheckError`` on failure instead of returning False.

    Returns
    -------
    bool
        True if the gradients agree.

    Raises
    ------
    RuntimeError
        A ``GradcheckError`` (a subclass of ``RuntimeError``, as in torch) if they disagree
        and ``raise_exception`` is true; the message gives the worst coordinate.
    ValueError
        If the analytic gradient does not have the shapes of ``inputs``.

    See Also
    --------
    numerical_gradient : The finite differences it compares against.
    GradcheckError : What it raises when the gradients disagree.

    Examples
    --------
    >>> from dlnotes.backprop import gradcheck
    >>> x = np.array([1.0, 2.0])
    >>> gradcheck(lambda x: (x**3).sum(), lambda x: 3 * x**2, x)
    True
    >>> gradcheck(lambda x: (x**3).sum(), lambda x: 2 * x**2, x, raise_exception=False)
    False
    """
    check_callable(func, "func")
    check_callable(grad_func, "grad_func")
    h = check_real(eps, "eps", low=0, low_open=True)
    atol = check_real(atol, "atol", low=0)
    rtol = check_real(rtol, "rtol", low=0)
    raise_exception = check_bool(raise_exception, "raise_exception")
    arrays, single = _as_list(inputs)
    numeric = _numerical_gradient(func, arrays, h, "central")
    analytic = grad_func(*arrays)
    analytic = [analytic] if single else list(analytic)
    if len(analytic) != len(arrays):
        raise ValueError(f"grad_func must return {len(arrays)} gradient(s), got {len(analytic)}")
    for k, (a, n) in enumerate(zip(analytic, numeric)):
        a = as_float_array(a, f"grad_func output {k}")
        if a.shape != n.shape:
            raise ValueError(f"grad_func output {k} has shape {a.shape}, expected {n.shape}")
        excess = np.abs(a - n) - (atol + rtol * np.abs(n))
        if excess.size and excess.max() > 0:
            i = np.unravel_index(int(np.argmax(excess)), a.shape)
            if raise_exception:
                raise GradcheckError(
                    f"gradient of input {k} is wrong at index {tuple(int(j) for j in i)}: "
                    f"analytic {a[i]:.10g}, numerical {n[i]:.10g} "
                    f"(tolerance atol={atol:g} + rtol={rtol:g} * |numerical|)"
                )
            return False
    return True


def sigmoid_chain(w1, w2, w3, x, y, loss="cross_entropy"):
    r"""Forward and backward pass of a chain of three sigmoid units, by hand.

    The network has one weight per layer and no biases:

    .. math::

       m = S(w_1 x), \qquad n = S(w_2 m), \qquad
       \hat y = \begin{cases} S(w_3 n) & \text{loss = "cross_entropy"} \\
                              w_3 n & \text{loss = "mse"} \end{cases}

    with :math:`S` the sigmoid, and the loss
    :math:`L = -y\log\hat y - (1-y)\log(1-\hat y)` or :math:`L = (y - \hat y)^2`.
    With :math:`\delta = \partial L/\partial(w_3 n)` (:math:`\hat y - y` for cross-entropy,
    :math:`-2(y - \hat y)` for the squared error) the chain rule gives

    .. math::

       \frac{\partial L}{\partial w_3} = \delta\, n, \qquad
       \frac{\partial L}{\partial w_2} = \delta\, w_3\, n(1-n)\, m, \qquad
       \frac{\partial L}{\partial w_1} = \delta\, w_3\, n(1-n)\, w_2\, m(1-m)\, x .

    Every factor :math:`S' \le 1/4` and every weight with :math:`|w| < 1` shrinks the
    gradient on its way to the first layer.

    Parameters
    ----------
    w1, w2, w3 : float or array_like
        The weights (arrays broadcast together).
    x, y : float or array_like
        Input and target.
    loss : {'cross_entropy', 'mse'}, default 'cross_entropy'
        Binary cross-entropy on a sigmoid output, or the squared error on a linear output.

    Returns
    -------
    dict
        ``m``, ``n``, ``y_hat``, ``loss``, ``delta`` and the gradients
        ``grad_w1``, ``grad_w2``, ``grad_w3`` (floats for scalar inputs).

    Raises
    ------
    ValueError
        If ``loss`` is unknown, or ``y`` is outside :math:`[0, 1]` for cross-entropy.

    See Also
    --------
    gradcheck : Check gradients like these against finite differences.
    dlnotes.activations.sigmoid_grad : The factor :math:`S' \le 1/4` of every layer.

    Examples
    --------
    The gradient shrinks on its way back to the first weight:

    >>> from dlnotes.backprop import sigmoid_chain
    >>> out = sigmoid_chain(0.5, 0.5, 0.5, x=1.0, y=1.0)
    >>> round(out["grad_w3"], 4), round(out["grad_w2"], 4), round(out["grad_w1"], 4)
    (-0.2472, -0.0325, -0.0061)
    """
    check_option(loss, "loss", ("cross_entropy", "mse"))
    w1, w2, w3, x, y = (as_float_array(v, name, allow_inf=False)
                        for v, name in ((w1, "w1"), (w2, "w2"), (w3, "w3"), (x, "x"), (y, "y")))
    try:
        np.broadcast_shapes(w1.shape, w2.shape, w3.shape, x.shape, y.shape)
    except ValueError:
        raise ValueError(
            "w1, w2, w3, x and y must broadcast together, got shapes "
            f"{w1.shape}, {w2.shape}, {w3.shape}, {x.shape} and {y.shape}"
        ) from None
    m = _sigmoid(w1 * x)
    n = _sigmoid(w2 * m)
    z = w3 * n
    if loss == "cross_entropy":
        check_probability_array(y, "y")  # the target of a cross-entropy
        y_hat = _sigmoid(z)
        # -y log S(z) - (1 - y) log(1 - S(z)) = softplus(z) - y z, written without overflow
        value = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z
        delta = y_hat - y
    else:
        y_hat = z
        value = (y - y_hat) ** 2
        delta = -2.0 * (y - y_hat)
    grad_w3 = delta * n
    back_n = delta * w3 * n * (1.0 - n)  # dL/d(w2 m)
    grad_w2 = back_n * m
    grad_w1 = back_n * w2 * m * (1.0 - m) * x
    out = dict(m=m, n=n, y_hat=y_hat, loss=value, delta=delta,
               grad_w1=grad_w1, grad_w2=grad_w2, grad_w3=grad_w3)
    return {k: (float(v) if np.ndim(v) == 0 else np.asarray(v)) for k, v in out.items()}
