r"""PCA and ZCA whitening, in NumPy.

Whitening maps data :math:`\mathbf x \in \mathbb R^d` with mean :math:`\boldsymbol\mu`
and covariance :math:`\Sigma = U \Lambda U^\top` to :math:`\mathbf z = W(\mathbf x -
\boldsymbol\mu)` whose covariance is (close to) the identity.  The two classic choices
of :math:`W` are

.. math::

   W_{\mathrm{PCA}} = (\Lambda + \varepsilon I)^{-1/2} U^\top, \qquad
   W_{\mathrm{ZCA}} = U (\Lambda + \varepsilon I)^{-1/2} U^\top = U\,W_{\mathrm{PCA}} .

:func:`pca_whiten` and :func:`zca_whiten` *fit* the transform on a data matrix and return
a :class:`Whitening` object; its :meth:`Whitening.transform` applies the fitted mean and
matrix to any data with the same features (the training data or new data).  Centring is
an explicit step of the transform: the fitted mean is always subtracted first.
This module imports only NumPy.
"""

import numpy as np

from ._validation import as_float_array, check_int, check_real

__all__ = ["Whitening", "pca_whiten", "zca_whiten"]


class Whitening:
    r"""A fitted whitening transform :math:`\mathbf z = W(\mathbf x - \boldsymbol\mu)`.

    Made by :func:`pca_whiten` or :func:`zca_whiten`; not meant to be built by hand.

    Parameters
    ----------
    kind : {'pca', 'zca'}
        Stored as the attribute of the same name, as are the other parameters.
    mean : numpy.ndarray, shape (d,)
        The per-feature mean of the fitting data.
    matrix : numpy.ndarray, shape (k, d)
        The whitening matrix.
    eigenvalues : numpy.ndarray, shape (d,)
        Eigenvalues of the sample covariance, in decreasing order.
    eigenvectors : numpy.ndarray, shape (d, d)
        The matching eigenvectors, as columns.
    eps : float
        The regulariser added to every eigenvalue.
    ddof : int
        The covariance was divided by ``n_samples - ddof``.

    Attributes
    ----------
    kind : str
        ``"pca"`` or ``"zca"``.
    mean : numpy.ndarray
        The per-feature mean :math:`\boldsymbol\mu` of the fitting data, shape ``(d,)``.
    matrix : numpy.ndarray
        The whitening matrix :math:`W`, shape ``(k, d)`` (``k = d`` for ZCA, and for PCA
        unless ``n_components`` was given).  For ZCA it is symmetric.
    eigenvalues : numpy.ndarray
        Eigenvalues :math:`\lambda_1 \ge \dots \ge \lambda_d \ge 0` of the sample
        covariance, shape ``(d,)``.
    eigenvectors : numpy.ndarray
        The matching orthonormal eigenvectors as the columns of :math:`U`, shape
        ``(d, d)``.  The sign of each column is fixed so that its entry of largest
        magnitude is positive (the convention of scikit-learn's ``svd_flip``).
    eps : float
        The regulariser :math:`\varepsilon` added to every eigenvalue.
    ddof : int
        The covariance was divided by ``n_samples - ddof``.

    See Also
    --------
    pca_whiten : Fit PCA whitening.
    zca_whiten : Fit ZCA whitening.

    Examples
    --------
    Three features with standard deviations 1, 2 and 3:

    >>> from dlnotes.whitening import zca_whiten
    >>> X = np.random.default_rng(0).normal(size=(100, 3)) * [1.0, 2.0, 3.0]
    >>> w = zca_whiten(X)
    >>> w
    Whitening(kind='zca', features=3, outputs=3, eps=1e-05)
    >>> w.eigenvalues.round(2)  # the variances along the principal axes
    array([8.24, 3.99, 1.18])
    """

    def __init__(self, kind, mean, matrix, eigenvalues, eigenvectors, eps, ddof):
        self.kind = kind
        self.mean = mean
        self.matrix = matrix
        self.eigenvalues = eigenvalues
        self.eigenvectors = eigenvectors
        self.eps = eps
        self.ddof = ddof

    def __repr__(self):
        k, d = self.matrix.shape
        return f"Whitening(kind={self.kind!r}, features={d}, outputs={k}, eps={self.eps:g})"

    def transform(self, X):
        r"""Whiten data with the fitted mean and matrix.

        Parameters
        ----------
        X : array_like, shape (n_samples, d) or (d,)
            Data with the fitted features, or a single sample.

        Returns
        -------
        numpy.ndarray
            :math:`(\mathbf x - \boldsymbol\mu) W^\top` for every row, shape
            ``(n_samples, k)`` (or ``(k,)`` for a single sample).

        Raises
        ------
        ValueError
            If ``X`` does not have ``d`` features, or contains NaN or inf.

        See Also
        --------
        Whitening.inverse_transform : Map whitened data back.

        Examples
        --------
        >>> from dlnotes.whitening import pca_whiten
        >>> X = np.random.default_rng(0).normal(size=(100, 3)) * [1.0, 2.0, 3.0]
        >>> w = pca_whiten(X, n_components=2)
        >>> w.transform(X).shape, w.transform(X[0]).shape
        ((100, 2), (2,))
        """
        x = as_float_array(X, "X", allow_inf=False)
        d = self.mean.shape[0]
        if x.ndim not in (1, 2) or x.shape[-1] != d:
            raise ValueError(
                f"X must have shape (n_samples, {d}) or ({d},) to match the fitted data, "
                f"got shape {x.shape}"
            )
        return (x - self.mean) @ self.matrix.T

    def inverse_transform(self, Z):
        r"""Map whitened data back to the original space.

        Uses the Moore-Penrose pseudo-inverse of :math:`W`, so for PCA whitening with
        fewer components than features it returns the reconstruction from the kept
        components.

        Parameters
        ----------
        Z : array_like, shape (n_samples, k) or (k,)
            Whitened data, or a single whitened sample.

        Returns
        -------
        numpy.ndarray
            :math:`\mathbf z\, (W^{+})^\top + \boldsymbol\mu`, shape ``(n_samples, d)``
            or ``(d,)``.

        Raises
        ------
        ValueError
            If ``Z`` does not have ``k`` columns, or contains NaN or inf.

        See Also
        --------
        Whitening.transform : The forward map.

        Examples
        --------
        With every component kept the round trip is exact:

        >>> from dlnotes.whitening import zca_whiten
        >>> X = np.random.default_rng(0).normal(size=(100, 3)) * [1.0, 2.0, 3.0]
        >>> w = zca_whiten(X)
        >>> np.allclose(w.inverse_transform(w.transform(X)), X)
        True
        """
        z = as_float_array(Z, "Z", allow_inf=False)
        k = self.matrix.shape[0]
        if z.ndim not in (1, 2) or z.shape[-1] != k:
            raise ValueError(f"Z must have shape (n_samples, {k}) or ({k},), got shape {z.shape}")
        return z @ np.linalg.pinv(self.matrix).T + self.mean


