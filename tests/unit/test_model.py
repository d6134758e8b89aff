"""lnn/model.py: the linear model, the squared loss, eq. (3.1.6) and the closed form.

With the claims the chapter 3.1 pages state, repeated for several seeds, so that they are not
an accident of seed 0.
"""

import numpy as np
import pytest

import lnn

SEEDS = range(5)


def test_linreg_and_squared_loss_shapes():
    X = np.ones((4, 2))
    assert lnn.linreg(X, np.ones(2), 1.0).shape == (4,)
    assert lnn.linreg(X, np.ones((2, 1)), 1.0).shape == (4, 1)
    y_hat = np.zeros(4)
    y = np.arange(4.0).reshape(-1, 1)
    loss = lnn.squared_loss(y_hat, y)
    assert loss.shape == (4,)  # never the (4, 4) a broadcast would give
    np.testing.assert_allclose(loss, np.arange(4.0) ** 2 / 2)


def test_squared_loss_grad_matches_torch_autograd():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    for _ in range(5):
        X = rng.normal(size=(13, 3))
        y = rng.normal(size=(13, 1))
        w = rng.normal(size=(3, 1))
        b = rng.normal(size=(1,))
        dw, db = lnn.squared_loss_grad(X, y, w, b)
        tw = torch.tensor(w, requires_grad=True)
        tb = torch.tensor(b, requires_grad=True)
        loss = ((torch.tensor(X) @ tw + tb - torch.tensor(y)) ** 2 / 2).mean()
        loss.backward()
        np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=1e-12)
        np.testing.assert_allclose(db, tb.grad.numpy(), rtol=1e-12)


def test_closed_form_recovers_noiseless_parameters():
    X, y = lnn.synthetic_data([1.5, -2.0, 0.25], -0.7, 50, noise=0.0, rng=2)
    w, b = lnn.closed_form(X, y)
    np.testing.assert_allclose(w, [1.5, -2.0, 0.25], atol=1e-8)
    assert abs(b + 0.7) < 1e-8


def test_closed_form_on_ill_conditioned_design_matches_qr():
    rng = np.random.default_rng(5)
    base = rng.normal(size=(200, 1))
    # Two nearly collinear columns: cond(X) ~ 1e6, cond(X^T X) ~ 1e12.
    X = np.hstack([base, base + 1e-6 * rng.normal(size=(200, 1)), rng.normal(size=(200, 1))])
    y = X @ np.array([1.0, 2.0, -1.0]) + 0.5 + 1e-3 * rng.normal(size=200)
    w, b = lnn.closed_form(X, y)
    # Independent reference: QR of the augmented design, then a triangular solve.
    Q, R = np.linalg.qr(np.hstack([X, np.ones((200, 1))]))
    theta = np.linalg.solve(R, Q.T @ y)
    np.testing.assert_allclose(np.append(w, b), theta, rtol=1e-6, atol=1e-6)


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
    train = lnn.mean_loss(houses[:50], prices[:50], w, b)
    test = lnn.mean_loss(houses[50:], prices[50:], w, b)
    big = np.hstack([houses, rng.normal(size=(len(houses), 40))])
    w_big, b_big = lnn.closed_form(big[:50], prices[:50])
    train_big = lnn.mean_loss(big[:50], prices[:50], w_big, b_big)
    test_big = lnn.mean_loss(big[50:], prices[50:], w_big, b_big)
    assert 0.5 < test / train < 2
    assert train_big < train
    assert test_big > 2 * test


def test_a_threshold_unit_computes_and():
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    outputs = (lnn.linreg(inputs, np.array([1.0, 1.0]), -1.5) >= 0).astype(int)
    assert outputs.tolist() == [0, 0, 0, 1]
