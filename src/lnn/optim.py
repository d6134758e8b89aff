"""Minibatch stochastic gradient descent for linear regression, eq. (3.1.9)-(3.1.10)."""

import numpy as np

from . import _checks
from .data import batch_indices
from .model import linreg, squared_loss, squared_loss_grad
from .seed import get_rng


def sgd_step(w, b, X, y, lr):
    """One update of eq. (3.1.10) on the minibatch (X, y); returns the new ``(w, b)``.

    w <- w - lr/|B| * sum_i x_i (w^T x_i + b - y_i),  b <- b - lr/|B| * sum_i (w^T x_i + b - y_i)
    """
    lr = _checks.learning_rate(lr)
    dw, db = squared_loss_grad(X, y, w, b)
    return w - lr * dw, b - lr * db


def train_epochs(X, y, w, b, *, lr, batch_size, num_epochs, rng=None, batches=None):
    """Run ``num_epochs`` of minibatch SGD from (w, b); return ``(w, b, epoch_losses)``.

    ``batches`` optionally fixes the minibatch order (a list of index arrays per epoch), as
    the parity checks between numpy, PyTorch and MXNet need; otherwise it is drawn from
    ``rng``.  ``epoch_losses`` holds the mean squared loss (3.1.6) after each epoch.
    """
    lr = _checks.learning_rate(lr)
    batch_size = _checks.positive_int("batch_size", batch_size)
    num_epochs = _checks.positive_int("num_epochs", num_epochs)
    _checks.same_length(X, y)
    rng = get_rng(rng)  # once: an int seed must not restart the same order every epoch
    losses = []
    for epoch in range(num_epochs):
        order = batches[epoch] if batches is not None else batch_indices(
            batch_size, len(X), rng=rng)
        for idx in order:
            w, b = sgd_step(w, b, X[idx], y[idx], lr)
        losses.append(float(np.mean(squared_loss(linreg(X, w, b), y))))
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
        return (f"SGDRun(lr={self.lr:g}, batch_size={self.batch_size}, "
                f"{len(self.losses) - 1} updates, {state})")


def run_sgd(X, y, *, lr, batch_size, num_epochs=None, num_steps=None, w=None, b=0.0,
            rng=None, blowup=1e3):
    """Minibatch SGD (3.1.9) with :func:`sgd_step`, recording every update; see :class:`SGDRun`.

    ``X`` (n, d), ``y`` (n, 1) or (n,).  Run ``num_epochs`` passes over the data, or stop after
    ``num_steps`` updates (give exactly one).  ``w`` (d,) defaults to zeros.  Training stops
    and is marked ``diverged`` as soon as the loss is not finite or exceeds ``blowup`` times
    the initial loss (and than the loss of predicting 0): a too large learning rate then gives
    a result, not NaNs or overflow warnings.
    """
    lr = _checks.learning_rate(lr)
    batch_size = _checks.positive_int("batch_size", batch_size)
    blowup = _checks.positive_number("blowup", blowup)
    if (num_epochs is None) == (num_steps is None):
        raise ValueError("give exactly one of num_epochs and num_steps, got "
                         f"num_epochs={num_epochs!r}, num_steps={num_steps!r}")
    if num_epochs is not None:
        num_epochs = _checks.positive_int("num_epochs", num_epochs)
    else:
        num_steps = _checks.positive_int("num_steps", num_steps)
    X = np.asarray(X, dtype=float)
    _checks.same_length(X, y)
    y = np.asarray(y, dtype=float).reshape(-1)
    w = np.zeros(X.shape[1]) if w is None else np.asarray(w, dtype=float).reshape(-1)
    _checks.matmul_shapes(X, w)
    b = float(b)
    n = len(X)
    rng = get_rng(rng)  # once: an int seed must not restart the same order every epoch

    def loss(w, b):
        return float(np.mean(squared_loss(linreg(X, w, b), y)))

    losses, seen, path = [loss(w, b)], [0], [np.append(w, b)]
    # Exploded: far above where it started and above the loss of always predicting 0.
    limit = blowup * max(losses[0], float(np.mean(y**2)) / 2)
    diverged = False
    # Overflow is the expected sign of divergence here, detected below: no warning for it.
    with np.errstate(over="ignore", invalid="ignore"):
        epoch = 0
        while not diverged and (num_epochs is None or epoch < num_epochs):
            for idx in batch_indices(batch_size, n, rng=rng):
                new_w, new_b = sgd_step(w, b, X[idx], y[idx], lr)
                new_loss = loss(new_w, new_b)
                losses.append(new_loss if np.isfinite(new_loss) else np.inf)
                seen.append(seen[-1] + len(idx))
                if not new_loss <= limit:  # also true for NaN
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
