"""Point every notebook's Colab setup cell at the repository named in _config.yml.

The setup cell (the hidden second cell of each chapter) installs lnn on Colab with
``pip install "lnn @ git+<repository.url>@<repository.branch>"``.  A fork sets
``repository.url`` (and ``branch``) in _config.yml and runs ``make sync-repo``; the launch
buttons read _config.yml directly.  ``--check`` only reports notebooks that disagree.
"""

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# git+https://github.com/owner/name@branch inside the setup cell's pip argument
GIT_URL = re.compile(r"git\+(?P<url>[^\s@\"']+)@(?P<branch>[^\s\"'#]+)")


def configured(root=ROOT):
    """(url, branch) from _config.yml's repository section."""
    repo = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["repository"]
    return repo["url"].rstrip("/"), str(repo.get("branch", "main"))


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def setup_cells(nb):
    """The code cells that install lnn from git (tagged remove-cell)."""
    return [c for c in nb["cells"] if c["cell_type"] == "code" and GIT_URL.search(source(c))
            and "remove-cell" in c["metadata"].get("tags", [])]


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def write(nb, path):
    # The layout nbformat writes (and the notebooks are committed in): no spurious diffs.
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def notebooks(root=ROOT):
    return sorted((root / "book").glob("**/*.ipynb"))


def sync(root=ROOT, check=False):
    """Rewrite (or with check, only list) the notebooks whose setup cell differs."""
    url, branch = configured(root)
    stale = []
    for path in notebooks(root):
        nb = read(path)
        changed = False
        for cell in setup_cells(nb):
            old = source(cell)
            new = GIT_URL.sub(f"git+{url}@{branch}", old)
            changed |= new != old
            cell["source"] = new.splitlines(keepends=True)
        if changed:
            stale.append(path.relative_to(root))
            if not check:
                write(nb, path)
    return stale


if __name__ == "__main__":
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] not in ([], ["--check"]):
        sys.exit("usage: python scripts/sync_repo.py [--check]")
    stale = sync(check=check)
    url, branch = configured()
    for path in stale:
        print(f"{'differs from' if check else 'now installs'} {url}@{branch}: {path}")
    if not stale:
        print(f"every setup cell installs lnn from {url}@{branch}")
    sys.exit(1 if check and stale else 0)
