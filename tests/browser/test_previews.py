"""The previews in chromium: pointing at a link to an equation, a glossary term or a figure
shows it (math typeset, picture loaded) inside the window, at 1280 px and on a 390 px phone;
the keyboard shows it on focus and Esc hides it; a tap on a phone shows it without leaving
the place, a second tap follows the link; it follows the dark theme, is never printed, works
from file:// and leaves axe-core with no serious or critical violation.  What each preview
holds, on every page: tests/site/test_previews.py.
Screenshots: _build/screenshots/previews/."""

import chapters
import pytest
from chromium_site import HTML, Problems, axe_violations, screenshot_path, settle

pytestmark = pytest.mark.browser

PAGE = "book/loss_function"  # links to equations, glossary terms and a figure
LINKS = {"eq": 'a.has-preview[href*="#eq-"]', "term": 'a.has-preview[href*="#term-"]',
         "fig": 'a.has-preview[href*="#fig-"]'}
SHOWN = ".tippy-box[data-state='visible']"
# What a shown preview holds and where it is.
STATE = r"""() => {
  const box = document.querySelector(".tippy-box[data-state='visible']");
  if (!box) return null;
  const r = box.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          width: document.documentElement.clientWidth, height: innerHeight,
          math: !!box.querySelector("mjx-container, .katex"),
          raw: /\\\[|\\tag\{/.test(box.innerText),
          pictures: [...box.querySelectorAll("img")].map(i => i.complete && i.naturalWidth),
          text: box.innerText, background: getComputedStyle(box).backgroundColor,
          color: getComputedStyle(box).color, ids: box.querySelectorAll("[id]").length};
}"""

if PAGE not in chapters.pages():
    pytest.skip(f"{PAGE} is not in _toc.yml", allow_module_level=True)


def _check(state, kind, where):
    assert state is not None, f"{where}: no preview shown for the {kind} link"
    assert state["left"] >= 0 and state["right"] <= state["width"], f"{where}: {state}"
    assert state["top"] >= 0 and state["bottom"] <= state["height"], f"{where}: {state}"
    assert state["ids"] == 0, f"{where}: the preview repeats ids of the page"
    if kind == "eq":
        assert state["math"] and not state["raw"], f"{where}: math not typeset: {state}"
    if kind == "term":
        assert any("\uac00" <= ch <= "\ud7a3" for ch in state["text"]), state["text"]
    if kind == "fig":
        assert state["pictures"] and all(state["pictures"]), f"{where}: {state['pictures']}"


def _hover(tab, kind):
    link = tab.locator(LINKS[kind]).first
    link.scroll_into_view_if_needed()
    tab.mouse.move(0, 0)
    link.hover()
    tab.wait_for_selector(SHOWN)
    tab.wait_for_timeout(400)  # math typeset, position updated
    return tab.evaluate(STATE)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("kind", LINKS)
def test_pointing_at_a_link_shows_what_it_points_at(open_page, kind, width):
    tab, problems = open_page(f"{PAGE}.html", width=width)
    _check(_hover(tab, kind), kind, f"{kind} at {width} px")
    tab.screenshot(path=screenshot_path(f"previews/{kind}-{width}.png"))
    tab.mouse.move(0, 0)
    tab.wait_for_selector(SHOWN, state="detached")
    assert problems == [], "\n".join(problems)


def test_the_keyboard_shows_a_preview_and_esc_hides_it(open_page):
    tab, problems = open_page(f"{PAGE}.html")
    tab.locator(LINKS["eq"]).first.focus()
    tab.wait_for_selector(SHOWN)
    link = tab.locator(LINKS["eq"]).first
    described = link.get_attribute("aria-describedby")
    assert described and tab.locator(f"#{described}").count() == 1, described
    tab.keyboard.press("Escape")
    tab.wait_for_selector(SHOWN, state="detached")
    assert problems == [], "\n".join(problems)


def test_a_tap_shows_the_preview_and_a_second_tap_follows_the_link(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True,
                                  is_mobile=True)
    try:
        tab = context.new_page()
        problems = Problems().watch(tab, site.split("//", 1)[1])
        tab.goto(f"{site}/{PAGE}.html")
        settle(tab)
        link = tab.locator(LINKS["eq"]).first
        link.scroll_into_view_if_needed()
        before = tab.evaluate("() => [location.href, scrollY]")
        link.tap()
        tab.wait_for_selector(SHOWN)
        tab.wait_for_timeout(400)
        _check(tab.evaluate(STATE), "eq", "tapped at 390 px")
        assert tab.evaluate("() => [location.href, scrollY]") == before
        tab.screenshot(path=screenshot_path("previews/eq-390-tap.png"))
        link.tap()
        tab.wait_for_function("() => location.hash.startsWith('#eq-')")
        assert problems == [], "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_shown_preview_keeps_the_page_accessible_in_both_themes(open_page, dark):
    tab, problems = open_page(f"{PAGE}.html", dark=dark)
    tab.locator(LINKS["term"]).first.focus()  # shown, and the pointer styles nothing
    tab.wait_for_selector(SHOWN)
    tab.wait_for_timeout(400)
    state = tab.evaluate(STATE)
    article_color = tab.evaluate(
        "() => getComputedStyle(document.querySelector('.bd-article')).color")
    assert state["color"] == article_color, "the preview's text is not the theme's"
    failing = [f"{v['id']} ({v['impact']}): {v['help']}" for v in axe_violations(tab)
               if v["impact"] in ("serious", "critical")]
    assert failing == [], "\n".join(failing)
    tab.emulate_media(media="print")
    assert tab.evaluate("() => getComputedStyle(document.querySelector("
                        "'[data-tippy-root]')).display") == "none"
    assert problems == [], "\n".join(problems)


def test_previews_work_from_the_files(open_page):
    tab, problems = open_page(f"{PAGE}.html", base=HTML.as_uri())
    _check(_hover(tab, "fig"), "fig", "file://")
    assert problems == [], "\n".join(problems)
