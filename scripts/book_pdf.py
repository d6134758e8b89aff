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

import sys
import tempfile
import time
from pathlib import Path

import chapters
import course
from book_pdf_link import BOOK_PDF
from chromium import CHROMIUM, CHROMIUM_ARGS, HTML, executable, settle

ROOT = Path(__file__).resolve().parents[1]

#: Where the PDF goes: inside the site, where the download menus link to it.
PDF = HTML / BOOK_PDF
MARGIN = {"top": "12mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}
BOOK_TITLE = course.load().title
# Each page's footer: its chapter and its number in the whole book.  Chromium's own footer
# numbers the pages of each printed chapter from 1, so the footers are printed afterwards,
# as one page per book page (FOOTERS) laid over the joined PDF (stamp_footers).
FOOTERS = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }}
body {{ margin: 0; font: 8px sans-serif; color: #555; }}
.page {{ position: relative; height: 296.5mm; break-after: page; }}
.foot {{ position: absolute; left: 12mm; right: 12mm; bottom: 7mm; display: flex;
         justify-content: space-between; }}
</style></head><body>{pages}</body></html>"""

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


# A self-check quiz (jupyterquiz) is buttons and input boxes, which paper cannot answer: its
# answer key is printed below it, from the questions the page's quiz script holds (a global
# ``questions<id>`` for the container ``<id>``): the right answers and why they are right.
ANSWER_KEY = r"""() => {
  const keys = [];
  for (const name of Object.keys(window).filter(n => /^questions\w+$/.test(n))) {
    const questions = window[name], box = document.getElementById(name.slice(9));
    if (!Array.isArray(questions) || !box) continue;
    const key = document.createElement("div");
    key.className = "lnn-answer-key";
    const items = questions.map(q => {
      const right = (q.answers || []).filter(a => a.correct);
      const answer = right.map(a => q.type === "numeric" ? String(a.value) : a.answer)
        .join("; ");
      const why = right.map(a => a.feedback || "").join(" ");
      const math = t => t.replace(/\$([^$]+)\$/g, "\\($1\\)");  // MathJax's delimiters
      return `<li><b>${math(answer)}</b>. ${math(why)}</li>`;  // item k: question k
    });
    key.innerHTML = `<p class="admonition-title">Answer key</p><ol>${items.join("")}</ol>`;
    box.after(key);
    keys.push(key);
  }
  return keys.length;
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
        if page.evaluate(ANSWER_KEY):
            page.evaluate("() => MathJax.typesetPromise([...document.querySelectorAll("
                          "'.lnn-answer-key')])")
        out = Path(folder) / f"{i:02d}.pdf"
        page.pdf(path=out, format="A4", margin=MARGIN, print_background=True)
        printed.append((title, out))
    context.close()
    return printed


def footers(titles):
    """The HTML of one page per book page holding only its footer: the chapter's title and
    "page / pages" of the whole book."""
    import html

    total = len(titles)
    return FOOTERS.format(pages="".join(
        f'<div class="page"><div class="foot"><span>{html.escape(title)} — {BOOK_TITLE}'
        f'</span><span>{number} / {total}</span></div></div>'
        for number, title in enumerate(titles, 1)))


def stamp_footers(browser, writer, titles, folder):
    """Lay the footers of :func:`footers` over the pages of ``writer`` (a PdfWriter)."""
    from pypdf import PdfReader

    source = Path(folder) / "footers.html"
    source.write_text(footers(titles), encoding="utf-8")
    page = browser.new_page()
    page.goto(source.as_uri(), wait_until="load")
    out = Path(folder) / "footers.pdf"
    page.pdf(path=out, format="A4", prefer_css_page_size=True)
    page.close()
    stamps = PdfReader(out).pages
    if len(stamps) != len(writer.pages):
        raise RuntimeError(f"{len(stamps)} footers printed for {len(writer.pages)} pages")
    for target, stamp in zip(writer.pages, stamps):
        target.merge_page(stamp)
        target.compress_content_streams()  # merging leaves the page's content uncompressed


def join(printed, target, browser=None, folder=None):
    """One PDF of the chapters, with a bookmark at the start of each and the book's page
    numbers in every footer (when ``browser`` is given); its page count."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    titles = []
    for title, path in printed:
        start = len(writer.pages)
        writer.append(str(path))
        writer.add_outline_item(title, start)
        titles += [title] * (len(writer.pages) - start)
    if browser is not None:
        stamp_footers(browser, writer, titles, folder)
    writer.add_metadata({"/Title": BOOK_TITLE})
    writer.compress_identical_objects()
    with open(target, "wb") as f:
        writer.write(f)
    return len(writer.pages)


def main():
    if executable() is None:
        # Every page links the PDF: a build without it would publish a broken link.
        PDF.unlink(missing_ok=True)
        sys.exit(f"{CHROMIUM} is missing, and the book's PDF ({BOOK_PDF}, linked from every "
                 "page) needs it: run .ci/system-deps (or `apt-get install chromium "
                 "fonts-nanum`), then `make pdf`")
    from playwright.sync_api import sync_playwright

    start = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        try:
            printed = print_chapters(browser, folder)
            pages = join(printed, PDF, browser, folder)
        finally:
            browser.close()
    print(f"{PDF.relative_to(ROOT)}: {len(printed)} chapters, {pages} pages, "
          f"{PDF.stat().st_size / 1e6:.1f} MB, {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
