"""The Laplace NLL checker accepts a correct answer and rejects typical wrong ones."""

import numpy as np

import lnn
from lnn import check


# The page's solution is an executed cell ending in this checker (book build and nbmake).
def test_the_reference_passes():
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
