"""The pages listed in _toc.yml, for the Makefile (nbmake) and the site checks.

`python tests/toc.py --notebooks` prints the notebooks, one per line.
"""

import sys
from pathlib import Path

import yaml

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


if __name__ == "__main__":
    if sys.argv[1:] != ["--notebooks"]:
        sys.exit("usage: python tests/toc.py --notebooks")
    print("\n".join(str(p.relative_to(ROOT)) for p in notebooks()))
