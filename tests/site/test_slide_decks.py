"""The lecture decks in the built site (_build/html/slides/, written by `make book`): one
deck per part of the table of contents, every chapter page links to its place in its deck,
every slide links to the book section it expands, the slides-only text stays off the pages,
and the glosses come from the glossary.

Rules for every slide of every deck, read from the built HTML in reading order (the order
reveal's right arrow visits): code shows its own output and no output appears without its
code; every name the code uses is defined on that slide or an earlier one; numbered parts
"(k/n)" are consecutive; no bookkeeping on screen; a speaker note from the chapter's prose
on every content slide; openers that say what a chapter covers; title slides that name every
chapter, in both frameworks."""

import ast
import builtins
import json
import re
import symtable
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
    assert len(links) == len(slides) >= 2
    # The title slide and the chapters' openers link to a page; content slides mostly to
    # one of its sections.
    content = len(links) - 1 - len(re.findall(r'<section id="[^"]+" class="[^"]*\bopener\b', text))
    anchored = 0
    for link in links:
        path, _, anchor = link.partition("#")
        target = (html_root / "slides" / path).resolve()
        assert target.is_file(), link
        if anchor:
            anchored += 1
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link
    assert anchored > content / 2, f"{deck.name}: most content slides link to a section"


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


@pytest.mark.parametrize("deck", [deck.name for deck in DECKS])
def test_the_decks_use_the_sites_own_reveal_and_their_math_is_drawn(html_root, deck):
    text = _deck(html_root, deck)
    for url in re.findall(r'(?:src|href)="(\.\./_static/[^"]+)"', text):
        assert (html_root / "slides" / url).resolve().is_file(), url
    assert not re.search(r"mathjax", text, re.I)
    # Every formula was drawn when the deck was built: no TeX delimiter is left in its text
    # (a deck without math, as a scaffolded part's may be, has nothing to draw).
    shown = BeautifulSoup(text, "html.parser")
    for tag in shown(["script", "style", "pre", "code"]):
        tag.decompose()
    assert not re.findall(r"\\[(\[]|\$\$", shown.get_text()), deck


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


# Rules over every slide ------------------------------------------------------------------

def _reading_order(html_root, deck):
    """[(id, section, framework, [(code, outputs text or None)])] of every slide of a built
    deck, in the order the right arrow visits them (the HTML's order)."""
    found = []
    for sid, slide in _slides(html_root, deck):
        badge = slide.select_one(".framework")
        pairs = []
        for code in slide.select(".code"):
            after = code.find_next_sibling()
            shown = after.get_text() if after is not None and "outputs" in after.get(
                "class", []) else None
            pairs.append((code.get_text().strip("\n"), shown))
        found.append((sid, slide, badge.get_text(strip=True) if badge else "", pairs))
    return found


def _cells(deck):
    """{(chapter, code as a slide shows it): the outputs' text} of every `slide` cell of the
    deck's chapters, as executed in the last build."""
    cells = {}
    for docname in deck.chapters:
        stem = docname.rsplit("/", 1)[-1]
        nb = slide_decks._notebook(docname, chapters.ROOT, chapters.ROOT / "_build" /
                                   ".jupyter_cache")
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and slide_decks.SLIDE in slide_decks._tags(cell):
                code = slide_decks._without_glue(slide_decks._source(cell)).strip("\n")
                outputs = [o for o in cell.get("outputs", []) if slide_decks._shown(o)]
                cells[stem, code] = _words(" ".join(_output_text(o) for o in outputs))
    return cells


def _output_text(output):
    data = output.get("data", {})
    if "image/png" in data or "image/svg+xml" in data:
        return ""
    text = output.get("text") or data.get("text/markdown") or data.get("text/plain") or ""
    return "".join(text) if isinstance(text, list) else text


def _words(text):
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", text).split())


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_code_shows_its_own_output_and_no_output_comes_without_code(html_root, deck):
    cells = _cells(deck)
    wrong = []
    for sid, slide, _, pairs in _reading_order(html_root, deck):
        for outputs in slide.select(".outputs"):
            before = outputs.find_previous_sibling()
            if before is None or "code" not in before.get("class", []):
                wrong.append(f"{sid}: output without its code")
        stem = re.sub(r"-\d+$", "", sid)
        for code, shown in pairs:
            source = [c for s, c in cells if s == stem and code in c]
            if not source:
                wrong.append(f"{sid}: code of no `slide` cell: {code[:40]!r}")
                continue
            whole = source[0]
            expected = cells[stem, whole] if whole.endswith(code) else ""
            if _words(shown or "") != expected and not (shown and expected == ""):
                wrong.append(f"{sid}: the code {code.splitlines()[0][:40]!r} shows "
                             f"{_words(shown or '')[:40]!r}, its cell printed "
                             f"{expected[:40]!r}")
    assert not wrong, f"{deck.name}: " + "\n".join(wrong)


def _names(code):
    """(names the code uses from outside, names it defines at the top level)."""
    try:
        table = symtable.symtable(code, "slide", "exec")
    except SyntaxError:
        return set(), set()
    defined = {s.get_name() for s in table.get_symbols()
               if s.is_assigned() or s.is_imported()}
    used = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    stack = list(table.get_children())
    while stack:
        inner = stack.pop()
        used |= {s.get_name() for s in inner.get_symbols()
                 if s.is_referenced() and s.is_global()}
        stack += inner.get_children()
    return used - defined, defined


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_every_name_a_slide_uses_was_shown_first(html_root, deck):
    """Per framework (the MXNet and the PyTorch code run apart), a name is defined on its
    slide, on an earlier slide, or imported in a shown line."""
    known = {}
    undefined = []
    for sid, _, framework, pairs in _reading_order(html_root, deck):
        names = known.setdefault(framework, set(dir(builtins)))
        for code, _ in pairs:
            used, defined = _names(code)
            undefined += [f"{sid}: {name}" for name in sorted(used - names - defined)]
            names |= defined
    assert not undefined, f"{deck.name}: names no earlier slide shows: {undefined}"


