"""The contract that lnn._validate gives every public function, tested by kind (Hypothesis).

Drawn: the number of examples (0 included), of inputs, the dtype, the container (list, numpy,
torch, MXNet where this environment must have it), the shapes of w, b and y (right ones and
ones that broadcasting would accept), and a NaN or inf injected into one argument.  The
contract: a finite result of the documented shape, or a ValueError whose message names the
argument; never another exception type, never a silent (n, n).
"""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mxnet_env import import_lnn_mxnet

import lnn
from lnn import _validate, check, figures_sgd

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


@SETTINGS
@given(problems(), st.sampled_from(BINDINGS))
def test_binding_linreg_and_squared_loss(problem, binding):
    args, bad, n, d = problem
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
    X, y = args["X"], args["X"]
    bad = {"features", "data_arrays"} if "X" in bad else set()
    batches = outcome(lambda: list(binding.data_iter(batch_size, X, y, rng=0)), bad or {"x"})
    loader = outcome(lambda: list(binding.load_array((X, y), batch_size)), bad or {"x"})
    for result in (batches, loader):
        if bad:
            assert result is None
        else:
            assert sum(len(yb) for _, yb in result) == n


# The checkers ---------------------------------------------------------------------------

ANSWERS = st.sampled_from([None, "text", float("nan"), np.full(3, np.inf), np.ones((5, 5)),
                           (1.0,), 0.0, [1, 2], {"w": 1}])
CHECKERS = [check.check_squared_loss, check.check_mean_loss, check.check_closed_form,
            check.check_predict_price, check.check_laplace_nll, check.check_batch_sizes,
            check.check_huber_loss, check.check_weight_grad, check.check_sgd_step]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(ANSWERS, st.sampled_from(CHECKERS))
def test_checkers_say_what_a_wrong_function_returned(answer, checker):
    feedback = checker(lambda *args: answer)
    assert not feedback.passed
    for problem in feedback.problems:
        assert "returned" in problem or "expected" in problem or "shape" in problem, problem


@pytest.mark.parametrize("checker", CHECKERS)
def test_a_checker_needs_a_function(checker):
    with pytest.raises(ValueError, match="func must be a function"):
        checker("mean_loss")


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


def test_try_gpu_refuses_a_negative_index():
    with pytest.raises(ValueError, match="i must be a non-negative integer, got -1"):
        lt.try_gpu(-1)
    if lm is not None:
        with pytest.raises(ValueError, match="i must be a non-negative integer"):
            lm.try_gpu(-1)


def test_train_epochs_stops_on_divergence_like_run_sgd():
    X = X6 * 1e3  # unscaled features
    with pytest.raises(ValueError, match="^lr must be small enough"):
        lnn.train_epochs(X, Y6, np.zeros(2), 0.0, lr=0.1, batch_size=2, num_epochs=20, rng=0)
    assert lnn.run_sgd(X, Y6, lr=0.1, batch_size=2, num_epochs=20, rng=0).diverged


def test_checkers_say_a_return_is_missing():
    for checker in (check.check_mean_loss, check.check_weight_grad):
        feedback = checker(lambda *args: None)
        assert "returned None (is a `return` statement missing?)" in repr(feedback)
        assert "nan" not in repr(feedback) and "1 values" not in repr(feedback)


def test_run_summary_says_update_in_the_singular():
    run = lnn.run_sgd(X6, Y6, lr=0.01, batch_size=6, num_steps=1, rng=0)
    assert "1 update," in repr(run)
    assert "2 updates," in repr(lnn.run_sgd(X6, Y6, lr=0.01, batch_size=6, num_steps=2, rng=0))


# One wording per error: "<name> must be <what>, got <what came>" ------------------------

X = np.ones((6, 2))
Y = np.ones((6, 1))




@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: lnn.synthetic_data([1, 2], 0, 0), "num_examples must be a positive integer"),
        (lambda: lnn.synthetic_data([1, 2], 0, -5), "num_examples"),
        (lambda: lnn.synthetic_data([1, 2], 0, 2.5), "num_examples"),
        (lambda: lnn.synthetic_data([1, 2], 0, 10, noise=-1), "noise"),
        (lambda: list(lnn.data_iter(0, X, Y)), "batch_size must be a positive integer"),
        (lambda: list(lnn.data_iter(-3, X, Y)), "batch_size"),
        (lambda: list(lnn.data_iter(2, X, Y[:5])), "features and labels must be of the same"),
        (lambda: lnn.linreg(np.ones((6, 3)), np.ones(2), 0),
         r"w must be one weight per column of X \(3\), got 2"),
        (lambda: lnn.linreg(np.ones(6), np.ones(2), 0), "X must be a 2-D"),
        (lambda: lnn.squared_loss(np.ones(6), np.ones((5, 1))),
         "y_hat and y must be the same number of values"),
        (lambda: lnn.sgd_step(np.ones(2), 0.0, X, Y, 0), "lr must be a finite positive"),
        (lambda: lnn.sgd_step(np.ones(2), 0.0, X, Y, -0.1), "lr must be a finite positive"),
        (lambda: lnn.sgd_step(np.ones(2), 0.0, X, Y, float("nan")), "lr"),
        (lambda: lnn.sgd_step(np.ones(2), 0.0, X, Y, float("inf")), "lr"),
        (lambda: lnn.closed_form(X, np.ones(5)), "X and y must be of the same length, got 6 and 5"),
        (lambda: lnn.closed_form(np.ones(6), Y), r"X must be a 2-D array, got shape \(6,\)"),
        (lambda: lnn.normal(0.0, 0.0, 0.0), "sigma must be a positive"),
        (lambda: lnn.set_seed(-1), "seed must be a non-negative integer"),
        (lambda: lnn.get_rng("seven"), "rng must be None"),
        (lambda: lnn.data_iter(0, X, Y), "batch_size"),  # at the call, not at next()
        (lambda: lnn.data_iter(2, X, Y[:5]), "features and labels"),
        (lambda: lnn.linreg(X, ["a", "b"], 0), "w must be an array of real numbers"),
        (lambda: lnn.linreg([[1.0, 2.0], [3.0]], np.ones(2), 0), "X must be an array of numbers"),
        (lambda: lnn.squared_loss([1.0, np.nan], np.ones(2)), r"y_hat must be finite \(no NaN"),
        (lambda: lnn.linreg(X, np.ones((2, 1)), np.ones(6)), "b must be one number"),
        (lambda: lnn.sgd_step(np.ones(2), 0.0, X[:0], Y[:0], 0.1), "X must be non-empty"),
        (lambda: lnn.sgd_step(np.ones(2), 0.0, X, np.ones((6, 2)), 0.1), "one label per"),
        (lambda: lnn.set_seed(np.int64(-1)), "seed must be a non-negative integer"),
        (lambda: lnn.train_epochs(X, Y, np.ones((2, 1)), 0.0, lr=0.1, batch_size=2,
                                  num_epochs=0), "num_epochs"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()



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
