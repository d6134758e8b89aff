"""`make bench`: measure the book as a product and print a markdown table.

What it measures, on a copy of the checkout in a temporary folder (your `_build` is not
touched) with the environment already installed:

- the clean build time (`make book` without its PDF: scripts/prerun.py executes every
  notebook in parallel, then `jupyter-book build -W -n --keep-going`),
- the no-change rebuild time (everything served from the execution cache),
- each notebook's execution time (recorded by jupyter-cache during the clean build),
- the size of each HTML page, the largest one, and the whole site,
- the live slider's recompute latency, from ``lnn.explorer.measure_live_latency()``.

It is a benchmark, not a test: nothing here asserts a time.  Usage:
`python scripts/bench.py [--keep]` (``--keep`` leaves the temporary copy for inspection).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import chapters

ROOT = chapters.ROOT
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def copy_checkout(dest):
    """Copy the files git knows about (tracked, or new and not ignored) into ``dest``."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_symlink() or not src.is_file():  # e.g. a .venv symlink, a deleted file
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)


def build(book, log):
    """Build the book in ``book`` as `make book` does before its PDF (the notebooks executed
    in parallel by scripts/prerun.py, then the HTML, decks and reader notebooks); return
    (seconds, exit code)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(book / "src"), str(book / "_ext")]))
    notebooks = [str(book / p.relative_to(ROOT)) for p in chapters.runnable_notebooks()]
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        rc = subprocess.call([sys.executable, str(book / "scripts" / "prerun.py"), *notebooks],
                             cwd=book, env=env, stdout=out, stderr=subprocess.STDOUT)
        if rc == 0:
            rc = subprocess.call(
                [str(JUPYTER_BOOK), "build", str(book), "-W", "-n", "--keep-going"],
                cwd=book, env=env, stdout=out, stderr=subprocess.STDOUT)
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
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="lnn-bench-"))
    book = tmp / "book-copy"
    book.mkdir()
    copy_checkout(book)
    # The offline assets (MathJax, the widget manager) come from the checkout's `npm ci`.
    (book / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    print(f"benchmarking a copy of {ROOT} in {book} "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f})", file=sys.stderr)

    rows = []
    clean_s, clean_rc = build(book, tmp / "clean-build.log")
    rows.append(("clean build (environment present)",
                 outcome(clean_s, clean_rc, tmp / "clean-build.log")))
    again_s, again_rc = build(book, tmp / "rebuild.log")
    rows.append(("no-change rebuild", outcome(again_s, again_rc, tmp / "rebuild.log")))

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

    print("| measure | value |")
    print("| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")

    ok = clean_rc == 0 and again_rc == 0
    if args.keep or not ok:  # a failed build keeps its logs
        print(f"kept {tmp}", file=sys.stderr)
    else:
        shutil.rmtree(tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
