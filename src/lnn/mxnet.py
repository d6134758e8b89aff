"""MXNet binding with the slides' names (D2L 3.2 from scratch, 3.3 concise).

MXNet is imported through :func:`lnn.frameworks.import_mxnet` (the numpy alias, the install
message); after ``import lnn.mxnet``, ``from mxnet import autograd, np, npx`` works as in the
slides.  In this file ``np`` is numpy, as everywhere in ``lnn``; MXNet's numpy is ``mxnp``.

The functions take MXNet arrays; numpy arrays and lists are converted with ``mxnp.array``
(a documented cast).  Bad input raises ``ValueError`` naming the argument (:mod:`lnn._validate`):
a NaN or inf, no examples, shapes that would broadcast, arrays of different dtypes or
contexts.  The minibatch order comes from the numpy core (:func:`lnn.batch_indices`).
"""

import functools

from .frameworks import import_mxnet

mxnet = import_mxnet()

from mxnet import gluon, npx  # noqa: E402
from mxnet import np as mxnp  # noqa: E402

from . import _validate  # noqa: E402
from ._scratch import bind  # noqa: E402
from .seed import current_seed  # noqa: E402

__all__ = ["data_iter", "linreg", "load_array", "sgd", "squared_loss", "synthetic_data",
           "try_gpu"]

npx.set_np()
if current_seed() is not None:
    mxnet.random.seed(current_seed())


def _as_array(a):
    array = a if _validate.framework(a) == "mxnet" else mxnp.array(a)
    return array if "float" in str(array.dtype) else array.astype("float32")


def _array(name, a):
    """``a`` as a finite, non-empty MXNet array (numpy arrays and lists converted).

    float16 on the CPU is refused here, naming ``name``: MXNet would accept it and fail
    later, at whichever line first reads a result ("Matmul only supports float32/float64").
    """
    a = _validate.tensor(name, a, kind="mxnet", convert=_as_array)
    if str(a.dtype) == "float16" and a.ctx.device_type == "cpu":
        _validate.fail(name, "float32 or float64 on the CPU (MXNet computes float16 only on a "
                       "GPU): a.astype('float32')", f"dtype float16 on {a.ctx}")
    return a


def _computed(function):
    """``function`` with its result computed before it returns: MXNet runs asynchronously
    and would raise its own error later, at the first line that reads the result; here it
    is a ``ValueError`` at the call that caused it."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        result = function(*args, **kwargs)
        try:
            for array in result if isinstance(result, tuple) else (result,):
                array.wait_to_read()
        except mxnet.base.MXNetError as err:
            lines = [line for line in str(err).splitlines() if line.strip()]
            _validate.fail(f"the arguments of {function.__name__}", "arrays MXNet can "
                           "compute with", lines[-1].strip() if lines else type(err).__name__)
        return result

    return run


@_computed
def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise, eq. (3.2.1): MXNet arrays ``X`` (n, len(w)), ``y`` (n, 1)
    in ``w``'s dtype and context, with noise of standard deviation 0.01 (the slides' code).
    ``w`` (d,), ``b`` a number; raises ``ValueError`` for another ``w``, NaN, inf or
    ``num_examples`` < 1.
    """
    w, b, num_examples = _validate.synthetic_args(w, b, num_examples, _array)
    X = mxnp.random.normal(0, 1, (num_examples, len(w)), dtype=w.dtype, ctx=w.ctx)
    y = mxnp.dot(X, w) + b
    y += mxnp.random.normal(0, 0.01, y.shape, dtype=w.dtype, ctx=w.ctx)
    return X, y.reshape(-1, 1)


#: ``linreg`` (3.1.4), ``squared_loss`` (3.1.5), ``data_iter`` (3.2.2): the slides' code,
#: written once in :mod:`lnn._scratch` (``X @ w + b`` is the same in every framework).
linreg, squared_loss, data_iter = bind(
    _array, index=lambda idx, like: mxnp.array(idx, ctx=like.ctx))
linreg, squared_loss = _computed(linreg), _computed(squared_loss)


def sgd(params, lr, batch_size):
    """Minibatch SGD, eq. (3.1.10): the loss was summed, so divide by ``batch_size``.

    Each parameter needs a finite gradient (``attach_grad`` and ``backward`` first); raises
    ``ValueError`` naming ``params`` (also for one array without the list brackets,
    ``sgd(w, ...)``), ``lr`` or ``batch_size`` otherwise, and naming ``sgd`` when it is
    called inside ``with autograd.record():``, where MXNet would raise its own MXNetError
    for the in-place update of a recorded array.
    """
    if mxnet.autograd.is_recording():
        _validate.fail("sgd", "called after the `with autograd.record():` block, not inside it "
                     "(D2L 3.2.7: only the loss is computed inside; dedent l.backward() and "
                     "sgd(...) out of the block)", "a call while autograd is recording")
    lr, batch_size = _validate.learning_rate(lr), _validate.positive_int("batch_size", batch_size)
    params = _validate.parameters(params, "mxnet")
    for param in params:
        _validate.has_grad(param)
        param[:] = param - lr * param.grad / batch_size


def load_array(data_arrays, batch_size, is_train=True):
    """A Gluon ``DataLoader`` over ``data_arrays`` (features, labels), shuffled when training.

    D2L 3.3.2.  Numpy arrays are converted; raises ``ValueError`` for arrays of different
    lengths, no examples, a NaN or inf, or an ``is_train`` that is not True or False.
    """
    batch_size = _validate.positive_int("batch_size", batch_size)
    is_train = _validate.boolean("is_train", is_train)
    arrays = _validate.data_arrays(data_arrays, _array)
    return gluon.data.DataLoader(gluon.data.ArrayDataset(*arrays), batch_size,
                                 shuffle=is_train)


def try_gpu(i=0):
    """The i-th GPU (``i`` >= 0) if there is one, else the CPU; ``ValueError`` if i < 0."""
    i = _validate.non_negative_int("i", i)
    return npx.gpu(i) if npx.num_gpus() >= i + 1 else npx.cpu()
