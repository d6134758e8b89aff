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
class Slide:
    id: str
    title: str
    section: Section
    markdown: str = ""  # slides-only text (rendered by render.py)
    code: str = ""
    outputs: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # glue name -> output (for [[fig name]])
    notes: str = ""
    twins: list = field(default_factory=list)
    opener: bool = False  # a chapter's first slide: its title and what its slides cover
    group: int | None = None  # the how-manyth `slide` code cell of its chapter it shows
    further: bool = False  # in a section marked "Going further" (beyond the lecture)


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
    cache (``_build/.jupyter_cache``)."""
    cache = cache or root / "_build" / ".jupyter_cache"
    by_chapter = {}
    for docname in deck.chapters:
        by_chapter[docname] = _chapter_slides(docname, root, cache)
    for docname in deck.chapters:
        primary = twin_of(docname, deck.chapters)
        if primary is None:
            deck.slides += by_chapter[docname]
            continue
        mirrors, twins = _code_groups(by_chapter[primary]), _code_groups(by_chapter[docname])
        if [g[0].section.title for g in mirrors] != [g[0].section.title for g in twins]:
            raise ValueError(
                f"{docname}: its `slide` code cells must mirror those of {primary} one to "
                f"one, section by section: {[g[0].section.title for g in twins]} vs "
                f"{[g[0].section.title for g in mirrors]}")
        if any(s.group is None for s in by_chapter[docname]):
            raise ValueError(f"{docname}: a twin chapter has no slides-only cells of its own "
                             f"(they live in {primary})")
        for mirror, twin in zip(mirrors, twins):
            mirror[-1].twins += twin
    return deck


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
    nb = _notebook(docname, root, cache)
    glued = _glued(nb)
    stem = docname.rsplit("/", 1)[-1]
    chapter_title = _title(nb, docname)
    headings = [title.strip() for cell in nb["cells"]
                if cell["cell_type"] == "markdown" and "remove-cell" not in _tags(cell)
                for title in re.findall(r"^##? +(.+)$", _source(cell), flags=re.M)]
    beyond = _further_sections(nb)
    section = Section(docname, chapter_title)
    slides = []
    counts = {}
    further = False  # below a "Going further" admonition, until the next section
    for cell in nb["cells"]:
        text, tags = _source(cell), _tags(cell)
        if cell["cell_type"] == "markdown" and SLIDES_ONLY in tags:
            if "remove-cell" not in tags:
                raise ValueError(f"{docname}: a slides-only cell must also be tagged "
                                 "remove-cell, so the page and the reader notebook drop it")
            slide = _text_slide(text, section, glued, docname, headings)
            # A slide titled like a later heading belongs to that section, not this one.
            here = further if slide.section.title == section.title else False
            slide.further = slide.further or here or slide.section.title in beyond
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
            made = _code_slides(cell, section, len(_code_groups(slides)))
            for slide in made:
                slide.further = further or section.title in beyond
            slides += made
    _number_repeated_titles(slides)
    # A chapter with nothing to show gets no opener: an empty title slide teaches nothing.
    if slides and twin_of(docname, _chapters_of(root, docname)) is None:
        opener = Slide("", chapter_title, Section(docname, chapter_title), opener=True)
        slides.insert(0, opener)
    for slide in slides:  # ids: the chapter's first slide is "<stem>", then "<stem>-2", ...
        counts[stem] = counts.get(stem, 0) + 1
        slide.id = stem if counts[stem] == 1 else f"{stem}-{counts[stem]}"
    return slides


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
                 notes=notes.strip(), further=further)


def resolve_glue(text, glued, docname):
    """``text`` (a slides-only cell) with every glue role replaced by the value the chapter
    glued (``glued``: :func:`_glued`), formatted as the page formats it (myst-nb's own
    ``format_plain_text``); ``ValueError`` naming the chapter for a name it never glued."""
    def value(match):
        kind, name, spec = match.group(1), match.group(2), match.group(3) or ""
        data = glued.get(name, {}).get("data", {})
        if kind == "md":
            if "text/markdown" not in data:
                raise ValueError(f"{docname}: {{glue:md}}`{name}` names no glued Markdown")
            return _source({"source": data["text/markdown"]})
        if "text/plain" not in data:
            raise ValueError(f"{docname}: {{glue:{kind or ''}}}`{name}` names no glued value "
                             "(glue it in a hidden cell of the chapter)")
        return format_plain_text(_source({"source": data["text/plain"]}), spec)

    return GLUE_ROLE.sub(value, text)


def _code_groups(slides):
    """The slides of each `slide` code cell, in order."""
    groups = {}
    for slide in slides:
        if slide.group is not None:
            groups.setdefault(slide.group, []).append(slide)
    return [groups[k] for k in sorted(groups)]


def _code_slides(cell, section, group):
    code = _without_glue(_source(cell)).strip("\n")
    lines = code.split("\n")
    outputs = [o for o in cell.get("outputs", []) if _shown(o)]
    out_lines = sum(_output_lines(o) for o in outputs)
    chunks = _split(lines)
    slides = [Slide("", section.title, section, code="\n".join(chunk), group=group)
              for chunk in chunks]
    if outputs and len(chunks[-1]) + out_lines <= MAX_CODE_AND_OUTPUT_LINES:
        slides[-1].outputs = outputs
    elif outputs:
        slides.append(Slide("", f"{section.title}: output", section, outputs=outputs,
                            group=group))
    return slides


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


def _number_repeated_titles(slides):
    """Slides of a chapter that share a title get "(k/n)" after it, so that every slide
    of the deck can be told apart (a split cell, two cells of one section)."""
    titles = [s.title for s in slides]
    seen = {}
    for slide in slides:
        total = titles.count(slide.title)
        if total > 1:
            seen[slide.title] = seen.get(slide.title, 0) + 1
            slide.title = f"{slide.title} ({seen[slide.title]}/{total})"


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
        return 12  # an image is drawn at most ~12 code lines high next to code (deck.css)
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
