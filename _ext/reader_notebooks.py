"""Sphinx extension: the reader notebooks, what a student opens in Colab, Binder, Live Code
and gets from each page's download button.

The chapters are MyST notebooks; Colab and JupyterLab would show their roles, directives
and targets as raw text.  After the HTML build each chapter becomes a reader notebook in
standard Jupyter Markdown (CommonMark, ``$...$`` math), written to ``_build/reader/book/``
(which the Pages workflow publishes to its own branch) and over the page's download copy
in ``_build/html/_sources/``:

- MyST block syntax is found with myst-parser's own markdown-it parser (the one the book
  build uses); glossary terms, labels, documents and citations are resolved through the
  Sphinx environment of the same build and become links to the published site; glued
  values come from myst-nb's glue data, formatted by myst-nb's own ``format_plain_text``.
  Values glued from cells tagged ``timing`` are marked as measured on the machine that
  built the book.  ``\\tag{3.1.x}`` numbers stay in the equations.
- Cells tagged ``remove-cell`` (the book's bookkeeping) or ``slides-only`` are dropped;
  the other cells keep their tags and lose their outputs.
- Exercises stay; each solution (a ``{solution}`` dropdown, or the executed cells between
  ``solution-start`` and ``solution-end``) goes inside ``<details>``, its code as a
  ``python`` block that runs when pasted into a cell; so does an admonition folded with
  ``:class: dropdown`` (a derivation), under its title.
- The setup cell comes first (:func:`setup_cell`), written here from the course's repository
  (``_config.yml``, read by ``course.py``) and from whether the page is an MXNet page: on
  Colab it installs ``lnn`` at the commit the site was built from, elsewhere it says how to
  install it when it is missing.  A leftover of MyST syntax fails the build
  (:func:`myst_leftovers`).
"""

import fnmatch
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import chapters
import course
import nbformat

TAGS_DROPPED = {"remove-cell", "slides-only"}
TIMING_TAG = "timing"
# A MyST role, {name}`content`, as mdit_py_plugins.myst_role reads it.
ROLE = re.compile(r"\{([a-zA-Z0-9_\-+:]*)\}(`+)(.+?)\2", re.S)  # content may wrap
# Scanned left to right, a code span (`{ref}` in backticks) is code, not a role.
ROLE_OR_CODE = re.compile(ROLE.pattern + r"|(`+)(.+?)\4", re.S)
# A Markdown link to a label, [text](label), as MyST resolves it.
LABEL_LINK = re.compile(r"\]\(([A-Za-z][\w-]*)\)")
EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
ADMONITIONS = {"note", "tip", "important", "warning", "caution", "attention", "hint", "seealso"}
TIMING_NOTE = ("Numbers marked † were timed on the machine that built the book; "
               "when you run the cells, your machine prints its own.")


def myst_leftovers(text):
    """The MyST-only constructs left in ``text`` (Markdown), as a list of strings."""
    found = [m.group(0) for m in ROLE_OR_CODE.finditer(text) if m.group(1) is not None]
    found += re.findall(r"^\s*(?:`{3,}|:{3,})\{[^}]*\}.*$", text, re.M)  # directives
    found += re.findall(r"^\s*\([\w-]+\)=\s*$", text, re.M)  # targets
    return found


# A line that opens with a number and a period or parenthesis: an ordered list item.
NUMBERED = re.compile(r"^ {0,3}(\d{1,9})[.)](?:\s|$)")


def list_lookalikes(text):
    """The lines of ``text`` (Markdown) that open with "3." inside a paragraph: CommonMark (the
    book) reads them as text, since only "1." may interrupt a paragraph, but Colab's renderer
    starts a numbered list there.  A line wrapped at the wrong place, re-wrapped, is gone."""
    found, previous, fenced = [], "", False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        item = NUMBERED.match(line)
        in_paragraph = previous.strip() and not previous.startswith((" ", "\t")) and not (
            NUMBERED.match(previous) or re.match(r"^[-*+>|]", previous.lstrip()))
        if item and not fenced and item.group(1) != "1" and in_paragraph:
            found.append(line.strip())
        previous = line
    return found


def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"amsmath", "colon_fence", "dollarmath",
                                               "deflist", "substitution"})
    return create_md_parser(config, RendererHTML)


