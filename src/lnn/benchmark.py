"""Timing with repeats, the vectorization benchmark and the memory ceiling (D2L 3.1.2).

The slides time a Python loop and ``a + b`` once each.  A single pair of clock readings
mixes the operation with whatever else the machine did at that moment, so here every
measurement is repeated and summarised (min, median, ...) with :class:`Timing`.  The clock
is the course's one :class:`~lnn.timing.Timer`.

The framework-free parts live here; ``lnn.torch.benchmark_backend`` and
``lnn.mxnet.benchmark_backend`` describe PyTorch and MXNet arrays with a :class:`Backend`.
"""

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _checks
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
    if not callable(func):
        raise ValueError(f"func must be a callable taking no arguments, got {func!r}")
    repeats = _checks.positive_int("repeats", repeats)
    if sync is None:
        sync = no_sync
    elif not callable(sync):
        raise ValueError(f"sync must be None or a callable, got {sync!r}")
    min_time = _checks.positive_number("min_time", min_time)

    def run(calls):
        sync()
        timer.start()
        for _ in range(calls):
            func()
        sync()
        return timer.stop()

    if number is not None:
        number = _checks.positive_int("number", number)
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
    n = _checks.positive_int("n", n)
    return backend.full(n, 1.0), backend.full(n, 1.0), backend.full(n, 0.0)


def time_add(backend, n, method, *, repeats=5, number=None):
    """A :class:`Timing` of adding two vectors of ``n`` ones with ``method`` on ``backend``.

    ``method`` is ``"loop"`` (:func:`loop_add`) or ``"vector"`` (:func:`vector_add`).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    a, b, c = add_inputs(backend, n)
    if method == "loop":
        return measure(lambda: loop_add(a, b, c), repeats=repeats, number=number,
                       sync=backend.sync)
    return measure(lambda: vector_add(a, b), repeats=repeats, number=number, sync=backend.sync)


def scaling(backend, sizes, method, *, repeats=5):
    """``{n: Timing}`` of :func:`time_add` for every ``n`` in ``sizes``."""
    sizes = [_checks.positive_int("sizes[i]", n) for n in sizes]
    if not sizes:
        raise ValueError("sizes must hold at least one vector length")
    return {n: time_add(backend, n, method, repeats=repeats) for n in sizes}


def add_bytes(n):
    """Bytes ``a + b`` moves through memory for vectors of ``n`` float32: read two, write one."""
    return 3 * _checks.positive_int("n", n) * ITEMSIZE


def copy_bandwidth(backend=None, *, nbytes=2**27, repeats=5):
    """The memory-copy bandwidth in bytes per second, read plus written, and its Timing.

    Copies a ``nbytes`` float32 vector into another with ``backend.copy`` (numpy's
    ``np.copyto`` by default).  ``nbytes`` should exceed the caches (the default is 128 MiB)
    so that the copy goes through main memory: this is the ceiling that any operation
    streaming its data from memory, such as ``a + b`` on long vectors, can approach.
    """
    backend = numpy_backend() if backend is None else backend
    nbytes = _checks.positive_int("nbytes", nbytes)
    n = nbytes // ITEMSIZE
    if n == 0:
        raise ValueError(f"nbytes must be at least {ITEMSIZE}, got {nbytes}")
    src, dst = backend.full(n, 1.0), backend.full(n, 0.0)
    timing = measure(lambda: backend.copy(dst, src), repeats=repeats, sync=backend.sync)
    return 2 * n * ITEMSIZE / timing.min, timing


def bandwidth(bytes_moved, timing):
    """Effective bandwidth in bytes per second: ``bytes_moved`` over the best time."""
    if not isinstance(timing, Timing):
        raise ValueError(f"timing must be a Timing, got {timing!r}")
    return _checks.positive_number("bytes_moved", bytes_moved) / timing.min
