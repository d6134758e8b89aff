"""Checks of the built HTML: every page exists and no page shows an error."""

import re

ERROR_MARKERS = [
    "Traceback (most recent call last)",
    'class="output traceback"',
    "ansi-red-fg",  # colored tracebacks
    "output_error",
]


def test_every_toc_entry_has_a_page(html_root, pages):
    missing = [p for p in pages if not (html_root / f"{p}.html").exists()]
    assert not missing, f"no HTML page for {missing}"


def test_no_page_shows_an_error_output(html_root, pages):
    bad = {}
    for page in pages:
        text = (html_root / f"{page}.html").read_text(encoding="utf-8")
        found = [m for m in ERROR_MARKERS if m in text]
        if found:
            bad[page] = found
    assert not bad, f"pages with error output: {bad}"


def test_no_execution_reports(html_root):
    reports = list((html_root / "reports").glob("**/*.err.log")) if (
        html_root / "reports").exists() else []
    assert not reports, f"notebooks failed at build, see {reports}"


def test_sphinx_adds_no_equation_numbers_of_its_own(html_root, pages):
    # Numbers are written with \tag{3.x.y} (their format: test_chapter_pages.py::
    # test_equation_numbers_never_go_back_in_reading_order); Sphinx must not add its own "(1)".
    for page in pages:
        text = (html_root / f"{page}.html").read_text(encoding="utf-8")
        assert 'class="eqno"' not in text, f"{page}: Sphinx-numbered equation"


def test_no_cross_reference_renders_empty(html_root, pages):
    # numfig_format prints figure numbers as "" (captions carry the slides' numbers), so a
    # {numref} to a figure renders as an empty link: use {ref} with explicit text instead.
    empty = re.compile(r'<span class="std std-(?:numref|ref)">\s*</span>')
    bad = [p for p in pages if empty.search((html_root / f"{p}.html").read_text("utf-8"))]
    assert not bad, f"empty cross-references in {bad}"
