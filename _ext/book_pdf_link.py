"""Sphinx extension: the download menu's links download, and the book's PDF is linked only
where the build writes it.

The theme's menu (sphinx-book-theme's header buttons) holds the page's .ipynb, its source
and ".pdf", which prints the page.

- The .ipynb and the source become "download" buttons (_templates/article-header-buttons.html):
  a link with the ``download`` attribute, in the same tab, so that a host that serves a
  notebook as ``application/x-ipynb+json`` still saves it instead of showing its JSON.
- "Book (PDF)" links to ``lnn-book.pdf`` at the root of the site, which ``make book`` prints
  after the HTML (scripts/book_pdf.py) where there is a chromium to print with.  Without one
  nothing is printed, so no page links to it: the menu has no "Book (PDF)", and a link to it
  in a page's text (the intro's) is reduced to its words.
"""

import re

import chromium

#: The PDF's path in the built site; scripts/book_pdf.py writes it there.
BOOK_PDF = "lnn-book.pdf"
LINK_TO_PDF = re.compile(r'<a\b[^>]*\bhref="(?:\.\./)*' + re.escape(BOOK_PDF) + r'"[^>]*>(.*?)</a>',
                         re.S)
DOWNLOADS = ("download-notebook-button", "download-source-button")


def add_book_pdf(app, pagename, templatename, context, doctree):
    with_pdf = app.config.lnn_book_pdf
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        for button in group["buttons"]:
            if button.get("label") in DOWNLOADS:
                button["type"] = "download"
                button["download"] = button["url"].rsplit("/", 1)[-1]
        if with_pdf:
            group["buttons"].append({
                "type": "link",
                "url": context["pathto"](BOOK_PDF, 1),
                "text": "Book (PDF)",
                "tooltip": "Download the whole book as a PDF",
                "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            })
    if not with_pdf and "body" in context:
        context["body"] = LINK_TO_PDF.sub(r"\1", context["body"])


def _decide(app, config):
    # A config value: when it changes (chromium installed or removed), Sphinx rewrites every
    # page, so none keeps a link to a PDF that the build no longer writes.
    # scripts/book_pdf.py prints with the same chromium, or stops `make book` naming it.
    config.lnn_book_pdf = chromium.executable() is not None


def setup(app):
    app.add_config_value("lnn_book_pdf", True, "html")
    app.connect("config-inited", _decide)
    # After sphinx-book-theme has filled the menu (its handlers run at priority 501).
    app.connect("html-page-context", add_book_pdf, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
