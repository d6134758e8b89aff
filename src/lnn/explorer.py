"""Learning-rate and batch-size sliders for minibatch SGD (D2L 3.1.2), in two versions.

- :class:`LiveExplorer`: in a running kernel (Jupyter, Binder, Colab), every slider move
  re-runs :func:`~lnn.optim.run_sgd` and redraws the figure.
- :class:`StaticExplorer`: for the built HTML page, where no Python runs.  Every
  (learning rate, batch size) pair of a grid is computed when the book is built and stored
  as a small PNG in an ``ipywidgets.Image``; an outer ``Stack`` (one child per learning rate)
  holds inner ``Stack`` s (one child per batch size), and ``jslink`` ties the sliders'
  ``index`` to the stacks' ``selected_index``, which the browser does on its own.

Both draw with :class:`~lnn.figures_sgd.SGDRunFigure` and seed every run the same way, so a
grid point looks the same in both.
"""

import statistics

from . import _validate, lecture
from .data import synthetic_data
from .figures_sgd import SGDRunFigure
from .optim import run_sgd
from .timing import Timer

#: The grid of the static explorer: learning rates up to one that diverges for every batch
#: size, and batch sizes from 1 (pure SGD) to 200 (the whole training set, gradient descent).
LEARNING_RATES = tuple(sorted({0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, lecture.lr}))
BATCH_SIZES = tuple(sorted({1, 5, 10, 50, 200, lecture.batch_size}))
#: The live explorer's learning rates: 1-2-3-5 steps per decade, which hold every value of
#: the static grid (so the slides' 0.03 and each precomputed picture can be reached exactly).
LIVE_LEARNING_RATES = tuple(sorted({0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2,
                                    0.3, 0.5, 1.0, 2.0, 3.0, *LEARNING_RATES}))
#: The live explorer's batch sizes, a superset of the static grid's.
LIVE_BATCH_SIZES = tuple(sorted({1, 2, 5, 10, 20, 50, 100, 200, *BATCH_SIZES}))
#: Where both explorers start: the slides' learning rate and batch size (lnn.lecture).
START_LR, START_BATCH_SIZE = lecture.lr, lecture.batch_size
#: The static grid's (learning rate, batch size) indices of that start.
START_INDEX = (LEARNING_RATES.index(START_LR), BATCH_SIZES.index(START_BATCH_SIZE))
#: The 1-D data of the explorers: y = 2x + 4.2 + noise with standard deviation 0.5.
TRUE_W, TRUE_B, NOISE = (2.0,), 4.2, 0.5


def demo_data(num_examples=200, *, rng=0):
    """The explorers' 1-D training data, ``X`` (num_examples, 1) and ``y`` (num_examples, 1)."""
    return synthetic_data(TRUE_W, TRUE_B, num_examples, noise=NOISE, rng=rng)


def _widgets():
    try:
        import ipywidgets
    except ImportError as err:
        raise ImportError("the slider explorers need ipywidgets: pip install ipywidgets") from err
    return ipywidgets


def _grid(name, values, check):
    """The non-empty list of checked ``values`` of one slider."""
    values = [check(f"{name}[{i}]", v) for i, v in enumerate(values)]
    if not values:
        _validate.fail(name, "at least one value", "an empty list")
    return values


def _sliders(widgets, learning_rates, batch_sizes, lr_index, batch_index):
    """The two ``SelectionSlider`` s of both explorers, labelled with the values.

    A ``SelectionSlider`` takes exactly its options (ipywidgets 7 on Colab and 8 alike), so
    the learning rate is 0.03 exactly, not a float near it, and each grid point is reachable.
    """
    style = {"description_width": "initial"}
    lr_slider = widgets.SelectionSlider(
        options=[(f"{lr:g}", lr) for lr in learning_rates], index=lr_index,
        description=r"learning rate \(\eta\)", style=style)
    batch_slider = widgets.SelectionSlider(
        options=[(str(b), b) for b in batch_sizes], index=batch_index,
        description="batch size", style=style)
    return lr_slider, batch_slider