NUMBERED = re.compile(r"^(.*) \((\d+)/(\d+)\)$")


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_numbered_parts_come_in_a_row(html_root, deck):
    """(1/n) to (n/n) of a title (per framework) are consecutive in the walk: a twin never
    falls inside the numbering of the part it mirrors."""
    walk = [(NUMBERED.match(s.find(["h1", "h2"]).get_text(" ", strip=True)), fw)
            for _, s, fw, _ in _reading_order(html_root, deck)]
    broken = []
    for i, (match, fw) in enumerate(walk):
        if match is None:
            continue
        k, n = int(match.group(2)), int(match.group(3))
        before = walk[i - 1][0] if i else None
        expected = (match.group(1), str(k - 1), str(n))
        twins = {walk[i - 1][1], fw} == {"MXNet", "PyTorch"} if i else False
        if k > 1 and (before is None or before.groups() != expected or twins):
            broken.append(match.group(0))
        if k == n == 1 or k > n:
            broken.append(match.group(0))
    assert not broken, f"{deck.name}: parts not in a row after their previous part: {broken}"


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_comments_and_docstrings_wrap_only_after_a_phrase(html_root, deck):
    """Code keeps its source's lines (deck.css: no wrapping); a comment or docstring that
    goes on to a second line ends its first one with a punctuation mark, not mid-phrase."""
    cut = []
    for sid, _, _, pairs in _reading_order(html_root, deck):
        for code, _ in pairs:
            lines = [line.strip() for line in code.split("\n")]
            for line, after in zip(lines, lines[1:]):
                comment = line.startswith("#") and after.startswith("#")
                docstring = line.count('"""') == 1 and not line.endswith('"""')
                if (comment or docstring) and not re.search(r"[.,:;)]$", line):
                    cut.append(f"{sid}: {line!r}")
    assert not cut, f"{deck.name}: comments wrapped mid-phrase: {cut}"


# A device in an output (MXNet's cpu(0), PyTorch's device(type='cpu')), or code that prints one.
DEVICE = re.compile(r"\b(?:cpu|gpu)\(\d+\)|device\(type=|\bcuda:\d|print\(.*\b(?:ctx|device)\b")


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_no_bookkeeping_on_a_slide(html_root, deck):
    """No device lines, and no value a slide computes for the book's hidden checks: a name
    it defines that hidden cells read (a glue, an assert) and no visible cell does."""
    read, hidden = {}, {}
    for docname in deck.chapters:
        stem = docname.rsplit("/", 1)[-1]
        cells = [c for c in chapters.read(chapters.source(docname)).cells
                 if c.cell_type == "code"]
        read[stem] = set().union(*(_loads(slide_decks._without_glue(c.source)) for c in cells
                                   if "remove-cell" not in c.metadata.get("tags", [])))
        hidden[stem] = set().union(*(_loads(c.source) for c in cells
                                     if "remove-cell" in c.metadata.get("tags", [])))
    found = []
    for sid, _, _, pairs in _reading_order(html_root, deck):
        stem = re.sub(r"-\d+$", "", sid)
        for code, shown in pairs:
            for text in (code, shown or ""):
                found += [f"{sid}: {m.group()!r}" for m in DEVICE.finditer(text)]
            found += [f"{sid}: {name} is computed for the book's checks only"
                      for name in sorted(_names(code)[1] & hidden[stem] - read[stem])]
    assert not found, f"{deck.name}: bookkeeping on slides: {found}"


def _loads(code):
    """Every name the code reads, at any depth (a trailing expression is shown, so read)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and
            isinstance(n.ctx, ast.Load)}


def _alnum(text):
    return re.sub(r"[^0-9a-z]+", "", unescape(text).lower())


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_every_content_slide_has_a_note_from_its_chapters_prose(html_root, deck):
    pages = {}
    missing = []
    for sid, slide in _slides(html_root, deck)[1:]:
        note = slide.select_one("aside.notes")
        text = note.get_text(" ", strip=True) if note else ""
        if len(text.split()) < 12:
            missing.append(f"{sid}: {text[:40]!r}")
            continue
        page = slide.select_one(".slide-foot a.book-link")["href"].split("#")[0]
        if page not in pages:
            soup = BeautifulSoup((html_root / "slides" / page).read_text("utf-8"),
                                 "html.parser")
            pages[page] = _alnum(soup.select_one("main").get_text(" "))
        paragraph = note.find(["p", "li"]) or note
        first = re.split(r"(?<=[.:;])\s", paragraph.get_text(" ", strip=True))[0]
        if _alnum(first) not in pages[page]:
            missing.append(f"{sid}: note {first[:50]!r} is not the chapter's prose")
    assert not missing, f"{deck.name}: slides without a note from the book: {missing}"


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_openers_say_what_the_chapter_covers(html_root, deck):
    for sid, slide in _slides(html_root, deck):
        if "opener" in slide.get("class", []):
            text = slide.select_one(":scope > .text")
            words = text.get_text(" ", strip=True).split() if text else []
            assert len(words) >= 15, f"{deck.name}: the opener {sid} is only links"


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.name)
def test_the_title_slide_names_every_chapter_in_both_frameworks(html_root, deck):
    first = _slides(html_root, deck)[0][1]
    listed = [_alnum(li.get_text(" ")) for li in first.select(".contents li")]
    assert listed == [_alnum(_title(d)) for d in deck.chapters]
