"""The HTML of a deck: reveal.js slides from decks.py's Slide objects, for offline use.

Text is Markdown (markdown-it-py, the parser MyST uses) with math kept for MathJax, code is
highlighted by Pygments, outputs and figures are embedded, and every slide ends with a link
to the book section it expands and footnotes with the Korean glosses of its {term} words.
"""

import base64
import html
import re
from pathlib import Path

import chapters
import jinja2
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from . import decks as _decks

HERE = Path(__file__).resolve().parent
TERM = re.compile(r"\{term\}`([^`<]+?)(?:\s*<([^>]+)>)?`")
EQ_BLOCK = re.compile(r"\$\$(.*?)\$\$", re.S)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FORMATTER = HtmlFormatter(cssclass="highlight")


def glossary(root):
    """{term: Korean gloss} from book/glossary.md: each definition's words before the
    first '. ' (e.g. 'subsume' -> '포함하다')."""
    text = (root / "book" / "glossary.md").read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.S).group(1)
    glosses = {}
    for term, first in re.findall(r"^(\S[^\n]*)\n +([^\n]+)", block, flags=re.M):
        glosses[term.strip().lower()] = re.split(r"\.\s", first.strip(), maxsplit=1)[0]
    return glosses


def equations(notebooks):
    """{tag: LaTeX} of every display equation with a \\tag in the given notebooks."""
    found = {}
    for nb in notebooks:
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for body in EQ_BLOCK.findall(_decks._source(cell)):
                tag = chapters.TAG.search(body)
                if tag:
                    found.setdefault(tag.group(1), body.strip())
    return found


def section_anchors(page_html):
    """{normalized heading: section id} of a built page."""
    anchors = {}
    for sid, heading in re.findall(
            r'<section id="([^"]+)">\s*(?:<span id="[^"]*"></span>\s*)*<h[12][^>]*>(.*?)'
            r'<a class="headerlink"', page_html,
            flags=re.S):
        anchors.setdefault(_key(heading), sid)
    return anchors


def _key(heading):
    """A heading's words only: the same for the notebook's Markdown and the page's HTML."""
    text = html.unescape(re.sub(r"<[^>]+>", "", heading))
    text = re.sub(r"\\\(|\\\)|[$`]", "", text)
    return re.sub(r"[^0-9a-z]+", "", text.lower())


class Renderer:
    """Turns the slides of one deck into HTML fragments."""

    def __init__(self, glosses, eqs, anchors):
        self.glosses, self.eqs, self.anchors = glosses, eqs, anchors
        self.md = MarkdownIt("commonmark", {"html": True}).enable("table").use(
            dollarmath_plugin, renderer=self._math, allow_space=True, double_inline=True)

    @staticmethod
    def _math(content, options):
        content = html.escape(content.strip(), quote=False)
        return f"\\[{content}\\]" if options.get("display_mode") else f"\\({content}\\)"

    def link(self, section):
        """(href, label) of the book section a slide expands, relative to slides/."""
        page = f"../{section.docname}.html"
        anchor = self.anchors.get(section.docname, {}).get(_key(section.title), "")
        return (f"{page}#{anchor}" if anchor else page), section.title

    def text(self, slide, footnotes):
        """The slide's Markdown as HTML; glossed words add to ``footnotes``."""

        def term(match):
            word, key = match.group(1).strip(), (match.group(2) or match.group(1)).strip()
            gloss = self.glosses.get(key.lower())
            if gloss is None:
                raise ValueError(f"{slide.id}: {{term}} {key!r} is not in the glossary")
            if (key, gloss) not in footnotes:
                footnotes.append((key, gloss))
            number = footnotes.index((key, gloss)) + 1
            return f'{word}<sup class="gloss-ref">{number}</sup>'

        def placeholder(match):
            kind, name = match.groups()
            if kind == "eq":
                if name not in self.eqs:
                    raise ValueError(f"{slide.id}: [[eq {name}]]: no equation is tagged {name}")
                return f"$$\n{self.eqs[name]}\n$$"
            return f"FIGURE:{name}"

        source = _decks.PLACEHOLDER.sub(placeholder, TERM.sub(term, slide.markdown))
        body = self.md.render(source)
        return re.sub(r"<p>FIGURE:([\w.-]+)</p>",
                      lambda m: _image(slide.figures[m.group(1)], "figure", slide.title), body)

    def inline(self, text):
        """A title or a footer's words as HTML: `code` and $math$ rendered, never shown
        as raw markup."""
        return jinja2.filters.Markup(self.md.renderInline(text))

    def notes(self, slide):
        return self.md.render(slide.notes) if slide.notes else ""

    def code(self, code):
        return highlight(code, PythonLexer(), FORMATTER)

    def outputs(self, slide, part):
        merged = []  # consecutive prints arrive as several stream outputs: show one block
        for output in part.outputs:
            if merged and output["output_type"] == "stream" == merged[-1]["output_type"]:
                merged[-1] = {**merged[-1], "text": _text(merged[-1]["text"]) +
                              _text(output["text"])}
            else:
                merged.append(output)
        height = _room_for_a_picture(slide)
        return "\n".join(self._output(o, slide.title, height) for o in merged)

    def _output(self, output, title, height=None):
        if output["output_type"] == "stream":
            return f'<pre class="output">{html.escape(ANSI.sub("", _text(output["text"])))}</pre>'
        data = output["data"]
        if "image/png" in data or "image/svg+xml" in data:
            return _image(output, "output-image", title, height)
        if "text/markdown" in data:
            return f'<div class="output">{self.md.render(_text(data["text/markdown"]))}</div>'
        return f'<pre class="output">{html.escape(_text(data["text/plain"]))}</pre>'