class Resolver:
    """Turns the targets of roles and label links into URLs of the published site."""

    def __init__(self, env, site_url, glue, timings, bib):
        self.env, self.site_url, self.glue, self.timings, self.bib = (
            env, site_url.rstrip("/") + "/", glue, timings, bib)
        self.std = env.domaindata["std"]  # labels, anonlabels, terms of the whole book
        self.docname = ""
        self.not_executed = False  # a page left out of execution on this platform

    def url(self, docname, anchor=""):
        return f"{self.site_url}{docname}.html" + (f"#{anchor}" if anchor else "")

    def label(self, name):
        if name in self.std["anonlabels"]:
            return self.std["anonlabels"][name]
        raise ValueError(f"{self.docname}: unknown label {name!r}")

    def role(self, name, content):
        content = " ".join(content.split())
        text, target = content, content
        explicit = EXPLICIT.match(content)
        if explicit:
            text, target = explicit.groups()
        if name.startswith("glue"):
            return self.glued(name, content)
        if name == "term":
            docname, anchor = self.std["terms"].get(target.lower(), (None, None))
            if docname is None:
                raise ValueError(f"{self.docname}: unknown glossary term {target!r}")
            return f"[{text}]({self.url(docname, anchor)})"
        if name == "doc":
            base = self.docname.rsplit("/", 1)[0] + "/" if "/" in self.docname else ""
            docname = target.lstrip("/") if target.startswith("/") else base + target
            if docname not in self.env.titles:
                raise ValueError(f"{self.docname}: unknown document {target!r}")
            if not explicit:
                text = self.env.titles[docname].astext()
            return f"[{text}]({self.url(docname)})"
        if name == "ref":
            docname, anchor = self.label(target)
            if not explicit:
                text = self.std["labels"][target][2]
            return f"[{text}]({self.url(docname, anchor)})"
        if name in ("cite:p", "cite:t"):
            cites = [self.bib[key.strip()] for key in target.split(",")]
            page = self.url(self.bib["__page__"])
            if name == "cite:p":
                return "(" + "; ".join(f"[{a}, {y}]({page})" for a, y in cites) + ")"
            return "; ".join(f"[{a} ({y})]({page})" for a, y in cites)
        raise ValueError(f"{self.docname}: no reader-notebook form for the role {{{name}}}")

    def glued(self, name, content):
        from myst_nb.core.variables import format_plain_text

        key, _, fmt = content.partition(":")
        if key not in self.glue and self.not_executed:  # _ext/mxnet_pages.py, no MXNet here
            return "(computed when the notebook runs)"
        if key not in self.glue:
            raise ValueError(f"{self.docname}: no glued value {key!r}")
        data = self.glue[key]["data"]
        if name == "glue:text":
            value = format_plain_text(data["text/plain"], fmt)
        elif "text/markdown" in data:
            value = "".join(data["text/markdown"]).strip()
        else:
            value = format_plain_text(data["text/plain"], "")
        measured = key in self.timings and "text/markdown" not in data  # a number
        return value + ("†" if measured else "")

    def links(self, text):
        def resolve(m):
            name = m.group(1)
            if name not in self.std["anonlabels"]:
                return m.group(0)
            return f"]({self.url(*self.label(name))})"
        return LABEL_LINK.sub(resolve, text)

    def inline(self, text):
        def convert(m):
            if m.group(1) is None:  # a code span stays as it is
                return m.group(0)
            return self.role(m.group(1), m.group(3))
        return self.links(ROLE_OR_CODE.sub(convert, text))


def _directive(token):
    """(name, argument, body without its option lines) of a fence token that is a directive."""
    info = token.info.strip()
    if not info.startswith("{"):
        return None
    name, _, arg = info[1:].partition("}")
    lines = token.content.splitlines()
    options = {}
    while lines and re.match(r"^:[\w-]+:", lines[0]):
        key, _, value = lines.pop(0)[1:].partition(":")
        options[key] = value.strip()
    return name, arg.strip(), "\n".join(lines).strip("\n"), options


def details(body, summary="Solution"):
    return f"<details>\n<summary>{summary}</summary>\n\n{body.strip()}\n\n</details>"


