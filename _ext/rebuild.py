"""Sphinx extension: an incremental build writes what a clean build would write.

Sphinx re-reads a page when its own file changed and writes only the pages it re-read, but
a page also shows what other pages and shared files hold: the sidebar and the previous/next
links (every page's title, _toc.yml's order and captions), the text of a ``{ref}`` (the
section title of another page), a ``{term}``'s target in the glossary, a citation's label
(the bibliography), an equation's number, the deck a Slides link opens, and the course's
facts (_config.yml).  So, after the pages that changed are read, this compares all of that
with what the last build saw and, when anything differs, has every page written again; and
when a shared file changed (_toc.yml, _config.yml, a bibliography), every page is read again
first, since a page may use it while it is read (a substitution, a citation).
"""

import hashlib
import json
from pathlib import Path


def _digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def shared_files(app):
    """The files every page may depend on while it is read, with their contents' digests."""
    names = ["_toc.yml", "_config.yml", *app.config.bibtex_bibfiles]
    root = Path(app.srcdir)
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest()
            for name in names if (root / name).is_file()}


def shared_state(env):
    """What a page can show of other pages, once every page is read."""
    std, math = env.get_domain("std"), env.get_domain("math")
    return {
        "titles": {doc: title.astext() for doc, title in env.titles.items()},
        "toctrees": env.toctree_includes,
        "labels": std.labels,
        "anonlabels": std.anonlabels,
        "objects": {repr(key): value for key, value in std.objects.items()},  # terms
        "equations": math.equations,
    }


def _reread_all(app, env, added, changed, removed):
    files = shared_files(app)
    before, env.lnn_shared_files = getattr(env, "lnn_shared_files", None), files
    return sorted(env.found_docs) if before is not None and before != files else []


def _rewrite_all(app, env):
    state = _digest(shared_state(env))
    before, env.lnn_shared_state = getattr(env, "lnn_shared_state", None), state
    return sorted(env.found_docs) if before is not None and before != state else []


def setup(app):
    app.connect("env-get-outdated", _reread_all)
    app.connect("env-updated", _rewrite_all)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
