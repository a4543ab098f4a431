r"""Entropy, cross-entropy and KL divergence of discrete distributions, in NumPy.

These are the information-theoretic quantities behind the classification losses of
:mod:`dlnotes.losses` :cite:p:`cover2006elements`.  Each function takes probability
vectors (any array whose slices along ``axis`` are distributions) and a logarithm
``base``: ``base=2`` measures in bits, ``base=None`` (or :math:`e`) in nats.

Conventions: :math:`0 \log 0 = 0` and :math:`0 \log \frac{0}{q} = 0`, while a term
:math:`p \log \frac{p}{0}` with :math:`p > 0` is :math:`+\infty`.

``cross_entropy_pq`` is named so to keep it apart from the *loss*
:func:`dlnotes.losses.cross_entropy`, which takes logits and class indices.  The
results agree with ``scipy.stats.entropy`` (which, unlike these functions, rescales
its inputs to sum to 1 and uses ``axis=0`` by default).  This module imports only NumPy.
"""

import math

import numpy as np

from ._validation import as_float_array, check_dim, check_probability_array, check_real

__all__ = ["self_information", "entropy", "cross_entropy_pq", "kl_divergence"]

#: Largest deviation of a distribution's sum from 1 that is accepted as rounding.
SUM_TOL = 1e-8


def _log_base(base):
    """ln(base), after checking ``base`` is None or a positive real number other than 1."""
    base = check_real(base, "base", allow_none=True, allow_inf=True)
    if base is None:
        return 1.0
    if not (math.isfinite(base) and base > 0 and base != 1):
        raise ValueError(f"base must be a positive number other than 1 (2 for bits, e for nats), got {base}")
    return math.log(base)


def _distribution(p, name, axis):
    """Check that every slice of ``p`` along ``axis`` is a probability distribution."""
    arr = as_float_array(p, name, allow_inf=False, allow_empty=False)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be a probability vector (at least 1-D), got a 0-d array")
    ax = check_dim(axis, arr.ndim, "axis")
    check_probability_array(arr, name)
    total = arr.sum(axis=ax)
    if np.any(np.abs(total - 1.0) > SUM_TOL):
        worst = np.asarray(total).flat[np.argmax(np.abs(total - 1.0))]
        raise ValueError(f"{name} must sum to 1 along axis {axis}, got a sum of {worst!r}")
    return arr, ax


def _pair(p, q, axis):
    pa, ax = _distribution(p, "p", axis)
    qa, _ = _distribution(q, "q", axis)
    if pa.shape != qa.shape:
        raise ValueError(f"q must have the shape of p {pa.shape}, got {qa.shape}")
    return pa, qa, ax


def _p_log(p, x):
    """p * ln(x) with 0 wherever p == 0 (also when x == 0), -inf where p > 0 and x == 0."""
    with np.errstate(divide="ignore"):
        log_x = np.log(np.where(p > 0, x, 1.0))
    return np.where(p > 0, p * log_x, 0.0)


def _out(values):
    return np.float64(values) if np.ndim(values) == 0 else values


def self_information(p, base=None):
    r"""Self-information (surprisal) of an outcome of probability :math:`p`.

    .. math:: I(p) = -\log_b p

    A certain event carries no information (:math:`I(1) = 0`); an event of
    probability :math:`1/2` carries one bit.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1] (any shape; :math:`I(0) = +\infty`).
    base : float or None, default None
        Base of the logarithm: 2 for bits, ``None`` or :math:`e` for nats.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        :math:`-\log_b p`, same shape as ``p``.

    See Also
    --------
    entropy : Its expectation over a distribution.

    Examples
    --------
    A certain event, a fair coin flip and one of eight equally likely outcomes, in bits:

    >>> from dlnotes.information import self_information
    >>> self_information(np.array([1.0, 0.5, 0.125]), base=2)
    array([0., 1., 3.])
    """
    lb = _log_base(base)
    arr = check_probability_array(as_float_array(p, "p", allow_inf=False), "p")
    with np.errstate(divide="ignore"):
        return _out(-np.log(arr) / lb + 0.0)


def entropy(p, base=None, axis=-1):
    r"""Shannon entropy: the expected self-information of a distribution.

    .. math:: H(p) = \mathbb E_{x\sim p}\bigl[-\log_b p(x)\bigr] = -\sum_i p_i \log_b p_i

    It is the smallest average number of bits (``base=2``) per symbol that any
    lossless code for samples of :math:`p` can achieve (up to less than one bit per
    symbol for a single-symbol code) :cite:p:`cover2006elements`.  It lies in
    :math:`[0, \log_b K]`: 0 for a certain outcome, :math:`\log_b K` for the uniform
    distribution over :math:`K` outcomes.

    Parameters
    ----------
    p : array_like
        Probability vectors: every slice along ``axis`` is non-negative and sums to 1.
    base : float or None, default None
        Base of the logarithm: 2 for bits, ``None`` or :math:`e` for nats.
    axis : int, default -1
        The axis along which ``p`` sums to 1.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        A scalar for a single distribution, otherwise the shape of ``p`` without ``axis``.

    Raises
    ------
    ValueError
        If ``p`` has entries outside [0, 1] or does not sum to 1 (within 1e-8).

    See Also
    --------
    self_information : The information of one outcome.
    cross_entropy_pq : The code length with a code built for another distribution.
    kl_divergence : The extra code length, :math:`H(p, q) - H(p)`.

    Notes
    -----
    Same values as ``scipy.stats.entropy(p, base=base, axis=axis)`` for distributions
    that sum to 1.

    Examples
    --------
    A fair coin carries one bit; each row of a 2-D array is a distribution:

    >>> from dlnotes.information import entropy
    >>> entropy([0.5, 0.5], base=2)
    1.0
    >>> entropy(np.array([[1.0, 0.0], [0.25, 0.75]]), base=2).round(4)
    array([0.    , 0.8113])
    """
    lb = _log_base(base)
    arr, ax = _distribution(p, "p", axis)
    return _out(-_p_log(arr, arr).sum(axis=ax) / lb + 0.0)


