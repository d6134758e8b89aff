"""Fixtures of the real-browser tests: Debian's chromium driven by Playwright against the
built site, served by `python -m http.server` on 127.0.0.1.

Never `playwright install` (it downloads a browser); .ci/run installs Debian's `chromium`.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import toc  # noqa: E402

HTML = toc.ROOT / "_build" / "html"
SCREENSHOTS = toc.ROOT / "_build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Flags that work in containers and keep chromium from phoning home during the tests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which("chromium")):
        why = f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


@pytest.fixture(scope="session")
def site():
    if not (HTML / "index.html").exists():
        pytest.fail("_build/html is missing: run `make book` first (make test does)")
    with socket.socket() as s:  # a free port
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(HTML)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"http.server did not start on port {port}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()  # by its PID, nothing else
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


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


@pytest.fixture
def open_page(browser, site):
    """open_page(path, dark=False) -> (page, problems) after the page and its math and
    widgets have finished rendering."""
    contexts = []

    def _open(path, dark=False, base=None):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        if dark:  # what the theme's switcher stores; read by the theme before first paint
            context.add_init_script(
                "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
        page = context.new_page()
        base = base or site
        problems = Problems().watch(
            page, "file" if base.startswith("file:") else urlsplit(base).netloc)
        page.goto(f"{base}/{path}", wait_until="load")
        settle(page)
        return page, problems

    yield _open
    for context in contexts:
        context.close()


def settle(page):
    """Wait until MathJax has typeset the page and the widget manager has drawn widgets."""
    page.wait_for_function(
        "() => !window.MathJax || !MathJax.startup || !MathJax.startup.promise"
        " || MathJax.startup.promise.then(() => true)")
    if page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count():
        page.wait_for_selector(".widget-subarea .jupyter-widgets", state="attached")
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !window.MathJax || !MathJax.startup || MathJax.startup.promise.then(() => true)")


def screenshot_path(name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name
