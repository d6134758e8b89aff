"""Nothing on a page is cut off: on a 390 px phone, on a 1280 px desktop and on paper.

Wide display math, code and tables may scroll inside their own box (overflow-x auto or
scroll); nothing may stick out of the window or out of a box that clips it, and the page
itself never scrolls sideways.  Code and output lines fit their box at 1280 px and on paper
(the notebooks' code cells stay within 79 characters; outputs wrap).
Screenshots: _build/screenshots/phone/ and _build/screenshots/print/."""

import chapters
import pytest
from chromium_site import VIEWS, screenshot_path

pytestmark = pytest.mark.browser

PAGES = chapters.pages()
PHONE, DESKTOP = VIEWS["phone"]["width"], VIEWS["desktop"]["width"]

# paper: on paper a scroll box cannot scroll, so what it would scroll to is cut off too.
CUT_OFF = r"""(paper) => {
  const style = (e) => getComputedStyle(e);
  const scrolls = (e) => ["auto", "scroll"].includes(style(e).overflowX);
  const clips = (e) => ["hidden", "clip"].includes(style(e).overflowX);
  const width = document.documentElement.clientWidth;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
      [...e.classList].slice(0, 3).map(c => "." + c).join("");
  const found = [];
  if (document.documentElement.scrollWidth > width + 1) {
    found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
  }
  for (const e of document.querySelectorAll(".bd-main *")) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || style(e).visibility === "hidden") continue;
    if (e.closest(".katex-mathml, .visually-hidden, .sr-only")) continue;
    // KaTeX draws a stretchy glyph (a hat, a long arrow) as a 400em SVG that it clips itself.
    if (e.closest(".katex-html svg")) continue;
    let box = e.parentElement;
    while (box && box !== document.body && !scrolls(box) && !clips(box)) box = box.parentElement;
    if (box && box !== document.body && scrolls(box) && !paper) continue;  // scroll to it
    const limit = box && box !== document.body ? box.getBoundingClientRect()
                                               : {left: 0, right: width};
    if (r.left < limit.left - 2 || r.right > limit.right + 2) {  // 2 px: glyph rounding
      found.push(`${name(e)} spans ${Math.round(r.left)}..${Math.round(r.right)} px, ` +
                 `visible ${Math.round(limit.left)}..${Math.round(limit.right)} px: ` +
                 JSON.stringify(e.textContent.trim().slice(0, 60)));
    }
  }
  return found;
}"""

# Code and output boxes of notebook cells whose lines are wider than the box (hidden
# behind a scroll bar).  Code blocks of the prose may scroll (on paper they wrap).
LONG_LINES = r"""() => [...document.querySelectorAll(".bd-article div.cell pre")]
  .filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1)
  .map(e => `${e.scrollWidth} > ${e.clientWidth} px: ` + JSON.stringify(
      e.textContent.split("\n").reduce((a, b) => a.length > b.length ? a : b)))"""


def _shot(tab, folder, page):
    tab.screenshot(path=screenshot_path(f"{folder}/{page.replace('/', '__')}.png"),
                   full_page=True, animations="disabled")


@pytest.mark.view("phone")
@pytest.mark.parametrize("page", PAGES)
def test_nothing_is_cut_off_on_a_phone(view, page):
    tab, problems = view
    _shot(tab, "phone", page)
    cut = tab.evaluate(CUT_OFF, False)
    assert cut == [], f"{page} at {PHONE} px:\n" + "\n".join(cut[:20])
    assert problems == [], f"{page}: " + "\n".join(problems)


@pytest.mark.view("desktop")
@pytest.mark.parametrize("page", PAGES)
def test_code_and_output_lines_fit_on_a_desktop(view, page):
    tab, _ = view
    long_lines = tab.evaluate(LONG_LINES)
    assert long_lines == [], f"{page} at {DESKTOP} px:\n" + "\n".join(long_lines)


@pytest.mark.view("paper")
@pytest.mark.parametrize("page", PAGES)
def test_a_printed_page_shows_everything(view, page):
    tab, _ = view
    _shot(tab, "print", page)
    chrome = tab.evaluate("""() => [...document.querySelectorAll(
        ".bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article-items,"
        + " .prev-next-area")].filter(e => e.getClientRects().length)
        .map(e => e.className)""")
    assert chrome == [], f"{page} in print: navigation is printed: {chrome}"
    folded = tab.evaluate("""() => [...document.querySelectorAll(".solution > *")]
        .filter(e => !e.classList.contains("admonition-title"))
        .filter(e => getComputedStyle(e).visibility === "hidden" || !e.getClientRects().length
                     || e.getBoundingClientRect().height < 1)
        .map(e => e.textContent.trim().slice(0, 40))""")
    assert folded == [], f"{page} in print: solution content folded: {folded}"
    cut = tab.evaluate(CUT_OFF, True)
    assert cut == [], f"{page} in print:\n" + "\n".join(cut[:20])
    long_lines = tab.evaluate(LONG_LINES)
    assert long_lines == [], f"{page} in print:\n" + "\n".join(long_lines)
