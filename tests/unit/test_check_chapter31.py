"""The chapter 3.1 exercise checkers accept a right answer and say what a wrong one got wrong."""

import numpy as np

import lnn
from lnn import check


# The right answers are the pages' solutions, executed cells that end in these checkers
# (the book build and nbmake run them); here, wrong answers built from lnn's references.
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
