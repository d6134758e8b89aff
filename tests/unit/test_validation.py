"""Bad input gets a ValueError that names the argument and what was expected."""

import numpy as np
import pytest

import lnn

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
