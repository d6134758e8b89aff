"""The book's PDF (_build/html/lnn-book.pdf, written by `make book` through
scripts/book_pdf.py) holds the whole book: a printed table of contents whose page numbers
are right, every chapter in the order of _toc.yml, the equation numbers of the slides, the
solutions, the Korean glossary terms, the explorer's picture with its note, and the figures;
any page also prints as a PDF of its own.  What to look for comes from the sources and the
built pages, so a new chapter, equation or solution is checked without editing this file."""

import json
import re
import subprocess
import unicodedata

import book_pdf
import chapters
import pytest
from bs4 import BeautifulSoup
from chromium_site import HTML
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PDF = HTML / "lnn-book.pdf"
HANGUL = re.compile(r"[\uac00-\ud7a3]+")


def _squeeze(text):
    """Text without whitespace and ligatures ("ﬁ" is "fi"): PDF text extraction breaks
    lines and words its own way."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="session")
def pdf(chromium):  # `make pdf` prints with chromium: without it the PDF is skipped too
    if not PDF.exists():
        pytest.fail(f"{PDF} is missing: `make book` (or `make pdf`) writes it")
    reader = PdfReader(PDF)
    pages = [page.extract_text() for page in reader.pages]  # slow: once per session
    return reader, _squeeze("\n".join(pages)), pages


def _article(page):
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article.bd-article")


def _title(page):
    return _article(page).find("h1").get_text(" ", strip=True).rstrip("#¶ ").strip()


def _everywhere(selector):
    """[(page, element)] of every element of the book's pages that matches selector."""
    found = [(page, e) for page in chapters.pages() for e in _article(page).select(selector)]
    assert found, f"the book has no {selector}"
    return found


def _prose(element, parts="p, li, pre, figcaption"):
    """The longest stretch of an element's text without math, squeezed: MathJax prints
    math differently from its TeX source, and print hides the headings' "#" links."""
    for hidden in element.select("a.headerlink"):
        hidden.decompose()
    for math in element.select(".math"):
        math.replace_with("\x00")
    pieces = [element] if element.name == "figcaption" else element.select(parts)
    return max((_squeeze(piece) for e in pieces for piece in e.get_text(" ").split("\x00")),
               key=len)


def _starts(reader):
    """[(bookmark title, index of its first page)] of the PDF's outline."""
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


def test_every_chapter_is_in_the_pdf_in_reading_order(pdf):
    reader, _, pages = pdf
    starts = _starts(reader)
    assert [title for title, _ in starts] == [book_pdf.CONTENTS_TITLE] + [
        _title(p) for p in chapters.pages()]
    text = _squeeze("\n".join(pages[starts[1][1]:]))  # the chapters, after the contents
    position = 0
    for page in chapters.pages():  # each title after the previous one
        title = _squeeze(_title(page))
        assert title in text[position:], f"{page} ({_title(page)!r}) missing or out of order"
        position = text.index(title, position) + len(title)


def test_the_pdf_opens_with_contents_whose_page_numbers_are_right(pdf):
    reader, _, pages = pdf
    (contents, first), *chapter_starts = _starts(reader)
    assert first == 0, "the contents are not the PDF's first page"
    lines = {_squeeze(line) for page in pages[:chapter_starts[0][1]]
             for line in page.splitlines()}
    for title, start in chapter_starts:
        number = start + 1  # as the footers number the pages
        assert _squeeze(title) + str(number) in lines, (
            f"the contents do not list {title!r} at page {number}")
        assert _squeeze(title) in _squeeze(pages[start]), f"page {number} does not start {title!r}"


def test_equation_numbers_are_printed_as_on_the_site(pdf):
    _, text, _ = pdf
    tags = {tag for p in chapters.pages()
            for tag in chapters.TAG.findall(chapters.source(p).read_text("utf-8"))}
    assert tags, "no \\tag{3.1.x} in the sources: did the equation numbering change?"
    missing = sorted(tag for tag in tags if f"({tag})" not in text)
    assert missing == [], f"equation numbers missing from the PDF: {missing}"


