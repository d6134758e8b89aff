"""The Colab setup cell of every chapter: installs lnn from the configured repository on
Colab, does nothing locally, and `make sync-repo` keeps it in step with _config.yml."""

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_cell_does_nothing_where_lnn_is_importable(path):
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
