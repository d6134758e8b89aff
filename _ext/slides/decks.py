"""What the lecture decks contain: one deck per part of _toc.yml, its slides taken from the
executed chapter notebooks.

A deck is a part of the table of contents ("3.1 Linear regression" -> deck ``3.1``).  Its
slides come, in notebook order, from two kinds of cells:

- cells tagged ``slides-only`` (and ``remove-cell``, so the page and the reader notebooks drop
  them): Markdown with the slide's short text.  An optional first line ``## Title`` names the
  slide (else the section it is in does); ``[[eq 3.1.5]]`` stands for the chapter's own
  equation tagged (3.1.5), ``[[fig name]]`` for its glued figure ``name``; a number is
  glued as on the page (``{glue:text}`sp_lr```, ``{glue:md}`name```: :func:`resolve_glue`);
  a paragraph that starts with ``Notes:`` is for the speaker view; ``{term}`word``` is
  glossed in a footnote from the glossary.
- chapter cells tagged ``slide``: a code cell shows its code (without ``glue(...)`` calls)
  and its executed output; long code is split over several slides.

A chapter ``<stem>_pytorch`` next to ``<stem>_mxnet`` in the same part is a twin: its ``slide``
code cells go, in order, below the MXNet slides they mirror (reveal.js vertical slides), as
the lecture shows MXNet first.  Every slide knows the book section it expands.
"""

import ast
import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import chapters
from jupyter_cache import get_cache
from myst_nb.core.variables import format_plain_text

from . import markup

ROOT = Path(__file__).resolve().parents[2]
SLIDES_ONLY, SLIDE = markup.SLIDES_ONLY, "slide"
TWIN_SUFFIXES = ("_mxnet", "_pytorch")  # the lecture's framework first
# A placeholder (markup.py's one form) alone on its line, as markup.py requires it.
PLACEHOLDER = re.compile(rf"^{markup.PLACEHOLDER.pattern}$", re.M)
# MyST's glue roles: {glue}`name`, {glue:}`name`, {glue:text}`name:.2f`, {glue:md}`name`.
GLUE_ROLE = re.compile(r"\{glue(?::(text|md|))?\}`([\w.-]+)(?::([^`]*))?`")
# The book marks a section's material beyond the lecture with a "going-further" admonition;
# a slides-only cell marks itself with a first line "## Going further: <title>".
GOING_FURTHER = re.compile(r"^:class:.*\bgoing-further\b")
FURTHER_TITLE = re.compile(r"^Going further:\s*", re.I)
# How much fits on a 1280x720 slide at the deck's font sizes (deck.css), in lines.
MAX_CODE_LINES = 18
MAX_CODE_AND_OUTPUT_LINES = 22


@dataclass
class Section:
    """A heading of a chapter page: its text and the page's anchor for it."""

    docname: str
    title: str
    anchor: str = ""


@dataclass
class Part:
    """Code shown on a slide with the outputs it produced: a whole `slide` cell, or one piece
    of a long cell without outputs (split between statements)."""

    code: str
    outputs: list = field(default_factory=list)
    side: bool = False  # the output beside the code (a tall output of narrow lines)


@dataclass
class Slide:
    id: str
    title: str
    section: Section
    markdown: str = ""  # slides-only text (rendered by render.py)
    parts: list = field(default_factory=list)  # Part: code and its own outputs, in order
    figures: dict = field(default_factory=dict)  # glue name -> output (for [[fig name]])
    notes: str = ""  # what to say: the chapter's prose next to the slide's cells
    twins: list = field(default_factory=list)
    opener: bool = False  # a chapter's first slide: its title and what its slides cover
    equations: dict = field(default_factory=dict)  # [[eq tag]] -> its rows (for height)
    further: bool = False  # in a section marked "Going further" (beyond the lecture)
    base: str = ""  # the title before "(k/n)" numbering
    intro: bool = False  # in the chapter's introduction, before its first section
    cells: list = field(default_factory=list)  # the `slide` cells it shows (their order)

    @property
    def code(self):
        return "\n\n".join(p.code for p in self.parts)

    @property
    def outputs(self):
        return [o for p in self.parts for o in p.outputs]


