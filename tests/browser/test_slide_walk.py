"""The decks as an instructor uses them: opened at 1280x720 and walked with the keyboard
only (the right arrow, or the space bar), every slide is reached once, in reading order (the
PyTorch twins below their MXNet slides included), the walk ends on the deck's Summary, and
nothing on a slide covers reveal's controls or its slide counter.  Each deck passes axe-core
with no serious or critical violation on any slide.

A screenshot of every slide as the walk meets it lands in _build/screenshots/decks/, to be
looked at before a change to the decks is merged."""

import pytest
from chromium_site import (
    AXE,
    AXE_TAGS,
    DECKS,
    SLIDE_SETTLED,
    open_deck,
    screenshot_path,
    show_slide,
)

pytestmark = pytest.mark.browser

FAILING = ("critical", "serious")
# The slide on screen, the order reveal reads the deck in, and whether the counter or the
# controls overlap each other.
STATE = """() => {
  const slide = Reveal.getCurrentSlide();
  const box = e => e && getComputedStyle(e).display !== "none" ? e.getBoundingClientRect() : null;
  const counter = box(document.querySelector(".reveal .slide-number"));
  const controls = box(document.querySelector(".reveal .controls"));
  const meet = (a, b) => a && b && a.left < b.right && b.left < a.right && a.top < b.bottom
      && b.top < a.bottom;
  return {id: slide.id, title: (slide.querySelector("h1, h2") || {}).textContent,
          counterOverControls: meet(counter, controls)};
}"""


def _walk(page, key, deck, folder=None):
    """The ids of the slides met pressing ``key`` from the first slide until nothing moves;
    a screenshot of each in ``folder``."""
    met = []
    while True:
        page.evaluate(SLIDE_SETTLED)
        state = page.evaluate(STATE)
        if met and state["id"] == met[-1]["id"]:
            return met
        met.append(state)
        if folder is not None:
            page.screenshot(path=folder / f"{deck}-{len(met):02d}-{state['id']}.png")
        assert len(met) <= DECKS[deck]["slides"], f"{deck}: the walk goes round in circles"
        page.keyboard.press(key)


@pytest.mark.parametrize("deck", DECKS)
def test_the_right_arrow_walks_every_slide_in_reading_order(open_page, deck):
    page, problems = open_deck(open_page, deck)
    reading_order = page.evaluate("() => Reveal.getSlides().map(s => s.id)")
    folder = screenshot_path("decks")
    folder.mkdir(exist_ok=True)
    met = _walk(page, "ArrowRight", deck, folder)
    assert [s["id"] for s in met] == reading_order, f"{deck}: the right arrow skips slides"
    assert len(met) == DECKS[deck]["slides"]
    assert met[-1]["title"].strip() == "Summary", f"{deck} ends with {met[-1]['title']!r}"
    covered = [s["id"] for s in met if s["counterOverControls"]]
    assert not covered, f"{deck}: the slide counter overlaps the controls on {covered}"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("deck", DECKS)
def test_the_space_bar_walks_the_same_slides(open_page, deck):
    page, _ = open_deck(open_page, deck)
    reading_order = page.evaluate("() => Reveal.getSlides().map(s => s.id)")
    assert [s["id"] for s in _walk(page, "Space", deck)] == reading_order


@pytest.mark.parametrize("deck", DECKS)
def test_every_slide_passes_axe(open_page, axe_report, deck):
    page, problems = open_deck(open_page, deck)
    page.add_script_tag(path=str(AXE))  # once: reveal keeps the page as it moves
    failing = {}
    for number in range(page.evaluate("() => Reveal.getTotalSlides()")):
        show_slide(page, number)
        slide = page.evaluate("() => Reveal.getCurrentSlide().id")
        # The whole page (controls, counter, the slide) on the first slide; on the others
        # what changed: the slide.
        violations = page.evaluate(
            "([tags, all]) => axe.run(all ? document : Reveal.getCurrentSlide(),"
            " {runOnly: {type: 'tag', values: tags}})", [AXE_TAGS, number == 0])
        for v in violations["violations"]:
            described = f"{v['id']} ({v['impact']}): {v['help']} -- " + "; ".join(
                " ".join(map(str, n["target"])) for n in v["nodes"][:3])
            if v["impact"] in FAILING:
                failing.setdefault(described, []).append(slide)
            elif number == 0:
                axe_report.append((f"slides/{deck}", "deck", described))
    assert not failing, f"{deck}: " + "\n".join(f"{k} on {v}" for k, v in failing.items())
    assert problems == [], "\n".join(problems)
