"""Every chapter (a MyST Markdown notebook of book/) is in the table of contents and keeps
the source-notebook rule."""

import re

import chapters
import pytest
from chapter_env import needs_chapters

pytestmark = needs_chapters

NOTEBOOKS = sorted(p for p in (chapters.ROOT / "book").glob("**/*.md")
                   if chapters.is_chapter(p))


def test_every_notebook_is_in_the_toc():
    listed = {p.resolve() for p in chapters.notebooks()}
    orphans = [p.name for p in NOTEBOOKS if p.resolve() not in listed]
    assert not orphans, f"notebooks missing from _toc.yml: {orphans}"
    assert NOTEBOOKS, "no notebooks found in book/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_stores_no_widget_state(path):
    # Widget state belongs in the built page (saved at build time), not in the source.
    assert "widgets" not in chapters.front_matter(path), f"{path.name} stores widget state"


# The source-notebook rule (README, "The source-notebook rule"): teaching cells show the
# code that teaches; the book's bookkeeping lives in hidden cells, which reader notebooks drop.
def _cells(path):
    return chapters.read(path).cells


def _source(cell):
    return cell.source


def _hidden(cell):
    return "remove-cell" in cell["metadata"].get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glue_lives_in_hidden_cells_only(path):
    visible = [i for i, cell in enumerate(_cells(path)) if cell["cell_type"] == "code"
               and not _hidden(cell) and ("glue(" in _source(cell) or "myst_nb" in _source(cell))]
    assert not visible, f"{path.name}: visible cells {visible} call glue( or import myst_nb"


SOLUTION_BLOCK = re.compile(r"^(`{3,}|:{3,})\{solution\}.*?^\1[ \t]*$", re.M | re.S)
QUOTED_CODE = re.compile(r"^```python|\n\n {4}\S")


def gated_solutions(cells):
    """The visible code cells of each solution between solution-start and solution-end."""
    solutions, current = [], None
    for cell in cells:
        text = _source(cell)
        if cell["cell_type"] == "code":
            if current is not None and not _hidden(cell):
                current.append(text)
            continue
        # One markdown cell may end a solution and start the next one.
        for gate in re.findall(r"\{(solution-start|solution-end)\}", text):
            if gate == "solution-start":
                assert current is None, "solution-start inside a solution"
                current = []
            else:
                assert current is not None, "solution-end without solution-start"
                solutions.append(current)
                current = None
    assert current is None, "solution-start without solution-end"
    return solutions


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solution_code_is_executed_not_quoted(path):
    """Code in a solution is a code cell between solution-start and solution-end (the build
    and nbmake run it) ending in the page's lnn.check checker, never a quoted block."""
    cells = _cells(path)
    for cell in cells:
        for block in SOLUTION_BLOCK.finditer(_source(cell)):
            assert not QUOTED_CODE.search(block.group(0)), (
                f"{path.name}: a {{solution}} quotes code; make it executed cells between "
                f"solution-start and solution-end:\n{block.group(0)[:200]}")
    for code in gated_solutions(cells):
        assert code, f"{path.name}: a gated solution without code"
        last = code[-1].strip().splitlines()
        # A measurement has no checker: its printed numbers are the answer.
        assert any("check" in line for line in last[-3:]) or "measure(" in code[-1], (
            f"{path.name}: the solution's code does not end in its lnn.check checker")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glued_figures_are_drawn_by_a_visible_cell(path):
    """A figure the page shows with {glue:figure} is drawn by the visible code cell before
    the hidden cell that glues it (tagged remove-output: the page shows the captioned copy),
    so the reader notebook, which drops the hidden cell, still draws it."""
    cells = _cells(path)
    markdown = "".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    for key in re.findall(r"\{glue:figure\}\s*(\S+)", markdown):
        gluing = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
                  and re.search(rf"glue\(\s*[\"']{re.escape(key)}[\"']", _source(c))]
        assert len(gluing) == 1, f"{path.name}: {key} is glued {len(gluing)} times"
        before = [c for c in cells[:gluing[0]] if c["cell_type"] == "code"][-1]
        assert not _hidden(before) and "remove-output" in before["metadata"].get("tags", []), (
            f"{path.name}: the figure {key} is not drawn by a visible remove-output cell")