@dataclass
class Deck:
    name: str  # "3.1": file slides/3.1.html
    title: str
    chapters: list  # docnames, toc order
    slides: list = field(default_factory=list)


def decks(root=ROOT):
    """The decks of _toc.yml: every part with chapter notebooks, without their slides."""
    found = []
    for caption, pages in chapters.parts(root):
        notebooks = [page for page in pages if chapters.is_chapter(chapters.source(page, root))]
        if notebooks:
            caption = caption or notebooks[0]
            found.append(Deck(caption.split()[0], caption, notebooks))
    return found


def twin_of(docname, chapters):
    """The MXNet chapter whose slides ``docname`` (a PyTorch chapter) mirrors, or None."""
    first, second = TWIN_SUFFIXES
    if docname.endswith(second):
        primary = docname[: -len(second)] + first
        if primary in chapters:
            return primary
    return None


def load(deck, root=ROOT, cache=None):
    """Fill ``deck.slides`` from the chapters and their outputs in jupyter-book's execution
    cache (``_build/.jupyter_cache``).  A PyTorch twin's slides of a section go below the
    last MXNet slide that shows code of that section: after the MXNet part they mirror,
    never inside its numbering."""
    cache = cache or root / "_build" / ".jupyter_cache"
    by_chapter = {}
    for docname in deck.chapters:
        by_chapter[docname] = _chapter_slides(docname, root, cache)
    for docname in deck.chapters:
        primary = twin_of(docname, deck.chapters)
        if primary is None:
            deck.slides += by_chapter[docname]
            continue
        mirrors = [_mirrored(s) for s in by_chapter[primary] for _ in s.cells]
        twins = [_mirrored(s) for s in by_chapter[docname] for _ in s.cells]
        if _runs(mirrors) != _runs(twins):
            raise ValueError(
                f"{docname}: its `slide` code cells must mirror those of {primary} "
                f"section by section: {_runs(twins)} vs {_runs(mirrors)}")
        if any(not s.cells for s in by_chapter[docname]):
            raise ValueError(f"{docname}: a twin chapter has no slides-only cells of its own "
                             f"(they live in {primary})")
        for title in dict.fromkeys(twins):
            below = [s for s in by_chapter[primary] if s.cells and _mirrored(s) == title]
            mirror = [s for s in by_chapter[docname] if _mirrored(s) == title]
            below[-1].twins += mirror
            # Text that speaks of both frameworks (it names neither): the twin's first slide
            # repeats it when there is room (a class sees what the code does).
            said = next((s for s in reversed(below) if s.markdown), None)
            shown = _names_in("\n".join(s.code for s in mirror), code=True)
            if said is not None and not mirror[0].markdown and not said.opener and \
                    not re.search(r"Gluon|MXNet", said.markdown) and \
                    _names_in(said.markdown) <= shown and \
                    height(said) - sum(map(_part_height, said.parts)) + \
                    height(mirror[0]) <= ROOM:
                mirror[0].markdown, mirror[0].figures = said.markdown, said.figures
                mirror[0].equations = said.equations
    return deck


def _names_in(text, code=False):
    """The identifiers in Markdown's code spans, or in ``code``."""
    spans = [text] if code else re.findall(r"`([^`]*)`", text)
    return {w for span in spans for w in re.findall(r"[A-Za-z_]\w*", span)}


def _mirrored(slide):
    """The section a twin's code mirrors: its title, or "" for the chapter's introduction
    (before its first section, where the twins' titles differ)."""
    return "" if slide.intro else slide.section.title


def _runs(titles):
    """The titles without repeats in a row: the sections in the order their cells come."""
    return [t for i, t in enumerate(titles) if i == 0 or titles[i - 1] != t]


