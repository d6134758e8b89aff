"""lnn/data.py: synthetic data, house data and minibatches (D2L 3.2.1-3.2.2)."""

import numpy as np
import pytest

import lnn

TRUE_W = np.array([2.0, -3.4])

TRUE_B = 4.2


def test_synthetic_data_shapes_and_noise():
    X, y = lnn.synthetic_data(TRUE_W, TRUE_B, 5000, noise=0.01, rng=1)
    assert X.shape == (5000, 2) and y.shape == (5000, 1)
    residual = y.ravel() - (X @ TRUE_W + TRUE_B)
    assert abs(residual.std() - 0.01) < 0.001
    assert abs(X.mean()) < 0.05 and abs(X.std() - 1) < 0.05


@pytest.mark.parametrize("num_examples, batch_size", [(1000, 10), (1000, 7), (5, 10), (1, 1)])
def test_data_iter_covers_each_example_once(num_examples, batch_size):
    X = np.arange(num_examples * 2).reshape(num_examples, 2)
    y = np.arange(num_examples).reshape(-1, 1)
    batches = list(lnn.data_iter(batch_size, X, y, rng=0))
    seen = np.concatenate([yb.ravel() for _, yb in batches])
    assert sorted(seen.tolist()) == list(range(num_examples))
    sizes = [len(yb) for _, yb in batches]
    assert sizes[:-1] == [batch_size] * (len(sizes) - 1)
    assert sizes[-1] == num_examples - batch_size * (len(sizes) - 1)
    for Xb, yb in batches:  # features stay paired with their labels
        np.testing.assert_array_equal(Xb[:, 0] // 2, yb.ravel())


def test_data_iter_shuffles():
    X = np.arange(100).reshape(-1, 1)
    first = next(lnn.data_iter(100, X, X, rng=0))[1].ravel()
    assert not np.array_equal(first, np.arange(100))


def test_house_data_shapes_and_ranges():
    X, y = lnn.house_data(200, rng=0)
    assert X.shape == (200, 2) and y.shape == (200, 1)
    assert X[:, 0].min() >= 500 and X[:, 0].max() <= 3500
    assert X[:, 1].min() >= 0 and X[:, 1].max() <= 50
    with pytest.raises(ValueError, match="num_examples"):
        lnn.house_data(0)
