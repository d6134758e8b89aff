"""lnn/check.py: every exercise checker passes a right answer in every dtype its chapter
accepts, and names the real cause of every kind of wrong answer in each report line.

The wrong answers are generated, not listed: for every checker (in numpy, PyTorch and MXNet
where the chapter checks those), each kind of mistake a student makes (a missing return, a
wrong shape or dtype, the other framework, a tensor that requires grad, an input changed in
place, NaN, inf, overflow, text, a factor 2 or 1/2, a sum for a mean, an exception, ...) is
applied to the right answer of lnn's reference on the checker's own inputs.
"""

import re
from dataclasses import dataclass, field

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lnn
from lnn import _validate, check

torch = pytest.importorskip("torch")

from mxnet_env import import_lnn_mxnet  # noqa: E402
from torch import nn  # noqa: E402

import lnn.torch as lt  # noqa: E402

lm = import_lnn_mxnet()


# The right answers, written in each framework as a student would --------------------------

def _predict_price(w, b, area, age):
    return w[0] * area + w[1] * age + b


def _batch_sizes(batch_size, num_examples):
    return [len(idx) for idx in lnn.batch_indices(batch_size, num_examples, rng=0)]


def _huber(y_hat, y, delta=1.0):
    r = abs(y_hat - y.reshape(y_hat.shape))
    small = (r + delta - abs(r - delta)) / 2  # min(r, delta) in every framework
    return small ** 2 / (2 * delta) + (r - small)


def _torch_weight_grad(X, y, w, b):  # the concise_pytorch page's solution, in X's dtype
    net = nn.Sequential(nn.Linear(2, 1)).to(X.dtype)
    with torch.no_grad():
        net[0].weight.copy_(w.T)
        net[0].bias.copy_(b)
    (nn.MSELoss()(net(X), y) / 2).backward()
    return net[0].weight.grad


def _mxnet_weight_grad(X, y, w, b):  # the concise_mxnet page's solution
    from mxnet import autograd, gluon
    from mxnet.gluon import nn as gnn

    net = gnn.Sequential()
    net.add(gnn.Dense(1))
    net.initialize()
    net(X)
    net[0].weight.set_data(w.T)
    net[0].bias.set_data(b)
    with autograd.record():
        loss = gluon.loss.L2Loss()(net(X), y).mean()
    loss.backward()
    return net[0].weight.grad()


def _numpy_weight_grad(X, y, w, b):
    return lnn.squared_loss_grad(X, y, w, b)[0]


@dataclass
class Setup:
    """One checker as a chapter calls it, with a right answer and what its result is."""
    id: str
    checker: object
    right: object
    array: object = None  # the checker's ``array=``: the inputs' framework and dtype
    result: str = "array"  # "array", "number", "pair" (w, b), "step" (a pair) or "sizes"
    mean_over: bool = False  # the formula averages over the examples (eq. 3.1.6)
    sum_over: bool = False  # ... or sums over them (a negative log-likelihood)
    no_transpose: bool = False  # the checker accepts the transposed shape
    kinds_not: set = field(default_factory=set)

    def run(self, student):
        kwargs = {} if self.array is None else {"array": self.array}
        return self.checker(student, **kwargs)


def _f32(convert, dtype):
    return lambda a: convert(np.asarray(a), dtype=dtype)


