"""Minibatch stochastic gradient descent for linear regression, eq. (3.1.9)-(3.1.10)."""

import numpy as np

from . import _checks
from .data import batch_indices
from .model import linreg, squared_loss, squared_loss_grad


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
    losses = []
    for epoch in range(num_epochs):
        order = batches[epoch] if batches is not None else batch_indices(
            batch_size, len(X), rng=rng)
        for idx in order:
            w, b = sgd_step(w, b, X[idx], y[idx], lr)
        losses.append(float(np.mean(squared_loss(linreg(X, w, b), y))))
    return w, b, losses
