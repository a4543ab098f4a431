"""Gold-reference tests for :mod:`dlnotes.whitening`.

PCA whitening is compared with ``sklearn.decomposition.PCA(whiten=True)`` (up to the
sign of each component); both transforms are checked to give a covariance of I
(exactly :math:`\\lambda/(\\lambda+\\varepsilon)` with ε), ZCA's matrix to be symmetric and
ZCA to be the whitening closest to the input.  Fixed seeds; warnings are errors.
"""

import numpy as np
import pytest
from sklearn.decomposition import PCA

from dlnotes.whitening import pca_whiten, zca_whiten


def correlated(n=400, d=4, seed=0):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(d, d))
    return rng.normal(size=(n, d)) @ A.T + rng.normal(size=d) * 3.0  # non-zero mean


def cov(z, ddof=0):
    zc = z - z.mean(axis=0)
    return zc.T @ zc / (len(z) - ddof)


@pytest.mark.parametrize("fit", [pca_whiten, zca_whiten])
@pytest.mark.parametrize("d", [2, 3, 6])
@pytest.mark.parametrize("ddof", [0, 1])
def test_covariance_is_identity_without_eps(fit, d, ddof):
    X = correlated(d=d, seed=d)
    w = fit(X, eps=0.0, ddof=ddof)
    Z = w.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)  # centring is part of it
    np.testing.assert_allclose(cov(Z, ddof), np.eye(d), atol=1e-10)


@pytest.mark.parametrize("fit", [pca_whiten, zca_whiten])
@pytest.mark.parametrize("eps", [1e-5, 0.1, 10.0])
def test_eps_shrinks_the_variances_to_lambda_over_lambda_plus_eps(fit, eps):
    X = correlated(d=3, seed=11)
    lam = np.sort(np.linalg.eigvalsh(cov(X)))[::-1]  # independent eigen-decomposition
    Z = fit(X, eps=eps).transform(X)
    if fit is pca_whiten:  # PCA axes: diagonal covariance with these entries
        np.testing.assert_allclose(cov(Z), np.diag(lam / (lam + eps)), atol=1e-10)
    else:  # ZCA: same spectrum, rotated back
        np.testing.assert_allclose(np.sort(np.linalg.eigvalsh(cov(Z)))[::-1],
                                   lam / (lam + eps), atol=1e-10)


@pytest.mark.parametrize("eps", [0.0, 1e-5, 1.0])
def test_zca_matrix_is_symmetric_and_rotates_pca(eps):
    X = correlated(d=5, seed=3)
    zca, pca = zca_whiten(X, eps=eps), pca_whiten(X, eps=eps)
    np.testing.assert_array_equal(zca.matrix, zca.matrix.T)
    # x_ZCA = U x_PCA (same eigenvectors for both fits)
    np.testing.assert_allclose(zca.transform(X), pca.transform(X) @ pca.eigenvectors.T,
                               atol=1e-10)
    # with eps = 0 the ZCA matrix is the inverse square root of the covariance
    if eps == 0.0:
        W = zca.matrix
        np.testing.assert_allclose(W @ cov(X) @ W, np.eye(5), atol=1e-10)


