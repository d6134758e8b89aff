"""Can MXNet run here?  Answered by the numpy core, which imports MXNet only when asked.

MXNet 1.9.1 has wheels for Linux x86_64 only and needs numpy < 2; Colab ships numpy 2 and no
MXNet.  The MXNet pages' first cell calls :func:`mxnet_status`, which says plainly why MXNet
cannot run (and points to the page's PyTorch twin) instead of failing three cells later.
"""

import importlib
import importlib.util
import platform
import sys
from dataclasses import dataclass

import numpy as np

INSTALL = "pip install mxnet==1.9.1 'numpy<2'"


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
            lines.append(f"Read or run the PyTorch twin of this page instead: {self.twin} "
                         "(in the same folder).")
        return "\n".join(lines)

    def markdown(self):
        """The message as Markdown, with the twin page as a link."""
        if self.available:
            return self.reason
        text = f"**MXNet cannot run here.** {self.reason}"
        text += " The MXNet cells of this page will fail in this environment."
        if self.twin:
            text += (" Read or run the PyTorch twin of this page instead: "
                     f"[{self.twin}]({self.twin}).")
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

    ``twin`` names the PyTorch page to point to, e.g. ``"scratch_pytorch.ipynb"``.  Calling
    this imports MXNet (through :mod:`lnn.mxnet`) when every other test passes.
    """
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
        mx = importlib.import_module("lnn.mxnet").mxnet
    except ImportError as err:
        return MXNetStatus(False, f"MXNet is installed but cannot be imported: {err}", twin)
    return MXNetStatus(True, f"MXNet {mx.__version__} is available ({system} {machine}, "
                       f"numpy {np.__version__}).", twin)
