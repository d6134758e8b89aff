"""Timing with repeats, the vectorization benchmark and the memory ceiling (D2L 3.1.2).

The slides time a Python loop and ``a + b`` once each.  A single pair of clock readings
mixes the operation with whatever else the machine did at that moment, so here every
measurement is repeated and summarised (min, median, ...) with :class:`Timing`.  The clock
is the course's one :class:`~lnn.timing.Timer`.

A :class:`Backend` says how to make, copy and wait for vectors in one framework:
:func:`numpy_backend`, :func:`torch_backend` and :func:`mxnet_backend` (which import their
framework only when called).  A page helper of the vectorization page (D2L 3.1.2).
"""

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate
from .timing import Timer

#: All benchmark vectors are float32, the frameworks' default: 4 bytes per value.
ITEMSIZE = 4


@dataclass(frozen=True)
class Timing:
    """Seconds per call, one entry per repeat, and how many calls each repeat averaged."""

    times: tuple
    number: int

    @property
    def count(self):
        return len(self.times)

    @property
    def min(self):
        """The best repeat: the least disturbed by other work on the machine."""
        return min(self.times)

    @property
    def median(self):
        return statistics.median(self.times)

    @property
    def mean(self):
        return statistics.fmean(self.times)

    @property
    def max(self):
        return max(self.times)


def no_sync():
    """The ``sync`` of a backend whose operations finish before they return (numpy, CPU)."""


def measure(func, *, repeats=5, number=None, sync=None, min_time=2e-3):
    """Time ``func()`` ``repeats`` times and return a :class:`Timing` of seconds per call.

    Each repeat runs ``func`` ``number`` times in a row and records the average, so calls
    far shorter than the clock's resolution still get measured.  With ``number=None`` it is
    chosen (1, 10, 100, ...) so that one repeat lasts at least ``min_time`` seconds.  One
    unrecorded warm-up call comes first.  ``sync()`` is called before starting and before
    stopping the clock: frameworks that compute asynchronously (MXNet, CUDA) have not
    finished when ``func`` returns.
    """
    func = _validate.function("func", func)
    repeats = _validate.positive_int("repeats", repeats)
    sync = no_sync if sync is None else _validate.function("sync", sync)
    min_time = _validate.positive_number("min_time", min_time)

    def run(calls):
        sync()
        timer.start()
        for _ in range(calls):
            func()
        sync()
        return timer.stop()

    if number is not None:
        number = _validate.positive_int("number", number)
    timer = Timer()
    run(1)  # warm-up, not recorded: first calls allocate, fill caches, load kernels
    if number is None:
        number = 1
        while run(number) < min_time:
            number *= 10
    timer.times.clear()
    for _ in range(repeats):
        run(number)
    return Timing(tuple(t / number for t in timer.times), number)


@dataclass(frozen=True)
class Backend:
    """How the benchmark makes, copies and waits for float32 vectors in one framework.

    ``full(n, value)`` returns a vector of ``n`` values, ``to_numpy`` converts one back,
    ``sync()`` waits until queued work is done, ``copy(dst, src)`` copies in place.
    """

    name: str
    full: Callable[[int, float], Any]
    to_numpy: Callable[[Any], np.ndarray]
    copy: Callable[[Any, Any], Any]
    sync: Callable[[], None] = no_sync


def numpy_backend():
    """The :class:`Backend` for numpy arrays on the CPU."""
    return Backend(
        name="numpy",
        full=lambda n, value: np.full(n, value, dtype=np.float32),
        to_numpy=np.asarray,
        copy=np.copyto,
    )


def torch_backend(device="cpu"):
    """The :class:`Backend` for PyTorch tensors on ``device`` ("cpu", "cuda", "cuda:0", ...).

    CUDA kernels run asynchronously: a call returns once the work is queued.  ``sync`` waits
    for that device, so the benchmark's clock stops only when the work is done.
    """
    import torch

    try:
        device = torch.device(device)
    except (RuntimeError, TypeError) as err:
        _validate.fail("device", 'a torch device such as "cpu" or "cuda"', f"{device!r} ({err})")
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


