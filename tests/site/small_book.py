"""A small book made the instructor's way, for the tests that build a book of their own
(test_incremental_build.py): a copy of the checkout whose table of contents keeps the intro
and the Reference pages, to which `make chapter` adds three chapters: "closing", which starts
part 3.1 (its deck ends with its Summary slide), "alpha" in that existing part, and "beta",
which starts part 3.2 and its deck.  The scaffolded chapters execute in seconds; the
mechanisms of the build are those of the whole book.

The copy shares the checkout's .venv and node_modules (symlinks) and imports its own lnn and
_ext (PYTHONPATH).  :func:`build` is `make book` without its PDF (scripts/book_pdf.py prints
the pages, so the PDF follows the pages: tested where it is printed).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import chapters
import yaml
from bench import copy_checkout

SCAFFOLD = [("closing", "Closing chapter", {"PART": "3.1 Linear regression"}),
            ("alpha", "Alpha chapter", {}),
            ("beta", "Beta chapter", {"PART": "3.2 A new part"})]
# Already installed here: make must not reinstall them into the shared .venv from the copy.
KEEP = ["-o", ".venv/.installed", "-o", "node_modules/.installed"]
# What a build writes that the tests compare: the pages, the decks, the reader notebooks.
OUTPUTS = ["_build/html/book/*.html", "_build/html/slides/*", "_build/reader/book/*.ipynb"]


def env(root):
    keep = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    return {**keep, "PYTHONPATH": f"{root / 'src'}:{root / '_ext'}"}


def run(cmd, root):
    done = subprocess.run(cmd, cwd=root, env=env(root), capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))}:\n{done.stdout[-3000:]}\n" \
                                 f"{done.stderr[-5000:]}"
    return done


def make(root):
    """The small book's sources in ``root``, its chapters scaffolded by `make chapter`."""
    copy_checkout(root)
    for shared in (".venv", "node_modules"):
        (root / shared).symlink_to(chapters.ROOT / shared)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    toc["parts"] = [p for p in toc["parts"] if not any(
        chapters.is_chapter(root / f"{c['file']}.md") for c in p["chapters"])]
    (root / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    slide_map = root / "book" / "slide_map.yml"
    entries = yaml.safe_load(slide_map.read_text(encoding="utf-8"))
    entries["slides"] = [e for e in entries["slides"] if e["page"] == "intro"]
    slide_map.write_text(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True),
                         encoding="utf-8")
    for name, title, more in SCAFFOLD:
        run(["make", *KEEP, "chapter", f"NAME={name}", f"TITLE={title}",
             *(f"{k}={v}" for k, v in more.items())], root)
    # The whole book's chapters and quizzes go (make chapter took the notebook metadata from
    # the first chapter).
    for path in chapters.notebooks(chapters.ROOT):
        (root / "book" / path.name).unlink()
    for path in (root / "book" / "quizzes").glob("*.json"):
        if path.stem not in [name for name, _, _ in SCAFFOLD]:
            path.unlink()
    return root


def build(root):
    """`make book` without the PDF: the notebooks executed into the cache, then the book."""
    notebooks = [str(p.relative_to(root)) for p in chapters.runnable_notebooks(root)]
    run([root / ".venv" / "bin" / "python", "scripts/prerun.py", *notebooks], root)
    return run([root / ".venv" / "bin" / "jupyter-book", "build", ".", "-W", "-n",
                "--keep-going", "-q"], root)


def clean_copy(root, dest, keep_cache):
    """``root``'s sources in ``dest``, built from nothing but the site's staged browser
    assets (a copy of node_modules) and, with ``keep_cache``, the execution cache."""
    shutil.copytree(root, dest, symlinks=True, ignore=shutil.ignore_patterns("_build"))
    for kept in ["offline", "offline.sha256"] + [".jupyter_cache"] * keep_cache:
        src = root / "_build" / kept
        copy = shutil.copytree if src.is_dir() else shutil.copy2
        if src.exists():
            (dest / "_build").mkdir(exist_ok=True)
            copy(src, dest / "_build" / kept)
    return dest


# Sphinx adds ?v=<checksum> to a stylesheet's link only when the file is already in the
# output when the page is written; myst-nb writes its own at the end of a build, so the pages
# of a build from nothing link it without one: the same file, no reader sees a difference.
CHECKSUM = re.compile(rb"\?v=[0-9a-f]{8}")


def outputs(root):
    """{path: bytes} of what a build wrote that the reader sees."""
    return {str(p.relative_to(root)): CHECKSUM.sub(b"", p.read_bytes())
            for pattern in OUTPUTS for p in sorted(Path(root).glob(pattern)) if p.is_file()}
