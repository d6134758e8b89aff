"""The chapter's figures, drawn by code (D2L Fig. 3.1.1-3.1.3 and the conditioning plot).

Each function returns a matplotlib ``Figure``; the notebooks glue it into a captioned figure.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch

from . import _validate
from .plotting import set_axes
from .seed import get_rng


def fit_with_residuals(x, y, w, b, *, figsize=(4.5, 3.0)):
    """Fig. 3.1.1: 1-D data, the line y = wx + b and each residual as a vertical segment.

    ``x`` and ``y`` have shape (n,) or (n, 1); ``w`` and ``b`` are scalars.  Raises
    ``ValueError`` for different sizes, no values or a NaN or inf.
    """
    x = _validate.array("x", x).reshape(-1)
    y = _validate.array("y", y).reshape(-1)
    _validate.same_length(x, y, names=("x", "y"))
    w, b = _validate.number("w", w), _validate.number("b", b)
    y_hat = w * x + b
    fig, ax = plt.subplots(figsize=figsize)
    ax.vlines(x, y_hat, y, colors="tab:red", linewidth=1, label="residual $\\hat{y} - y$")
    grid = np.linspace(x.min(), x.max(), 2)
    ax.plot(grid, w * grid + b, color="tab:blue", label="linear model $\\hat{y} = wx + b$")
    ax.scatter(x, y, s=14, color="black", zorder=3, label="data $(x^{(i)}, y^{(i)})$")
    set_axes(ax, xlabel="$x$", ylabel="$y$")
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def condition_errors(conds, errors, *, figsize=(4.5, 3.2)):
    """Log-log plot of parameter error against condition number, one line per solver.

    ``errors`` maps a solver name to an array of shape (len(conds),), as returned by
    :func:`lnn.conditioning.parameter_errors`.  Raises ``ValueError`` for other sizes.
    """
    conds = _validate.array("conds", conds, dims=(1,))
    for name, err in errors.items():
        if np.shape(err) != conds.shape:
            _validate.fail(f"errors[{name!r}]", f"shape {conds.shape}, like conds",
                         f"shape {np.shape(err)}")
    fig, ax = plt.subplots(figsize=figsize)
    for (name, err), style in zip(errors.items(), ("o-", "s--", "^-.")):
        ax.plot(conds, np.maximum(err, np.finfo(float).eps / 10), style, markersize=4,
                label=name)
    set_axes(ax, xlabel="condition number $\\kappa(\\mathbf{X})$",
             ylabel="relative error of $\\hat{\\mathbf{w}}$", xscale="log", yscale="log")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def _node(ax, xy, label, color):
    ax.add_patch(Circle(xy, 0.32, facecolor=color, edgecolor="black", linewidth=1.2, zorder=2))
    ax.text(*xy, label, ha="center", va="center", fontsize=12, zorder=3)


def single_layer_network(*, figsize=(4.5, 2.6)):
    """Fig. 3.1.2: linear regression as a single-layer, fully connected network.

    Inputs x1, x2, …, xd at the bottom, one output o1 at the top, an edge from every input.
    """
    fig, ax = plt.subplots(figsize=figsize)
    inputs = {"$x_1$": 0.0, "$x_2$": 1.0, "$x_3$": 2.0, "$x_d$": 4.0}
    output = (2.0, 2.0)
    for label, xpos in inputs.items():
        ax.add_patch(FancyArrowPatch((xpos, 0.32), output, arrowstyle="-|>", mutation_scale=10,
                                     shrinkB=15, color="0.3", linewidth=1))
        _node(ax, (xpos, 0.0), label, "#cfe2f3")
    ax.text(3.0, 0.0, "$\\cdots$", ha="center", va="center", fontsize=14)
    _node(ax, output, "$o_1$", "#f9cb9c")
    ax.text(4.7, 2.0, "output layer", va="center", fontsize=10)
    ax.text(4.7, 0.0, "input layer", va="center", fontsize=10)
    return _diagram(fig, ax, xlim=(-0.5, 6.4), ylim=(-0.5, 2.5))


def _diagram(fig, ax, *, xlim, ylim):
    """Finish a drawing (not a plot): fixed limits, equal scales, no axes; returns ``fig``."""
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    return fig


def _branch(ax, start, angle, length, depth, rng, color, width):
    """A dendrite- or terminal-like tree that splits in two ``depth - 1`` times; its tips."""
    end = (start[0] + length * np.cos(angle), start[1] + length * np.sin(angle))
    ax.plot([start[0], end[0]], [start[1], end[1]], color=color, linewidth=width,
            solid_capstyle="round")
    if depth == 1:
        return [end]
    tips = []
    for turn in (-0.45, 0.45):
        tips += _branch(ax, end, angle + turn + rng.uniform(-0.15, 0.15), 0.65 * length,
                        depth - 1, rng, color, 0.7 * width)
    return tips


def neuron(*, figsize=(7.0, 2.8)):
    """Fig. 3.1.3: a biological neuron with dendrites, cell body, nucleus, axon, terminals."""
    rng = get_rng(3)  # fixed branching, independent of the course seed
    fig, ax = plt.subplots(figsize=figsize)
    body, color = (1.5, 0.0), "#8e7cc3"
    for angle in np.deg2rad([125, 155, 180, 205, 235]):
        start = (body[0] + 0.5 * np.cos(angle), body[1] + 0.45 * np.sin(angle))
        _branch(ax, start, angle, 0.45, 3, rng, color, 3.0)
    ax.add_patch(Ellipse(body, 1.2, 1.0, facecolor="#d9d2e9", edgecolor=color, linewidth=2,
                         zorder=2))
    ax.add_patch(Circle(body, 0.2, facecolor="#674ea7", zorder=3))
    axon_end = 7.0
    ax.plot([body[0] + 0.6, axon_end], [0, 0], color=color, linewidth=3, zorder=1)
    for x0 in np.arange(2.6, 6.4, 0.9):  # myelin sheath segments
        ax.add_patch(Ellipse((x0 + 0.3, 0), 0.7, 0.28, facecolor="#fff2cc", edgecolor=color,
                             linewidth=1, zorder=2))
    for angle in np.deg2rad([-40, 0, 40]):
        for tip in _branch(ax, (axon_end, 0), angle, 0.45, 2, rng, color, 2.0):
            ax.add_patch(Circle(tip, 0.07, facecolor=color, zorder=3))
    labels = [("dendrites", (-0.2, 1.1), (0.3, 0.45)),
              ("nucleus", (1.6, -1.05), body),
              ("cell body", (1.5, 1.05), (1.6, 0.5)),
              ("axon", (4.2, 0.75), (4.35, 0.05)),
              ("axon terminals", (6.9, -1.15), (7.45, -0.5))]
    for text, xy_text, xy in labels:
        ax.annotate(text, xy, xy_text, ha="center", fontsize=10,
                    arrowprops={"arrowstyle": "->", "color": "0.2", "linewidth": 0.8})
    return _diagram(fig, ax, xlim=(-0.9, 8.2), ylim=(-1.35, 1.35))
