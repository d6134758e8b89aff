"""A sentence that interprets a measurement stays true on any machine (issue 24, point 9).

A value glued from a cell tagged ``timing`` was measured on the machine that built the book;
on another machine, or under load, it takes another value.  Where the words around such a
number judge it ("faster", "dominates", "close to the truth", "within a factor"), the build
must check the judgement: an ``assert`` in the chapter on the very expression that is glued.
A paragraph that only reports the number ("took 3.2 times as long") needs no guard, and
neither does a wording glued as Markdown, which the code chose from the measured value.
Every chapter, every timing value, every paragraph (a list item counts as one) is checked.
"""

import ast
import re

import chapters
import pytest
from chapter_env import needs_chapters, notebooks

TIMING_TAG = "timing"
GLUE_REF = re.compile(r"\{glue(?::text|:md|:any|:)?\}`([^`:]+)(?::[^`]*)?`")
# Words that judge a measured value rather than report it.
JUDGEMENT = re.compile(
    r"\b(?:fast|slow|quick|cheap|expensive|costl|dramatic|magnitude|dominat|comparable|"
    r"close to|truth|barely|hardly|negligible|far\b|within|exceed|about the same|twice|"
    r"tenfold)\w*", re.I)
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*] )")


def _glued(source):
    """{key: value expression} of the ``glue(key, value, ...)`` calls in ``source``."""
    return {node.args[0].value: node.args[1] for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "glue"
            and len(node.args) > 1 and isinstance(node.args[0], ast.Constant)}


def _asserted(sources):
    """The ast.dump of every expression inside an ``assert`` of the chapter's code."""
    found = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assert):
                found.update(ast.dump(part) for part in ast.walk(node.test))
    return found


def unguarded_claims(nb):
    """(key, paragraph) for each measured value whose paragraph judges it unchecked."""
    code = [c.source for c in nb.cells if c.cell_type == "code"
            and not c.source.lstrip().startswith("%")]
    timing = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and TIMING_TAG in cell.metadata.get("tags", []):
            timing.update(_glued(cell.source))
    # A Markdown wording was chosen by the code from the value: the code is its guard.
    numbers = {key: expr for key, expr in timing.items()
               if not (isinstance(expr, ast.Call) and getattr(expr.func, "id", "") == "Markdown")}
    asserted = _asserted(code)
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for paragraph in PARAGRAPH.split(cell.source):
            if not JUDGEMENT.search(GLUE_REF.sub(" ", paragraph)):
                continue
            for key in GLUE_REF.findall(paragraph):
                if key in numbers and ast.dump(numbers[key]) not in asserted:
                    found.append((key, " ".join(paragraph.split())))
    return found


@needs_chapters
@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_every_judged_timing_is_checked_by_the_build(path):
    found = unguarded_claims(chapters.read(path))
    assert not found, (
        f"{path.name}: measured values judged by the text but not asserted by the build "
        "(assert on the glued expression, or word the paragraph for any value):\n"
        + "\n".join(f"  {key}: {text[:160]}" for key, text in found))


def _chapter(markdown, code):
    import nbformat

    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(code, metadata={"tags": ["remove-cell", TIMING_TAG]}),
        nbformat.v4.new_markdown_cell(markdown)])


JUDGED = "The second method is dramatically faster: the loop took {glue:text}`r:.0f` times as long."


@pytest.mark.parametrize("markdown, code, flagged", [
    (JUDGED, 'glue("r", t_loop / t_vec)', ["r"]),
    (JUDGED, 'assert t_loop / t_vec > 10\nglue("r", t_loop / t_vec)', []),
    (JUDGED, 'assert t_loop > 10\nglue("r", t_loop / t_vec)', ["r"]),  # not the glued value
    ("Here the loop took {glue:text}`r:.0f` times as long.", 'glue("r", t_loop / t_vec)', []),
    ("- It is fast.\n- The loop took {glue:text}`r` times as long.", 'glue("r", t)', []),
    ("It was {glue:md}`w`, the fastest.", 'glue("w", Markdown(pick(t)))', []),
])
def test_what_counts_as_a_guard(markdown, code, flagged):
    assert [key for key, _ in unguarded_claims(_chapter(markdown, code))] == flagged
