"""lnn: the helper package of the executable course "Linear Neural Networks".

The core (this namespace) uses numpy only; ``lnn.torch`` and ``lnn.mxnet`` are thin
bindings with the slides' names.  Each helper says which section or equation it implements.
"""

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
