"""Minibatch stochastic gradient descent for linear regression, eq. (3.1.9)-(3.1.10).

The inputs are checked once at the call (:mod:`lnn._validate`), then the loops run on numpy.
One divergence rule serves :func:`train_epochs` and :func:`run_sgd`: training has diverged
once the mean loss (3.1.6) is not finite or exceeds ``blowup`` times the larger of its
starting value and the loss of always predicting 0 (:func:`divergence_limit`).
"""

import numpy as np

from . import _validate
from .data import batch_indices
from .model import _gradient, _labels, _mean_loss, _model_inputs
from .seed import get_rng

#: The default of ``blowup`` in the divergence rule.
BLOWUP = 1e3


def _training_inputs(X, y, w, b):
    """Checked numpy ``X`` (n, d), ``y`` (n,) or (n, 1), ``w``, ``b`` for a training loop."""
    X, w, b = _model_inputs(X, w, b)
    return X, _labels(X, y), w, b


def sgd_step(w, b, X, y, lr):
    """One update of eq. (3.1.10) on the minibatch (X, y); returns the new ``(w, b)``.

    w <- w - lr/|B| * sum_i x_i (w^T x_i + b - y_i),  b <- b - lr/|B| * sum_i (w^T x_i + b - y_i)

    ``w`` (d,) or (d, 1), ``b`` a scalar or (1,), ``X`` (|B|, d), ``y`` (|B|,) or (|B|, 1),
    ``lr`` > 0.  The new parameters have the shapes of ``w`` and ``b``.  Raises
    ``ValueError`` for an empty minibatch, a NaN or inf, or shapes that do not fit.
    """
    lr = _validate.learning_rate(lr)
    X, y, w, b = _training_inputs(X, y, w, b)
    dw, db = _gradient(X, y, w, b)
    return w - lr * dw, b - lr * db


def divergence_limit(X, y, w, b, blowup=BLOWUP):
    """The loss above which training counts as diverged: the one rule of this module.

    ``blowup`` times the larger of the starting loss (3.1.6) and the loss of always
    predicting 0, so that a start at the minimum does not make any step "diverge".  Inputs
    as checked by the training loops; raises ``ValueError`` unless ``blowup`` > 0.
    """
    blowup = _validate.positive_number("blowup", blowup)
    with np.errstate(over="ignore", invalid="ignore"):  # huge data: an infinite limit
        return blowup * max(_mean_loss(X, y, w, b), float(np.mean(np.square(y))) / 2)


def has_diverged(loss, limit):
    """Whether ``loss`` breaks the rule of :func:`divergence_limit`: NaN and inf always do
    (also when the limit itself overflowed)."""
    return not (np.isfinite(loss) and loss <= limit)


def train_epochs(X, y, w, b, *, lr, batch_size, num_epochs, rng=None, batches=None,
                 blowup=BLOWUP):
    """Run ``num_epochs`` of minibatch SGD from (w, b); return ``(w, b, epoch_losses)``.

    ``X`` (n, d), ``y`` (n,) or (n, 1), ``w`` (d,) or (d, 1), ``b`` a scalar or (1,).
    ``batches`` optionally fixes the minibatch order (a list of index arrays per epoch), as
    the parity checks between numpy, PyTorch and MXNet need; otherwise it is drawn from
    ``rng``.  ``epoch_losses`` holds the mean squared loss (3.1.6) after each epoch.
    Raises ``ValueError`` for bad input, and one that names ``lr`` when an epoch ends
    diverged (the rule of :func:`divergence_limit`), instead of running on to overflow.
    """
    lr = _validate.learning_rate(lr)
    batch_size = _validate.positive_int("batch_size", batch_size)
    num_epochs = _validate.positive_int("num_epochs", num_epochs)
    X, y, w, b = _training_inputs(X, y, w, b)
    if batches is not None:
        _validate.index_batches("batches", batches, num_epochs, len(X))
    limit = divergence_limit(X, y, w, b, blowup)
    rng = get_rng(rng)  # once: an int seed must not restart the same order every epoch
    losses = []
    for epoch in range(num_epochs):
        order = batches[epoch] if batches is not None else batch_indices(
            batch_size, len(X), rng=rng)
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is caught below
            for idx in order:
                dw, db = _gradient(X[idx], y[idx], w, b)
                w, b = w - lr * dw, b - lr * db
            losses.append(_mean_loss(X, y, w, b))
        if has_diverged(losses[-1], limit):
            _validate.fail("lr", f"small enough for SGD to converge on these features (after "
                         f"epoch {epoch + 1} the loss was {losses[-1]:.3g}, above the limit "
                         f"{limit:.3g}); lower lr or standardize the columns of X",
                         repr(lr))
    return w, b, losses