class Converter:
    """MyST Markdown of one chapter to Jupyter Markdown."""

    def __init__(self, resolver):
        self.md = _parser()
        self.resolver = resolver
        self.exercises = 0

    def markdown(self, text):
        lines = text.splitlines()
        out, pos = [], 0
        for token in self.md.parse(text):
            if token.level != 0 or token.map is None:
                continue
            start, end = token.map
            special = self.block(token)
            verbatim = token.type in ("math_block", "math_block_label", "amsmath") or (
                token.type == "fence" and not token.info.strip().startswith("{"))
            if special is None and not verbatim:
                continue
            out.append(self.resolver.inline("\n".join(lines[pos:start])))
            out.append("\n".join(lines[start:end]) if special is None else special)
            pos = end
        out.append(self.resolver.inline("\n".join(lines[pos:])))
        text = "\n".join(out)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n")

    def block(self, token):
        """The Jupyter Markdown of a MyST block (a directive or a target), else None."""
        if token.type == "myst_target":
            return ""
        if token.type not in ("fence", "colon_fence"):
            return None
        parsed = _directive(token)
        if parsed is None:
            return None
        name, arg, body, options = parsed
        if name == "exercise":
            self.exercises += 1
            title = f" ({self.resolver.inline(arg)})" if arg else ""
            return f"**Exercise {self.exercises}**{title}\n\n{self.markdown(body)}"
        if name == "solution":
            return details(self.markdown(body))
        if name == "exam-sheet-entry":  # shown on the exam sheet (_ext/exam_sheet.py)
            return ""
        if name == "div":  # a layout wrapper (full-width): its content only
            return self.markdown(body)
        if name == "glue:figure":
            return f"*{self.markdown(body)}* (drawn by the code cell above)"
        if name in ADMONITIONS or name == "admonition":  # a titled box: a quote
            title = self.resolver.inline(arg) if name == "admonition" else name.capitalize()
            if "dropdown" in options.get("class", "").split():  # folded on the page too
                return details(self.markdown(body), title)
            quoted = "\n".join("> " + line if line else ">" for line in
                                self.markdown(body).splitlines())
            return f"> **{title}.**\n>\n{quoted}"
        raise ValueError(f"{self.resolver.docname}: no reader-notebook form for "
                         f"the directive {{{name}}}")


# The gates of a solution made of executed cells (sphinx-exercise's gated directives).
GATE = re.compile(r"^(`{3,}|:{3,})\{(solution-start|solution-end)\}.*?^\1[ \t]*$",
                  re.M | re.S)


SETUP = """\
# Setup: on Colab, install the course's helpers (lnn); elsewhere, say how if they are missing.
import importlib.util
import subprocess
import sys

LNN = "lnn @ git+{url}@{ref}"
if importlib.util.find_spec("lnn") is None:
    if "google.colab" in sys.modules:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", LNN], check=True)
    else:
        print(f'lnn is not installed: run  pip install "{{LNN}}"  and restart the kernel.')
"""
# An MXNet page.  Colab's kernel has numpy 2 loaded from its start, and MXNet 1.9.1 needs
# numpy < 2: after the install only a new process can import MXNet, so the cell restarts the
# runtime the Colab way (the kernel ends itself; Colab starts a new one on the same disk),
# once: the second time round everything is installed and nothing restarts.  It says so
# first, in one sentence.  A failed install names the PyTorch twin, never a traceback.
SETUP_MXNET = """\
# Setup: on Colab, install the course's helpers (lnn) and MXNet 1.9.1, then restart once;
# elsewhere, say how to install what is missing.
import importlib.util
import os
import subprocess
import sys

LNN = "lnn @ git+{url}@{ref}"
MXNET = [{packages}]
TWIN = "{twin}"
missing = [m for m in ("lnn", "mxnet") if importlib.util.find_spec(m) is None]
if missing and "google.colab" in sys.modules:
    print("{restart_sentence}", flush=True)
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", LNN, *MXNET])
    if pip.returncode == 0:
        os.kill(os.getpid(), 9)  # Colab's restart: numpy 2, loaded at start, must go
    print(f"MXNet could not be installed here: read or run this page's PyTorch twin "
          f"instead, {{TWIN}}")
elif "lnn" in missing:
    print(f'lnn is not installed: run  pip install "{{LNN}}"  and restart the kernel.')
else:
    import lnn

    lnn.mxnet_status(twin=TWIN).show()
"""
RESTART_SENTENCE = ("This page installs MXNet 1.9.1 and restarts the runtime once; when it "
                    "has restarted, run the page again from the top (Runtime > Run all).")
