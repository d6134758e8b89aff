"""_ext/slides/markup.py and the build's check of it (_ext/validate_sources.py): markup in a
slides-only cell that the deck would show as raw text fails, naming the chapter, the cell,
the line and what was expected.  Drawn (Hypothesis): a real slides-only cell of the book and
one slip put at a drawn line: a near-miss placeholder (case, spaces, single brackets, inside
a sentence or a list item, indented), a placeholder sharing its paragraph (a caption under
it, text above it), a MyST role other than {term}, a directive, a target."""

import shutil

import chapter_env
import chapters
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# The build's checks import Sphinx's docutils: not in the Colab-like `.venv-colab`.
validate_sources = pytest.importorskip("validate_sources")
markup = pytest.importorskip("slides.markup")

pytestmark = chapter_env.needs_chapters
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None)
CELLS = [(path, n, source) for path in chapter_env.notebooks()
         for n, source in markup.cells(path)]
EQUATIONS = {tag for path in chapter_env.notebooks() for tag in chapters.tags(path)}


def test_every_slides_only_cell_of_the_book_passes():
    assert len(CELLS) > 10
    for path, n, source in CELLS:
        assert markup.problems(source, EQUATIONS) == [], (path.name, n)


NAMES = st.sampled_from(["3.1.5", "3.1.10a", "fig-fit-residuals", "fig_scaling"])
CASES = st.sampled_from(["Eq", "EQ", "eQ", "Fig", "FIG", "equation", "figure"])
SPACE = st.sampled_from([" ", "  ", "\t"])


@st.composite
def near_misses(draw):
    """A line meant as a placeholder that the deck would show as typed."""
    kind, name = draw(st.sampled_from(["eq", "fig"])), draw(NAMES)
    form = draw(st.sampled_from(["case", "space inside", "space at an end", "single brackets",
                                 "in a sentence", "list item", "numbered item", "indented",
                                 "one bracket short"]))
    if form == "case":
        return f"[[{draw(CASES)} {name}]]"
    if form == "space inside":
        return draw(st.sampled_from([f"[[ {kind} {name}]]", f"[[{kind} {name} ]]",
                                     f"[[{kind}{draw(SPACE)}{draw(SPACE)}{name}]]"]))
    if form == "space at an end":
        return draw(st.sampled_from([f"[[{kind} {name}]] ", f"[[{kind} {name}]]\t"]))
    if form == "single brackets":
        return f"[{kind} {name}]"
    if form == "in a sentence":
        return f"{draw(st.sampled_from(['See', 'The loss', 'As in']))} [[{kind} {name}]] here"
    if form == "list item":
        return f"{draw(st.sampled_from(['-', '*', '+']))} [[{kind} {name}]]"
    if form == "numbered item":
        return f"1. [[{kind} {name}]]"
    if form == "indented":
        return f"{draw(st.sampled_from(['  ', '    ', chr(9)]))}[[{kind} {name}]]"
    return draw(st.sampled_from([f"[[{kind} {name}]", f"[{kind} {name}]]"]))


OTHER_MYST = st.one_of(
    st.sampled_from(["ref", "numref", "eq", "glue:figure", "cite", "math", "doc", "abbr"]).map(
        lambda role: f"- a word {{{role}}}`target` in a bullet"),
    st.sampled_from(["```{figure} a.png", "```{glue:figure} fig-x", ":::{note}",
                     "```{math}"]).map(lambda fence: f"{fence}\nsomething\n"
                                                     f"{fence.split('{')[0]}"),
    st.sampled_from(["(eq-3-1-5)=", "(fig-3-1-1)="]),
)


def _insert(source, position, block):
    """``source`` with ``block`` (lines) put between blank lines at the ``position``-th
    paragraph boundary of the body (after the title line, never inside a list, math or
    code); returns (text, the first line of block, 1-based)."""
    lines = source.split("\n")
    start = 1 if lines[0].startswith("## ") else 0
    boundaries = [start] + [i for i in range(start + 1, len(lines) + 1) if not
                            lines[i - 1].strip()]
    position = boundaries[position % len(boundaries)]
    new = lines[:position] + ["", *block.split("\n"), ""] + lines[position:]
    return "\n".join(new), position + 2


@SETTINGS
@given(st.sampled_from(CELLS), st.integers(0, 12), st.one_of(near_misses(), OTHER_MYST))
def test_a_slip_is_found_on_its_line(cell, position, slip):
    _, _, source = cell
    text, line = _insert(source, position, slip)
    found = markup.problems(text, EQUATIONS)
    assert line in [n for n, _ in found], (slip, found)
    assert all("expected" in message for _, message in found)


@SETTINGS
@given(st.sampled_from(CELLS), st.integers(0, 12), st.sampled_from(["eq 3.1.5", "fig x"]),
       st.sampled_from(["A caption under the figure", "**Fig. 3.1.1** the fit",
                        "- a bullet", "text"]), st.booleans())
def test_a_placeholder_that_shares_its_paragraph_is_found(cell, position, placeholder,
                                                          neighbour, above):
    _, _, source = cell
    block = f"{neighbour}\n[[{placeholder}]]" if above else f"[[{placeholder}]]\n{neighbour}"
    text, line = _insert(source, position, block)
    found = markup.problems(text, EQUATIONS)
    assert line + above in [n for n, _ in found], (block, found)


def test_an_equation_no_chapter_tags_is_found():
    assert [n for n, _ in markup.problems("## T\n[[eq 3.9.99]]\n", EQUATIONS)] == [2]


def test_code_and_math_may_hold_brackets():
    text = "- `X[[0, 1]]` picks two columns\n- $[[a]]$\n\n```python\nX[[0]]\n```\n"
    assert markup.problems(text, EQUATIONS) == []


@pytest.fixture
def root(tmp_path):
    """A copy of the table of contents and the chapters."""
    shutil.copy2(chapters.ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(chapters.ROOT / "book", tmp_path / "book")
    return tmp_path


def test_the_build_names_the_chapter_cell_and_line(root):
    path, position, source = CELLS[0]
    copy = root / path.relative_to(chapters.ROOT)
    nb = chapters.read(copy)
    lines = source.split("\n")
    nb.cells[position - 1].source = "\n".join([lines[0], "[[Eq 3.1.5]]", *lines[1:]])
    chapters.write(nb, copy)
    found = validate_sources.problems(root)
    assert len(found) == 1
    text = copy.read_text(encoding="utf-8").split("\n")
    line = text.index("[[Eq 3.1.5]]") + 1  # the slip's line in the chapter's file
    assert found[0].startswith(f"{copy.relative_to(root)}, line {line} (slides-only cell "
                               f"{position}, {lines[0]!r}): '[[Eq 3.1.5]]' is not a "
                               "placeholder")