def _notebook(docname, root, cache):
    """The source notebook (its cells and tags as they are now) with the outputs of its
    last execution from jupyter-book's execution cache (none if it never ran)."""
    source = root / f"{docname}.md"
    if not source.exists():
        raise ValueError(f"{docname}.md is missing")
    nb = chapters.read(source)
    if Path(cache).is_dir():
        with contextlib.suppress(KeyError):  # not executed (yet): code without outputs
            _, nb = get_cache(cache).merge_match_into_notebook(nb)
    return nb


def _glued(nb):
    """{name: output} of the values the notebook glued (myst_nb.glue), figures included,
    with glue's "application/papermill.record/" prefix taken off their MIME types."""
    glued = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                prefix = record.get("mime_prefix", "")
                data = {k[len(prefix):] if k.startswith(prefix) else k: v
                        for k, v in output["data"].items()}
                glued[record["name"]] = {**output, "data": data}
    return glued


def _title(nb, docname):
    for cell in nb["cells"]:
        found = re.search(r"^# +(.+)$", _source(cell), flags=re.M)
        if cell["cell_type"] == "markdown" and found:
            return found.group(1).strip()
    raise ValueError(f"{docname}: no '# Title'")


def _chapters_of(root, docname):
    return next((d.chapters for d in decks(root) if docname in d.chapters), [docname])


def _source(cell):
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def _tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def _chapter_slides(docname, root, cache):
    """The slides of one chapter, in reading order: a slide per slides-only cell, the code
    of each `slide` cell on the slide before it when it is of the same section and fits
    (else on slides of its own), titles numbered "(k/n)" within a run, an opener first."""
    nb = _notebook(docname, root, cache)
    glued = _glued(nb)
    stem = docname.rsplit("/", 1)[-1]
    chapter_title = _title(nb, docname)
    headings = [title.strip() for cell in nb["cells"]
                if cell["cell_type"] == "markdown" and "remove-cell" not in _tags(cell)
                for title in re.findall(r"^##? +(.+)$", _source(cell), flags=re.M)]
    beyond = _further_sections(nb)
    prose = _Prose(nb, glued, docname, root)
    rows = {tag: 1 + body.count("\\cr") + body.count("\\\\") + (len(body) > 90)  # ~ height
            for cell in nb["cells"] if cell["cell_type"] == "markdown"
            for body in re.findall(r"\$\$(.*?)\$\$", _source(cell), flags=re.S)
            for tag in re.findall(r"\\tag\{([^}]*)\}", body)}
    section = Section(docname, chapter_title)
    slides = []
    further = False  # below a "Going further" admonition, until the next section
    for number, cell in enumerate(nb["cells"]):
        text, tags = _source(cell), _tags(cell)
        if cell["cell_type"] == "markdown" and SLIDES_ONLY in tags:
            if "remove-cell" not in tags:
                raise ValueError(f"{docname}: a slides-only cell must also be tagged "
                                 "remove-cell, so the page and the reader notebook drop it")
            slide = _text_slide(text, section, glued, docname, headings)
            slide.equations = rows
            # A slide titled like a later heading belongs to that section, not this one.
            here = further if slide.section.title == section.title else False
            slide.further = slide.further or here or slide.section.title in beyond
            slide.intro = slide.section.title == chapter_title
            slide.notes = _join_notes(prose.near(number, slide.section.title), slide.notes)
            slides.append(slide)
        elif cell["cell_type"] == "markdown" and "remove-cell" not in tags:
            for line in text.splitlines():
                heading = re.match(r"^(#{1,3}) +(.+)$", line)
                if heading and len(heading.group(1)) <= 2:
                    section, further = Section(docname, heading.group(2).strip()), False
                elif GOING_FURTHER.search(line):
                    further = True
        elif cell["cell_type"] == "code" and SLIDE in tags:
            if "remove-cell" in tags:
                raise ValueError(f"{docname}: a hidden cell cannot be shown on a slide")
            here = further or section.title in beyond
            for part in _parts(cell, docname):
                last = slides[-1] if slides else None
                if last is not None and last.section.title == section.title and \
                        last.further == here and fits(last, part):
                    last.parts.append(part)
                else:
                    title = last.base if last is not None and \
                        last.section.title == section.title else section.title
                    last = Slide("", title, section, parts=[part], further=here, base=title,
                                 intro=section.title == chapter_title)
                    slides.append(last)
                if number not in last.cells:
                    last.cells.append(number)
                    last.notes = _join_notes(last.notes, prose.near(number, section.title))
    # A chapter with nothing to show gets no opener: an empty title slide teaches nothing.
    if slides and twin_of(docname, _chapters_of(root, docname)) is None:
        overview, notes = prose.overview()
        opener = Slide("", chapter_title, Section(docname, chapter_title), opener=True,
                       markdown=_sentences(overview, OVERVIEW), notes=notes,
                       base=chapter_title, intro=True)
        # The code of the introduction (the chapter's imports) goes on its opener.
        while slides and slides[0].intro and slides[0].parts and not slides[0].markdown and \
                all(fits(opener, part) for part in slides[0].parts):
            opener.parts += slides[0].parts
            opener.cells += slides.pop(0).cells
        slides.insert(0, opener)
    _number_runs(slides, docname)
    counts = {}
    for slide in slides:  # ids: the chapter's first slide is "<stem>", then "<stem>-2", ...
        counts[stem] = counts.get(stem, 0) + 1
        slide.id = stem if counts[stem] == 1 else f"{stem}-{counts[stem]}"
        if not slide.notes:
            slide.notes = prose.first_of(slide.section.title)
    return slides


