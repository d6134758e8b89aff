"""Execute the book's notebooks in parallel into the build's execution cache.

`make book` runs this before `jupyter-book build`: myst-nb (``execute_notebooks: cache``)
then finds every notebook already executed in ``_build/.jupyter_cache`` and only renders
it, instead of executing the notebooks one after another.  jupyter-cache's own
``local-parallel`` executor does the work (one process per CPU); like myst-nb it skips the
notebooks whose code has not changed since they were cached, and ``execution.stale`` first
drops those whose other inputs (``lnn``, their quiz's questions) changed.

Usage: ``python scripts/prerun.py [NOTEBOOK...]`` (the Makefile passes those of _toc.yml
that this platform can run; without any, this reads them from _toc.yml).  Before anything
executes, what an instructor writes is checked (:func:`check`): the course's facts, the quiz
files, the slides' markup, every chapter's front matter and cell tags; each slip is reported
naming its file and line, and the exit status is 1.  A notebook that fails is reported with
its traceback and the exit status is 1, before the book build would run it a second time.
"""

import sys
from pathlib import Path

import chapters
import course
import execution
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
READER = {"name": "myst_nb_md", "type": "plugin"}  # chapters.read's reader, as a plugin


def prerun(notebooks, cache_path=CACHE):
    """Execute the notebooks that are not cached yet; return the URIs that failed."""
    cache = get_cache(str(cache_path))
    for path in notebooks:
        # The chapters are MyST Markdown: read with myst-nb's reader, as the build reads them.
        cache.add_nb_to_project(str(Path(path).resolve()), read_data=READER)
    for path, changed in execution.stale(notebooks, cache):
        print(f"{path}: re-executing, {' and '.join(changed)} changed", file=sys.stderr)
    executor = load_executor("local-parallel", cache=cache)
    execute = _execute_settings()
    result = executor.run_and_cache(
        filter_uris=[str(Path(p).resolve()) for p in notebooks],
        timeout=execute.get("timeout", 30), allow_errors=execute.get("allow_errors", False))
    execution.record(notebooks, cache)
    failed = result.errored + result.excepted
    for uri in failed:
        record = cache.get_project_record(uri)
        print(f"{uri} failed:\n{record.traceback}", file=sys.stderr)
    return failed


def _execute_settings(root=ROOT):
    """``execute:`` of _config.yml (timeout, allow_errors), as the book build reads it."""
    import yaml

    config = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8"))
    return config.get("execute") or {}


def check(root=ROOT):
    """Every slip in what an instructor writes, one message each (none: ``[]``), found before
    any chapter runs: the book build would otherwise stop on them after minutes of execution,
    or not at all (a chapter whose front matter lost its kernelspec drops out silently)."""
    import validate_sources

    found = []
    try:
        course.load(root)
    except ValueError as err:
        found.append(str(err))
    return found + validate_sources.problems(root) + chapters.problems(root)


def main(notebooks):
    found = check()
    if found:
        print("fix these and build again:", *found, sep="\n", file=sys.stderr)
        return 1
    return 1 if prerun(notebooks or chapters.runnable_notebooks()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
