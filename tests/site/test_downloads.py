"""What the built pages offer to download is there and downloads (issue 19): each page's
.ipynb and source links carry the ``download`` attribute and stay in the tab (a host that
serves a notebook as application/x-ipynb+json would otherwise show its JSON), and every link
to the book's PDF, in a menu or in a page's text, points to a PDF that this build wrote."""

from html.parser import HTMLParser

import book_pdf_link
import chapters
import chromium
import pytest

PAGES = chapters.pages()
NOTEBOOK_PAGES = [p for p in PAGES if chapters.is_chapter(chapters.source(p))]


class Links(HTMLParser):
    """The attributes of every <a> of a page."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def _links(html_root, page):
    parser = Links()
    parser.feed((html_root / f"{page}.html").read_text(encoding="utf-8"))
    return parser.links


@pytest.mark.parametrize("page", PAGES)
def test_source_and_notebook_links_download_in_the_same_tab(html_root, page):
    files = [a for a in _links(html_root, page) if "/_sources/" in a.get("href", "")
             or a.get("href", "").startswith("_sources/")]
    suffixes = {a["href"].rsplit(".", 1)[-1] for a in files}
    assert "md" in suffixes, f"{page}: no source download"
    if page in NOTEBOOK_PAGES:
        assert "ipynb" in suffixes, f"{page}: no .ipynb download"
    for a in files:
        assert a.get("download") == a["href"].rsplit("/", 1)[-1], a
        assert "target" not in a, a


def test_every_link_to_the_book_pdf_points_to_a_pdf_this_build_wrote(html_root):
    linked = [(page, a) for page in PAGES for a in _links(html_root, page)
              if a.get("href", "").endswith(book_pdf_link.BOOK_PDF)]
    pdf = html_root / book_pdf_link.BOOK_PDF
    if chromium.executable() is None:  # no chromium: nothing printed, nothing linked
        assert linked == [] and not pdf.exists()
        return
    assert len({page for page, _ in linked}) == len(PAGES), "a page lacks the PDF link"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    newest_page = max((html_root / f"{page}.html").stat().st_mtime for page in PAGES)
    assert pdf.stat().st_mtime >= newest_page, "the PDF is older than the pages it prints"