SETUPS = [
    Setup("squared_loss", check.check_squared_loss, lnn.squared_loss),
    Setup("squared_loss-torch64", check.check_squared_loss, lt.squared_loss, torch.tensor),
    Setup("squared_loss-torch32", check.check_squared_loss, lt.squared_loss,
          _f32(torch.tensor, torch.float32)),
    Setup("mean_loss", check.check_mean_loss, lnn.mean_loss, result="number", mean_over=True),
    Setup("closed_form", check.check_closed_form, lnn.closed_form, result="pair"),
    Setup("predict_price", check.check_predict_price, _predict_price,
          kinds_not={"transposed"}),  # a price per house: 1-D
    Setup("laplace_nll", check.check_laplace_nll, lnn.laplace_nll, result="number",
          sum_over=True),
    Setup("batch_sizes", check.check_batch_sizes, _batch_sizes, result="sizes"),
    Setup("huber_loss", check.check_huber_loss, _huber),
    Setup("huber_loss-torch64", check.check_huber_loss, _huber, torch.tensor),
    Setup("huber_loss-torch32", check.check_huber_loss, _huber,
          _f32(torch.tensor, torch.float32)),
    Setup("weight_grad", check.check_weight_grad, _numpy_weight_grad, mean_over=True,
          no_transpose=True),
    Setup("weight_grad-torch64", check.check_weight_grad, _torch_weight_grad, torch.tensor,
          mean_over=True, no_transpose=True),
    Setup("weight_grad-torch32", check.check_weight_grad, _torch_weight_grad,
          _f32(torch.tensor, torch.float32), mean_over=True, no_transpose=True),
    Setup("sgd_step", check.check_sgd_step, lnn.sgd_step, result="step", mean_over=True),
]
if lm is not None:
    SETUPS += [
        Setup("squared_loss-mxnet64", check.check_squared_loss, lm.squared_loss, lm.mxnp.array),
        Setup("squared_loss-mxnet32", check.check_squared_loss, lm.squared_loss,
              _f32(lm.mxnp.array, "float32")),
        Setup("huber_loss-mxnet32", check.check_huber_loss, _huber,
              _f32(lm.mxnp.array, "float32")),
        Setup("weight_grad-mxnet32", check.check_weight_grad, _mxnet_weight_grad,
              _f32(lm.mxnp.array, "float32"), mean_over=True, no_transpose=True),
    ]


@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: s.id)
def test_a_right_answer_passes(setup):
    feedback = setup.run(setup.right)
    assert feedback.passed, feedback
    assert f"all {feedback.num_cases} test cases pass" in repr(feedback)


# The kinds of wrong answers, each made from the right one ---------------------------------

def _kind(a):
    return _validate.framework(a) if hasattr(a, "shape") else "number"


def _astype(v, dtype):
    """``v`` (a number or an array of any framework) cast to ``dtype`` ("int64", ...)."""
    kind = _kind(v)
    if kind == "torch":
        return v.detach().to(getattr(torch, dtype))
    if kind == "mxnet":
        return v.astype(dtype)
    return np.asarray(v).astype(dtype)[()]


def _stack(v):
    kind = _kind(v)
    if kind == "torch":
        return torch.stack([v, v])
    if kind == "mxnet":
        return lm.mxnp.stack([v, v])
    return np.stack([np.asarray(v)] * 2)


def _with_value(v, position, value):
    """A copy of ``v`` with one value (at ``position`` modulo its size) replaced."""
    if _kind(v) == "number":
        return type(v)(value) if isinstance(v, float) else np.float64(value)
    values = _validate.to_numpy(v).astype(float).copy()
    values.flat[position % values.size] = value
    return _like(values, v)


def _like(values, v):
    """numpy ``values`` in the framework and dtype of ``v``."""
    kind = _kind(v)
    if kind == "torch":
        return torch.from_numpy(values).to(v.dtype)
    if kind == "mxnet":
        return lm.mxnp.array(values, dtype=v.dtype)
    return values.astype(np.asarray(v).dtype)


def _other_framework(v):
    kind = _kind(v)
    if kind in ("torch", "mxnet"):
        return _validate.to_numpy(v)
    return torch.from_numpy(np.asarray(v, dtype=np.asarray(v).dtype))


def _requires_grad(v):
    if _kind(v) == "torch":
        return v.detach().clone().requires_grad_(True)
    copy = v.copy()
    copy.attach_grad()
    return copy


def _overflow(v):
    big = np.finfo(_validate.to_numpy(v).dtype).max
    return (v * big) * big if _kind(v) != "number" else (np.float64(v) * big) * big


def _change_in_place(a):
    if _kind(a) == "torch":
        a.add_(1.0)
    else:
        a += 1.0


def _examples(setup, args):
    """The number of examples the formula averages or sums over (sgd_step: (w, b, X, y))."""
    index = {"mean_loss": 0, "weight_grad": 0, "sgd_step": 2, "laplace_nll": 1}
    return len(args[index[setup.id.split("-")[0]]])


