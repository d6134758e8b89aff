"""Fixtures of the real-browser tests: Debian's chromium driven by Playwright against the
built site, served by `python -m http.server` on 127.0.0.1.

Never `playwright install` (it downloads a browser); .ci/run installs Debian's `chromium`.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest
from chromium import executable as chromium_executable
from chromium_site import CHROMIUM, CHROMIUM_ARGS, HTML, Problems, settle

AXE_REPORT = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def chromium():
    if chromium_executable() is None:
        why = f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return chromium_executable()


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


@pytest.fixture(scope="session")
def axe_report(request):
    """(page, mode, violation) of the moderate and minor axe findings, printed at the end."""
    return request.config.stash.setdefault(AXE_REPORT, [])


def pytest_terminal_summary(terminalreporter, config):
    report = config.stash.get(AXE_REPORT, [])
    if report:
        terminalreporter.section("axe-core: moderate and minor violations (not failures)")
        for page, mode, violation in report:
            terminalreporter.write_line(f"{page} [{mode}]: {violation}")


@pytest.fixture
def open_page(browser, site):
    """open_page(path, dark=False, width=1280) -> (page, problems) after the page and its
    math and widgets have finished rendering; width is the window's, in CSS pixels."""
    contexts = []

    def _open(path, dark=False, base=None, width=1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
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
