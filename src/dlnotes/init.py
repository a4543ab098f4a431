r"""Weight initialisation (Xavier/Glorot and He/Kaiming), in NumPy.

Same names, arguments and semantics as ``torch.nn.init``: the functions fill a float
NumPy array *in place* and return it.  Fans are computed from the array's shape
exactly as PyTorch does, for a weight of shape ``(out_features, in_features)`` or a
convolution kernel of shape ``(out_channels, in_channels, *kernel_size)``:

.. math::

   \mathrm{fan\_in} = \text{shape}[1] \cdot r, \qquad
   \mathrm{fan\_out} = \text{shape}[0] \cdot r, \qquad
   r = \textstyle\prod_{k \ge 2} \text{shape}[k] .

Random numbers come from a ``numpy.random.Generator`` passed as ``rng`` (the
only difference from PyTorch, whose functions take a ``torch.Generator``).  This
module imports only NumPy.
"""

import math

import numpy as np

from ._validation import as_generator, check_option, check_real, check_writeable_float_array

__all__ = [
    "calculate_gain",
    "calculate_fan_in_and_fan_out",
    "xavier_uniform_",
    "xavier_normal_",
    "kaiming_uniform_",
    "kaiming_normal_",
]

_LINEAR = ("linear", "conv1d", "conv2d", "conv3d",
           "conv_transpose1d", "conv_transpose2d", "conv_transpose3d")


def calculate_gain(nonlinearity, param=None):
    r"""Recommended gain for a nonlinearity, as ``torch.nn.init.calculate_gain``.

    ===========================  ======================================
    nonlinearity                 gain
    ===========================  ======================================
    linear, conv*, sigmoid       :math:`1`
    tanh                         :math:`5/3`
    relu                         :math:`\sqrt 2`
    leaky_relu                   :math:`\sqrt{2/(1 + a^2)}`, :math:`a` = ``param`` (default 0.01)
    selu                         :math:`3/4`
    ===========================  ======================================

    The gain multiplies the standard deviation: with gain :math:`g` the Kaiming
    variance is :math:`g^2/\text{fan}`, so ReLU's :math:`\sqrt 2` gives
    :math:`2/\text{fan}` :cite:p:`he2015delving`.

    Parameters
    ----------
    nonlinearity : {'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'}
        The nonlinearity that follows the layer.
    param : float or None, default None
        Negative slope of ``'leaky_relu'`` (ignored otherwise); None means 0.01.

    Returns
    -------
    float
        The gain.

    Raises
    ------
    ValueError
        If ``nonlinearity`` is unknown or ``param`` is NaN or infinite.
    TypeError
        If ``nonlinearity`` is not a str or ``param`` is not a real number (its type is
        checked even where it is ignored).

    See Also
    --------
    kaiming_normal_ : Kaiming initialisation, which takes the nonlinearity's name.
    xavier_uniform_ : Xavier initialisation, which takes the gain itself.

    Notes
    -----
    Same values as ``torch.nn.init.calculate_gain``.

    Examples
    --------
    >>> from dlnotes.init import calculate_gain
    >>> round(calculate_gain("relu"), 4), round(calculate_gain("leaky_relu", 0.2), 4)
    (1.4142, 1.3868)
    """
    _check_nonlinearity(nonlinearity)
    return _gain(nonlinearity, check_real(param, "param", allow_none=True))


def _check_nonlinearity(nonlinearity):
    check_option(nonlinearity, "nonlinearity", _LINEAR + ("sigmoid", "tanh", "relu", "leaky_relu", "selu"),
                 note=" (the names of torch.nn.init.calculate_gain)")


def _gain(nonlinearity, slope):
    """The gain of a checked nonlinearity name; ``slope`` is leaky_relu's (None: 0.01)."""
    if nonlinearity in _LINEAR or nonlinearity == "sigmoid":
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        return math.sqrt(2.0 / (1 + (0.01 if slope is None else slope) ** 2))
    return 3.0 / 4  # selu