ALWAYS = {"none", "text", "raises", "other values", "framework", "shape"}
TEXT_WAYS = {
    "str": str,
    "f-string": lambda v: f"{v}",
    "items": lambda v: tuple(str(x) for x in v) if isinstance(v, tuple) else str(v),
    "numpy strings": lambda v: np.asarray(_validate.to_numpy(v)).astype(str)
    if not isinstance(v, tuple) else (np.asarray(v[0]).astype(str), str(v[1])),
}
#: Each kind: the words every report line must hold (regex) and the other causes that no
#: line may name.
EXPECT = {
    "none": r"returned None.*return",
    "none in pair": r"\b[wb] is None.*return",
    "not a pair": r"pair",
    "shape": r"shape",
    "transposed": r"transposed",
    "scalar": r"one number",
    "int64": r"dtype", "float16": r"dtype", "bfloat16": r"dtype", "other float": r"dtype",
    "float sizes": r"dtype",
    "framework": r"(numpy array|torch tensor|MXNet array).*expected an? "
                 r"(numpy array|torch tensor|MXNet array|number|list)",
    "requires grad": r"requires grad|attach_grad",
    "in place": r"changed its argument \w+ in place",
    "nan": r"NaN", "inf": r"\binf\b", "overflow": r"overflow",
    "text": r"returned text",
    "twice": r"twice", "half": r"half", "negated": r"sign",
    "sum for mean": r"\bsum|averag",
    "raises": r"raised (ZeroDivisionError|ValueError|RuntimeError|IndexError): oops \d+",
    "async error": r"raised MXNetError",
    "other values": r"differ",
}
BLAME = {"None": r"\bNone\b", "NaN": r"NaN", "differ": r"\bdiffer", "in place": r"in place",
         "dtype": r"\bdtype\b", "text": r"\btext\b"}
MAY_BLAME = {"none": {"None"}, "none in pair": {"None"}, "nan": {"NaN"}, "text": {"text"},
             "in place": {"in place"}, "other values": {"differ"},
             "int64": {"dtype"}, "float16": {"dtype"}, "bfloat16": {"dtype"},
             "other float": {"dtype"}, "float sizes": {"dtype"}, "raises": set(BLAME)}


def kinds_for(setup):
    """The kinds of wrong answer that make sense for ``setup``'s result."""
    framework = "torch" if setup.id.endswith(("torch64", "torch32")) else (
        "mxnet" if "mxnet" in setup.id else "numpy")
    kinds = set(ALWAYS)
    if setup.result == "sizes":
        return sorted(kinds | {"scalar", "float sizes", "twice"})
    kinds |= {"int64", "float16", "other float", "in place", "nan", "inf", "overflow", "twice",
              "half", "negated"}
    if setup.result in ("pair", "step"):
        kinds |= {"none in pair", "not a pair"}
    if setup.result != "number":
        kinds.add("scalar")
    if setup.result == "array" and not setup.no_transpose:
        kinds.add("transposed")
    if setup.mean_over or setup.sum_over:
        kinds.add("sum for mean")
    if framework == "torch":
        kinds |= {"bfloat16", "requires grad"}
    if framework == "mxnet":
        kinds |= {"requires grad", "async error"}
    return sorted(kinds - setup.kinds_not)


def _wrong_item(kind, v, data, factor=None):
    """The item ``v`` (an array or a number) of a right result, made wrong by ``kind``."""
    if factor is not None:
        return v * factor
    if kind == "shape":
        return _stack(v)
    if kind == "transposed":
        return v.T
    if kind == "scalar":
        return v.sum() if _kind(v) != "number" else v
    if kind in ("int64", "float16", "bfloat16"):
        return _astype(v, kind)
    if kind == "other float":
        dtype = str(_validate.to_numpy(v).dtype)
        return _astype(v, "float32" if dtype == "float64" else "float64")
    if kind == "framework":
        return _other_framework(v)
    if kind == "requires grad":
        return _requires_grad(v)
    if kind in ("nan", "inf"):
        position = data.draw(st.integers(0, 10**6), label="position")
        return _with_value(v, position, np.nan if kind == "nan" else np.inf)
    if kind == "overflow":
        return _overflow(v)
    if kind == "other values":
        return v + 1.0
    raise AssertionError(kind)


FACTORS = {"twice": 2.0, "half": 0.5, "negated": -1.0}


