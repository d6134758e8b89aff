"""Sphinx extension: the exam sheet, a page made from the chapters' own equations.

A chapter states what the sheet says about one of its equations once, right above the
equation's label, and the equation itself stays where it is::

    :::{exam-sheet-entry} Squared loss of one example
    :equation: eq-3-1-5
    Half the squared error of one example.
    :::

    (eq-3-1-5)=
    $$ ... \\tag{3.1.5} $$

An entry without ``:equation:`` is a note of a named ``:group:`` (a convention, a key
result), linked to the section it stands in.  The sheet page holds one ``{exam-sheet}``
directive per group (``Equations`` collects the equation entries) and gets, when it is
written, a copy of every entry of that group in reading order: the title linked to the
equation or section, the one-line meaning and, for an equation, a copy of the chapter's own
math node, which the site's math renderer then draws like any other.

- Reading a chapter moves its entries and its tagged equations out of the page into the
  environment (the chapter shows neither entry nor change).
- A chapter that changes makes the sheet be read and written again (``env-get-outdated``),
  so an incremental build never shows an old equation.
- The build warns (and ``-W`` fails it) for a tagged equation without an entry, an entry
  naming an unknown or untagged equation, a number with two entries, and a group that no
  sheet shows.
"""

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

EQUATIONS = "Equations"
TAG = re.compile(r"\\tag\{([^}]*)\}")


class entry_node(nodes.General, nodes.Element):
    """An entry where a chapter states it; removed from the chapter when it is read."""


class sheet_node(nodes.General, nodes.Element):
    """Where the sheet shows a group; replaced by the group's entries when it is written."""


class ExamSheetEntry(SphinxDirective):
    """``{exam-sheet-entry} Title``: what the sheet says about an equation or a fact."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"equation": directives.unchanged_required,
                   "group": directives.unchanged_required}

    def run(self):
        equation, group = self.options.get("equation"), self.options.get("group")
        if equation and group and group != EQUATIONS:
            raise self.error(f"exam-sheet-entry: an entry with :equation: belongs to the "
                             f"group {EQUATIONS!r}, not {group!r}")
        if not equation and not group:
            raise self.error("exam-sheet-entry: give :equation: (a label such as eq-3-1-5) "
                             "or :group: (the sheet's group, such as Conventions)")
        if not self.content:
            raise self.error("exam-sheet-entry: the entry needs its one-line meaning")
        node = entry_node(equation=equation, group=equation and EQUATIONS or group)
        self.set_source_info(node)
        title, messages = self.state.inline_text(self.arguments[0], self.lineno)
        node += nodes.inline("", "", *title)  # its math and code rendered, as in the body
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node, *messages]


class ExamSheet(SphinxDirective):
    """``{exam-sheet} Group``: the entries of one group, filled in when the page is written."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self):
        self.env.exam_sheet_pages = getattr(self.env, "exam_sheet_pages", set())
        self.env.exam_sheet_pages.add(self.env.docname)
        return [sheet_node(group=self.arguments[0])]


def _data(env):
    """The environment's store: entries and tagged equations by page, sheet pages."""
    for name, empty in (("exam_sheet_entries", dict), ("exam_sheet_equations", dict),
                        ("exam_sheet_pages", set)):
        if not hasattr(env, name):
            setattr(env, name, empty())
    return env.exam_sheet_entries, env.exam_sheet_equations, env.exam_sheet_pages


def _section(node):
    """(anchor, title) of the section a node stands in."""
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    if node is None:
        return "", ""
    return node["ids"][0], node.next_node(nodes.title).astext()


def _labels(math):
    """The labels of a display equation: its own ids and those of the targets right above."""
    labels = list(math["ids"])
    parent = math.parent
    index = parent.index(math)
    while index > 0 and isinstance(parent[index - 1], nodes.target):
        index -= 1
        labels += parent[index]["ids"] + [parent[index].get("refid", "")]
    return [label for label in labels if label]


def collect(app, doctree):
    """After a page is read: keep its tagged equations and entries, remove the entries."""
    entries, equations, pages = _data(app.env)
    docname = app.env.docname
    if docname in pages:
        # The sheet's math arrives when it is written: load the page's math renderer.
        app.env.get_domain("math").data["has_equations"][docname] = True
    found = {}
    for math in doctree.findall(nodes.math_block):
        tag = TAG.search(math.astext())
        if tag:
            copy = math.deepcopy()
            copy["ids"], copy["names"] = [], []
            for label in _labels(math):
                found[label] = {"tag": tag.group(1), "math": copy,
                                "section": _section(math)}
    if found:
        equations[docname] = found
    kept = []
    for node in list(doctree.findall(entry_node)):
        anchor, title = _section(node)
        title, *body = (child.deepcopy() for child in node.children)
        kept.append({"title": title, "equation": node["equation"],
                     "group": node["group"], "body": body,
                     "section": (anchor, title), "source": node.source, "line": node.line})
        node.parent.remove(node)
    if kept:
        entries[docname] = kept


def purge(app, env, docname):
    entries, equations, pages = _data(env)
    entries.pop(docname, None)
    equations.pop(docname, None)
    pages.discard(docname)


