r"""Optimizers, learning-rate schedulers and gradient clipping, in NumPy.

The optimizers follow ``torch.optim`` (same class names, argument order, defaults and
update order, checked step by step against PyTorch in ``tests/test_optim.py``), with
one difference of interface: NumPy arrays carry no ``.grad``, so :meth:`Optimizer.step`
receives the gradients explicitly::

    params = [w, b]                      # float64 arrays, updated in place
    opt = Adam(params, lr=1e-3)
    for _ in range(n_steps):
        opt.step([grad_w, grad_b])       # one gradient per parameter, same shapes

Like ``torch.optim``, every optimizer keeps its hyper-parameters in
``param_groups[0]`` (so the schedulers below can change ``"lr"``) and its per-parameter
buffers in ``state[i]``, under the names PyTorch uses (``"momentum_buffer"``,
``"sum"``, ``"square_avg"``, ``"exp_avg"``, ``"exp_avg_sq"``, ...).

The schedulers reproduce the recursive ("chainable") updates of
``torch.optim.lr_scheduler``; :func:`clip_grad_norm_` and :func:`clip_grad_value_`
follow ``torch.nn.utils``.  This module imports only NumPy.
"""

import bisect
import math

import numpy as np

from ._validation import (
    as_float_array,
    check_bool,
    check_callable,
    check_int,
    check_real,
    check_writeable_float_array,
)

__all__ = [
    "Optimizer",
    "SGD",
    "Adagrad",
    "RMSprop",
    "Adam",
    "AdamW",
    "LRScheduler",
    "LambdaLR",
    "StepLR",
    "ExponentialLR",
    "CosineAnnealingLR",
    "LinearLR",
    "SequentialLR",
    "clip_grad_norm_",
    "clip_grad_value_",
]


# --- argument checks ---------------------------------------------------------------------


def _check_params(params):
    """The parameter list: float ndarrays that can be updated in place."""
    if isinstance(params, np.ndarray):
        raise TypeError(
            "params must be a list of numpy arrays, got a single ndarray; wrap it in a list"
        )
    try:
        params = list(params)
    except TypeError as exc:
        raise TypeError(
            f"params must be a list of numpy arrays, got {type(params).__name__}"
        ) from exc
    if not params:
        raise ValueError("params must not be empty")
    for i, p in enumerate(params):
        check_writeable_float_array(p, f"params[{i}]", "the optimizer updates it in place")
    if len({id(p) for p in params}) != len(params):
        raise ValueError("params contains the same array more than once")
    return params


def _lerp_(start, end, weight):
    """In place ``start += weight * (end - start)`` with the two formulas of torch.lerp."""
    if weight < 0.5:
        start += weight * (end - start)
    else:
        start[...] = end - (end - start) * (1.0 - weight)


# --- optimizers --------------------------------------------------------------------------


class Optimizer:
    """Base class of the NumPy optimizers.

    Parameters
    ----------
    params : list of numpy.ndarray
        The parameters, float arrays that :meth:`step` updates in place.
    defaults : dict
        The hyper-parameters, stored in ``param_groups[0]`` next to ``"params"``.

    Attributes
    ----------
    param_groups : list of dict
        One group ``{"params": [...], "lr": ..., ...}``, as in ``torch.optim``; a
        learning-rate scheduler changes ``param_groups[0]["lr"]`` between steps.
    state : list of dict
        Per-parameter buffers, named as in PyTorch.

    See Also
    --------
    SGD : Stochastic gradient descent, with momentum.
    Adam : Adaptive moments.
    LRScheduler : Changes ``param_groups[0]["lr"]`` between steps.

    Examples
    --------
    A subclass in use: the hyper-parameters sit in ``param_groups[0]``, the buffers in
    ``state``.

    >>> from dlnotes.optim import SGD
    >>> opt = SGD([np.array([1.0, 2.0])], lr=0.1, momentum=0.9)
    >>> opt.step([np.array([1.0, 1.0])])
    >>> opt.param_groups[0]["lr"], opt.state[0]["momentum_buffer"]
    (0.1, array([1., 1.]))
    """

    def __init__(self, params, defaults):
        params = _check_params(params)
        if not isinstance(defaults, dict):
            raise TypeError(f"defaults must be a dict of hyper-parameters, got {type(defaults).__name__}")
        self.defaults = dict(defaults)
        self.param_groups = [dict(self.defaults, params=params)]
        self.state = [{} for _ in params]

    def __repr__(self):
        options = ", ".join(f"{k}={v!r}" for k, v in self.param_groups[0].items() if k != "params")
        return f"{type(self).__name__}({options})"

    def step(self, grads):
        """Update every parameter in place from its gradient.

        Parameters
        ----------
        grads : list of array_like
            One gradient per parameter, in the order of ``params`` and with the same
            shapes.  NaN is rejected; the arrays are not modified.

        Raises
        ------
        ValueError
            If the number or the shapes of the gradients do not match the parameters,
            or a gradient contains NaN.

        See Also
        --------
        LRScheduler.step : Called after this one to move the learning rate on.
        clip_grad_norm_ : Rescale the gradients before the step.

        Examples
        --------
        >>> from dlnotes.optim import SGD
        >>> w = np.array([1.0, 2.0])
        >>> SGD([w], lr=0.1).step([np.array([1.0, -1.0])])
        >>> w  # updated in place: w - lr * grad
        array([0.9, 2.1])
        """
        group = self.param_groups[0]
        params = group["params"]
        if isinstance(grads, np.ndarray) and len(params) == 1 and grads.shape == params[0].shape:
            grads = [grads]
        if not isinstance(grads, (list, tuple)):
            raise TypeError(f"grads must be a list of arrays, one per parameter, "
                            f"got {type(grads).__name__}")
        if len(grads) != len(params):
            raise ValueError(f"grads must hold one gradient per parameter: expected "
                             f"{len(params)}, got {len(grads)}")
        checked = []
        for i, (p, g) in enumerate(zip(params, grads)):
            g = as_float_array(g, f"grads[{i}]")
            if g.shape != p.shape:
                raise ValueError(f"grads[{i}] has shape {g.shape}, but params[{i}] has shape {p.shape}")
            checked.append(g)
        for i, (p, g) in enumerate(zip(params, checked)):
            self._update(p, g.copy(), self.state[i], group)

    def _update(self, param, grad, state, group):  # pragma: no cover - abstract
        raise NotImplementedError


