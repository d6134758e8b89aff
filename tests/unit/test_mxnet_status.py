"""lnn.mxnet_status and the MXNet pages' first cell: a plain message where MXNet cannot run.

On Linux x86_64 MXNet must be available (no skip); the other paths are simulated.
"""

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from mxnet_env import needs_mxnet

import lnn
from lnn import frameworks

ROOT = Path(__file__).resolve().parents[2]
MXNET_PAGES = {"scratch_mxnet": "scratch_pytorch.ipynb", "concise_mxnet": "concise_pytorch.ipynb"}


def _run(code):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=True).stdout


def test_import_lnn_imports_no_framework():
    out = _run("import sys, lnn; print(sorted({'torch', 'mxnet'} & set(sys.modules)))")
    assert out.strip() == "[]"


@needs_mxnet
def test_mxnet_runs_where_it_has_a_wheel():
    status = lnn.mxnet_status()
    assert status.available, status.reason
    assert "MXNet 1.9.1 is available" in str(status)


@pytest.mark.parametrize("system, machine", [("Darwin", "arm64"), ("Windows", "AMD64")])
def test_platform_without_wheel(monkeypatch, system, machine):
    monkeypatch.setattr(frameworks.platform, "system", lambda: system)
    monkeypatch.setattr(frameworks.platform, "machine", lambda: machine)
    status = lnn.mxnet_status(twin="scratch_pytorch.ipynb")
    assert not status.available
    assert f"{system} {machine}" in status.reason and "Linux x86_64 only" in status.reason
    assert "[scratch_pytorch.ipynb](scratch_pytorch.ipynb)" in status._repr_markdown_()


def _on_linux(monkeypatch):
    monkeypatch.setattr(frameworks.platform, "system", lambda: "Linux")
    monkeypatch.setattr(frameworks.platform, "machine", lambda: "x86_64")


def test_not_installed(monkeypatch):
    _on_linux(monkeypatch)
    monkeypatch.setitem(sys.modules, "mxnet", None)  # find_spec then reports it missing
    status = lnn.mxnet_status()
    assert not status.available and "pip install mxnet==1.9.1" in status.reason
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    assert "On Colab, run this page's first cell" in lnn.mxnet_status().reason


def test_numpy_2_in_memory_asks_for_a_restart(monkeypatch):
    _on_linux(monkeypatch)
    monkeypatch.setattr(frameworks.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(frameworks.np, "__version__", "2.1.3")
    status = lnn.mxnet_status(twin="concise_pytorch.ipynb")
    assert not status.available
    assert "restart the runtime" in status.reason and "numpy 2.1.3" in status.reason
    assert "concise_pytorch.ipynb" in str(status)


def test_import_failure_is_reported(monkeypatch):
    _on_linux(monkeypatch)
    monkeypatch.setattr(frameworks.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(frameworks.np, "__version__", "1.26.4")

    def fail(name):
        raise ImportError("libmxnet.so: cannot open shared object file")

    monkeypatch.setattr(frameworks.importlib, "import_module", fail)
    status = lnn.mxnet_status()
    assert not status.available and "cannot be imported: libmxnet.so" in status.reason


def _first_code_cell(page):
    nb = json.loads((ROOT / "book" / f"{page}.ipynb").read_text(encoding="utf-8"))
    return "".join(next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])


@pytest.mark.parametrize("page", MXNET_PAGES)
def test_mxnet_page_first_cell_without_mxnet(page):
    cell = _first_code_cell(page)
    assert "lnn.mxnet_status(" in cell and "numpy<2" in cell and "google.colab" in cell
    out = _run("import sys\nsys.modules['mxnet'] = None  # makes MXNet unimportable\n" + cell)
    assert "MXNet cannot run here" in out
    assert MXNET_PAGES[page] in out, "the message links to the PyTorch twin"


@needs_mxnet
@pytest.mark.parametrize("page", MXNET_PAGES)
def test_mxnet_page_first_cell_with_mxnet(page):
    out = _run(_first_code_cell(page))
    assert "MXNet 1.9.1 is available" in out and "cannot" not in out


def test_status_displays_as_markdown_and_as_text():
    formatters = pytest.importorskip("IPython.core.formatters")  # not in .venv-colab

    status = frameworks.MXNetStatus(False, "No wheel here.", twin="scratch_pytorch.ipynb")
    shown = formatters.DisplayFormatter().format(status)[0]
    assert "[scratch_pytorch.ipynb](scratch_pytorch.ipynb)" in shown["text/markdown"]
    assert shown["text/plain"].startswith("MXNet cannot run here. No wheel here.")
