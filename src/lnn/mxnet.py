"""MXNet binding with the slides' names (D2L 3.2 from scratch, 3.3 concise).

MXNet 1.9.1 uses ``numpy.bool``, which numpy 1.24 removed; this module is the one place
that restores the alias, before the first ``import mxnet``.  Import mxnet through here.
"""

import platform
import warnings

import numpy

from .frameworks import INSTALL

if "bool" not in vars(numpy):  # vars(): hasattr would raise a FutureWarning
    numpy.bool = bool

try:
    # MXNet's import touches numpy functions removed long ago (np.mirr, ...): numpy warns,
    # the students can do nothing about it, so those warnings stay inside this import.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import mxnet
        from mxnet import autograd, gluon, init, np, npx  # noqa: F401  (re-exported)
        from mxnet.gluon import nn  # noqa: F401  (re-exported for the concise chapter)
except (ImportError, OSError) as err:
    raise ImportError(
        "MXNet 1.9.1 is not installed or cannot be loaded here "
        f"({platform.system()} {platform.machine()}: {err}). Install it with "
        f"`{INSTALL}`; wheels exist for Linux x86_64 only "
        "(no Apple Silicon or Windows). The PyTorch chapters work without it."
    ) from err

from . import _checks  # noqa: E402
from .benchmark import Backend  # noqa: E402
from .data import batch_indices  # noqa: E402
from .seed import current_seed  # noqa: E402

npx.set_np()
if current_seed() is not None:
    mxnet.random.seed(current_seed())


def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise, eq. (3.2.1); ``X`` (n, len(w)), ``y`` (n, 1)."""
    num_examples = _checks.positive_int("num_examples", num_examples)
    X = np.random.normal(0, 1, (num_examples, len(w)))
    y = np.dot(X, w) + b
    y += np.random.normal(0, 0.01, y.shape)
    return X, y.reshape(-1, 1)


def data_iter(batch_size, features, labels, *, rng=None):
    """An iterator of shuffled minibatches covering every example once (3.2.2)."""
    _checks.same_length(features, labels)
    batches = [np.array(idx, ctx=features.ctx)
               for idx in batch_indices(batch_size, len(features), rng=rng)]
    return ((features[idx], labels[idx]) for idx in batches)


def linreg(X, w, b):
    """The linear regression model, eq. (3.1.4)."""
    _checks.matmul_shapes(X, w)
    return np.dot(X, w) + b


def squared_loss(y_hat, y):
    """Squared loss, eq. (3.1.5); ``y`` reshaped to ``y_hat``'s shape, never broadcast."""
    _checks.same_size(y_hat, y)
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    """Minibatch SGD, eq. (3.1.10): the loss was summed, so divide by ``batch_size``."""
    lr = _checks.learning_rate(lr)
    batch_size = _checks.positive_int("batch_size", batch_size)
    for param in params:
        _checks.has_grad(param)
        param[:] = param - lr * param.grad / batch_size


def load_array(data_arrays, batch_size, is_train=True):
    """A Gluon ``DataLoader`` over arrays, shuffled when ``is_train`` (3.3.2)."""
    batch_size = _checks.positive_int("batch_size", batch_size)
    if len(data_arrays) > 1:
        _checks.same_length(data_arrays[0], data_arrays[1])
    dataset = gluon.data.ArrayDataset(*data_arrays)
    return gluon.data.DataLoader(dataset, batch_size, shuffle=is_train)


def try_gpu(i=0):
    """The i-th GPU if there is one, else the CPU."""
    return npx.gpu(i) if npx.num_gpus() >= i + 1 else npx.cpu()


def benchmark_backend(ctx=None):
    """The vectorization benchmark's :class:`~lnn.benchmark.Backend` for MXNet arrays.

    MXNet's engine runs every operation asynchronously, on the CPU too: ``a + b`` returns
    before the sum exists.  ``sync`` is ``npx.waitall``, so the clock stops when it does.
    """
    ctx = npx.cpu() if ctx is None else ctx
    return Backend(
        name=f"mxnet ({ctx.device_type})",
        full=lambda n, value: np.full((n,), value, dtype="float32", ctx=ctx),
        to_numpy=lambda a: a.asnumpy(),
        copy=lambda dst, src: src.copyto(dst),
        sync=npx.waitall,
    )
