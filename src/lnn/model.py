"""The linear model, the squared loss and its analytic solution (D2L 3.1.1-3.1.2).

Every function takes lists, numpy arrays, torch tensors or MXNet arrays, converts them to
numpy (:func:`lnn._validate.array`) and returns numpy.  Bad input raises ``ValueError`` naming
the argument: a NaN or inf, no examples, or shapes that broadcasting would silently turn
into something else.
"""

import numpy as np

from . import _validate


def _model_inputs(X, w, b):
    """``X`` (n, d), ``w`` (d,) or (d, 1) and a one-value ``b``, checked, as numpy."""
    X = _validate.array("X", X, dims=(2,))
    w = _validate.array("w", w, dims=(1, 2))
    _validate.matmul_shapes(X, w)
    return X, w, _validate.scalar("b", b)


def _labels(X, y):
    """``y`` checked to hold one finite label per row of ``X``: (n,) or (n, 1)."""
    y = _validate.array("y", y, dims=(1, 2))
    _validate.same_length(X, y, names=("X", "y"))
    _validate.labels(y, len(X))
    return y


def linreg(X, w, b):
    """The linear regression model y_hat = Xw + b, eq. (3.1.4).

    ``X`` (n, d), ``w`` (d,) or (d, 1), ``b`` a scalar or (1,); returns y_hat of shape (n,)
    or (n, 1), following ``w``.  Raises ``ValueError`` for other shapes, n = 0 or NaN/inf.
    """
    X, w, b = _model_inputs(X, w, b)
    return X @ w + b


def _squared(y_hat, y):
    y_hat = _validate.array("y_hat", y_hat)
    y = _validate.array("y", y)
    _validate.same_size(y_hat, y)
    return y_hat, y.reshape(y_hat.shape)


def squared_loss(y_hat, y):
    """Elementwise squared loss (y_hat - y)^2 / 2, eq. (3.1.5); the shape of ``y_hat``.

    ``y`` is reshaped to ``y_hat``'s shape first, so (n,) against (n, 1) never broadcasts
    into an (n, n) matrix.  In the labels' squared units.  Raises ``ValueError`` when the two
    hold different numbers of values, none, or a NaN or inf.
    """
    y_hat, y = _squared(y_hat, y)
    return (y_hat - y) ** 2 / 2


def mean_loss(X, y, w, b):
    """The training loss L(w, b) = 1/n sum_i l^(i)(w, b), eq. (3.1.6): one float.

    The mean of :func:`squared_loss` of :func:`linreg` over the n examples; ``X`` (n, d),
    ``y`` (n,) or (n, 1), ``w`` (d,) or (d, 1), ``b`` a scalar.  In the labels' squared units.
    The one helper for (3.1.6): the trainers, the figures and the checkers use it.  Raises
    ``ValueError`` as :func:`squared_loss_grad`.
    """
    X, w, b = _model_inputs(X, w, b)
    return _mean_loss(X, _labels(X, y), w, b)


def _residuals(X, y, w, b):
    """y_hat - y for checked inputs, ``y`` reshaped to y_hat's shape (never broadcast)."""
    return X @ w + b - y.reshape((-1, 1) if w.ndim == 2 else (-1,))


def _mean_loss(X, y, w, b):
    """Eq. (3.1.6) for checked inputs (the training loops check once, then call this)."""
    return float(np.mean(_residuals(X, y, w, b) ** 2 / 2))


def huber_loss(y_hat, y, delta=1.0):
    """Elementwise Huber loss with threshold ``delta`` (D2L 3.3, exercise); shape of ``y_hat``.

    r^2 / (2 delta) for |r| <= delta, |r| - delta/2 beyond, with r = y_hat - y: the squared
    loss near zero, the absolute loss for outliers.  It equals Gluon's ``HuberLoss(rho=delta)``
    and PyTorch's ``SmoothL1Loss(beta=delta)`` per example; PyTorch's ``HuberLoss(delta)`` is
    ``delta`` times it.  Raises ``ValueError`` as :func:`squared_loss`, or for ``delta <= 0``.
    """
    delta = _validate.positive_number("delta", delta)
    y_hat, y = _squared(y_hat, y)
    r = np.abs(y_hat - y)
    return np.where(r <= delta, r**2 / (2 * delta), r - delta / 2)


def squared_loss_grad(X, y, w, b):
    """Gradient of the mean squared loss (3.1.6) over the rows of ``X`` w.r.t. (w, b).

    This is the sum in eq. (3.1.10) divided by |B|.  ``X`` (n, d), ``y`` (n, 1) or (n,),
    ``w`` (d,) or (d, 1), ``b`` scalar or (1,); returns ``(dw, db)`` with the shapes of w and
    b.  Raises ``ValueError`` for other shapes, no examples, or a NaN or inf.
    """
    X, w, b = _model_inputs(X, w, b)
    return _gradient(X, _labels(X, y), w, b)


def _gradient(X, y, w, b):
    """``(dw, db)`` of eq. (3.1.10) divided by |B|, for checked inputs."""
    err = _residuals(X, y, w, b)
    dw = X.T @ err / len(X)
    db = np.sum(err) / len(X)
    return dw, np.reshape(db, np.shape(b))


def closed_form(X, y):
    """Least-squares (w, b) with the bias as a column of ones, eq. (3.1.8).

    Solved with ``numpy.linalg.lstsq`` (SVD), not by inverting XᵀX, whose condition number
    is the square of X's.  ``X`` (n, d), ``y`` (n,) or (n, 1); returns ``w`` (d,), float ``b``.
    Raises ``ValueError`` for other shapes, no examples, or a NaN or inf (which LAPACK would
    answer with "illegal value" lines and a ``LinAlgError``).
    """
    X = _validate.array("X", X, dims=(2,)).astype(float)
    y = _labels(X, y)
    Xb = np.hstack([X, np.ones((len(X), 1))])
    theta, *_ = np.linalg.lstsq(Xb, y.reshape(-1), rcond=None)
    return theta[:-1], float(theta[-1])
