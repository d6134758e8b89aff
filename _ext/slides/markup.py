"""The markup of a slides-only cell, checked: anything the deck would show as raw text fails.

The decks (decks.py, render.py) understand, in a cell tagged ``slides-only``: an optional
first line ``## Title``; Markdown (paragraphs, lists, ``$math$``, ``$$display math$$``, code
spans and fences); ``[[eq 3.1.5]]`` and ``[[fig name]]`` each alone on its line with a blank
line (or the cell's edge, or the title line) before and after; ``{term}`word``` and glue
roles (``{glue:text}`name```, the chapter's glued values); and a
final paragraph starting ``Notes:``.  Anything else written for MyST (another role, a
directive, a ``(label)=`` target) or a near-miss placeholder (``[[eq 3.1.5 ]]``,
``[[Eq 3.1.5]]``, one inside a sentence or a list item, a caption line under ``[[fig ...]]``)
reaches the slide as typed text, e.g. ``FIGURE:name``.  :func:`problems` finds each of them;
:func:`check_chapter` raises naming the chapter, the cell, the line and what was expected.
The book build runs it on every chapter (_ext/validate_sources.py); so does ``make slides``.
"""

import re
from pathlib import Path

import chapters

SLIDES_ONLY = "slides-only"
#: The one form of a placeholder (the pattern decks.py replaces): lower-case kind, one space.
PLACEHOLDER = re.compile(r"\[\[(eq|fig) ([\w.-]+)\]\]")
#: Roles the deck renders; add one here when render.py learns to render it.  The glue roles
#: are replaced by the chapter's glued values (decks.resolve_glue).
ROLES = ("term", "glue", "glue:", "glue:text", "glue:md")
EXPECTED_PLACEHOLDER = ("`[[eq 3.1.5]]` or `[[fig name]]`: lower case, one space, alone on "
                        "its line, with a blank line before and after")
# Something meant as a placeholder: double brackets, or single ones around "eq 3.1.5".
NEAR_MISS = re.compile(r"\[\[|\]\]|\[\s*(?:eq|fig)\s+[\w.-]+\s*\]", re.I)
ROLE = re.compile(r"\{([\w:.+-]+)\}`")
FENCE = re.compile(r"^\s*(```+|~~~+|:::+)\s*(\{[^}]*\})?")
TARGET = re.compile(r"^\s*\([\w.:-]+\)=\s*$")
CODE_SPAN = re.compile(r"`+[^`]*`+")
INLINE_MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$")


def problems(text, equations=None):
    """``[(line number, message), ...]`` for the markup of one slides-only cell (1-based
    lines of ``text``).  ``equations``: the equation numbers the book states, to check that
    every ``[[eq ...]]`` names one; None skips that check."""
    lines = text.split("\n")
    found = []
    fence = None  # the opening backticks of the code fence we are in
    in_math = False
    for i, line in enumerate(lines):
        number = i + 1
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence[0]) and \
                    len(opening.group(1)) >= len(fence) and not opening.group(2):
                fence = None
            continue
        if opening:
            if opening.group(2) or opening.group(1).startswith(":"):
                found.append((number, f"the MyST directive {line.strip()!r} is not rendered "
                                      "on a slide; expected plain Markdown (a figure is "
                                      "[[fig name]], an equation [[eq 3.1.5]])"))
            fence = opening.group(1)
            continue
        if line.count("$$") % 2:
            in_math = not in_math
            continue
        if in_math:
            continue
        whole = PLACEHOLDER.fullmatch(line)
        if whole:
            found += _placement(lines, i, line)
            kind, name = whole.groups()
            if kind == "eq" and equations is not None and name not in equations:
                found.append((number, f"{line!r}: no equation of the book is tagged {name}; "
                                      "expected the number of a \\tag{...} in a chapter"))
            continue
        if TARGET.match(line):
            found.append((number, f"the MyST target {line.strip()!r} is not rendered on a "
                                  "slide; expected plain Markdown"))
            continue
        prose = INLINE_MATH.sub("", CODE_SPAN.sub("", line))
        for role in ROLE.findall(line):
            if role not in ROLES:
                allowed = ", ".join(f"{{{r}}}" for r in ROLES)
                found.append((number, f"the role {{{role}}} is not rendered on a slide; "
                                      f"expected only {allowed} roles (equations as "
                                      "[[eq 3.1.5]])"))
        if NEAR_MISS.search(prose):
            found.append((number, f"{line.strip()!r} is not a placeholder; expected "
                                  f"{EXPECTED_PLACEHOLDER}"))
    if fence is not None:
        found.append((len(lines), f"a code fence {fence!r} is never closed"))
    return found


def _placement(lines, i, line):
    """A placeholder line needs a blank line, the cell's edge or its title line around it:
    else Markdown makes it part of a paragraph or list item, shown as typed."""
    before = lines[i - 1] if i > 0 else ""
    after = lines[i + 1] if i + 1 < len(lines) else ""
    if i == 1 and before.startswith("## "):  # the title line: split off before rendering
        before = ""
    if after.startswith("Notes:"):  # the speaker notes: split off before rendering
        after = ""
    neighbour = before.strip() or after.strip()
    if not neighbour:
        return []
    return [(i + 1, f"{line!r} shares its paragraph with {neighbour!r:.60}; expected "
                    f"{EXPECTED_PLACEHOLDER} (a figure's caption belongs in the book, "
                    "not under the placeholder)")]


def cells(path):
    """``[(position, source), ...]``: the slides-only cells of a chapter, numbered 1, 2, ...
    among its cells as Jupyter shows them."""
    return [(n, cell.source) for n, cell in enumerate(chapters.read(path).cells, 1)
            if cell.cell_type == "markdown" and SLIDES_ONLY in cell.metadata.get("tags", [])]


def check_chapter(path, equations=None, root=chapters.ROOT):
    """Raise ``ValueError`` listing every markup problem of a chapter's slides-only cells:
    ``book/x.md, line 66 (slides-only cell 7, '## Title'): ...``, the line of the file."""
    messages = []
    try:
        name = Path(path).resolve().relative_to(Path(root).resolve())
    except ValueError:
        name = Path(path)
    text = Path(path).read_text(encoding="utf-8")
    for position, source in cells(path):
        first = source.split("\n", 1)[0].strip()
        start = text.find(source)  # the cell's first line in the file (0: not found as is)
        offset = text.count("\n", 0, start) if start >= 0 else 0
        for line, message in problems(source, equations):
            where = f"line {offset + line}" if start >= 0 else f"line {line} of the cell"
            messages.append(f"{name}, {where} (slides-only cell {position}, {first!r:.50}): "
                            f"{message}")
    if messages:
        raise ValueError("\n".join(messages))


def check_book(root=chapters.ROOT):
    """Raise ``ValueError`` listing the markup problems of every chapter's slides-only cells
    (equations checked against every ``\\tag`` of the book)."""
    paths = chapters.notebooks(root)
    equations = {tag for path in paths for tag in chapters.tags(path)}
    messages = []
    for path in paths:
        try:
            check_chapter(path, equations, root)
        except ValueError as err:
            messages.append(str(err))
    if messages:
        raise ValueError("\n".join(messages))
