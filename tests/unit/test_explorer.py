"""run_sgd and its divergence flag, the SGD figures and both slider explorers."""

import io

import numpy as np
import pytest

import lnn
import lnn.explorer
from lnn.figures_sgd import SGDRunFigure, encode_png, loss_surface, plot_loss_contour

PIL = pytest.importorskip("PIL.Image")  # a dependency of matplotlib


@pytest.fixture
def widgets():
    # Only the explorers need ipywidgets; run_sgd and the figures run without it (numpy 2 env).
    return pytest.importorskip("ipywidgets")


@pytest.fixture(scope="module")
def data():
    return lnn.explorer.demo_data(60, rng=3)


# run_sgd ---------------------------------------------------------------------------------

def test_run_sgd_is_train_epochs_with_a_record(data):
    X, y = data
    run = lnn.run_sgd(X, y, lr=0.05, batch_size=7, num_epochs=3, rng=1)
    w, b, epoch_losses = lnn.train_epochs(X, y, np.zeros(1), 0.0, lr=0.05, batch_size=7,
                                          num_epochs=3, rng=1)
    np.testing.assert_allclose(run.w, w)
    assert run.b == pytest.approx(float(b))
    updates = 3 * int(np.ceil(60 / 7))
    assert len(run.losses) == len(run.epochs) == len(run.path) == updates + 1
    assert run.epochs[-1] == pytest.approx(3.0)
    assert run.final_loss == pytest.approx(epoch_losses[-1])
    assert not run.diverged


def test_run_sgd_num_steps_stops_after_that_many_updates(data):
    run = lnn.run_sgd(*data, lr=0.1, batch_size=1, num_steps=25, rng=0)
    assert len(run.losses) == 26 and run.path.shape == (26, 2)


@pytest.mark.parametrize("lr", [3.0, 1e6, 1e300])
def test_divergence_is_a_flag_not_nans_warnings_or_exceptions(data, lr):
    # pytest turns warnings into errors here, so an overflow warning would fail this test.
    run = lnn.run_sgd(*data, lr=lr, batch_size=10, num_epochs=5, rng=0)
    assert run.diverged
    assert run.final_loss == np.inf
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.w))
    assert len(run.path) == len(run.losses) - 1  # the rejected update is not in the path
    assert "diverged" in repr(run)


def test_run_sgd_validates_its_arguments(data):
    X, y = data
    with pytest.raises(ValueError, match="exactly one of num_epochs and num_steps"):
        lnn.run_sgd(X, y, lr=0.1, batch_size=1)
    with pytest.raises(ValueError, match="exactly one"):
        lnn.run_sgd(X, y, lr=0.1, batch_size=1, num_epochs=1, num_steps=1)
    with pytest.raises(ValueError, match="lr"):
        lnn.run_sgd(X, y, lr=-1, batch_size=1, num_epochs=1)
    with pytest.raises(ValueError, match="batch_size"):
        lnn.run_sgd(X, y, lr=0.1, batch_size=0, num_epochs=1)
    with pytest.raises(ValueError, match="same length"):
        lnn.run_sgd(X, y[:-1], lr=0.1, batch_size=1, num_epochs=1)


def test_an_int_seed_is_one_generator_for_all_epochs():
    # Not a fresh generator per epoch, which would repeat the same minibatch order.
    X, y = lnn.explorer.demo_data(20, rng=0)
    w_seed, _, _ = lnn.train_epochs(X, y, np.zeros(1), 0.0, lr=0.1, batch_size=5, num_epochs=2,
                                    rng=0)
    rng = np.random.default_rng(0)
    w, b = np.zeros(1), 0.0
    for _ in range(2):
        for idx in lnn.batch_indices(5, 20, rng=rng):
            w, b = lnn.sgd_step(w, b, X[idx], y[idx], 0.1)
    np.testing.assert_allclose(w_seed, w)
    run = lnn.run_sgd(X, y, lr=0.1, batch_size=5, num_epochs=2, rng=0)
    np.testing.assert_allclose(run.w, w)


# figures ---------------------------------------------------------------------------------

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
    with pytest.raises(ValueError, match="X must have shape"):
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


# explorers -------------------------------------------------------------------------------

