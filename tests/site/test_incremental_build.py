"""The instructor's path and the incremental build, on a small book (small_book.py) that
`make chapter` makes: a chapter in an existing part and one that starts a new part (and
deck).

1. Built, the small book passes `make lint` and the checks of `make test` that concern a
   chapter (its source, quiz, checker, page, deck and reader notebook).
2. After every kind of edit an instructor makes (a chapter's prose, code, quiz, slides-only
   cell, the glossary, lnn, a heading another page cites, the bibliography, _toc.yml's order,
   _config.yml, a file touched without change), one after another, `make book`'s build gives
   the pages, decks and reader notebooks that a build from nothing gives; a build with
   nothing changed rewrites no page (so the PDF, printed from the pages, is not re-printed).
   The edits go in steps; the steps that change what a chapter executes are compared with a
   build from nothing at all, the others with one that keeps the execution cache (execution
   is what costs, and those steps do not change it).  The code of a chapter goes from A to B,
   lnn changes, and the code goes back to A: the cached result of A ran with the old lnn.
   The clean builds run beside the next steps' incremental builds, on the second core.

Both tests share one small book (one xdist group, in this order).
"""

import subprocess
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest
import small_book

pytestmark = pytest.mark.xdist_group("small_book")


def _edit(root, rel, old, new, count=1):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{rel}: no {old!r} to edit"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _cite(root):
    """Pages that show what other pages hold: beta links to a section of alpha."""
    _edit(root, "book/alpha.md", "## REPLACE: a section of alpha\n",
          "(sec-alpha-topic)=\n## REPLACE: a section of alpha\n")
    _edit(root, "book/beta.md", "**Overview.** REPLACE",
          "**Overview.** See {ref}`sec-alpha-topic`. REPLACE")


def _lnn(root):
    """A change of lnn that a chapter shows: alpha's checker runs one case more."""
    check = root / "src" / "lnn" / "check.py"
    head, tail = check.read_text(encoding="utf-8").split("def check_alpha(", 1)
    tail = tail.replace("for shape in [(5,), (3, 1)]:", "for shape in [(5,), (3, 1), (2,)]:", 1)
    check.write_text(head + "def check_alpha(" + tail, encoding="utf-8")


def _move_alpha(root):
    """_toc.yml: alpha goes from part 3.1 to the end of part 3.2 (another deck)."""
    toc = root / "_toc.yml"
    lines = toc.read_text(encoding="utf-8").splitlines(keepends=True)
    alpha = next(line for line in lines if line.strip() == "- file: book/alpha")
    lines.remove(alpha)
    lines.insert(lines.index(next(line for line in lines if line.strip() == "- file: book/beta"))
                 + 1, alpha)
    toc.write_text("".join(lines), encoding="utf-8")


def _touch(root, rel):
    (root / rel).touch()


CODE_A, CODE_B = "np.linspace(-1.0, 1.0, 21)", "np.linspace(-1.0, 1.0, 31)"
# (what the step does, whether it changes what a chapter executes, its edits)
STEPS = [
    ("prose, code, quiz, slides-only cell, glossary, a file touched", True, [
        lambda r: _edit(r, "book/alpha.md", "what the reader can do after it",
                        "what the reader can do once done"),
        lambda r: _edit(r, "book/beta.md", CODE_A, CODE_B),
        lambda r: _edit(r, "book/quizzes/closing.json", "why it is right.", "why it is so."),
        lambda r: _edit(r, "book/alpha.md", "a slide holds short bullets",
                        "a slide holds a few short bullets"),
        lambda r: _edit(r, "book/glossary.md", "선형 회귀", "선형 회귀 분석"),
        lambda r: _touch(r, "book/closing.md"),
    ]),
    ("lnn", None, [_lnn]),  # compared at the next step, which reverts beta's code
    ("the code back to what ran with the old lnn", True, [
        lambda r: _edit(r, "book/beta.md", CODE_B, CODE_A)]),
    ("a heading another page cites, a year in the bibliography", False, [
        lambda r: _edit(r, "book/alpha.md", "## REPLACE: a section of alpha\n",
                        "## REPLACE: a renamed section\n"),
        lambda r: _edit(r, "book/references.bib", "year   = {2021}", "year   = {2020}")]),
    ("the order of _toc.yml", False, [_move_alpha]),
    ("a course fact in _config.yml", False, [
        lambda r: _edit(r, "_config.yml", "semester: Fall 2023", "semester: Spring 2024")]),
]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = small_book.make(tmp_path_factory.mktemp("small-book") / "book")
    _cite(root)
    small_book.build(root)
    return root


