"""scripts/book_pdf.py on a machine without chromium: `make book` fails, naming what is
missing and how to install it, and leaves no stale PDF behind for the pages to link."""

import pytest

book_pdf = pytest.importorskip("book_pdf")


def test_without_chromium_the_pdf_step_fails_naming_it(monkeypatch, tmp_path):
    stale = tmp_path / "lnn-book.pdf"
    stale.write_bytes(b"%PDF old")
    monkeypatch.setattr(book_pdf, "executable", lambda: None)
    monkeypatch.setattr(book_pdf, "PDF", stale)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(SystemExit) as exited:
        book_pdf.main([])  # not pytest's own command line
    message = str(exited.value.code)
    assert "chromium" in message and ".ci/system-deps" in message
    assert not stale.exists(), "a PDF the build did not write would still be linked"


def test_the_footers_number_every_page_of_the_book():
    html = book_pdf.footers(["A", "A", "B"])
    assert html.count('class="page"') == 3
    for k in (1, 2, 3):
        assert f"<span>{k} / 3</span>" in html
