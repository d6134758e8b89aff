"""Every reader notebook of `make book` runs to its end on the Colab stand-in (runtime.py),
from lnn not installed, offline, the quiz included: the PyTorch and numpy pages under nbmake
on Python 3.11, the MXNet pages on Colab's Python 3.12 with at most one restart, which the
setup cell announces first (nbmake cannot restart: the course environment runs them under
nbmake, `make reader-notebooks`)."""

import os

import chapters
import pytest
import reader_notebooks
from runtime import READER

NOTEBOOKS = sorted((READER / "book").glob("*.ipynb")) if READER.is_dir() else []


def _env(path):
    return os.environ["LNN_COLAB_MXNET" if chapters.is_mxnet_page(path) else "LNN_COLAB"]


def test_every_chapter_has_a_reader_notebook():
    assert {p.stem for p in NOTEBOOKS} == {p.stem for p in chapters.notebooks()}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_reader_notebook_runs_on_colab(colab, path, record_property):
    runtime = colab.runtime(_env(path), path.stem)
    assert runtime.python.is_file()
    run = runtime.execute(path) if chapters.is_mxnet_page(path) else runtime.nbmake(path)
    python = os.path.basename(os.path.realpath(os.path.join(_env(path), "bin", "python")))
    # For _build/colab/report.md (conftest.py), also from a pytest-xdist worker.
    record_property("colab", (path.stem, python, run.restarts, run.seconds, run.setup_output))
    if chapters.is_mxnet_page(path):
        # One restart, said first; afterwards the status says MXNet is there.
        assert run.restarts == 1, f"{path.stem}: MXNet was there without the setup cell"
        first_line = run.setup_output[0].splitlines()[0]
        assert first_line == reader_notebooks.RESTART_SENTENCE
    else:
        assert run.restarts == 0
        assert run.setup_output == [""], f"{path.stem}: the setup cell printed something"
