"""The book's pages and chapters: the one reader of ``_toc.yml`` and of a chapter's source.

- :func:`pages` lists the pages of ``_toc.yml`` in reading order with Jupyter Book's own
  parser (``sphinx_external_toc``); :func:`parts` gives them by part, with captions.
- A *chapter* is a page stored as a MyST Markdown notebook (a ``.md`` file whose front matter
  has a ``kernelspec``, as jupytext writes it); :func:`read` returns it as an ``nbformat``
  notebook, with myst-nb's reader, for every tool that opens a chapter; :func:`write`
  (jupytext, as JupyterLab saves it) writes one.
- :data:`TAG` is the one pattern of an equation number, ``\\tag{3.1.10}`` or ``\\tag{3.1.10a}``.
"""

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# An equation's number as the slides give it (3.1.10), or a letter after the number of the
# equation before it for one that is not on the slides (3.1.10a): README "Adding a chapter".
NUMBER = r"3\.\d+\.\d+[a-z]?"
TAG = re.compile(r"\\tag\{(" + NUMBER + r")\}")
# Any \tag{...}: a tag that TAG does not match is a malformed number.
ANY_TAG = re.compile(r"\\tag\{([^}]*)\}")


def _sitemap(root=ROOT):
    from sphinx_external_toc.parsing import parse_toc_yaml

    return parse_toc_yaml(Path(root) / "_toc.yml")


def parts(root=ROOT):
    """``[(caption, [page, ...]), ...]``: the parts of ``_toc.yml`` with their pages."""
    site = _sitemap(root)
    return [(tree.caption, list(tree.items)) for tree in site[site.root.docname].subtrees]


def pages(root=ROOT):
    """Every page of the book (root first) as a path relative to ``root``, no extension."""
    site = _sitemap(root)
    return [site.root.docname, *(page for _, items in parts(root) for page in items)]


def source(page, root=ROOT):
    """The source file of a page: ``<page>.md``."""
    path = Path(root) / f"{page}.md"
    if not path.exists():
        raise FileNotFoundError(f"_toc.yml lists {page!r} but {path.name} does not exist")
    return path


def front_matter(path):
    """The YAML front matter of a Markdown file, as a dict ({} without one); ``ValueError``
    naming the file and the line where it does not parse."""
    text = Path(path).read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}
    try:
        found = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f", line {mark.line + 2}" if mark else ""
        raise ValueError(f"{path}{line}: the front matter is not valid YAML "
                         f"({getattr(err, 'problem', err)}); expected the jupytext header "
                         "(jupytext: and kernelspec:) between two --- lines") from None
    if not isinstance(found, dict):
        raise ValueError(f"{path}, line 2: the front matter is {type(found).__name__}, not "
                         "keys and values; expected jupytext: and kernelspec:")
    return found


def is_chapter(path):
    """Whether the file is a MyST Markdown notebook (its front matter names a kernel)."""
    return "kernelspec" in front_matter(path)


def notebooks(root=ROOT):
    """The chapters of the book (MyST Markdown notebooks), in reading order."""
    return [path for path in map(lambda p: source(p, root), pages(root)) if is_chapter(path)]


# The cell tags the book acts on: myst-nb's and the theme's, and the book's own (the slides,
# _ext/slides; the timings the reader notebooks mark, _ext/reader_notebooks.py).  A misspelt
# tag would do nothing, silently: a hidden cell would show, a slide would be missing.
TAGS = {"remove-cell", "remove-input", "remove-output", "hide-cell", "hide-input",
        "hide-output", "raises-exception", "skip-execution", "full-width", "margin",
        "scroll-output", "scroll-input", "slide", "slides-only", "timing"}
# Where a cell's tags are written: ":tags: [...]" (code cell options), "tags: [...]" (a code
# cell's --- block) or "+++ {...}" (a Markdown cell's metadata, JSON).
TAG_LINE = re.compile(r"^(?::tags:|tags:|\+\+\+)[ \t]*(.*)$", re.M)


