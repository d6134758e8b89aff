"""The promise of README "Adding a chapter", tested on one scaffolded chapter, without
building a copy of the book: in a temporary copy of the checkout's files, `make chapter`
scaffolds a chapter; then the checks that concern a chapter's source run on it (lint, the
source-notebook rules, its quiz, the glossary, the typed-settings rule), and its cells run,
in its own folder, as the book build runs them (a cell error is the build's test of a
chapter).  What the build adds to a chapter that is really added (its page, deck and reader
notebook) is checked by the site and browser tests of the real build, which take their
chapters from _toc.yml.
"""

import os
import subprocess
import xml.etree.ElementTree as ET

import chapters
import pytest
from bench import copy_checkout

NAME, TITLE, AFTER = "scaffold_check", "Scaffold check", "minibatch_sgd"
# Already installed here: make must not reinstall them into the shared .venv from the copy.
KEEP = ["-o", ".venv/.installed", "-o", "node_modules/.installed"]


def _run(cmd, cwd, **kwargs):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False, **kwargs)


def _env(root):
    return {**os.environ, "PYTHONPATH": f"{root / 'src'}:{root / '_ext'}"}


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """The copy, with the chapter scaffolded by `make chapter`."""
    root = tmp_path_factory.mktemp("new-chapter")
    copy_checkout(root)
    for shared in (".venv", "node_modules"):
        (root / shared).symlink_to(chapters.ROOT / shared)
    made = _run(["make", *KEEP, "chapter", f"NAME={NAME}", f"TITLE={TITLE}",
                 f"AFTER={AFTER}"], root)
    assert made.returncode == 0, made.stdout + made.stderr
    return root


def test_scaffold_adds_the_notebook_and_one_toc_line(root):
    assert chapters.is_chapter(root / "book" / f"{NAME}.md")
    old = (chapters.ROOT / "_toc.yml").read_text(encoding="utf-8").splitlines()
    new = (root / "_toc.yml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(old) if line.strip() == f"- file: book/{AFTER}") + 1
    assert new == [*old[:at], old[at - 1].replace(AFTER, NAME), *old[at:]]


def test_lint_passes_on_the_new_chapter_and_leaves_it_untouched(root):
    """`make lint` on the scaffolded chapter passes and does not rewrite it: a chapter
    whose time changes is re-read by the next `make book`, which re-prints the PDF."""
    chapter = root / "book" / f"{NAME}.md"
    before = chapter.stat().st_mtime_ns
    lint = _run(["make", *KEEP, "lint", f"CHAPTERS=book/{NAME}.md"], root)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert chapter.stat().st_mtime_ns == before, "make lint rewrote the chapter"


def test_every_source_check_passes_on_the_new_chapter(root):
    report = root / "report.xml"
    checks = _run(
        [str(root / ".venv" / "bin" / "pytest"), "-p", "no:cacheprovider", "-q",
         f"--junitxml={report}", "tests/unit/test_notebooks_clean.py",
         "tests/unit/test_quiz.py", "tests/unit/test_glossary.py",
         "tests/unit/test_typed_settings.py", "tests/unit/test_frameworks.py",
         f"tests/unit/test_check_{NAME}.py"],
        root, env=_env(root))
    assert checks.returncode == 0, checks.stdout[-6000:] + checks.stderr[-2000:]
    cases = ET.parse(report).getroot().iter("testcase")
    on_new = [c.get("name") for c in cases if NAME in c.get("name", "")
              and not c.findall("skipped")]
    # The per-chapter checks ran on the new chapter (they take the chapters from _toc.yml).
    for check in ("test_glue_lives_in_hidden_cells_only", "test_every_chapter_ends_with_its_quiz",
                  "test_prose_glues_the_settings_of_its_chapter"):
        assert any(name.startswith(check) for name in on_new), f"{check} did not run on it"


def test_the_new_chapter_runs(root, monkeypatch):
    """Every cell runs without error in the chapter's folder (book/, where the build runs
    it and where its quiz file is), with the copy's lnn."""
    from nbclient import NotebookClient

    nb = chapters.read(root / "book" / f"{NAME}.md")
    monkeypatch.setenv("PYTHONPATH", _env(root)["PYTHONPATH"])  # the kernel inherits it
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(root / "book")}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "nothing ran"
