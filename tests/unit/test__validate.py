"""The contract that lnn._validate gives every public function, tested by kind (Hypothesis).

Drawn: the number of examples (0 included), of inputs, the dtype, the container (list, numpy,
torch, MXNet where this environment must have it), the shapes of w, b and y (right ones and
ones that broadcasting would accept), and a NaN or inf injected into one argument.  The
contract: a finite result of the documented shape, or a ValueError whose message names the
argument; never another exception type, never a silent (n, n).
"""

import inspect
import math
import re
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mxnet_env import import_lnn_mxnet

import lnn
from lnn import _validate, figures_sgd

torch = pytest.importorskip("torch")
import lnn.torch as lt  # noqa: E402

lm = import_lnn_mxnet()
CONTAINERS = ["list", "numpy", "torch"] + (["mxnet"] if lm is not None else [])
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def to_container(a, container):
    """``a`` (numpy) as a list, numpy array, torch tensor or MXNet array."""
    if container == "list":
        return a.tolist()
    if container == "torch":
        return torch.from_numpy(np.ascontiguousarray(a))
    if container == "mxnet":
        return lm.mxnp.array(a, dtype=a.dtype)
    return a


@st.composite
def problems(draw, *, containers=CONTAINERS):
    """``(args, bad)``: X, y, w, b of a linear model, and the names of the arguments that
    break the contract (empty when every argument is right)."""
    n = draw(st.integers(0, 5))
    d = draw(st.integers(1, 3))
    dtype = draw(st.sampled_from([np.float32, np.float64, np.int64]))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    w_shape = draw(st.sampled_from([(d,), (d, 1), (1, d), (d + 1,)]))
    y_shape = draw(st.sampled_from([(n,), (n, 1), (1, n), (n, n)]))
    b_shape = draw(st.sampled_from([(), (1,), (n,), (2,)]))
    arrays = {"X": rng.normal(size=(n, d)), "y": rng.normal(size=y_shape),
              "w": rng.normal(size=w_shape), "b": rng.normal(size=b_shape)}
    arrays = {k: np.array(v * 3, dtype=dtype) for k, v in arrays.items()}
    bad = set()
    if n == 0:
        bad.add("X")
    if w_shape not in ((d,), (d, 1)):
        bad.add("w")
    if y_shape not in ((n,), (n, 1)):
        bad.add("y")
    if math.prod(b_shape) != 1:
        bad.add("b")
    inject = draw(st.sampled_from([None, "X", "y", "w", "b"]))
    if inject and arrays[inject].size and dtype != np.int64:
        position = draw(st.integers(0, arrays[inject].size - 1))
        arrays[inject].flat[position] = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
        bad.add(inject)
    container = draw(st.sampled_from(containers))
    args = {k: to_container(v, container) for k, v in arrays.items()}
    if b_shape == () and draw(st.booleans()):
        args["b"] = float(arrays["b"])  # a plain number, as the slides write b
    return args, bad, n, d


def outcome(call, names):
    """The result of ``call()``, or ``None`` after a ValueError naming one of ``names``."""
    try:
        return call()
    except ValueError as err:
        assert any(name in str(err) for name in names), str(err)
        return None


def check_result(result, bad, shape):
    """A right call gives a finite result of ``shape``; a call with a bad argument raised."""
    if bad:
        assert result is None, f"a result although {bad} break the contract"
        return
    assert result is not None, "a ValueError for right arguments"
    values = _validate.to_numpy(result)
    assert values.shape == shape and np.all(np.isfinite(values))


def _y_hat_shape(n, w):
    return (n,) if len(np.shape(w)) == 1 else (n, 1)


# The numpy core -------------------------------------------------------------------------

@SETTINGS
@given(problems())
def test_linreg(problem):
    args, bad, n, d = problem
    bad = bad - {"y"}
    result = outcome(lambda: lnn.linreg(args["X"], args["w"], args["b"]), bad or {"X", "w", "b"})
    check_result(result, bad, _y_hat_shape(n, args["w"]) if not bad else None)


@SETTINGS
@given(problems())
def test_squared_loss_and_huber_loss(problem):
    args, bad, n, d = problem
    y_hat, y = args["X"], args["y"]  # the loss pairs values, whatever the shapes
    values = np.asarray(_validate.to_numpy(y), dtype=float)
    bad = {"y_hat"} if "X" in bad else set()
    if values.size != n * d or not np.all(np.isfinite(values)):
        bad.add("y")
    for loss in (lnn.squared_loss, lnn.huber_loss):
        result = outcome(lambda: loss(y_hat, y), bad or {"y_hat", "y"})  # noqa: B023
        check_result(result, bad, (n, d))


