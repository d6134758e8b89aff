"""Three ways to compute the analytic solution (3.1.8), and how they lose accuracy.

The normal equations XᵀX w = Xᵀy square the condition number of X; least squares on X
itself (QR or SVD) does not.  These helpers build designs of a chosen condition number and
measure the parameter error of each solver, for the analytic-solution page.
"""

import numpy as np

from . import _validate
from .model import _labels
from .seed import get_rng


def design_with_condition(num_examples, num_inputs, cond, *, rng=None):
    """A random (num_examples, num_inputs) design whose condition number is ``cond``.

    X = U diag(s) Vᵀ with random orthonormal U, V and singular values s spaced
    logarithmically from 1 down to 1/cond.
    """
    num_examples = _validate.positive_int("num_examples", num_examples)
    num_inputs = _validate.positive_int("num_inputs", num_inputs)
    if num_examples < num_inputs:
        _validate.fail("num_examples", f">= num_inputs ({num_inputs})", repr(num_examples))
    cond = _validate.number_at_least("cond", cond, 1)
    rng = get_rng(rng)
    U, _ = np.linalg.qr(rng.normal(size=(num_examples, num_inputs)))
    V, _ = np.linalg.qr(rng.normal(size=(num_inputs, num_inputs)))
    s = np.logspace(0, -np.log10(cond), num_inputs)
    return (U * s) @ V.T


def _system(X, y):
    """Checked ``X`` (n, d) with n >= d and ``y`` (n,) as float64 numpy arrays."""
    X = _validate.array("X", X, dims=(2,)).astype(float)
    y = _labels(X, y).astype(float).reshape(-1)
    if len(X) < X.shape[1]:
        _validate.fail("X", "at least as many rows (examples) as columns", f"shape {X.shape}")
    return X, y


def normal_inverse(X, y):
    """w = (XᵀX)⁻¹ Xᵀy, eq. (3.1.8) read literally: form the inverse, then multiply.

    ``X`` (n, d) with n >= d and full column rank, ``y`` (n,) or (n, 1); returns w (d,).
    Raises ``ValueError`` for other shapes or a NaN or inf, ``LinAlgError`` if XᵀX is
    exactly singular.
    """
    X, y = _system(X, y)
    return np.linalg.inv(X.T @ X) @ (X.T @ y)


def normal_solve(X, y):
    """w from the normal equations XᵀX w = Xᵀy, solved by LU without forming the inverse.

    Shapes and errors as :func:`normal_inverse`.
    """
    X, y = _system(X, y)
    return np.linalg.solve(X.T @ X, X.T @ y)


def least_squares(X, y):
    """w minimising ||Xw - y||² directly on X (SVD, ``numpy.linalg.lstsq``); w (d,).

    Shapes and ``ValueError`` as :func:`normal_inverse`; never singular.
    """
    X, y = _system(X, y)
    return np.linalg.lstsq(X, y, rcond=None)[0]


SOLVERS = {
    "explicit inverse": normal_inverse,
    "linear solve": normal_solve,
    "least squares (SVD)": least_squares,
}


def parameter_errors(conds, *, num_examples=100, num_inputs=5, num_trials=5, rng=None):
    """Median relative error ||ŵ - w|| / ||w|| of each solver in :data:`SOLVERS`.

    For every condition number in ``conds`` and each of ``num_trials`` random designs the
    labels are exact, y = Xw, so any error is rounding error made by the solver.  Returns a
    dict solver name -> array of shape (len(conds),).
    """
    num_trials = _validate.positive_int("num_trials", num_trials)
    conds = _validate.array("conds", conds, dims=(1,))
    rng = get_rng(rng)
    errors = {name: np.empty((len(conds), num_trials)) for name in SOLVERS}
    for i, cond in enumerate(conds):
        for t in range(num_trials):
            X = design_with_condition(num_examples, num_inputs, cond, rng=rng)
            w = rng.normal(size=num_inputs)
            y = X @ w
            for name, solve in SOLVERS.items():
                errors[name][i, t] = np.linalg.norm(solve(X, y) - w) / np.linalg.norm(w)
    return {name: np.median(e, axis=1) for name, e in errors.items()}


def loglog_slope(x, y):
    """Slope of the least-squares line through (log10 x, log10 y): error ∝ x^slope.

    ``x`` and ``y`` hold the same number (>= 2) of positive values; raises ``ValueError``
    otherwise.
    """
    x = _validate.array("x", x).reshape(-1)
    y = _validate.array("y", y).reshape(-1)
    _validate.same_length(x, y, names=("x", "y"))
    for name, values in (("x", x), ("y", y)):
        if len(values) < 2 or not np.all(values > 0):
            _validate.fail(name, "at least two positive values", f"{values}")
    return float(np.polyfit(np.log10(x), np.log10(y), 1)[0])
