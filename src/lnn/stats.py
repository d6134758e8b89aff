"""The normal distribution and the likelihood view of the squared loss (D2L 3.1.3)."""

import math

import numpy as np

from . import _validate


def _like(name, value, x):
    """``value`` as a number, or as an array reshaped to ``x``'s shape (never broadcast)."""
    if isinstance(value, bool):
        _validate.fail(name, "a number or an array of numbers", repr(value))
    values = _validate.array(name, value)
    if values.size == 1:
        return float(values.reshape(()))
    if values.size != x.size:
        _validate.fail(name, f"one number or one value per value of x ({x.size})",
                     f"shape {values.shape}")
    return values.reshape(x.shape)


def normal(x, mu, sigma):
    """Density of N(mu, sigma^2) at ``x``, eq. (3.1.11); same shape as ``x``, in 1/units of x.

    ``mu`` and ``sigma`` (> 0) are numbers or hold one value per value of ``x`` (reshaped to
    ``x``'s shape, so (n,) against (n, 1) never broadcasts into (n, n)).  Raises
    ``ValueError`` for a NaN or inf, ``sigma <= 0`` or other sizes.
    """
    x = _validate.array("x", x)
    mu = _like("mu", mu, x)
    sigma = _like("sigma", sigma, x)
    if not np.all(np.asarray(sigma) > 0):
        _validate.fail("sigma", "a positive standard deviation", repr(sigma))
    p = 1 / np.sqrt(2 * np.pi * sigma**2)
    return p * np.exp(-0.5 / sigma**2 * (x - mu) ** 2)


def _residuals(y_hat, y):
    """``y - y_hat`` with ``y`` reshaped to ``y_hat``'s shape (numpy, torch or MXNet)."""
    y_hat, y = _validate.any_array("y_hat", y_hat), _validate.any_array("y", y)
    _validate.same_size(y_hat, y)
    return y.reshape(y_hat.shape) - y_hat


def gaussian_nll(y_hat, y, sigma):
    """Negative log-likelihood of labels ``y`` under Gaussian noise, eq. (3.1.15).

    sum_i [ 1/2 log(2 pi sigma^2) + (y_i - y_hat_i)^2 / (2 sigma^2) ]: minus the log of the
    product (3.1.14) of the densities (3.1.13), written in log form so that it neither
    underflows nor overflows.  ``y_hat`` and ``y`` hold the same number of values (numpy,
    torch or MXNet); ``sigma`` is the fixed noise standard deviation.  Returns a
    scalar of their framework (differentiable in torch and MXNet).  Raises ``ValueError``
    for different sizes, no values, a NaN or inf, or ``sigma <= 0``.
    """
    sigma = _validate.positive_number("sigma", sigma)
    r = _residuals(y_hat, y)
    n = _validate.numel(r)
    return 0.5 * n * math.log(2 * math.pi * sigma**2) + (r**2).sum() / (2 * sigma**2)


def laplace_nll(y_hat, y, scale):
    """Negative log-likelihood of ``y`` under Laplace noise with ``scale`` b.

    The Laplace density is exp(-|x| / b) / (2b), so the NLL is
    sum_i [ log(2b) + |y_i - y_hat_i| / b ]: for a fixed b, the absolute loss plus a constant.
    Returns a scalar.  Raises ``ValueError`` as :func:`gaussian_nll` (``scale <= 0``).
    """
    scale = _validate.positive_number("scale", scale)
    r = _residuals(y_hat, y)
    n = _validate.numel(r)
    return n * math.log(2 * scale) + abs(r).sum() / scale