@SETTINGS
@given(problems())
def test_mean_loss_gradient_and_sgd_step(problem):
    args, bad, n, d = problem
    X, y, w, b = args["X"], args["y"], args["w"], args["b"]
    names = bad or {"X", "y", "w", "b"}
    loss = outcome(lambda: lnn.mean_loss(X, y, w, b), names)
    check_result(loss, bad, ())
    grads = outcome(lambda: lnn.squared_loss_grad(X, y, w, b), names)
    step = outcome(lambda: lnn.sgd_step(w, b, X, y, 0.1), names)
    for result in (grads, step):
        if bad:
            assert result is None
        else:
            assert np.shape(result[0]) == np.shape(w) and np.size(result[1]) == 1
            assert np.all(np.isfinite(_validate.to_numpy(result[0])))


@SETTINGS
@given(problems())
def test_closed_form(problem):
    args, bad, n, d = problem
    bad = bad - {"w", "b"}
    result = outcome(lambda: lnn.closed_form(args["X"], args["y"]), bad or {"X", "y"})
    if bad:
        assert result is None
    else:
        w, b = result
        assert w.shape == (d,) and np.all(np.isfinite(w)) and math.isfinite(b)


@SETTINGS
@given(problems(), st.sampled_from([1, 2, 7]))
def test_training_loops_and_data_iter(problem, batch_size):
    args, bad, n, d = problem
    X, y, w, b = args["X"], args["y"], args["w"], args["b"]
    names = bad or {"X", "y", "w", "b", "lr"}
    result = outcome(lambda: lnn.train_epochs(X, y, w, b, lr=0.01, batch_size=batch_size,
                                              num_epochs=2, rng=0), names)
    if bad:
        assert result is None
    elif result is not None:  # or a ValueError naming lr: diverged
        assert np.shape(result[0]) == np.shape(w) and len(result[2]) == 2
    run = outcome(lambda: lnn.run_sgd(X, y, lr=0.01, batch_size=batch_size, num_epochs=1,
                                      w=w, b=b, rng=0), names)
    assert (run is None) == bool(bad)
    if run is not None:
        assert run.w.shape == (d,) and np.all(np.isfinite(run.path))
    data_bad = bad & {"X", "y"}
    batches = outcome(lambda: list(lnn.data_iter(batch_size, X, y, rng=0)),
                      data_bad and {"features", "labels"} or {"features", "labels"})
    if data_bad - {"y"}:
        assert batches is None


@SETTINGS
@given(problems(), st.sampled_from([0.5, 1.0]))
def test_likelihoods_and_density(problem, sigma):
    args, bad, n, d = problem
    y_hat, y = args["X"], args["X"]  # same shapes: only NaN, inf or emptiness can be wrong
    bad = {"y_hat", "y"} if "X" in bad else set()
    for nll in (lnn.gaussian_nll, lnn.laplace_nll):
        result = outcome(lambda: nll(y_hat, y, sigma),  # noqa: B023
                         bad or {"y_hat", "y", "sigma", "scale"})
        check_result(result, bad, ())
    density = outcome(lambda: lnn.normal(args["X"], 0.0, sigma), {"x"})
    check_result(density, bad and {"x"}, (n, d))


@SETTINGS
@given(problems(containers=["numpy"]))
def test_the_figures_refuse_what_they_cannot_draw(problem):
    args, bad, n, d = problem
    if d == 2 and not bad & {"X", "y"}:
        surface = figures_sgd.loss_surface(args["X"], args["y"], np.zeros(2), np.ones(3), 0.0)
        assert surface.shape == (3, 2) and np.all(np.isfinite(surface))
    elif bad & {"X", "y"}:
        with pytest.raises(ValueError, match="X|y"):
            figures_sgd.loss_surface(args["X"], args["y"], np.zeros(2), np.ones(3), 0.0)


# The bindings ---------------------------------------------------------------------------

BINDINGS = [lt] + ([lm] if lm is not None else [])