class SGDRun:
    """The record of one :func:`run_sgd` call.

    ``losses`` (steps + 1,) is the mean squared loss (3.1.6) on the whole training set before
    the first and after every update, ``epochs`` (steps + 1,) the epochs done at each of those
    points (fractional: examples seen / num_examples).  ``path`` (accepted steps + 1, d + 1)
    holds the parameters ``[w, b]`` at those points, and ``w`` (d,), ``b`` the last of them.
    ``diverged`` says training stopped because the loss exploded; the last loss is then the
    one of the rejected update (``inf`` if it overflowed) and ``path`` has one row less.
    """

    def __init__(self, w, b, losses, epochs, path, diverged, lr, batch_size):
        self.w, self.b = w, b
        self.losses, self.epochs, self.path = losses, epochs, path
        self.diverged = diverged
        self.lr, self.batch_size = lr, batch_size

    @property
    def final_loss(self):
        """Training loss after the last update; ``inf`` when the run diverged."""
        return float("inf") if self.diverged else float(self.losses[-1])

    def __repr__(self):
        state = "diverged" if self.diverged else f"final loss {self.final_loss:.4g}"
        updates = len(self.losses) - 1
        return (f"SGDRun(lr={self.lr:g}, batch_size={self.batch_size}, "
                f"{updates} update{'' if updates == 1 else 's'}, {state})")


def run_sgd(X, y, *, lr, batch_size, num_epochs=None, num_steps=None, w=None, b=0.0,
            rng=None, blowup=BLOWUP):
    """Minibatch SGD (3.1.9)-(3.1.10), recording every update; returns an :class:`SGDRun`.

    ``X`` (n, d), ``y`` (n, 1) or (n,).  Run ``num_epochs`` passes over the data, or stop after
    ``num_steps`` updates (give exactly one).  ``w`` (d,) defaults to zeros, ``b`` to 0.
    Training stops and is marked ``diverged`` as soon as an update breaks the rule of
    :func:`divergence_limit`: a too large learning rate then gives a result, not NaNs or
    overflow warnings.  Raises ``ValueError`` for bad input (a NaN in the data is refused
    here, not mistaken for divergence).
    """
    lr = _validate.learning_rate(lr)
    batch_size = _validate.positive_int("batch_size", batch_size)
    if (num_epochs is None) == (num_steps is None):
        _validate.fail("exactly one of num_epochs and num_steps", "given",
                     f"num_epochs={num_epochs!r}, num_steps={num_steps!r}")
    if num_epochs is not None:
        num_epochs = _validate.positive_int("num_epochs", num_epochs)
    else:
        num_steps = _validate.positive_int("num_steps", num_steps)
    X = _validate.array("X", X, dims=(2,)).astype(float)
    w = np.zeros(X.shape[1]) if w is None else w
    X, y, w, b = _training_inputs(X, y, w, b)
    y, w, b = y.astype(float).reshape(-1), w.astype(float).reshape(-1), _validate.number("b", b)
    n = len(X)
    rng = get_rng(rng)  # once: an int seed must not restart the same order every epoch

    limit = divergence_limit(X, y, w, b, blowup)
    diverged = False
    # Overflow is the expected sign of divergence here, detected below: no warning for it.
    with np.errstate(over="ignore", invalid="ignore"):
        losses, seen, path = [_mean_loss(X, y, w, b)], [0], [np.append(w, b)]
        epoch = 0
        while not diverged and (num_epochs is None or epoch < num_epochs):
            for idx in batch_indices(batch_size, n, rng=rng):
                dw, db = _gradient(X[idx], y[idx], w, b)
                new_w, new_b = w - lr * dw, b - lr * db
                new_loss = _mean_loss(X, y, new_w, new_b)
                losses.append(new_loss if np.isfinite(new_loss) else np.inf)
                seen.append(seen[-1] + len(idx))
                if has_diverged(new_loss, limit):
                    diverged = True
                    break
                w, b = new_w, float(new_b)
                path.append(np.append(w, b))
                if num_steps is not None and len(losses) > num_steps:
                    break
            epoch += 1
            if num_steps is not None and len(losses) > num_steps:
                break
    return SGDRun(w, b, np.array(losses), np.array(seen) / n, np.array(path), diverged,
                  lr, batch_size)
