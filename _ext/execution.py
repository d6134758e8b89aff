"""What a chapter's executed outputs depend on besides its own code, so that `make book`
re-executes and re-renders only what changed.

jupyter-cache keys a chapter's outputs on its code cells.  Two more inputs change them: the
``lnn`` package the chapters import, and the quiz questions a chapter's last cell reads
(``lnn.quiz.show("<name>", ...)`` -> ``book/quizzes/<name>.json``).  ``scripts/prerun.py``
records their hashes next to the cache and, before executing, drops the cached outputs of the
chapters whose inputs changed, saying why (:func:`stale`).  As a Sphinx extension this module
then has Sphinx re-read every chapter whose cached outputs are newer than its last reading,
so the page shows them (a page is otherwise re-read only when its own file changes).
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


def stale(paths, cache, root=ROOT):
    """Drop the cached outputs of the chapters (``paths``) whose inputs changed since they
    were executed; return ``[(path, [changed inputs])]`` for those dropped."""
    import chapters

    record_file = Path(cache.path) / "lnn-inputs.json"
    recorded = json.loads(record_file.read_text()) if record_file.exists() else {}
    dropped = []
    for path in paths:
        uri = str(Path(path).resolve())
        now = inputs(chapters.read(path), root)
        before = recorded.get(uri)
        record = cache.get_cached_project_nb(uri) if before != now else None
        if record is not None:
            cache.remove_cache(record.pk)
            changed = [k for k in sorted(now) if before is not None and before.get(k) != now[k]]
            dropped.append((path, changed or ["its record of them"]))
        recorded[uri] = now
    record_file.write_text(json.dumps(recorded, indent=1, sort_keys=True))
    return dropped


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
