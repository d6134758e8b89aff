"""Argument validation shared by the numpy core and the framework bindings.

Every public helper checks its inputs here, so a student who passes the wrong thing gets a
``ValueError`` that names the argument and what was expected, instead of a broadcasting
surprise three cells later.  The checks only use ``.shape`` and ``len``, so they work on
numpy arrays, torch tensors and MXNet arrays alike.
"""

import math
import numbers


def numel(a):
    """Number of values in an array-like with a ``.shape`` (numpy, torch, MXNet)."""
    return math.prod(tuple(a.shape))


def positive_int(name, value):
    """Return ``value`` if it is an integer > 0, else raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def positive_number(name, value):
    """Return ``value`` as a float if it is finite and > 0, else raise ``ValueError``."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or value <= 0):
        raise ValueError(f"{name} must be a finite positive number, got {value!r}")
    return float(value)


def standard_deviation(name, value):
    """Return ``value`` as a float if it is a non-negative standard deviation."""
    if not value >= 0:
        raise ValueError(f"{name} must be a non-negative standard deviation, got {value!r}")
    return float(value)


def learning_rate(lr):
    """Return the learning rate ``lr`` as a float if it is finite and > 0 (eq. 3.1.9)."""
    return positive_number("lr", lr)


def same_length(features, labels):
    """Raise ``ValueError`` unless features and labels hold the same number of examples."""
    if len(features) != len(labels):
        raise ValueError(
            f"features and labels must have the same length, got {len(features)} features "
            f"and {len(labels)} labels"
        )


def is_array(name, a):
    """Raise ``ValueError`` unless ``a`` is an array with a shape (numpy, torch, MXNet)."""
    if not hasattr(a, "shape"):
        raise ValueError(f"{name} must be an array (numpy, torch or MXNet), got "
                         f"{type(a).__name__}; convert it first, e.g. np.asarray({name})")


def has_grad(param):
    """Raise ``ValueError`` unless a parameter holds a gradient to step along."""
    if getattr(param, "grad", None) is None:
        raise ValueError(
            f"a parameter of shape {tuple(param.shape)} has no gradient: create it with "
            "requires_grad=True (PyTorch) or call attach_grad() (MXNet), then call backward() "
            "on the loss before sgd")


def matmul_shapes(X, w):
    """Raise ``ValueError`` unless ``X`` (n, d) can multiply ``w`` (d,) or (d, 1)."""
    is_array("X", X)
    is_array("w", w)
    if len(X.shape) != 2:
        raise ValueError(f"X must be a 2-D (num_examples, num_inputs) array, got shape "
                         f"{tuple(X.shape)}")
    if X.shape[1] != w.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} columns but w has {w.shape[0]} entries; "
            "X must be (num_examples, len(w))"
        )


def same_size(y_hat, y):
    """Raise ``ValueError`` unless predictions and labels hold the same number of values."""
    is_array("y_hat", y_hat)
    is_array("y", y)
    if numel(y_hat) != numel(y):
        raise ValueError(
            f"y_hat and y must hold the same number of values, got y_hat of shape "
            f"{tuple(y_hat.shape)} and y of shape {tuple(y.shape)}"
        )
