"""One seeding function for the whole course, so every build prints the same numbers."""

import numbers
import random
import sys

import numpy as np

from . import _validate

_state = {"seed": None, "rng": np.random.default_rng()}


def set_seed(seed):
    """Seed Python, numpy and the frameworks (torch, MXNet), and reset :func:`get_rng`.

    Frameworks imported later through ``lnn.torch`` / ``lnn.mxnet`` are seeded on import, so
    the order of imports and ``set_seed`` in a notebook does not matter.  Raises
    ``ValueError`` unless ``seed`` is a non-negative integer.
    """
    seed = _validate.non_negative_int("seed", seed)
    _state["seed"] = seed
    _state["rng"] = np.random.default_rng(seed)
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002  (code that uses the legacy global generator)
    # Only frameworks already imported: the core never imports a deep-learning framework.
    # (sys.modules may also hold None: an import that was blocked.)
    if sys.modules.get("torch") is not None:
        sys.modules["torch"].manual_seed(seed)
    if sys.modules.get("mxnet") is not None:
        sys.modules["mxnet"].random.seed(seed)


def current_seed():
    """The seed last given to :func:`set_seed`, or ``None``."""
    return _state["seed"]


def get_rng(rng=None):
    """Resolve an ``rng`` argument: the one route of every random draw in ``lnn``.

    ``None`` -> the course generator (reset by :func:`set_seed`), an int >= 0 -> a new
    generator seeded with it, a numpy ``Generator`` -> itself.  Raises ``ValueError``
    naming ``rng`` otherwise (a negative or fractional seed, text, a bool).
    """
    if rng is None:
        return _state["rng"]
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0:
        return np.random.default_rng(int(rng))
    _validate.fail("rng", "None, a non-negative int seed or a numpy Generator", repr(rng))
