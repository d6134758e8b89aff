"""lnn/frameworks.py, MXNet's one home: mxnet_status and the guarded import; and the rule by
name (``book/<topic>_mxnet.md``, _ext/chapters.py's is_mxnet_page) that the book build
(_ext/mxnet_pages.py) and the list of runnable chapters share."""

import fnmatch
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import chapter_env
import chapters
import mxnet_pages
import pytest
from chapter_env import needs_chapters
from mxnet_env import needs_mxnet

import lnn
from lnn import frameworks

ROOT = chapters.ROOT
# A twin as the reader notebooks' setup cell names it: its page on the published site, a link
# that works wherever the notebook is opened (Colab, Binder, a download).
TWIN = "https://org.github.io/course/book/scratch_pytorch.html"


@pytest.fixture(autouse=True)
def _no_twin_left_behind(monkeypatch):
    """mxnet_status(twin=...) remembers the page's twin; each test starts without one."""
    monkeypatch.setattr(frameworks, "_twin", None)


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
    status = lnn.mxnet_status(twin=TWIN)
    assert not status.available
    assert f"{system} {machine}" in status.reason and "Linux x86_64 only" in status.reason
    assert f"]({TWIN})" in status._repr_markdown_()


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
    status = lnn.mxnet_status(twin=TWIN)
    assert not status.available
    assert "restart the runtime" in status.reason and "numpy 2.1.3" in status.reason
    assert TWIN in str(status)


# Every way `import mxnet` was seen to fail: not installed, no libmxnet.so for this machine,
# scipy built for numpy 2 after the downgrade, numpy's C size changed under a loaded numpy.
FAILURES = [ModuleNotFoundError("No module named 'mxnet'"),
            OSError("libmxnet.so: cannot open shared object file"),
            AttributeError("module 'numpy' has no attribute 'long'"),
            ValueError("numpy.dtype size changed, may indicate binary incompatibility.\n" * 40)]


def _failing_mxnet_import(monkeypatch, error):
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "mxnet":
            raise error
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


@pytest.mark.parametrize("error", FAILURES, ids=lambda e: type(e).__name__)
def test_any_import_failure_is_one_short_message_naming_the_twin(monkeypatch, error):
    monkeypatch.setattr(frameworks, "_twin", TWIN)
    _failing_mxnet_import(monkeypatch, error)
    with pytest.raises(frameworks.MXNetUnavailable) as caught:
        frameworks.import_mxnet()
    assert isinstance(caught.value, ImportError)  # `except ImportError` still catches it
    rendered = caught.value._render_traceback_()  # what IPython shows instead of a traceback
    assert len(rendered) == 1 and "\n" not in rendered[0] and len(rendered[0]) < 600
    assert TWIN in rendered[0] and type(error).__name__ in rendered[0]
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize("error", FAILURES, ids=lambda e: type(e).__name__)
def test_import_failure_is_reported(monkeypatch, error):
    _on_linux(monkeypatch)
    monkeypatch.setattr(frameworks.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(frameworks.np, "__version__", "1.26.4")
    monkeypatch.setattr(frameworks, "_twin", None)
    _failing_mxnet_import(monkeypatch, error)
    status = lnn.mxnet_status(twin=TWIN)
    assert not status.available and "cannot be imported" in status.reason
    assert type(error).__name__ in status.reason and TWIN in status.text()


def test_status_displays_as_markdown_and_as_text():
    formatters = pytest.importorskip("IPython.core.formatters")

    status = frameworks.MXNetStatus(False, "No wheel here.", twin=TWIN)
    shown = formatters.DisplayFormatter().format(status)[0]
    assert f"]({TWIN})" in shown["text/markdown"]
    assert shown["text/plain"].startswith("MXNet cannot run here. No wheel here.")


def _needs_mxnet(path):
    """Whether the chapter imports lnn.mxnet unconditionally (vectorization.md imports it
    only where MXNet can run)."""
    return any(re.search(r"^import lnn\.mxnet\b", c.source, re.M)
               for c in chapters.read(path).cells if c.cell_type == "code")


@needs_chapters
def test_the_mxnet_pages_are_the_pages_that_use_mxnet():
    by_name = {p for p in chapters.notebooks() if chapters.is_mxnet_page(p)}
    by_content = {p for p in chapters.notebooks() if _needs_mxnet(p)}
    assert by_name == by_content and by_name
    in_book = {p for p in chapters.notebooks()
               if fnmatch.fnmatch(str(p.relative_to(ROOT)), mxnet_pages.MXNET_PAGES)}
    assert in_book == by_name
    # Each has its PyTorch twin in the book, which the reader notebook points to.
    stems = {p.stem for p in chapters.notebooks()}
    assert {chapters.twin(p) for p in by_name} <= stems


def _config():
    return types.SimpleNamespace(nb_execution_excludepatterns=["slow.md"],
                                 suppress_warnings=["misc.highlighting_failure"])


def test_without_a_wheel_the_book_does_not_run_the_mxnet_pages(monkeypatch):
    pytest.importorskip("sphinx")  # not in .venv-colab
    monkeypatch.setattr(frameworks, "has_mxnet_wheel", lambda: False)
    config = _config()
    mxnet_pages.skip_mxnet_pages(None, config)
    assert config.nb_execution_excludepatterns == ["slow.md", mxnet_pages.MXNET_PAGES]
    assert "mystnb.glue" in config.suppress_warnings


@needs_chapters
def test_without_a_wheel_the_mxnet_pages_are_not_run(monkeypatch):
    monkeypatch.setattr(frameworks, "has_mxnet_wheel", lambda: False)
    runnable = chapters.runnable_notebooks()
    assert runnable and not any(chapters.is_mxnet_page(p) for p in runnable)
    assert set(chapters.notebooks()) - set(runnable) == {
        p for p in chapters.notebooks() if chapters.is_mxnet_page(p)}


@needs_chapters
def test_with_a_wheel_everything_runs(monkeypatch):
    monkeypatch.setattr(frameworks, "has_mxnet_wheel", lambda: True)
    assert chapters.runnable_notebooks() == chapters.notebooks()
    config = _config()
    mxnet_pages.skip_mxnet_pages(None, config)  # returns before it needs Sphinx
    assert config.nb_execution_excludepatterns == ["slow.md"]
    assert "mystnb.glue" not in config.suppress_warnings


@needs_chapters
@pytest.mark.skipif(not frameworks.has_mxnet_wheel(), reason="MXNet has no wheel here")
def test_on_linux_x86_64_every_chapter_runs():
    assert chapters.runnable_notebooks() == chapters.notebooks()


def test_is_mxnet_page_is_the_rule_by_name():
    assert chapters.is_mxnet_page("book/scratch_mxnet.md")
    assert not chapters.is_mxnet_page("book/scratch_pytorch.md")
    assert chapters.twin("book/scratch_mxnet.md") == "scratch_pytorch"
    # The book build's pattern says the same of every chapter.
    for path in chapter_env.notebooks():
        assert fnmatch.fnmatch(str(path.relative_to(ROOT)), mxnet_pages.MXNET_PAGES) == (
            chapters.is_mxnet_page(path)), path.name


def test_frameworks_never_imports_lnn_mxnet():
    # The import goes one way, lnn.mxnet -> lnn.frameworks: no circle.
    source = Path(frameworks.__file__).read_text(encoding="utf-8")
    assert "lnn.mxnet" not in source.replace("lnn.mxnet_status", "").replace(
        ":mod:`lnn.mxnet`", "")
