"""Argument checks shared by every public helper: the core, the bindings, the page helpers.

A student who passes the wrong thing gets a ``ValueError`` that names the argument, what was
expected and what came instead, always in the one wording of :func:`fail`::

    X must be finite (no NaN or inf), got 1 NaN/inf value(s) in an array of shape (5, 2)

instead of a broadcasting surprise three cells later, a LAPACK message or a framework's
``RuntimeError``.  The checks read only ``.shape``, ``.dtype`` and ``len``, so they work on
numpy arrays, torch tensors and MXNet arrays alike; :func:`array` is the core's one way in.
"""

import math
import numbers

import numpy as np


def fail(name, expected, got):
    """Raise the one ``ValueError`` of the package: ``"<name> must be <expected>, got <got>"``."""
    raise ValueError(f"{name} must be {expected}, got {got}")


def describe(value):
    """A short description of ``value`` for a message: an array by its shape and dtype, a
    long list or tuple by its length and first item, anything else by a repr of at most
    about 60 characters (never thousands of values)."""
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"{framework(value)} array of shape {tuple(value.shape)} and dtype {value.dtype}"
    text = repr(value)
    if len(text) <= 60:
        return text
    if isinstance(value, list | tuple) and value:
        return (f"a {type(value).__name__} of {len(value)} items, the first "
                f"{describe(value[0])}")
    return f"a {type(value).__name__} ({text[:50]}...)"


def framework(a):
    """``"torch"``, ``"mxnet"`` or ``"numpy"``: whose array ``a`` is (by its type's module)."""
    module = type(a).__module__.split(".")[0]
    return module if module in ("torch", "mxnet") else "numpy"


def to_numpy(a):
    """``a`` as a numpy array: MXNet via ``asnumpy``, torch via ``detach().cpu()`` (any device)."""
    kind = framework(a)
    if kind == "mxnet":
        return a.asnumpy()
    if kind == "torch":
        a = a.detach().cpu()
        return (a.float() if str(a.dtype) == "torch.bfloat16" else a).numpy()  # numpy has none
    return np.asarray(a)


def numel(a):
    """Number of values in an array-like with a ``.shape`` (numpy, torch, MXNet)."""
    return math.prod(tuple(a.shape))


# Numbers ---------------------------------------------------------------------------------

def _is_real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def positive_int(name, value):
    """Return ``value`` as an int if it is an integer > 0."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value <= 0:
        fail(name, "a positive integer", repr(value))
    return int(value)


def non_negative_int(name, value):
    """Return ``value`` as an int if it is an integer >= 0 (a seed, a device index)."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 0:
        fail(name, "a non-negative integer", repr(value))
    return int(value)


def positive_number(name, value):
    """Return ``value`` as a float if it is a finite real number > 0."""
    if not _is_real(value) or not math.isfinite(value) or value <= 0:
        fail(name, "a finite positive number", repr(value))
    return float(value)


def number_at_least(name, value, low):
    """Return ``value`` as a float if it is a finite real number >= ``low``."""
    if not _is_real(value) or not math.isfinite(value) or value < low:
        fail(name, f"a finite number >= {low:g}", repr(value))
    return float(value)


def non_negative_number(name, value):
    """Return ``value`` as a float if it is a finite real number >= 0 (a noise level)."""
    return number_at_least(name, value, 0)


def learning_rate(lr):
    """Return the learning rate ``lr`` (eq. 3.1.10's eta) if it is finite and > 0."""
    return positive_number("lr", lr)


def one_of(name, value, options):
    """Return ``value`` if it is one of ``options`` (compared with ``==``)."""
    if value not in options:
        fail(name, f"one of {tuple(options)}", repr(value))
    return value


def boolean(name, value):
    """Return ``value`` if it is ``True`` or ``False`` (numpy's bools too)."""
    if not isinstance(value, bool | np.bool_):
        fail(name, "True or False", repr(value))
    return bool(value)


def text_or_none(name, value):
    """Return ``value`` if it is text or ``None`` (a label of a plot)."""
    if value is not None and not isinstance(value, str):
        fail(name, "text or None", describe(value))
    return value


