"""lnn: the helper package of the executable course "Linear Neural Networks".

Three layers; each module says which section, equation or page it serves.

Slide core (this namespace; numpy only, never imports a framework), D2L 3.1-3.2:
    data        synthetic_data, house_data, batch_indices, data_iter (3.2.1-3.2.2)
    model       linreg (3.1.4), squared_loss (3.1.5), mean_loss (3.1.6),
                squared_loss_grad (3.1.10), closed_form (3.1.8), huber_loss
    optim       sgd_step (3.1.10), train_epochs, run_sgd, one divergence rule (3.1.9)
    stats       normal (3.1.11), gaussian_nll (3.1.15), laplace_nll
    seed        set_seed and get_rng, the one route of every random draw
    lecture     the slides' own settings (learning rate, epochs, batch size, examples)
    timing      Timer, for the vectorization benchmark (3.1.2)
    plotting    plot, set_axes, set_figsize (the slides' d2l.plot)
    _validate   every argument check, one wording: "<name> must be <what>, got <what came>"
Framework bindings (the slides' names in PyTorch and MXNet, D2L 3.2-3.3):
    torch       synthetic_data, data_iter, linreg, squared_loss, sgd, load_array, try_gpu
    mxnet       the same for MXNet
    _scratch    linreg, squared_loss, data_iter of D2L 3.2 (from scratch), once for both
    frameworks  MXNet's one home: mxnet_status, import_mxnet, the install command, the
                rule for which pages are MXNet pages
    parity      every implementation trains the same problem (concise_pytorch page)
Page helpers (import them as ``from lnn import <module>``):
    check         the exercise checkers (every chapter's Exercises)
    explorer      the learning-rate and batch-size sliders (minibatch_sgd page)
    figures_sgd   the SGD run figure and loss contours (minibatch_sgd page)
    figures       drawn figures (loss_function, analytic_solution, deep_networks pages)
    conditioning  solvers of (3.1.8) and their accuracy (analytic_solution page)
    benchmark     timing with repeats and the framework backends (vectorization page)
    tables        Markdown tables of build-time results (scratch pages)
    quiz          the self-check quiz of every chapter (book/quizzes/, jupyterquiz)
    quiz_schema   what a quiz file must be; the book build checks every one with it

Every public function takes lists, numpy arrays, torch tensors or MXNet arrays; bad input
raises a ``ValueError`` that names the argument and what was expected.
"""

from . import lecture  # noqa: F401  (lnn.lecture after `import lnn`)
from .data import batch_indices, data_iter, house_data, synthetic_data
from .frameworks import mxnet_status
from .model import closed_form, huber_loss, linreg, mean_loss, squared_loss, squared_loss_grad
from .optim import SGDRun, run_sgd, sgd_step, train_epochs
from .plotting import plot, set_axes, set_figsize, use_svg_display
from .seed import get_rng, set_seed
from .stats import gaussian_nll, laplace_nll, normal
from .timing import Timer

__all__ = [
    "SGDRun",
    "Timer",
    "batch_indices",
    "closed_form",
    "data_iter",
    "gaussian_nll",
    "get_rng",
    "house_data",
    "huber_loss",
    "laplace_nll",
    "linreg",
    "mean_loss",
    "mxnet_status",
    "normal",
    "plot",
    "run_sgd",
    "set_axes",
    "set_figsize",
    "set_seed",
    "sgd_step",
    "squared_loss",
    "squared_loss_grad",
    "synthetic_data",
    "train_epochs",
    "use_svg_display",
]