def _fit(X, eps, ddof, kind):
    x = as_float_array(X, "X", allow_inf=False, ndim=2, layout="(n_samples, n_features)")
    ddof = check_int(ddof, "ddof", 0)
    n, d = x.shape
    if d < 1 or n - ddof < 1 or n < 2:
        raise ValueError(
            f"X must have at least one feature and at least 2 samples (and more than "
            f"ddof={ddof}), got shape {x.shape}"
        )
    eps = check_real(eps, "eps", low=0)

    mean = x.mean(axis=0)
    xc = x - mean  # centring is an explicit step
    cov = xc.T @ xc / (n - ddof)
    lam, U = np.linalg.eigh(cov)  # ascending
    lam, U = lam[::-1], U[:, ::-1]  # descending, like PCA
    lam = np.clip(lam, 0.0, None)  # round-off can make zero eigenvalues slightly negative
    # deterministic signs: the largest-magnitude entry of every eigenvector is positive
    pivot = U[np.argmax(np.abs(U), axis=0), np.arange(d)]
    U = U * np.where(pivot < 0, -1.0, 1.0)
    tiny = np.finfo(np.float64).eps * max(lam[0], np.finfo(np.float64).tiny) * d
    if eps == 0 and lam[-1] <= tiny:
        raise ValueError(
            f"eps=0 but the covariance of X is singular (smallest eigenvalue {lam[-1]:.3g}); "
            f"{kind.upper()} whitening would divide by zero: use eps > 0"
        )
    return mean, lam, U, eps


