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
    """The YAML front matter of a Markdown file, as a dict ({} without one)."""
    text = Path(path).read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (yaml.safe_load(m.group(1)) or {}) if m else {}


def is_chapter(path):
    """Whether the file is a MyST Markdown notebook (its front matter names a kernel)."""
    return "kernelspec" in front_matter(path)


def notebooks(root=ROOT):
    """The chapters of the book (MyST Markdown notebooks), in reading order."""
    return [path for path in map(lambda p: source(p, root), pages(root)) if is_chapter(path)]


def read(path):
    """A chapter as an ``nbformat`` notebook (version 4), read by myst-nb's own reader: the
    cells the book build executes and renders (jupyter-cache reads them with it too)."""
    from myst_nb.core.read import read_myst_markdown_notebook

    return read_myst_markdown_notebook(Path(path).read_text(encoding="utf-8"), path=str(path))


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