@pytest.mark.parametrize("d", [2, 4, 7])
@pytest.mark.parametrize("n_components", [None, 1, 2])
def test_pca_whitening_matches_sklearn_up_to_sign(d, n_components):
    X = correlated(n=300, d=d, seed=20 + d)
    ref = PCA(n_components=n_components, whiten=True, svd_solver="full").fit(X)
    # sklearn divides the squared singular values by n - 1 (explained_variance_), so its
    # whitened data has unit *unbiased* variance: ask for ddof=1 to get the same numbers.
    # (With the default ddof=0 the eigenvalues are (n-1)/n times smaller, so ours is
    # sklearn's times sqrt(n/(n-1)); checked below.)
    ours = pca_whiten(X, eps=0.0, n_components=n_components, ddof=1)
    Z_ref, Z = ref.transform(X), ours.transform(X)
    signs = np.sign(np.sum(Z * Z_ref, axis=0))
    assert np.all(signs != 0)
    np.testing.assert_allclose(Z * signs, Z_ref, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(np.abs(ours.matrix @ ref.components_.T),
                               np.diag(1 / np.sqrt(ref.explained_variance_)), atol=1e-9)
    biased = pca_whiten(X, eps=0.0, n_components=n_components).transform(X)
    n = len(X)
    np.testing.assert_allclose(biased * signs, Z_ref * np.sqrt(n / (n - 1)),
                               rtol=1e-9, atol=1e-10)


def test_new_data_uses_the_fitted_mean_and_matrix():
    X = correlated(d=3, seed=5)
    w = zca_whiten(X)
    x_new = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]])
    np.testing.assert_allclose(w.transform(x_new), (x_new - X.mean(axis=0)) @ w.matrix)
    np.testing.assert_allclose(w.transform(x_new[0]), w.transform(x_new)[0])
    np.testing.assert_allclose(w.inverse_transform(w.transform(x_new)), x_new, atol=1e-10)


def test_zca_is_the_whitening_closest_to_the_centred_input():
    # Kessy et al. (2018): among all W with W Sigma W^T = I, ZCA minimises E||x - W x||^2.
    X = correlated(n=500, d=3, seed=7)
    Xc = X - X.mean(axis=0)
    zca = zca_whiten(X, eps=0.0)
    dist_zca = np.mean(np.sum((zca.transform(X) - Xc) ** 2, axis=1))
    pca = pca_whiten(X, eps=0.0)
    rng = np.random.default_rng(0)
    for _ in range(20):  # any whitening = orthogonal Q times a whitening
        Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
        other = pca.transform(X) @ Q.T
        np.testing.assert_allclose(cov(other), np.eye(3), atol=1e-10)
        assert np.mean(np.sum((other - Xc) ** 2, axis=1)) > dist_zca
    dist_pca = np.mean(np.sum((pca.transform(X) - Xc) ** 2, axis=1))
    assert dist_pca > dist_zca


def test_eigenvalues_descend_and_signs_are_fixed():
    X = correlated(d=4, seed=9)
    w = pca_whiten(X)
    np.testing.assert_allclose(w.eigenvalues, np.sort(np.linalg.eigvalsh(cov(X)))[::-1],
                               rtol=1e-10)
    U = w.eigenvectors
    np.testing.assert_allclose(U.T @ U, np.eye(4), atol=1e-12)
    assert np.all(U[np.argmax(np.abs(U), axis=0), np.arange(4)] > 0)


def test_singular_covariance_needs_eps():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(50, 1))
    X = np.hstack([a, 2 * a])  # rank 1
    with pytest.raises(ValueError, match="eps"):
        zca_whiten(X, eps=0.0)
    Z = pca_whiten(X, eps=1e-5).transform(X)
    assert np.all(np.isfinite(Z))
    assert np.max(np.abs(Z[:, 1])) < 1e-4  # the zero-variance direction stays ~0


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(X=np.zeros(5)), "X"),
        (dict(X=np.ones((1, 3))), "X"),
        (dict(X=[[1.0, np.nan], [0.0, 1.0]]), "X"),
        (dict(X=np.eye(3), eps=-1.0), "eps"),
        (dict(X=np.eye(3), ddof=-1), "ddof"),
    ],
)
@pytest.mark.parametrize("fit", [pca_whiten, zca_whiten])
def test_bad_inputs_raise(fit, kwargs, name):
    with pytest.raises(ValueError, match=name):
        fit(**kwargs)


def test_bad_n_components_and_transform_shape():
    X = correlated(d=3)
    with pytest.raises(ValueError, match="n_components"):
        pca_whiten(X, n_components=4)
    with pytest.raises(ValueError, match="X"):
        pca_whiten(X).transform(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="Z"):
        pca_whiten(X, n_components=2).inverse_transform(np.zeros((2, 3)))
