"""`make bench`: measure the book as a product and print a markdown table.

What it measures, on a copy of the checkout in a temporary folder (your `_build` is not
touched) with the environments already installed (the copy links to them):

- `make book` from clean (every chapter executed in parallel, the HTML, decks, reader
  notebooks and the PDF), again with nothing changed, after a quiz edit (one chapter
  re-executed) and after a prose edit of one chapter (nothing re-executed; the PDF re-prints
  that chapter's pages only, scripts/book_pdf.py), with what the PDF step printed,
- each notebook's execution time (recorded by jupyter-cache during the clean build),
- the size of each HTML page, the largest one, and the whole site,
- the live slider's recompute latency, from ``lnn.explorer.measure_live_latency()``,
- for every page and deck, what a reader's browser pays (scripts/bench_site.py): bytes and
  requests on a first visit, bytes on a second, the time to the final layout, and
  Lighthouse's mobile performance score, each beside its target,
- with ``--full``: `make test` in the copy (environments present), and `.ci/run` on a fresh
  `git clone` of HEAD, which creates every environment itself (warm pip and npm caches).

It is a benchmark, not a test: nothing here asserts a time.  Usage:
`python scripts/bench.py [--keep] [--full]` (``--keep`` leaves the copy for inspection).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_site
import chapters

ROOT = chapters.ROOT
# The environments `make` would otherwise create in the copy (absent ones are created).
ENVIRONMENTS = (".venv", ".venv-colab", ".venv-colab-mxnet", "node_modules")


def copy_checkout(dest):
    """Copy the files git knows about (tracked, or new and not ignored) into ``dest``, and
    commit them there: a checkout is a git repository (make test in the copy copies it again,
    tests/site/test_new_chapter.py, and installs lnn from the commit on the Colab stand-in)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_symlink() or not src.is_file():  # e.g. a .venv symlink, a deleted file
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)
    subprocess.run(["git", "init", "--quiet", str(dest)], check=True)
    subprocess.run(["git", "add", "--all"], cwd=dest, check=True)
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost",
                    "commit", "--quiet", "--no-verify", "-m", "copy"], cwd=dest, check=True)


def timed(command, cwd, log):
    """Run ``command`` (a list) in ``cwd``; return (seconds, exit code), output to ``log``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MAKEFLAGS")}
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        rc = subprocess.call(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    return time.perf_counter() - start, rc


def execution_seconds(book):
    """``{notebook path relative to book: seconds}`` from the build's jupyter-cache."""
    from jupyter_cache import get_cache

    cache = get_cache(book / "_build" / ".jupyter_cache")
    times = {}
    for record in cache.list_cache_records():
        seconds = (record.data or {}).get("execution_seconds")
        if seconds is not None:
            times[str(Path(record.uri).resolve().relative_to(book.resolve()))] = seconds
    return times


def live_latency():
    """Median and maximum per-move latency of the live slider, or why there is none."""
    try:
        from lnn.explorer import measure_live_latency
    except ImportError:
        return "n/a (explorer not present)"
    moves = list(measure_live_latency())
    if not moves:
        return "n/a (no slider moves measured)"
    return (f"median {statistics.median(moves) * 1e3:.0f} ms, max {max(moves) * 1e3:.0f} ms "
            f"over {len(moves)} moves")


def kib(nbytes):
    return f"{nbytes / 1024:,.0f} KiB"


def outcome(seconds, rc, log):
    return f"{seconds:.1f} s" + ("" if rc == 0 else f" (FAILED, exit {rc}: see {log})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    parser.add_argument("--full", action="store_true",
                        help="also time make test, and .ci/run on a fresh clone")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="lnn-bench-"))
    book = tmp / "book-copy"
    book.mkdir()
    copy_checkout(book)
    for name in ENVIRONMENTS:
        if (ROOT / name).is_dir():
            (book / name).symlink_to(ROOT / name, target_is_directory=True)
    print(f"benchmarking a copy of {ROOT} in {book} "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f})", file=sys.stderr)

    rows, codes = [], []

    def measure(name, command, cwd=book):
        log = tmp / (re.sub(r"\W+", "-", name.split()[0]).strip("-") + f"-{len(rows)}.log")
        seconds, rc = timed(command, cwd, log)
        rows.append((name, outcome(seconds, rc, log)))
        codes.append(rc)

    measure("`make book`, clean (environments present)", ["make", "book"])
    measure("`make book`, nothing changed", ["make", "book"])
    quiz = sorted((book / "book" / "quizzes").glob("*.json"))[0]
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    measure(f"`make book` after an edit of `{quiz.name}`", ["make", "book"])
    chapter = next(p for p in chapters.notebooks(book) if "**Overview.**" in p.read_text("utf-8"))
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "**Overview.**", "**Overview.** In short:", 1), encoding="utf-8")
    measure(f"`make book` after a prose edit of `{chapter.name}`", ["make", "book"])
    pdf_line = [line for line in (tmp / f"make-{len(rows) - 1}.log").read_text(
        encoding="utf-8").splitlines() if "lnn-book.pdf:" in line]
    rows.append(("its PDF step", pdf_line[-1] if pdf_line else "no PDF line in the log"))

    executed = execution_seconds(book)
    for path in chapters.notebooks():
        rel = str(path.relative_to(ROOT))
        seconds = executed.get(rel)
        rows.append((f"execution of `{rel}`",
                     "not in the cache" if seconds is None else f"{seconds:.1f} s"))
    if executed:
        rows.append(("execution, all notebooks", f"{sum(executed.values()):.1f} s"))

    html = book / "_build" / "html"
    sizes = {}
    for page in chapters.pages():
        page_file = html / f"{page}.html"
        sizes[page] = page_file.stat().st_size if page_file.exists() else None
        rows.append((f"HTML size of `{page}.html`",
                     "missing" if sizes[page] is None else kib(sizes[page])))
    built = {p: s for p, s in sizes.items() if s is not None}
    if built:
        largest = max(built, key=built.get)
        rows.append(("largest HTML page", f"`{largest}.html`, {kib(built[largest])}"))
    if html.exists():
        total = sum(f.stat().st_size for f in html.rglob("*") if f.is_file())
        rows.append(("whole site (`_build/html`)", kib(total)))

    rows.append(("live slider recompute latency", live_latency()))
    site = bench_site.measure(html) if html.exists() else {}

    if args.full:
        measure("`make test` (environments present)", ["make", "test"])
        clone = tmp / "fresh-clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        measure("`.ci/run` on a fresh clone", [".ci/run"], cwd=clone)

    print("| measure | value |")
    print("| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if site:
        print("\nWhat a reader's browser pays, page by page (scripts/bench_site.py):\n")
        print(bench_site.table(site))

    ok = not any(codes)
    if args.keep or not ok:  # a failed build keeps its logs
        print(f"kept {tmp}", file=sys.stderr)
    else:
        shutil.rmtree(tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