def mxnet_backend(ctx=None):
    """The :class:`Backend` for MXNet arrays on ``ctx`` (default: the CPU).

    MXNet's engine runs every operation asynchronously, on the CPU too: ``a + b`` returns
    before the sum exists.  ``sync`` is ``npx.waitall``, so the clock stops when it does.
    """
    from .mxnet import mxnp, npx

    ctx = npx.cpu() if ctx is None else ctx
    return Backend(
        name=f"mxnet ({ctx.device_type})",
        full=lambda n, value: mxnp.full((n,), value, dtype="float32", ctx=ctx),
        to_numpy=lambda a: a.asnumpy(),
        copy=lambda dst, src: src.copyto(dst),
        sync=npx.waitall,
    )


def loop_add(a, b, c):
    """The slides' loop: ``c[i] = a[i] + b[i]`` for every ``i``, one Python step each."""
    for i in range(len(a)):
        c[i] = a[i] + b[i]
    return c


def vector_add(a, b):
    """The vectorized sum ``a + b``: one call into compiled code for the whole vector."""
    return a + b


METHODS = ("loop", "vector")


def add_inputs(backend, n):
    """Two vectors of ``n`` ones and an output vector of zeros, as in the slides."""
    n = _validate.positive_int("n", n)
    return backend.full(n, 1.0), backend.full(n, 1.0), backend.full(n, 0.0)


def time_add(backend, n, method, *, repeats=5, number=None):
    """A :class:`Timing` of adding two vectors of ``n`` ones with ``method`` on ``backend``.

    ``method`` is ``"loop"`` (:func:`loop_add`) or ``"vector"`` (:func:`vector_add`).
    """
    _validate.one_of("method", method, METHODS)
    a, b, c = add_inputs(backend, n)
    if method == "loop":
        return measure(lambda: loop_add(a, b, c), repeats=repeats, number=number,
                       sync=backend.sync)
    return measure(lambda: vector_add(a, b), repeats=repeats, number=number, sync=backend.sync)


def scaling(backend, sizes, method, *, repeats=5):
    """``{n: Timing}`` of :func:`time_add` for every ``n`` in ``sizes``."""
    sizes = [_validate.positive_int("sizes[i]", n) for n in sizes]
    if not sizes:
        _validate.fail("sizes", "at least one vector length", "an empty list")
    return {n: time_add(backend, n, method, repeats=repeats) for n in sizes}


def add_bytes(n):
    """Bytes ``a + b`` moves through memory for vectors of ``n`` float32: read two, write one."""
    return 3 * _validate.positive_int("n", n) * ITEMSIZE


def copy_bandwidth(backend=None, *, nbytes=2**27, repeats=5):
    """The memory-copy bandwidth in bytes per second, read plus written, and its Timing.

    Copies a ``nbytes`` float32 vector into another with ``backend.copy`` (numpy's
    ``np.copyto`` by default).  ``nbytes`` should exceed the caches (the default is 128 MiB)
    so that the copy goes through main memory: this is the ceiling that any operation
    streaming its data from memory, such as ``a + b`` on long vectors, can approach.
    """
    backend = numpy_backend() if backend is None else backend
    nbytes = _validate.positive_int("nbytes", nbytes)
    n = nbytes // ITEMSIZE
    if n == 0:
        _validate.fail("nbytes", f"at least {ITEMSIZE}", repr(nbytes))
    src, dst = backend.full(n, 1.0), backend.full(n, 0.0)
    timing = measure(lambda: backend.copy(dst, src), repeats=repeats, sync=backend.sync)
    return 2 * n * ITEMSIZE / timing.min, timing


def bandwidth(bytes_moved, timing):
    """Effective bandwidth in bytes per second: ``bytes_moved`` over the best time."""
    if not isinstance(timing, Timing):
        _validate.fail("timing", "a Timing", _validate.describe(timing))
    return _validate.positive_number("bytes_moved", bytes_moved) / timing.min
