"""Notebooks are committed without outputs and every one is in the table of contents."""

import json

import pytest
import toc

NOTEBOOKS = sorted((toc.ROOT / "book").glob("**/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {i} has outputs"
            assert cell.get("execution_count") is None, f"{path.name} cell {i} has a count"
    # Widget state belongs in the built page (saved at build time), not in the source.
    assert "widgets" not in nb.get("metadata", {}), f"{path.name} stores widget state"


def test_every_notebook_is_in_the_toc():
    listed = {p.resolve() for p in toc.notebooks()}
    orphans = [p.name for p in NOTEBOOKS if p.resolve() not in listed]
    assert not orphans, f"notebooks missing from _toc.yml: {orphans}"
    assert NOTEBOOKS, "no notebooks found in book/"


def test_clear_outputs_strips_what_the_clean_check_rejects(tmp_path):
    nbformat = pytest.importorskip("nbformat")  # not in .venv-np2

    import clear_outputs

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                           execution_count=3)]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("text")]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    path = tmp_path / "dirty.ipynb"
    nbformat.write(nb, path)
    assert clear_outputs.clear(path) and not clear_outputs.clear(path)
    test_notebook_has_no_outputs(path)