def calculate_fan_in_and_fan_out(array):
    r"""Fan-in and fan-out of a weight array, by PyTorch's rule.

    For shape ``(d0, d1, k1, k2, ...)`` the receptive field is
    :math:`r = k_1 k_2 \cdots` (1 for a 2-D weight) and

    .. math:: \mathrm{fan\_in} = d_1 r, \qquad \mathrm{fan\_out} = d_0 r .

    For a dense layer ``(out_features, in_features)`` these are the numbers of inputs
    and outputs; for a convolution ``(c_out, c_in, k_h, k_w)`` they are
    :math:`c_\text{in} k_h k_w` and :math:`c_\text{out} k_h k_w`.

    Parameters
    ----------
    array : numpy.ndarray
        A weight with at least 2 dimensions (only its shape is used).

    Returns
    -------
    tuple of int
        ``(fan_in, fan_out)``.

    Raises
    ------
    ValueError
        If the array has fewer than 2 dimensions (a bias has no fans).

    See Also
    --------
    xavier_uniform_ : Uses both fans.
    kaiming_uniform_ : Uses one of them.

    Notes
    -----
    Same rule as ``torch.nn.init._calculate_fan_in_and_fan_out``.

    Examples
    --------
    64 filters of 3 input channels and 3x3 taps:

    >>> from dlnotes.init import calculate_fan_in_and_fan_out
    >>> calculate_fan_in_and_fan_out(np.empty((64, 3, 3, 3)))
    (27, 576)
    """
    if not isinstance(array, np.ndarray):
        raise TypeError(f"array must be a numpy array, got {type(array).__name__}")
    return _fans(array.shape)


def _fans(shape):
    if len(shape) < 2:
        raise ValueError(
            f"fan in and fan out need an array with at least 2 dimensions "
            f"(out, in, *kernel); got shape {tuple(shape)}"
        )
    receptive_field = math.prod(shape[2:])
    return int(shape[1] * receptive_field), int(shape[0] * receptive_field)


def _xavier_std(array, gain):
    """Checked inputs of the Xavier initialisers; the standard deviation they target."""
    check_writeable_float_array(array, "array", "it is filled in place")
    gain = check_real(gain, "gain", low=0)
    fan_in, fan_out = _fans(array.shape)
    if fan_in + fan_out == 0:  # an empty array: nothing will be drawn
        return 0.0
    return gain * math.sqrt(2.0 / float(fan_in + fan_out))


def xavier_uniform_(array, gain=1.0, rng=None):
    r"""Fill ``array`` with Glorot/Xavier uniform values, in place.

    Samples :math:`U(-b, b)` with

    .. math::

       b = g\sqrt{\frac{6}{\mathrm{fan\_in} + \mathrm{fan\_out}}}, \qquad
       \operatorname{Var}(W) = \frac{b^2}{3} = \frac{2 g^2}{\mathrm{fan\_in} + \mathrm{fan\_out}},

    the compromise of :cite:t:`glorot2010understanding` between keeping the variance of
    the activations (forward, needs :math:`1/\mathrm{fan\_in}`) and of the gradients
    (backward, needs :math:`1/\mathrm{fan\_out}`) constant across layers.

    Parameters
    ----------
    array : numpy.ndarray
        Float array with at least 2 dimensions, filled in place.
    gain : float, default 1.0
        Scaling factor :math:`g`, see :func:`calculate_gain`.
    rng : numpy.random.Generator, int or None, default None
        Source of randomness (an int is used as a seed).

    Returns
    -------
    numpy.ndarray
        ``array`` itself.

    Raises
    ------
    ValueError
        If ``array`` has fewer than 2 dimensions or ``gain`` is negative.

    See Also
    --------
    xavier_normal_ : The same variance from a normal distribution.
    kaiming_uniform_ : The variance :math:`g^2/\mathrm{fan}` for ReLU networks.
    calculate_gain : The gain :math:`g` of a nonlinearity.

    Notes
    -----
    Same distribution as ``torch.nn.init.xavier_uniform_``.

    Examples
    --------
    A 200x100 weight: :math:`b = \sqrt{6/300}` and :math:`\operatorname{Var}(W) = 2/300`.

    >>> from dlnotes.init import xavier_uniform_
    >>> w = xavier_uniform_(np.empty((200, 100)), rng=0)
    >>> bool(np.abs(w).max() <= np.sqrt(6 / 300)), round(w.var() * 300, 2)
    (True, 1.99)
    """
    std = _xavier_std(array, gain)
    rng = as_generator(rng)
    if array.size == 0:
        return array
    bound = math.sqrt(3.0) * std
    array[...] = rng.uniform(-bound, bound, size=array.shape)
    return array


