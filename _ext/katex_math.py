"""Sphinx extension: the book's math is drawn when the book is built, not in the browser.

sphinxcontrib-katex (``katex_prerender``) renders every formula of the pages through node
with npm's KaTeX (package-lock.json), so a page ships its math as HTML and CSS, with MathML
for screen readers (KaTeX's ``htmlAndMathml`` output), and loads no script to typeset it:
nothing is typeset on load and nothing reflows.  Only KaTeX's stylesheet and the fonts a
page uses are fetched, from the site itself (_ext/offline_assets.py copies them).

A formula KaTeX cannot read fails the build (``throwOnError``), naming the formula.  The
lecture decks use the same renderer (:func:`prerender`).  The one page whose widgets
typeset a label in the browser (the SGD explorer's "learning rate \\(\\eta\\)") gets those
labels rendered here too, as data for _static/widget-math.js (:func:`widget_labels`).
"""

import html
import json
import re
import socket
import subprocess
import time

import offline_assets
from sphinx.errors import ExtensionError

# npm's KaTeX, the one that draws the math (its stylesheet and fonts are served with the
# site, so the HTML and the CSS always come from the same release).
KATEX_JS = offline_assets.ROOT / offline_assets.KATEX / "dist" / "katex.min.js"
CSS = "katex/katex.min.css"  # under the site's _static/ (offline_assets.COPIES)
# A formula KaTeX cannot read stops the build instead of showing red TeX; HTML for the eye
# and MathML for screen readers.
OPTIONS = {"throwOnError": True, "output": "htmlAndMathml", "strict": "error"}
# What the decks' Markdown renderer and the widgets write: \(inline\) and \[display\].
DELIMITED = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


def _start_server_process(cls, rundir, timeout):
    """sphinxcontrib-katex's start of its node server, safe under load.  Node creates the
    socket file before it listens, so the library's single connection attempt can be
    refused (seen with the load at 15), and the node process was then left running: it
    holds the build's stderr open, so a test that reads the build's output waited forever.
    Here the connection is retried until ``timeout`` and the process never outlives a
    failed start."""
    path = rundir / "katex.sock"
    process = subprocess.Popen(cls.build_command(socket=path), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, cwd=rundir)
    deadline = time.monotonic() + timeout
    try:
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(str(path))
                return process, sock
            except (FileNotFoundError, ConnectionRefusedError):
                sock.close()
                if process.poll() is not None or time.monotonic() > deadline:
                    raise ExtensionError(f"KaTeX's node server did not start within "
                                         f"{timeout} s (exit status {process.poll()})") from None
                time.sleep(0.01)
    except BaseException:
        process.kill()
        process.wait()
        raise


def _katex():
    import sphinxcontrib.katex as katex

    katex.KaTeXServer.start_server_process = classmethod(_start_server_process)
    katex.STARTUP_TIMEOUT = 60.0  # node's start on a busy 2-core machine takes seconds

    # render_latex sends its module's defaults with every formula (prerendering ignores
    # katex_options): ours replace them.
    katex.KATEX_DEFAULT_OPTIONS = dict(OPTIONS)
    katex.KaTeXServer.katex_path = str(KATEX_JS)
    return katex


def render(tex, display=False):
    """The HTML (with MathML) of the TeX formula ``tex``; ``ValueError`` naming it when KaTeX
    cannot read it."""
    if not isinstance(tex, str) or not tex.strip():
        raise ValueError(f"tex must be a non-empty TeX formula, got {tex!r}")
    katex = _katex()
    try:
        return katex.render_latex(tex, {"displayMode": bool(display)})
    except katex.KaTeXError as error:
        raise ValueError(f"tex: KaTeX cannot draw {tex!r}: {error}") from None


# Where TeX is code, not math: left as it is.
VERBATIM = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2>)", re.S | re.I)


def prerender(page):
    r"""The HTML text ``page`` (a deck) with every ``\(..\)`` and ``\[..\]`` outside code
    drawn by KaTeX; the rest of the text is left byte for byte."""
    def draw(match):
        inline, display = match.groups()
        return render(html.unescape(inline if inline is not None else display),
                      display=display is not None)

    parts = VERBATIM.split(page)
    # split() gives text, then each verbatim block and its tag name, then text again.
    return "".join(part if i % 3 else DELIMITED.sub(draw, part)
                   for i, part in enumerate(parts) if i % 3 != 2)


def widget_labels(state):
    r"""``{tex: html}`` of every ``\(..\)`` in the strings of the widget state ``state`` (the
    parsed ``application/vnd.jupyter.widget-state+json`` of a page)."""
    def strings(item):
        if isinstance(item, dict):
            for value in item.values():
                yield from strings(value)
        elif isinstance(item, list):
            for value in item:
                yield from strings(value)
        elif isinstance(item, str):
            yield item

    return {m.group(0): render(m.group(1) or m.group(2), display=m.group(2) is not None)
            for text in strings(state) for m in DELIMITED.finditer(text)}


def add_widget_math(app, pagename, templatename, context, doctree):
    """On a page with widgets, the TeX of their labels drawn here (_static/widget-math.js
    puts it where the widget manager asks MathJax, which the book no longer loads, to
    typeset it)."""
    from myst_nb.sphinx_ import NbMetadataCollector

    files = NbMetadataCollector.get_js_files(app.env, pagename)
    state = files.get("ipywidgets_state")
    labels = widget_labels(json.loads(state[1]["body"])) if state else {}
    if labels:
        app.add_js_file(None, body="window.lnnWidgetMath = " + json.dumps(labels) + ";")


def configure(app, config):
    if not KATEX_JS.exists():
        raise ExtensionError(f"{KATEX_JS} is missing: run `npm ci` (`make book` does it)")
    _katex()
    config.html_math_renderer = "katex"
    config.katex_prerender = True
    config.katex_js_path = str(KATEX_JS)
    config.katex_css_path = CSS


def setup(app):
    app.setup_extension("sphinxcontrib.katex")
    app.connect("config-inited", configure, priority=200)
    app.connect("html-page-context", add_widget_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