def wrong_answer(setup, kind, data):
    """A student's function: ``setup``'s right answer with the mistake ``kind``."""
    text_way = data.draw(st.sampled_from(sorted(TEXT_WAYS)), label="text way")
    error = data.draw(st.sampled_from([ZeroDivisionError, ValueError, RuntimeError, IndexError]),
                      label="error")
    changed = data.draw(st.integers(0, 3), label="changed argument")

    def student(*args):
        if kind == "raises":
            raise error(f"oops {len(args)}")
        if kind == "async error":  # MXNet reports this float16 matmul when it is read
            half = lm.mxnp.ones((2, 3), dtype="float16")
            return half @ half.T
        right = setup.right(*args)
        if kind == "none":
            return None
        if kind == "text":
            return TEXT_WAYS[text_way](right)
        if kind == "in place":
            arrays = [a for a in args if hasattr(a, "shape")]
            _change_in_place(arrays[changed % len(arrays)])
            return right
        if setup.result == "sizes":
            sizes = np.asarray(right)
            return {"shape": lambda: _stack(sizes), "scalar": lambda: int(sizes.sum()),
                    "float sizes": lambda: [float(s) for s in sizes],
                    "twice": lambda: [2 * s for s in right], "other values": lambda: [
                        s + 3 for s in right], "framework": lambda: torch.tensor(right)}[kind]()
        factor = FACTORS.get(kind)
        if kind == "sum for mean":
            n = _examples(setup, args)
            factor = n if setup.mean_over else 1 / n
        if setup.result in ("pair", "step"):
            w, b = right
            if kind == "none in pair":
                return (None, b) if changed % 2 else (w, None)
            if kind == "not a pair":
                return w
            if factor is not None and setup.result == "step":  # the step is what is scaled
                w0, b0 = args[0], args[1]
                return w0 + factor * (w - w0), b0 + factor * (b - b0)
            return _wrong_item(kind, w, data, factor), b
        return _wrong_item(kind, right, data, factor)

    return student


CASES = [(setup, kind) for setup in SETUPS for kind in kinds_for(setup)]


@pytest.mark.parametrize("setup, kind", CASES, ids=[f"{s.id}-{k}" for s, k in CASES])
@settings(max_examples=3, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_every_report_line_names_the_real_cause(setup, kind, data):
    feedback = setup.run(wrong_answer(setup, kind, data))
    assert not feedback.passed, f"{kind} passed"
    allowed = MAY_BLAME.get(kind, set())
    for problem in feedback.problems:
        said = problem.split(": ", 1)[1]  # after the case's label
        said = re.sub(r"'[^']*'", "'...'", said)  # the text it quotes is the student's
        assert re.search(EXPECT[kind], said), problem
        for cause, pattern in BLAME.items():
            if cause not in allowed:
                assert not re.search(pattern, said), (cause, problem)


# Hints that only one exercise has -------------------------------------------------------

@pytest.mark.parametrize("array", [None, torch.tensor] + ([lm.mxnp.array] if lm else []))
def test_squared_loss_that_broadcasts(array):
    feedback = check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2, array=array)
    assert "broadcast" in repr(feedback) and "reshape" in repr(feedback)


def test_closed_form_without_a_column_of_ones():
    def no_bias(X, y):
        return np.linalg.solve(X.T @ X, X.T @ y.reshape(-1)), 0.0

    assert "column of ones" in repr(check.check_closed_form(no_bias))


def test_predict_price_with_swapped_features():
    feedback = check.check_predict_price(lambda w, b, area, age: w[0] * age + w[1] * area + b)
    assert "swapped" in repr(feedback)


