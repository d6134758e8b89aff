"""One plotting style for the course, in the spirit of the slides' ``d2l.plot``."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

# Fixed ids and no timestamp in SVG output, so two builds produce the same pages.
mpl.rcParams["svg.hashsalt"] = "lnn"


def use_svg_display():
    """Show figures as SVG in Jupyter (sharp at any zoom)."""
    from matplotlib_inline import backend_inline

    backend_inline.set_matplotlib_formats("svg", metadata={"Date": None})


def set_figsize(figsize=(3.5, 2.5)):
    """Use SVG output and set the default figure size in inches."""
    use_svg_display()
    plt.rcParams["figure.figsize"] = figsize


def set_axes(axes, xlabel=None, ylabel=None, xlim=None, ylim=None, xscale="linear",
             yscale="linear", legend=None):
    """Label, scale and limit one matplotlib ``Axes``."""
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.set_xscale(xscale)
    axes.set_yscale(yscale)
    if xlim is not None:
        axes.set_xlim(xlim)
    if ylim is not None:
        axes.set_ylim(ylim)
    if legend:
        axes.legend(legend)
    axes.grid(True)


def _has_one_axis(X):
    return hasattr(X, "ndim") and X.ndim == 1 or (
        isinstance(X, list) and not hasattr(X[0], "__len__"))


def plot(X, Y=None, xlabel=None, ylabel=None, legend=None, xlim=None, ylim=None,
         xscale="linear", yscale="linear", fmts=("-", "m--", "g-.", "r:"), figsize=(3.5, 2.5),
         axes=None):
    """Plot one or several curves, as ``d2l.plot`` in the slides; returns the ``Axes``.

    ``X`` and ``Y`` are a 1-D sequence or a list of them; with ``Y`` omitted, ``X`` is
    plotted against its index.
    """
    if axes is None:
        axes = plt.figure(figsize=figsize).gca()
    if _has_one_axis(X):
        X = [X]
    if Y is None:
        X, Y = [[]] * len(X), X
    elif _has_one_axis(Y):
        Y = [Y]
    if len(X) != len(Y):
        X = X * len(Y)
    for x, y, fmt in zip(X, Y, fmts * (len(Y) // len(fmts) + 1)):
        x, y = np.asarray(x), np.asarray(y)
        if len(x):
            axes.plot(x, y, fmt)
        else:
            axes.plot(y, fmt)
    set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
    return axes
