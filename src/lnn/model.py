"""The linear model, the squared loss and its analytic solution (D2L 3.1.1-3.1.2)."""

import numpy as np

from . import _checks


def linreg(X, w, b):
    """The linear regression model y_hat = Xw + b, eq. (3.1.4).

    ``X`` (n, d), ``w`` (d,) or (d, 1), scalar or (1,) ``b``; returns (n,) or (n, 1).
    """
    _checks.matmul_shapes(X, w)
    return X @ w + b


def squared_loss(y_hat, y):
    """Elementwise squared loss (y_hat - y)^2 / 2, eq. (3.1.5); shape of ``y_hat``.

    ``y`` is reshaped to ``y_hat``'s shape first, so (n,) against (n, 1) never broadcasts
    into an (n, n) matrix.
    """
    _checks.same_size(y_hat, y)
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def huber_loss(y_hat, y, delta=1.0):
    """Elementwise Huber loss with threshold ``delta`` (D2L 3.3, exercise); shape of ``y_hat``.

    r^2 / (2 delta) for |r| <= delta, |r| - delta/2 beyond, with r = y_hat - y: the squared
    loss near zero, the absolute loss for outliers.  It equals Gluon's ``HuberLoss(rho=delta)``
    and PyTorch's ``SmoothL1Loss(beta=delta)`` per example; PyTorch's ``HuberLoss(delta)`` is
    ``delta`` times it.
    """
    _checks.same_size(y_hat, y)
    if not delta > 0:
        raise ValueError(f"delta must be a positive threshold, got {delta!r}")
    r = np.abs(y_hat - y.reshape(y_hat.shape))
    return np.where(r <= delta, r**2 / (2 * delta), r - delta / 2)


def squared_loss_grad(X, y, w, b):
    """Gradient of the mean squared loss (3.1.6) over the rows of ``X`` w.r.t. (w, b).

    This is the sum in eq. (3.1.10) divided by |B|.  ``X`` (n, d), ``y`` (n, 1) or (n,),
    ``w`` (d, 1), ``b`` scalar or (1,); returns ``(dw, db)`` with the shapes of w and b.
    """
    _checks.same_length(X, y)
    if np.size(y) != len(X):
        raise ValueError(f"y must hold one label per example, (n,) or (n, 1), got shape "
                         f"{np.shape(y)} for {len(X)} examples")
    err = linreg(X, w, b) - np.reshape(y, (-1, 1) if np.ndim(w) == 2 else (-1,))
    dw = X.T @ err / len(X)
    db = np.sum(err) / len(X)
    return dw, np.reshape(db, np.shape(b))


def closed_form(X, y):
    """Least-squares (w, b) with the bias as a column of ones, eq. (3.1.8).

    Solved with ``numpy.linalg.lstsq`` (SVD), not by inverting XᵀX, whose condition number
    is the square of X's.  ``X`` (n, d), ``y`` (n,) or (n, 1); returns ``w`` (d,), float ``b``.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (num_examples, num_inputs), got shape {X.shape}")
    _checks.same_length(X, y)
    if y.size != len(y):
        raise ValueError(f"y must hold one label per example, got shape {y.shape}")
    Xb = np.hstack([X, np.ones((len(X), 1))])
    theta, *_ = np.linalg.lstsq(Xb, y.reshape(-1), rcond=None)
    return theta[:-1], float(theta[-1])