def _fits(binding, args):
    """Whether ``args`` are lists, numpy or ``binding``'s own arrays (the other framework's
    are refused by name, see test_every_public_helper_names_each_argument_it_refuses)."""
    kind = binding.__name__.split(".")[1]
    return all(_validate.framework(a) in ("numpy", kind) for a in args.values())


@SETTINGS
@given(problems(), st.sampled_from(BINDINGS))
def test_binding_linreg_and_squared_loss(problem, binding):
    args, bad, n, d = problem
    assume(_fits(binding, args))
    names_model = (bad - {"y"}) or {"X", "w", "b"}
    y_hat = outcome(lambda: binding.linreg(args["X"], args["w"], args["b"]), names_model)
    if bad - {"y"}:
        assert y_hat is None
    elif y_hat is not None:  # or a ValueError naming two arguments of different dtypes
        assert tuple(y_hat.shape) == _y_hat_shape(n, args["w"])
        y = args["y"]
        values = np.asarray(_validate.to_numpy(y), dtype=float)
        loss_bad = set() if values.size == n and np.all(np.isfinite(values)) else {"y"}
        loss = outcome(lambda: binding.squared_loss(y_hat, y), loss_bad or {"y_hat", "y"})
        if loss_bad:
            assert loss is None
        elif loss is not None:
            assert tuple(loss.shape) == tuple(y_hat.shape)  # never (n, n)


@SETTINGS
@given(problems(), st.sampled_from(BINDINGS), st.sampled_from([1, 3]))
def test_binding_data_iter_and_load_array(problem, binding, batch_size):
    args, bad, n, d = problem
    assume(_fits(binding, args))
    X, y = args["X"], args["X"]
    bad = {"features", "data_arrays"} if "X" in bad else set()
    batches = outcome(lambda: list(binding.data_iter(batch_size, X, y, rng=0)), bad or {"x"})
    loader = outcome(lambda: list(binding.load_array((X, y), batch_size)), bad or {"x"})
    for result in (batches, loader):
        if bad:
            assert result is None
        else:
            assert sum(len(yb) for _, yb in result) == n


# The fault kinds' examples, with their right values --------------------------------------

X6, Y6 = lnn.synthetic_data([2.0, -3.4], 4.2, 6, rng=0)


def test_closed_form_with_one_nan_names_X():
    X = X6.copy()
    X[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"X must be finite \(no NaN or inf\), got 1 NaN"):
        lnn.closed_form(X, Y6)


def test_run_sgd_with_a_nan_names_X_not_the_learning_rate():
    X = X6.copy()
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="^X must be finite"):
        lnn.run_sgd(X, Y6, lr=0.03, batch_size=2, num_epochs=1)


def test_sgd_step_on_an_empty_minibatch_names_X():
    with pytest.raises(ValueError, match="X must be non-empty"):
        lnn.sgd_step(np.zeros(2), 0.0, X6[:0], Y6[:0], 0.1)


def test_squared_loss_never_broadcasts_to_n_by_n():
    assert lnn.squared_loss(np.zeros(6), np.ones((6, 1))).shape == (6,)
    np.testing.assert_array_equal(lnn.squared_loss(np.zeros((6, 1)), np.ones(6)),
                                  np.full((6, 1), 0.5))


def test_core_accepts_torch_tensors_and_lists():
    Xt, yt = torch.from_numpy(X6), torch.from_numpy(Y6)  # y (6, 1): one label per example
    w, b = lnn.sgd_step(np.zeros(2), 0.0, Xt, yt, 0.1)
    w_ref, b_ref = lnn.sgd_step(np.zeros(2), 0.0, X6, Y6, 0.1)
    np.testing.assert_array_equal(w, w_ref)
    assert b == b_ref
    w, b, losses = lnn.train_epochs(Xt, yt, np.zeros(2), 0.0, lr=0.1, batch_size=2,
                                    num_epochs=1, rng=0)
    assert w.shape == (2,) and len(losses) == 1
    batches = list(lnn.data_iter(4, X6.tolist(), Y6.tolist(), rng=0))
    assert [len(yb) for _, yb in batches] == [4, 2]


def test_bindings_convert_numpy_data():
    batches = list(lt.data_iter(4, X6.astype(np.float32), Y6.astype(np.float32), rng=0))
    assert all(isinstance(Xb, torch.Tensor) for Xb, _ in batches)
    loader = lt.load_array((X6, Y6), 3)
    assert [len(yb) for _, yb in loader] == [3, 3]
    if lm is not None:
        batches = list(lm.data_iter(4, X6, Y6, rng=0))
        assert [len(yb) for _, yb in batches] == [4, 2]


