"""lnn/plotting.py: the slides' d2l.plot, with its curves checked."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lnn  # noqa: E402


def test_plot_draws_one_line_per_curve():
    x = np.linspace(-1, 1, 5)
    axes = lnn.plot(x, [x, x**2, [1.0] * 5], xlabel="x", legend=["a", "b", "c"])
    assert [len(line.get_xdata()) for line in axes.get_lines()] == [5, 5, 5]
    np.testing.assert_array_equal(axes.get_lines()[1].get_ydata(), x**2)
    axes = lnn.plot([3.0, 1.0, 2.0])  # against the index
    np.testing.assert_array_equal(axes.get_lines()[0].get_xdata(), [0, 1, 2])
    plt.close("all")


@pytest.mark.parametrize("X, Y, match", [
    ([0.0, 1.0], [0.0, np.inf], r"Y\[0\] must be finite"),
    ([0.0, np.nan], [0.0, 1.0], r"X\[0\] must be finite"),
    ([0.0, 1.0, 2.0], [0.0, 1.0], r"X\[0\] and Y\[0\] must be of the same length"),
    ([], None, "X must be at least one curve"),
    (np.ones((2, 2)), [np.ones(2), np.ones((2, 2))], r"Y\[1\] must be a 1-D array"),
])
def test_plot_refuses_a_curve_it_cannot_draw(X, Y, match):
    with pytest.raises(ValueError, match=match):
        lnn.plot(X, Y)
    assert not plt.get_fignums()  # refused before a figure was made
