"""The lecture decks in a real browser: every slide of every deck fits the 1280x720 frame
with nothing cut off and fills it (its content reaches at least FILL of the height above
the footer), its code wraps only where the source does, its math is typeset, nothing is
fetched from another host, the speaker view opens offline and each deck prints to a PDF
with one page per slide.

Render times of each slide are written to _build/screenshots/slides/timings.json (measured,
never asserted); the screenshots of the slides are the walk's (test_slide_walk.py)."""

import json
import re
import time

import pytest
from chromium_site import DECKS, HTML, Problems, open_deck, screenshot_path, show_slide

pytestmark = pytest.mark.browser

# The fill measure: from the top of the slide to the bottom of its lowest content (title,
# text, code, outputs, figures), as a share of the slide's height above its footer. A slide
# below it looks empty from the back of the room (the builder joins short code to its
# neighbour and shows a sparse slide larger, decks.zoom).
FILL = 0.33

# What is wrong with the current slide: content outside the slide or over its footer, a
# code block or table wider than its box, raw or failed TeX.
CHECK = r"""() => {
  const slide = Reveal.getCurrentSlide();
  const box = slide.getBoundingClientRect();
  const problems = [];
  if (slide.scrollHeight > slide.clientHeight + 1) {
    problems.push(`content is ${slide.scrollHeight}px high, the slide ${slide.clientHeight}px`);
  }
  if (slide.scrollWidth > slide.clientWidth + 1) {
    problems.push(`content is ${slide.scrollWidth}px wide, the slide ${slide.clientWidth}px`);
  }
  const foot = slide.querySelector(":scope > .slide-foot");
  const footTop = foot ? foot.getBoundingClientRect().top : box.bottom;
  for (const el of slide.querySelectorAll(":scope > :not(.slide-foot):not(aside)")) {
    const r = el.getBoundingClientRect();
    if (r.height === 0) continue;
    if (r.bottom > footTop + 1) problems.push(`${el.className || el.tagName} overlaps the footer`);
    if (r.right > box.right + 1 || r.left < box.left - 1) {
      problems.push(`${el.className || el.tagName} sticks out sideways`);
    }
  }
  for (const el of slide.querySelectorAll("pre, table, .katex, img")) {
    if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== "IMG") {
      problems.push(`${el.tagName} is cut off: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const r = el.getBoundingClientRect();
    if (r.right > box.right + 1 || r.bottom > box.bottom + 1) {
      problems.push(`${el.tagName} ends outside the slide`);
    }
  }
  for (const el of slide.querySelectorAll(":scope > .text, :scope > .code pre")) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) problems.push(`${el.tagName} text of ${size}px is too small to read`);
  }
  const skip = "pre, code, script, style, .katex, aside";
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const raw = /\\\(|\\\[|\$\$|\\tag\{|\\frac|\[\[/;
    if (!n.parentElement.closest(skip) && raw.test(n.textContent)) {
      problems.push(`raw TeX or placeholder: ${n.textContent.trim().slice(0, 60)}`);
    }
  }
  for (const e of slide.querySelectorAll(".katex-error")) {
    problems.push(`TeX error: ${e.textContent}`);
  }
  // Code wraps only where its source does: as many rendered lines as source lines.
  for (const pre of slide.querySelectorAll(".code pre")) {
    const style = getComputedStyle(pre);
    const inner = pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const rendered = Math.round(inner / parseFloat(style.lineHeight));
    const lines = pre.textContent.replace(/\n$/, "").split("\n").length;
    if (rendered !== lines) problems.push(`code of ${lines} lines shows as ${rendered}`);
  }
  // The fill: how far down the content reaches, as a share of the room above the footer.
  let bottom = box.top;
  for (const el of slide.querySelectorAll(
      ":scope > :not(.slide-foot):not(aside):not(.framework):not(.further-badge)")) {
    const r = el.getBoundingClientRect();
    if (r.height > 0) bottom = Math.max(bottom, r.bottom);
  }
  const fill = (bottom - box.top) / (footTop - box.top);
  return {id: slide.id, problems, math: slide.querySelectorAll(".katex").length,
          code: slide.querySelectorAll("pre").length, fill};
}"""


