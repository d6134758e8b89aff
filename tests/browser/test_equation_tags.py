"""Every equation number (3.1.x) is in sight at 1280 px, without scrolling the equation's
box: the tag is what the slides and the text refer to, and a tag behind a scroll bar that
is not even drawn might as well not exist."""

import chapters
import pytest

pytestmark = pytest.mark.browser

TAGGED = [p for p in chapters.pages()
          if chapters.TAG.search(chapters.source(p).read_text(encoding="utf-8"))]
# Every page with a display equation, tagged or not.
DISPLAYS = [p for p in chapters.pages() if "$$" in chapters.source(p).read_text(encoding="utf-8")]

# (tag text, where it is, where its box shows it) of every tag outside its box's view.
HIDDEN_TAGS = r"""() => {
  const hidden = [];
  for (const box of document.querySelectorAll(".bd-article div.math")) {
    const view = box.getBoundingClientRect();
    const tags = ".katex-display .katex-html > .katex-tag";
    for (const label of box.querySelectorAll(tags)) {
      const r = label.getBoundingClientRect();
      if (!r.width) continue;
      if (r.left < view.left - 1 || r.right > view.right + 1) {
        hidden.push([label.textContent, Math.round(r.left), Math.round(r.right),
                     Math.round(view.left), Math.round(view.right)]);
      }
    }
  }
  return hidden;
}"""


def test_some_pages_have_tags():
    assert TAGGED, "no \\tag{3.1.x} in the sources: did the equation numbering change?"


@pytest.mark.view("desktop")
@pytest.mark.parametrize("page", TAGGED)
def test_every_equation_tag_is_visible_at_1280_px(view, page):
    tab, problems = view
    labels = tab.evaluate("() => document.querySelectorAll('.bd-article div.math"
                          " .katex-html > .katex-tag').length")
    assert labels, f"{page}: KaTeX drew no equation tags (did its output change?)"
    hidden = tab.evaluate(HIDDEN_TAGS)
    assert not hidden, f"{page}: tags outside their equation's box: {hidden}"
    assert problems == [], "\n".join(problems)


# An equation's box, or a box inside it that scrolls (MathJax's own), narrower than the formula.
WIDER_THAN_BOX = r"""() => [...document.querySelectorAll(".bd-article div.math")]
  .flatMap(box => [box, ...[...box.querySelectorAll("*")].filter(
      e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX))])
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => `${box.scrollWidth} > ${box.clientWidth} px: ` +
               JSON.stringify(box.textContent.trim().slice(0, 50)))"""


@pytest.mark.view("phone")
@pytest.mark.parametrize("page", DISPLAYS)
def test_no_equation_is_cut_on_a_phone(view, page):
    """At 390 px every display equation, tagged or not, fits its column (drawn smaller where
    it must be, _static/fit-math.js), its tag included: none is cut mid-formula at the
    screen's edge, nor scrolls in MathJax's own box."""
    tab, problems = view
    tab.wait_for_timeout(300)  # fit-math.js runs again once the math fonts are in
    assert tab.evaluate(WIDER_THAN_BOX) == []
    assert tab.evaluate(HIDDEN_TAGS) == []
    assert problems == [], "\n".join(problems)
