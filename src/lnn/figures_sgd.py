"""Figures of minibatch SGD (D2L 3.1.2): one run's loss curve and fit, and the loss contours.

:class:`SGDRunFigure` draws a :class:`~lnn.optim.SGDRun` of 1-D linear regression and renders
it to a small PNG; both slider explorers (:mod:`lnn.explorer`) use it, so the live version and
the precomputed grid show the same picture.  :func:`plot_loss_contour` draws the loss over
(w1, w2) with SGD trajectories on top.
"""

import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import _validate
from .model import _labels, closed_form, mean_loss
from .plotting import set_axes

# The loss axis is fixed, so every picture of the grid is comparable and a diverging run
# never rescales the axes to NaN or 1e300: it stops below this ceiling (run_sgd's blowup).
LOSS_YLIM = (0.05, 2e4)


def encode_png(rgba, *, colors=32):
    """PNG bytes of an (height, width, 4) RGBA image, quantized to ``colors`` colours.

    The palette cuts a plot's PNG about fourfold (flat colours, anti-aliased edges), which is
    what keeps a page holding dozens of precomputed figures small.  ``colors=None`` keeps the
    full RGB image.  No metadata is written, so the bytes depend only on the picture.
    """
    from PIL import Image

    image = Image.fromarray(np.asarray(rgba)[..., :3])
    if colors is not None:
        colors = _validate.positive_int("colors", colors)
        # Octree keeps small patches of a distinct colour (a legend's line) that median cut
        # merges into a large neighbour.
        image = image.quantize(colors, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _design(X, y, num_inputs):
    """Checked float ``X`` (n, num_inputs) and ``y`` (n,) for a figure of 1-D or 2-D data."""
    X = _validate.array("X", X, dims=(2,)).astype(float)
    if X.shape[1] != num_inputs:
        _validate.fail("X", f"of shape (num_examples, {num_inputs}) for this figure",
                     f"shape {X.shape}")
    return X, _labels(X, y).astype(float).reshape(-1)


class SGDRunFigure:
    """Two panels for a run of SGD on 1-D data: training loss per epoch, and the fitted line.

    ``X`` (n, 1) and ``y`` (n, 1) are the training data, ``num_epochs`` fixes the x-axis of
    the loss curve.  Call :meth:`show` with each :class:`~lnn.optim.SGDRun` (only line data
    change, which keeps a redraw fast), then :meth:`png` for the picture.  A diverged run shows
    the word "diverged" on both panels and no fitted line.  Raises ``ValueError`` for other
    shapes, no examples or a NaN or inf in the data (the axes' limits come from it).
    """

    def __init__(self, X, y, *, num_epochs, figsize=(6.4, 2.4), dpi=100, num_points=60):
        X, y = _design(X, y, 1)
        self.num_epochs = _validate.positive_int("num_epochs", num_epochs)
        w_best, b_best = closed_form(X, y)
        self.min_loss = mean_loss(X, y, w_best, b_best)

        self.fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.ax_loss, self.ax_fit = self.fig.subplots(1, 2)
        (self.loss_line,) = self.ax_loss.plot([], [], "-", color="C0", lw=1.2)
        (self.blowup,) = self.ax_loss.plot([], [], "^", color="C3", ms=7, clip_on=False)
        self.ax_loss.axhline(self.min_loss, color="0.4", ls=":", lw=1)
        set_axes(self.ax_loss, "epoch", "training loss", xlim=(0, self.num_epochs),
                 ylim=LOSS_YLIM, yscale="log")

        shown = slice(0, min(num_points, len(X)))  # a sample of the data keeps the PNG small
        self.ax_fit.plot(X[shown, 0], y[shown], ".", color="0.55", ms=3)
        x_range = np.array([X[:, 0].min(), X[:, 0].max()])
        self.x_range = x_range
        self.ax_fit.plot(x_range, w_best[0] * x_range + b_best, ":", color="0.4", lw=1)
        (self.fit_line,) = self.ax_fit.plot([], [], "-", color="C1", lw=1.8)
        pad = 0.1 * (y.max() - y.min())
        set_axes(self.ax_fit, "feature $x$", "label $y$", xlim=tuple(x_range),
                 ylim=(y.min() - pad, y.max() + pad))
        self.ax_fit.legend(["data", "least squares", "SGD fit"], loc="upper left",
                           fontsize="x-small")
        self.texts = [ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                              color="C3", fontsize="xx-large", fontweight="bold")
                      for ax in (self.ax_loss, self.ax_fit)]
        self.title = self.fig.suptitle(r"$\eta$", fontsize="medium")  # reserves its space

        # Blitting: draw everything that never changes once, then per run only restore that
        # background and draw the changing artists: ~3 ms instead of ~80 ms for a full draw.
        self._changing = [self.loss_line, self.blowup, self.fit_line, *self.texts, self.title]
        for artist in self._changing:
            artist.set_animated(True)
        self.fig.canvas.draw()
        self.fig.set_layout_engine("none")  # freeze the layout computed by that draw
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)

    def show(self, run):
        """Draw ``run`` (an :class:`~lnn.optim.SGDRun` with 1-D ``w``) on the two panels."""
        # Clip: the loss that triggered a divergence stays inside the fixed axes.
        losses = np.clip(run.losses, *LOSS_YLIM)
        self.loss_line.set_data(run.epochs, losses)
        if run.diverged:
            self.blowup.set_data(run.epochs[-1:], losses[-1:])
            self.fit_line.set_data([], [])
            result = "diverged"
        else:
            self.blowup.set_data([], [])
            self.fit_line.set_data(self.x_range, run.w[0] * self.x_range + run.b)
            result = f"final loss {run.final_loss:.3f}"
        for text in self.texts:
            text.set_text("diverged" if run.diverged else "")
        self.title.set_text(rf"$\eta$ = {run.lr:.3g}, batch size {run.batch_size}: {result}")
        self.fig.canvas.restore_region(self._background)
        for artist in self._changing:
            self.fig.draw_artist(artist)
        return self

    def png(self, *, colors=32):
        """The picture of the last :meth:`show` as PNG bytes (see :func:`encode_png`)."""
        return encode_png(self.fig.canvas.buffer_rgba(), colors=colors)


