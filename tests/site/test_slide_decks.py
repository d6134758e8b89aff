"""The lecture decks in the built site (_build/html/slides/, written by `make book`): one
deck per part of the table of contents, every chapter page links to its place in its deck,
every slide links to the book section it expands, the slides-only text stays off the pages,
and the glosses come from the glossary."""

import json
import re
from html import unescape

import chapters
import course
import pytest
from bs4 import BeautifulSoup
from slides import decks as slide_decks
from slides import render

DECKS = slide_decks.decks()
CHAPTERS = [d for deck in DECKS for d in deck.chapters]


def _deck(html_root, name):
    return (html_root / "slides" / f"{name}.html").read_text(encoding="utf-8")


def test_one_deck_per_part_with_chapters(html_root):
    with_notebooks = [caption for caption, pages in chapters.parts()
                      if any(chapters.is_chapter(chapters.source(p)) for p in pages)]
    assert [d.title for d in DECKS] == with_notebooks
    written = json.loads((html_root / "slides" / "decks.json").read_text(encoding="utf-8"))
    assert list(written) == [d.name for d in DECKS]
    for deck in DECKS:
        assert (html_root / "slides" / f"{deck.name}.html").is_file()
        assert written[deck.name]["slides"] == _deck(html_root, deck.name).count("<section id=")


@pytest.mark.parametrize("docname", CHAPTERS)
def test_every_chapter_page_links_to_its_place_in_the_deck(html_root, docname):
    page = (html_root / f"{docname}.html").read_text(encoding="utf-8")
    links = re.findall(r'<p class="slides-link">.*?href="([^"]+)"', page, flags=re.S)
    assert len(links) == 1, f"{docname}: {len(links)} Slides links"
    target, fragment = links[0].split("#/")
    deck = (html_root / docname).parent / target
    assert deck.resolve().is_file(), links[0]
    assert f'<section id="{fragment}"' in deck.read_text(encoding="utf-8"), links[0]


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_every_slide_links_to_an_existing_book_section(html_root, deck):
    text = _deck(html_root, deck.name)
    slides = re.findall(r'<section id="([^"]+)".*?</section>', text, flags=re.S)
    links = re.findall(r'<a class="book-link" href="([^"]+)"', text)
    assert len(links) == len(slides) >= 5
    anchored = 0
    for link in links:
        path, _, anchor = link.partition("#")
        target = (html_root / "slides" / path).resolve()
        assert target.is_file(), link
        if anchor:
            anchored += 1
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link
    assert anchored > len(links) / 2, f"{deck.name}: most slides link to a section"


def test_the_31_deck_keeps_the_lectures_parts_in_order(html_root):
    deck = DECKS[0]
    text = _deck(html_root, deck.name)
    openers = [unescape(t) for t in re.findall(r'class="opener">.*?<h1>(.*?)</h1>', text,
                                                flags=re.S)]
    titles = [_title(d) for d in deck.chapters]
    assert openers == titles


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_every_deck_ends_with_its_summary(html_root, deck):
    soup = BeautifulSoup(_deck(html_root, deck.name), "html.parser")
    last = soup.select("section[id]")[-1]
    assert last.find("h2").get_text(strip=True) == "Summary", "the deck ends with its summary"


def _slides(html_root, deck):
    """[(id, section element)] of every slide of a built deck, title slide first."""
    soup = BeautifulSoup(_deck(html_root, deck.name), "html.parser")
    return [(s["id"], s) for s in soup.select("section[id]")]


def _visible_words(element):
    """The text a class sees on a slide outside code and math (drawn by KaTeX at build
    time; \\( \\) left in the text would be raw TeX)."""
    element = BeautifulSoup(str(element), "html.parser")
    for hidden in element.select("pre, code, .code, aside.notes, script, .katex"):
        hidden.decompose()
    return re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " ", element.get_text(" "), flags=re.S)


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_no_raw_markup_in_what_a_slide_shows(html_root, deck):
    raw = re.compile(r"\$|`|\{(?:term|glue|ref|doc)\b|\*\*|\[\[")
    found = [(sid, m.group()) for sid, slide in _slides(html_root, deck)
             for m in [raw.search(_visible_words(slide))] if m]
    assert not found, f"{deck.name}: raw markup on slides {found}"


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_every_slide_title_is_distinct(html_root, deck):
    titles = [(s.find(["h1", "h2"]).get_text(" ", strip=True),
               s.select_one(".framework").get_text(strip=True) if s.select_one(".framework")
               else "")
              for _, s in _slides(html_root, deck)]
    repeated = {t for t in titles if titles.count(t) > 1}
    assert not repeated, f"{deck.name}: slides that share a title: {repeated}"


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_code_slides_show_no_guard_asserts_and_no_glue(html_root, deck):
    for sid, slide in _slides(html_root, deck):
        for code in slide.select(".code pre"):
            for line in code.get_text().splitlines():
                assert not re.match(r"\s*(assert\b|glue\(|from myst_nb)", line), (sid, line)


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_code_is_split_only_between_statements(html_root, deck):
    """A code slide that continues the previous one starts a statement: its first line
    does not close a bracket, and the previous slide's last line opens none."""
    for sid, slide in _slides(html_root, deck):
        for code in slide.select(".code pre"):
            lines = [line for line in code.get_text().splitlines() if line.strip()]
            assert not re.match(r"\s*[)\]}]", lines[0]), (sid, lines[0])
            assert not re.search(r"[(\[{,\\]\s*$", lines[-1]), (sid, lines[-1])


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_every_slide_of_a_chapter_has_content(html_root, deck):
    for sid, slide in _slides(html_root, deck)[1:]:
        assert slide.select(".text, .code, .outputs, ul.sections li"), f"{sid} is empty"