def merge(app, env, docnames, other):
    entries, equations, pages = _data(env)
    other_entries, other_equations, other_pages = _data(other)
    for docname in docnames:
        if docname in other_entries:
            entries[docname] = other_entries[docname]
        if docname in other_equations:
            equations[docname] = other_equations[docname]
    pages.update(other_pages & set(docnames))


def outdated(app, env, added, changed, removed):
    """The sheet pages, when a page with equations or entries changed."""
    entries, equations, pages = _data(env)
    touched = set(added) | set(changed) | set(removed)
    if touched & (set(entries) | set(equations) | set(added) | set(removed)):
        return sorted(pages - set(removed))
    return []


def reading_order(env):
    """The book's pages in reading order (the toctrees from the root page), then the rest."""
    relations = env.collect_relations()
    order, doc = [], env.config.root_doc
    while doc and doc not in order:
        order.append(doc)
        doc = relations.get(doc, [None, None, None])[2]
    return order + sorted(set(env.all_docs) - set(order))


def sheet_entries(env):
    """``{group: [entry, ...]}`` in reading order; each entry knows its page and target."""
    entries, equations, _ = _data(env)
    labels = {label: (docname, eq) for docname, found in equations.items()
              for label, eq in found.items()}
    groups = {}
    for docname in reading_order(env):
        for entry in entries.get(docname, []):
            entry = dict(entry, docname=docname, anchor=entry["section"][0])
            if entry["equation"]:
                if entry["equation"] not in labels:
                    logger.warning(f"exam-sheet-entry: {entry['equation']!r} is not the label "
                                   f"of a tagged equation", location=(docname, entry["line"]))
                    continue
                page, eq = labels[entry["equation"]]
                entry.update(docname=page, anchor=entry["equation"], tag=eq["tag"],
                             math=eq["math"], section=eq["section"])
            groups.setdefault(entry["group"], []).append(entry)
    return groups


def check(app, env):
    """Every tagged equation has one entry; every group is on a sheet."""
    _, equations, pages = _data(env)
    groups = sheet_entries(env)
    if not pages:
        return
    shown = {entry["tag"]: entry for entry in groups.get(EQUATIONS, [])}
    counted = {}
    for entry in groups.get(EQUATIONS, []):
        counted[entry["tag"]] = counted.get(entry["tag"], 0) + 1
    for tag, count in counted.items():
        if count > 1:
            logger.warning(f"exam-sheet-entry: ({tag}) has {count} entries; give it one")
    for docname, found in equations.items():
        for label, eq in found.items():
            if eq["tag"] not in shown:
                logger.warning(f"({eq['tag']}) [{label}] has no exam-sheet-entry: state its "
                               f"name and meaning once, right above its label",
                               location=docname)
                shown[eq["tag"]] = None
    on_sheets = {node["group"] for docname in pages
                 for node in env.get_doctree(docname).findall(sheet_node)}
    for group in set(groups) - on_sheets:
        logger.warning(f"exam-sheet-entry: no {{exam-sheet}} shows the group {group!r}")


class FillSheet(SphinxPostTransform):
    """Replace each ``{exam-sheet}`` by its group's entries; before references are resolved
    (priority 10), so that roles in the meanings resolve as on any page."""

    default_priority = 5

    def run(self):
        placeholders = list(self.document.findall(sheet_node))
        if not placeholders:
            return
        groups = sheet_entries(self.env)
        for placeholder in placeholders:
            box = nodes.container(classes=["exam-sheet"])
            for entry in groups.get(placeholder["group"], []):
                box += self.entry(entry)
            placeholder.replace_self(box)

    def entry(self, entry):
        uri = self.app.builder.get_relative_uri(self.env.docname, entry["docname"])
        item = nodes.container(classes=["exam-sheet-entry"])
        text = nodes.container(classes=["exam-sheet-text"])
        heading = nodes.paragraph(classes=["exam-sheet-title"])
        title = nodes.strong("", "", *entry["title"].deepcopy().children)
        heading += nodes.reference("", "", title, internal=True,
                                   refuri=f"{uri}#{entry['anchor']}")
        anchor, section = entry["section"]
        if section and anchor != entry["anchor"]:  # an equation: and its section
            heading += nodes.Text(" ")
            heading += nodes.reference("", f"§ {section}", internal=True,
                                       refuri=f"{uri}#{anchor}",
                                       classes=["exam-sheet-section"])
        text += heading
        for child in entry["body"]:
            child = child.deepcopy()
            # A link within its chapter (MyST resolves those to a local refid) points into
            # the chapter from the sheet, which has no such target.
            for ref in child.findall(nodes.reference):
                if ref.get("refid"):
                    ref["refuri"] = f"{uri}#{ref['refid']}"
                    del ref["refid"]
            # A cross-reference not resolved yet is resolved from the sheet, not its chapter.
            for xref in child.findall(addnodes.pending_xref):
                xref["refdoc"] = self.env.docname
            text += child
        item += text
        if entry.get("math") is not None:
            item += entry["math"].deepcopy()
        return item


def _skip(self, node):
    raise nodes.SkipNode


def setup(app):
    app.add_node(entry_node, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_node(sheet_node, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_directive("exam-sheet-entry", ExamSheetEntry)
    app.add_directive("exam-sheet", ExamSheet)
    app.add_post_transform(FillSheet)
    app.connect("doctree-read", collect)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", outdated)
    app.connect("env-check-consistency", check)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
