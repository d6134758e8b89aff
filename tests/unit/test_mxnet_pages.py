"""Where MXNet has no wheel, the MXNet pages are built without running and nbmake skips them.

The rule is by name (``*_mxnet.ipynb``) in _ext/mxnet_pages.py and tests/toc.py; the first
test ties the name to the content, so a new MXNet page cannot slip past the rule.
"""

import fnmatch
import json
import sys
import types
from pathlib import Path

import pytest

from lnn import frameworks

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "_ext"))
import mxnet_pages  # noqa: E402
import toc  # noqa: E402


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
