"""What the browser tests share: where the site and chromium are, what counts as a
problem on a page, and how to wait until a page has finished rendering (the last two from
_ext/chromium.py, which the book's PDF uses too)."""

import json
from urllib.parse import urlsplit

import chapters

# The tests import these from here.
from chromium import CHROMIUM, CHROMIUM_ARGS, HTML, settle  # noqa: F401

SCREENSHOTS = chapters.ROOT / "_build" / "screenshots"
# axe-core, pinned in package-lock.json; injected into pages by the tests only.
AXE = chapters.ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A4 (210 mm) less the print stylesheet's 12 mm margins, in CSS pixels (96 per inch).
PAPER = round((210 - 2 * 12) / 25.4 * 96)
# A book page as a reader sees it, one way (``@pytest.mark.view(NAME)`` on a test that takes
# the ``page`` parameter): the keyword arguments of conftest._load, or base "file" for file://.
VIEWS = {
    "desktop": {"width": 1280},
    "dark": {"width": 1280, "dark": True},
    "phone": {"width": 390},
    "paper": {"width": PAPER, "media": "print"},  # laid out as the PDF prints it
    "usb": {"width": 1280, "base": "file"},  # from the files, no server (a USB stick)
}
# The lecture decks `make book` wrote: {name: {"slides": count, ...}} (decks.json).
_DECKS_JSON = HTML / "slides" / "decks.json"
DECKS = json.loads(_DECKS_JSON.read_text(encoding="utf-8")) if _DECKS_JSON.exists() else {}
_DECK_READY = "() => window.Reveal && Reveal.isReady()"
# The decks' math is drawn when they are built (KaTeX): after a slide change, wait for the
# fonts and for two frames.
SLIDE_SETTLED = ("() => document.fonts.ready.then(() => new Promise("
                 "r => requestAnimationFrame(() => requestAnimationFrame(r))))")


class Problems(list):
    """Everything a page did wrong while it loaded: page errors, console errors, failed
    requests, HTTP errors and requests that left the local site."""

    def watch(self, page, local):
        page.on("pageerror", lambda err: self.append(f"page error: {err}"))
        page.on("console", lambda msg: msg.type == "error" and self.append(
            f"console error: {msg.text} ({msg.location.get('url')})"))
        page.on("requestfailed", lambda req: self.append(
            f"failed request: {req.url} ({req.failure})"))
        page.on("response", lambda res: res.status >= 400 and self.append(
            f"HTTP {res.status}: {res.url}"))

        def external(req):
            url = urlsplit(req.url)
            if url.scheme in ("data", "blob", "about"):
                return
            if url.scheme == "file" and local == "file":
                return
            if url.scheme in ("http", "https") and url.netloc == local:
                return
            self.append(f"external request: {req.url}")

        page.on("request", external)
        return self


def open_deck(open_page, deck):
    """(page, problems): the deck as a projector shows it (1280x720), its math typeset."""
    page, problems = open_page(f"slides/{deck}.html")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_function(_DECK_READY)
    page.evaluate(SLIDE_SETTLED)
    return page, problems


def show_slide(page, number):
    """Go to the deck's slide ``number`` (0-based, in reading order) and let it settle."""
    page.evaluate("(n) => { const s = Reveal.getSlides()[n];"
                  " const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }", number)
    page.evaluate(SLIDE_SETTLED)


def screenshot_path(name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name


def axe_violations(page):
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page, as axe reports them
    (dicts with id, impact, help, nodes)."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `npm ci` (make book does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return result["violations"]