# What MXNet 1.9.1 needs on Colab's Python 3.12: numpy < 2; a scipy that works with it (MXNet
# imports scipy.sparse, and Colab's scipy needs numpy 2: named here, pip's resolver replaces
# it by the newest release that accepts numpy < 2); setuptools for distutils.
MXNET_PACKAGES = ("mxnet==1.9.1", "numpy<2", "scipy", "setuptools")


def setup_cell(url, ref, mxnet_twin=None):
    """The source of a reader notebook's first cell.

    On Colab it installs lnn from ``url`` (the course's repository) at ``ref`` (a commit or
    branch); elsewhere it installs nothing and prints one line when lnn is missing.  On an
    MXNet page (``mxnet_twin``: the URL of its PyTorch twin) it also installs MXNet on Colab
    and restarts the runtime once, then shows :func:`lnn.mxnet_status`.
    """
    if mxnet_twin is None:
        return SETUP.format(url=url, ref=ref).rstrip("\n")
    packages = ", ".join(f'"{p}"' for p in MXNET_PACKAGES)
    return SETUP_MXNET.format(url=url, ref=ref, packages=packages, twin=mxnet_twin,
                              restart_sentence=RESTART_SENTENCE).rstrip("\n")


# Colab folds a cell's code with its form view (this first line and the metadata below);
# JupyterLab and Binder with source_hidden.  Both, so that every client folds it.
FOLDED_TITLE = "#@title Run this cell (its code is folded: double-click here to see it)"


def fold(cell):
    """Fold a code cell's source in JupyterLab and in Colab; the page shows its output only."""
    cell.source = f"{FOLDED_TITLE}\n{cell.source}"
    cell.metadata["jupyter"] = {"source_hidden": True}
    cell.metadata["cellView"] = "form"


def reader_cells(nb, converter, setup_source):
    """The reader notebook's cells from the source notebook's, after the setup cell."""
    cells, solution = [], None

    def emit(markdown):
        if not markdown.strip():
            return
        text = converter.markdown(markdown)
        if solution is not None:
            solution.append(text)
        else:
            cells.append(nbformat.v4.new_markdown_cell(text))

    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        source = cell.source
        if tags & TAGS_DROPPED:
            continue
        if cell.cell_type == "markdown":
            pos = 0
            for gate in GATE.finditer(source):  # a cell may end one solution, start another
                emit(source[pos:gate.start()])
                if gate.group(2) == "solution-start":
                    solution = []
                else:
                    cells.append(nbformat.v4.new_markdown_cell(details("\n\n".join(solution))))
                    solution = None
                pos = gate.end()
            emit(source[pos:])
        elif solution is not None:
            solution.append(f"```python\n{source.strip()}\n```")
        else:
            new = nbformat.v4.new_code_cell(source)
            if tags:
                new.metadata["tags"] = cell.metadata["tags"]
            if "remove-input" in tags:  # the quiz cell: its code computes the answers
                fold(new)
            cells.append(new)
    return [nbformat.v4.new_code_cell(setup_source), *cells]


def _timings(nb):
    """The glue keys of the hidden cells tagged ``timing``: values that were measured."""
    keys = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and TIMING_TAG in cell.metadata.get("tags", []):
            keys.update(re.findall(r"glue\(\s*[\"']([^\"']+)[\"']", cell.source))
    return keys


def reader_notebook(nb, resolver, setup_source):
    resolver.timings = _timings(nb)
    cells = reader_cells(nb, Converter(resolver), setup_source)
    if resolver.timings:
        cells.insert(2, nbformat.v4.new_markdown_cell(f"*{TIMING_NOTE}*"))
    for number, cell in enumerate(cells):  # nbformat's ids are random: a build rewrote all
        cell.id = f"cell-{number}"
    reader = nbformat.v4.new_notebook(cells=cells)
    reader.metadata = {"kernelspec": nb.metadata["kernelspec"]}
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        if myst_leftovers(cell.source):
            raise ValueError(f"{resolver.docname}: MyST left in the reader notebook: "
                             f"{myst_leftovers(cell.source)}")
        if list_lookalikes(cell.source):
            raise ValueError(f"{resolver.docname}: a line opens with a number inside a "
                             f"paragraph (Colab shows a numbered list; re-wrap it): "
                             f"{list_lookalikes(cell.source)}")
    return reader


