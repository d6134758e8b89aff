"""Fixtures of the real-browser tests: Debian's chromium driven by Playwright against the
built site, served by `python -m http.server` on 127.0.0.1.

Never `playwright install` (it downloads a browser); .ci/run installs Debian's `chromium`.
"""

import os
from urllib.parse import urlsplit

import pytest
from chromium import executable as chromium_executable
from chromium import serve
from chromium_site import CHROMIUM, CHROMIUM_ARGS, HTML, VIEWS, Problems, settle


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
    with serve(HTML) as url:  # stopped by its PID afterwards
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def axe_report(request):
    """A list to extend with (page, mode, violation) of the moderate and minor axe findings,
    printed at the end of the run (kept with the test's report: pytest-xdist's workers send
    them to the controller, which prints them)."""
    found = []
    yield found
    request.node.user_properties.extend(("axe", finding) for finding in found)


def pytest_terminal_summary(terminalreporter, config):
    report = [value for kind in ("passed", "failed") for rep in terminalreporter.stats.get(kind, [])
              for name, value in getattr(rep, "user_properties", []) if name == "axe"]
    if report:
        terminalreporter.section("axe-core: moderate and minor violations (not failures)")
        for page, mode, violation in sorted(set(map(tuple, report))):
            terminalreporter.write_line(f"{page} [{mode}]: {violation}")


def _load(browser, base, path, dark=False, width=1280, media=None):
    """(context, page, problems): path of the site at base, after the page and its math and
    widgets have finished rendering; width is the window's, in CSS pixels."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    if dark:  # what the theme's switcher stores; read by the theme before first paint
        context.add_init_script(
            "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page = context.new_page()
    if media:
        page.emulate_media(media=media)
    problems = Problems().watch(page, "file" if base.startswith("file:") else urlsplit(base).netloc)
    page.goto(f"{base}/{path}", wait_until="load")
    settle(page)
    return context, page, problems


@pytest.fixture
def open_page(browser, site):
    """open_page(path, dark=False, width=1280) -> (page, problems), a page of its own for a
    test that changes it (clicks, navigates); the test's end closes it."""
    contexts = []

    def _open(path, dark=False, base=None, width=1280):
        context, page, problems = _load(browser, base or site, path, dark=dark, width=width)
        contexts.append(context)
        return page, problems

    yield _open
    for context in contexts:
        context.close()


_VIEW_KEY = pytest.StashKey[tuple]()


def pytest_configure(config):
    config.addinivalue_line("markers", "view(name): the test looks at its page as "
                            "chromium_site.VIEWS[name] shows it (the `view` fixture)")


def pytest_collection_modifyitems(config, items):
    """The tests that look at a page the same way run one after another, so that it is
    loaded once (pytest-xdist hands each worker runs of consecutive tests)."""
    for item in items:
        marker = item.get_closest_marker("view")
        params = getattr(item, "callspec", None) and item.callspec.params
        if marker and params and "page" in params:
            item.stash[_VIEW_KEY] = (params["page"], marker.args[0])
    items.sort(key=lambda item: item.stash.get(_VIEW_KEY, ("\uffff", "")))


@pytest.fixture(scope="session")
def _views(browser, site):
    held = {}  # the one view loaded now: {key: (context, page, problems)}

    def get(key):
        if key not in held:
            for context, *_ in held.values():
                context.close()
            held.clear()
            page, name = key
            options = dict(VIEWS[name])
            base = HTML.as_uri() if options.pop("base", None) == "file" else site
            held[key] = _load(browser, base, f"{page}.html", **options)
        return held[key][1:]

    yield get
    for context, *_ in held.values():
        context.close()


@pytest.fixture
def view(request, _views):
    """(page, problems): the test's page as its ``view`` mark shows it, loaded once for all
    the tests that look at it that way; a test must not change it (open_page does that)."""
    key = request.node.stash.get(_VIEW_KEY, None)
    if key is None:
        pytest.fail("the view fixture needs @pytest.mark.view(NAME) and a `page` parameter")
    return _views(key)