def test_bindings_name_both_dtypes():
    X = torch.from_numpy(X6)  # float64
    w = torch.zeros(2)  # float32
    with pytest.raises(ValueError, match="X and w must be of the same dtype.*float64.*float32"):
        lt.linreg(X, w, 0.0)


def test_train_epochs_stops_on_divergence_like_run_sgd():
    X = X6 * 1e3  # unscaled features
    with pytest.raises(ValueError, match="^lr must be small enough"):
        lnn.train_epochs(X, Y6, np.zeros(2), 0.0, lr=0.1, batch_size=2, num_epochs=20, rng=0)
    assert lnn.run_sgd(X, Y6, lr=0.1, batch_size=2, num_epochs=20, rng=0).diverged


def test_run_summary_says_update_in_the_singular():
    run = lnn.run_sgd(X6, Y6, lr=0.01, batch_size=6, num_steps=1, rng=0)
    assert "1 update," in repr(run)
    assert "2 updates," in repr(lnn.run_sgd(X6, Y6, lr=0.01, batch_size=6, num_steps=2, rng=0))


def test_numpy_integers_are_integers():
    lnn.set_seed(np.int64(3))
    assert lnn.get_rng(np.int64(3)).integers(100) == np.random.default_rng(3).integers(100)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_bindings_name_both_devices():
    X = torch.ones(4, 2, device="cuda")
    with pytest.raises(ValueError, match="X and w must be on the same device.*cuda.*cpu"):
        lt.linreg(X, torch.ones(2), 0.0)
    with pytest.raises(ValueError, match="y_hat and y must be on the same device"):
        lt.squared_loss(X[:, 0], torch.ones(4))


# Every public helper names each argument it refuses --------------------------------------
# The public API is enumerated (lnn.__all__ and the bindings' __all__, inspect.signature);
# each parameter gets the bad values of its kind, built from a valid call of the function.

#: Public names that take no argument a student passes.
NOT_CALLED = {"SGDRun": "the record that run_sgd returns, not built by students"}
X4, Y4 = X6[:4], Y6[:4]


def _grad_param(m):
    """A parameter with a gradient, as sgd expects it, in binding ``m``."""
    if m is lt:
        w = torch.ones(2, requires_grad=True)
        (2 * w).sum().backward()
        return w
    from mxnet import autograd

    w = m.mxnp.ones(2)
    w.attach_grad()
    with autograd.record():
        loss = (2 * w).sum()
    loss.backward()
    return w


