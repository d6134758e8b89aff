"""The whole book as one PDF, _build/html/lnn-book.pdf, printed from the built site.

`make pdf` (and `make book`) run it after the HTML build: Debian's chromium, driven by
Playwright, opens every page of _toc.yml in order from the files (file://, no server, no
network), waits until MathJax and the widget manager have drawn it, and prints it with the
site's print stylesheet (_static/print.css: no navigation, solutions expanded, code and math
wrapped, the SGD explorer as its default picture with a note that the interactive version is
online); pypdf joins the chapters and adds a bookmark per chapter.

Why this route: the PDF is the site as students see it (MathJax's equation tags (3.1.x),
the executed figures, the same fonts, the Korean glossary terms with fonts-nanum), it needs
nothing that the browser tests do not already install, and it takes about a minute.  Jupyter
Book's LaTeX route would need TeX Live (well over 1 GB with xetex and CJK fonts), would
re-execute or re-render every notebook, and could not show the widget's picture.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import chapters
from book_pdf_link import BOOK_PDF
from chromium import CHROMIUM, CHROMIUM_ARGS, HTML, executable, settle

ROOT = Path(__file__).resolve().parents[1]

#: Where the PDF goes: inside the site, where the download menus link to it.
PDF = HTML / BOOK_PDF
MARGIN = {"top": "12mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}
FOOTER = ('<div style="font-size:8px;width:100%;margin:0 12mm;display:flex;'
          'justify-content:space-between;font-family:sans-serif;color:#555">'
          '<span class="title"></span><span><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></span></div>')

# A link to another page of the site would point into this machine's file system in the
# PDF: such links become plain text.  Links within the page and to other sites stay.
UNLINK_SITE = """() => {
  for (const a of document.querySelectorAll(".bd-article a[href]")) {
    const url = new URL(a.href, location.href);
    const samePage = url.pathname === location.pathname;
    if (url.protocol === "file:" && !samePage) a.removeAttribute("href");
  }
  const h1 = document.querySelector(".bd-article h1");
  return h1 ? h1.innerText.replace(/[#¶]\\s*$/, "").trim() : document.title;
}"""


def print_chapters(browser, folder):
    """Print every page of the book to folder; [(title, pdf path)] in reading order."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    printed = []
    for i, name in enumerate(chapters.pages()):
        html = HTML / f"{name}.html"
        if not html.exists():
            raise FileNotFoundError(f"{html} is missing: run `make book` first")
        page.goto(html.as_uri(), wait_until="load")
        settle(page)
        page.emulate_media(media="print")
        title = page.evaluate(UNLINK_SITE)
        out = Path(folder) / f"{i:02d}.pdf"
        page.pdf(path=out, format="A4", margin=MARGIN, print_background=True,
                 display_header_footer=True, header_template="<span></span>",
                 footer_template=FOOTER)
        printed.append((title, out))
    context.close()
    return printed


def join(printed, target):
    """One PDF of the chapters, with a bookmark at the start of each; its page count."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for title, path in printed:
        start = len(writer.pages)
        writer.append(str(path))
        writer.add_outline_item(title, start)
    writer.add_metadata({"/Title": "Linear Neural Networks: an executable course"})
    writer.compress_identical_objects()
    with open(target, "wb") as f:
        writer.write(f)
    return len(writer.pages)


def main():
    from playwright.sync_api import sync_playwright

    if executable() is None:
        message = f"{CHROMIUM} is missing (apt-get install chromium): no {BOOK_PDF}"
        if os.environ.get("CI") == "true":
            sys.exit(message)
        # The pages do not link to it then (_ext/book_pdf_link.py); nor is an old one served.
        PDF.unlink(missing_ok=True)
        print(f"skipped: {message}")
        return
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        try:
            printed = print_chapters(browser, folder)
        finally:
            browser.close()
        pages = join(printed, PDF)
    print(f"{PDF.relative_to(ROOT)}: {len(printed)} chapters, {pages} pages, "
          f"{PDF.stat().st_size / 1e6:.1f} MB, {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
