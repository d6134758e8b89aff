"""The whole book as one PDF, _build/html/lnn-book.pdf, printed from the built site; and any
page of the book as a PDF of its own (the exam sheet's, _build/html/exam-sheet.pdf).

`make pdf` (and `make book`) run it after the HTML build: Debian's chromium, driven by
Playwright, opens every page of _toc.yml in order from the files (file://, no server, no
network), waits until the page has drawn its widgets, and prints it with the site's print
stylesheet (_static/print.css: no navigation, solutions expanded, code and math wrapped, the
SGD explorer as its default picture with a note that the interactive version is online).

Each page's print is kept in _build/pdf-pages/, named after a digest of its built HTML and of
the site's own styles and scripts (and of this file): a rebuild re-prints only the pages whose
HTML changed, and a one-chapter edit re-prints that chapter alone.  pypdf then joins the
prints behind a printed table of contents, in two passes: the prints' page counts give each
chapter its page number, then the contents page is printed with them (again if the numbers
made it longer).  Every page gets a footer with its chapter and its number in the whole book,
and the PDF an outline (bookmarks): the contents, then each chapter.

``python scripts/book_pdf.py --page book/exam_sheet --out exam-sheet.pdf`` prints one page as
a PDF of its own (the path relative to _build/html); `make pdf` also writes the exam sheet's
(:data:`PAGE_PDFS`) when the book has that page.

Why this route: the PDF is the site as students see it (the equation tags (3.1.x), the
executed figures, the same fonts, the Korean glossary terms with fonts-nanum), it needs
nothing that the browser tests do not already install.  Jupyter Book's LaTeX route would need
TeX Live (well over 1 GB with xetex and CJK fonts), would re-execute or re-render every
notebook, and could not show the widget's picture.
"""