def valid_calls(m):
    """For each public function of module ``m``: a function returning fresh valid kwargs."""
    if m is lnn:
        X, y, w = X4.copy(), Y4.copy(), np.zeros(2)
        return {
            "batch_indices": lambda: dict(batch_size=3, num_examples=10, rng=0),
            "closed_form": lambda: dict(X=X, y=y),
            "data_iter": lambda: dict(batch_size=2, features=X, labels=y, rng=0),
            "gaussian_nll": lambda: dict(y_hat=y, y=y, sigma=1.0),
            "get_rng": lambda: dict(rng=0),
            "house_data": lambda: dict(num_examples=5, w=(90.0, -500.0), b=3e4, noise=1.0,
                                       rng=0),
            "huber_loss": lambda: dict(y_hat=y, y=y, delta=1.0),
            "laplace_nll": lambda: dict(y_hat=y, y=y, scale=1.0),
            "linreg": lambda: dict(X=X, w=w, b=0.5),
            "mean_loss": lambda: dict(X=X, y=y, w=w, b=0.5),
            "mxnet_status": lambda: dict(twin=None),
            "normal": lambda: dict(x=y, mu=0.0, sigma=1.0),
            "plot": lambda: dict(X=[0.0, 1.0, 2.0], Y=[1.0, 2.0, 0.5], xlabel="x", ylabel="y",
                                 legend=["a"], xlim=(0, 2), ylim=(0.1, 3), xscale="linear",
                                 yscale="log", fmts=("-",), figsize=(3, 2), axes=None),
            "run_sgd": lambda: dict(X=X, y=y, lr=0.01, batch_size=2, num_epochs=1,
                                    num_steps=None, w=w, b=0.0, rng=0, blowup=1e3),
            "set_axes": lambda: dict(axes=plt.figure().gca(), xlabel="x", ylabel="y",
                                     xlim=(0, 1), ylim=(0, 1), xscale="linear",
                                     yscale="linear", legend=None),
            "set_figsize": lambda: dict(figsize=(3.5, 2.5)),
            "set_seed": lambda: dict(seed=0),
            "sgd_step": lambda: dict(w=w, b=0.0, X=X, y=y, lr=0.1),
            "squared_loss": lambda: dict(y_hat=y, y=y),
            "squared_loss_grad": lambda: dict(X=X, y=y, w=w, b=0.0),
            "synthetic_data": lambda: dict(w=[2.0, -3.4], b=4.2, num_examples=5, noise=0.01,
                                           rng=0),
            "train_epochs": lambda: dict(X=X, y=y, w=w, b=0.0, lr=0.01, batch_size=2,
                                         num_epochs=1, rng=0, batches=None, blowup=1e3),
        }
    X, y = to_container(X4, m.__name__.split(".")[1]), to_container(Y4, m.__name__.split(".")[1])
    w = to_container(np.zeros(2), m.__name__.split(".")[1])
    return {
        "synthetic_data": lambda: dict(w=to_container(np.array([2.0, -3.4]),
                                                      m.__name__.split(".")[1]),
                                       b=4.2, num_examples=5),
        "data_iter": lambda: dict(batch_size=2, features=X, labels=y, rng=0),
        "linreg": lambda: dict(X=X, w=w, b=0.5),
        "squared_loss": lambda: dict(y_hat=y, y=y),
        "sgd": lambda: dict(params=[_grad_param(m)], lr=0.1, batch_size=2),
        "load_array": lambda: dict(data_arrays=(X, y), batch_size=2, is_train=True),
        "try_gpu": lambda: dict(i=0),
    }


POSITIVE_INTS = [0, -1, 2.5, "10", True, np.float64(4.0)]
POSITIVE_NUMBERS = [0, -1.0, np.nan, np.inf, "1", True, None]
BAD = {
    "rng": [-1, np.int64(-2), 1.5, "7", True],
    "seed": [-1, np.int64(-1), 1.5, "7", True, None],
    "i": [-1, 1.5, "0", True, None],
    "lr": POSITIVE_NUMBERS + [[0.1]], "sigma": POSITIVE_NUMBERS, "scale": POSITIVE_NUMBERS,
    "delta": POSITIVE_NUMBERS, "blowup": POSITIVE_NUMBERS,
    "noise": [-1.0, np.nan, np.inf, "0.1", True, None],
    "mu": [np.nan, "0", np.ones(3)],
    "batch_size": POSITIVE_INTS + [None], "num_examples": POSITIVE_INTS + [None],
    "num_epochs": POSITIVE_INTS, "num_steps": POSITIVE_INTS,
    "is_train": ["no", 0.5, None],
    "twin": [5, ["https://example.org"]],
    "figsize": [(-1, 2), "big", (1,), (np.nan, 1), None],
    "xscale": ["logarithmic", None, 1], "yscale": ["logarithmic", None, 1],
    "xlim": [(np.nan, 1), "a", (1,), (1, 2, 3)], "ylim": [(np.nan, 1), "a", (1,)],
    "legend": ["train", [1, 2]], "fmts": [(), "r-", [1]], "xlabel": [1.5, ["a"]],
    "ylabel": [1.5, ["a"]], "axes": ["ax", 1],
    "batches": ["abc", [], [[np.array([0.5])]], [[np.array([10**6])]]],
}


def bad_arrays(m, v):
    """Bad values for an array argument whose valid value is ``v``, in binding ``m``."""
    values = np.asarray(_validate.to_numpy(v), dtype=float)
    nan = values.copy()
    nan.flat[0] = np.nan
    bad = [np.full(values.shape, "a"), values * (1 + 1j), nan]
    if values.ndim:
        bad.append(values[:0])
    if values.ndim == 2:
        bad.append([[1.0, 2.0], [3.0]])
    if m is lt:
        bad.append(torch.from_numpy(values) * (1 + 1j))
        if lm is not None:
            bad.append(lm.mxnp.array(values))
    if m is lm:
        bad += [torch.from_numpy(values), lm.mxnp.array(values, dtype="float16")]
    return bad


