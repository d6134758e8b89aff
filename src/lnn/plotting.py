"""One plotting style for the course, in the spirit of the slides' ``d2l.plot``."""

import matplotlib as mpl
import matplotlib.pyplot as plt

from . import _validate

# Fixed ids and no timestamp in SVG output, so two builds produce the same pages.
mpl.rcParams["svg.hashsalt"] = "lnn"


def use_svg_display():
    """Show figures as SVG in Jupyter (sharp at any zoom)."""
    from matplotlib_inline import backend_inline

    backend_inline.set_matplotlib_formats("svg", metadata={"Date": None})


#: The axis scales of matplotlib that the course uses.
SCALES = ("linear", "log", "symlog", "logit")


def set_figsize(figsize=(3.5, 2.5)):
    """Use SVG output and set the default figure size in inches (two positive numbers)."""
    figsize = _validate.number_pair("figsize", figsize, positive=True)
    use_svg_display()
    plt.rcParams["figure.figsize"] = figsize


def _axes_args(xlabel, ylabel, xlim, ylim, xscale, yscale, legend):
    """The checked arguments of :func:`set_axes` (plot's too), each refused by its name."""
    for name, label in (("xlabel", xlabel), ("ylabel", ylabel)):
        _validate.text_or_none(name, label)
    for name, lim in (("xlim", xlim), ("ylim", ylim)):
        if lim is not None:
            _validate.number_pair(name, lim)
    for name, scale in (("xscale", xscale), ("yscale", yscale)):
        _validate.one_of(name, scale, SCALES)
    if legend is not None:
        _validate.texts("legend", legend)


def set_axes(axes, xlabel=None, ylabel=None, xlim=None, ylim=None, xscale="linear",
             yscale="linear", legend=None):
    """Label, scale and limit one matplotlib ``Axes``.  Raises ``ValueError`` naming the
    argument that is not an ``Axes``, a text, two finite limits, a scale of :data:`SCALES`
    or a list of legend texts."""
    if not isinstance(axes, mpl.axes.Axes):
        _validate.fail("axes", "a matplotlib Axes, e.g. plt.gca()", _validate.describe(axes))
    _axes_args(xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
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
        isinstance(X, list) and bool(X) and not hasattr(X[0], "__len__"))


def _curves(X, Y):
    """``[(x or None, y)]``: checked 1-D numpy curves, ``x`` None where ``y`` is plotted
    against its index (then named ``X[i]``, as the caller passed them)."""
    for name, value in (("X", X), ("Y", Y)):
        if isinstance(value, str | bytes | dict) or (
                value is not None and not hasattr(value, "__len__")):
            _validate.fail(name, "a 1-D sequence of numbers or a list of them",
                           _validate.describe(value))
    y_name = "Y" if Y is not None else "X"
    for name, value in (("X", X), ("Y", Y)):
        if value is not None and not len(value):
            _validate.fail(name, "at least one curve", "an empty sequence")
    if _has_one_axis(X):
        X = [X]
    if Y is None:
        X, Y = [None] * len(X), X
    elif _has_one_axis(Y):
        Y = [Y]
    if len(X) != len(Y):
        X = list(X) * len(Y)
    curves = []
    for i, (x, y) in enumerate(zip(X, Y)):
        y = _validate.array(f"{y_name}[{i}]", y, dims=(1,))
        if x is not None:
            x = _validate.array(f"X[{i}]", x, dims=(1,))
            _validate.same_length(x, y, names=(f"X[{i}]", f"Y[{i}]"))
        curves.append((x, y))
    return curves


def plot(X, Y=None, xlabel=None, ylabel=None, legend=None, xlim=None, ylim=None,
         xscale="linear", yscale="linear", fmts=("-", "m--", "g-.", "r:"), figsize=(3.5, 2.5),
         axes=None):
    """Plot one or several curves, as ``d2l.plot`` in the slides; returns the ``Axes``.

    ``X`` and ``Y`` are a 1-D sequence or a list of them; with ``Y`` omitted, ``X`` is
    plotted against its index.  Raises ``ValueError`` naming ``X[i]`` or ``Y[i]`` for a curve
    that is empty, not 1-D, holds a NaN or inf, or whose x and y differ in length, and
    naming any other argument that :func:`set_axes` or :func:`set_figsize` would refuse.
    """
    curves = _curves(X, Y)
    fmts = _validate.texts("fmts", fmts, empty=False)
    _axes_args(xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
    if axes is None:
        figsize = _validate.number_pair("figsize", figsize, positive=True)
    elif not isinstance(axes, mpl.axes.Axes):
        _validate.fail("axes", "None or a matplotlib Axes, e.g. plt.gca()",
                       _validate.describe(axes))
    if axes is None:
        axes = plt.figure(figsize=figsize).gca()
    for (x, y), fmt in zip(curves, fmts * (len(curves) // len(fmts) + 1)):
        if x is None:
            axes.plot(y, fmt)
        else:
            axes.plot(x, y, fmt)
    set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
    return axes
