"""Debian's chromium, the one browser of the build (the book's PDF, the decks' PDFs) and of
the browser tests.  Never `playwright install`, which downloads a browser; .ci/system-deps
installs Debian's package.

Also what the book's PDF (scripts/book_pdf.py) and the browser tests (tests/browser) share
about the built site: where it is (:data:`HTML`) and how to wait until a page has finished
rendering (:func:`settle`), and how to serve it on 127.0.0.1 (:func:`serve`)."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
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


@contextlib.contextmanager
def serve(folder):
    """http://127.0.0.1:PORT serving ``folder``, stopped by its PID afterwards."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"http.server did not start on port {port}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