def test_static_explorer_holds_the_grid_and_its_links(data, widgets):
    if not hasattr(widgets, "Stack"):  # ipywidgets 7 (Colab, .venv-colab): a message instead
        explorer = lnn.explorer.StaticExplorer(*data, learning_rates=(0.1,), batch_sizes=(1,),
                                               lr_index=0, batch_index=0, num_epochs=1)
        assert "needs ipywidgets 8" in explorer.widget.value
        return
    lrs, sizes = (0.01, 0.1, 5.0), (1, 20)
    explorer = lnn.explorer.StaticExplorer(*data, learning_rates=lrs, batch_sizes=sizes,
                                           lr_index=1, batch_index=0, num_epochs=2)
    assert [len(row) for row in explorer.images] == [2, 2, 2]
    for i, row in enumerate(explorer.images):
        for j, image in enumerate(row):
            assert image._dom_classes == (f"lnn-grid-{i}-{j}",)
            assert bytes(image.value).startswith(b"\x89PNG")
    assert explorer.run(5.0, 1).diverged and explorer.run(5.0, 20).diverged
    assert not explorer.run(0.1, 20).diverged

    lr_slider, batch_slider, outer = explorer.widget.children
    assert lr_slider.index == outer.selected_index == 1
    assert all(stack.selected_index == 0 for stack in outer.children)
    assert [list(stack.children) for stack in outer.children] == explorer.images
    pairs = {(link.source[0].model_id, link.source[1], link.target[0].model_id,
              link.target[1]) for link in explorer.links}
    expected = {(lr_slider.model_id, "index", outer.model_id, "selected_index")}
    expected |= {(batch_slider.model_id, "index", stack.model_id, "selected_index")
                 for stack in outer.children}
    assert pairs == expected


def test_static_explorer_is_deterministic(data, widgets):
    kwargs = dict(learning_rates=(0.1, 9.0), batch_sizes=(5,), lr_index=0, batch_index=0,
                  num_epochs=1)
    first = lnn.explorer.StaticExplorer(*data, **kwargs)
    second = lnn.explorer.StaticExplorer(*data, **kwargs)
    assert [bytes(im.value) for row in first.images for im in row] == [
        bytes(im.value) for row in second.images for im in row]


def test_static_explorer_rejects_a_bad_index(data, widgets):
    with pytest.raises(ValueError, match="lr_index"):
        lnn.explorer.StaticExplorer(*data, learning_rates=(0.1,), lr_index=1, batch_index=0)


def test_live_explorer_redraws_on_every_move(data, widgets):
    live = lnn.explorer.LiveExplorer(*data, num_epochs=2)
    before = bytes(live.image.value)
    live.lr_slider.value = 0.3
    assert live.run.lr == pytest.approx(0.3) and bytes(live.image.value) != before
    live.batch_slider.value = 1
    assert live.run.batch_size == 1
    live.lr_slider.value = 10**0.5  # the slider's largest value diverges: a picture, no error
    assert live.run.diverged and bytes(live.image.value).startswith(b"\x89PNG")


def test_measure_live_latency_returns_seconds_per_move(data, widgets):
    live = lnn.explorer.LiveExplorer(*data, num_epochs=1)
    start = (live.lr_slider.value, live.batch_slider.value)
    times = lnn.explorer.measure_live_latency(live)
    assert times and all(isinstance(t, float) and 0 < t < 60 for t in times)
    # One timed move per swept value: 8 learning rates (10^-3 to 10^0.5 by half decades), then
    # every batch size (the sweep starts at 1 and passes the start value on its way).
    assert len(times) == 8 + len(live.batch_slider.options)
    assert (live.lr_slider.value, live.batch_slider.value) == start
    summary = lnn.explorer.summarize_latency(times)
    assert summary["moves"] == len(times) and summary["max_ms"] >= summary["median_ms"] > 0
    with pytest.raises(ValueError, match="times"):
        lnn.explorer.summarize_latency([])


def test_measure_live_latency_runs_without_arguments(widgets):
    # `make bench` calls it exactly like this.
    times = lnn.explorer.measure_live_latency()
    assert isinstance(times, list) and all(isinstance(t, float) for t in times)
