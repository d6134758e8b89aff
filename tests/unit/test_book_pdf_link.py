"""_ext/book_pdf_link.py: the download menu's file links download, and the book's PDF is
linked (menu and text) exactly when the build prints it (lnn_book_pdf: whether
_ext/chromium.py finds the chromium that scripts/book_pdf.py prints with)."""

import types

import book_pdf_link
from hypothesis import given, settings
from hypothesis import strategies as st


def _context(body):
    buttons = [{"type": "link", "url": "../_sources/book/x.ipynb", "text": ".ipynb",
                "label": "download-notebook-button"},
               {"type": "link", "url": "../_sources/book/x.md", "text": ".md",
                "label": "download-source-button"},
               {"type": "javascript", "javascript": "window.print()", "text": ".pdf",
                "label": "download-pdf-button"}]
    return {"header_buttons": [{"type": "group", "label": "download-buttons",
                                "buttons": buttons}],
            "pathto": lambda name, resource: f"../{name}", "body": body}


WORDS = st.text(st.characters(whitelist_categories=("L", "N", "Zs")), min_size=1, max_size=20)
HREFS = st.sampled_from(["lnn-book.pdf", "../lnn-book.pdf", "../../lnn-book.pdf"])
ATTRS = st.sampled_from(["", ' class="reference external"', ' target="_blank"'])


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.booleans(), WORDS, HREFS, ATTRS, WORDS)
def test_menu_and_text_links_follow_the_pdf(with_pdf, text, href, attrs, before):
    other = '<a href="book/linear_model.html">a page</a>'
    body = f'<p>{before} <a{attrs} href="{href}">{text}</a> {other}</p>'
    app = types.SimpleNamespace(config=types.SimpleNamespace(lnn_book_pdf=with_pdf))
    context = _context(body)
    book_pdf_link.add_book_pdf(app, "book/x", "page.html", context, None)
    buttons = context["header_buttons"][0]["buttons"]
    labels = [b["label"] for b in buttons]
    assert ("download-book-pdf-button" in labels) == with_pdf
    if with_pdf:
        assert context["body"] == body
    else:
        assert context["body"] == f"<p>{before} {text} {other}</p>"
    files = {b["label"]: b for b in buttons if b["label"] != "download-book-pdf-button"}
    assert files["download-notebook-button"]["type"] == "download"
    assert files["download-notebook-button"]["download"] == "x.ipynb"
    assert files["download-source-button"]["download"] == "x.md"
    assert files["download-pdf-button"]["type"] == "javascript"  # prints, stays a button
