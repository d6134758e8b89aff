"""The numpy core: data, model, loss, closed form, SGD, seeding."""

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


def test_set_seed_makes_runs_repeat():
    lnn.set_seed(3)
    first = lnn.synthetic_data(TRUE_W, TRUE_B, 10)
    lnn.set_seed(3)
    second = lnn.synthetic_data(TRUE_W, TRUE_B, 10)
    lnn.set_seed(4)
    third = lnn.synthetic_data(TRUE_W, TRUE_B, 10)
    np.testing.assert_array_equal(first[0], second[0])
    assert not np.array_equal(first[0], third[0])


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


def test_sgd_recovers_true_parameters():
    X, y = lnn.synthetic_data(TRUE_W, TRUE_B, 1000, rng=0)
    w, b, losses = lnn.train_epochs(X, y, np.zeros((2, 1)), 0.0, lr=0.03, batch_size=10,
                                    num_epochs=3, rng=0)
    assert np.max(np.abs(w.ravel() - TRUE_W)) < 0.01
    assert abs(b - TRUE_B) < 0.01
    assert losses[-1] < losses[0]


def test_normal_density_integrates_to_one_and_peaks_at_mean():
    x = np.linspace(-20, 23, 200001)
    for mu, sigma in [(0, 1), (0, 2), (3, 1)]:
        p = lnn.normal(x, mu, sigma)
        assert np.sum(p) * (x[1] - x[0]) == pytest.approx(1, abs=1e-6)  # Riemann sum
        assert x[np.argmax(p)] == pytest.approx(mu, abs=1e-3)


def test_timer_records_times():
    timer = lnn.Timer()
    timer.stop()
    timer.start()
    timer.stop()
    assert len(timer.times) == 2 and all(t >= 0 for t in timer.times)
    assert timer.sum() == pytest.approx(sum(timer.times))
    assert timer.cumsum()[-1] == pytest.approx(timer.sum())
