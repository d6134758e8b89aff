"""The claims the chapter 3.1 pages state, checked with the same lnn helpers.

The notebooks assert their own numbers at build time; these tests check that the claims are
not an accident of seed 0, by repeating them for several seeds.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import lnn
from lnn import conditioning, figures

SEEDS = range(5)


# Loss function page ---------------------------------------------------------------------

def test_squared_loss_is_quadratic_in_the_residual():
    residuals = np.array([0.5, 1.0, 3.0, -7.0])
    zeros = np.zeros_like(residuals)
    assert np.allclose(lnn.squared_loss(2 * residuals, zeros),
                       4 * lnn.squared_loss(residuals, zeros))


def test_one_large_residual_dominates_the_squared_loss():
    residuals = np.array([1.0, 1.0, 1.0, 1.0, 10.0])  # the page's example
    losses = lnn.squared_loss(residuals, np.zeros_like(residuals))
    share_squared = losses[-1] / losses.sum()
    share_absolute = abs(residuals[-1]) / np.abs(residuals).sum()
    assert share_squared > 0.9 > share_absolute


# Analytic solution page -----------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_closed_form_recovers_the_synthetic_parameters(seed):
    true_w, true_b = np.array([2.0, -3.4]), 4.2
    X, y = lnn.synthetic_data(true_w, true_b, 1000, rng=seed)
    Xb = np.hstack([X, np.ones((len(X), 1))])
    theta = np.linalg.inv(Xb.T @ Xb) @ Xb.T @ y.reshape(-1)  # eq. (3.1.8) as on the page
    assert np.abs(theta[:-1] - true_w).max() < 1e-3
    assert abs(theta[-1] - true_b) < 1e-3
    w, b = lnn.closed_form(X, y)
    assert np.allclose(w, theta[:-1]) and np.isclose(b, theta[-1])


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


# Predictions page -----------------------------------------------------------------------

def _loss(X, y, w, b):
    return float(np.mean(lnn.squared_loss(lnn.linreg(X, w, b), y.reshape(-1))))


@pytest.mark.parametrize("seed", SEEDS)
def test_sgd_stops_near_but_not_at_the_minimizer(seed):
    X, y = lnn.house_data(50, rng=seed)
    S = (X - X.mean(axis=0)) / X.std(axis=0)
    w_exact, b_exact = lnn.closed_form(S, y)
    rng = np.random.default_rng(seed)
    w, b, gaps = np.zeros(2), 0.0, []
    for _ in range(30):
        w, b, _ = lnn.train_epochs(S, y, w, b, lr=0.1, batch_size=10, num_epochs=1, rng=rng)
        gaps.append(_loss(S, y, w, b) - _loss(S, y, w_exact, b_exact))
    assert min(gaps) > 0
    assert gaps[-1] < gaps[0]


@pytest.mark.parametrize("seed", SEEDS)
def test_linear_regression_has_one_minimum_the_two_layer_product_many(seed):
    X, _ = lnn.house_data(50, rng=seed)
    S = np.hstack([(X - X.mean(axis=0)) / X.std(axis=0), np.ones((len(X), 1))])
    assert np.linalg.eigvalsh(S.T @ S / len(S)).min() > 0
    x, y = lnn.synthetic_data([2.0], 0.0, 100, rng=seed)
    x, y = x.reshape(-1), y.reshape(-1)
    c = (x @ y) / (x @ x)

    def loss(w1, w2):
        return float(np.mean(lnn.squared_loss(w2 * (w1 * x), y)))

    assert np.isclose(loss(1.0, c), loss(-1.0, -c))
    assert loss(0.0, 0.0) > loss(1.0, c)


@pytest.mark.parametrize("seed", SEEDS)
def test_linear_model_generalizes_and_noise_features_overfit(seed):
    rng = np.random.default_rng(seed)
    houses, prices = lnn.house_data(1050, rng=rng)
    w, b = lnn.closed_form(houses[:50], prices[:50])
    train, test = _loss(houses[:50], prices[:50], w, b), _loss(houses[50:], prices[50:], w, b)
    big = np.hstack([houses, rng.normal(size=(len(houses), 40))])
    w_big, b_big = lnn.closed_form(big[:50], prices[:50])
    train_big = _loss(big[:50], prices[:50], w_big, b_big)
    test_big = _loss(big[50:], prices[50:], w_big, b_big)
    assert 0.5 < test / train < 2
    assert train_big < train
    assert test_big > 2 * test


# From linear regression to deep networks ------------------------------------------------

def test_a_threshold_unit_computes_and():
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    outputs = (lnn.linreg(inputs, np.array([1.0, 1.0]), -1.5) >= 0).astype(int)
    assert outputs.tolist() == [0, 0, 0, 1]


@pytest.mark.parametrize("draw", ["fit", "network", "neuron", "conditioning"])
def test_the_figures_draw(draw):
    if draw == "fit":
        fig = figures.fit_with_residuals(np.arange(5.0), np.arange(5.0) ** 1.5, 2.0, -1.0)
        assert len(fig.axes[0].collections) == 2  # residual segments and data points
    elif draw == "network":
        fig = figures.single_layer_network()
    elif draw == "neuron":
        fig = figures.neuron()
        texts = {t.get_text() for t in fig.axes[0].texts}
        assert {"dendrites", "nucleus", "axon", "axon terminals"} <= texts
    else:
        conds = np.logspace(0, 4, 5)
        fig = figures.condition_errors(conds, conditioning.parameter_errors(conds, rng=0))
        assert len(fig.axes[0].lines) == len(conditioning.SOLVERS)
    plt.close(fig)


def test_fit_with_residuals_rejects_mismatched_data():
    with pytest.raises(ValueError, match="same length"):
        figures.fit_with_residuals(np.arange(3.0), np.arange(4.0), 1.0, 0.0)


def test_house_data_shapes_and_ranges():
    X, y = lnn.house_data(200, rng=0)
    assert X.shape == (200, 2) and y.shape == (200, 1)
    assert X[:, 0].min() >= 500 and X[:, 0].max() <= 3500
    assert X[:, 1].min() >= 0 and X[:, 1].max() <= 50
    with pytest.raises(ValueError, match="num_examples"):
        lnn.house_data(0)
