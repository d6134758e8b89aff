"""lnn/seed.py: one seed for the whole course, one route (get_rng) for random draws."""

import numpy as np

import lnn

TRUE_W = np.array([2.0, -3.4])

TRUE_B = 4.2


def test_set_seed_makes_runs_repeat():
    lnn.set_seed(3)
    first = lnn.synthetic_data(TRUE_W, TRUE_B, 10)
    lnn.set_seed(3)
    second = lnn.synthetic_data(TRUE_W, TRUE_B, 10)
    lnn.set_seed(4)
    third = lnn.synthetic_data(TRUE_W, TRUE_B, 10)
    np.testing.assert_array_equal(first[0], second[0])
    assert not np.array_equal(first[0], third[0])
