"""What a chapter's executed outputs depend on besides its own code, so that `make book`
re-executes and re-renders only what changed.

jupyter-cache keys a chapter's outputs on its code cells.  Two more inputs change them: the
``lnn`` package the chapters import, and the quiz questions a chapter's last cell reads
(``lnn.quiz.show("<name>", ...)`` -> ``book/quizzes/<name>.json``).  ``scripts/prerun.py``
records their hashes with each cached result and, before executing, drops the result a
chapter would reuse when it was executed with other inputs, saying why (:func:`stale`,
:func:`record`).  As a Sphinx extension this module then has Sphinx re-read every chapter
whose cached outputs are newer than its last reading, so the page shows them (a page is
otherwise re-read only when its own file changes).
"""

import hashlib
import json
import re
from datetime import timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
QUIZ = re.compile(r"""lnn\.quiz\.show\(\s*["']([\w-]+)["']""")


def _digest(paths):
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def inputs(nb, root=ROOT):
    """``{input: hash}`` of what the chapter ``nb`` (a notebook) reads besides its code."""
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    found = {"src/lnn": _digest(Path(root, "src", "lnn").glob("*.py"))}
    for name in QUIZ.findall(code):
        quiz = Path(root, "book", "quizzes", f"{name}.json")
        found[quiz.relative_to(root).as_posix()] = _digest([quiz]) if quiz.exists() else ""
    return found


def _records(cache):
    record_file = Path(cache.path) / "lnn-inputs.json"
    return record_file, json.loads(record_file.read_text()) if record_file.exists() else {}


def stale(paths, cache, root=ROOT):
    """Drop the cached result that each chapter (``paths``) would reuse when it was executed
    with other inputs than the chapter has now; return ``[(path, [changed inputs])]`` for
    those dropped.

    jupyter-cache reuses a result for any version of a chapter's code it has run, so the
    inputs are recorded with each result (by its code's hash, :func:`record`), not once per
    chapter: code A run with lnn 1, then code B with lnn 2, then A again must not show A's
    outputs of lnn 1."""
    import chapters

    _, recorded = _records(cache)
    dropped = []
    for path in paths:
        result = cache.get_cached_project_nb(str(Path(path).resolve()))
        if result is None:
            continue
        now, before = inputs(chapters.read(path), root), recorded.get(result.hashkey)
        if before != now:
            cache.remove_cache(result.pk)
            changed = [k for k in sorted(now) if before and before.get(k) != now[k]]
            dropped.append((path, changed or ["its record of them"]))
    return dropped


def record(paths, cache, root=ROOT):
    """Record, with each chapter's cached result, the inputs it was executed with."""
    import chapters

    record_file, recorded = _records(cache)
    for path in paths:
        result = cache.get_cached_project_nb(str(Path(path).resolve()))
        if result is not None:  # unchanged since stale(), or executed with these inputs now
            recorded[result.hashkey] = inputs(chapters.read(path), root)
    kept = {r.hashkey for r in cache.list_cache_records()}
    record_file.write_text(json.dumps({k: v for k, v in recorded.items() if k in kept},
                                      indent=1, sort_keys=True))


def _reread_executed(app, env, added, changed, removed):
    """The chapters whose cached outputs are newer than Sphinx's last reading of them."""
    from jupyter_cache import get_cache

    path = Path(app.outdir).parent / ".jupyter_cache"
    if not path.is_dir():
        return []
    cache = get_cache(str(path))
    outdated = []
    for docname, read_at in env.all_docs.items():
        if docname in changed:
            continue
        try:
            record = cache.get_cached_project_nb(str(Path(env.doc2path(docname)).resolve()))
        except KeyError:  # not a chapter
            continue
        created = record.created.replace(tzinfo=timezone.utc).timestamp() if record else 0
        if created * 1e6 > read_at:  # all_docs holds microseconds
            outdated.append(docname)
    return outdated


def setup(app):
    app.connect("env-get-outdated", _reread_executed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
