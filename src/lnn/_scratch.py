"""The slides' from-scratch functions of D2L 3.2, written once for PyTorch and MXNet.

``linreg``, ``squared_loss`` and ``data_iter`` are the same code in both frameworks
(``X @ w + b`` works on tensors and on MXNet arrays alike); :func:`bind` gives each binding
its copy, checked through :mod:`lnn._validate` with the binding's conversion.
"""

from . import _validate
from .data import minibatches


def bind(convert, index):
    """``(linreg, squared_loss, data_iter)`` for one framework.

    ``convert(name, a)`` returns ``a`` as the framework's finite, non-empty array (or raises
    ``ValueError`` naming ``name``); ``index(idx, like)`` turns a numpy index array into the
    framework's, on the device of the array ``like``.
    """

    def linreg(X, w, b):
        """The linear regression model, eq. (3.1.4): ``X`` (n, d), ``w`` (d,) or (d, 1), one
        ``b``; returns (n,) or (n, 1).  Raises ``ValueError`` for other shapes, NaN or inf,
        or arrays of different dtypes or devices."""
        X, w, b = _validate.model_args(X, w, b, convert)
        return X @ w + b

    def squared_loss(y_hat, y):
        """Squared loss, eq. (3.1.5), in ``y_hat``'s shape: ``y`` is reshaped to it, never
        broadcast into (n, n).  Raises ``ValueError`` for different sizes, NaN or inf."""
        y_hat, y = _validate.loss_args(y_hat, y, convert)
        return (y_hat - y) ** 2 / 2

    def data_iter(batch_size, features, labels, *, rng=None):
        """An iterator of shuffled minibatches ``(X, y)`` covering every example once
        (D2L 3.2.2), on the features' device; the arguments are checked at the call."""
        features, labels = _validate.data_args(features, labels, convert)
        return minibatches(batch_size, features, labels, rng=rng,
                           index=lambda idx: index(idx, features))

    return linreg, squared_loss, data_iter