def test_batch_sizes_that_drop_the_last_batch():
    dropped = check.check_batch_sizes(lambda bs, n: [bs] * (n // bs))
    assert not dropped and "minibatches" in repr(dropped)


def test_sgd_step_that_does_not_step_or_broadcasts():
    assert all("w did not change" in p for p in check.check_sgd_step(
        lambda w, b, X, y, lr: (w, b)).problems)

    def broadcast(w, b, X, y, lr):
        residual = X @ w + b - y  # (|B|,) - (|B|, 1) -> (|B|, |B|) when y is a column
        return w - lr / len(X) * (X.T @ residual), b - lr / len(X) * residual.sum()

    feedback = check.check_sgd_step(broadcast)
    assert len(feedback.problems) == 1
    assert feedback.problems[0].startswith("labels as a column of shape (|B|, 1)")


def test_returning_the_batches_instead_of_their_sizes_says_so_in_a_line():
    feedback = check.check_batch_sizes(lambda bs, n: list(lnn.batch_indices(bs, n, rng=0)))
    assert not feedback.passed and len(repr(feedback)) < 2000
    assert all("the batch itself" in p or "items" in p for p in feedback.problems)


def test_huber_reference_matches_torch_smooth_l1():
    # Independent reference: PyTorch's SmoothL1Loss(beta=delta) is the same per-example loss.
    rng = np.random.default_rng(0)
    y_hat, y = rng.normal(0, 2, (50, 1)), rng.normal(0, 2, (50, 1))
    for delta in (0.5, 1.0, 2.0):
        ref = nn.SmoothL1Loss(reduction="none", beta=delta)(torch.tensor(y_hat), torch.tensor(y))
        np.testing.assert_allclose(lnn.huber_loss(y_hat, y, delta), ref.numpy(), rtol=1e-12)
        np.testing.assert_allclose(_huber(y_hat, y, delta), ref.numpy(), rtol=1e-12)
    with pytest.raises(ValueError, match="delta"):
        lnn.huber_loss(y_hat, y, 0.0)


def test_to_numpy_reads_every_array_kind():
    np.testing.assert_array_equal(check.to_numpy(torch.ones(2, requires_grad=True)), [1, 1])
    np.testing.assert_array_equal(check.to_numpy([1, 2]), [1.0, 2.0])
    if lm is not None:
        np.testing.assert_array_equal(check.to_numpy(lm.mxnp.ones(2)), [1, 1])


@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: s.id)
def test_a_checker_needs_a_function(setup):
    with pytest.raises(ValueError, match="func must be a function"):
        setup.run("mean_loss")
    if setup.array is not None:
        with pytest.raises(ValueError, match="array must be a function"):
            setup.checker(setup.right, array="torch")


# Whatever comes back: short reports, and an end to endless loops -------------------------

BIG = st.one_of(
    st.tuples(st.integers(1, 300), st.integers(1, 300)).map(lambda s: np.arange(s[0] * s[1])
                                                            .reshape(s)),
    st.integers(1, 2000).map(lambda n: [np.arange(10)] * n),
    st.integers(1, 2000).map(lambda n: [[i, i + 1] for i in range(n)]),
    st.integers(1, 5000).map(lambda n: {"values": list(range(n))}),
    st.integers(100, 20000).map(lambda n: "x" * n),
    st.integers(1, 2000).map(lambda n: (np.ones(n), list(range(n)))),
)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(SETUPS), BIG, st.booleans())
def test_every_report_is_short_whatever_is_returned_or_raised(setup, value, raise_it):
    def student(*args):
        if raise_it:
            raise ValueError(repr(value))
        return value

    feedback = setup.run(student)
    assert not feedback.passed
    assert all(len(p) <= check.MAX_PROBLEM_CHARS for p in feedback.problems), feedback
    if hasattr(value, "shape") and value.size > 1 and not raise_it:  # said by its shape
        # (unless a cause the checkers name before shapes is named: framework, grad, dtype)
        assert any(str(value.shape) in p or f"{value.size} " in p
                   or any(cause in p for cause in ("expected a", "grad", "dtype"))
                   for p in feedback.problems), feedback


@pytest.mark.parametrize("setup", [s for s in SETUPS if "-" not in s.id], ids=lambda s: s.id)
def test_a_function_that_never_returns_is_stopped(setup, monkeypatch):
    monkeypatch.setattr(check, "TIME_LIMIT", 0.2)

    def endless(*args):
        while True:
            try:
                sum(range(100))
            except Exception:  # noqa: BLE001, S110  (a student's broad except cannot hide it)
                pass

    feedback = setup.run(endless)
    assert not feedback.passed and len(feedback.problems) == 1
    assert "did not return within 0.2 s" in feedback.problems[0]
    assert setup.run(setup.right).passed  # the alarm is off again
