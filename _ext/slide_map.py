"""Sphinx extension: the ``slide-map`` directive renders book/slide_map.yml as a table.

One row per slide of the lecture deck: its number, title and topic, and links to the book's
sections that cover it. The links are ``{ref}`` cross-references to the sections' labels, so
a missing label fails the build (``-n -W``); tests/unit/test_slide_map.py checks the data
against the deck, tests/site/test_slide_map_built.py the built links.
"""

import re
from pathlib import Path

import chapters
import yaml


def load(path):
    """The map's entries, as a list of dicts (see the comment at the top of the file)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data["slides"]


def places(entry):
    """Every (page, label) an entry links to: its own section first, then ``also``."""
    return [(entry["page"], entry["anchor"])] + [
        tuple(place.split("#", 1)) for place in entry.get("also", [])]


def _cell(text):
    return str(text).replace("|", "\\|")


def topic(entry):
    """An entry's topic with the slides' settings written in: ``{lr}`` -> the value of
    ``lnn.lecture.lr`` (one home; a typed copy would go stale)."""
    from lnn import lecture

    values = lecture.settings()
    return re.sub(r"\{(\w+)\}", lambda m: f"{values[m.group(1)]:g}" if m.group(1) in values
                  else m.group(0), str(entry["topic"]))


def title_label(book, page):
    """The label written right above the page's title (``(label)=`` then ``# Title``), or None.

    ``book`` is the folder of the pages; a link to that label is a link to the whole page.
    """
    path = Path(book) / f"{page}.md"
    if chapters.is_chapter(path):
        text = next(c.source for c in chapters.read(path).cells if c.cell_type == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    match = re.match(r"\s*\(([\w-]+)\)=\s*\n#\s", text)
    return match.group(1) if match else None


def markdown_table(entries, book):
    """The map as a MyST table whose links are {doc} and {ref} roles."""
    lines = ["| # | Slide | What it is about | In the book |", "|---|---|---|---|"]
    for number, entry in enumerate(entries, start=1):
        links = "; ".join(
            f"{{doc}}`{page}`" if label == title_label(book, page)
            else f"{{doc}}`{page}` › {{ref}}`{label}`" for page, label in places(entry))
        title = _cell(entry["title"]) + (" (untitled in the text)" if entry.get("untitled")
                                         else "")
        lines.append(f"| {number} | {title} | {_cell(topic(entry))} | {links} |")
    return lines


def setup(app):
    # Imported here: the tests import this module for its data helpers, also without Sphinx.
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.util.docutils import SphinxDirective

    class SlideMap(SphinxDirective):
        required_arguments = 1  # the data file, relative to the page

        def run(self):
            rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
            self.env.note_dependency(rel)
            self.env.note_dependency(__file__)  # a change of the rendering re-renders the page
            from lnn import lecture

            self.env.note_dependency(lecture.__file__)  # and of the slides' settings
            node = nodes.container(classes=["slide-map"])
            lines = markdown_table(load(path), Path(path).parent)
            self.state.nested_parse(StringList(lines, source=path), self.content_offset, node)
            return [node]

    app.add_directive("slide-map", SlideMap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
