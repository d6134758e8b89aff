"""PyTorch binding with the slides' names (D2L 3.2 from scratch, 3.3 concise).

The functions take tensors; numpy arrays and lists are converted with ``torch.as_tensor``
(a documented cast: float64 numpy data stays float64).  Bad input raises ``ValueError``
naming the argument (:mod:`lnn._validate`): a NaN or inf, no examples, shapes that would
broadcast, tensors of different dtypes or devices.  The minibatch order comes from the
numpy core (:func:`lnn.batch_indices`).
"""

import functools

import torch
from torch.utils import data

from . import _validate  # argument validation
from ._scratch import bind
from .seed import current_seed

__all__ = ["data_iter", "linreg", "load_array", "sgd", "squared_loss", "synthetic_data",
           "try_gpu"]

if current_seed() is not None:
    torch.manual_seed(current_seed())


def _as_tensor(a):
    tensor = torch.as_tensor(a)
    if not tensor.is_floating_point():  # [1, 2] is int64: the slides' tensors are floats
        tensor = tensor.to(torch.get_default_dtype())
    return tensor


#: ``_tensor(name, a)``: ``a`` as a finite, non-empty tensor (numpy arrays and lists converted).
_tensor = functools.partial(_validate.tensor, kind="torch", convert=_as_tensor)


def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise, eq. (3.2.1): tensors ``X`` (n, len(w)) and ``y`` (n, 1)
    in ``w``'s dtype, on ``w``'s device, with noise of standard deviation 0.01.  ``w`` (d,),
    ``b`` a number; ``ValueError`` for another ``w``, NaN or inf, or ``num_examples`` < 1.
    The data are constants even when ``w`` or ``b`` requires grad (a model's own parameters
    passed as the true ones): labels in the autograd graph would make the second minibatch's
    ``backward`` fail ("backward through the graph a second time").
    """
    w, b, num_examples = _validate.synthetic_args(w, b, num_examples, _tensor)
    with torch.no_grad():
        X = torch.normal(0, 1, (num_examples, len(w)), dtype=w.dtype, device=w.device)
        y = torch.matmul(X, w) + b
        y += torch.normal(0, 0.01, y.shape, dtype=w.dtype, device=w.device)
    return X, y.reshape((-1, 1))


#: ``linreg`` (3.1.4), ``squared_loss`` (3.1.5), ``data_iter`` (3.2.2): the slides' code,
#: written once in :mod:`lnn._scratch` (``X @ w + b`` is the same in every framework).
linreg, squared_loss, data_iter = bind(
    _tensor, index=lambda idx, like: torch.as_tensor(idx, device=like.device))


def sgd(params, lr, batch_size):
    """Minibatch SGD, eq. (3.1.10): the loss was summed, so divide by ``batch_size``.

    Runs under ``no_grad`` (the update is not part of the model) and zeroes each gradient,
    because PyTorch accumulates gradients across ``backward`` calls.  Each parameter needs a
    finite gradient (``requires_grad=True`` and ``backward`` first); raises ``ValueError``
    naming ``params`` (also for one tensor without the list brackets, ``sgd(w, ...)``), ``lr``
    or ``batch_size`` otherwise.
    """
    lr, batch_size = _validate.learning_rate(lr), _validate.positive_int("batch_size", batch_size)
    params = _validate.parameters(params, "torch")
    with torch.no_grad():
        for param in params:
            _validate.has_grad(param)
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def load_array(data_arrays, batch_size, is_train=True):
    """A PyTorch ``DataLoader`` over ``data_arrays`` (features, labels), shuffled when training.

    D2L 3.3.2.  Numpy arrays are converted; raises ``ValueError`` for arrays of different
    lengths, no examples, a NaN or inf, or an ``is_train`` that is not True or False.
    """
    batch_size = _validate.positive_int("batch_size", batch_size)
    is_train = _validate.boolean("is_train", is_train)
    dataset = data.TensorDataset(*_validate.data_arrays(data_arrays, _tensor))
    return data.DataLoader(dataset, batch_size, shuffle=is_train)


def try_gpu(i=0):
    """The i-th CUDA GPU (``i`` >= 0) if there is one, else the CPU; ``ValueError`` if i < 0."""
    i = _validate.non_negative_int("i", i)
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")