def _bad_metadata_line(text):
    """The line number of the first cell metadata line whose tags are not a list of texts."""
    for m in TAG_LINE.finditer(text):
        if not m.group(1).strip():
            continue  # a bare +++: a new Markdown cell without metadata
        try:
            value = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            return text.count("\n", 0, m.start()) + 1
        if m.group(0).startswith("+++"):
            value = value.get("tags", []) if isinstance(value, dict) else None
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            return text.count("\n", 0, m.start()) + 1
    return None


def read(path):
    """A chapter as an ``nbformat`` notebook (version 4), read by myst-nb's own reader: the
    cells the book build executes and renders (jupyter-cache reads them with it too).

    ``ValueError`` names the file and the line of a cell whose options or metadata do not
    parse, or whose tags are not a list of the tags the book knows (:data:`TAGS`)."""
    from myst_nb.core.read import read_myst_markdown_notebook

    text = Path(path).read_text(encoding="utf-8")
    expected = ("expected a cell's tags as a list, :tags: [remove-cell] or "
                '+++ {"tags": ["remove-cell", "slides-only"]}')
    try:
        nb = read_myst_markdown_notebook(text, path=str(path), add_source_map=True)
    except Exception as err:  # myst-nb's MystMetadataParsingError, nbformat's validation
        line = _bad_metadata_line(text) or getattr(err, "lineno", None)
        where = f"{path}, line {line}" if line else str(path)
        reason = str(err).strip().split("\n")[0]
        raise ValueError(f"{where}: a cell's options do not parse ({reason}); {expected}") \
            from None
    lines = nb.metadata.pop("source_map")
    for cell, line in zip(nb.cells, lines):
        tags = cell.metadata.get("tags", [])
        unknown = sorted(set(tags) - TAGS) if isinstance(tags, list) else [tags]
        if unknown:
            raise ValueError(f"{path}, line {line}: unknown cell tag {unknown[0]!r}; expected "
                             f"tags among {', '.join(sorted(TAGS))}")
    return nb


def problems(root=ROOT):
    """Every chapter that would fail, or silently drop out of its deck, reader notebooks and
    buttons: front matter or cell options that do not parse, an unknown tag, a page with code
    cells but no kernelspec (read as a plain page).  One message each, naming the file."""
    found = []
    for page in pages(root):
        path = Path(root) / f"{page}.md"
        try:
            if is_chapter(source(page, root)):
                read(path)
            elif "```{code-cell}" in path.read_text(encoding="utf-8"):
                found.append(f"{path}, line 1: has code cells but no kernelspec in its front "
                             "matter, so it would not run and would drop out of its deck and "
                             "the reader notebooks; expected the jupytext header of a chapter "
                             "(kernelspec: python3)")
        except (ValueError, FileNotFoundError) as err:
            found.append(str(err))
    return found


def write(nb, path):
    """Write a notebook as a MyST Markdown chapter (what ``make chapter`` scaffolds)."""
    import jupytext

    jupytext.write(nb, Path(path), fmt="md:myst")


def markdown(path):
    """The Markdown cells of a chapter, joined: what the page states."""
    return "\n\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")


def tags(path):
    """The equation numbers a chapter states, in reading order."""
    return ANY_TAG.findall(markdown(path))


def is_mxnet_page(path):
    """Whether a chapter is an MXNet page (``<topic>_mxnet``, twin of ``<topic>_pytorch``)."""
    return Path(path).stem.endswith("_mxnet")


def twin(path):
    """The PyTorch twin's page name of an MXNet page (``scratch_mxnet`` -> ``scratch_pytorch``)."""
    return Path(path).stem[: -len("_mxnet")] + "_pytorch"


def runnable_notebooks(root=ROOT):
    """The chapters this platform can run: the MXNet pages need an MXNet wheel."""
    from lnn.frameworks import has_mxnet_wheel

    if has_mxnet_wheel():
        return notebooks(root)
    return [p for p in notebooks(root) if not is_mxnet_page(p)]


if __name__ == "__main__":
    if sys.argv[1:] != ["--notebooks"]:
        sys.exit("usage: python _ext/chapters.py --notebooks")
    runnable = runnable_notebooks()
    for path in notebooks():
        if path not in runnable:
            print(f"skipped {path.name}: MXNet 1.9.1 has no wheel for this platform",
                  file=sys.stderr)
    print("\n".join(str(p.relative_to(ROOT)) for p in runnable))
