"""PyTorch binding with the slides' names (D2L 3.2 from scratch, 3.3 concise).

The validation and the minibatch order come from the numpy core, so this file holds only
what is PyTorch-specific.
"""

import torch
from torch.utils import data

from . import _checks
from .benchmark import Backend, no_sync
from .data import batch_indices
from .seed import current_seed

if current_seed() is not None:
    torch.manual_seed(current_seed())


def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise, eq. (3.2.1); ``X`` (n, len(w)), ``y`` (n, 1)."""
    num_examples = _checks.positive_int("num_examples", num_examples)
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))


def data_iter(batch_size, features, labels, *, rng=None):
    """An iterator of shuffled minibatches of tensors covering every example once (3.2.2)."""
    _checks.same_length(features, labels)
    batches = [torch.as_tensor(idx, device=features.device)
               for idx in batch_indices(batch_size, len(features), rng=rng)]
    return ((features[idx], labels[idx]) for idx in batches)


def linreg(X, w, b):
    """The linear regression model, eq. (3.1.4)."""
    _checks.matmul_shapes(X, w)
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    """Squared loss, eq. (3.1.5); ``y`` reshaped to ``y_hat``'s shape, never broadcast."""
    _checks.same_size(y_hat, y)
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    """Minibatch SGD, eq. (3.1.10): the loss was summed, so divide by ``batch_size``.

    Runs under ``no_grad`` (the update is not part of the model) and zeroes each gradient,
    because PyTorch accumulates gradients across ``backward`` calls.
    """
    lr = _checks.learning_rate(lr)
    batch_size = _checks.positive_int("batch_size", batch_size)
    with torch.no_grad():
        for param in params:
            _checks.has_grad(param)
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def load_array(data_arrays, batch_size, is_train=True):
    """A PyTorch ``DataLoader`` over tensors, shuffled when ``is_train`` (3.3.2)."""
    batch_size = _checks.positive_int("batch_size", batch_size)
    if len(data_arrays) > 1:
        _checks.same_length(data_arrays[0], data_arrays[1])
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train)


def try_gpu(i=0):
    """The i-th CUDA GPU if there is one, else the CPU."""
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")


def benchmark_backend(device="cpu"):
    """The vectorization benchmark's :class:`~lnn.benchmark.Backend` for tensors on ``device``.

    CUDA kernels run asynchronously: a call returns once the work is queued.  ``sync`` waits
    for that device, so the benchmark's clock stops only when the work is done.
    """
    device = torch.device(device)
    if device.type == "cuda":
        def sync():
            torch.cuda.synchronize(device)
    else:
        sync = no_sync
    return Backend(
        name=f"torch ({device.type})",
        full=lambda n, value: torch.full((n,), value, dtype=torch.float32, device=device),
        to_numpy=lambda t: t.cpu().numpy(),
        copy=lambda dst, src: dst.copy_(src),
        sync=sync,
    )
