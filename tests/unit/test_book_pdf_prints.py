"""scripts/book_pdf.py keeps each page's print, keyed by its built HTML: after an edit of any
one page, `make pdf` prints that page again and no other."""

import pytest

book_pdf = pytest.importorskip("book_pdf")
pytest.importorskip("sphinx_external_toc")  # the toc parser: not on the Colab stand-in
chapters = pytest.importorskip("chapters")


class _Browser:
    """Stands in for chromium: its tabs are never used (print_page is replaced)."""

    def new_context(self, **_):
        return self

    def new_page(self):
        return self

    def close(self):
        pass


def test_an_edit_of_one_page_reprints_that_page_only(tmp_path, monkeypatch):
    pages = chapters.pages()
    for name in pages:
        (tmp_path / f"{name}.html").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f"{name}.html").write_text(f"<h1>{name}</h1>", encoding="utf-8")
    printed = []

    def print_page(page, name, out):
        printed.append(name)
        out.write_bytes(b"%PDF " + name.encode())
        return name

    monkeypatch.setattr(book_pdf, "HTML", tmp_path)
    monkeypatch.setattr(book_pdf, "PRINTS", tmp_path / "prints")
    monkeypatch.setattr(book_pdf, "print_page", print_page)
    assert book_pdf.print_pages(_Browser(), pages)[1] == len(pages)
    assert printed == pages
    for edited in pages:
        printed.clear()
        html = tmp_path / f"{edited}.html"
        html.write_text(html.read_text(encoding="utf-8") + "<p>edited</p>", encoding="utf-8")
        result, fresh = book_pdf.print_pages(_Browser(), pages)
        assert printed == [edited] and fresh == 1
        assert [title for title, _ in result] == pages
    book_pdf.forget_stale_prints(pages)
    assert len(list((tmp_path / "prints").glob("*.pdf"))) == len(pages)
