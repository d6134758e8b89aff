"""lnn/_scratch.py: the slides' linreg, squared_loss and data_iter, written once.

Bound to numpy (a third "framework"), they must agree with the numpy core; the bindings'
own tests (test_torch.py, test_mxnet.py) check them in PyTorch and MXNet.
"""

import numpy as np

import lnn
from lnn import _scratch, _validate

linreg, squared_loss, data_iter = _scratch.bind(lambda name, a: _validate.array(name, a),
                                                index=lambda idx, like: idx)


def test_bound_to_numpy_they_are_the_core():
    X, y = lnn.synthetic_data([2.0, -3.4], 4.2, 20, rng=0)
    w = np.array([1.0, -1.0])
    np.testing.assert_array_equal(linreg(X, w, 0.5), lnn.linreg(X, w, 0.5))
    np.testing.assert_array_equal(squared_loss(linreg(X, w, 0.5), y),
                                  lnn.squared_loss(lnn.linreg(X, w, 0.5), y))
    ours = [yb for _, yb in data_iter(7, X, y, rng=1)]
    core = [yb for _, yb in lnn.data_iter(7, X, y, rng=1)]
    assert all(np.array_equal(a, b) for a, b in zip(ours, core)) and len(ours) == 3
