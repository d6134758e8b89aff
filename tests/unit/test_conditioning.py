"""lnn/conditioning.py: the analytic solution's solvers and how they lose accuracy."""


import numpy as np
import pytest

import lnn
from lnn import conditioning

SEEDS = range(5)


def test_forming_xtx_squares_the_condition_number():
    X = conditioning.design_with_condition(100, 5, 1e4, rng=0)
    assert np.isclose(np.linalg.cond(X), 1e4, rtol=1e-6)
    assert np.isclose(np.linalg.cond(X.T @ X), np.linalg.cond(X) ** 2, rtol=1e-3)


@pytest.mark.parametrize("seed", SEEDS)
def test_normal_equations_lose_accuracy_faster_than_least_squares(seed):
    conds = np.logspace(0, 8, 17)
    errors = conditioning.parameter_errors(conds, rng=seed)
    inverse, solve, lstsq = (errors[name] for name in conditioning.SOLVERS)
    fit = (conds >= 10) & (conds <= 1e6)
    assert 1.5 < conditioning.loglog_slope(conds[fit], inverse[fit]) < 2.5
    assert 1.5 < conditioning.loglog_slope(conds[fit], solve[fit]) < 2.5
    assert 0.5 < conditioning.loglog_slope(conds[fit], lstsq[fit]) < 1.5
    ill = conds >= 100
    assert np.all(lstsq[ill] < solve[ill]) and np.all(lstsq[ill] < inverse[ill])
    assert inverse[-1] / lstsq[-1] > 1e6
    assert np.exp(np.mean(np.log(inverse[ill] / solve[ill]))) > 1  # the inverse is worse


@pytest.mark.parametrize("seed", SEEDS)
def test_standardizing_the_houses_fixes_their_conditioning(seed):
    X, _ = lnn.house_data(100, rng=seed)
    ones = np.ones((len(X), 1))
    assert np.linalg.cond(np.hstack([X, ones])) > 1000
    S = (X - X.mean(axis=0)) / X.std(axis=0)
    assert np.linalg.cond(np.hstack([S, ones])) < 2


def test_design_with_condition_rejects_bad_arguments():
    with pytest.raises(ValueError, match="cond"):
        conditioning.design_with_condition(10, 3, 0.5)
    with pytest.raises(ValueError, match="num_examples"):
        conditioning.design_with_condition(2, 3, 10.0)