def site_url(config, facts):
    """The published site: reader_site_url, else GitHub Pages of the repository."""
    return config.reader_site_url or facts.pages_url


def built_commit(srcdir, fallback):
    """The commit being built (the Colab cell installs lnn from it), else ``fallback``."""
    if os.environ.get("GITHUB_SHA"):  # in the Pages workflow
        return os.environ["GITHUB_SHA"]
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=srcdir, check=True,
                              capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return fallback


def _bibliography(env, srcdir):
    """{key: (first author's last name[, et al.], year)}, and the bibliography page."""
    from pybtex.database import parse_file

    bib = {}
    for path in env.config.bibtex_bibfiles:
        for key, entry in parse_file(Path(srcdir) / path).entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            names = " ".join(people[0].last_names) if people else key
            bib[key] = (names + (" et al." if len(people) > 2 else ""),
                        entry.fields.get("year", ""))
    page = [d for d in env.found_docs if d.endswith("bibliography")]
    bib["__page__"] = page[0] if page else env.config.root_doc
    return bib


def write_reader_notebooks(app, exception):
    if exception is None and app.builder.format == "html":
        write_all(app.env, Path(app.outdir), app.srcdir, app.config)


def write_all(env, outdir, srcdir, config):
    """Every chapter's reader notebook into _build/reader/ and the page's _sources/."""
    executed = outdir.parent / "jupyter_execute"
    reader_dir = outdir.parent / "reader"
    facts = course.load(srcdir)
    ref = built_commit(srcdir, facts.branch)
    bib = _bibliography(env, srcdir)
    for docname in sorted(env.found_docs):
        source = Path(env.doc2path(docname))
        if not chapters.is_chapter(source):
            continue
        glue_file = executed / f"{docname}.glue.json"
        glue = json.loads(glue_file.read_text(encoding="utf-8")) if glue_file.exists() else {}
        resolver = Resolver(env, site_url(config, facts), glue, set(), bib)
        resolver.docname = docname
        resolver.not_executed = any(fnmatch.fnmatch(env.doc2path(docname, False), pattern)
                                    for pattern in config.nb_execution_excludepatterns)
        nb = chapters.read(source)
        twin = None
        if chapters.is_mxnet_page(source):  # its PyTorch twin's page, wherever one reads it
            twin = resolver.url(str(PurePosixPath(docname).with_name(chapters.twin(source))))
        try:
            reader = reader_notebook(nb, resolver, setup_cell(facts.url, ref, twin))
        except ValueError as err:  # a warning: the build fails (-W), listing every problem
            from sphinx.util import logging

            logging.getLogger(__name__).warning(str(err), location=docname)
            continue
        target = reader_dir / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(reader, target)
        download = outdir / "_sources" / f"{docname}.ipynb"
        download.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, download)
        zipped(download)


def zipped(path):
    """``path`` also as ``<name>.zip``: from a file:// copy of the site a browser shows a linked
    .ipynb as JSON text (the ``download`` attribute works over http only) but saves a zip;
    _static/notebook-download.js points the download button there on file://."""
    info = zipfile.ZipInfo(path.name, date_time=(1980, 1, 1, 0, 0, 0))  # same bytes each build
    with zipfile.ZipFile(path.with_name(path.name + ".zip"), "w") as archive:
        archive.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)


def _launch_reader_notebooks(app, pagename, templatename, context, doctree):
    """Point the page's Binder and Colab buttons at its reader notebook (``.ipynb`` on the
    published branch): sphinx-book-theme links the source, a ``.md`` Colab cannot open."""
    source = f"{pagename}.md"

    def retarget(buttons):
        for button in buttons:
            url = button.get("url", "")
            if url.endswith(source) and ("colab" in url or "binder" in url):
                button["url"] = url[: -len(source)] + f"{pagename}.ipynb"
            retarget(button.get("buttons", []))

    retarget(context.get("header_buttons", []))


def setup(app):
    app.add_config_value("reader_site_url", "", "html")
    # After sphinx-book-theme's own handler (priority 500) has added the launch buttons.
    app.connect("html-page-context", _launch_reader_notebooks, priority=501)
    app.connect("build-finished", write_reader_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
