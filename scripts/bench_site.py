"""What a reader's browser pays for each page and deck of a built site (part of `make bench`).

For every page of _toc.yml and every lecture deck, served by `python -m http.server` on
127.0.0.1 (no compression, as a plain static host) and opened in Debian's chromium:

- first visit: bytes received and requests made with an empty cache (Chrome DevTools
  Protocol's ``encodedDataLength``, headers included; ``data:`` URLs are not requests);
- second visit: bytes received when the reader comes back to the page in the same browser;
- final layout: milliseconds from navigation to the last change of the page's layout (the
  last layout shift, resize of the document or largest contentful paint), watched until
  the page has been still for a second;
- Lighthouse 12.2.3 (npm, ``package-lock.json``), its performance score on its default mobile
  preset (simulated slow 4G and a slow CPU), driving the same chromium.

A benchmark, not a test: nothing is asserted, the targets are printed beside the numbers.
``python scripts/bench_site.py [--site DIR] [--no-lighthouse]`` measures an existing build
(default ``_build/html``); scripts/bench.py calls :func:`rows` on its clean build.
"""

import argparse
import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import chapters
from chromium import CHROMIUM_ARGS, executable, serve, settle

ROOT = chapters.ROOT
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
MB = 1e6
# The targets of issue 27 (first-visit bytes by kind of page, layout, Lighthouse).
TARGET_BYTES = {"page": 1.0 * MB, "slider page": 2.5 * MB, "deck": 1.0 * MB}
TARGET_LAYOUT_MS = 500
TARGET_LIGHTHOUSE = 95

# Installed before any script of the page: the time of every change of layout.
WATCH_LAYOUT = """(() => {
  const seen = window.__lnnLayout = {last: 0};
  const note = t => { seen.last = Math.max(seen.last, t); };
  for (const type of ["layout-shift", "largest-contentful-paint"]) {
    try {
      new PerformanceObserver(list => list.getEntries().forEach(e => note(e.startTime)))
        .observe({type, buffered: true});
    } catch (e) { /* an entry type this browser lacks */ }
  }
  const sizes = new ResizeObserver(() => note(performance.now()));
  const start = () => { sizes.observe(document.documentElement); if (document.body)
    sizes.observe(document.body); };
  if (document.documentElement) start();
  document.addEventListener("DOMContentLoaded", start);
})();"""


def targets(folder):
    """[(name, path under folder, kind)]: the pages of _toc.yml, then the decks."""
    found = []
    for page in chapters.pages():
        html = folder / f"{page}.html"
        if html.exists():
            slider = "widget-view+json" in html.read_text(encoding="utf-8")
            found.append((page, f"{page}.html", "slider page" if slider else "page"))
    decks = folder / "slides" / "decks.json"
    if decks.exists():
        found += [(f"slides/{name}", f"slides/{name}.html", "deck")
                  for name in json.loads(decks.read_text(encoding="utf-8"))]
    return found


class Traffic:
    """Bytes and requests of one page load, from the DevTools protocol."""

    def __init__(self, context, page):
        self.bytes = 0
        self.urls = {}
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event):
        if urlsplit(event["request"]["url"]).scheme in ("http", "https"):
            self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event):
        if event["requestId"] in self.urls:
            self.bytes += event["encodedDataLength"]

    def reset(self):
        self.bytes, self.urls = 0, {}


def visit(page, url):
    page.goto(url, wait_until="load")
    settle(page)
    last, still = -1, 0
    while still < 4:  # a second without a change of layout
        page.wait_for_timeout(250)
        now = page.evaluate("() => window.__lnnLayout.last")
        still = still + 1 if now == last else 0
        last = now
    return last


def measure_browser(browser, base, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_LAYOUT)
    page = context.new_page()
    traffic = Traffic(context, page)
    layout = visit(page, f"{base}/{path}")
    first = (traffic.bytes, len(traffic.urls))
    page.goto("about:blank")
    traffic.reset()
    visit(page, f"{base}/{path}")
    second = traffic.bytes
    context.close()
    return {"first_bytes": first[0], "requests": first[1], "second_bytes": second,
            "layout_ms": layout}


def lighthouse(url):
    """Lighthouse's mobile performance score (0-100) of ``url``, or why there is none."""
    if not LIGHTHOUSE.exists():
        return "n/a (no node_modules/.bin/lighthouse: run `npm ci`)"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    for _ in range(2):  # on a busy machine a DevTools call may time out: once more
        run = subprocess.run(
            [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
             "--output-path=stdout", "--quiet", f"--chrome-path={executable()}",
             f"--chrome-flags={flags}"], capture_output=True, text=True, timeout=300)
        try:
            score = json.loads(run.stdout)["categories"]["performance"]["score"]
        except (ValueError, KeyError):
            continue
        return round(score * 100) if score is not None else "n/a (no score)"
    return f"n/a (lighthouse failed: {run.stderr.strip()[-200:]})"


def measure(folder, with_lighthouse=True):
    """{name: measures} of every page and deck in the built site ``folder``."""
    from playwright.sync_api import sync_playwright

    results = {}
    with serve(folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        try:
            for name, path, kind in targets(Path(folder)):
                results[name] = {"kind": kind, **measure_browser(browser, base, path)}
        finally:
            browser.close()
        if with_lighthouse:
            for name, path, _ in targets(Path(folder)):
                results[name]["lighthouse"] = lighthouse(f"{base}/{path}")
    return results


def table(results):
    """The markdown table of :func:`measure`, each number beside its target."""
    lines = ["| page or deck | first visit | requests | second visit | final layout "
             "| Lighthouse (mobile) |", "| --- | --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        target = TARGET_BYTES[r["kind"]]
        mark = "" if r["first_bytes"] <= target else " ✗"
        layout_mark = "" if r["layout_ms"] <= TARGET_LAYOUT_MS else " ✗"
        score = r.get("lighthouse", "not run")
        score_mark = "" if not isinstance(score, int) or score >= TARGET_LIGHTHOUSE else " ✗"
        lines.append(
            f"| `{name}` ({r['kind']}) | {r['first_bytes'] / MB:.2f} MB{mark} | {r['requests']} "
            f"| {r['second_bytes'] / 1e3:.0f} kB | {r['layout_ms']:.0f} ms{layout_mark} "
            f"| {score}{score_mark} |")
    lines.append(f"\nTargets: a page at most {TARGET_BYTES['page'] / MB:.1f} MB on a first "
                 f"visit, the slider page {TARGET_BYTES['slider page'] / MB:.1f} MB, a deck "
                 f"{TARGET_BYTES['deck'] / MB:.1f} MB; final layout within "
                 f"{TARGET_LAYOUT_MS} ms; Lighthouse at least {TARGET_LIGHTHOUSE}. ✗: missed.")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the measures here")
    args = parser.parse_args()
    results = measure(args.site, not args.no_lighthouse)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
