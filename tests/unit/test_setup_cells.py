"""The Colab setup cell of every chapter: installs lnn from the configured repository on
Colab, does nothing elsewhere, and `make sync-repo` keeps it in step with _config.yml.

The rule (`make chapter` copies the cell from the first chapter of _toc.yml):
- every chapter's setup cell is the second cell, tagged remove-cell (the book hides it; the
  reader notebook shows it first, with lnn pinned to the commit the site was built from);
- it starts with one comment line saying what it does, and does nothing but on Colab
  (``"google.colab" in sys.modules``);
- it is the same in every chapter, except in the MXNet chapters (``*_mxnet.ipynb``), whose
  cell also installs what MXNet 1.9.1 needs on Colab's Python 3.12 (``mxnet==1.9.1``,
  ``numpy<2``, ``setuptools`` for the ``distutils`` MXNet imports) and then shows
  ``lnn.mxnet_status``.
"""

import importlib.util
import json
import shutil
import subprocess
import sys
import types
from pathlib import Path
from unittest import mock

import pytest
import sync_repo
import toc

NOTEBOOKS = toc.notebooks()

# Runs a setup cell with every way of starting a process wrapped: installing anything (pip,
# apt) fails the test; other processes (MXNet's import runs lscpu) go through.
NO_INSTALLS = """
import os, subprocess, sys
def guard(real):
    def wrapper(*args, **kwargs):
        cmd = args[0] if args else kwargs.get("args", "")
        text = " ".join(map(str, cmd)) if isinstance(cmd, (list, tuple)) else str(cmd)
        if "pip" in text or "install" in text:
            raise SystemExit(f"the setup cell installed something: {text}")
        return real(*args, **kwargs)
    return wrapper
for name in ("check_call", "call", "run", "Popen", "check_output"):
    setattr(subprocess, name, guard(getattr(subprocess, name)))
os.system = guard(os.system)
exec(compile(sys.stdin.read(), "setup cell", "exec"), {"__name__": "__main__"})
"""


def _setup_cell(path):
    cells = sync_repo.setup_cells(sync_repo.read(path))
    assert len(cells) == 1, f"{path.name}: expected one setup cell installing lnn from git"
    return sync_repo.source(cells[0])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_cell_installs_lnn_from_the_configured_repository(path):
    nb = sync_repo.read(path)
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert first_code in sync_repo.setup_cells(nb), f"{path.name}: the setup cell comes first"
    found = [(m["url"], m["branch"]) for m in sync_repo.GIT_URL.finditer(_setup_cell(path))]
    assert found == [sync_repo.configured()], (
        f"{path.name} installs lnn from {found}, _config.yml says {sync_repo.configured()}: "
        "run `make sync-repo`")


def _is_mxnet(path):
    from lnn.frameworks import is_mxnet_page

    return is_mxnet_page(path)


FIRST = _setup_cell(NOTEBOOKS[0])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_cell_is_the_first_chapters_except_for_mxnet(path):
    cell = _setup_cell(path)
    assert cell.startswith("# Colab only") and not cell.splitlines()[1].startswith("#"), (
        f"{path.name}: the setup cell starts with one comment line saying what it does")
    if not _is_mxnet(path):
        assert cell == FIRST, f"{path.name}: the setup cell differs from {NOTEBOOKS[0].name}'s"
        return
    for package in ('"mxnet==1.9.1"', '"numpy<2"', '"setuptools"'):
        assert package in cell, f"{path.name}: the MXNet setup cell must install {package}"
    lnn_line = next(line for line in FIRST.splitlines() if line.startswith("LNN ="))
    assert lnn_line in cell.splitlines() and 'if "google.colab" in sys.modules:' in cell


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_cell_installs_on_colab(path):
    """With a google.colab module loaded, the cell runs pip with lnn from the repository."""
    calls = []
    fake = types.ModuleType("google.colab")
    namespace = {"__name__": "__main__"}
    code = _setup_cell(path).split("\nimport lnn\n")[0]  # the MXNet status needs MXNet
    with mock.patch.dict(sys.modules, {"google.colab": fake}), \
            mock.patch("subprocess.check_call", side_effect=lambda cmd: calls.append(cmd)):
        exec(compile(code, "setup cell", "exec"), namespace)
    url, branch = sync_repo.configured()
    assert len(calls) == 1 and calls[0][1:4] == ["-m", "pip", "install"]
    assert f"lnn @ git+{url}@{branch}" in calls[0]
    assert ("mxnet==1.9.1" in calls[0]) == _is_mxnet(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_cell_does_nothing_outside_colab(path):
    cell = _setup_cell(path)
    if "mxnet" in cell and importlib.util.find_spec("mxnet") is None:
        pytest.skip("this setup cell installs MXNet, which this environment lacks")
    env = {"PYTHONPATH": str(toc.ROOT / "src"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", NO_INSTALLS], input=cell, text=True,
                         capture_output=True, env=env)
    assert run.returncode == 0, run.stderr


def test_sync_repo_rewrites_the_setup_cells(tmp_path):
    (tmp_path / "book").mkdir()
    nb = NOTEBOOKS[0]
    shutil.copy(nb, tmp_path / "book" / nb.name)
    config = (toc.ROOT / "_config.yml").read_text(encoding="utf-8")
    url, branch = sync_repo.configured()
    (tmp_path / "_config.yml").write_text(
        config.replace(url, "https://github.com/a-fork/lnn-copy").replace(
            f"branch: {branch}", "branch: teaching-2027"), encoding="utf-8")

    assert sync_repo.sync(tmp_path, check=True) == [Path("book") / nb.name]
    assert sync_repo.sync(tmp_path) == [Path("book") / nb.name]
    assert sync_repo.sync(tmp_path, check=True) == []
    text = (tmp_path / "book" / nb.name).read_text(encoding="utf-8")
    assert "git+https://github.com/a-fork/lnn-copy@teaching-2027" in text
    assert url not in text
    # Only the URL changed: the rest of the file is byte-identical.
    before, after = json.loads(nb.read_text(encoding="utf-8")), json.loads(text)
    assert len(before["cells"]) == len(after["cells"])
    assert len(text.splitlines()) == len(nb.read_text(encoding="utf-8").splitlines())
