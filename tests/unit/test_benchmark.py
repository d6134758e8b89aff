"""The benchmark harness (lnn.benchmark): statistics, equal results, validation.

No test asserts a time: timings depend on the machine and on its load.
"""

import importlib.util

import numpy as np
import pytest
from mxnet_env import import_lnn_mxnet

from lnn import benchmark


def _backends():
    backends = [benchmark.numpy_backend()]
    if importlib.util.find_spec("torch") is not None:
        import torch

        backends.append(benchmark.torch_backend("cpu"))
        if torch.cuda.is_available():  # checked on a GPU machine; skipped elsewhere
            backends.append(benchmark.torch_backend("cuda"))
    if import_lnn_mxnet() is not None:
        backends.append(benchmark.mxnet_backend())
    return backends


BACKENDS = _backends()


@pytest.mark.parametrize("repeats", [1, 3, 7])
def test_measure_returns_sane_statistics(repeats):
    calls = []
    timing = benchmark.measure(lambda: calls.append(1), repeats=repeats, number=4)
    assert timing.count == repeats == len(timing.times)
    assert timing.number == 4
    assert len(calls) == 4 * repeats + 1  # the repeats and one warm-up call
    assert all(t > 0 for t in timing.times)
    assert 0 < timing.min <= timing.median <= timing.max
    assert timing.min <= timing.mean <= timing.max


def test_measure_calibrates_number_and_syncs():
    syncs = []
    timing = benchmark.measure(lambda: sum(range(100)), repeats=2, min_time=1e-4,
                               sync=lambda: syncs.append(1))
    assert timing.number in {1, 10, 100, 1000, 10000, 100000}
    assert len(syncs) % 2 == 0 and len(syncs) >= 2 * (2 + 2)  # before and after every run


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.name)
@pytest.mark.parametrize("n", [1, 7, 1000])
def test_loop_and_vector_add_agree_on_every_backend(backend, n):
    a, b, c = benchmark.add_inputs(backend, n)
    looped = backend.to_numpy(benchmark.loop_add(a, b, c))
    vector = backend.to_numpy(benchmark.vector_add(a, b))
    backend.sync()
    np.testing.assert_array_equal(looped, np.full(n, 2.0, np.float32))
    np.testing.assert_array_equal(vector, np.full(n, 2.0, np.float32))
    assert vector.dtype == np.float32


def test_results_equal_across_backends():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=100).astype(np.float32), rng.normal(size=100).astype(np.float32)
    results = []
    for backend in BACKENDS:
        a, b = backend_array(backend, x), backend_array(backend, y)
        results.append(backend.to_numpy(benchmark.vector_add(a, b)))
    for got in results:  # float32 addition is exact to the last bit everywhere
        np.testing.assert_array_equal(got, x + y)


def backend_array(backend, values):
    """``values`` (float32) written one by one into a vector made by ``backend.full``."""
    out = backend.full(len(values), 0.0)
    for i, v in enumerate(values):
        out[i] = float(v)
    return out


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.name)
def test_time_add_and_copy_bandwidth_run_on_every_backend(backend):
    for method in benchmark.METHODS:
        timing = benchmark.time_add(backend, 50, method, repeats=2, number=1)
        assert timing.count == 2 and timing.min > 0
    rate, timing = benchmark.copy_bandwidth(backend, nbytes=4096, repeats=2)
    assert rate > 0 and rate == pytest.approx(2 * 4096 / timing.min)


def test_scaling_and_bandwidth():
    curve = benchmark.scaling(benchmark.numpy_backend(), [10, 100], "vector", repeats=2)
    assert list(curve) == [10, 100]
    assert benchmark.add_bytes(10) == 3 * 10 * 4
    rate = benchmark.bandwidth(benchmark.add_bytes(100), curve[100])
    assert rate == pytest.approx(1200 / curve[100].min)


@pytest.mark.parametrize("call, match", [
    (lambda: benchmark.measure(42), "func"),
    (lambda: benchmark.measure(print, repeats=0), "repeats"),
    (lambda: benchmark.measure(print, repeats=2.5), "repeats"),
    (lambda: benchmark.measure(print, number=0), "number"),
    (lambda: benchmark.measure(print, sync="yes"), "sync"),
    (lambda: benchmark.measure(print, min_time=-1), "min_time"),
    (lambda: benchmark.time_add(benchmark.numpy_backend(), 0, "vector"), "n"),
    (lambda: benchmark.time_add(benchmark.numpy_backend(), 10, "simd"), "method"),
    (lambda: benchmark.scaling(benchmark.numpy_backend(), [], "loop"), "sizes"),
    (lambda: benchmark.scaling(benchmark.numpy_backend(), [10, -1], "loop"), "sizes"),
    (lambda: benchmark.add_bytes(-3), "n"),
    (lambda: benchmark.copy_bandwidth(nbytes=2), "nbytes"),
    (lambda: benchmark.bandwidth(0, benchmark.Timing((1.0,), 1)), "bytes_moved"),
    (lambda: benchmark.bandwidth(100, 1.0), "timing"),
])
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