def test_korean_glossary_terms_are_rendered(pdf):
    _, text, _ = pdf
    terms = set(HANGUL.findall(chapters.source("book/glossary").read_text("utf-8")))
    assert terms, "the glossary has no Korean terms"
    missing = sorted(term for term in terms if term not in text)
    assert missing == [], f"Korean terms missing from the PDF (no Korean font?): {missing}"


def test_solutions_are_printed_in_full(pdf):
    _, text, _ = pdf
    for page, solution in _everywhere("div.solution"):
        stretch = _prose(solution)  # what a folded solution would not show
        assert len(stretch) >= 15, f"{page}: {solution.get('id')} is nearly all math"
        assert stretch[-60:] in text, f"{page}: {solution.get('id')} is not in the PDF"


def test_the_explorer_prints_as_its_default_picture_with_a_note(pdf):
    reader, text, _ = pdf
    assert _squeeze("The interactive version of this explorer is online") in text
    assert _squeeze("learning rate 0.03, batch size 10") in text


def test_figures_and_the_explorer_picture_are_in_the_pdf(pdf):
    reader, text, _ = pdf
    for page, caption in _everywhere("figcaption"):
        stretch = _prose(caption)
        assert stretch in text, f"{page}: the figure {stretch[:40]!r}... is not in the PDF"
    # Chromium draws SVG figures into the page; the explorer's PNG is an image object.
    images = [x for page in reader.pages
              for x in (page["/Resources"].get_object().get("/XObject") or {}).values()
              if x.get_object().get("/Subtype") == "/Image"]
    assert images, "the explorer's picture is not in the PDF"


# A handout for the class (issue 20) --------------------------------------------------------

def _footer(page):
    """The "k / n" of a PDF page's footer (its last line; page: its text), as two ints."""
    last = [line for line in page.splitlines() if line.strip()][-1]
    found = re.search(r"(\d+)\s*/\s*(\d+)\s*$", last)
    assert found, f"no page number in the footer line {last!r}"
    return int(found.group(1)), int(found.group(2))


def test_pages_are_numbered_through_the_whole_book(pdf):
    _, _, pages = pdf
    numbers = [_footer(page) for page in pages]
    total = len(pages)
    assert numbers == [(k, total) for k in range(1, total + 1)]


def _quiz_questions(page):
    """The questions of every self-check quiz of a built page, from its quiz script."""
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    found = []
    for script in re.findall(r'var quiz = "(var questions\w+=\[.*?\]);', html):
        data = json.loads(json.loads(f'"{script}"').split("=", 1)[1])
        found.append(data)
    return found


