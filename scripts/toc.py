"""The pages listed in _toc.yml, for the Makefile (nbmake) and the site checks.

`python scripts/toc.py --notebooks` prints the notebooks to run, one per line: all of them,
except the MXNet pages on platforms where MXNet 1.9.1 has no wheel (as _ext/mxnet_pages.py
does for the book build).
"""

import fnmatch
import json
import re
import sys
from pathlib import Path

import yaml

from lnn.frameworks import MXNET_PAGES  # the MXNet pages, by name (lnn's one MXNet rule)

ROOT = Path(__file__).resolve().parents[1]


def _files(entries):
    for entry in entries or []:
        if "file" in entry:
            yield entry["file"]
        yield from _files(entry.get("sections"))
        yield from _files(entry.get("chapters"))
        for part in entry.get("parts", []):
            yield from _files(part.get("chapters"))


def pages():
    """Every page of the book as a path relative to the root, without extension."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *_files(toc.get("parts")), *_files(toc.get("chapters"))]


def source(page):
    """The source file of a page (.ipynb or .md)."""
    for ext in (".ipynb", ".md"):
        path = ROOT / (page + ext)
        if path.exists():
            return path
    raise FileNotFoundError(f"_toc.yml lists {page!r} but neither .ipynb nor .md exists")


def notebooks():
    """The notebooks of the book, in reading order."""
    return [source(p) for p in pages() if source(p).suffix == ".ipynb"]


def markdown(path):
    """The markdown cells of a notebook, joined: what the page states."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


# An equation's number, \tag{3.1.5}; see README "Adding a chapter" for the numbering rule.
TAG = re.compile(r"\\tag\{([^}]*)\}")


def tags(path):
    """The equation numbers a notebook states, in order."""
    return TAG.findall(markdown(path))


def runnable_notebooks():
    """The notebooks this platform can run: the MXNet pages need a MXNet wheel."""
    from lnn.frameworks import has_mxnet_wheel

    if has_mxnet_wheel():
        return notebooks()
    return [p for p in notebooks() if not fnmatch.fnmatch(p.name, MXNET_PAGES)]


if __name__ == "__main__":
    if sys.argv[1:] != ["--notebooks"]:
        sys.exit("usage: python scripts/toc.py --notebooks")
    runnable = runnable_notebooks()
    for path in notebooks():
        if path not in runnable:
            print(f"skipped {path.name}: MXNet 1.9.1 has no wheel for this platform",
                  file=sys.stderr)
    print("\n".join(str(p.relative_to(ROOT)) for p in runnable))
