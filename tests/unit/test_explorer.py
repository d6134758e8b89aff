"""lnn/explorer.py: both slider explorers, their values and their arguments."""


import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import lnn
import lnn.explorer


@pytest.fixture
def widgets():
    # Only the explorers need ipywidgets; run_sgd and the figures run without it (numpy 2 env).
    return pytest.importorskip("ipywidgets")


@pytest.fixture(scope="module")
def data():
    return lnn.explorer.demo_data(60, rng=3)


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
            run = explorer.runs[i][j]
            result = "lnn-diverged" if run.diverged else f"lnn-loss-{run.final_loss:.3f}"
            # Its place in the grid, then what it shows (for its alt text).
            assert image._dom_classes == (f"lnn-grid-{i}-{j}", f"lnn-lr-{lrs[i]:g}",
                                          f"lnn-batch-{sizes[j]}", result)
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
    live.lr_slider.value = 3.0  # the slider's largest value diverges: a picture, no error
    assert live.run.diverged and bytes(live.image.value).startswith(b"\x89PNG")


def test_measure_live_latency_returns_seconds_per_move(data, widgets):
    live = lnn.explorer.LiveExplorer(*data, num_epochs=1)
    start = (live.lr_slider.value, live.batch_slider.value)
    times = lnn.explorer.measure_live_latency(live)
    assert times and all(isinstance(t, float) and 0 < t < 60 for t in times)
    # One timed move per swept value: every learning rate, then every batch size (each sweep
    # starts at the smallest value and passes the start value on its way).
    assert len(times) == len(live.learning_rates) + len(live.batch_sizes)
    assert (live.lr_slider.value, live.batch_slider.value) == start
    summary = lnn.explorer.summarize_latency(times)
    assert summary["moves"] == len(times) and summary["max_ms"] >= summary["median_ms"] > 0
    with pytest.raises(ValueError, match="times"):
        lnn.explorer.summarize_latency([])


def test_measure_live_latency_runs_without_arguments(widgets):
    # `make bench` calls it exactly like this.
    times = lnn.explorer.measure_live_latency()
    assert isinstance(times, list) and all(isinstance(t, float) for t in times)


@pytest.mark.parametrize("kwargs, match", [
    (dict(lr=100), r"lr must be one of \(0.001, .*3.0\), got 100"),
    (dict(lr=1e-6), "lr must be one of"),
    (dict(lr=0.031), "lr must be one of"),
    (dict(batch_size=7), r"batch_size must be one of \(1, 2, 5, 10, 20, 50, 100, 200\), got 7"),
    (dict(num_epochs=0), "num_epochs must be a positive integer"),
])
def test_live_explorer_refuses_values_off_its_sliders(data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        lnn.explorer.LiveExplorer(*data, **kwargs)


@pytest.mark.parametrize("explorer", ["LiveExplorer", "StaticExplorer"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_explorers_refuse_non_finite_data(data, explorer, bad):
    X, y = data[0].copy(), data[1].copy()
    X[3, 0] = bad
    with pytest.raises(ValueError, match=r"^X must be finite \(no NaN or inf\)"):
        getattr(lnn.explorer, explorer)(X, y, num_epochs=1)
    with pytest.raises(ValueError, match=r"^y must be finite"):
        getattr(lnn.explorer, explorer)(data[0], np.where(y > 0, np.inf, y), num_epochs=1)


def test_live_learning_rates_hold_the_slides_value_and_the_static_grid():
    live = set(lnn.explorer.LIVE_LEARNING_RATES)
    assert 0.03 in live and set(lnn.explorer.LEARNING_RATES) <= live
    assert set(lnn.explorer.BATCH_SIZES) <= set(lnn.explorer.LIVE_BATCH_SIZES)


def test_live_explorer_reaches_every_grid_value_exactly(data, widgets):
    live = lnn.explorer.LiveExplorer(*data, num_epochs=1)
    assert (live.lr_slider.value, live.batch_slider.value) == (0.03, 10)
    for lr in lnn.explorer.LEARNING_RATES:
        live.lr_slider.value = lr
        assert live.run.lr == lr  # exactly, not a float near it
    assert live.lr_slider.label == "3"


def test_live_explorer_starts_with_the_static_grids_picture(data, widgets):
    live = lnn.explorer.LiveExplorer(*data, num_epochs=2)
    static = lnn.explorer.StaticExplorer(*data, num_epochs=2)
    i, j = lnn.explorer.START_INDEX
    assert (static.lr_slider.value, static.batch_slider.value) == (0.03, 10)
    assert bytes(live.image.value) == bytes(static.images[i][j].value)


def test_static_explorer_run_names_a_value_off_the_grid(data, widgets):
    static = lnn.explorer.StaticExplorer(*data, learning_rates=(0.1,), batch_sizes=(5,),
                                         lr_index=0, batch_index=0, num_epochs=1)
    assert static.run(0.1, 5) is static.runs[0][0]
    with pytest.raises(ValueError, match=r"lr must be one of \(0.1,\), got 0.2"):
        static.run(0.2, 5)
    with pytest.raises(ValueError, match="batch_size must be one of"):
        static.run(0.1, 7)


VALUES = st.one_of(st.floats(), st.integers(-5, 500), st.text(max_size=3), st.none())


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(VALUES, st.sampled_from(["lr", "batch_size"]))
def test_live_explorer_refuses_every_value_off_its_sliders(value, name):
    # Checked before any figure or widget is made: no ipywidgets needed for the refusal.
    allowed = (lnn.explorer.LIVE_LEARNING_RATES if name == "lr"
               else lnn.explorer.LIVE_BATCH_SIZES)
    assume(value not in allowed)
    with pytest.raises(ValueError, match=f"^{name} must be one of"):
        lnn.explorer.LiveExplorer(np.zeros((3, 1)), np.zeros(3), **{name: value})