def xavier_normal_(array, gain=1.0, rng=None):
    r"""Fill ``array`` with Glorot/Xavier normal values, in place.

    Samples :math:`\mathcal N(0, \sigma^2)` with
    :math:`\sigma = g\sqrt{2/(\mathrm{fan\_in} + \mathrm{fan\_out})}`
    :cite:p:`glorot2010understanding`.

    Parameters
    ----------
    array : numpy.ndarray
        Float array with at least 2 dimensions, filled in place.
    gain : float, default 1.0
        Scaling factor :math:`g`, see :func:`calculate_gain`.
    rng : numpy.random.Generator, int or None, default None
        Source of randomness (an int is used as a seed).

    Returns
    -------
    numpy.ndarray
        ``array`` itself.

    Raises
    ------
    ValueError
        If ``array`` has fewer than 2 dimensions or ``gain`` is negative.

    See Also
    --------
    xavier_uniform_ : The same variance from a uniform distribution.
    kaiming_normal_ : The variance :math:`g^2/\mathrm{fan}` for ReLU networks.
    calculate_gain : The gain :math:`g` of a nonlinearity.

    Notes
    -----
    Same distribution as ``torch.nn.init.xavier_normal_``.

    Examples
    --------
    With ``gain=2`` the variance is :math:`4 \cdot 2/600`:

    >>> from dlnotes.init import xavier_normal_
    >>> w = xavier_normal_(np.empty((300, 300)), gain=2.0, rng=0)
    >>> round(w.var() * 600, 2)
    8.01
    """
    std = _xavier_std(array, gain)
    rng = as_generator(rng)
    if array.size == 0:
        return array
    array[...] = rng.normal(0.0, std, size=array.shape)
    return array


def _kaiming_std(array, a, mode, nonlinearity):
    check_writeable_float_array(array, "array", "it is filled in place")
    a = check_real(a, "a")  # the negative slope, calculate_gain's param
    # torch accepts the mode in any case ("Fan_In"); the check is on the lower-cased name
    if isinstance(mode, str):
        mode = mode.lower()
    check_option(mode, "mode", ("fan_in", "fan_out"))
    fan_in, fan_out = _fans(array.shape)
    _check_nonlinearity(nonlinearity)
    return (fan_in if mode == "fan_in" else fan_out), _gain(nonlinearity, a)


