"""MXNet's one home: can it run here, how it is imported, and which pages need it.

MXNet 1.9.1 has wheels for Linux x86_64 only and needs numpy < 2; Colab ships numpy 2 and no
MXNet.  Everything about that lives here, in the core (MXNet is imported only when asked):

- :data:`INSTALL`, the install command every message gives;
- :func:`import_mxnet`, the one guarded ``import mxnet`` (it restores the ``numpy.bool``
  alias MXNet needs and turns any failure into :class:`MXNetUnavailable`, an ``ImportError``
  that a notebook shows as a short message naming the page's PyTorch twin, not as a
  traceback); :mod:`lnn.mxnet` imports MXNet through it;
- :func:`mxnet_status`, which the MXNet pages' first cell shows: it says plainly why MXNet
  cannot run (and points to the page's PyTorch twin) instead of failing three cells later.
"""

import importlib.util
import platform
import sys
import warnings
from dataclasses import dataclass

import numpy as np

from . import _validate

INSTALL = "pip install mxnet==1.9.1 'numpy<2'"
# The PyTorch twin of the page being read, as its setup cell named it (mxnet_status(twin=)):
# a later failure to import MXNet names it too.
_twin = None


class MXNetUnavailable(ImportError):
    """MXNet cannot be imported here.  In IPython (Jupyter, Colab) the cell shows this short
    message instead of a traceback: the student can do nothing with MXNet's internals."""

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


def import_mxnet():
    """Import MXNet 1.9.1 and return the module, or raise :class:`MXNetUnavailable` saying why.

    MXNet 1.9.1 uses ``numpy.bool``, which numpy 1.24 removed: the alias is restored first.
    Its import touches numpy functions removed long ago (``np.mirr``, ...): numpy warns, the
    students can do nothing about it, so those warnings stay inside this import.  Any
    failure (not installed, a missing library, a scipy built for numpy 2, numpy 2 still in
    memory) becomes one message: what happened, how to install, and the PyTorch twin.
    """
    if "bool" not in vars(np):  # vars(): hasattr would raise a FutureWarning
        np.bool = bool
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import mxnet
    except Exception as err:  # noqa: BLE001 - whatever it is, the student gets one message
        first_line = (str(err).strip().splitlines() or [""])[0][:200]
        twin = f" Read or run this page's PyTorch twin instead: {_twin}" if _twin else (
            " The PyTorch chapters work without it.")
        raise MXNetUnavailable(
            "MXNet 1.9.1 is not installed or cannot be loaded here "
            f"({platform.system()} {platform.machine()}, numpy {np.__version__}: "
            f"{type(err).__name__}: {first_line}). Install it with `{INSTALL}` and restart "
            "the kernel; wheels exist for Linux x86_64 only (no Apple Silicon or Windows)."
            + twin) from None
    return mxnet


def has_mxnet_wheel(system=None, machine=None):
    """Whether MXNet 1.9.1 publishes a wheel for this platform (Linux x86_64 only)."""
    system = platform.system() if system is None else system
    machine = platform.machine() if machine is None else machine
    return system == "Linux" and machine.lower() in {"x86_64", "amd64"}


@dataclass(frozen=True)
class MXNetStatus:
    """``available``: MXNet imports here; ``reason``: why (not); ``twin``: the PyTorch page."""

    available: bool
    reason: str
    twin: str | None = None

    def text(self):
        """The message as plain text (a terminal, a log, nbmake)."""
        if self.available:
            return self.reason
        lines = ["MXNet cannot run here. " + self.reason,
                 "The MXNet cells of this page will fail in this environment."]
        if self.twin:
            lines.append(f"Read or run the PyTorch twin of this page instead: {self.twin}")
        return "\n".join(lines)

    def markdown(self):
        """The message as Markdown, with the twin page as a link."""
        if self.available:
            return self.reason
        text = f"**MXNet cannot run here.** {self.reason}"
        text += " The MXNet cells of this page will fail in this environment."
        if self.twin:
            text += f" Read or run the [PyTorch twin of this page]({self.twin}) instead."
        return text

    def __str__(self):
        return self.text()

    __repr__ = __str__

    def _repr_markdown_(self):
        return self.markdown()

    def show(self):
        """Show the message: Markdown with a clickable link in Jupyter, plain text elsewhere."""
        try:
            from IPython import get_ipython
            from IPython.display import display
        except ImportError:
            get_ipython = None
        if get_ipython is not None and get_ipython() is not None:
            display(self)  # text/markdown for Jupyter, text/plain (the text) for the rest
        else:
            print(self.text())


def mxnet_status(twin=None):
    """Check, from the cheapest test to the import itself, whether MXNet can run here.

    ``twin`` is the URL of the PyTorch page to point to (the reader notebook's setup cell
    gives the published page of its twin); later failures of :func:`import_mxnet` name it
    too.  Calling this imports MXNet (:func:`import_mxnet`) when every other test passes.
    """
    global _twin
    if twin is not None and not isinstance(twin, str):
        _validate.fail("twin", "None or the address of the PyTorch page (text)", repr(twin))
    _twin = twin
    system, machine = platform.system(), platform.machine()
    if not has_mxnet_wheel(system, machine):
        return MXNetStatus(False, f"MXNet 1.9.1 has wheels for Linux x86_64 only, and this is "
                           f"{system} {machine} (Apple Silicon and Windows have none).", twin)
    if importlib.util.find_spec("mxnet") is None:
        where = ("On Colab, run this page's first cell, which installs it."
                 if "google.colab" in sys.modules else f"Install it with `{INSTALL}`.")
        return MXNetStatus(False, f"MXNet is not installed in this Python environment. {where}",
                           twin)
    if int(np.__version__.split(".")[0]) >= 2:
        # Right after the Colab install: numpy < 2 is on disk, numpy 2 still in memory.
        return MXNetStatus(False, f"MXNet 1.9.1 needs numpy < 2, but this Python process has "
                           f"numpy {np.__version__} loaded. If MXNet was just installed, restart "
                           "the runtime now (Colab: Runtime > Restart session) and run the page "
                           f"again from the top; otherwise run `{INSTALL}`.", twin)
    try:
        mx = import_mxnet()
    except MXNetUnavailable as err:
        return MXNetStatus(False, f"MXNet is installed but cannot be imported: {err}", twin)
    return MXNetStatus(True, f"MXNet {mx.__version__} is available ({system} {machine}, "
                       f"numpy {np.__version__}).", twin)
