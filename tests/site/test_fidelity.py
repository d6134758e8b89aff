"""What the pages say against the course they belong to, their citations and their math.

The numbers the pages state are glued from their cells, and the cells assert the claims
around them (a false claim fails the build, naming it): nothing is recomputed here.
"""

import re

import chapters
import course
import pytest
from bs4 import BeautifulSoup

CHAPTERS = [path.stem for path in chapters.notebooks()]
COURSE = course.load()


def _soup(html_root, page):
    return BeautifulSoup((html_root / f"{page}.html").read_text("utf-8"), "html.parser")


def _prose(html_root, page):
    """The text of the page's paragraphs and list items: no code, outputs or scripts."""
    main = _soup(html_root, f"book/{page}").find("main")
    for tag in main.select("div.cell, pre, script, style, div.highlight"):
        tag.decompose()
    # Inline elements (glued numbers, math) are joined with a space; punctuation hugs back.
    return re.sub(r" ([,.;:)])", r"\1", " ".join(main.get_text(" ").split()))


# The course ------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["book/intro", "book/linear_model"])
def test_footer_says_whose_course_it_is(html_root, page):
    footers = _soup(html_root, page).find_all("footer")
    text = " ".join(" ".join(f.get_text(" ") for f in footers).split())
    for words in (f"{COURSE.name} ({COURSE.semester})", COURSE.institution_short,
                  "Dive into Deep Learning"):
        assert words in text, f"{page}: footer lacks {words!r}"
    assert "course team" not in text


def test_intro_says_whose_course_it_is(html_root):
    text = " ".join(_soup(html_root, "book/intro").find("main").get_text(" ").split())
    for words in (COURSE.name, COURSE.semester,
                  f"{COURSE.institution} ({COURSE.institution_short})", COURSE.instructor,
                  "release 0.17"):
        assert words in text


def test_glossary_has_no_note_to_maintainers(html_root):
    text = _soup(html_root, "book/glossary").get_text(" ")
    assert "keep the entries" not in text


# Citations -------------------------------------------------------------------------------

def test_bibliography_labels_are_the_labels_the_text_cites(html_root):
    bib = _soup(html_root, "book/bibliography")
    labels = {" ".join(span.get_text().strip("[]").split())
              for span in bib.select("div.citation span.label")}
    assert labels, "no bibliography entries"
    cited = set()
    for page in CHAPTERS + ["intro"]:
        for a in _soup(html_root, f"book/{page}").select("span.bibtex-citation a"):
            cited.add(" ".join(a.get_text().split()))
    assert cited, "no citations in the text"
    assert cited <= labels, f"cited as {cited - labels}, listed as {labels}"
    assert all(re.fullmatch(r"[A-Z][\w ]+(?: et al\.)?, \d{4}", label) for label in labels)


# Numbers in the prose --------------------------------------------------------------------

@pytest.mark.parametrize("page", CHAPTERS)
def test_prose_has_no_computer_e_notation(html_root, page):
    found = re.findall(r"\b\d(?:\.\d+)?e[+-]\d+\b", _prose(html_root, page))
    assert not found, f"{page}: typeset powers of ten instead of {found}"


def test_normal_mle_derivative_in_sigma_has_the_sign_of_the_nll(html_root):
    soup = _soup(html_root, "book/normal_mle")
    section = soup.find(id="sec-noise-estimate").find_parent("section") or soup
    maths = " ".join(m.get_text() for m in section.select("div.math, span.math"))
    compact = maths.replace(" ", "")
    assert r"=\frac{n}{\sigma}-\frac{1}{\sigma^3}" in compact, maths


def test_vectorization_starts_with_the_slides_experiment(html_root):
    soup = _soup(html_root, "book/vectorization")
    first = soup.select("div.cell")
    code = [c.get_text() for c in first if "cell_input" in str(c)]
    slides = next(c for c in code if "time.time()" in c)
    assert "np.ones(n)" in slides and slides.count("time.time()") >= 2


def test_minibatch_sgd_cites_the_right_d2l_section(html_root):
    text = _prose(html_root, "minibatch_sgd")
    assert "(D2L 3.1.2)" not in text and "(D2L 3.1.1)" in text
