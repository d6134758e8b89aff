"""Sphinx extension: every page's download menu offers the whole book as a PDF.

The theme's menu (sphinx-book-theme's header buttons) holds the page's .ipynb, its source
and ".pdf", which prints the page.  This adds "Book (PDF)", a link to ``lnn-book.pdf`` at the
root of the site, which ``make book`` writes after the HTML (scripts/book_pdf.py).
"""

#: The PDF's path in the built site; scripts/book_pdf.py writes it there.
BOOK_PDF = "lnn-book.pdf"


def add_book_pdf(app, pagename, templatename, context, doctree):
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append({
                "type": "link",
                "url": context["pathto"](BOOK_PDF, 1),
                "text": "Book (PDF)",
                "tooltip": "Download the whole book as a PDF",
                "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            })


def setup(app):
    # After sphinx-book-theme has filled the menu (its handlers run at priority 501).
    app.connect("html-page-context", add_book_pdf, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
