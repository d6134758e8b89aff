"""Every page of the book in a real browser (chromium): it loads cleanly and offline, its
math is typeset, dark mode keeps figures readable, search works, and the SGD explorer's
sliders show the figure of the chosen combination.  Screenshots: _build/screenshots/."""

import json
import re
import zipfile

import chapters
import pytest
from chromium_site import HTML, screenshot_path, settle

pytestmark = pytest.mark.browser

PAGES = chapters.pages()
SGD_PAGE = "book/minibatch_sgd"

# Text nodes outside code that still hold TeX were not typeset.
RAW_TEX = r"""() => {
  const skip = "pre, code, script, style, textarea, .katex, .highlight";
  const tex = /\\\(|\\\)|\\\[|\\\]|\$\$|\\tag\{|\\begin\{|\\frac\{|\\mathbf\{/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && !n.parentElement.closest(skip) && tex.test(n.textContent)) {
      found.push(n.textContent.trim().slice(0, 80));
    }
  }
  return found;
}"""

MATH = """() => ({
  math: document.querySelectorAll(".math").length,
  untypeset: [...document.querySelectorAll(".math")]
      .filter(e => !e.querySelector(".katex")).map(e => e.textContent.slice(0, 60)),
  containers: document.querySelectorAll(".katex").length,
  errors: [...document.querySelectorAll(".katex-error")].map(e => e.textContent),
})"""


def _shot_name(page):
    return page.replace("/", "__") + ".png"


@pytest.mark.view("desktop")
@pytest.mark.parametrize("page", PAGES)
def test_page_loads_cleanly_with_math_typeset(view, page):
    tab, problems = view
    tab.screenshot(path=screenshot_path(_shot_name(page)), full_page=True,
                   animations="disabled")
    assert problems == [], f"{page}: " + "\n".join(problems)
    raw = tab.evaluate(RAW_TEX)
    assert raw == [], f"{page}: raw TeX is visible: {raw}"
    math = tab.evaluate(MATH)
    assert math["untypeset"] == [], f"{page}: math left untypeset"
    assert math["errors"] == [], f"{page}: KaTeX errors"
    if math["math"]:
        assert math["containers"] >= math["math"]
    source = chapters.source(page).read_text(encoding="utf-8")
    if "$$" in source or "{math}" in source:
        assert math["containers"], f"{page} has math in its source but none was typeset"


DARK = """() => {
  const rgb = (el) => {  // the first opaque background at or behind el
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).map(Number);
      if (c.length < 4 || c[3] > 0.5) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const lum = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  const figures = [...document.querySelectorAll(
      ".bd-content .cell_output img, .bd-content figure img, .bd-content .widget-image")]
    .filter(e => e.offsetParent !== null);
  return {
    theme: document.documentElement.dataset.theme,
    page: lum(rgb(document.querySelector(".bd-content") || document.body)),
    figures: figures.map(e => ({src: (e.getAttribute("src") || "").slice(0, 60),
                                background: lum(rgb(e)), filter: getComputedStyle(e).filter})),
  };
}"""


@pytest.mark.view("dark")
@pytest.mark.parametrize("page", PAGES)
def test_dark_mode_keeps_figures_readable(view, page):
    tab, problems = view
    assert problems == [], f"{page}: " + "\n".join(problems)
    dark = tab.evaluate(DARK)
    assert dark["theme"] == "dark" and dark["page"] < 0.3, f"dark mode is not on: {dark}"
    for figure in dark["figures"]:  # black axes and labels need a light background
        assert figure["background"] > 0.9, f"{page}: figure on a dark background: {figure}"
        assert figure["filter"] == "none", f"{page}: figure dimmed: {figure}"


def _mentions(word):
    return any(word in chapters.source(p).read_text(encoding="utf-8").lower() for p in PAGES)


@pytest.mark.parametrize("word", ["gradient", "linear"])
def test_search_finds(open_page, word):
    if not _mentions(word):
        pytest.skip(f"no page of the book says {word!r} yet")
    tab, problems = open_page(f"search.html?q={word}")
    tab.wait_for_function(
        "() => /Search finished|did not match/.test("
        "document.querySelector('#search-results')?.textContent || '')", timeout=30_000)
    hits = tab.locator("#search-results ul.search li a").all_inner_texts()
    assert problems == [], "\n".join(problems)
    assert hits, f"searching {word!r} found nothing"
    # And the index is really consulted: a word of no page finds nothing.
    tab.goto(tab.url.replace(f"q={word}", "q=zyxwvutsrq"))
    settle(tab)
    tab.wait_for_function(
        "() => /did not match|found 0/.test("
        "document.querySelector('#search-results')?.textContent || '')", timeout=30_000)


VISIBLE_GRID = """() => [...document.querySelectorAll(".widget-image")]
    .filter(e => e.offsetParent !== null)
    .map(e => [...e.classList].find(c => c.startsWith("lnn-grid-")))"""


def _visible_cell(tab):
    visible = tab.evaluate(VISIBLE_GRID)
    assert len(visible) == 1 and visible[0], f"expected one visible grid image: {visible}"
    i, j = map(int, re.fullmatch(r"lnn-grid-(\d+)-(\d+)", visible[0]).groups())
    return i, j


def test_sgd_sliders_show_the_figure_of_the_combination(open_page):
    if SGD_PAGE not in PAGES:
        pytest.skip(f"{SGD_PAGE} is not in _toc.yml yet")
    tab, problems = open_page(f"{SGD_PAGE}.html")
    handles = tab.locator(".widget-slider .noUi-handle")
    assert handles.count() >= 2, "the explorer needs a learning-rate and a batch-size slider"
    for slider in (0, 1):  # 0: learning rate moves i, 1: batch size moves j
        before = _visible_cell(tab)
        handle = handles.nth(slider)
        at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        handle.focus()
        tab.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
        step = -1 if at_end else 1
        expected = (before[0] + step, before[1]) if slider == 0 else (before[0], before[1] + step)
        tab.wait_for_function(
            f"() => ({VISIBLE_GRID})().join() === 'lnn-grid-{expected[0]}-{expected[1]}'",
            timeout=10_000)
        assert _visible_cell(tab) == expected
    assert problems == [], "\n".join(problems)


@pytest.mark.view("usb")
@pytest.mark.parametrize("page", PAGES)
def test_page_works_from_a_usb_stick(view, page):
    """file:// (no server): relative paths, the math and the widget manager still load."""
    tab, problems = view
    assert problems == [], f"{page} via file://: " + "\n".join(problems)
    raw = tab.evaluate(RAW_TEX)
    assert raw == [], f"{page} via file://: raw TeX is visible: {raw}"
    assert tab.evaluate(MATH)["untypeset"] == []


def test_the_notebook_download_saves_a_file_from_a_usb_stick(open_page):
    """From file:// a browser shows a linked .ipynb as JSON; the button saves it zipped."""
    tab, problems = open_page("book/linear_model.html", base=HTML.as_uri())
    link = tab.locator('a[download][href*=".ipynb"]').first
    with tab.expect_download(timeout=10_000) as download:
        link.evaluate("a => a.click()")  # the button sits in a closed menu
    saved = download.value.path()
    with zipfile.ZipFile(saved) as archive:
        (name,) = archive.namelist()
        notebook = json.loads(archive.read(name))
    assert name == "linear_model.ipynb" and notebook["cells"], name
    # A request that became a download ends as "aborted": that one is no problem.
    assert [p for p in problems if not p.endswith(".ipynb.zip (net::ERR_ABORTED)")] == []