def cross_entropy_pq(p, q, base=None, axis=-1):
    r"""Cross-entropy of a distribution :math:`q` relative to a distribution :math:`p`.

    .. math:: H(p, q) = -\sum_i p_i \log_b q_i = H(p) + D_{\mathrm{KL}}(p \,\Vert\, q)

    The average code length when samples of :math:`p` are encoded with a code that is
    optimal for :math:`q`.  It is at least :math:`H(p)`, with equality only for
    :math:`q = p`; it is not symmetric and :math:`H(p, p) = H(p) \ne 0`, so it is not
    a distance.  With a one-hot :math:`p` it is the loss :math:`-\log q_y`.

    Parameters
    ----------
    p, q : array_like
        Probability vectors of the same shape.
    base : float or None, default None
        Base of the logarithm: 2 for bits, ``None`` or :math:`e` for nats.
    axis : int, default -1
        The axis along which ``p`` and ``q`` sum to 1.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        :math:`H(p, q)`: a scalar for a single pair of distributions, otherwise the
        shape of ``p`` without ``axis``; :math:`+\infty` where some :math:`q_i = 0`
        has :math:`p_i > 0`.

    See Also
    --------
    entropy : :math:`H(p) = H(p, p)`.
    kl_divergence : :math:`H(p, q) - H(p)`.
    dlnotes.losses.cross_entropy : The loss form, from logits and class indices.

    Examples
    --------
    One bit of entropy plus 0.2075 bit for using the wrong code:

    >>> from dlnotes.information import cross_entropy_pq
    >>> p, q = [0.5, 0.5], [0.25, 0.75]
    >>> round(cross_entropy_pq(p, p, base=2), 4), round(cross_entropy_pq(p, q, base=2), 4)
    (1.0, 1.2075)
    """
    lb = _log_base(base)
    pa, qa, ax = _pair(p, q, axis)
    return _out(-_p_log(pa, qa).sum(axis=ax) / lb + 0.0)


def kl_divergence(p, q, base=None, axis=-1):
    r"""Kullback-Leibler divergence (relative entropy) of :math:`q` from :math:`p`.

    .. math:: D_{\mathrm{KL}}(p\,\Vert\,q) = \sum_i p_i \log_b \frac{p_i}{q_i} = H(p, q) - H(p) \ge 0

    The extra code length paid for using a code built for :math:`q` on samples of
    :math:`p`.  Gibbs' inequality: it is non-negative, and 0 exactly when
    :math:`p = q`.  It is asymmetric, :math:`D_{\mathrm{KL}}(p\Vert q) \ne
    D_{\mathrm{KL}}(q\Vert p)` in general, and breaks the triangle inequality, so it
    is not a distance either.

    Parameters
    ----------
    p, q : array_like
        Probability vectors of the same shape.
    base : float or None, default None
        Base of the logarithm: 2 for bits, ``None`` or :math:`e` for nats.
    axis : int, default -1
        The axis along which ``p`` and ``q`` sum to 1.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        :math:`D_{\mathrm{KL}}(p\,\Vert\,q)`: a scalar for a single pair of
        distributions, otherwise the shape of ``p`` without ``axis``; :math:`+\infty`
        where some :math:`q_i = 0` has :math:`p_i > 0`.

    See Also
    --------
    cross_entropy_pq : :math:`H(p, q) = H(p) + D_{\mathrm{KL}}(p \Vert q)`.
    entropy : The entropy :math:`H(p)`.
    dlnotes.losses.kl_div : The loss form, from log-probabilities.

    Notes
    -----
    Computed term by term as :math:`p_i(\log p_i - \log q_i)`, not as the difference of
    two cross-entropies, so it is exactly 0 for :math:`p = q`.  The loss
    :func:`dlnotes.losses.kl_div` computes the same sum from :math:`\log q`.
    Same values as ``scipy.stats.entropy(p, q, base=base, axis=axis)``.

    Examples
    --------
    The divergence is not symmetric:

    >>> from dlnotes.information import kl_divergence
    >>> p, q = [0.5, 0.5], [0.25, 0.75]
    >>> round(kl_divergence(p, q, base=2), 4), round(kl_divergence(q, p, base=2), 4)
    (0.2075, 0.1887)
    """
    lb = _log_base(base)
    pa, qa, ax = _pair(p, q, axis)
    with np.errstate(invalid="ignore"):
        terms = _p_log(pa, pa) - _p_log(pa, qa)  # finite - (-inf) = +inf
    return _out(terms.sum(axis=ax) / lb + 0.0)