def kaiming_uniform_(array, a=0, mode="fan_in", nonlinearity="leaky_relu", rng=None):
    r"""Fill ``array`` with He/Kaiming uniform values, in place.

    Samples :math:`U(-b, b)` with :math:`b = \sqrt 3\, g/\sqrt{\text{fan}}`, i.e.
    :math:`\operatorname{Var}(W) = g^2/\text{fan}`.  For ReLU (:math:`g = \sqrt 2`)
    this is :math:`2/\text{fan}`; :cite:t:`he2015delving` show that ``fan_in`` keeps the
    variance of the forward signal and ``fan_out`` that of the backward gradient, and
    that either one is enough for a deep ReLU network to start training.

    Parameters
    ----------
    array : numpy.ndarray
        Float array with at least 2 dimensions, filled in place.
    a : float, default 0
        Negative slope of the rectifier (used only with ``"leaky_relu"``; note that
        the default ``nonlinearity="leaky_relu"`` with ``a=0`` is plain ReLU).
    mode : {'fan_in', 'fan_out'}, default 'fan_in'
        Which fan to divide by.
    nonlinearity : {'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'}, default 'leaky_relu'
        Name passed to :func:`calculate_gain`.
    rng : numpy.random.Generator, int or None, default None
        Source of randomness (an int is used as a seed).

    Returns
    -------
    numpy.ndarray
        ``array`` itself.

    Raises
    ------
    ValueError
        If ``array`` has fewer than 2 dimensions, or ``mode`` or ``nonlinearity`` is
        unknown.

    See Also
    --------
    kaiming_normal_ : The same variance from a normal distribution.
    xavier_uniform_ : The variance :math:`2g^2/(\mathrm{fan\_in} + \mathrm{fan\_out})`.
    calculate_gain : The gain for ``nonlinearity`` and ``a``.

    Notes
    -----
    Same distribution as ``torch.nn.init.kaiming_uniform_``.

    Examples
    --------
    For ReLU the variance is :math:`2/\mathrm{fan\_in}`, here 2/512:

    >>> from dlnotes.init import kaiming_uniform_
    >>> w = kaiming_uniform_(np.empty((256, 512)), nonlinearity="relu", rng=0)
    >>> round(w.var() * 512, 2)
    2.0
    """
    fan, gain = _kaiming_std(array, a, mode, nonlinearity)
    rng = as_generator(rng)
    if array.size == 0:
        return array
    bound = math.sqrt(3.0) * gain / math.sqrt(fan)
    array[...] = rng.uniform(-bound, bound, size=array.shape)
    return array


def kaiming_normal_(array, a=0, mode="fan_in", nonlinearity="leaky_relu", rng=None):
    r"""Fill ``array`` with He/Kaiming normal values, in place.

    Samples :math:`\mathcal N(0, \sigma^2)` with :math:`\sigma = g/\sqrt{\text{fan}}`;
    for ReLU the *variance* is :math:`2/\text{fan}` (a standard deviation of
    :math:`\sqrt{2/\text{fan}}`) :cite:p:`he2015delving`.

    Parameters
    ----------
    array : numpy.ndarray
        Float array with at least 2 dimensions, filled in place.
    a : float, default 0
        Negative slope of the rectifier (used only with ``"leaky_relu"``).
    mode : {'fan_in', 'fan_out'}, default 'fan_in'
        Which fan to divide by.
    nonlinearity : {'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'}, default 'leaky_relu'
        Name passed to :func:`calculate_gain`.
    rng : numpy.random.Generator, int or None, default None
        Source of randomness (an int is used as a seed).

    Returns
    -------
    numpy.ndarray
        ``array`` itself.

    Raises
    ------
    ValueError
        If ``array`` has fewer than 2 dimensions, or ``mode`` or ``nonlinearity`` is
        unknown.

    See Also
    --------
    kaiming_uniform_ : The same variance from a uniform distribution.
    xavier_normal_ : The variance :math:`2g^2/(\mathrm{fan\_in} + \mathrm{fan\_out})`.
    calculate_gain : The gain for ``nonlinearity`` and ``a``.

    Notes
    -----
    Same distribution as ``torch.nn.init.kaiming_normal_``.

    Examples
    --------
    With ``mode='fan_out'`` the variance is :math:`2/\mathrm{fan\_out}`, here 2/256:

    >>> from dlnotes.init import kaiming_normal_
    >>> w = kaiming_normal_(np.empty((256, 512)), mode="fan_out", nonlinearity="relu", rng=0)
    >>> round(w.var() * 256, 2)
    2.01
    """
    fan, gain = _kaiming_std(array, a, mode, nonlinearity)
    rng = as_generator(rng)
    if array.size == 0:
        return array
    array[...] = rng.normal(0.0, gain / math.sqrt(fan), size=array.shape)
    return array
