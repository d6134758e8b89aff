"""lnn/figures_sgd.py: the SGD run figure, its PNG and the loss contours."""

import io

import numpy as np
import pytest

import lnn
import lnn.explorer
from lnn.figures_sgd import SGDRunFigure, encode_png, loss_surface, plot_loss_contour

PIL = pytest.importorskip("PIL.Image")  # a dependency of matplotlib


@pytest.fixture(scope="module")
def data():
    return lnn.explorer.demo_data(60, rng=3)


def _png(data):
    return PIL.open(io.BytesIO(data))


def test_encode_png_quantizes_to_a_small_palette():
    rgba = np.random.default_rng(0).integers(0, 255, (20, 30, 4), dtype=np.uint8)
    image = _png(encode_png(rgba, colors=32))
    assert image.size == (30, 20) and image.mode == "P"
    assert len(image.getcolors()) <= 32
    assert _png(encode_png(rgba, colors=None)).mode == "RGB"


def test_figure_says_diverged_and_draws_no_fit(data):
    X, y = data
    figure = SGDRunFigure(X, y, num_epochs=5)
    figure.show(lnn.run_sgd(X, y, lr=5.0, batch_size=10, num_epochs=5, rng=0))
    assert [t.get_text() for t in figure.texts] == ["diverged", "diverged"]
    assert len(figure.fit_line.get_xdata()) == 0
    assert "diverged" in figure.title.get_text()
    lo, hi = figure.ax_loss.get_ylim()
    assert np.isfinite([lo, hi]).all()
    assert _png(figure.png()).mode == "P"

    figure.show(lnn.run_sgd(X, y, lr=0.1, batch_size=10, num_epochs=5, rng=0))
    assert [t.get_text() for t in figure.texts] == ["", ""]
    assert len(figure.fit_line.get_xdata()) == 2
    assert "final loss" in figure.title.get_text()


def test_figure_needs_one_feature():
    with pytest.raises(ValueError, match=r"X must be of shape \(num_examples, 1\)"):
        SGDRunFigure(np.ones((5, 2)), np.ones(5), num_epochs=1)


def test_loss_surface_is_the_mean_squared_loss():
    X, y = lnn.synthetic_data([2.0, -3.4], 4.2, 50, rng=0)
    w1, w2 = np.array([0.0, 2.0]), np.array([-3.4, 1.0, 5.0])
    surface = loss_surface(X, y, w1, w2, 4.2)
    assert surface.shape == (3, 2)
    expected = lnn.squared_loss(lnn.linreg(X, np.array([2.0, 1.0]), 4.2), y).mean()
    assert surface[1, 1] == pytest.approx(expected)


def test_plot_loss_contour_draws_every_run():
    X, y = lnn.synthetic_data([2.0, -3.4], 4.2, 100, rng=0)
    runs = [lnn.run_sgd(X, y, lr=0.05, batch_size=b, num_steps=10, rng=0) for b in (100, 1)]
    axes = plot_loss_contour(X, y, runs, ["GD", "SGD"])
    labels = [line.get_label() for line in axes.get_lines()]
    assert labels[:2] == ["GD", "SGD"]
    with pytest.raises(ValueError, match="one label per run"):
        plot_loss_contour(X, y, runs, ["GD"])
