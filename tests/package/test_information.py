"""Gold-reference tests for :mod:`dlnotes.information`.

Entropy, cross-entropy and KL divergence are compared with ``scipy.stats.entropy``
(which computes H(p) and D_KL(p || q)) and with torch (``F.kl_div`` with
``reduction='sum'``, and ``-(p * log q).sum()`` for the cross-entropy), in bits and
in nats, on fixed-seed Dirichlet samples and on distributions with zeros.  The
identities H(p, q) = H(p) + KL(p || q) and KL >= 0 (Gibbs) are checked on many
random pairs.
"""

import math

import numpy as np
import pytest
import scipy.stats
import torch
import torch.nn.functional as F

from _reference import closeness
from dlnotes import information as I

TOL = dict(rtol=1e-12, atol=1e-14)
BASES = [None, 2, math.e, 10]
RNG = np.random.default_rng(7)


close = closeness(TOL)


def dirichlet(shape, k, alpha=1.0):
    p = RNG.dirichlet(np.full(k, alpha), size=shape)
    return p / p.sum(axis=-1, keepdims=True)


def torch_cross_entropy(p, q, base):
    pt, qt = torch.tensor(p), torch.tensor(q)
    terms = torch.where(pt > 0, pt * torch.log(torch.where(pt > 0, qt, torch.ones_like(qt))), 0.0)
    return (-terms.sum(-1) / math.log(base or math.e)).numpy()


def torch_kl(p, q, base):
    """F.kl_div(log q, p) summed over the last axis (log 0 = -inf is fine where p = 0)."""
    out = F.kl_div(torch.log(torch.tensor(q)), torch.tensor(p), reduction="none").sum(-1)
    return (out / math.log(base or math.e)).numpy()


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("shape", [(), (4,), (2, 3)], ids=str)
def test_entropy_matches_scipy(shape, base):
    p = dirichlet(shape, 6)
    close(I.entropy(p, base=base), scipy.stats.entropy(p, base=base, axis=-1))


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("shape", [(), (4,), (2, 3)], ids=str)
def test_kl_and_cross_entropy_match_scipy_and_torch(shape, base):
    p, q = dirichlet(shape, 6), dirichlet(shape, 6)
    kl = I.kl_divergence(p, q, base=base)
    close(kl, scipy.stats.entropy(p, q, base=base, axis=-1))
    close(kl, torch_kl(p, q, base))
    h = I.cross_entropy_pq(p, q, base=base)
    close(h, torch_cross_entropy(p, q, base))


def test_axis_argument():
    p, q = dirichlet((3,), 5).T.copy(), dirichlet((3,), 5).T.copy()  # columns are distributions
    close(I.entropy(p, axis=0), scipy.stats.entropy(p, axis=0))
    close(I.kl_divergence(p, q, base=2, axis=0), scipy.stats.entropy(p, q, base=2, axis=0))
    close(I.cross_entropy_pq(p, q, axis=0), I.cross_entropy_pq(p.T, q.T, axis=-1))


def test_zeros_in_p_and_q():
    p = np.array([0.5, 0.5, 0.0, 0.0])
    q = np.array([0.25, 0.25, 0.5, 0.0])
    assert I.entropy(p, base=2) == 1.0  # 0 log 0 = 0: a fair coin is one bit
    close(I.kl_divergence(p, q, base=2), scipy.stats.entropy(p, q, base=2))
    assert I.kl_divergence(p, q, base=2) == pytest.approx(1.0, rel=1e-15)
    assert I.cross_entropy_pq(p, q, base=2) == pytest.approx(2.0, rel=1e-15)
    # q = 0 where p > 0: the code for q cannot encode that outcome
    assert I.kl_divergence(q, p) == math.inf
    assert I.cross_entropy_pq(q, p) == math.inf
    assert scipy.stats.entropy(q, p) == math.inf