def test_there_are_decks():
    assert len(DECKS) >= 3, "make book writes a deck per part of _toc.yml"


@pytest.mark.parametrize("deck", DECKS)
def test_every_slide_fits_has_typeset_math_and_loads_nothing_external(open_page, deck):
    page, problems = open_deck(open_page, deck)
    slides = page.evaluate("() => Reveal.getSlides().map(s => s.id)")
    assert len(slides) == DECKS[deck]["slides"] == page.evaluate("() => Reveal.getTotalSlides()")
    folder = screenshot_path("slides")
    folder.mkdir(exist_ok=True)
    timings, bad, math, code, fills = {}, {}, 0, 0, {}
    for number, slide_id in enumerate(slides):
        start = time.perf_counter()
        show_slide(page, number)
        timings[slide_id] = round(time.perf_counter() - start, 4)
        found = page.evaluate(CHECK)
        assert found["id"] == slide_id
        math, code = math + found["math"], code + found["code"]
        fills[slide_id] = round(found["fill"], 3)
        if found["fill"] < FILL:
            found["problems"].append(f"fills {found['fill']:.0%} of the slide, under {FILL:.0%}")
        if found["problems"]:
            bad[slide_id] = found["problems"]
    (folder / f"timings-{deck}.json").write_text(json.dumps(timings, indent=1))
    (folder / f"fill-{deck}.json").write_text(json.dumps(fills, indent=1))
    assert not bad, f"{deck}: slides that do not fit or show raw TeX: {bad}"
    assert math and code, f"{deck}: no typeset math or no code on any slide"
    assert problems == [], f"{deck}: " + "\n".join(problems)


def test_each_slide_links_to_its_book_section(open_page):
    page, problems = open_deck(open_page, next(iter(DECKS)))
    links = page.evaluate("() => [...document.querySelectorAll('.slides section')]"
                          ".filter(s => !s.querySelector('section'))"
                          ".map(s => s.querySelector(':scope > .slide-foot .book-link'))"
                          ".map(a => a && a.href)")
    assert links and all(links), "every slide needs a link to the book"
    page.goto(links[-1])
    assert re.search(r"/book/\w+\.html", page.url)
    assert problems == []


def test_the_speaker_view_works_offline(open_page):
    deck = next(iter(DECKS))
    page, problems = open_deck(open_page, deck)
    notes = page.evaluate("() => { const s = [...Reveal.getSlides()].find("
                          "e => e.querySelector('aside.notes')); const i = Reveal.getIndices(s);"
                          " Reveal.slide(i.h, i.v); return s.querySelector('aside.notes')"
                          ".textContent.trim(); }")
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    Problems.watch(problems, speaker, page.url.split("/")[2])
    speaker.wait_for_load_state("load")
    speaker.wait_for_function("() => document.querySelector('.speaker-controls-time')")
    speaker.wait_for_function(
        "() => document.querySelector('#current-slide iframe') &&"
        " document.querySelector('#current-slide iframe').contentDocument &&"
        " document.querySelector('#current-slide iframe').contentDocument"
        ".querySelector('.reveal .slides section')")
    speaker.wait_for_timeout(500)
    screenshot_path("slides").mkdir(exist_ok=True)
    speaker.screenshot(path=screenshot_path(f"slides/speaker-view-{deck}.png"))
    assert problems == [], "\n".join(problems)
    shown = speaker.evaluate("() => document.querySelector('.speaker-controls-notes').innerText")
    assert notes[:40] in " ".join(shown.split()), "the speaker view shows the slide's notes"


@pytest.mark.parametrize("deck", DECKS)
def test_each_deck_prints_one_pdf_page_per_slide(browser, deck, tmp_path):
    from slides.pdf import export

    out = tmp_path / f"{deck}.pdf"
    printed = export(browser, HTML / "slides" / f"{deck}.html", out)
    pdf = out.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert printed == DECKS[deck]["slides"]
    assert pages == printed, f"{deck}: {pages} PDF pages for {printed} slides"
