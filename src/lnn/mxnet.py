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

npx.set_np()
if current_seed() is not None:
    mxnet.random.seed(current_seed())


def _as_array(a):
    array = a if _validate.framework(a) == "mxnet" else mxnp.array(a)
    return array if "float" in str(array.dtype) else array.astype("float32")


#: ``_array(name, a)``: ``a`` as a finite, non-empty MXNet array (numpy, lists converted).
_array = functools.partial(_validate.tensor, kind="mxnet", convert=_as_array)


def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise, eq. (3.2.1): MXNet arrays ``X`` (n, len(w)), ``y`` (n, 1),
    float32 on the CPU, with noise of standard deviation 0.01 (the slides' code).  ``w`` (d,),
    ``b`` a number; raises ``ValueError`` for another ``w``, NaN, inf or ``num_examples`` < 1.
    """
    w, b, num_examples = _validate.synthetic_args(w, b, num_examples, _array)
    X = mxnp.random.normal(0, 1, (num_examples, len(w)))
    y = mxnp.dot(X, w) + b
    y += mxnp.random.normal(0, 0.01, y.shape)
    return X, y.reshape(-1, 1)


#: ``linreg`` (3.1.4), ``squared_loss`` (3.1.5), ``data_iter`` (3.2.2): the slides' code,
#: written once in :mod:`lnn._scratch` (``X @ w + b`` is the same in every framework).
linreg, squared_loss, data_iter = bind(
    _array, index=lambda idx, like: mxnp.array(idx, ctx=like.ctx))


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
    params = _validate.parameters(params)
    for param in params:
        _validate.has_grad(param)
        param[:] = param - lr * param.grad / batch_size


def load_array(data_arrays, batch_size, is_train=True):
    """A Gluon ``DataLoader`` over ``data_arrays`` (features, labels), shuffled when training.

    D2L 3.3.2.  Numpy arrays are converted; raises ``ValueError`` for arrays of different
    lengths, no examples or a NaN or inf.
    """
    batch_size = _validate.positive_int("batch_size", batch_size)
    arrays = _validate.data_arrays(data_arrays, _array)
    return gluon.data.DataLoader(gluon.data.ArrayDataset(*arrays), batch_size,
                                 shuffle=is_train)


def try_gpu(i=0):
    """The i-th GPU (``i`` >= 0) if there is one, else the CPU; ``ValueError`` if i < 0."""
    i = _validate.non_negative_int("i", i)
    return npx.gpu(i) if npx.num_gpus() >= i + 1 else npx.cpu()
