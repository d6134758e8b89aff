"""Every page passes axe-core's WCAG 2.0/2.1 A and AA rules in chromium, in the light and
the dark theme: no critical and no serious violation.  Moderate and minor ones do not fail
the test; they are listed at the end of the test output (conftest.py), to be looked at.

axe-core is pinned in package-lock.json (node_modules/axe-core, installed by `npm ci`)."""

import chapters
import pytest
from chromium_site import axe_violations

pytestmark = pytest.mark.browser

PAGES = chapters.pages()
FAILING = ("critical", "serious")


def _describe(violation):
    nodes = "; ".join(" ".join(node["target"]) if isinstance(node["target"][0], str)
                      else str(node["target"]) for node in violation["nodes"][:5])
    return (f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): "
            f"{violation['help']} -- {nodes}")


@pytest.mark.parametrize("dark", [
    pytest.param(False, id="light", marks=pytest.mark.view("desktop")),
    pytest.param(True, id="dark", marks=pytest.mark.view("dark"))])
@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_serious_accessibility_violation(view, axe_report, page, dark):
    tab, problems = view
    violations = axe_violations(tab)
    axe_report.extend((page, "dark" if dark else "light", _describe(v))
                      for v in violations if v["impact"] not in FAILING)
    failing = [_describe(v) for v in violations if v["impact"] in FAILING]
    assert failing == [], f"{page}: " + "\n".join(failing)
    assert problems == [], f"{page}: " + "\n".join(problems)


SGD_PAGE = "book/minibatch_sgd"
EXPLORER = """() => ({
  handles: [...document.querySelectorAll(".widget-slider")].map(s => ({
    name: s.querySelector("[role=slider]").getAttribute("aria-label"),
    value: s.querySelector("[role=slider]").getAttribute("aria-valuetext"),
    readout: s.querySelector(".widget-readout").textContent.trim()})),
  alts: [...document.querySelectorAll("img.widget-image")]
      .filter(e => e.offsetParent !== null).map(e => e.getAttribute("alt")),
})"""


def test_explorer_sliders_and_pictures_speak(open_page):
    """A screen reader hears "learning rate, 0.1" (not "2"), and the picture says what it
    shows, after every move of a slider."""
    if SGD_PAGE not in PAGES:
        pytest.skip(f"{SGD_PAGE} is not in _toc.yml")
    tab, problems = open_page(f"{SGD_PAGE}.html")
    for move in (None, "ArrowRight", "ArrowLeft", "End"):
        if move:
            handle = tab.locator(".widget-slider [role=slider]").first
            handle.focus()
            tab.keyboard.press(move)
            tab.wait_for_timeout(200)
        state = tab.evaluate(EXPLORER)
        lr, batch = state["handles"]
        assert lr["name"].startswith("learning rate") and batch["name"] == "batch size"
        for handle in state["handles"]:
            assert handle["value"] == handle["readout"], f"{move}: {handle}"
        (alt,) = state["alts"]
        assert f"learning rate {lr['readout']}, batch size {batch['readout']}: " in alt, alt
        assert "final loss" in alt or alt.endswith("diverged"), alt
    assert problems == [], "\n".join(problems)