class SGD(Optimizer):
    r"""Stochastic gradient descent, optionally with momentum or Nesterov momentum.

    With gradient :math:`g_t`, learning rate :math:`\gamma`, weight decay :math:`\lambda`,
    momentum :math:`\mu` and dampening :math:`\tau`, one step is (as in ``torch.optim.SGD``)

    .. math::

       g_t &\leftarrow g_t + \lambda\,\theta_{t-1} \\
       b_t &\leftarrow \begin{cases} g_t & t = 1 \\
                      \mu\, b_{t-1} + (1-\tau)\, g_t & t > 1 \end{cases} \\
       d_t &\leftarrow \begin{cases} g_t + \mu\, b_t & \text{Nesterov} \\
                      b_t & \text{otherwise} \end{cases} \\
       \theta_t &\leftarrow \theta_{t-1} - \gamma\, d_t

    (without momentum, :math:`d_t = g_t`).  The learning rate multiplies the
    velocity at the end, so :math:`\mu` is the fraction of the velocity kept from one
    step to the next.  The form :math:`v_t = \mu v_{t-1} - \gamma g_t`,
    :math:`\theta_t = \theta_{t-1} + v_t` of :cite:t:`sutskever2013importance` is the same
    (:math:`v = -\gamma b`) as long as :math:`\gamma` does not change during training.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float arrays, updated in place.
    lr : float, default 1e-3
        Learning rate :math:`\gamma \ge 0`.
    momentum : float, default 0
        Momentum factor :math:`\mu \ge 0`.
    dampening : float, default 0
        Dampening :math:`\tau` of the momentum (not applied at the first step).
    weight_decay : float, default 0
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.
    nesterov : bool, default False
        Use Nesterov momentum (needs ``momentum > 0`` and ``dampening == 0``).
    maximize : bool, default False
        Ascend instead of descend (the gradient's sign is flipped first).

    Raises
    ------
    ValueError
        If ``lr``, ``momentum`` or ``weight_decay`` is negative, or ``nesterov`` is
        asked for without momentum or with dampening.

    See Also
    --------
    Adagrad : Per-coordinate steps from the sum of squared gradients.
    RMSprop : Per-coordinate steps from a moving average of squared gradients.
    Adam : Momentum and RMSprop scaling together.

    Notes
    -----
    Same updates as ``torch.optim.SGD``.

    Examples
    --------
    Two steps with momentum and a constant gradient of 1:

    >>> from dlnotes.optim import SGD
    >>> w = np.zeros(1)
    >>> opt = SGD([w], lr=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.step([np.ones(1)])
    >>> w  # -0.1 * 1, then -0.1 * (0.9 * 1 + 1)
    array([-0.29])
    """

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0,
                 nesterov=False, *, maximize=False):
        lr = check_real(lr, "lr", low=0)
        momentum = check_real(momentum, "momentum", low=0)
        dampening = check_real(dampening, "dampening")
        weight_decay = check_real(weight_decay, "weight_decay", low=0)
        nesterov = check_bool(nesterov, "nesterov")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("nesterov=True requires momentum > 0 and dampening == 0")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov,
                                      maximize=check_bool(maximize, "maximize")))

    def _update(self, param, grad, state, group):
        if group["maximize"]:
            grad = -grad
        if group["weight_decay"] != 0:
            grad = grad + group["weight_decay"] * param
        momentum = group["momentum"]
        if momentum != 0:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = grad.copy()
            else:
                buf *= momentum
                buf += (1.0 - group["dampening"]) * grad
            grad = grad + momentum * buf if group["nesterov"] else buf
        param -= group["lr"] * grad


class Adagrad(Optimizer):
    r"""Adagrad: per-coordinate steps scaled by the accumulated squared gradients.

    One step, as in ``torch.optim.Adagrad`` (:cite:t:`duchi2011adaptive`), with
    :math:`t` counting from 1:

    .. math::

       g_t &\leftarrow g_t + \lambda\,\theta_{t-1} \\
       \tilde\gamma_t &\leftarrow \gamma / \bigl(1 + (t-1)\,\eta\bigr) \\
       G_t &\leftarrow G_{t-1} + g_t^2 \\
       \theta_t &\leftarrow \theta_{t-1} - \tilde\gamma_t\, \frac{g_t}{\sqrt{G_t} + \epsilon}

    where :math:`\eta` is ``lr_decay`` and :math:`G_0` is
    ``initial_accumulator_value``.  :math:`G_t` only grows, so the effective step
    :math:`\tilde\gamma_t/(\sqrt{G_t}+\epsilon)` of every coordinate shrinks towards 0.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float arrays, updated in place.
    lr : float, default 1e-2
        Learning rate :math:`\gamma \ge 0`.
    lr_decay : float, default 0
        Decay :math:`\eta \ge 0` of the learning rate with the step count.
    weight_decay : float, default 0
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.
    initial_accumulator_value : float, default 0
        Starting value :math:`G_0 \ge 0` of the sum of squares.
    eps : float, default 1e-10
        :math:`\epsilon \ge 0`, added to :math:`\sqrt{G_t}` (outside the root).
    maximize : bool, default False
        Ascend instead of descend.

    Raises
    ------
    ValueError
        If any of the numeric options is negative.

    See Also
    --------
    RMSprop : A moving average instead of the ever-growing sum.
    SGD : The plain step.

    Notes
    -----
    Same updates as ``torch.optim.Adagrad``.

    Examples
    --------
    With a constant gradient the steps are :math:`\gamma/\sqrt t`, whatever its size:

    >>> from dlnotes.optim import Adagrad
    >>> w = np.zeros(1)
    >>> opt = Adagrad([w], lr=1.0)
    >>> for _ in range(2):
    ...     opt.step([np.array([2.0])])
    >>> w.round(4)  # -(1 + 1/sqrt(2))
    array([-1.7071])
    """

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0,
                 initial_accumulator_value=0, eps=1e-10, *, maximize=False):
        defaults = dict(
            lr=check_real(lr, "lr", low=0),
            lr_decay=check_real(lr_decay, "lr_decay", low=0),
            weight_decay=check_real(weight_decay, "weight_decay", low=0),
            initial_accumulator_value=check_real(initial_accumulator_value,
                                                    "initial_accumulator_value", low=0),
            eps=check_real(eps, "eps", low=0),
            maximize=check_bool(maximize, "maximize"),
        )
        super().__init__(params, defaults)
        for p, state in zip(self.param_groups[0]["params"], self.state):
            state["step"] = 0
            state["sum"] = np.full(p.shape, defaults["initial_accumulator_value"], dtype=p.dtype)

    def _update(self, param, grad, state, group):
        state["step"] += 1
        step = state["step"]
        if group["maximize"]:
            grad = -grad
        if group["weight_decay"] != 0:
            grad = grad + group["weight_decay"] * param
        clr = group["lr"] / (1 + (step - 1) * group["lr_decay"])
        state["sum"] += grad * grad
        std = np.sqrt(state["sum"]) + group["eps"]
        param -= clr * (grad / std)


