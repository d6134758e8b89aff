"""The normal distribution (D2L 3.1.3)."""

import numpy as np


def normal(x, mu, sigma):
    """Density of N(mu, sigma^2) at ``x``, eq. (3.1.11); same shape as ``x``."""
    if not np.all(np.asarray(sigma) > 0):
        raise ValueError(f"sigma must be a positive standard deviation, got {sigma!r}")
    p = 1 / np.sqrt(2 * np.pi * sigma**2)
    return p * np.exp(-0.5 / sigma**2 * (np.asarray(x) - mu) ** 2)