def test_the_scaffolded_chapters_pass_make_test(book):
    """`make lint` passes on them and leaves them untouched (a chapter whose time changes is
    re-read by the next `make book`), and so do the checks of `make test` that concern a
    chapter: its source, quiz, glossary terms and checker, and its page, deck and reader
    notebook in the built small book; each check ran on the scaffolded chapters."""
    new = [f"book/{name}.md" for name, _, _ in small_book.SCAFFOLD]
    times = {p: (book / p).stat().st_mtime_ns for p in new}
    lint = small_book.run(["make", *small_book.KEEP, "lint", f"CHAPTERS={' '.join(new)}"], book)
    assert {p: (book / p).stat().st_mtime_ns for p in new} == times, "make lint rewrote them"
    report = book / "report.xml"
    checks = subprocess.run(
        [str(book / ".venv" / "bin" / "pytest"), "-p", "no:cacheprovider", "-q",
         f"--junitxml={report}", *(f"tests/unit/test_{t}.py" for t in (
             "notebooks_clean", "quiz", "glossary", "typed_settings", "frameworks",
             *(f"check_{name}" for name, _, _ in small_book.SCAFFOLD))),
         *(f"tests/site/test_{t}.py" for t in (
             "slide_decks", "chapter_pages", "quiz_pages", "launch")),
         # About the whole book: its glossary's words on the slides, its MXNet pages.
         "--deselect",
         "tests/site/test_slide_decks.py::test_glossed_words_carry_the_glossarys_korean",
         "--deselect",
         "tests/unit/test_frameworks.py::test_the_mxnet_pages_are_the_pages_that_use_mxnet"],
        cwd=book, env=small_book.env(book), capture_output=True, text=True, check=False)
    assert checks.returncode == 0, lint.stdout + checks.stdout[-6000:] + checks.stderr[-2000:]
    ran = {c.get("name") for c in ET.parse(report).getroot().iter("testcase")
           if not c.findall("skipped")}
    for name, _, _ in small_book.SCAFFOLD:
        for check in ("test_glue_lives_in_hidden_cells_only", "test_every_chapter_ends_with_",
                      "test_prose_glues_the_settings_of_its_chapter",
                      "test_every_chapter_page_links_to_its_place_in_the_deck"):
            assert any(r.startswith(check) and name in r for r in ran), f"{check}: {name}"


def _differences(got, want):
    """The outputs that differ, with the first line that differs in each."""
    found = []
    for path in sorted(set(got) | set(want)):
        if got.get(path) == want.get(path):
            continue
        a = (got.get(path) or b"(missing)").decode(errors="replace").splitlines()
        b = (want.get(path) or b"(missing)").decode(errors="replace").splitlines()
        line = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        found.append(f"{path}:{line + 1}: {a[line:line + 1]} != {b[line:line + 1]}")
    return found


def _clean_build(root):
    small_book.build(root)
    return small_book.outputs(root)


def test_an_incremental_build_equals_a_clean_build(book, tmp_path):
    stale, compared = [], []
    with ThreadPoolExecutor(max_workers=1) as pool:
        for number, (what, executes, edits) in enumerate(STEPS):
            for edit in edits:
                edit(book)
            small_book.build(book)
            if executes is not None:
                clean = small_book.clean_copy(book, tmp_path / f"clean-{number}", not executes)
                compared.append((what, small_book.outputs(book), pool.submit(_clean_build, clean)))
        pages = sorted((book / "_build" / "html" / "book").glob("*.html"))
        before = {p: p.stat().st_mtime_ns for p in pages}
        time.sleep(0.01)
        small_book.build(book)
        stale += [f"a build with nothing changed rewrote {p.name}" for p in pages
                  if p.stat().st_mtime_ns != before[p]]
        for what, got, clean in compared:
            stale += [f"after {what}: {d}" for d in _differences(got, clean.result())]
    assert not stale, "\n".join(stale)