import argparse
import hashlib
import html
import json
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
#: Pages that also get a PDF of their own, written beside the book's when the page exists.
PAGE_PDFS = {"book/exam_sheet": "exam-sheet.pdf"}
#: Each page's print, kept between builds (see the module's docstring).
PRINTS = ROOT / "_build" / "pdf-pages"
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
# The printed table of contents: the book's title, then each part's caption and its
# chapters, each with the number of the page it starts on (dotted leaders between).
CONTENTS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 18mm 20mm 18mm; }}
body {{ font: 11pt sans-serif; color: #222; }}
h1 {{ font-size: 20pt; margin: 0 0 4mm; }}
h2 {{ font-size: 14pt; margin: 8mm 0 3mm; }}
h3 {{ font-size: 11pt; margin: 5mm 0 1mm; break-after: avoid; }}
ol {{ list-style: none; margin: 0; padding: 0; }}
li {{ display: flex; align-items: baseline; margin: 1.2mm 0; break-inside: avoid; }}
li .dots {{ flex: 1; border-bottom: 1px dotted #888; margin: 0 2mm; }}
</style></head><body><h1>{title}</h1><p>{course}</p><h2>Contents</h2>{parts}</body></html>"""
CONTENTS_TITLE = "Contents"

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
# The page runs the quiz whose math is MathML (lnn.quiz.as_mathml), which prints as it is.
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
      return `<li><b>${answer}</b>. ${why}</li>`;  // item k: question k
    });
    key.innerHTML = `<p class="admonition-title">Answer key</p><ol>${items.join("")}</ol>`;
    box.after(key);
    keys.push(key);
  }
  return keys.length;
}"""


def _site_digest():
    """What every page's print depends on besides its HTML: the site's own styles and
    scripts (the book's _static/, as built) and this file."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted((ROOT / "_static").glob("*")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def print_key(name, site_digest):
    """The name of page ``name``'s kept print: its built HTML's digest with the site's."""
    built = HTML / f"{name}.html"
    if not built.exists():
        raise FileNotFoundError(f"{built} is missing: run `make book` first")
    digest = hashlib.sha256(site_digest.encode() + built.read_bytes()).hexdigest()[:20]
    return f"{name.replace('/', '__')}-{digest}"


def print_page(page, name, out):
    """Print the built page ``name`` to ``out`` with the tab ``page``; its title."""
    page.goto((HTML / f"{name}.html").as_uri(), wait_until="load")
    settle(page)
    page.emulate_media(media="print")
    title = page.evaluate(UNLINK_SITE)
    page.evaluate(ANSWER_KEY)
    page.pdf(path=out, format="A4", margin=MARGIN, print_background=True)
    return title


def print_pages(browser, names):
    """[(title, pdf path)] of ``names`` in order, printing only the pages whose kept print
    is missing or stale; the prints of pages that are gone are removed.  Also the number of
    pages printed now."""
    PRINTS.mkdir(parents=True, exist_ok=True)
    site = _site_digest()
    keys = {name: print_key(name, site) for name in names}
    context = page = None
    printed, fresh = [], 0
    for name in names:
        pdf, meta = PRINTS / f"{keys[name]}.pdf", PRINTS / f"{keys[name]}.json"
        if not (pdf.exists() and meta.exists()):
            if page is None:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
            title = print_page(page, name, pdf)
            meta.write_text(json.dumps({"page": name, "title": title}), encoding="utf-8")
            fresh += 1
        printed.append((json.loads(meta.read_text(encoding="utf-8"))["title"], pdf))
    if context is not None:
        context.close()
    return printed, fresh


def forget_stale_prints(names):
    """Remove the kept prints of pages that are not in ``names`` at their current HTML."""
    site = _site_digest()
    current = {print_key(name, site) for name in names if (HTML / f"{name}.html").exists()}
    for path in PRINTS.glob("*"):
        if path.stem not in current:
            path.unlink()


def footers(titles):
    """The HTML of one page per book page holding only its footer: the chapter's title and
    "page / pages" of the whole book."""
    total = len(titles)
    return FOOTERS.format(pages="".join(
        f'<div class="page"><div class="foot"><span>{html.escape(title)} — {BOOK_TITLE}'
        f'</span><span>{number} / {total}</span></div></div>'
        for number, title in enumerate(titles, 1)))


def _print_html(browser, source, folder, name, **options):
    """Print the HTML text ``source`` (written into ``folder``) to a PDF there; its path."""
    path = Path(folder) / f"{name}.html"
    path.write_text(source, encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri(), wait_until="load")
    out = path.with_suffix(".pdf")
    page.pdf(path=out, format="A4", prefer_css_page_size=True, **options)
    page.close()
    return out


def stamp_footers(browser, writer, titles, folder):
    """Lay the footers of :func:`footers` over the pages of ``writer`` (a PdfWriter)."""
    from pypdf import PdfReader

    stamps = PdfReader(_print_html(browser, footers(titles), folder, "footers")).pages
    if len(stamps) != len(writer.pages):
        raise RuntimeError(f"{len(stamps)} footers printed for {len(writer.pages)} pages")
    for target, stamp in zip(writer.pages, stamps):
        target.merge_page(stamp)
        target.compress_content_streams()  # merging leaves the page's content uncompressed


def contents(printed, starts, parts):
    """The HTML of the table of contents: ``printed`` [(title, pdf)] of the pages of
    ``parts`` [(caption, [page, ...])] in order, ``starts`` the book page each begins on."""
    rows, i = [], 0
    for caption, names in parts:
        items = []
        for _ in names:
            title = html.escape(printed[i][0])
            items.append(f'<li><span>{title}</span><span class="dots"></span>'
                         f'<span class="number">{starts[i]}</span></li>')
            i += 1
        heading = f"<h3>{html.escape(caption)}</h3>" if caption else ""
        rows.append(f"{heading}<ol>{''.join(items)}</ol>")
    info = course.load()
    return CONTENTS.format(title=html.escape(BOOK_TITLE), parts="".join(rows),
                           course=html.escape(f"{info.label} · {info.instructor}"))


def print_contents(browser, printed, parts, folder):
    """The contents' PDF, printed with the page numbers the chapters get behind it: first
    as if it took one page, again when it took more (the numbers shift)."""
    from pypdf import PdfReader

    counts = [len(PdfReader(path).pages) for _, path in printed]
    length, out = 1, None
    for _ in range(3):
        starts = [length + 1 + sum(counts[:i]) for i in range(len(counts))]
        out = _print_html(browser, contents(printed, starts, parts), folder, "contents")
        pages = len(PdfReader(out).pages)
        if pages == length:
            return out, starts
        length = pages
    raise RuntimeError("the table of contents does not settle on a page count")


def join(printed, target, browser=None, folder=None, front=None):
    """One PDF of the prints ``printed`` [(title, path)], behind ``front`` (title, path)
    when given, with a bookmark at the start of each and its page numbers in every footer
    (when ``browser`` is given); its page count."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    titles = []
    for title, path in ([front] if front else []) + list(printed):
        start = len(writer.pages)
        writer.append(str(path))
        writer.add_outline_item(title, start)
        titles += [title] * (len(writer.pages) - start)
    if browser is not None:
        stamp_footers(browser, writer, titles, folder)
    writer.add_metadata({"/Title": printed[0][0] if front is None and len(printed) == 1
                         else BOOK_TITLE})
    writer.compress_identical_objects()
    with open(target, "wb") as f:
        writer.write(f)
    return len(writer.pages)


def _launch(p):
    return p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)


def book(browser, folder):
    """Write the book's PDF (and the :data:`PAGE_PDFS` whose page exists); a summary."""
    parts = [(caption, names) for caption, names in chapters.parts()]
    root = chapters.pages()[0]
    if root not in [n for _, names in parts for n in names]:
        parts.insert(0, ("", [root]))  # the intro, before the first part
    names = [n for _, names in parts for n in names]
    printed, fresh = print_pages(browser, names)
    front, _ = print_contents(browser, printed, parts, folder)
    pages = join(printed, PDF, browser, folder, front=(CONTENTS_TITLE, front))
    lines = [f"{PDF.relative_to(ROOT)}: {len(printed)} chapters ({fresh} printed now), "
             f"{pages} pages, {PDF.stat().st_size / 1e6:.1f} MB"]
    for name, out in PAGE_PDFS.items():
        if name in names:
            lines.append(page_pdf(browser, name, HTML / out, folder))
        else:
            (HTML / out).unlink(missing_ok=True)
    forget_stale_prints(names)
    return lines


def page_pdf(browser, name, target, folder):
    """Write page ``name`` alone as the PDF ``target`` (its kept print, with footers)."""
    printed, _ = print_pages(browser, [name])
    pages = join(printed, target, browser, folder)
    return f"{target}: {name}, {pages} pages"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", help="print only this page of _toc.yml (e.g. book/intro)")
    parser.add_argument("--out", help="with --page: the PDF's path under _build/html")
    args = parser.parse_args(argv)
    if args.page is not None and args.page not in chapters.pages():
        parser.error(f"--page must be a page of _toc.yml such as {chapters.pages()[0]!r}, "
                     f"got {args.page!r}")
    if executable() is None:
        # Every page links the PDF: a build without it would publish a broken link.
        PDF.unlink(missing_ok=True)
        sys.exit(f"{CHROMIUM} is missing, and the book's PDF ({BOOK_PDF}, linked from every "
                 "page) needs it: run .ci/system-deps (or `apt-get install chromium "
                 "fonts-nanum`), then `make pdf`")
    from playwright.sync_api import sync_playwright

    start = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = _launch(p)
        try:
            if args.page is not None:
                out = args.out or PAGE_PDFS.get(args.page) or (
                    args.page.rsplit("/", 1)[-1] + ".pdf")
                lines = [page_pdf(browser, args.page, HTML / out, folder)]
            else:
                lines = book(browser, folder)
        finally:
            browser.close()
    print("\n".join(lines) + f" ({time.monotonic() - start:.0f} s)")


if __name__ == "__main__":
    main()
