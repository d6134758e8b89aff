"""The slide-to-book map (book/slide_map.yml) against the book's sources and the lecture deck.

The deck's text dump lives next to the repository, in ../shared/seed/; a fresh clone (CI) has
no such folder, so the checks against the deck skip there and the rest still runs. Each
label of the map is checked here, once, on its own page's source; the build (-n -W) fails on
a link to a missing label.
"""

import re

import chapters
import pytest
import slide_map
from chapter_env import needs_chapters

pytestmark = needs_chapters  # the pages' labels are read from the chapters

ROOT = chapters.ROOT

DECK = ROOT.parent / "shared" / "seed" / "slides-linear-neural-networks.txt"
ENTRIES = slide_map.load(ROOT / "book" / "slide_map.yml")
# The slides' side navigation of 3.1, which the dump repeats around every slide of that part.
NAV = {"Linear Model", "Loss Function", "Analytic Solution", "Minibatch", "Stochastic",
       "Gradient Descent", "Stochastic Gradient", "Descent", "Stochastic Gradient Descent",
       "Minibatch Stochastic Gradient Descent", "Making Predictions with the Learned Model",
       "Minibatch Stochastic Gradient Descent Making Predictions with the Learned Model"}


def _source_text(page):
    """The Markdown of a book page: the markdown cells of a chapter, or the page's file."""
    path = ROOT / "book" / f"{page}.md"
    assert path.exists(), f"slide_map.yml names page {page!r}, which is not in book/"
    return chapters.markdown(path) if chapters.is_chapter(path) else path.read_text("utf-8")


def test_every_entry_is_complete():
    assert ENTRIES, "slide_map.yml has no slides"
    for number, entry in enumerate(ENTRIES, start=1):
        missing = {"title", "topic", "page", "anchor", "seed", "slide"} - set(entry)
        assert not missing, f"slide {number} lacks {sorted(missing)}"
        assert set(entry) <= {"title", "topic", "page", "anchor", "also", "seed", "untitled",
                              "slide"}, (
            f"slide {number}: unknown keys {sorted(set(entry) - set(ENTRIES[0]))}")


def test_every_link_names_a_label_of_its_page():
    for number, entry in enumerate(ENTRIES, start=1):
        for page, label in slide_map.places(entry):
            labels = re.findall(r"^\(([\w-]+)\)=$", _source_text(page), flags=re.M)
            assert label in labels, f"slide {number}: no label ({label})= on page {page}"


def test_the_map_page_is_in_the_toc():
    assert "book/slide_map" in chapters.pages()


def test_the_table_has_one_row_per_slide_with_every_link():
    rows = slide_map.markdown_table(ENTRIES, ROOT / "book")[2:]
    assert len(rows) == len(ENTRIES)
    for row, entry in zip(rows, ENTRIES):
        for page, label in slide_map.places(entry):
            assert f"{{doc}}`{page}`" in row
            top = label == slide_map.title_label(ROOT / "book", page)
            assert top != (f"{{ref}}`{label}`" in row), (page, label)


def test_title_labels_are_found():
    assert slide_map.title_label(ROOT / "book", "intro") == "sec-intro-course"
    assert slide_map.title_label(ROOT / "book", "scratch_mxnet") == "sec-scratch-mxnet"
    assert slide_map.title_label(ROOT / "book", "loss_function") is None


# Against the deck ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deck():
    if not DECK.exists():
        pytest.skip(f"the lecture deck's text dump is not here ({DECK}): the repository alone "
                    "(as CI clones it) cannot compare the map with the slides")
    return DECK.read_text(encoding="utf-8")


def _slides(deck):
    """The deck cut into slides: [(title, text)], title None for a slide under the side nav.

    A slide starts at a line that is one of the map's titles (the dump's title lines) or at
    the side navigation of 3.1 ("Linear Model" followed by "Loss Function"). Slides whose text
    the dump lost (figures only, or the navigation alone) are left out.
    """
    titles = {e["title"] for e in ENTRIES if not e.get("untitled")}
    lines = deck.splitlines()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    starts = []
    for k, i in enumerate(filled):
        line = lines[i].strip()
        nxt = lines[filled[k + 1]].strip() if k + 1 < len(filled) else ""
        if line in titles and line not in NAV:
            starts.append((i, line))
        elif line == "Linear Model" and nxt == "Loss Function":
            starts.append((i, None))
    slides = []
    offsets = [sum(len(x) + 1 for x in lines[:i]) for i, _ in starts] + [len(deck)]
    for (_, title), begin, end in zip(starts, offsets, offsets[1:]):
        body = [line.strip() for line in deck[begin:end].splitlines()[1:]]
        content = [b for b in body if b and b not in NAV and not b.startswith("http")]
        if content or title is not None:
            slides.append((title, begin, end, bool(content)))
    return slides


def _seed_positions(deck):
    positions, start = [], 0
    for number, entry in enumerate(ENTRIES, start=1):
        found = deck.find(entry["seed"], start)
        assert found >= 0, (f"slide {number} ({entry['title']}): its seed {entry['seed']!r} is "
                            "not in the deck after the previous slide's")
        positions.append(found)
        start = found + len(entry["seed"])
    return positions


def test_entries_follow_the_deck_order(deck):
    positions = _seed_positions(deck)
    assert positions == sorted(positions)


def test_every_slide_of_the_deck_has_an_entry_with_its_title(deck):
    positions = _seed_positions(deck)
    slides = _slides(deck)
    for k, (title, begin, end, has_text) in enumerate(slides):
        inside = [e for e, p in zip(ENTRIES, positions) if begin <= p < end]
        # A title whose slide kept no text (a figure) may be the title of the next slide's text
        # ("Contents" above the chapter's table of contents).
        before = slides[k - 1] if k else None
        allowed = {title} | ({before[0]} if before and not before[3] else set())
        if not has_text and not inside:
            after = slides[k + 1] if k + 1 < len(slides) else None
            inside = [e for e, p in zip(ENTRIES, positions)
                      if after and after[1] <= p < after[2] and e["title"] == title]
        assert inside, (f"no entry for the slide at {title or 'the side navigation'!r} "
                        f"(deck characters {begin}-{end})")
        for entry in inside:
            if title is None:
                assert entry["title"] in NAV, (entry["seed"], entry["title"])
            elif not entry.get("untitled"):
                assert entry["title"] in allowed, (entry["seed"], entry["title"], title)


# The deck's first slide names the course, a fact of _config.yml: slide_map.yml calls it this.
TITLE_SLIDE = "Title slide"


def test_every_entry_title_is_a_title_of_the_deck(deck):
    lines = {line.strip() for line in deck.splitlines()}
    for entry in ENTRIES:
        if not entry.get("untitled") and entry["title"] != TITLE_SLIDE:
            assert entry["title"] in lines | NAV, f"{entry['title']!r} is not a line of the deck"
