"""PDF handouts of the decks: reveal.js's print mode (``?print-pdf``) printed by Chromium
through Playwright, one 1280x720 page per slide."""

from pathlib import Path

# The decks' math is drawn when they are built (KaTeX): once reveal has laid out the print
# pages and the fonts have arrived, the deck is ready to print.
READY = """() => window.Reveal && Reveal.isReady()
  && document.querySelectorAll('.pdf-page').length > 0"""


def export(browser, deck_html, out):
    """Print ``deck_html`` (a file path of slides/<deck>.html) to the PDF ``out``; return
    the number of slides printed.  ``browser`` is a Playwright Browser (Chromium)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(Path(deck_html).resolve().as_uri() + "?print-pdf", wait_until="load")
        page.wait_for_function(READY)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        slides = page.evaluate("() => document.querySelectorAll('.pdf-page').length")
        page.pdf(path=str(out), width="1280px", height="720px", print_background=True,
                 prefer_css_page_size=True)
        return slides
    finally:
        page.close()