class RMSprop(Optimizer):
    r"""RMSprop: steps scaled by a moving average of the squared gradients.

    One step, as in ``torch.optim.RMSprop`` (:cite:t:`tieleman2012rmsprop`), with
    smoothing constant :math:`\alpha`:

    .. math::

       g_t &\leftarrow g_t + \lambda\,\theta_{t-1} \\
       v_t &\leftarrow \alpha\, v_{t-1} + (1-\alpha)\, g_t^2 \\
       \bar g_t &\leftarrow \alpha\, \bar g_{t-1} + (1-\alpha)\, g_t
              \quad\text{(centered only)} \\
       s_t &\leftarrow \sqrt{v_t - \bar g_t^2} + \epsilon \ \text{(centered)}, \quad
              \sqrt{v_t} + \epsilon \ \text{(otherwise)} \\
       b_t &\leftarrow \mu\, b_{t-1} + g_t / s_t, \quad
              \theta_t \leftarrow \theta_{t-1} - \gamma\, b_t
              \quad\text{if } \mu > 0, \\
       \theta_t &\leftarrow \theta_{t-1} - \gamma\, g_t / s_t
              \quad\text{otherwise,}

    with :math:`v_0 = \bar g_0 = b_0 = 0`.  Unlike Adagrad's ever-growing sum,
    :math:`v_t` forgets old gradients, so the step does not shrink to 0.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float arrays, updated in place.
    lr : float, default 1e-2
        Learning rate :math:`\gamma \ge 0`.
    alpha : float, default 0.99
        Smoothing constant :math:`\alpha \ge 0` of the moving averages.
    eps : float, default 1e-8
        :math:`\epsilon \ge 0`, added outside the square root.
    weight_decay : float, default 0
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.
    momentum : float, default 0
        Momentum factor :math:`\mu \ge 0` applied to the scaled step.
    centered : bool, default False
        Divide by an estimate of the gradient's standard deviation instead of its RMS.
    maximize : bool, default False
        Ascend instead of descend.

    Raises
    ------
    ValueError
        If any of the numeric options is negative.

    See Also
    --------
    Adagrad : The sum of all squared gradients instead of a moving average.
    Adam : RMSprop scaling with momentum and bias correction.

    Notes
    -----
    Same updates as ``torch.optim.RMSprop``.

    Examples
    --------
    The first step: :math:`v_1 = 0.01 g^2`, so the step is :math:`\gamma/\sqrt{0.01} = 10\gamma`:

    >>> from dlnotes.optim import RMSprop
    >>> w = np.zeros(1)
    >>> RMSprop([w], lr=0.01).step([np.array([5.0])])
    >>> w.round(4)
    array([-0.1])
    """

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
                 centered=False, *, maximize=False):
        defaults = dict(
            lr=check_real(lr, "lr", low=0),
            alpha=check_real(alpha, "alpha", low=0),
            eps=check_real(eps, "eps", low=0),
            weight_decay=check_real(weight_decay, "weight_decay", low=0),
            momentum=check_real(momentum, "momentum", low=0),
            centered=check_bool(centered, "centered"),
            maximize=check_bool(maximize, "maximize"),
        )
        super().__init__(params, defaults)

    def _update(self, param, grad, state, group):
        if not state:
            state["step"] = 0
            state["square_avg"] = np.zeros_like(param)
            if group["momentum"] > 0:
                state["momentum_buffer"] = np.zeros_like(param)
            if group["centered"]:
                state["grad_avg"] = np.zeros_like(param)
        state["step"] += 1
        if group["maximize"]:
            grad = -grad
        if group["weight_decay"] != 0:
            grad = grad + group["weight_decay"] * param
        alpha = group["alpha"]
        square_avg = state["square_avg"]
        square_avg *= alpha
        square_avg += (1.0 - alpha) * (grad * grad)
        if group["centered"]:
            grad_avg = state["grad_avg"]
            _lerp_(grad_avg, grad, 1.0 - alpha)
            avg = np.sqrt(square_avg - grad_avg * grad_avg)
        else:
            avg = np.sqrt(square_avg)
        avg += group["eps"]
        if group["momentum"] > 0:
            buf = state["momentum_buffer"]
            buf *= group["momentum"]
            buf += grad / avg
            param -= group["lr"] * buf
        else:
            param -= group["lr"] * (grad / avg)