def test_known_values_bits_and_nats():
    assert I.entropy([0.25] * 4, base=2) == pytest.approx(2.0, rel=1e-15)
    assert I.entropy([0.25] * 4) == pytest.approx(math.log(4), rel=1e-15)
    assert I.entropy([1.0, 0.0, 0.0]) == 0.0
    assert I.entropy(np.full(8, 1 / 8), base=2) == pytest.approx(3.0, rel=1e-15)
    assert I.self_information(0.5, base=2) == 1.0
    assert I.self_information(1.0) == 0.0
    assert I.self_information(0.0) == math.inf
    close(I.self_information([0.5, 0.25, 0.125], base=2), [1.0, 2.0, 3.0])
    # nats = bits * ln 2
    p = dirichlet((), 7)
    assert I.entropy(p) == pytest.approx(I.entropy(p, base=2) * math.log(2), rel=1e-14)


def test_entropy_is_expected_self_information():
    p = dirichlet((), 9)
    assert I.entropy(p, base=2) == pytest.approx(float((p * I.self_information(p, base=2)).sum()), rel=1e-14)


def test_cross_entropy_decomposition_and_gibbs():
    """H(p, q) = H(p) + KL(p || q) >= H(p); KL = 0 only at q = p; KL is asymmetric."""
    p = dirichlet((500,), 5, alpha=0.5)
    q = dirichlet((500,), 5, alpha=0.5)
    h_pq, h_p, kl = I.cross_entropy_pq(p, q, base=2), I.entropy(p, base=2), I.kl_divergence(p, q, base=2)
    np.testing.assert_allclose(h_pq, h_p + kl, rtol=1e-12, atol=1e-12)
    assert np.all(kl > 0)
    assert np.all(I.kl_divergence(p, p) == 0.0)
    np.testing.assert_allclose(I.cross_entropy_pq(p, p), I.entropy(p), rtol=1e-13)
    assert np.all(I.entropy(p) > 0)  # so H(p, p) != 0: cross-entropy is no distance
    assert np.mean(np.abs(I.kl_divergence(q, p) - kl) > 1e-6) > 0.99


def test_one_hot_cross_entropy_is_the_classification_loss():
    from dlnotes.losses import cross_entropy

    z = RNG.normal(size=(6, 4))
    y = RNG.integers(0, 4, size=6)
    q = torch.softmax(torch.tensor(z), -1).numpy()
    close(I.cross_entropy_pq(np.eye(4)[y], q), cross_entropy(z, y, reduction="none"), dict(rtol=1e-12, atol=1e-13))


# ---------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize("fn", [I.entropy, lambda p: I.cross_entropy_pq(p, p), lambda p: I.kl_divergence(p, p)])
def test_not_a_distribution_raises(fn):
    with pytest.raises(ValueError, match=r"^p must sum to 1 along axis -1"):
        fn([0.5, 0.6])
    with pytest.raises(ValueError, match=r"^p must contain probabilities in \[0, 1\], found 1.5"):
        fn([1.5, -0.5])
    with pytest.raises(ValueError, match="^p must not be empty"):
        fn([])
    with pytest.raises(ValueError, match="^p must be a probability vector"):
        fn(1.0)
    with pytest.raises(ValueError, match="^p contains NaN"):
        fn([np.nan, 1.0])
    with pytest.raises(TypeError, match="^p must be a real numeric array"):
        fn(["a", "b"])


def test_q_checked_too():
    with pytest.raises(ValueError, match="^q must sum to 1"):
        I.kl_divergence([0.5, 0.5], [0.5, 0.4])
    with pytest.raises(ValueError, match=r"^q must have the shape of p \(2,\)"):
        I.cross_entropy_pq([0.5, 0.5], [0.2, 0.3, 0.5])


def test_bad_base_and_axis():
    for base in (1, 0, -2, math.inf):
        with pytest.raises(ValueError, match="^base must be a positive number other than 1"):
            I.entropy([0.5, 0.5], base=base)
    with pytest.raises(TypeError, match="^base must be a real number or None"):
        I.entropy([0.5, 0.5], base="2")
    with pytest.raises(ValueError, match=r"^axis=1 is out of range"):
        I.entropy([0.5, 0.5], axis=1)
    with pytest.raises(ValueError, match=r"^p must contain probabilities in \[0, 1\]"):
        I.self_information([1.5])
