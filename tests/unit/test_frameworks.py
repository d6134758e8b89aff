"""lnn/frameworks.py, MXNet's one home: mxnet_status and the MXNet pages' first cell, and
the rule by name (``*_mxnet.ipynb``) that the book build and nbmake share."""

import fnmatch
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
import toc
from mxnet_env import needs_mxnet

import lnn
from lnn import frameworks

ROOT = Path(__file__).resolve().parents[2]

sys.path.insert(0, str(ROOT / "_ext"))

import mxnet_pages  # noqa: E402

# Each MXNet page of _toc.yml and its PyTorch twin, which its first cell links to.
MXNET_PAGES = {p.stem: p.name.replace("_mxnet.", "_pytorch.") for p in toc.notebooks()
               if fnmatch.fnmatch(p.name, toc.MXNET_PAGES)}


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

    def fail():
        raise ImportError("libmxnet.so: cannot open shared object file")

    monkeypatch.setattr(frameworks, "import_mxnet", fail)
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
    formatters = pytest.importorskip("IPython.core.formatters")

    status = frameworks.MXNetStatus(False, "No wheel here.", twin="scratch_pytorch.ipynb")
    shown = formatters.DisplayFormatter().format(status)[0]
    assert "[scratch_pytorch.ipynb](scratch_pytorch.ipynb)" in shown["text/markdown"]
    assert shown["text/plain"].startswith("MXNet cannot run here. No wheel here.")


def _starts_with_the_mxnet_check(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first_code = next(c for c in cells if c["cell_type"] == "code")
    return "lnn.mxnet_status(" in "".join(first_code["source"])


def test_the_mxnet_pages_are_the_pages_that_use_mxnet():
    by_name = {p for p in toc.notebooks() if fnmatch.fnmatch(p.name, toc.MXNET_PAGES)}
    by_content = {p for p in toc.notebooks() if _starts_with_the_mxnet_check(p)}
    assert by_name == by_content and by_name
    in_book = {p for p in toc.notebooks()
               if fnmatch.fnmatch(str(p.relative_to(ROOT)), mxnet_pages.MXNET_PAGES)}
    assert in_book == by_name


def _config():
    return types.SimpleNamespace(nb_execution_excludepatterns=["slow.ipynb"],
                                 suppress_warnings=["misc.highlighting_failure"])


def test_without_a_wheel_the_book_does_not_run_the_mxnet_pages(monkeypatch):
    pytest.importorskip("sphinx")  # not in .venv-colab
    monkeypatch.setattr(frameworks, "has_mxnet_wheel", lambda: False)
    config = _config()
    mxnet_pages.skip_mxnet_pages(None, config)
    assert config.nb_execution_excludepatterns == ["slow.ipynb", mxnet_pages.MXNET_PAGES]
    assert "mystnb.glue" in config.suppress_warnings


def test_without_a_wheel_nbmake_skips_the_mxnet_pages(monkeypatch):
    monkeypatch.setattr(frameworks, "has_mxnet_wheel", lambda: False)
    runnable = toc.runnable_notebooks()
    assert runnable and not any(p.name.endswith("_mxnet.ipynb") for p in runnable)
    assert set(toc.notebooks()) - set(runnable) == {
        p for p in toc.notebooks() if p.name.endswith("_mxnet.ipynb")}


def test_with_a_wheel_everything_runs(monkeypatch):
    monkeypatch.setattr(frameworks, "has_mxnet_wheel", lambda: True)
    assert toc.runnable_notebooks() == toc.notebooks()
    config = _config()
    mxnet_pages.skip_mxnet_pages(None, config)  # returns before it needs Sphinx
    assert config.nb_execution_excludepatterns == ["slow.ipynb"]
    assert "mystnb.glue" not in config.suppress_warnings


@pytest.mark.skipif(not frameworks.has_mxnet_wheel(), reason="MXNet has no wheel here")
def test_on_linux_x86_64_nbmake_runs_every_notebook():
    assert toc.runnable_notebooks() == toc.notebooks()


def test_is_mxnet_page_is_the_rule_by_name():
    assert frameworks.is_mxnet_page("book/scratch_mxnet.ipynb")
    assert not frameworks.is_mxnet_page("book/scratch_pytorch.ipynb")
    assert mxnet_pages.MXNET_PAGES == "book/" + frameworks.MXNET_PAGES
    assert toc.MXNET_PAGES == frameworks.MXNET_PAGES


def test_frameworks_never_imports_lnn_mxnet():
    # The import goes one way, lnn.mxnet -> lnn.frameworks: no circle.
    source = Path(frameworks.__file__).read_text(encoding="utf-8")
    assert "lnn.mxnet" not in source.replace("lnn.mxnet_status", "").replace(
        ":mod:`lnn.mxnet`", "")