def _sentences(text, most):
    """The first sentences of ``text``, at most ``most`` characters (at least one)."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if len(" ".join(kept)) > most / 3 and len(" ".join(kept + [sentence])) > most:
            break
        kept.append(sentence)
    return " ".join(kept)


def _join_notes(*texts):
    return "\n\n".join(t for t in texts if t)


# What fits on a 1280x720 slide (deck.css), in pixels: the room below the title and above
# the footer, a line of code or text output, the box around a code or output block, a line
# of slide text (about 80 characters at 26 px), a display equation, a picture.
ROOM, CODE_LINE, BOX, TEXT_LINE, EQUATION, PICTURE = 540, 22, 30, 36, 100, 300


def height(slide, scale=1.0):
    """An estimate (px) of the height of a slide's text, code and outputs, shown ``scale``
    times larger than deck.css sets them (longer text wraps onto more lines)."""
    text = re.sub(r"^Notes:.*", "", slide.markdown, flags=re.S | re.M)
    # An opener's overview is set smaller (deck.css): more characters to a shorter line.
    per_line, line_height = (100, 31) if slide.opener else (85, TEXT_LINE)
    per_line = int(per_line / scale)
    total = 0
    for line in text.split("\n"):
        placeholder = PLACEHOLDER.fullmatch(line.strip())
        if placeholder and placeholder.group(1) == "eq":
            total += EQUATION + (slide.equations.get(placeholder.group(2), 1) - 1) * 45
        elif placeholder:
            total += PICTURE + 60
        elif line.strip() and not line.startswith("$$"):
            shown = re.sub(r"\$[^$]*\$", lambda m: "x" * (len(m.group()) // 4 + 1), line)
            shown = re.sub(r"\*\*|`|\{term\}|<[^>]*>", "", shown)  # markup shows nothing
            total += line_height * (1 + len(shown) // per_line)
    total += OPENER_LIST if slide.opener else 0
    total += 50 if text.strip() else 0  # the margins of the text's paragraphs and lists
    return scale * (total + sum(_part_height(p) for p in slide.parts))


# A slide with little on it is shown larger, up to ZOOM, so that it fills its frame: its
# content, about TARGET px high, at most as wide as the slide (17 px code: 10.2 px a char).
ZOOM, TARGET, WIDTH = 1.8, 435, 1184


def zoom(slide):
    """How much larger than deck.css's sizes a slide's text, code and outputs are shown
    (1 for a slide that is full enough, or that shows a picture, sized to its room)."""
    if slide.figures or any(_picture(o) for o in slide.outputs):
        return 1
    widest = max([len(line) for p in slide.parts for line in p.code.split("\n")] +
                 [len(line) for line in _output_text_lines(slide.outputs)] + [1])
    columns = 2 if any(p.side for p in slide.parts) else 1
    # A display equation grows wider with the slide: only a little larger.
    tall = any(rows > 1 for tag, rows in slide.equations.items()
               if f"[[eq {tag}]]" in slide.markdown)
    most = min(ZOOM, (WIDTH - 40) / (widest * 10.6 * columns),
               1.1 if tall or "$$" in slide.markdown else 1.5 if "[[eq" in slide.markdown
               else ZOOM)
    scale = 1.0
    while scale + 0.05 <= most and height(slide, scale + 0.05) <= TARGET:
        scale += 0.05
    return round(scale, 2)


def _picture(output):
    data = output.get("data", {})
    return "image/png" in data or "image/svg+xml" in data


def _part_height(part):
    code = len(part.code.split("\n")) * CODE_LINE + BOX
    outputs = 0
    for output in part.outputs:
        data = output.get("data", {})
        picture = "image/png" in data or "image/svg+xml" in data
        outputs += BOX + (PICTURE if picture else _output_lines(output) * CODE_LINE)
    return max(code, outputs) if part.side else code + outputs


# Characters of code or output that fit half the slide's width (deck.css, 17 px monospace).
SIDE_WIDTH = 55


def _output_text_lines(outputs):
    """The lines of the text outputs; None when one is a picture (never put beside)."""
    lines = []
    for output in outputs:
        data = output.get("data", {})
        if "image/png" in data or "image/svg+xml" in data:
            return ["x" * (SIDE_WIDTH + 1)]
        text = output.get("text") or data.get("text/plain") or ""
        lines += ("".join(text) if isinstance(text, list) else text).rstrip("\n").split("\n")
    return lines


def fits(slide, part):
    """Whether ``part`` fits on ``slide`` below what it shows already."""
    return height(slide) + _part_height(part) <= ROOM


OPENER_LIST = 130  # the opener's list of sections in two columns (deck.css), px
OVERVIEW = 320  # characters of the chapter's overview an opener shows (all in its notes)


class _Prose:
    """The chapter's prose (its visible Markdown paragraphs, with their glued numbers), by
    cell and section: a slide's speaker notes are the paragraphs next to its cells, so the
    page and the deck say the same from one source."""

    def __init__(self, nb, glued, docname, root):
        self.paragraphs = []  # (cell number, section title, paragraph)
        self.title, self.used = _title(nb, docname), set()
        section = None
        for number, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "markdown" or "remove-cell" in _tags(cell):
                continue
            for block in _blocks(_source(cell)):
                heading = re.match(r"^(#{1,3}) +(.+)$", block)
                if heading:
                    if len(heading.group(1)) <= 2:
                        section = heading.group(2).strip()
                    continue
                self.paragraphs.append(
                    (number, section, notes_text(block, glued, docname, root)))
        # The chapter's overview is its opener's (Prose.overview), no other slide's.
        self.used.update(p for _, _, p in self.paragraphs[:1])

    def near(self, number, section, most=2):
        """The paragraphs of ``section`` right before cell ``number`` (after the previous
        slide's cells), else those right after it."""
        before = [p for n, s, p in self.paragraphs if n < number and s == section]
        after = [p for n, s, p in self.paragraphs if n > number and s == section]
        later = [p for n, s, p in self.paragraphs if n > number]  # none left in its section
        taken = self.used
        fresh = [p for p in before if p not in taken]
        chosen = fresh[-most:] or [p for p in after if p not in taken][:most] or \
            [p for p in later if p not in taken][:1]
        more = [p for p in after + later if p not in taken and p not in chosen]
        if more and len(" ".join(chosen).split()) < 20:  # a line is too little to say
            chosen.append(more[0])
        taken.update(chosen)
        return "\n\n".join(chosen)

    def first_of(self, section):
        return next((p for _, s, p in self.paragraphs if s == section), "")

    def overview(self):
        """(the chapter's **Overview.** paragraph without its label, the paragraphs after
        it before the first section: the opener's notes)."""
        intro = [p for _, s, p in self.paragraphs if s in (None, self.title)]
        first = intro[0] if intro else ""
        return re.sub(r"^\*\*Overview\.\*\*\s*", "", first), "\n\n".join(intro[:2])


def _blocks(text):
    """The paragraphs and headings of a Markdown cell, without directives, fenced code,
    display math, labels and figures: what reads as prose."""
    blocks, current, fence = [], [], None
    for line in text.split("\n"):
        opening = re.match(r"^\s*(```+|:::+|\$\$)", line)
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            if fence == "$$" and line.strip().endswith("$$") and len(line.strip()) > 2:
                fence = None
            blocks.append(current)
            current = []
            continue
        if line.startswith("%"):  # a MyST comment
            continue
        if not line.strip() or re.match(r"^\([\w-]+\)=$", line.strip()) or \
                line.startswith("#"):
            blocks.append(current)
            current = []
            if line.startswith("#"):
                blocks.append([line])
            continue
        current.append(line)
    blocks.append(current)
    # A list keeps its lines (a Summary is one); a table or a cell marker is no prose.
    return [("\n" if b[0].lstrip().startswith(("- ", "* ", "1. ")) else " ").join(b).strip()
            for b in blocks if b and " ".join(b).strip() and
            not b[0].lstrip().startswith(("|", "+++"))]


ROLE_TEXT = re.compile(r"\{(term|ref|doc|numref|eq)\}`([^`<]*?)(?:\s*<([^>]+)>)?`")
CITE = re.compile(r"\s*\{cite(?::\w+)?\}`[^`]*`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def notes_text(block, glued, docname, root=ROOT):
    """A paragraph of the chapter as plain Markdown for the speaker view: its glued numbers
    written in, a role replaced by the words it shows on the page."""
    text = resolve_glue(block, glued, docname, strict=False)
    text = CITE.sub("", text)

    def role(match):
        kind, words, target = match.groups()
        if target is not None or kind == "term":
            return words.strip()
        if kind == "doc":
            return _doc_title(words.strip(), docname, root)
        return _label_title(words.strip(), root)

    return LINK.sub(r"\1", ROLE_TEXT.sub(role, text))


def _doc_title(name, docname, root):
    path = (root / docname).parent / f"{name}.md"
    if path.exists():
        found = re.search(r"^# +(.+)$", path.read_text(encoding="utf-8"), flags=re.M)
        if found:
            return found.group(1).strip()
    return name


def _label_title(label, root):
    """The heading under ``(label)=`` in the book (what {ref} shows), else the label."""
    for path in sorted((root / "book").glob("*.md")):
        found = re.search(rf"^\({re.escape(label)}\)=\s*\n#+ +(.+)$",
                          path.read_text(encoding="utf-8"), flags=re.M)
        if found:
            return found.group(1).strip()
    return label


def _text_slide(text, section, glued, docname, headings):
    """A slide from a slides-only cell; titled like a heading of the chapter, it expands
    that heading's section (else the section the cell is in)."""
    title = section.title
    first, _, rest = text.partition("\n")
    if first.startswith("## "):
        title, text = first[3:].strip(), rest
        if title in headings:
            section = Section(docname, title)
    text = resolve_glue(text, glued, docname)
    further = bool(FURTHER_TITLE.match(title))
    title = FURTHER_TITLE.sub("", title)
    notes_at = re.search(r"^Notes:", text, flags=re.M)
    body, notes = (text[:notes_at.start()], text[notes_at.end():]) if notes_at else (text, "")
    figures = {}
    for kind, name in PLACEHOLDER.findall(body):
        if kind == "fig":
            if name not in glued:
                raise ValueError(f"{docname}: [[fig {name}]] names no glued figure")
            figures[name] = glued[name]
    return Slide("", title, section, markdown=body.strip(), figures=figures,
                 notes=notes.strip(), further=further, base=title)


def resolve_glue(text, glued, docname, strict=True):
    """``text`` (a slides-only cell) with every glue role replaced by the value the chapter
    glued (``glued``: :func:`_glued`), formatted as the page formats it (myst-nb's own
    ``format_plain_text``); ``ValueError`` naming the chapter for a name it never glued."""
    def value(match):
        kind, name, spec = match.group(1), match.group(2), match.group(3) or ""
        data = glued.get(name, {}).get("data", {})
        if not data and not strict:  # prose of a chapter not executed (yet)
            return name
        if kind == "md":
            if "text/markdown" not in data:
                raise ValueError(f"{docname}: {{glue:md}}`{name}` names no glued Markdown")
            return _source({"source": data["text/markdown"]})
        if "text/plain" not in data:
            raise ValueError(f"{docname}: {{glue:{kind or ''}}}`{name}` names no glued value "
                             "(glue it in a hidden cell of the chapter)")
        return format_plain_text(_source({"source": data["text/plain"]}), spec)

    return GLUE_ROLE.sub(value, text)


def _parts(cell, docname):
    """The parts of a `slide` cell: the whole cell with its outputs, or a long cell without
    outputs cut between statements.  A long cell with outputs stops the build: which of its
    statements printed what is not known, so the chapter splits it into cells."""
    code = _without_glue(_source(cell)).strip("\n")
    lines = code.split("\n")
    outputs = [o for o in cell.get("outputs", []) if _shown(o)]
    chunks = _split(lines)
    if len(chunks) > 1 and outputs:
        raise ValueError(
            f"{docname}: a `slide` cell of {len(lines)} lines with outputs does not fit one "
            f"slide ({MAX_CODE_LINES} lines): split it into cells between statements, each "
            f"with its own output, starting {lines[0]!r}")
    parts = [Part("\n".join(chunk)) for chunk in chunks]
    out_lines = sum(_output_lines(o) for o in outputs)
    if outputs and out_lines + len(lines) > MAX_CODE_AND_OUTPUT_LINES and \
            max(out_lines, len(lines)) <= MAX_CODE_AND_OUTPUT_LINES and \
            max(map(len, lines + _output_text_lines(outputs))) <= SIDE_WIDTH:
        parts[-1].side = True
    elif outputs and out_lines + len(lines) > MAX_CODE_AND_OUTPUT_LINES:
        raise ValueError(
            f"{docname}: the `slide` cell starting {lines[0]!r} and its output do not fit "
            f"one slide ({MAX_CODE_AND_OUTPUT_LINES} lines): shorten the output or split the "
            "cell")
    parts[-1].outputs = outputs
    return parts


def _further_sections(nb):
    """The titles of the sections that go beyond the lecture as a whole: the first thing
    below their heading is the "Going further" admonition."""
    beyond, title, first = set(), None, False
    for cell in nb["cells"]:
        if "remove-cell" in _tags(cell):
            continue
        if cell["cell_type"] != "markdown":
            first = False  # code came first
            continue
        for line in _source(cell).splitlines():
            heading = re.match(r"^#{1,2} +(.+)$", line)
            if heading:
                title, first = heading.group(1).strip(), True
            elif first and line.strip() and not re.match(r"^\([\w-]+\)=$", line.strip()):
                if re.match(r"^(:::|```)\{admonition\} Going further", line.strip()):
                    beyond.add(title)
                first = False
    return beyond


def _number_runs(slides, docname):
    """Slides of a chapter in a row that share a title get "(k/n)" after it, so that every
    slide of the deck can be told apart; the same title again further on stops the build
    (its parts would not be consecutive)."""
    runs = []
    for slide in slides:
        slide.base = slide.base or slide.title
        if runs and runs[-1][0].base == slide.base:
            runs[-1].append(slide)
        else:
            runs.append([slide])
    seen = set()
    for run in runs:
        if run[0].base in seen:
            raise ValueError(f"{docname}: two slides titled {run[0].base!r} with others "
                             "between them: give one a title of its own")
        seen.add(run[0].base)
        for k, slide in enumerate(run, 1):
            slide.title = f"{slide.base} ({k}/{len(run)})" if len(run) > 1 else slide.base


def _split(lines):
    """Code lines in chunks of at most MAX_CODE_LINES, cut only between two statements
    (between top-level ones where possible, preferably at a blank line): a slide never
    ends in the middle of a call or a bracket."""
    chunks = []
    while len(lines) > MAX_CODE_LINES:
        cuts = _cuts(lines)
        for depth in sorted({d for d in cuts.values()}):
            fits = [i for i, d in cuts.items() if d == depth and 0 < i <= MAX_CODE_LINES]
            blank = [i for i in fits if not lines[i - 1].strip()]
            if fits:
                cut = max(blank or fits)
                break
        else:
            cut = MAX_CODE_LINES  # one statement longer than a slide: nothing better
        chunks.append(_trim(lines[:cut]))
        lines = lines[cut:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    return chunks + [lines] if lines else chunks


def _trim(lines):
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _cuts(lines):
    """{line index: nesting depth} of the places code may be cut before: the first line of
    a statement (with its decorators and the comments right above it) that follows a
    complete statement; depth 0 for top-level statements."""
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:  # IPython magics: blank lines are the only boundaries known
        return {i: 0 for i, line in enumerate(lines) if not line.strip()}
    cuts = {}

    def visit(body, depth):
        for node in body:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            start = first - 1  # 0-based
            while start > 0 and lines[start - 1].lstrip().startswith("#"):
                start -= 1  # a comment belongs to the statement below it
            cuts.setdefault(start, depth)
            for field_name in ("body", "orelse", "finalbody"):
                inner = getattr(node, field_name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    visit(inner, depth + 1)

    visit(tree.body, 0)
    return cuts


def _shown(output):
    """Outputs a slide shows: text, images, Markdown; not glue records or widgets."""
    if output.get("metadata", {}).get("scrapbook"):
        return False
    if output["output_type"] == "stream":
        return output.get("name") == "stdout"
    data = output.get("data", {})
    return output["output_type"] in ("execute_result", "display_data") and any(
        k in data for k in ("image/png", "image/svg+xml", "text/markdown", "text/plain"))


def _output_lines(output):
    data = output.get("data", {})
    if "image/png" in data or "image/svg+xml" in data:
        return 8  # below code a picture takes the room left, at least ~8 code lines
    text = output.get("text") or data.get("text/markdown") or data.get("text/plain") or ""
    text = "".join(text) if isinstance(text, list) else text
    return len(text.rstrip("\n").split("\n"))


def _without_glue(code):
    """The code without the book's bookkeeping: its top-level ``glue(...)`` calls and
    ``assert`` guards (which check the page, and do not teach)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython magics: show the cell as it is
        return code
    drop = set()
    for node in tree.body:
        call = node.value if isinstance(node, ast.Expr) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and \
                call.func.id == "glue":
            drop.update(range(node.lineno, node.end_lineno + 1))
        if isinstance(node, ast.ImportFrom) and node.module == "myst_nb" or \
                isinstance(node, ast.Assert):
            drop.update(range(node.lineno, node.end_lineno + 1))
    lines = code.split("\n")
    for first in sorted(drop):  # the comments that explain a dropped line go with it
        above = first - 1
        while above >= 1 and above not in drop and lines[above - 1].lstrip().startswith("#"):
            drop.add(above)
            above -= 1
    kept = [line for i, line in enumerate(lines, 1) if i not in drop]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