def test_the_title_slides_name_the_course_from_its_one_place(html_root):
    label = course.load().label
    for deck in DECKS:
        first = _slides(html_root, deck)[0][1]
        assert label in first.get_text(" "), f"{deck.name}: the title slide lacks {label!r}"


@pytest.mark.parametrize("deck", [d for d in DECKS if any(map(chapters.is_mxnet_page, d.chapters))],
                         ids=lambda d: d.name)
def test_the_pytorch_twins_are_vertical_slides(html_root, deck):
    text = _deck(html_root, deck.name)
    stacks = re.findall(r"<section>\s*(<section id=.*?</section>)\s*</section>", text, flags=re.S)
    assert stacks, f"{deck.name}: no vertical slides"
    for stack in stacks:
        frameworks = re.findall(r'<span class="framework">(\w+)</span>', stack)
        assert frameworks[0] == "MXNet" and set(frameworks[1:]) == {"PyTorch"}, frameworks


def test_glossed_words_carry_the_glossarys_korean(html_root):
    glossary = render.glossary(chapters.ROOT)
    text = "".join(_deck(html_root, d.name) for d in DECKS)
    glosses = dict(re.findall(r'<li lang="ko"><span lang="en">([^<]+)</span>: ([^<]+)</li>', text))
    for word in ("subsume", "seldom", "formidable"):
        assert glosses.get(word) == glossary[word], word
    assert all(glossary[w] == g for w, g in glosses.items())


@pytest.mark.parametrize("docname", CHAPTERS)
def test_slides_only_text_stays_off_the_page(html_root, docname):
    page = (html_root / f"{docname}.html").read_text(encoding="utf-8")
    for cell in chapters.read(chapters.source(docname)).cells:
        if slide_decks.SLIDES_ONLY in cell.metadata.get("tags", []):
            assert "remove-cell" in cell.metadata["tags"]
            bullet = next(line for line in cell.source.splitlines() if line.startswith("- "))
            assert bullet[2:40] not in page, f"{docname}: {bullet!r} is on the page"


def test_the_decks_use_the_sites_own_reveal_and_their_math_is_drawn(html_root):
    text = _deck(html_root, DECKS[0].name)
    for url in re.findall(r'(?:src|href)="(\.\./_static/[^"]+)"', text):
        assert (html_root / "slides" / url).resolve().is_file(), url
    assert 'class="katex"' in text and not re.search(r"mathjax", text, re.I)


def _title(docname):
    cell = chapters.read(chapters.source(docname)).cells[0]
    return re.search(r"^# +(.+)$", cell.source, flags=re.M).group(1)


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_slides_of_going_further_sections_are_marked(html_root, deck):
    """A slide that expands a section the book marks as going beyond the lecture (its first
    block is the "Going further" admonition) tells the class so."""
    for sid, slide in _slides(html_root, deck)[1:]:
        link = slide.select_one(".slide-foot a.book-link")["href"]
        path, _, anchor = link.partition("#")
        if not anchor:
            continue
        page = BeautifulSoup((html_root / "slides" / path).read_text("utf-8"), "html.parser")
        section = page.find(id=anchor)
        section = section if section.name == "section" else section.find_parent("section")
        first = next((c for c in section.find_all(recursive=False)
                      if c.name not in ("h1", "h2", "h3", "span")), None)
        beyond = first is not None and "going-further" in first.get("class", [])
        if beyond:
            assert slide.select_one(".further-badge"), f"{deck.name}: {sid} is not marked"
