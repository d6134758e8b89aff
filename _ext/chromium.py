"""Debian's chromium, the one browser of the build (the book's PDF, the decks' PDFs) and of
the browser tests.  Never `playwright install`, which downloads a browser; .ci/system-deps
installs Debian's package.

Also what the book's PDF (scripts/book_pdf.py) and the browser tests (tests/browser) share
about the built site: where it is (:data:`HTML`) and how to wait until a page has finished
rendering (:func:`settle`)."""

import os
import shutil
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Flags that work in containers and keep chromium from phoning home (this machine's network
# is closed: without the last four, chromium's own connections fail, many at a time).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
# The built site, `make book`'s _build/html.
HTML = Path(__file__).resolve().parents[1] / "_build" / "html"


def executable():
    """The chromium to launch: /usr/bin/chromium, else `chromium` on PATH, else None."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def settle(page):
    """Wait until MathJax has typeset the (Playwright) page and the widget manager has drawn
    its widgets."""
    page.wait_for_function(
        "() => !window.MathJax || !MathJax.startup || !MathJax.startup.promise"
        " || MathJax.startup.promise.then(() => true)")
    # The widget manager renders on "load", one .widget-subarea per widget view, and then
    # queues the labels' math on MathJax.startup.promise (see _static/mathjax2-shim.js).
    page.wait_for_function(
        """() => {
          const views = document.querySelectorAll(
              'script[type="application/vnd.jupyter.widget-view+json"]').length;
          const drawn = [...document.querySelectorAll(".widget-subarea")]
              .filter(e => e.childElementCount).length;
          return drawn >= views;
        }""")
    # Then the fonts and any picture drawn after "load" (not "networkidle", which waits for
    # half a second of silence on every page).
    page.wait_for_function(
        """() => document.fonts.ready.then(() => Promise.all([...document.images]
          .filter(img => !img.complete && img.loading !== "lazy")
          .map(img => new Promise(done => { img.onload = img.onerror = done; }))))
          .then(() => true)""")
    page.wait_for_function(
        "() => !window.MathJax || !MathJax.startup || MathJax.startup.promise.then(() => true)")