def bad_values(m, function, name, valid):
    """The bad values of parameter ``name`` of ``function`` in module ``m``."""
    if name in BAD:
        return BAD[name]
    if name == "params":
        other = [torch.ones(2, requires_grad=True)] if m is lm else (
            [lm.mxnp.ones(2)] if lm is not None else [])
        without_grad = torch.ones(2) if m is lt else lm.mxnp.ones(2)
        return [_grad_param(m), 0.5, [], [0.5, 1.0], (p for p in []), [np.ones(2)],
                [without_grad]] + [other]
    if name == "data_arrays":
        X, y = valid
        return ["abc", (), (X, "a"), (X, y[:3]), (X, to_container(np.full(4, np.nan),
                                                                  "numpy"))]
    if name in ("X", "Y") and function == "plot":
        return ["abc", [], [[0.0, np.nan]], [[]], 5]
    if name in ("X", "y", "w", "b", "y_hat", "x", "features", "labels"):
        return bad_arrays(m, valid) if not isinstance(valid, float) else ["a", np.nan, 1j]
    raise AssertionError(f"no bad values known for parameter {name} of {function}")


MODULES = [lnn, lt] + ([lm] if lm is not None else [])


def _public(m):
    return [n for n in m.__all__ if n not in NOT_CALLED]


def _call(function, kwargs):
    with mpl.rc_context(), warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="mxnet")
        result = function(**kwargs)
        if inspect.isgenerator(result) or type(result).__name__ == "DataLoader":
            list(result)
        return result


@pytest.mark.parametrize("m", MODULES, ids=lambda m: m.__name__)
def test_every_public_helper_names_each_argument_it_refuses(m):
    calls = valid_calls(m)
    try:
        unnamed = _refusals(m, calls)
    finally:
        plt.close("all")
    assert not unnamed, "\n".join(unnamed)


def _refusals(m, calls):
    """Each bad call of module ``m``'s helpers that is not refused by the argument's name."""
    callable_names = [n for n in _public(m) if inspect.signature(getattr(m, n)).parameters]
    assert sorted(calls) == sorted(callable_names), "valid_calls must list every helper"
    unnamed = []
    for name in callable_names:
        function = getattr(m, name)
        params = inspect.signature(function).parameters
        assert set(calls[name]()) == set(params), name  # a valid value for every parameter
        _call(function, calls[name]())
        for param in params:
            for bad in bad_values(m, name, param, calls[name]()[param]):
                # run_sgd takes one of num_epochs and num_steps: the other one is None
                other = name == "run_sgd" and {"num_steps": "num_epochs",
                                                "num_epochs": "num_steps"}.get(param)
                kwargs = {**calls[name](), param: bad} | ({other: None} if other else {})
                try:
                    _call(function, kwargs)
                    unnamed.append(f"{name}({param}={_validate.describe(bad)}): accepted")
                except ValueError as err:
                    said = str(err)
                    pattern = (rf"^([\w\[\]]+ and )?{re.escape(param)}(\[\d+\])?"
                               rf"( and [\w\[\]]+)? must ")
                    if not re.match(pattern, said):
                        unnamed.append(f"{name}({param}={_validate.describe(bad)}): {said}")
                except Exception as err:  # noqa: BLE001  (every other kind is the defect)
                    unnamed.append(f"{name}({param}={_validate.describe(bad)}): "
                                   f"{type(err).__name__}: {str(err)[:120]}")
                finally:
                    plt.close("all")
    return unnamed


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.integers(0, 300), st.floats(1e-3, 1e300), st.sampled_from([1, 2, 6]))
def test_a_run_whose_loss_overflows_is_marked_diverged_without_a_warning(scale, lr,
                                                                         batch_size):
    X, y = X6 * 10.0**scale, Y6 * 10.0**scale
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = lnn.run_sgd(X, y, lr=lr, batch_size=batch_size, num_epochs=3, rng=0)
        assert np.all(np.isfinite(run.path)) and np.isfinite(run.final_loss) != run.diverged
        if run.diverged:  # the rejected update is recorded as a loss, not in the path
            assert len(run.path) == len(run.losses) - 1 and "diverged" in repr(run)
        try:
            _, _, losses = lnn.train_epochs(X, y, np.zeros(2), 0.0, lr=lr,
                                            batch_size=batch_size, num_epochs=3, rng=0)
            assert np.all(np.isfinite(losses))
        except ValueError as err:
            assert str(err).startswith("lr must be small enough"), err