class LiveExplorer:
    """Sliders for the learning rate and the batch size that re-run SGD on every move.

    ``X`` (n, 1), ``y`` (n, 1): the training data.  ``lr`` must be one of ``learning_rates``
    and ``batch_size`` one of ``batch_sizes``; by default they start where the static grid
    does, so the first picture is the static grid's (0.03, 10) picture.  Each move runs
    :func:`run_sgd` for ``num_epochs`` from zero parameters with the minibatch order of
    ``seed`` and redraws the loss curve and the fitted line (:meth:`redraw`).  Display the
    object in a notebook.  Raises ``ValueError`` for a value off the sliders or bad data.
    """

    def __init__(self, X, y, *, lr=START_LR, batch_size=START_BATCH_SIZE, num_epochs=5, seed=0,
                 learning_rates=LIVE_LEARNING_RATES, batch_sizes=LIVE_BATCH_SIZES):
        self.learning_rates = _grid("learning_rates", learning_rates,
                                    _validate.positive_number)
        self.batch_sizes = _grid("batch_sizes", batch_sizes, _validate.positive_int)
        lr = _validate.one_of("lr", lr, self.learning_rates)
        batch_size = _validate.one_of("batch_size", batch_size, self.batch_sizes)
        self.num_epochs = _validate.positive_int("num_epochs", num_epochs)
        self.figure = SGDRunFigure(X, y, num_epochs=num_epochs)
        self.X, self.y = X, y
        self.seed = seed
        widgets = _widgets()
        self.lr_slider, self.batch_slider = _sliders(
            widgets, self.learning_rates, self.batch_sizes,
            self.learning_rates.index(lr), self.batch_sizes.index(batch_size))
        self.image = widgets.Image(format="png")
        self.widget = widgets.VBox([self.lr_slider, self.batch_slider, self.image])
        self.lr_slider.observe(self.redraw, names="value")
        self.batch_slider.observe(self.redraw, names="value")
        self.redraw()

    def redraw(self, change=None):
        """Re-run SGD with the sliders' values and show the new figure (a slider callback)."""
        self.run = run_sgd(self.X, self.y, lr=self.lr_slider.value,
                           batch_size=self.batch_slider.value, num_epochs=self.num_epochs,
                           rng=self.seed)
        self.image.value = self.figure.show(self.run).png()

    def _ipython_display_(self):
        # display() rather than _repr_mimebundle_: ipywidgets 7 (Colab) widgets lack the latter.
        from IPython.display import display

        display(self.widget)


def measure_live_latency(explorer=None, *, repeats=1):
    """Time the live explorer's response to slider moves; a list of seconds, one per move.

    Each move sets one slider, which runs the same callback as a student's move: re-run SGD,
    redraw, encode the PNG and hand it to the ``Image`` widget (sending it to the browser is
    not included).  The moves sweep the learning-rate slider over its range, then the
    batch-size slider over its options, each from the explorer's starting values; batch size 1
    is the slowest.  Without ``explorer``, a :class:`LiveExplorer` on :func:`demo_data` is built.
    Afterwards the sliders are back at their starting values.
    """
    if explorer is None:
        explorer = LiveExplorer(*demo_data())
    repeats = _validate.positive_int("repeats", repeats)
    lr0, batch0 = explorer.lr_slider.value, explorer.batch_slider.value
    sweeps = ((explorer.lr_slider, explorer.learning_rates),
              (explorer.batch_slider, explorer.batch_sizes))
    timer = Timer()
    for _ in range(repeats):
        for slider, values in sweeps:
            for value in values:
                if slider.value != value:  # a move that changes nothing triggers nothing
                    timer.start()
                    slider.value = value
                    timer.stop()
            # Back to the start (untimed), so each sweep moves one slider from the default.
            explorer.lr_slider.value, explorer.batch_slider.value = lr0, batch0
    return list(timer.times)


def summarize_latency(times):
    """Median and maximum of ``times`` (seconds), in milliseconds, as a dict."""
    if not times:
        _validate.fail("times", "at least one measurement", "an empty list")
    return {"median_ms": 1e3 * statistics.median(times), "max_ms": 1e3 * max(times),
            "moves": len(times)}


