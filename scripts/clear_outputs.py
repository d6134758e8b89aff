"""Strip outputs, execution counts and saved widget state from the book's notebooks.

`make clear-outputs` runs it before a commit: notebooks are stored without outputs (they are
executed when the book is built) and tests/unit/test_notebooks_clean.py checks it.
"""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def clear(path):
    """Clear one notebook in place; return whether it changed."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    if nbformat.writes(nb) == before:
        return False
    nbformat.write(nb, path)
    return True


def main(paths):
    paths = [Path(p) for p in paths] or sorted((ROOT / "book").glob("**/*.ipynb"))
    for path in paths:
        if clear(path):
            print(f"cleared {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
