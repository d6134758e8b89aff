"""The chapter 3.1 exercise checkers accept a right answer and say what a wrong one got wrong."""

import numpy as np
import pytest

import lnn
from lnn import check


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def mean_loss(X, y, w, b):
    return np.mean((X @ w + b - y.reshape(-1)) ** 2 / 2)


def closed_form(X, y):
    Xb = np.hstack([X, np.ones((len(X), 1))])
    theta = np.linalg.solve(Xb.T @ Xb, Xb.T @ y.reshape(-1))
    return theta[:-1], theta[-1]


def predict_price(w, b, area, age):
    return w[0] * area + w[1] * age + b


@pytest.mark.parametrize("checker, func", [
    (check.check_squared_loss, squared_loss),
    (check.check_mean_loss, mean_loss),
    (check.check_closed_form, closed_form),
    (check.check_predict_price, predict_price),
])
def test_a_correct_answer_passes(checker, func):
    feedback = checker(func)
    assert feedback.passed, repr(feedback)
    assert "all" in repr(feedback) and "pass" in repr(feedback)


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
    text = _problems(check.check_squared_loss(lambda y_hat, y: np.mean(squared_loss(y_hat, y))))
    assert "one value per prediction" in text


def test_mean_loss_that_sums():
    text = _problems(check.check_mean_loss(lambda X, y, w, b: len(X) * mean_loss(X, y, w, b)))
    assert "divide by n" in text


def test_mean_loss_that_returns_every_loss():
    text = _problems(check.check_mean_loss(
        lambda X, y, w, b: squared_loss(X @ w + b, y)))
    assert "one number" in text


def test_closed_form_without_a_column_of_ones():
    def no_bias(X, y):
        return np.linalg.solve(X.T @ X, X.T @ y.reshape(-1)), 0.0

    assert "column of ones" in _problems(check.check_closed_form(no_bias))


def test_closed_form_that_returns_theta():
    def theta_only(X, y):
        return closed_form(X, y)[0]

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


def test_mean_loss_checker_accepts_the_vectorization_solutions():
    # The loop and the vectorized loss of the vectorization page's exercise.
    def loss_loop(X, y, w, b):
        return sum((x_i @ w + b - y_i) ** 2 / 2 for x_i, y_i in zip(X, y)) / len(X)

    def loss_vec(X, y, w, b):
        return lnn.squared_loss(lnn.linreg(X, w, b), y).mean()

    assert check.check_mean_loss(loss_loop) and check.check_mean_loss(loss_vec)
    assert not check.check_mean_loss(lambda X, y, w, b: len(X) * loss_vec(X, y, w, b))