class StaticExplorer:
    """The precomputed explorer for the static page; display the object in a notebook.

    For each ``learning_rates[i]`` and ``batch_sizes[j]`` it runs :func:`run_sgd` on ``X``,
    ``y`` (n, 1) for ``num_epochs`` with the minibatch order of ``seed`` and keeps the run in
    ``runs[i][j]`` and its picture in ``images[i][j]``, an ``ipywidgets.Image`` with DOM classes
    ``lnn-grid-{i}-{j}`` and, for its alt text, ``lnn-lr-*``, ``lnn-batch-*`` and
    ``lnn-loss-*`` (3 decimals) or ``lnn-diverged``.  ``links`` are the ``jslink`` s that
    drive the stacks.
    """

    def __init__(self, X, y, *, learning_rates=LEARNING_RATES, batch_sizes=BATCH_SIZES,
                 lr_index=START_INDEX[0], batch_index=START_INDEX[1], num_epochs=5, seed=0,
                 colors=32):
        self.learning_rates = _grid("learning_rates", learning_rates,
                                    _validate.positive_number)
        self.batch_sizes = _grid("batch_sizes", batch_sizes, _validate.positive_int)
        _validate.one_of("lr_index", lr_index, range(len(self.learning_rates)))
        _validate.one_of("batch_index", batch_index, range(len(self.batch_sizes)))
        figure = SGDRunFigure(X, y, num_epochs=num_epochs)
        widgets = _widgets()
        self.runs = [[run_sgd(X, y, lr=lr, batch_size=b, num_epochs=num_epochs, rng=seed)
                      for b in self.batch_sizes] for lr in self.learning_rates]
        self.images = []
        for i, row in enumerate(self.runs):
            self.images.append([])
            for j, run in enumerate(row):
                image = widgets.Image(value=figure.show(run).png(colors=colors), format="png")
                image.add_class(f"lnn-grid-{i}-{j}")
                # What the picture shows, for its alt text (_static/explorer.js).
                result = "lnn-diverged" if run.diverged else f"lnn-loss-{run.final_loss:.3f}"
                for name in (f"lnn-lr-{run.lr:g}", f"lnn-batch-{run.batch_size}", result):
                    image.add_class(name)
                self.images[i].append(image)

        self.lr_slider, self.batch_slider = _sliders(widgets, self.learning_rates,
                                                     self.batch_sizes, lr_index, batch_index)
        if not hasattr(widgets, "Stack"):  # ipywidgets 7 (Colab): no Stack, no static grid
            self.widget = widgets.HTML("The precomputed explorer needs ipywidgets 8; "
                                       "use the live explorer instead.")
            self.links = []
            return
        self.inner_stacks = [widgets.Stack(row, selected_index=batch_index)
                             for row in self.images]
        self.outer_stack = widgets.Stack(self.inner_stacks, selected_index=lr_index)
        # In the browser only these links run: slider index -> which child each stack shows.
        self.links = [widgets.jslink((self.lr_slider, "index"),
                                     (self.outer_stack, "selected_index"))]
        self.links += [widgets.jslink((self.batch_slider, "index"), (stack, "selected_index"))
                       for stack in self.inner_stacks]
        self.widget = widgets.VBox([self.lr_slider, self.batch_slider, self.outer_stack])

    def run(self, lr, batch_size):
        """The precomputed run for a learning rate and a batch size of the grid.

        Raises ``ValueError`` naming ``lr`` or ``batch_size`` for a value off the grid.
        """
        _validate.one_of("lr", lr, self.learning_rates)
        _validate.one_of("batch_size", batch_size, self.batch_sizes)
        return self.runs[self.learning_rates.index(lr)][self.batch_sizes.index(batch_size)]

    def _ipython_display_(self):
        # display() rather than _repr_mimebundle_: ipywidgets 7 (Colab) widgets lack the latter.
        from IPython.display import display

        display(self.widget)