def texts(name, value, *, empty=True):
    """Return ``value`` as a list if it is a list or tuple of texts (non-empty unless
    ``empty``); a single text is refused, since it would be read letter by letter."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        fail(name, "a list of texts, e.g. ['train', 'test']", describe(value))
    if not empty and not value:
        fail(name, "a non-empty list of texts", "an empty one")
    return list(value)


def number_pair(name, value, *, positive=False):
    """Return ``value`` as a tuple if it holds two finite real numbers (> 0 if ``positive``):
    a figure size, axis limits."""
    expected = "two finite positive numbers" if positive else "two finite numbers"
    if (not isinstance(value, list | tuple) or len(value) != 2
            or not all(_is_real(v) and math.isfinite(v) and (v > 0 or not positive)
                       for v in value)):
        fail(name, f"{expected}, e.g. (3.5, 2.5)" if positive else
             f"{expected}, e.g. (0, 10)", describe(value))
    return tuple(float(v) for v in value)


def function(name, value):
    """Return ``value`` if it can be called."""
    if not callable(value):
        fail(name, "a function (a callable)", describe(value))
    return value


# Arrays ----------------------------------------------------------------------------------

def is_array(name, a):
    """Raise unless ``a`` has a shape (numpy, torch or MXNet)."""
    if not hasattr(a, "shape"):
        fail(name, "an array (numpy, torch or MXNet)", f"{type(a).__name__}; convert it "
             f"first, e.g. np.asarray({name})")


def finite(name, a):
    """Raise unless every value of the array ``a`` (numpy, torch, MXNet) is finite."""
    if framework(a) == "torch":  # on its device: no copy to the CPU
        bad = int((~a.detach().isfinite()).sum())
    else:
        values = to_numpy(a)
        bad = int(values.size - np.count_nonzero(np.isfinite(values)))
    if bad:
        fail(name, "finite (no NaN or inf)",
             f"{bad} NaN/inf value(s) in an array of shape {tuple(a.shape)}")


def nonempty(name, a):
    """Raise unless the array ``a`` holds at least one value (one example)."""
    if numel(a) == 0:
        fail(name, "non-empty (at least one example)", f"an empty array of shape "
             f"{tuple(a.shape)}")


def ndim(name, a, allowed):
    """Raise unless ``a`` has one of the numbers of dimensions in ``allowed``."""
    if len(a.shape) not in allowed:
        expected = " or ".join(f"{d}-D" for d in allowed)
        fail(name, f"a {expected} array", f"shape {tuple(a.shape)}")


def array(name, a, *, dims=None):
    """The core's way in: ``a`` as a finite, non-empty numpy float array.

    Lists, numbers, numpy arrays, torch tensors (any device, with or without grad) and MXNet
    arrays are converted; float32 stays float32, integers and booleans become float64.
    ``dims``: the allowed numbers of dimensions, e.g. ``(2,)`` for a design matrix.
    Raises ``ValueError`` for text or objects, ragged lists, a wrong ``ndim``, no values, or
    a NaN or inf.
    """
    try:
        values = to_numpy(a)
    except (TypeError, ValueError) as err:  # ragged lists, objects
        fail(name, "an array of numbers", f"{describe(a)} ({err})")
    if values.dtype.kind in "biu":
        values = values.astype(float)
    elif values.dtype.kind != "f":
        fail(name, "an array of real numbers", f"dtype {values.dtype} ({describe(a)})")
    if dims is not None:
        ndim(name, values, dims)
    nonempty(name, values)
    finite(name, values)
    return values


def any_array(name, a):
    """``a`` checked as by :func:`array`, but torch and MXNet arrays stay what they are.

    For the helpers that compute in the caller's framework (so that autograd can
    differentiate them), such as :func:`lnn.gaussian_nll`.
    """
    if framework(a) == "numpy":
        return array(name, a)
    nonempty(name, a)
    finite(name, a)
    return a


def bias(name, b, convert):
    """``b`` checked to hold one finite value: a number stays a number, anything else is
    converted by ``convert(name, b)`` to the framework's array (the bindings' ``b``)."""
    if not isinstance(b, numbers.Real):
        b = convert(name, b)
    scalar(name, b)
    return b


def scalar(name, a):
    """``a`` if it holds exactly one finite value (a bias: a number, (1,) or (1, 1)).

    A Python number comes back as a float (numpy then keeps float32 data float32), an
    array as a numpy array of its shape.
    """
    values = array(name, a)
    if values.size != 1:
        fail(name, "one number (a scalar or an array of one value)",
             f"shape {values.shape}")
    return values if hasattr(a, "shape") or values.ndim else float(values)


def number(name, a):
    """The one finite value of ``a`` (see :func:`scalar`) as a float."""
    return float(np.reshape(scalar(name, a), ()))


def labels(y, num_examples, name="y"):
    """Raise unless ``y`` holds one label per example: shape (n,) or (n, 1)."""
    shape = tuple(y.shape)
    if shape not in ((num_examples,), (num_examples, 1)):
        fail(name, f"one label per example, shape ({num_examples},) or ({num_examples}, 1)",
             f"shape {shape}")


def weights(w, num_inputs, name="w"):
    """Raise unless ``w`` holds one weight per input: shape (d,) or (d, 1)."""
    shape = tuple(w.shape)
    if shape not in ((num_inputs,), (num_inputs, 1)):
        fail(name, f"one weight per column of X, shape ({num_inputs},) or ({num_inputs}, 1)",
             f"shape {shape}")


def index_batches(name, batches, num_epochs, num_examples):
    """Raise unless ``batches`` holds, for each of ``num_epochs`` epochs, a list of integer
    index arrays into ``num_examples`` examples (a fixed minibatch order)."""
    if not isinstance(batches, list | tuple) or len(batches) < num_epochs:
        fail(name, f"a list of one list of index arrays per epoch ({num_epochs})",
             describe(batches))
    for epoch in batches[:num_epochs]:
        if not isinstance(epoch, list | tuple) or not epoch:
            fail(name, "a non-empty list of index arrays for each epoch", describe(epoch))
        for idx in epoch:
            values = np.asarray(idx)
            if (values.dtype.kind not in "iu" or values.ndim != 1 or not values.size
                    or values.min() < 0 or values.max() >= num_examples):
                fail(name, f"index arrays of integers from 0 to {num_examples - 1}",
                     describe(idx))


def same_length(features, labels, names=("features", "labels")):
    """Raise unless ``features`` and ``labels`` hold the same number of examples."""
    if len(features) != len(labels):
        fail(f"{names[0]} and {names[1]}", "of the same length",
             f"{len(features)} and {len(labels)}")


def matmul_shapes(X, w):
    """Raise unless ``X`` (n, d) can multiply ``w`` (d,) or (d, 1), with n >= 1."""
    is_array("X", X)
    is_array("w", w)
    ndim("X", X, (2,))
    ndim("w", w, (1, 2))
    nonempty("X", X)
    if X.shape[1] != w.shape[0]:
        fail("w", f"one weight per column of X ({X.shape[1]})", f"{w.shape[0]} entries")
    weights(w, X.shape[1])


def same_size(y_hat, y):
    """Raise unless predictions and labels are arrays holding the same number of values."""
    is_array("y_hat", y_hat)
    is_array("y", y)
    if numel(y_hat) != numel(y):
        fail("y_hat and y", "the same number of values",
             f"shapes {tuple(y_hat.shape)} and {tuple(y.shape)}")


# Framework tensors -----------------------------------------------------------------------

def tensor(name, a, kind, convert):
    """``a`` as a finite, non-empty array of framework ``kind`` ("torch" or "mxnet").

    Anything else (numpy arrays, lists) is checked as by :func:`array` and converted with
    ``convert``, which also turns integer arrays into the framework's default float: the
    bindings' documented cast.
    """
    if framework(a) not in ("numpy", kind):
        names = {"torch": "a torch tensor", "mxnet": "an MXNet array"}
        fail(name, f"{names[kind]}, a numpy array or a list (this is the {kind} binding; "
             f"convert explicitly, through numpy)", names[framework(a)])
    if framework(a) != kind:
        array(name, a)  # refuses text, complex, ragged lists, NaN and inf with their name
        a = convert(a)
    elif "complex" in str(a.dtype):
        fail(name, "an array of real numbers", f"dtype {a.dtype}")
    elif "float" not in str(a.dtype):  # integers: the framework's default float
        a = convert(a)
    nonempty(name, a)
    finite(name, a)
    return a


def data_arrays(arrays, convert):
    """Checked ``(features, labels, ...)`` for ``load_array``, each converted by ``convert``.

    ``convert(name, a)`` returns the framework's array; they must all have the same length.
    """
    if not isinstance(arrays, tuple | list) or not arrays:
        fail("data_arrays", "a tuple of arrays, e.g. (features, labels)", describe(arrays))
    converted = [convert(f"data_arrays[{i}]", a) for i, a in enumerate(arrays)]
    for i, a in enumerate(converted[1:], start=1):
        same_length(converted[0], a, names=("data_arrays[0]", f"data_arrays[{i}]"))
    return converted


def device(a):
    """Where a tensor lives: torch's ``device``, MXNet's ``ctx``; ``None`` for numpy."""
    if framework(a) == "numpy":
        return None
    return getattr(a, "ctx", None) if framework(a) == "mxnet" else a.device


def same_dtype_and_device(named):
    """Raise unless the tensors of ``named`` (a dict name -> tensor) share dtype and device.

    A framework would raise its own ``RuntimeError`` ("expected m1 and m2 to have the same
    dtype", "... is not on the expected device") deep inside the computation.
    """
    items = [(name, a) for name, a in named.items() if hasattr(a, "dtype") and numel(a) > 0]
    (first, a0), *rest = items
    for name, a in rest:
        if a.dtype != a0.dtype:
            fail(f"{first} and {name}", "of the same dtype (cast one with .to(), "
                 ".astype() or dtype=)", f"{a0.dtype} and {a.dtype}")
        if device(a) != device(a0):
            fail(f"{first} and {name}", "on the same device (move one with .to(device) or "
                 ".as_in_ctx(ctx))", f"{device(a0)} and {device(a)}")


def synthetic_args(w, b, num_examples, convert):
    """Checked ``(w (d,), b, num_examples)`` of a binding's ``synthetic_data`` (eq. 3.2.1)."""
    num_examples = positive_int("num_examples", num_examples)
    w = convert("w", w)
    ndim("w", w, (1,))
    scalar("b", b)
    return w, b, num_examples


def data_args(features, labels, convert):
    """Checked ``(features, labels)`` of a binding's ``data_iter`` (D2L 3.2.2)."""
    features, labels = convert("features", features), convert("labels", labels)
    same_length(features, labels)
    return features, labels


def model_args(X, w, b, convert):
    """Checked ``(X (n, d), w (d,) or (d, 1), b)`` of a binding's ``linreg`` (eq. 3.1.4):
    one dtype and one device, ``b`` one value."""
    X, w = convert("X", X), convert("w", w)
    matmul_shapes(X, w)
    b = bias("b", b, convert)
    same_dtype_and_device({"X": X, "w": w, "b": b})
    return X, w, b


def loss_args(y_hat, y, convert):
    """Checked ``(y_hat, y)`` of a binding's ``squared_loss`` (eq. 3.1.5), ``y`` reshaped
    to ``y_hat``'s shape so that it never broadcasts."""
    y_hat, y = convert("y_hat", y_hat), convert("y", y)
    same_size(y_hat, y)
    same_dtype_and_device({"y_hat": y_hat, "y": y})
    return y_hat, y.reshape(y_hat.shape)


def parameters(params, kind):
    """``params`` as a list of tensors: the first argument of the bindings' ``sgd``.

    ``sgd(w, lr, batch_size)`` would iterate over the rows of ``w`` and step each row alone
    (or report that a row has no gradient): one tensor, a number or an empty list is refused,
    naming ``params`` and the list the slides pass, ``[w, b]``; so is a parameter that is
    not a tensor of the binding's framework ``kind``.
    """
    if hasattr(params, "shape") or isinstance(params, numbers.Number | str | bytes):
        fail("params", "a list of parameters, e.g. sgd([w, b], lr, batch_size)",
             f"one {describe(params)}: put it in a list, sgd([w], lr, batch_size)")
    try:
        params = list(params)
    except TypeError:
        fail("params", "a list of parameters, e.g. sgd([w, b], lr, batch_size)",
             describe(params))
    if not params:
        fail("params", "a list of parameters, e.g. sgd([w, b], lr, batch_size)",
             "an empty list")
    for param in params:
        if not hasattr(param, "shape") or framework(param) != kind:
            fail("params", f"a list of {kind} tensors (the parameters, e.g. [w, b])",
                 f"a list holding {describe(param)}")
    return params


def has_grad(param):
    """Raise unless a parameter holds a finite gradient to step along (eq. 3.1.10)."""
    grad = getattr(param, "grad", None)
    if grad is None:
        fail("params", "tensors with gradients: create them with requires_grad=True "
             "(PyTorch) or call attach_grad() (MXNet), then call backward() on the loss "
             "before sgd", f"a parameter of shape {tuple(param.shape)} that has no gradient")
    finite("the gradient of a parameter", grad)