def _js_number(value):
    """A number as JavaScript's String() writes it (204000, not 204000.0)."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def test_every_quiz_is_printed_with_its_answer_key(pdf):
    _, text, _ = pdf
    quizzes = [(page, q) for page in chapters.pages() for q in _quiz_questions(page)]
    assert quizzes, "no page has a quiz: did the quiz script change?"
    assert text.count(_squeeze("Answer key")) == len(quizzes)
    for page, questions in quizzes:
        for question in questions:
            right = [a for a in question["answers"] if a.get("correct")]
            assert right, (page, question["question"][:60])
            for answer in right:
                value = answer.get("value")
                shown = (_js_number(value) if question["type"] == "numeric"
                         else answer["answer"])
                # The longest stretch of the answer without math (TeX in the page's data).
                shown = max(re.split(r"\$[^$]*\$", shown), key=len)
                shown = _squeeze(BeautifulSoup(shown, "html.parser").get_text())[:40]
                assert shown in text, f"{page}: the answer {shown!r} is not in the PDF"


def test_every_figure_is_printed_once(pdf):
    _, text, _ = pdf
    captions = [(page, _prose(caption)) for page, caption in _everywhere("figcaption")]
    stretches = [stretch for _, stretch in captions]
    for page, stretch in captions:  # twin pages may share a caption: once for each
        assert text.count(stretch) == stretches.count(stretch), (
            f"{page}: the figure {stretch[:40]!r} is printed {text.count(stretch)} times")


# What must not end a page: a heading, a box's title or a glossary term (the orphaned
# "data loader" of the first handout was a <dt> of the glossary).
LEAD_INS = "h2, h3, h4, dt, .admonition-title"


def _lines_top_down(page):
    """A PDF page's lines of text from the top of the page down.  Not extract_text()'s
    order: chromium paints a positioned box (an exercise's title) after the text around it,
    and extract_text() follows the paint."""
    rows = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])  # the baseline, from the bottom
            rows.setdefault(y, []).append(text)

    page.extract_text(visitor_text=visit)
    return ["".join(rows[y]) for y in sorted(rows, reverse=True)]


def _lead_ins_at_the_foot(pages, lead_ins):
    """[(page number, line)] of the pages (each its lines top down, the footer's "k / n"
    the last) whose last line of content is one of lead_ins (squeezed)."""
    return [(number, lines[-2]) for number, lines in enumerate(pages, 1)
            if len(lines) >= 2 and _squeeze(lines[-2]) in lead_ins]


def test_a_lead_in_at_the_foot_of_a_page_is_found():
    """The check below can fail: a term or heading as the last line above the footer is
    reported, the same line followed by text is not."""
    lead_ins = {_squeeze("data loader"), _squeeze("Reading the dataset")}
    pages = [["Some text", "data loader", "3 / 9"], ["Reading the dataset", "It reads.", "4 / 9"],
             ["text", "Reading the  dataset", "5 / 9"]]
    assert _lead_ins_at_the_foot(pages, lead_ins) == [(1, "data loader"),
                                                      (3, "Reading the  dataset")]


def test_no_page_ends_with_a_heading_or_a_term(pdf):
    reader, _, _ = pdf
    # The slide map's table cells repeat the section names of other pages: its pages (their
    # footer names it) are not checked.
    skip = _squeeze(_title("book/slide_map"))
    found = _everywhere(LEAD_INS)
    assert any(h.name == "dt" for _, h in found), "no glossary terms"
    lead_ins = {_squeeze(h.get_text(" ").rstrip("#¶ ✏")) for page, h in found
                if page != "book/slide_map"}
    pages = [_lines_top_down(page) for page in reader.pages]
    ends = [(number, line) for number, line in _lead_ins_at_the_foot(pages, lead_ins)
            if not _squeeze(pages[number - 1][-1]).startswith(skip)]
    assert not ends, f"headings or terms left alone at the foot of a page: {ends}"


# A page as a PDF of its own (the exam sheet's) -------------------------------------------

def test_a_page_prints_as_a_pdf_of_its_own(pdf, tmp_path):
    """Any page: the pages it takes in the book, its title, its footers numbered 1 to n."""
    reader, _, _ = pdf
    starts = _starts(reader)
    page = chapters.pages()[1]
    i = [title for title, _ in starts].index(_title(page))
    length = (starts[i + 1][1] if i + 1 < len(starts) else len(reader.pages)) - starts[i][1]
    out = tmp_path / "page.pdf"
    subprocess.run(["make", "--no-print-directory", "pdf", f"PAGE={page}", f"OUT={out}"],
                   cwd=chapters.ROOT, check=True, timeout=300)
    alone = [p.extract_text() for p in PdfReader(out).pages]
    assert len(alone) == length
    assert _squeeze(_title(page)) in _squeeze(alone[0])
    assert [_footer(p) for p in alone] == [(k, length) for k in range(1, length + 1)]


@pytest.mark.parametrize("page", sorted(book_pdf.PAGE_PDFS))
def test_a_page_with_a_pdf_of_its_own_has_it_beside_the_book(page):
    target = HTML / book_pdf.PAGE_PDFS[page]
    if page not in chapters.pages():
        assert not target.exists(), f"{target} is left from a page that is gone"
        pytest.skip(f"{page} is not in _toc.yml")
    assert target.exists(), f"`make book` did not print {page} as {target}"
    assert _squeeze(_title(page)) in _squeeze(PdfReader(target).pages[0].extract_text())
