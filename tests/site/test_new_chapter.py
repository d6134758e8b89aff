"""The promise of README "Adding a chapter", tested: in a temporary copy of the checkout,
`make chapter` scaffolds a chapter, `make book` builds it, and the checks of `make test` that
concern a chapter pass on it (lint, the source-notebook rules, quiz, glossary, site checks,
its reader notebook under nbmake, browser).

Slow (a book build): the copy reuses .venv and node_modules through symlinks and this
checkout's execution cache, so only the new chapter executes. Needs `make book` first.
"""

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import chapters
import pytest
from bench import copy_checkout

NAME, TITLE, AFTER = "scaffold_check", "Scaffold check", "minibatch_sgd"
# Already installed here: make must not reinstall them into the shared .venv from the copy.
KEEP = ["-o", ".venv/.installed", "-o", "node_modules/.installed"]


def _run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def book(html_root, tmp_path_factory):
    """The copy, with the scaffolded chapter built; ``(root, make book's result)``."""
    cache = chapters.ROOT / "_build" / ".jupyter_cache"
    if not cache.exists():
        pytest.fail("_build/.jupyter_cache is missing: run `make book` first")
    root = tmp_path_factory.mktemp("new-chapter")
    copy_checkout(root)
    for shared in (".venv", "node_modules"):
        (root / shared).symlink_to(chapters.ROOT / shared)
    shutil.copytree(cache, root / "_build" / ".jupyter_cache")
    shutil.copy2(chapters.ROOT / "_build" / ".lnn-sources", root / "_build" / ".lnn-sources")
    # The error log an earlier, failed build left behind: make book must not report it again.
    stale = root / "_build" / "html" / "reports" / "book" / "old_page.err.log"
    stale.parent.mkdir(parents=True)
    stale.write_text("Traceback of a build that failed before\n", encoding="utf-8")

    made = _run(["make", *KEEP, "chapter", f"NAME={NAME}", f"TITLE={TITLE}",
                 f"AFTER={AFTER}"], root)
    assert made.returncode == 0, made.stdout + made.stderr
    built = _run(["make", *KEEP, "book"], root)
    return root, built


def test_scaffold_adds_the_notebook_and_one_toc_line(book):
    root, _ = book
    assert chapters.is_chapter(root / "book" / f"{NAME}.md")
    old = (chapters.ROOT / "_toc.yml").read_text(encoding="utf-8").splitlines()
    new = (root / "_toc.yml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(old) if line.strip() == f"- file: book/{AFTER}") + 1
    assert new == [*old[:at], old[at - 1].replace(AFTER, NAME), *old[at:]]


def test_the_book_builds_without_warnings(book):
    _, built = book
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]


def test_lint_passes_on_the_new_chapter(book):
    root, _ = book
    ruff = str(root / ".venv" / "bin" / "ruff")
    jupytext = str(root / ".venv" / "bin" / "jupytext")
    for rules in ([], ["--select", "E501", "--line-length", "79"]):  # as `make lint`
        command = " ".join([ruff, "check", "--quiet", *rules, "{}"])
        lint = _run([jupytext, "--quiet", "--pipe-fmt", "ipynb", "--check", command,
                     f"book/{NAME}.md"], root)
        assert lint.returncode == 0, lint.stdout + lint.stderr


def test_every_chapter_check_passes_on_the_new_chapter(book):
    root, built = book
    assert built.returncode == 0, "the build failed (see test_the_book_builds_without_warnings)"
    report = root / "report.xml"
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    checks = subprocess.run(
        [str(root / ".venv" / "bin" / "pytest"), "-p", "no:cacheprovider", "-q",
         f"--junitxml={report}", "--ignore=tests/site/test_new_chapter.py", "tests/site",
         "tests/unit/test_notebooks_clean.py",
         "tests/unit/test_quiz.py", "tests/unit/test_glossary.py",
         "tests/unit/test_frameworks.py", f"tests/unit/test_check_{NAME}.py"],
        cwd=root, env=env, capture_output=True, text=True, check=False)
    assert checks.returncode == 0, checks.stdout[-6000:] + checks.stderr[-2000:]
    cases = ET.parse(report).getroot().iter("testcase")
    on_new = [c.get("name") for c in cases if NAME in c.get("name", "")
              and not c.findall("skipped")]
    # The per-chapter checks ran on the new chapter (they take the chapters from _toc.yml).
    for check in ("test_skeleton_overview_summary_exercises",
                  "test_equations_are_tagged_labelled_and_linked",
                  "test_figures_are_named_described_and_numbered_as_on_the_slides",
                  "test_exercises_have_hidden_solutions", "test_no_glued_value_is_missing"):
        assert any(name.startswith(check) for name in on_new), f"{check} did not run on it"


def test_the_reader_notebook_runs(book, tmp_path):
    """Its reader notebook runs under nbmake from a folder of its own, as `make test-colab`
    runs a student's download."""
    root, built = book
    assert built.returncode == 0, "the build failed (see test_the_book_builds_without_warnings)"
    reader = root / "_build" / "reader" / "book" / f"{NAME}.ipynb"
    assert reader.is_file(), f"make book wrote no reader notebook {reader}"
    shutil.copy2(reader, tmp_path / reader.name)
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    ran = subprocess.run(
        [str(root / ".venv" / "bin" / "pytest"), "-p", "no:cacheprovider", "-q", "--nbmake",
         reader.name], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stdout[-6000:] + ran.stderr[-2000:]


def test_browser_checks_pass_on_the_new_chapter(book):
    root, built = book
    assert built.returncode == 0, "the build failed (see test_the_book_builds_without_warnings)"
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    checks = subprocess.run(
        [str(root / ".venv" / "bin" / "pytest"), "-p", "no:cacheprovider", "-q", "-m",
         "browser", "tests/browser", "-k", NAME],
        cwd=root, env=env, capture_output=True, text=True, check=False)
    assert checks.returncode == 0, checks.stdout[-6000:] + checks.stderr[-2000:]