def pca_whiten(X, eps=1e-5, n_components=None, ddof=0):
    r"""Fit PCA whitening on ``X``.

    With the sample covariance :math:`\Sigma = U \Lambda U^\top` of the centred data,
    the fitted transform is

    .. math::

       \mathbf z = (\Lambda + \varepsilon I)^{-1/2}\, U^\top (\mathbf x - \boldsymbol\mu),
       \qquad z_i = \frac{\mathbf u_i^\top (\mathbf x - \boldsymbol\mu)}{\sqrt{\lambda_i + \varepsilon}} .

    The rotation :math:`U^\top` decorrelates the features completely; the division makes
    every component's variance :math:`\lambda_i / (\lambda_i + \varepsilon) \approx 1`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Fitting data, finite.
    eps : float, default 1e-5
        Added to every eigenvalue before the square root, so that directions with
        (near-)zero variance are not divided by (nearly) zero.  ``1e-5`` suits data of
        order 1; larger values also damp the low-variance directions (see Notes).
    n_components : int or None, default None
        Keep only the ``n_components`` directions of largest variance (dimensionality
        reduction); None keeps all of them.
    ddof : int, default 0
        The covariance is divided by ``n_samples - ddof``.  scikit-learn's
        ``PCA(whiten=True)`` uses the unbiased estimate, ``ddof=1``.

    Returns
    -------
    Whitening
        The fitted transform; call :meth:`Whitening.transform` to apply it.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least 2 samples, ``eps < 0``,
        ``eps = 0`` with a singular covariance, or ``n_components`` is not in
        ``1..n_features``.

    See Also
    --------
    zca_whiten : PCA whitening rotated back to the original axes.
    Whitening : The fitted transform.

    Notes
    -----
    Each output component has variance :math:`\lambda_i/(\lambda_i+\varepsilon)`: close to
    1 where :math:`\lambda_i \gg \varepsilon`, close to 0 where :math:`\lambda_i \ll
    \varepsilon`.  So :math:`\varepsilon` works as a soft cut-off that keeps noise-level
    directions from being amplified.  With ``eps=0`` and ``ddof=1`` the result equals
    ``sklearn.decomposition.PCA(whiten=True).fit_transform(X)`` up to the sign of each
    component.

    Examples
    --------
    >>> from dlnotes.whitening import pca_whiten
    >>> X = np.random.default_rng(0).multivariate_normal([0, 0], [[2, 1.5], [1.5, 2]], 500)
    >>> w = pca_whiten(X, eps=0)
    >>> np.allclose(np.cov(w.transform(X), rowvar=False, bias=True), np.eye(2))
    True
    >>> pca_whiten(X, n_components=1).transform(X).shape
    (500, 1)
    """
    mean, lam, U, eps = _fit(X, eps, ddof, "pca")
    d = lam.shape[0]
    k = d if n_components is None else check_int(n_components, "n_components", 1, d)
    matrix = U[:, :k].T / np.sqrt(lam[:k] + eps)[:, None]
    return Whitening("pca", mean, matrix, lam, U, eps, ddof)


def zca_whiten(X, eps=1e-5, ddof=0):
    r"""Fit ZCA (zero-phase) whitening on ``X``.

    .. math::

       \mathbf z = U (\Lambda + \varepsilon I)^{-1/2}\, U^\top (\mathbf x - \boldsymbol\mu)
                 = U\, \mathbf z_{\mathrm{PCA}} .

    ZCA is PCA whitening followed by the rotation :math:`U` back to the original axes.
    A rotation does not change a covariance of :math:`I`, so ZCA-whitened data has unit
    variance in every feature too; among all whitening transforms it is the one whose
    output stays closest to the (centred) input in mean squared distance
    :cite:p:`kessy2018optimal`.  On natural images it turns each pixel into a
    centre-surround, edge-enhancing filter output :cite:p:`bell1997independent`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Fitting data, finite.
    eps : float, default 1e-5
        Added to every eigenvalue before the square root (see :func:`pca_whiten`).
    ddof : int, default 0
        The covariance is divided by ``n_samples - ddof``.

    Returns
    -------
    Whitening
        The fitted transform.  Its ``matrix`` is symmetric.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least 2 samples, ``eps < 0``, or
        ``eps = 0`` with a singular covariance.

    See Also
    --------
    pca_whiten : The same whitening in the principal axes.
    Whitening : The fitted transform.
    dlnotes.normalization.batch_norm : Per-channel standardisation, without decorrelation.

    Examples
    --------
    Mean squared distance of the whitened data to the centred input: ZCA moves the
    points much less than PCA does.

    >>> from dlnotes.whitening import pca_whiten, zca_whiten
    >>> X = np.random.default_rng(0).multivariate_normal([0, 0], [[2, 1.5], [1.5, 2]], 500)
    >>> Xc = X - X.mean(axis=0)
    >>> for fit in (zca_whiten, pca_whiten):
    ...     print(round(float(((fit(X, eps=0).transform(X) - Xc) ** 2).sum(axis=1).mean()), 3))
    0.808
    2.277
    """
    mean, lam, U, eps = _fit(X, eps, ddof, "zca")
    matrix = (U / np.sqrt(lam + eps)) @ U.T
    matrix = 0.5 * (matrix + matrix.T)  # symmetric by construction; remove round-off
    return Whitening("zca", mean, matrix, lam, U, eps, ddof)
