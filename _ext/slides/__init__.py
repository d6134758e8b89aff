"""Sphinx extension: the lecture slides, built with the book from its executed chapters.

At the end of an HTML build it writes one reveal.js deck per part of _toc.yml to
``_build/html/slides/<deck>.html`` (decks.py says what goes on the slides, render.py writes
them), and every chapter page gets a "Slides" link to its place in its deck.  reveal.js comes
from the site's own copy (_ext/offline_assets.py) and the math is drawn when the decks are
written (KaTeX, _ext/katex_math.py), so the decks work offline and load no math script.
``make slides`` rewrites the decks from the last build without Sphinx (``python -m slides``).
"""

import json
import shutil
import time
from pathlib import Path

import course as _course
import katex_math
from docutils import nodes

from . import decks as _decks
from . import render

DECK_FOLDER = "slides"


def deck_of(docname, root=_decks.ROOT):
    """The deck that shows chapter ``docname``, or None."""
    return next((d for d in _decks.decks(root) if docname in d.chapters), None)


def slides_href(docname, root=_decks.ROOT):
    """The link from a chapter page to its first slide, or None."""
    deck = deck_of(docname, root)
    if deck is None:
        return None
    up = "../" * docname.count("/")
    return f"{up}{DECK_FOLDER}/{deck.name}.html#/{docname.rsplit('/', 1)[-1]}"


def add_slides_link(app, doctree, docname):
    href = slides_href(docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if href is None or section is None:
        return
    title = next(iter(section.findall(nodes.title)))
    link = nodes.reference("", "", nodes.Text("Slides"), refuri=href,
                           reftitle="This page in the lecture slides")
    # No pictograph before it: the course machines and CI have no emoji font, so the page,
    # its print and the book's PDF showed an empty box.
    para = nodes.paragraph("", "", link, classes=["slides-link"])
    section.insert(section.index(title) + 1, para)


def build(outdir, root=_decks.ROOT, cache=None):
    """Write every deck and its stylesheet into ``outdir/slides``, the outputs taken from
    jupyter-book's execution cache; return the deck paths and how long each took (s)."""
    cache = cache or root / "_build" / ".jupyter_cache"
    folder = Path(outdir) / DECK_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "deck.css").write_text(render.stylesheet(), encoding="utf-8")
    glosses = render.glossary(root)
    course = _course.load(root)
    all_decks = _decks.decks(root)
    notebooks = {d: _decks._notebook(d, root, cache) for deck in all_decks for d in deck.chapters}
    eqs = render.equations(notebooks.values())
    written = {}
    for deck in all_decks:
        start = time.perf_counter()
        _decks.load(deck, root, cache)
        anchors = {d: render.section_anchors(_page(outdir, d)) for d in deck.chapters}
        titles = {d: _decks._title(notebooks[d], d) for d in deck.chapters}
        renderer = render.Renderer(glosses, eqs, anchors)
        path = folder / f"{deck.name}.html"
        path.write_text(katex_math.prerender(render.page(deck, renderer, titles, course)),
                        encoding="utf-8")
        written[str(path)] = round(time.perf_counter() - start, 3)
    (folder / "decks.json").write_text(json.dumps(
        {d.name: {"title": d.title, "chapters": d.chapters,
                  "slides": sum(1 + len(s.twins) for s in d.slides) + 1}
         for d in all_decks}, indent=1), encoding="utf-8")
    return written


def _page(outdir, docname):
    path = Path(outdir) / f"{docname}.html"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def write_decks(app, exception):
    if exception is None and app.builder.format == "html":
        build(app.outdir)


def setup(app):
    app.connect("doctree-resolved", add_slides_link)
    app.connect("build-finished", write_decks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
