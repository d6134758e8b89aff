"""check_sgd_step against a right and wrong answers to the exercise on eq. (3.1.10)."""

import numpy as np

import lnn
from lnn.check import check_sgd_step

# The exercise's solution (eq. (3.1.10) as a loop) is an executed cell of the page, ending
# in check_sgd_step; here, wrong answers built from lnn's reference.
loop_sgd_step = lnn.sgd_step


def test_the_reference_passes():
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
    assert not feedback.passed and "return the pair (w, b)" in feedback.problems[0]
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