def _text(value):
    return "".join(value) if isinstance(value, list) else value


def _room_for_a_picture(slide):
    """The height (px) that a picture below the slide's code may take: the space the rest
    of the slide leaves (decks.height), so that a plot fills its slide."""
    pictures = sum(1 for o in slide.outputs if "image/png" in o.get("data", {})
                   or "image/svg+xml" in o.get("data", {}))
    if not pictures:
        return None
    others = _decks.height(slide) - pictures * (_decks.PICTURE + _decks.BOX)
    return max(180, min(480, int((_decks.ROOM - others - _decks.BOX) / pictures)))


def _image(output, css, title, height=None):
    data = output["data"]
    if "image/png" in data:
        uri = "data:image/png;base64," + _text(data["image/png"]).replace("\n", "")
    else:
        svg = _text(data["image/svg+xml"]).encode("utf-8")
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    alt = html.escape(f"Figure: {title}", quote=True)
    style = f' style="height: {height}px; max-height: {height}px"' if height else ""
    return f'<img class="{css}" src="{uri}" alt="{alt}"{style}>'


def page(deck, renderer, chapter_titles, course):
    """The deck's whole HTML file (slides/<deck>.html); ``course`` (_ext/course.py's
    Course) names the course on the title slide."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    slides = []
    for slide in deck.slides:
        slides.append([_context(s, renderer, deck, chapter_titles) for s in [slide, *slide.twins]])
    # The contents list the chapters that have slides, the PyTorch twins included.
    shown = {t.section.docname for s in deck.slides for t in [s, *s.twins]}
    chapters = {d: renderer.inline(t) for d, t in chapter_titles.items() if d in shown}
    return env.get_template("deck.html").render(
        deck=deck, slides=slides, chapters=chapters, course=course,
        deck_title=renderer.inline(deck.title))


def _context(slide, renderer, deck, chapter_titles):
    footnotes = []
    body = renderer.text(slide, footnotes) if slide.markdown else ""
    href, label = renderer.link(slide.section)
    chapter = chapter_titles[slide.section.docname]
    return {
        "id": slide.id,
        "title": renderer.inline(slide.title),
        "further": slide.further,
        # A slide with little on it is shown larger (decks.zoom), so that it fills its frame.
        "style": jinja2.filters.Markup(f' style="zoom: {_decks.zoom(slide)}"')
        if _decks.zoom(slide) > 1 else "",
        "opener": slide.opener,
        "body": jinja2.filters.Markup(body),
        "parts": [(jinja2.filters.Markup(renderer.code(p.code)),
                   jinja2.filters.Markup(renderer.outputs(slide, p)), p.side)
                  for p in slide.parts],
        "notes": jinja2.filters.Markup(renderer.notes(slide)),
        "footnotes": footnotes,
        "href": href,
        "where": renderer.inline(chapter if label == chapter else f"{chapter} › {label}"),
        # Text slides speak of both frameworks; code and its output are one framework's.
        "framework": _framework(slide.section.docname) if slide.code or slide.outputs else "",
        "sections": [(i, renderer.inline(t)) for i, t in _sections(slide, deck)]
        if slide.opener else [],
    }


def _framework(docname):
    return {"_mxnet": "MXNet", "_pytorch": "PyTorch"}.get(
        next((s for s in _decks.TWIN_SUFFIXES if docname.endswith(s)), ""), "")


def _sections(opener, deck):
    """(slide id, title) of the first slide of each section of the opener's chapter."""
    seen, found = set(), []
    for slide in deck.slides:
        title = slide.section.title
        if slide.section.docname == opener.section.docname and not slide.opener and \
                title not in seen:
            seen.add(title)
            found.append((slide.id, title))
    return found


def stylesheet():
    """deck.css plus Pygments' colours for the code."""
    return (HERE / "deck.css").read_text(encoding="utf-8") + "\n" + \
        FORMATTER.get_style_defs(".reveal .highlight")
