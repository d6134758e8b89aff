"""The built slide-to-book map, and the line between the slides' content and "Going further".

A slide's title is a heading of its page, and every content section of a mapped chapter that
covers no slide is marked as going further than the slides (a titled admonition of class
``going-further``).  That every label of the map exists on its page is checked once, in the
sources (tests/unit/test_slide_map.py); the build (-n -W) fails on a link to no label.
"""

import re

import chapters
import pytest
import slide_map
from bs4 import BeautifulSoup

ROOT = chapters.ROOT

ENTRIES = slide_map.load(ROOT / "book" / "slide_map.yml")
PLACES = {place for entry in ENTRIES for place in slide_map.places(entry)}
GOING_FURTHER = "Going further: beyond the slides"
CHAPTERS = [path.stem for path in chapters.notebooks()]


def _soup(html_root, page):
    return BeautifulSoup((html_root / "book" / f"{page}.html").read_text("utf-8"), "html.parser")


# Slides whose title names no section: the course's title slide (book/slide_map.yml calls it
# "Title slide": the course's name comes from _config.yml) and the contents pages.
NOT_SECTIONS = {"Title slide", "Contents"}


def test_a_slide_title_is_a_heading_of_its_page(html_root):
    """A student searching the page for the name on the slide finds it in a heading."""
    missing = []
    for entry in ENTRIES:
        if entry["title"] in NOT_SECTIONS:
            continue
        headings = " | ".join(h.get_text(" ") for h in _soup(html_root, entry["page"]).select(
            "main h1, main h2, main h3"))
        if entry["title"].lower() not in " ".join(headings.split()).lower():
            missing.append(f"{entry['title']!r} on {entry['page']}")
    assert not missing, f"slide titles that no heading of their page carries: {missing}"


def _content_sections(soup):
    """(heading text, ids, section) of every h2 section but Summary, Exercises and the
    self-check quiz."""
    for h2 in soup.find_all("h2"):
        section = h2.find_parent("section")
        heading = h2.get_text().rstrip("#").strip()
        if section is None or heading in ("Summary", "Exercises", "Self-check quiz"):
            # None: the page's sidebar
            continue
        ids = {section.get("id")} | {span.get("id") for span in section.find_all(
            "span", id=True, recursive=False)}
        yield heading, ids, section


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_section_is_slide_content_or_going_further(html_root, page):
    labels = {label for p, label in PLACES if p == page}
    if not labels:  # a new chapter, not (yet) in the map: nothing to tell apart
        pytest.skip(f"{page} is not in book/slide_map.yml")
    for heading, ids, section in _content_sections(_soup(html_root, page)):
        marked = section.select("div.going-further")
        assert ids & labels or marked, (
            f"{page}: section {heading!r} covers no slide (slide_map.yml) and is not marked "
            f"as going further")


@pytest.mark.parametrize("page", CHAPTERS)
def test_going_further_blocks_look_the_same(html_root, page):
    for block in _soup(html_root, page).select("div.going-further"):
        assert "admonition" in block["class"]
        title = block.select_one("p.admonition-title")
        assert title is not None and title.get_text().strip() == GOING_FURTHER, page


# Every slide of the lecture has its counterpart in our decks ------------------------------

def _plain(title):
    """A slide title without math and code marks: "$d$ features" and "\\(d\\) features"
    are both "d features"."""
    return " ".join(re.sub(r"\\\(|\\\)|[$`]", "", title).split())


def _deck_slides(html_root, deck):
    path = html_root / "slides" / f"{deck}.html"
    assert path.is_file(), f"no deck {deck} (slides/{deck}.html)"
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    for drawn in soup.select(".katex"):  # a formula drawn at build time reads as its TeX
        drawn.replace_with(drawn.find("annotation").get_text())
    return {_plain(s.find(["h1", "h2"]).get_text(" ", strip=True)): s
            for s in soup.select("section[id]")}


@pytest.mark.parametrize("number", range(1, len(ENTRIES) + 1))
def test_every_lecture_slide_has_a_deck_slide_next_to_its_section(html_root, number):
    entry = ENTRIES[number - 1]
    deck, _, title = entry["slide"].partition(" › ")
    slides = _deck_slides(html_root, deck)
    slide = slides.get(_plain(title))
    assert slide is not None, (f"slide {number} ({entry['seed']!r}): deck {deck} has no slide "
                               f"titled {title!r}; it has {sorted(slides)}")
    if "deck-title" in slide.get("class", []):
        return  # a deck's title slide stands for the lecture's title and contents slides
    href = slide.select_one(".slide-foot a.book-link")["href"]
    page = href.split("#")[0].rsplit("/", 1)[-1].removesuffix(".html")
    assert page in {p for p, _ in slide_map.places(entry)}, (
        f"slide {number}: the deck slide {title!r} expands {page}, not {entry['page']}")
