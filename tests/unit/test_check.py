"""lnn/check.py: each exercise checker accepts the right answer and says what a wrong one
got wrong (chapter 3.1, 3.2-3.3 in numpy, PyTorch and MXNet, and the likelihood page)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lnn
from lnn import check

torch = pytest.importorskip("torch")

from mxnet_env import import_lnn_mxnet, needs_mxnet  # noqa: E402
from torch import nn  # noqa: E402

from lnn.check import check_sgd_step  # noqa: E402

lm = import_lnn_mxnet()


# The right answers are the pages' solutions: executed cells that end in these checkers (the
# book build and nbmake run them). Here: lnn's references, and wrong answers built from them.
def mean_loss(X, y, w, b):
    return lnn.squared_loss(lnn.linreg(X, w, b), y).mean()


def _problems(feedback):
    assert not feedback.passed
    return " ".join(feedback.problems)


def test_squared_loss_without_the_half():
    text = _problems(check.check_squared_loss(lambda y_hat, y: (y_hat - y.reshape(y_hat.shape))
                                              ** 2))
    assert "1/2" in text


def test_squared_loss_that_broadcasts():
    text = _problems(check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2))
    assert "broadcast" in text and "reshape" in text


def test_squared_loss_that_averages():
    text = _problems(check.check_squared_loss(lambda y_hat, y: np.mean(lnn.squared_loss(y_hat, y))))
    assert "one value per prediction" in text


def test_mean_loss_that_sums():
    text = _problems(check.check_mean_loss(lambda X, y, w, b: len(X) * mean_loss(X, y, w, b)))
    assert "divide by n" in text


def test_mean_loss_that_returns_every_loss():
    text = _problems(check.check_mean_loss(
        lambda X, y, w, b: lnn.squared_loss(X @ w + b, y)))
    assert "one number" in text


def test_closed_form_without_a_column_of_ones():
    def no_bias(X, y):
        return np.linalg.solve(X.T @ X, X.T @ y.reshape(-1)), 0.0

    assert "column of ones" in _problems(check.check_closed_form(no_bias))


def test_closed_form_that_returns_theta():
    def theta_only(X, y):
        return lnn.closed_form(X, y)[0]

    assert "pair (w, b)" in _problems(check.check_closed_form(theta_only))


def test_closed_form_that_raises_is_reported_not_raised():
    def broken(X, y):
        raise RuntimeError("not done yet")

    assert "RuntimeError: not done yet" in _problems(check.check_closed_form(broken))


def test_predict_price_with_swapped_features():
    text = _problems(check.check_predict_price(lambda w, b, area, age: w[0] * age + w[1] * area
                                               + b))
    assert "swapped" in text


def test_predict_price_without_bias():
    text = _problems(check.check_predict_price(lambda w, b, area, age: w[0] * area + w[1] * age))
    assert "differ" in text


def test_mean_loss_that_sums_over_a_vectorized_loss():
    assert not check.check_mean_loss(lambda X, y, w, b: len(X) * mean_loss(X, y, w, b))


def test_squared_loss_checker():
    assert check.check_squared_loss(lnn.squared_loss)
    no_reshape = check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2)
    assert not no_reshape
    assert "broadcast" in repr(no_reshape) and "(5, 5)" in repr(no_reshape)
    assert not check.check_squared_loss(lambda y_hat, y: (y_hat - y.reshape(y_hat.shape)) ** 2)


def test_squared_loss_checker_with_torch():
    import lnn.torch as lt

    assert check.check_squared_loss(lt.squared_loss, array=torch.tensor)
    assert not check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2, array=torch.tensor)


@needs_mxnet
def test_squared_loss_checker_with_mxnet():
    assert check.check_squared_loss(lm.squared_loss, array=lm.mxnp.array)
    assert not check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2,
                                        array=lm.mxnp.array)


def test_batch_sizes_checker():
    def batch_sizes(batch_size, num_examples):  # from lnn's reference, not the page's answer
        return [len(idx) for idx in lnn.batch_indices(batch_size, num_examples, rng=0)]

    assert check.check_batch_sizes(batch_sizes)
    dropped = check.check_batch_sizes(lambda bs, n: [bs] * (n // bs))  # forgets the last one
    assert not dropped and "minibatches" in repr(dropped)
    assert not check.check_batch_sizes(lambda bs, n: [bs] * -(-n // bs))  # last one too big
    assert not check.check_batch_sizes(lambda bs, n: None)


huber_numpy = lnn.huber_loss  # the pages' Huber solutions run as cells ending in the checker


def test_huber_reference_matches_torch_smooth_l1():
    # Independent reference: PyTorch's SmoothL1Loss(beta=delta) is the same per-example loss.
    rng = np.random.default_rng(0)
    y_hat, y = rng.normal(0, 2, (50, 1)), rng.normal(0, 2, (50, 1))
    for delta in (0.5, 1.0, 2.0):
        ref = nn.SmoothL1Loss(reduction="none", beta=delta)(torch.tensor(y_hat), torch.tensor(y))
        np.testing.assert_allclose(lnn.huber_loss(y_hat, y, delta), ref.numpy(), rtol=1e-12)
    with pytest.raises(ValueError, match="delta"):
        lnn.huber_loss(y_hat, y, 0.0)


def test_huber_checker():
    assert check.check_huber_loss(huber_numpy)
    # torch's HuberLoss(delta) is delta times it: right only for delta = 1.
    scaled = check.check_huber_loss(lambda y_hat, y, delta=1.0: delta * huber_numpy(y_hat, y,
                                                                                  delta))
    assert not scaled and len(scaled.problems) == 2
    assert not check.check_huber_loss(lambda y_hat, y, delta=1.0: (y_hat - y) ** 2 / 2)
    assert not check.check_huber_loss(lambda y_hat, y: huber_numpy(y_hat, y))  # no delta arg


def test_weight_grad_checker_numpy():
    assert check.check_weight_grad(lambda X, y, w, b: lnn.squared_loss_grad(X, y, w, b)[0])
    summed = check.check_weight_grad(
        lambda X, y, w, b: len(X) * lnn.squared_loss_grad(X, y, w, b)[0])
    assert not summed and "summed, not averaged" in repr(summed)
    assert not check.check_weight_grad(lambda X, y, w, b: np.zeros(3))


def test_weight_grad_checker_torch():
    def weight_grad(X, y, w, b, half=True):
        net = nn.Sequential(nn.Linear(2, 1)).double()
        with torch.no_grad():
            net[0].weight.copy_(w.T)
            net[0].bias.copy_(b)
        (nn.MSELoss()(net(X), y) / (2 if half else 1)).backward()
        return net[0].weight.grad

    assert check.check_weight_grad(weight_grad, array=torch.tensor)
    no_half = check.check_weight_grad(lambda *a: weight_grad(*a, half=False),
                                      array=torch.tensor)
    assert not no_half and "exactly twice" in repr(no_half)


@needs_mxnet
def test_weight_grad_checker_mxnet():
    from mxnet import autograd, gluon
    from mxnet.gluon import nn as nn_

    def weight_grad(X, y, w, b, mean=True):
        net = nn_.Sequential()
        net.add(nn_.Dense(1))
        net.initialize()
        net(X)
        net[0].weight.set_data(w.T)
        net[0].bias.set_data(b)
        with autograd.record():
            l = gluon.loss.L2Loss()(net(X), y)  # noqa: E741
            if mean:
                l = l.mean()  # noqa: E741
        l.backward()
        return net[0].weight.grad()

    to32 = lambda a: lm.mxnp.array(a, dtype="float32")  # noqa: E731
    assert check.check_weight_grad(weight_grad, array=to32)
    assert not check.check_weight_grad(lambda *a: weight_grad(*a, mean=False), array=to32)


def test_to_numpy_reads_every_array_kind():
    np.testing.assert_array_equal(check.to_numpy(torch.ones(2, requires_grad=True)), [1, 1])
    np.testing.assert_array_equal(check.to_numpy([1, 2]), [1.0, 2.0])
    if lm is not None:
        np.testing.assert_array_equal(check.to_numpy(lm.mxnp.ones(2)), [1, 1])


def test_correct_answer_passes():
    feedback = check.check_laplace_nll(lnn.laplace_nll)
    assert feedback.passed, feedback
    assert "all 5 test cases pass" in repr(feedback)


def test_torch_style_answer_passes():
    feedback = check.check_laplace_nll(
        lambda y_hat, y, b: len(y) * np.log(2 * b) + np.abs(y - y_hat).sum() / b)
    assert feedback.passed, feedback


def test_squared_instead_of_absolute_fails():
    feedback = check.check_laplace_nll(
        lambda y_hat, y, b: np.sum(np.log(2 * b) + (y - y_hat) ** 2 / b))
    assert not feedback.passed
    assert "values differ" in repr(feedback)


def test_missing_normalisation_fails():
    feedback = check.check_laplace_nll(lambda y_hat, y, b: np.sum(np.abs(y - y_hat) / b))
    assert not feedback.passed


def test_per_example_losses_instead_of_a_sum_fail():
    feedback = check.check_laplace_nll(
        lambda y_hat, y, b: np.log(2 * b) + np.abs(y - y_hat) / b)
    assert not feedback.passed
    assert "sum over the examples" in repr(feedback)


def test_error_in_student_code_is_reported():
    def broken(y_hat, y, b):
        raise NotImplementedError("todo")

    feedback = check.check_laplace_nll(broken)
    assert not feedback.passed
    assert "NotImplementedError" in repr(feedback)


loop_sgd_step = lnn.sgd_step  # the page's loop solution runs as a cell ending in the checker


def test_correct_answers_pass():
    assert check_sgd_step(lnn.sgd_step).passed
    assert "all 4 test cases pass" in repr(check_sgd_step(lnn.sgd_step))


def test_forgetting_to_divide_by_the_batch_size_fails():
    def summed(w, b, X, y, lr):
        w_new, b_new = loop_sgd_step(w, b, X, y, lr)
        return w - len(X) * (w - w_new), b - len(X) * (b - b_new)

    feedback = check_sgd_step(summed)
    assert not feedback.passed
    # The case with one example cannot tell a sum from a mean; the others can.
    assert len(feedback.problems) == 3
    assert all("times too large: divide the sum over the minibatch by |B|" in p
               for p in feedback.problems)
    assert any(p.startswith("a minibatch of 32 examples") and "|B| = 32" in p
               for p in feedback.problems)


def test_hints_for_a_step_that_is_missing_or_uphill():
    feedback = check_sgd_step(lambda w, b, X, y, lr: (w, b))
    assert len(feedback.problems) == 4 and all("w did not change" in p
                                               for p in feedback.problems)

    def uphill(w, b, X, y, lr):
        w_new, b_new = loop_sgd_step(w, b, X, y, lr)
        return 2 * w - w_new, 2 * b - b_new

    feedback = check_sgd_step(uphill)
    assert all("moved uphill" in p for p in feedback.problems)


def test_the_broadcasting_bug_is_caught_on_column_labels():
    def broadcast(w, b, X, y, lr):
        residual = X @ w + b - y  # (|B|,) - (|B|, 1) -> (|B|, |B|) when y is a column
        return w - lr / len(X) * (X.T @ residual), b - lr / len(X) * residual.sum()

    feedback = check_sgd_step(broadcast)
    assert not feedback.passed
    assert len(feedback.problems) == 1
    assert feedback.problems[0].startswith("labels as a column of shape (|B|, 1)")
    assert "broadcast" in feedback.problems[0] or "shape" in feedback.problems[0]


def test_wrong_return_values_and_errors_are_reported_not_raised():
    feedback = check_sgd_step(lambda w, b, X, y, lr: w)
    assert not feedback.passed and "expected a pair (w, b)" in feedback.problems[0]
    feedback = check_sgd_step(
        lambda w, b, X, y, lr: (loop_sgd_step(w, b, X, y, lr)[0], np.array([b, b])))
    assert "b must be one number" in feedback.problems[0]

    def crashes(w, b, X, y, lr):
        raise RuntimeError("not done yet")

    feedback = check_sgd_step(crashes)
    assert len(feedback.problems) == 4 and "RuntimeError: not done yet" in feedback.problems[0]


def test_a_student_function_that_updates_in_place_does_not_spoil_later_cases():
    def in_place(w, b, X, y, lr):
        w_new, b_new = loop_sgd_step(w, b, X, y, lr)
        w[:] = w_new
        X[:] = 0.0
        return w, b_new

    assert check_sgd_step(in_place).passed


def test_array_must_be_a_function():
    with pytest.raises(ValueError, match="array must be a function"):
        check.check_squared_loss(lnn.squared_loss, array="torch")


# Kinds of wrong answers, for every checker (issue 19: text, long reports, endless loops) ---

def _predict_price(w, b, area, age):
    return w[0] * area + w[1] * age + b


#: Each checker with a right answer from lnn's references (the test first asserts it passes).
RIGHT = {
    check.check_squared_loss: lnn.squared_loss,
    check.check_mean_loss: lnn.mean_loss,
    check.check_closed_form: lnn.closed_form,
    check.check_predict_price: _predict_price,
    check.check_laplace_nll: lnn.laplace_nll,
    check.check_batch_sizes: lambda bs, n: [len(i) for i in lnn.batch_indices(bs, n, rng=0)],
    check.check_huber_loss: lnn.huber_loss,
    check.check_weight_grad: lambda X, y, w, b: lnn.squared_loss_grad(X, y, w, b)[0],
    check.check_sgd_step: lnn.sgd_step,
}
# The ways a right value becomes text: str() and f-strings of the whole value, of each item
# of a pair, of each value of an array (a list of strings or numpy's string array).
AS_TEXT = {
    "str": str,
    "f-string": lambda v: f"{v}",
    "items": lambda v: tuple(str(x) for x in v) if isinstance(v, tuple) else str(v),
    "values": lambda v: [str(x) for x in np.ravel(np.asarray(v, dtype=object))]
    if not isinstance(v, tuple) else (np.asarray(v[0]).astype(str), str(v[1])),
    "numpy strings": lambda v: np.asarray(v).astype(str) if not isinstance(v, tuple)
    else (np.asarray(v[0]).astype(str), np.asarray(v[1]).astype(str)),
}


@settings(max_examples=45, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(list(RIGHT)), st.sampled_from(list(AS_TEXT)))
def test_a_right_value_returned_as_text_is_reported_as_text(checker, how):
    right = RIGHT[checker]
    assert checker(right).passed
    feedback = checker(lambda *args: AS_TEXT[how](right(*args)))
    assert not feedback.passed
    assert all("returned text" in p for p in feedback.problems), feedback


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
@given(st.sampled_from(list(RIGHT)), BIG, st.booleans())
def test_every_report_is_short_whatever_is_returned_or_raised(checker, value, raise_it):
    def student(*args):
        if raise_it:
            raise ValueError(repr(value))
        return value

    feedback = checker(student)
    assert not feedback.passed
    assert all(len(p) <= check.MAX_PROBLEM_CHARS for p in feedback.problems), feedback
    if hasattr(value, "shape") and value.size > 1 and not raise_it:  # said by its shape
        assert any(str(value.shape) in p or f"{value.size} " in p
                   for p in feedback.problems), feedback


def test_returning_the_batches_instead_of_their_sizes_says_so_in_a_line():
    feedback = check.check_batch_sizes(lambda bs, n: list(lnn.batch_indices(bs, n, rng=0)))
    assert not feedback.passed and len(repr(feedback)) < 2000
    assert all("the batch itself" in p or "items" in p for p in feedback.problems)


@pytest.mark.parametrize("checker", list(RIGHT))
def test_a_function_that_never_returns_is_stopped(checker, monkeypatch):
    monkeypatch.setattr(check, "TIME_LIMIT", 0.2)

    def endless(*args):
        while True:
            try:
                sum(range(100))
            except Exception:  # noqa: BLE001, S110  (a student's broad except cannot hide it)
                pass

    feedback = checker(endless)
    assert not feedback.passed and len(feedback.problems) == 1
    assert "did not return within 0.2 s" in feedback.problems[0]
    assert checker(RIGHT[checker]).passed  # the alarm is off again