def loss_surface(X, y, w1, w2, b):
    """Mean squared loss (3.1.6) of 2-feature data on a grid of weights, with the bias fixed.

    ``X`` (n, 2), ``y`` (n,) or (n, 1), ``w1`` and ``w2`` 1-D grids; returns the losses with
    shape (len(w2), len(w1)), as ``matplotlib.axes.Axes.contour`` expects.  Raises
    ``ValueError`` for other shapes or a NaN or inf.
    """
    X, y = _design(X, y, 2)
    w1 = _validate.array("w1", w1, dims=(1,))
    w2 = _validate.array("w2", w2, dims=(1,))
    b = _validate.number("b", b)
    W1, W2 = np.meshgrid(w1, w2)
    W = np.stack([W1.ravel(), W2.ravel()])  # (2, grid points)
    residuals = X @ W + b - y.reshape(-1, 1)  # (n, grid points), one column per w
    return (np.mean(residuals**2, axis=0) / 2).reshape(W1.shape)


def plot_loss_contour(X, y, runs, labels, *, axes=None, figsize=(5.0, 4.0), levels=12):
    """Contours of the loss over (w1, w2) with the trajectories of ``runs`` drawn on top.

    ``X`` (n, 2), ``y`` (n, 1); ``runs`` are :class:`~lnn.optim.SGDRun` s on that data, drawn
    with ``labels``.  The bias is fixed at its least-squares value: the features are centred,
    so the picture barely depends on it.  Returns the ``Axes``.
    """
    if len(runs) != len(labels) or not runs:
        _validate.fail("labels", f"one label per run ({len(runs)} runs, at least one)",
                     f"{len(labels)} labels")
    X, y = _design(X, y, 2)
    w_best, b_best = closed_form(X, y)
    points = np.vstack([run.path[:, :2] for run in runs] + [w_best[None, :]])
    low, high = points.min(axis=0), points.max(axis=0)
    margin = 0.15 * (high - low) + 0.1
    w1 = np.linspace(low[0] - margin[0], high[0] + margin[0], 120)
    w2 = np.linspace(low[1] - margin[1], high[1] + margin[1], 120)
    loss = loss_surface(X, y, w1, w2, b_best)

    if axes is None:
        axes = plt.figure(figsize=figsize).gca()
    # Levels spaced evenly in the square root of the loss: rings evenly spaced in w.
    ring = np.linspace(np.sqrt(loss.min()), np.sqrt(loss.max()), levels + 1)[1:] ** 2
    axes.contour(w1, w2, loss, levels=np.unique(ring), colors="0.7", linewidths=0.8)
    for k, (run, label) in enumerate(zip(runs, labels)):
        axes.plot(run.path[:, 0], run.path[:, 1], "-", color=f"C{k}", lw=1.2, marker=".",
                  ms=3, label=label)
    axes.plot(*runs[0].path[0, :2], "ko", ms=5, label="start")
    axes.plot(*w_best, "k*", ms=10, label="least squares")
    set_axes(axes, "$w_1$", "$w_2$")
    axes.grid(False)
    axes.legend(fontsize="small", loc="best")
    return axes

