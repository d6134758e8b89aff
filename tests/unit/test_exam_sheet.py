"""The exam sheet (_ext/exam_sheet.py) on a small book of its own: the sheet shows each
chapter's equations as the chapter states them, follows an edit of any of them in an
incremental build, and the build refuses an equation without an entry."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("myst_parser")

EXT = Path(__file__).resolve().parents[2] / "_ext"
CONF = f"""
import sys
sys.path.insert(0, {str(EXT)!r})
extensions = ["myst_parser", "exam_sheet"]
myst_enable_extensions = ["colon_fence", "dollarmath", "amsmath"]
math_number_all = False
root_doc = "index"
"""
INDEX = "# Book\n\n```{toctree}\na\nb\nsheet\n```\n"
SHEET = ("# Sheet\n\n## Equations\n\n```{exam-sheet} Equations\n```\n\n"
         "## Notes\n\n```{exam-sheet} Notes\n```\n")


def chapter(name, tags, body="x"):
    """A page stating one equation per tag, each with its entry right above its label."""
    text = f"# Chapter {name}\n\n(sec-{name})=\n## Section {name}\n\n"
    for tag in tags:
        label = "eq-" + tag.replace(".", "-")
        text += (f":::{{exam-sheet-entry}} Name of {tag}\n:equation: {label}\n"
                 f"Meaning of {tag}, see [the other](eq-3-1-1).\n:::\n\n"
                 f"({label})=\n$$\ny_{{{tag}}} = {body}\n\\tag{{{tag}}}\n$$\n\n")
    return text + (f":::{{exam-sheet-entry}} Note of {name}\n:group: Notes\n"
                   f"A fact of page {name}.\n:::\n")


def build(src):
    """Build the small book (warnings are errors); the sheet's HTML, or the warnings."""
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q",
                          str(src), str(src / "_build")], capture_output=True, text=True)
    if run.returncode:
        return None, run.stderr
    return (src / "_build" / "sheet.html").read_text("utf-8"), run.stderr


def displays(html):
    """{tag: TeX} of the display equations of a page, as Sphinx writes them for MathJax."""
    found = {}
    for tex in re.findall(r'<div class="math[^"]*"[^>]*>\s*\\\[(.*?)\\\]', html, re.S):
        found[re.search(r"\\tag\{([^}]*)\}", tex).group(1)] = tex
    return found


@pytest.fixture()
def book(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text(INDEX)
    (tmp_path / "a.md").write_text(chapter("a", ["3.1.1", "3.1.2"]))
    (tmp_path / "b.md").write_text(chapter("b", ["3.1.3"]))
    (tmp_path / "sheet.md").write_text(SHEET)
    return tmp_path


def test_the_sheet_follows_every_edited_equation(book):
    html, err = build(book)
    assert html is not None, err
    assert set(displays(html)) == {"3.1.1", "3.1.2", "3.1.3"}
    # Every entry links to its equation, its section and, through its meaning, elsewhere.
    for page, tag in (("a", "3.1.1"), ("a", "3.1.2"), ("b", "3.1.3")):
        assert f'href="{page}.html#eq-{tag.replace(".", "-")}"' in html
        assert f"Meaning of {tag}" in html
    assert 'href="a.html#section-a"' in html and "A fact of page b." in html
    # Edit every equation once, in its chapter only, and build again, incrementally.
    (book / "a.md").write_text(chapter("a", ["3.1.1", "3.1.2"], body=r"\alpha + 1"))
    (book / "b.md").write_text(chapter("b", ["3.1.3"], body=r"\beta"))
    html, err = build(book)
    assert html is not None, err
    assert {tag: tex.split("\\tag")[0].split("=")[1].strip()
            for tag, tex in displays(html).items()} == {
        "3.1.1": r"\alpha + 1", "3.1.2": r"\alpha + 1", "3.1.3": r"\beta"}


def test_an_equation_without_an_entry_fails_the_build(book):
    text = (book / "b.md").read_text()
    (book / "b.md").write_text(text + "\n(eq-3-1-4)=\n$$\nz = 1\n\\tag{3.1.4}\n$$\n")
    html, err = build(book)
    assert html is None and "(3.1.4) [eq-3-1-4] has no exam-sheet-entry" in err
