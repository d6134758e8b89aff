"""Synthetic data and minibatches (D2L 3.2.1 and 3.2.2), framework-free.

Every random draw goes through :func:`lnn.get_rng` (``rng``: ``None`` for the course
generator that :func:`lnn.set_seed` resets, an int seed, or a numpy ``Generator``).
"""

import numpy as np

from . import _validate
from .seed import get_rng


def synthetic_data(w, b, num_examples, *, noise=0.01, rng=None):
    """Generate y = Xw + b + noise, eq. (3.2.1).

    ``w`` (d,) or (d, 1), ``b`` a number, ``noise`` the standard deviation of the Gaussian
    noise (in the labels' units).  Returns ``X`` of shape (num_examples, d) drawn from
    N(0, 1) and ``y`` of shape (num_examples, 1).  Raises ``ValueError`` for a NaN or inf, a
    ``w`` of another shape, or ``num_examples`` < 1.
    """
    num_examples = _validate.positive_int("num_examples", num_examples)
    w = _validate.array("w", w, dims=(1, 2)).astype(float)
    _validate.weights(w, len(w))
    w = w.reshape(-1)
    b = _validate.number("b", b)
    noise = _validate.non_negative_number("noise", noise)
    rng = get_rng(rng)
    X = rng.normal(0.0, 1.0, (num_examples, len(w)))
    y = X @ w + b + rng.normal(0.0, noise, num_examples)
    return X, y.reshape(-1, 1)


def batch_indices(batch_size, num_examples, *, rng=None):
    """Shuffle ``range(num_examples)`` and cut it into minibatches of ``batch_size``.

    Every example appears exactly once per epoch; the last batch is partial when
    ``batch_size`` does not divide ``num_examples``.  The framework bindings index their own
    tensors with these, which is how all implementations can share one minibatch order.
    Returns a list of int arrays.  Raises ``ValueError`` unless both are positive integers.
    """
    batch_size = _validate.positive_int("batch_size", batch_size)
    num_examples = _validate.positive_int("num_examples", num_examples)
    order = get_rng(rng).permutation(num_examples)
    return [order[i:i + batch_size] for i in range(0, num_examples, batch_size)]


def data_iter(batch_size, features, labels, *, rng=None):
    """An iterator of shuffled minibatches ``(X, y)`` covering every example once (D2L 3.2.2).

    ``features`` (n, ...) and ``labels`` (n, ...): lists, numpy arrays, torch tensors or
    MXNet arrays, converted to numpy (the bindings' ``data_iter`` yield tensors).  The
    arguments are checked when it is called, not at the first ``next()``; raises
    ``ValueError`` for different lengths, no examples or a NaN or inf.
    """
    features, labels = _validate.data_args(features, labels, _validate.array)
    return minibatches(batch_size, features, labels, rng=rng)


def minibatches(batch_size, features, labels, *, rng=None, index=None):
    """The generator of every ``data_iter``: ``(features[idx], labels[idx])`` per minibatch.

    ``index`` turns each numpy index array into the framework's (a tensor on the features'
    device, an MXNet array on their context); the order comes from :func:`batch_indices`,
    which is how numpy, PyTorch and MXNet can share one minibatch order.
    """
    batches = batch_indices(batch_size, len(features), rng=rng)
    if index is not None:
        batches = [index(idx) for idx in batches]
    return ((features[idx], labels[idx]) for idx in batches)


def house_data(num_examples, *, w=(90.0, -500.0), b=30000.0, noise=10000.0, rng=None):
    """Houses for the slides' running example (D2L 3.1.1): price from area and age.

    Areas are uniform in [500, 3500] square feet, ages uniform in [0, 50] years, and
    price = w_area * area + w_age * age + b + noise, in dollars.  Returns ``X`` of shape
    (num_examples, 2) with columns (area, age) and ``y`` of shape (num_examples, 1).  ``w``
    holds two weights (dollars per square foot, dollars per year), ``b`` dollars.  Raises
    ``ValueError`` for another ``w``, a NaN or inf, or ``num_examples`` < 1.
    """
    num_examples = _validate.positive_int("num_examples", num_examples)
    w = _validate.array("w", w, dims=(1,))
    _validate.weights(w, 2)
    b = _validate.number("b", b)
    noise = _validate.non_negative_number("noise", noise)
    rng = get_rng(rng)
    X = np.column_stack([rng.uniform(500.0, 3500.0, num_examples),
                         rng.uniform(0.0, 50.0, num_examples)])
    y = X @ w + b + rng.normal(0.0, noise, num_examples)
    return X, y.reshape(-1, 1)
