"""PyTorch binding with the slides' names (D2L 3.2 from scratch, 3.3 concise).

The functions take tensors; numpy arrays and lists are converted with ``torch.as_tensor``
(a documented cast: float64 numpy data stays float64).  Bad input raises ``ValueError``
naming the argument (:mod:`lnn._checks`): a NaN or inf, no examples, shapes that would
broadcast, tensors of different dtypes or devices.  The minibatch order comes from the
numpy core (:func:`lnn.batch_indices`).
"""

import torch
from torch.utils import data

from . import _checks
from .data import batch_indices
from .seed import current_seed

if current_seed() is not None:
    torch.manual_seed(current_seed())


def _as_tensor(a):
    tensor = torch.as_tensor(a)
    if not tensor.is_floating_point():  # [1, 2] is int64: the slides' tensors are floats
        tensor = tensor.to(torch.get_default_dtype())
    return tensor


def _tensor(name, a):
    """``a`` as a finite, non-empty tensor (numpy arrays and lists are converted)."""
    return _checks.tensor(name, a, "torch", _as_tensor)


def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise, eq. (3.2.1); ``X`` (n, len(w)), ``y`` (n, 1).

    ``w`` (d,), ``b`` a number; the noise has standard deviation 0.01 (label units).
    """
    num_examples = _checks.positive_int("num_examples", num_examples)
    w = _tensor("w", w)
    _checks.ndim("w", w, (1,))
    _checks.scalar("b", b)
    X = torch.normal(0, 1, (num_examples, len(w)), dtype=w.dtype, device=w.device)
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape, dtype=w.dtype, device=w.device)
    return X, y.reshape((-1, 1))


def data_iter(batch_size, features, labels, *, rng=None):
    """An iterator of shuffled minibatches of tensors covering every example once (3.2.2).

    ``features`` (n, d) and ``labels`` (n, 1) on one device; checked at the call.
    """
    features, labels = _tensor("features", features), _tensor("labels", labels)
    _checks.same_length(features, labels)
    batches = [torch.as_tensor(idx, device=features.device)
               for idx in batch_indices(batch_size, len(features), rng=rng)]
    return ((features[idx], labels[idx]) for idx in batches)


def linreg(X, w, b):
    """The linear regression model, eq. (3.1.4): ``X`` (n, d), ``w`` (d,) or (d, 1), one ``b``."""
    X, w = _tensor("X", X), _tensor("w", w)
    _checks.matmul_shapes(X, w)
    b = _checks.bias("b", b, _tensor)
    _checks.same_dtype_and_device({"X": X, "w": w, "b": b})
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    """Squared loss, eq. (3.1.5); ``y`` reshaped to ``y_hat``'s shape, never broadcast."""
    y_hat, y = _tensor("y_hat", y_hat), _tensor("y", y)
    _checks.same_size(y_hat, y)
    _checks.same_dtype_and_device({"y_hat": y_hat, "y": y})
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    """Minibatch SGD, eq. (3.1.10): the loss was summed, so divide by ``batch_size``.

    Runs under ``no_grad`` (the update is not part of the model) and zeroes each gradient,
    because PyTorch accumulates gradients across ``backward`` calls.  Each parameter needs a
    finite gradient (``requires_grad=True`` and ``backward`` first).
    """
    lr = _checks.learning_rate(lr)
    batch_size = _checks.positive_int("batch_size", batch_size)
    with torch.no_grad():
        for param in params:
            _checks.has_grad(param)
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def load_array(data_arrays, batch_size, is_train=True):
    """A PyTorch ``DataLoader`` over ``data_arrays`` (features, labels), shuffled when training.

    D2L 3.3.2.  Numpy arrays are converted; raises ``ValueError`` for arrays of different
    lengths, no examples or a NaN or inf.
    """
    batch_size = _checks.positive_int("batch_size", batch_size)
    dataset = data.TensorDataset(*_checks.data_arrays(data_arrays, _tensor))
    return data.DataLoader(dataset, batch_size, shuffle=is_train)


def try_gpu(i=0):
    """The i-th CUDA GPU (``i`` >= 0) if there is one, else the CPU."""
    i = _checks.non_negative_int("i", i)
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")