class Adam(Optimizer):
    r"""Adam: momentum and RMSprop-style scaling, both bias-corrected.

    One step, as in ``torch.optim.Adam`` (:cite:t:`kingma2015adam`), with :math:`t`
    counting from 1 and :math:`m_0 = v_0 = 0`:

    .. math::

       g_t &\leftarrow g_t + \lambda\,\theta_{t-1}
              \quad\text{(L2 penalty; AdamW instead uses }
              \theta_{t-1} \leftarrow (1-\gamma\lambda)\,\theta_{t-1}\text{)} \\
       m_t &\leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\
       v_t &\leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\
       \hat v_t &\leftarrow \max(\hat v_{t-1}, v_t) \ \text{(amsgrad)}, \quad
              v_t \ \text{(otherwise)} \\
       \theta_t &\leftarrow \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\,
              \frac{m_t}{\sqrt{\hat v_t / (1-\beta_2^t)} + \epsilon}

    The first moment :math:`m_t` is momentum (an exponential moving average of
    gradients), the second :math:`v_t` is RMSprop's moving average of squared
    gradients, and the factors :math:`1-\beta^t` undo the bias towards the zero
    starting values.  Note that :math:`\epsilon` is added after the bias
    correction of :math:`\sqrt{v_t}`.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float arrays, updated in place.
    lr : float, default 1e-3
        Learning rate :math:`\gamma \ge 0`.
    betas : tuple of float, default (0.9, 0.999)
        :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`.
    eps : float, default 1e-8
        :math:`\epsilon \ge 0`.
    weight_decay : float, default 0
        :math:`\lambda \ge 0`: an L2 penalty added to the gradient, or, with
        ``decoupled_weight_decay=True``, a decay applied to the weights (AdamW).
    amsgrad : bool, default False
        Use the running maximum of :math:`v_t` (AMSGrad).
    maximize : bool, default False
        Ascend instead of descend.
    decoupled_weight_decay : bool, default False
        Decay the weights directly, as :class:`AdamW` does.

    Raises
    ------
    ValueError
        If ``lr``, ``eps`` or ``weight_decay`` is negative, or a beta is outside
        :math:`[0, 1)`.

    See Also
    --------
    AdamW : Adam with decoupled weight decay.
    RMSprop : The second-moment scaling without momentum or bias correction.
    SGD : The plain step, with momentum.

    Notes
    -----
    Same updates as ``torch.optim.Adam``.

    Examples
    --------
    Thanks to the bias correction the first step has length ``lr`` in every
    coordinate, whatever the size of the gradient:

    >>> from dlnotes.optim import Adam
    >>> w = np.zeros(2)
    >>> Adam([w], lr=0.1).step([np.array([1000.0, 0.001])])
    >>> w.round(4)
    array([-0.1, -0.1])
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 amsgrad=False, *, maximize=False, decoupled_weight_decay=False):
        if not isinstance(betas, (tuple, list)):
            raise TypeError(f"betas must be a pair (beta1, beta2), got {type(betas).__name__}")
        if len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        beta1, beta2 = betas
        defaults = dict(
            lr=check_real(lr, "lr", low=0),
            betas=(check_real(beta1, "betas[0]", low=0, high=1, high_open=True),
                   check_real(beta2, "betas[1]", low=0, high=1, high_open=True)),
            eps=check_real(eps, "eps", low=0),
            weight_decay=check_real(weight_decay, "weight_decay", low=0),
            amsgrad=check_bool(amsgrad, "amsgrad"),
            maximize=check_bool(maximize, "maximize"),
            decoupled_weight_decay=check_bool(decoupled_weight_decay, "decoupled_weight_decay"),
        )
        super().__init__(params, defaults)

    def _update(self, param, grad, state, group):
        if not state:
            state["step"] = 0
            state["exp_avg"] = np.zeros_like(param)
            state["exp_avg_sq"] = np.zeros_like(param)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = np.zeros_like(param)
        state["step"] += 1
        step = float(state["step"])
        lr, (beta1, beta2) = group["lr"], group["betas"]
        if group["maximize"]:
            grad = -grad
        if group["weight_decay"] != 0:
            if group["decoupled_weight_decay"]:
                param *= 1.0 - lr * group["weight_decay"]
            else:
                grad = grad + group["weight_decay"] * param
        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
        _lerp_(exp_avg, grad, 1.0 - beta1)
        exp_avg_sq *= beta2
        exp_avg_sq += (1.0 - beta2) * (grad * grad)
        bias_correction1 = 1.0 - beta1**step
        bias_correction2 = 1.0 - beta2**step
        step_size = lr / bias_correction1
        if group["amsgrad"]:
            np.maximum(state["max_exp_avg_sq"], exp_avg_sq, out=state["max_exp_avg_sq"])
            second = state["max_exp_avg_sq"]
        else:
            second = exp_avg_sq
        denom = np.sqrt(second) / bias_correction2**0.5 + group["eps"]
        param -= step_size * (exp_avg / denom)


class AdamW(Adam):
    r"""AdamW: Adam with decoupled weight decay.

    As :class:`Adam`, but the weights are shrunk directly before the Adam step,
    :math:`\theta_{t-1} \leftarrow (1 - \gamma\lambda)\,\theta_{t-1}`, instead of
    adding :math:`\lambda\theta` to the gradient (:cite:t:`loshchilov2019decoupled`).
    The decay then does not pass through the adaptive scaling, so every weight decays at
    the same relative rate.  Note the different default, ``weight_decay=1e-2``, and
    that the decay is multiplied by the learning rate, as in ``torch.optim.AdamW``.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float arrays, updated in place.
    lr : float, default 1e-3
        Learning rate :math:`\gamma \ge 0`.
    betas : tuple of float, default (0.9, 0.999)
        :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`.
    eps : float, default 1e-8
        :math:`\epsilon \ge 0`.
    weight_decay : float, default 1e-2
        Decoupled decay :math:`\lambda \ge 0`.
    amsgrad : bool, default False
        Use the running maximum of :math:`v_t` (AMSGrad).
    maximize : bool, default False
        Ascend instead of descend.

    Raises
    ------
    ValueError
        As :class:`Adam`.

    See Also
    --------
    Adam : The L2 penalty added to the gradient instead.

    Notes
    -----
    Same updates as ``torch.optim.AdamW``.

    Examples
    --------
    With a zero gradient Adam's L2 penalty still makes a full step of ``lr``, while
    AdamW shrinks the weight by :math:`1 - \gamma\lambda`:

    >>> from dlnotes.optim import Adam, AdamW
    >>> w1, w2 = np.ones(1), np.ones(1)
    >>> Adam([w1], lr=0.1, weight_decay=0.5).step([np.zeros(1)])
    >>> AdamW([w2], lr=0.1, weight_decay=0.5).step([np.zeros(1)])
    >>> w1, w2
    (array([0.9]), array([0.95]))
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize,
                         decoupled_weight_decay=True)


# --- learning-rate schedulers ------------------------------------------------------------


class LRScheduler:
    """Base class of the learning-rate schedulers (``torch.optim.lr_scheduler``).

    Creating a scheduler records each group's ``initial_lr`` and sets the learning
    rate for step 0; every call of :meth:`step` (after the optimizer's step) moves to
    the next value.  As in PyTorch, most schedulers update the current learning rate
    recursively from the previous one, so several schedulers can be chained.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer whose ``param_groups[i]["lr"]`` the scheduler sets.
    last_epoch : int, default -1
        Index of the last step; -1 starts a new schedule.  A value >= 0 resumes one and
        needs ``"initial_lr"`` in every parameter group.

    Attributes
    ----------
    base_lrs : list of float
        The learning rates the schedule starts from.
    last_epoch : int
        Number of :meth:`step` calls made so far (0 right after construction).

    See Also
    --------
    StepLR : Decay by a factor every few steps.
    CosineAnnealingLR : Cosine decay.
    SequentialLR : One schedule after another.

    Examples
    --------
    A subclass in use:

    >>> from dlnotes.optim import SGD, ExponentialLR
    >>> scheduler = ExponentialLR(SGD([np.zeros(1)], lr=0.1), gamma=0.5)
    >>> scheduler.step()
    >>> scheduler.base_lrs, scheduler.last_epoch, scheduler.get_last_lr()
    ([0.1], 1, [0.05])
    """

    def __init__(self, optimizer, last_epoch=-1):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(
                f"optimizer must be a dlnotes.optim.Optimizer, got {type(optimizer).__name__}"
            )
        last_epoch = check_int(last_epoch, "last_epoch", minimum=-1)
        self.optimizer = optimizer
        if last_epoch == -1:
            for group in optimizer.param_groups:
                group.setdefault("initial_lr", group["lr"])
        else:
            for i, group in enumerate(optimizer.param_groups):
                if "initial_lr" not in group:
                    raise ValueError(f"last_epoch={last_epoch} resumes a schedule, but "
                                     f"param_groups[{i}] has no 'initial_lr'")
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = int(last_epoch)
        self._initial_step()

    def _initial_step(self):
        self._step_count = 0
        self._is_initial = True
        try:
            self.step()
        finally:
            self._is_initial = False

    def _group_lrs(self):
        return [group["lr"] for group in self.optimizer.param_groups]

    def get_lr(self):
        r"""The learning rates for the current ``last_epoch`` (called by :meth:`step`).

        Returns
        -------
        list of float
            One learning rate per parameter group.

        See Also
        --------
        LRScheduler.step : The caller, which writes the values into the optimizer.
        LRScheduler.get_last_lr : The values written by the last step.

        Examples
        --------
        A new schedule only needs this method, here the closed form :math:`\gamma_0 2^{-t}`:

        >>> from dlnotes.optim import SGD, LRScheduler
        >>> class Halve(LRScheduler):
        ...     def get_lr(self):
        ...         return [base * 0.5 ** self.last_epoch for base in self.base_lrs]
        >>> scheduler = Halve(SGD([np.zeros(1)], lr=1.0))
        >>> scheduler.step(); scheduler.step()
        >>> scheduler.get_last_lr()
        [0.25]
        """
        raise NotImplementedError

    def get_last_lr(self):
        """The learning rates set by the last :meth:`step`.

        Returns
        -------
        list of float
            One learning rate per parameter group.

        See Also
        --------
        LRScheduler.step : Sets the values this returns.

        Examples
        --------
        >>> from dlnotes.optim import SGD, ExponentialLR
        >>> opt = SGD([np.zeros(1)], lr=0.1)
        >>> scheduler = ExponentialLR(opt, gamma=0.5)
        >>> scheduler.step()
        >>> scheduler.get_last_lr(), opt.param_groups[0]["lr"]
        ([0.05], 0.05)
        """
        return list(self._last_lr)

    def step(self):
        """Advance the schedule by one step and write the new learning rates.

        See Also
        --------
        Optimizer.step : The parameter update, which comes first.
        LRScheduler.get_last_lr : The rates this step set.

        Examples
        --------
        In a training loop the optimizer steps first, then the schedule:

        >>> from dlnotes.optim import SGD, StepLR
        >>> w = np.zeros(1)
        >>> opt = SGD([w], lr=1.0)
        >>> scheduler = StepLR(opt, step_size=1, gamma=0.1)
        >>> for _ in range(2):
        ...     opt.step([np.ones(1)])
        ...     scheduler.step()
        >>> w  # a step of 1.0, then one of 0.1
        array([-1.1])
        """
        self._step_count += 1
        self._update_lr()

    def _update_lr(self, epoch=None):
        if epoch is None:
            self.last_epoch += 1
            values = self.get_lr()
        else:
            self.last_epoch = epoch
            closed = getattr(self, "_get_closed_form_lr", None)
            values = closed() if closed is not None else self.get_lr()
        for group, lr in zip(self.optimizer.param_groups, values):
            group["lr"] = float(lr)
        self._last_lr = self._group_lrs()


class LambdaLR(LRScheduler):
    r"""Learning rate :math:`\gamma_t = \gamma_0\, f(t)` for a user function :math:`f`.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer to schedule.
    lr_lambda : callable or list of callable
        :math:`f`, called with the step index :math:`t = 0, 1, \dots` (one function for
        all groups, or a list with one per group).
    last_epoch : int, default -1
        See :class:`LRScheduler`.

    See Also
    --------
    StepLR : A step-wise decay.
    ExponentialLR : :math:`f(t) = \text{gamma}^t`.

    Notes
    -----
    Same schedule as ``torch.optim.lr_scheduler.LambdaLR``.

    Examples
    --------
    :math:`f(t) = 1/(t+1)`:

    >>> from dlnotes.optim import SGD, LambdaLR
    >>> scheduler = LambdaLR(SGD([np.zeros(1)], lr=0.1), lambda t: 1 / (t + 1))
    >>> lrs = []
    >>> for _ in range(3):
    ...     lrs.append(scheduler.get_last_lr()[0])
    ...     scheduler.step()
    >>> lrs
    [0.1, 0.05, 0.03333333333333333]
    """

    def __init__(self, optimizer, lr_lambda, last_epoch=-1):
        n_groups = len(optimizer.param_groups) if isinstance(optimizer, Optimizer) else 1
        if isinstance(lr_lambda, (list, tuple)):
            if len(lr_lambda) != n_groups:
                raise ValueError(f"lr_lambda must hold {n_groups} functions, got {len(lr_lambda)}")
            self.lr_lambdas = list(lr_lambda)
        else:
            self.lr_lambdas = [lr_lambda] * n_groups
        for f in self.lr_lambdas:
            check_callable(f, "lr_lambda")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        r""":math:`\gamma_0 f(t)` for every group.

        Returns
        -------
        list of float
            One learning rate per parameter group.

        See Also
        --------
        StepLR.get_lr : A recursive update, which keeps a rate set by hand.

        Examples
        --------
        Closed form: a rate set by hand in between is overwritten.

        >>> from dlnotes.optim import SGD, LambdaLR
        >>> opt = SGD([np.zeros(1)], lr=1.0)
        >>> scheduler = LambdaLR(opt, lambda t: 0.5 ** t)
        >>> opt.param_groups[0]["lr"] = 10.0
        >>> scheduler.step()
        >>> scheduler.get_last_lr()
        [0.5]
        """
        return [base * f(self.last_epoch) for f, base in zip(self.lr_lambdas, self.base_lrs)]


class StepLR(LRScheduler):
    r"""Multiply the learning rate by ``gamma`` every ``step_size`` steps.

    Closed form: :math:`\gamma_t = \gamma_0\, \text{gamma}^{\lfloor t / \mathrm{step\_size} \rfloor}`.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer to schedule.
    step_size : int
        Period of the decay, a positive int.
    gamma : float, default 0.1
        Multiplicative factor.
    last_epoch : int, default -1
        See :class:`LRScheduler`.

    See Also
    --------
    ExponentialLR : A decay at every step.
    CosineAnnealingLR : A smooth decay.

    Notes
    -----
    Same schedule as ``torch.optim.lr_scheduler.StepLR``.

    Examples
    --------
    >>> from dlnotes.optim import SGD, StepLR
    >>> scheduler = StepLR(SGD([np.zeros(1)], lr=1.0), step_size=2, gamma=0.5)
    >>> lrs = []
    >>> for _ in range(5):
    ...     lrs.append(scheduler.get_last_lr()[0])
    ...     scheduler.step()
    >>> lrs
    [1.0, 1.0, 0.5, 0.5, 0.25]
    """

    def __init__(self, optimizer, step_size, gamma=0.1, last_epoch=-1):
        self.step_size = check_int(step_size, "step_size", minimum=1)
        self.gamma = check_real(gamma, "gamma")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        """The previous learning rates, times ``gamma`` at multiples of ``step_size``.

        Returns
        -------
        list of float
            One learning rate per parameter group.

        See Also
        --------
        LambdaLR.get_lr : A closed form, which ignores the current rate.

        Examples
        --------
        Recursive: a rate set by hand in between is the one that decays.

        >>> from dlnotes.optim import SGD, StepLR
        >>> opt = SGD([np.zeros(1)], lr=1.0)
        >>> scheduler = StepLR(opt, step_size=1, gamma=0.5)
        >>> opt.param_groups[0]["lr"] = 10.0
        >>> scheduler.step()
        >>> scheduler.get_last_lr()
        [5.0]
        """
        if self.last_epoch == 0 or self.last_epoch % self.step_size != 0:
            return self._group_lrs()
        return [lr * self.gamma for lr in self._group_lrs()]

    def _get_closed_form_lr(self):
        return [base * self.gamma ** (self.last_epoch // self.step_size) for base in self.base_lrs]


class ExponentialLR(LRScheduler):
    r"""Multiply the learning rate by ``gamma`` at every step: :math:`\gamma_t = \gamma_0\,\text{gamma}^t`.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer to schedule.
    gamma : float
        Multiplicative factor per step.
    last_epoch : int, default -1
        See :class:`LRScheduler`.

    See Also
    --------
    StepLR : The same decay every ``step_size`` steps.
    LambdaLR : Any factor :math:`f(t)`.

    Notes
    -----
    Same schedule as ``torch.optim.lr_scheduler.ExponentialLR``.

    Examples
    --------
    >>> from dlnotes.optim import SGD, ExponentialLR
    >>> scheduler = ExponentialLR(SGD([np.zeros(1)], lr=1.0), gamma=0.5)
    >>> lrs = []
    >>> for _ in range(4):
    ...     lrs.append(scheduler.get_last_lr()[0])
    ...     scheduler.step()
    >>> lrs
    [1.0, 0.5, 0.25, 0.125]
    """

    def __init__(self, optimizer, gamma, last_epoch=-1):
        self.gamma = check_real(gamma, "gamma")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        """The previous learning rates times ``gamma`` (unchanged at construction).

        Returns
        -------
        list of float
            One learning rate per parameter group.

        See Also
        --------
        StepLR.get_lr : The same recursion every ``step_size`` steps.

        Examples
        --------
        Recursive: a rate set by hand in between is the one that decays.

        >>> from dlnotes.optim import SGD, ExponentialLR
        >>> opt = SGD([np.zeros(1)], lr=1.0)
        >>> scheduler = ExponentialLR(opt, gamma=0.5)
        >>> opt.param_groups[0]["lr"] = 4.0
        >>> scheduler.step()
        >>> scheduler.get_last_lr()
        [2.0]
        """
        if self._is_initial:
            return self._group_lrs()
        return [lr * self.gamma for lr in self._group_lrs()]

    def _get_closed_form_lr(self):
        return [base * self.gamma**self.last_epoch for base in self.base_lrs]


class CosineAnnealingLR(LRScheduler):
    r"""Cosine annealing from the initial learning rate down to ``eta_min``.

    .. math::

       \gamma_t = \eta_{\min} + \tfrac12 (\gamma_0 - \eta_{\min})
                  \Bigl(1 + \cos\frac{\pi t}{T_{\max}}\Bigr)

    for :math:`0 \le t \le T_{\max}`.  Like PyTorch, the learning rate is updated
    recursively, :math:`\gamma_t - \eta_{\min} = (\gamma_{t-1} - \eta_{\min})
    \frac{1 + \cos(\pi t/T_{\max})}{1 + \cos(\pi (t-1)/T_{\max})}`, which continues
    the cosine (rising again) after :math:`T_{\max}`; it is the annealing half of
    SGDR :cite:p:`loshchilov2017sgdr` without the restarts.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer to schedule.
    T_max : int
        Number of steps of the half cosine, a positive int.
    eta_min : float, default 0.0
        Smallest learning rate.
    last_epoch : int, default -1
        See :class:`LRScheduler`.

    See Also
    --------
    LinearLR : A linear warm-up, often run before it.
    SequentialLR : Chain the warm-up and the cosine.
    StepLR : A step-wise decay.

    Notes
    -----
    Same schedule as ``torch.optim.lr_scheduler.CosineAnnealingLR``.

    Examples
    --------
    >>> from dlnotes.optim import SGD, CosineAnnealingLR
    >>> scheduler = CosineAnnealingLR(SGD([np.zeros(1)], lr=1.0), T_max=4)
    >>> lrs = []
    >>> for _ in range(5):
    ...     lrs.append(round(scheduler.get_last_lr()[0], 4))
    ...     scheduler.step()
    >>> lrs
    [1.0, 0.8536, 0.5, 0.1464, 0.0]
    """

    def __init__(self, optimizer, T_max, eta_min=0.0, last_epoch=-1):
        self.T_max = check_int(T_max, "T_max", minimum=1)
        self.eta_min = check_real(eta_min, "eta_min")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        """The next learning rates of the recursive cosine update.

        Returns
        -------
        list of float
            One learning rate per parameter group.

        See Also
        --------
        CosineAnnealingLR : The closed form of the schedule.

        Examples
        --------
        The recursion goes on past ``T_max``: the rate rises again, to 0.5 at step 6.

        >>> from dlnotes.optim import SGD, CosineAnnealingLR
        >>> scheduler = CosineAnnealingLR(SGD([np.zeros(1)], lr=1.0), T_max=4)
        >>> for _ in range(6):
        ...     scheduler.step()
        >>> round(scheduler.get_last_lr()[0], 4)
        0.5
        """
        t, T, eta_min = self.last_epoch, self.T_max, self.eta_min
        if self._is_initial:
            return self._group_lrs()
        if self._step_count == 1 and t > 0:
            return [eta_min + (base - eta_min) * (1 + math.cos(t * math.pi / T)) / 2
                    for base in self.base_lrs]
        if (t - 1 - T) % (2 * T) == 0:
            return [lr + (base - eta_min) * (1 - math.cos(math.pi / T)) / 2
                    for base, lr in zip(self.base_lrs, self._group_lrs())]
        return [(1 + math.cos(math.pi * t / T)) / (1 + math.cos(math.pi * (t - 1) / T))
                * (lr - eta_min) + eta_min for lr in self._group_lrs()]

    def _get_closed_form_lr(self):
        return [self.eta_min + (base - self.eta_min)
                * (1 + math.cos(math.pi * self.last_epoch / self.T_max)) / 2
                for base in self.base_lrs]


class LinearLR(LRScheduler):
    r"""Linear change of the learning-rate factor, the usual warm-up.

    .. math::

       \gamma_t = \gamma_0 \Bigl(s + (e - s)\,\frac{\min(t, T)}{T}\Bigr)

    with start factor :math:`s`, end factor :math:`e` and :math:`T` = ``total_iters``;
    computed recursively as in PyTorch.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer to schedule.
    start_factor : float, default 1/3
        Factor at step 0, in :math:`(0, 1]`.
    end_factor : float, default 1.0
        Factor from step ``total_iters`` on, in :math:`[0, 1]`.
    total_iters : int, default 5
        Length of the linear ramp, a positive int.
    last_epoch : int, default -1
        See :class:`LRScheduler`.

    See Also
    --------
    CosineAnnealingLR : A decay to run after the warm-up.
    SequentialLR : Chain the warm-up and the decay.

    Notes
    -----
    Same schedule as ``torch.optim.lr_scheduler.LinearLR``.

    Examples
    --------
    A warm-up from a quarter of the rate over 3 steps:

    >>> from dlnotes.optim import SGD, LinearLR
    >>> scheduler = LinearLR(SGD([np.zeros(1)], lr=1.0), start_factor=0.25, total_iters=3)
    >>> lrs = []
    >>> for _ in range(5):
    ...     lrs.append(scheduler.get_last_lr()[0])
    ...     scheduler.step()
    >>> lrs
    [0.25, 0.5, 0.75, 1.0, 1.0]
    """

    def __init__(self, optimizer, start_factor=1.0 / 3, end_factor=1.0, total_iters=5,
                 last_epoch=-1):
        start_factor = check_real(start_factor, "start_factor", low=0, high=1, low_open=True)
        end_factor = check_real(end_factor, "end_factor", low=0, high=1)
        self.start_factor, self.end_factor = start_factor, end_factor
        self.total_iters = check_int(total_iters, "total_iters", minimum=1)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        """The next learning rates of the recursive linear ramp.

        Returns
        -------
        list of float
            One learning rate per parameter group.

        See Also
        --------
        StepLR.get_lr : Another recursive update.

        Examples
        --------
        After ``total_iters`` steps the rate stays where it is:

        >>> from dlnotes.optim import SGD, LinearLR
        >>> scheduler = LinearLR(SGD([np.zeros(1)], lr=1.0), start_factor=0.5, total_iters=2)
        >>> for _ in range(10):
        ...     scheduler.step()
        >>> scheduler.get_last_lr()
        [1.0]
        """
        s, e, T, t = self.start_factor, self.end_factor, self.total_iters, self.last_epoch
        if t == 0:
            return [lr * s for lr in self._group_lrs()]
        if self._is_initial or t > T:
            return self._group_lrs()
        return [lr * (1.0 + (e - s) / (T * s + (t - 1) * (e - s))) for lr in self._group_lrs()]

    def _get_closed_form_lr(self):
        s, e, T = self.start_factor, self.end_factor, self.total_iters
        return [base * (s + (e - s) * min(T, self.last_epoch) / T) for base in self.base_lrs]


class SequentialLR(LRScheduler):
    """Run several schedulers one after another, switching at the milestones.

    Typical use: a :class:`LinearLR` warm-up followed by :class:`CosineAnnealingLR`.
    At each milestone the next scheduler restarts from its own step 0 (its closed form).

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer all the schedulers belong to.
    schedulers : list of LRScheduler
        The schedulers, in order.
    milestones : list of int
        The steps at which to switch; one fewer than ``schedulers``.
    last_epoch : int, default -1
        See :class:`LRScheduler`.

    See Also
    --------
    LinearLR : The usual first scheduler, a warm-up.
    CosineAnnealingLR : A usual second one.

    Notes
    -----
    Same schedule as ``torch.optim.lr_scheduler.SequentialLR``.

    Examples
    --------
    A 3-step warm-up, then halving at every step:

    >>> from dlnotes.optim import SGD, ExponentialLR, LinearLR, SequentialLR
    >>> opt = SGD([np.zeros(1)], lr=1.0)
    >>> warmup = LinearLR(opt, start_factor=0.25, total_iters=3)
    >>> scheduler = SequentialLR(opt, [warmup, ExponentialLR(opt, gamma=0.5)], milestones=[3])
    >>> lrs = []
    >>> for _ in range(6):
    ...     lrs.append(scheduler.get_last_lr()[0])
    ...     scheduler.step()
    >>> lrs
    [0.25, 0.5, 0.75, 1.0, 0.5, 0.25]
    """

    def __init__(self, optimizer, schedulers, milestones, last_epoch=-1):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(
                f"optimizer must be a dlnotes.optim.Optimizer, got {type(optimizer).__name__}"
            )
        if not isinstance(schedulers, (list, tuple)):
            raise TypeError(f"schedulers must be a list of LRScheduler, got {type(schedulers).__name__}")
        if not isinstance(milestones, (list, tuple)):
            raise TypeError(f"milestones must be a list of int, got {type(milestones).__name__}")
        schedulers = list(schedulers)
        milestones = [check_int(m, f"milestones[{i}]", minimum=1) for i, m in enumerate(milestones)]
        last_epoch = check_int(last_epoch, "last_epoch", minimum=-1)
        if not schedulers:
            raise ValueError("schedulers must hold at least one scheduler")
        for i, s in enumerate(schedulers):
            if not isinstance(s, LRScheduler):
                raise TypeError(f"schedulers[{i}] must be an LRScheduler, got {type(s).__name__}")
            if s.optimizer is not optimizer:
                raise ValueError(f"schedulers[{i}] belongs to another optimizer")
        if len(milestones) != len(schedulers) - 1:
            raise ValueError(f"milestones must hold len(schedulers) - 1 = {len(schedulers) - 1} "
                             f"steps, got {len(milestones)}")
        self._schedulers = schedulers
        self._milestones = milestones
        self.last_epoch = last_epoch + 1
        self.optimizer = optimizer
        for group in optimizer.param_groups:
            group["lr"] = group["initial_lr"]
        for s in schedulers:  # undo the step each scheduler made when it was created
            s.last_epoch -= 1
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        idx = bisect.bisect_right(milestones, 0)
        schedulers[idx]._initial_step()
        self._last_lr = schedulers[idx].get_last_lr()

    def step(self):
        """Advance the active scheduler, or start the next one at a milestone.

        See Also
        --------
        LRScheduler.step : The step of a single scheduler.

        Examples
        --------
        At the milestone the second scheduler starts from its own step 0, the initial rate:

        >>> from dlnotes.optim import SGD, ExponentialLR, SequentialLR, StepLR
        >>> opt = SGD([np.zeros(1)], lr=1.0)
        >>> first, second = StepLR(opt, step_size=1, gamma=0.1), ExponentialLR(opt, gamma=0.5)
        >>> scheduler = SequentialLR(opt, [first, second], milestones=[2])
        >>> scheduler.step(); scheduler.step()
        >>> scheduler.last_epoch, scheduler.get_last_lr()
        (2, [1.0])
        """
        self.last_epoch += 1
        idx = bisect.bisect_right(self._milestones, self.last_epoch)
        scheduler = self._schedulers[idx]
        if idx > 0 and self._milestones[idx - 1] == self.last_epoch:
            scheduler._update_lr(0)
        else:
            scheduler.step()
        self._last_lr = scheduler.get_last_lr()


# --- gradient clipping -------------------------------------------------------------------


def _check_grad_arrays(grads):
    if isinstance(grads, np.ndarray):
        grads = [grads]
    try:
        grads = list(grads)
    except TypeError as exc:
        raise TypeError(f"grads must be a numpy array or a list of them, "
                        f"got {type(grads).__name__}") from exc
    for i, g in enumerate(grads):
        check_writeable_float_array(g, f"grads[{i}]", "clipping modifies it in place")
    return grads


def _vector_norm(x, p):
    x = np.abs(np.ravel(x))
    if x.size == 0:
        return 0.0
    if p == math.inf:
        return float(x.max())
    if p == 2.0:
        return float(np.sqrt(np.sum(x * x)))
    if p == 1.0:
        return float(np.sum(x))
    return float(np.sum(x**p) ** (1.0 / p))


def clip_grad_norm_(grads, max_norm, norm_type=2.0, error_if_nonfinite=False):
    r"""Rescale gradients in place so that their joint norm is at most ``max_norm``.

    The total norm is the :math:`p`-norm of all gradient entries taken together
    (the norm of the per-array norms).  Every gradient is multiplied by

    .. math:: c = \min\Bigl(1,\ \frac{\mathrm{max\_norm}}{\lVert g\rVert_p + 10^{-6}}\Bigr),

    as in ``torch.nn.utils.clip_grad_norm_``: all entries shrink by the same factor, so
    the direction of the update is kept :cite:p:`pascanu2013difficulty`.  The
    :math:`10^{-6}` guards against division by zero, so a gradient whose norm equals
    ``max_norm`` is still scaled by a factor slightly below 1.

    Parameters
    ----------
    grads : numpy.ndarray or list of numpy.ndarray
        Float gradient arrays, modified in place.
    max_norm : float
        Largest allowed total norm, >= 0.
    norm_type : float, default 2.0
        The order :math:`p > 0` of the norm; ``math.inf`` for the largest absolute entry.
    error_if_nonfinite : bool, default False
        Raise if the total norm is NaN or infinite instead of scaling by it.

    Returns
    -------
    float
        The total norm *before* clipping.

    Raises
    ------
    ValueError
        If ``max_norm`` is negative or ``norm_type`` is not positive.
    RuntimeError
        If ``error_if_nonfinite`` is true and the total norm is not finite.

    See Also
    --------
    clip_grad_value_ : Clip each entry instead.

    Notes
    -----
    Same result as ``torch.nn.utils.clip_grad_norm_``.

    Examples
    --------
    The joint norm of ``[3, 0]`` and ``[4]`` is 5; both arrays shrink by 1/5:

    >>> from dlnotes.optim import clip_grad_norm_
    >>> grads = [np.array([3.0, 0.0]), np.array([4.0])]
    >>> clip_grad_norm_(grads, max_norm=1.0)
    5.0
    >>> [g.round(4) for g in grads]
    [array([0.6, 0. ]), array([0.8])]
    """
    grads = _check_grad_arrays(grads)
    max_norm = check_real(max_norm, "max_norm", low=0)
    norm_type = check_real(norm_type, "norm_type", low=0, low_open=True, allow_inf=True)
    error_if_nonfinite = check_bool(error_if_nonfinite, "error_if_nonfinite")
    if not grads:
        return 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        norms = np.array([_vector_norm(g, norm_type) for g in grads])
        total = _vector_norm(norms, norm_type)
    if error_if_nonfinite and not math.isfinite(total):
        raise RuntimeError(
            f"the total norm of order {norm_type} of grads is non-finite ({total}), so it "
            "cannot be clipped; pass error_if_nonfinite=False to scale by it anyway"
        )
    coef = min(max_norm / (total + 1e-6), 1.0) if not math.isnan(total) else math.nan
    with np.errstate(invalid="ignore"):
        for g in grads:
            g *= coef
    return total


def clip_grad_value_(grads, clip_value):
    r"""Clamp every gradient entry in place to :math:`[-c, c]`.

    Each coordinate is clipped on its own (``torch.nn.utils.clip_grad_value_``), so
    unlike :func:`clip_grad_norm_` the direction of the gradient can change.

    Parameters
    ----------
    grads : numpy.ndarray or list of numpy.ndarray
        Float gradient arrays, modified in place.
    clip_value : float
        The bound :math:`c \ge 0`.

    Raises
    ------
    ValueError
        If ``clip_value`` is negative.

    See Also
    --------
    clip_grad_norm_ : Rescale all gradients together, keeping the direction.

    Notes
    -----
    Same result as ``torch.nn.utils.clip_grad_value_``.

    Examples
    --------
    >>> from dlnotes.optim import clip_grad_value_
    >>> g = np.array([3.0, -0.5, -4.0])
    >>> clip_grad_value_(g, 1.0)
    >>> g
    array([ 1. , -0.5, -1. ])
    """
    grads = _check_grad_arrays(grads)
    c = check_real(clip_value, "clip_value", low=0)
    for g in grads:
        np.clip(g, -c, c, out=g)
