"""lnn/stats.py: the normal density and maximum likelihood under Gaussian noise (D2L 3.1.3)."""

import math

import numpy as np
import pytest

import lnn


def test_normal_density_integrates_to_one_and_peaks_at_mean():
    x = np.linspace(-20, 23, 200001)
    for mu, sigma in [(0, 1), (0, 2), (3, 1)]:
        p = lnn.normal(x, mu, sigma)
        assert np.sum(p) * (x[1] - x[0]) == pytest.approx(1, abs=1e-6)  # Riemann sum
        assert x[np.argmax(p)] == pytest.approx(mu, abs=1e-3)


def _data(noise=0.5, n=200, seed=0):
    return lnn.synthetic_data([2.0, -3.4], 4.2, n, noise=noise, rng=seed)


@pytest.mark.parametrize("sigma", [0.01, 0.3, 1.0, 7.0])
def test_nll_is_scaled_squared_loss_plus_constant(sigma):
    X, y = _data()
    w, b = np.array([1.0, -2.0]), 0.5
    y_hat = lnn.linreg(X, w, b)
    nll = lnn.gaussian_nll(y_hat, y, sigma)
    mse_form = len(y) / 2 * math.log(2 * math.pi * sigma**2) + \
        lnn.squared_loss(y_hat, y).sum() / sigma**2
    assert nll == pytest.approx(mse_form, rel=1e-12)


def test_nll_is_minus_log_of_the_product_of_densities():
    X, y = _data(noise=1.0, n=30)
    y_hat = lnn.linreg(X, np.array([1.8, -3.0]), 4.0)
    direct = -np.log(np.prod(lnn.normal(y.ravel(), y_hat, 1.3)))  # eq. (3.1.14), small n
    assert lnn.gaussian_nll(y_hat, y, 1.3) == pytest.approx(direct, rel=1e-10)


def test_nll_differences_are_mse_differences_over_sigma_squared():
    X, y = _data()
    y1, y2 = lnn.linreg(X, np.array([1.0, -2.0]), 0.5), lnn.linreg(X, np.array([2, -3.0]), 4)
    mse1, mse2 = lnn.squared_loss(y1, y).mean(), lnn.squared_loss(y2, y).mean()
    for sigma in [0.1, 1.0, 3.0]:
        dnll = lnn.gaussian_nll(y1, y, sigma) - lnn.gaussian_nll(y2, y, sigma)
        assert dnll == pytest.approx(len(y) * (mse1 - mse2) / sigma**2, rel=1e-10)


@pytest.mark.parametrize("sigma", [0.01, 0.5, 1.0, 10.0])
def test_minimizing_the_nll_lands_on_the_closed_form(sigma):
    torch = pytest.importorskip("torch")
    X, y = _data(noise=0.5)
    w_cf, b_cf = lnn.closed_form(X, y)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], line_search_fn="strong_wolfe", tolerance_grad=1e-14,
                            tolerance_change=1e-16, max_iter=200)

    def closure():
        opt.zero_grad()
        loss = lnn.gaussian_nll(Xt @ w + b, yt, sigma)
        loss.backward()
        return loss

    opt.step(closure)
    np.testing.assert_allclose(w.detach().numpy(), w_cf, atol=1e-6)
    assert b.detach().item() == pytest.approx(b_cf, abs=1e-6)


def test_sigma_mle_is_the_rms_residual():
    X, y = _data(noise=0.5, n=2000)
    w, b = lnn.closed_form(X, y)
    y_hat = lnn.linreg(X, w, b)
    sigma_hat = math.sqrt(np.mean((y.ravel() - y_hat) ** 2))
    nll = [lnn.gaussian_nll(y_hat, y, s) for s in (0.99 * sigma_hat, sigma_hat, 1.01 * sigma_hat)]
    assert nll[1] < nll[0] and nll[1] < nll[2]
    assert abs(sigma_hat - 0.5) < 0.05


def test_laplace_nll_is_absolute_loss_plus_constant():
    X, y = _data()
    y_hat = lnn.linreg(X, np.array([1.0, -2.0]), 0.5)
    expected = len(y) * math.log(2 * 0.7) + np.abs(y.ravel() - y_hat).sum() / 0.7
    assert lnn.laplace_nll(y_hat, y, 0.7) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("func", [lnn.gaussian_nll, lnn.laplace_nll])
@pytest.mark.parametrize("scale", [0, -1.0, float("inf"), "1"])
def test_bad_scale_raises(func, scale):
    with pytest.raises(ValueError, match="sigma|scale"):
        func(np.zeros(3), np.zeros(3), scale)


def test_size_mismatch_raises():
    with pytest.raises(ValueError, match="same number of values"):
        lnn.gaussian_nll(np.zeros(3), np.zeros(4), 1.0)
