"""Sphinx extension: the site serves MathJax 3 and the Jupyter widget manager itself.

By default the pages load both from CDNs, so the book breaks without a connection.  `make
book` runs `npm ci` (package.json and package-lock.json pin the exact versions); this
extension copies the files the pages load from node_modules/ into _build/offline/, which
_config.yml's `html_extra_path` copies into _build/html:

    _static/mathjax/   MathJax 3 (`mathjax_path` points here)
    _static/widgets/   the widget manager's standalone embed.js (`nb_ipywidgets_js`)
    _static/reveal/    reveal.js, its math and notes plugins (the lecture decks, _ext/slides)
    _static/tooltips/  Popper and tippy.js, which show sphinx-tippy's previews (`tippy_js`)

They are not in the book's own _static/ folder because Jupyter Book 1 adds every .js and
.css file found there to every page.  All paths are relative, so the site also works from
file:// (a USB stick).
"""

import hashlib
import json
import pickle
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
STAGE = ROOT / "_build" / "offline"  # = html_extra_path in _config.yml
LOCK = ROOT / "package-lock.json"

MATHJAX = "node_modules/mathjax"
MANAGER = "node_modules/@jupyter-widgets/html-manager"
REVEAL = "node_modules/reveal.js"
POPPER = "node_modules/@popperjs/core"
TIPPY = "node_modules/tippy.js"

# (source under the repo root, destination under the site root); folders are copied whole.
COPIES = [
    # MathJax loads its components relative to this script, so the combined file needs the
    # component folders next to it (input extensions, fonts, the menu, accessibility).
    *[(f"{MATHJAX}/es5/{name}", f"_static/mathjax/{name}")
      for name in ("tex-mml-chtml.js", "input", "output", "ui", "a11y", "sre", "adaptors")],
    (f"{MATHJAX}/LICENSE", "_static/mathjax/LICENSE"),
    (f"{MATHJAX}/package.json", "_static/mathjax/package.json"),
    # embed.js is standalone (no require.js); embed-amd.js would fetch fonts from a fixed root.
    (f"{MANAGER}/dist/embed.js", "_static/widgets/embed.js"),
    (f"{MANAGER}/dist/embed.js.LICENSE.txt", "_static/widgets/embed.js.LICENSE.txt"),
    (f"{MANAGER}/package.json", "_static/widgets/package.json"),
    # The decks' theme is white.css with its local fonts (other themes import web fonts).
    *[(f"{REVEAL}/{name}", f"_static/reveal/{name}")
      for name in ("dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme/white.css",
                   "dist/theme/fonts/source-sans-pro", "plugin/math/math.js",
                   "plugin/notes/notes.js", "LICENSE", "package.json")],
    # The previews on hover: the builds sphinx-tippy loads from unpkg by default (the
    # bundle carries tippy's stylesheet); Popper first, tippy.js uses it.
    (f"{POPPER}/dist/umd/popper.min.js", "_static/tooltips/popper.min.js"),
    (f"{POPPER}/LICENSE.md", "_static/tooltips/popper.LICENSE.md"),
    (f"{TIPPY}/dist/tippy-bundle.umd.min.js", "_static/tooltips/tippy-bundle.umd.min.js"),
    (f"{TIPPY}/LICENSE", "_static/tooltips/tippy.LICENSE"),
]
# embed.js finds its Font Awesome fonts next to itself; browsers take the woff2 files.
FONT_GLOBS = ("*.woff2", "*.woff")


def _locked_versions():
    packages = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]
    return {path: packages[path]["version"] for path in (MATHJAX, MANAGER, REVEAL, POPPER, TIPPY)}


def _check_installed():
    for path, version in _locked_versions().items():
        manifest = ROOT / path / "package.json"
        found = json.loads(manifest.read_text())["version"] if manifest.exists() else None
        if found != version:
            raise ExtensionError(
                f"{path} is {'missing' if found is None else found}, package-lock.json pins "
                f"{version}: run `npm ci` (`make book` does it)")


def stage(app=None, config=None):
    """Fill _build/offline/ from node_modules/ unless it is already there for this lock."""
    _check_installed()
    # What was copied (the lock and this file), kept beside the stage so it is not deployed.
    stamp = STAGE.with_name("offline.sha256")
    digest = hashlib.sha256(LOCK.read_bytes() + Path(__file__).read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    shutil.rmtree(STAGE, ignore_errors=True)
    for src, dst in COPIES:
        src, dst = ROOT / src, STAGE / dst
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    for pattern in FONT_GLOBS:
        for font in (ROOT / MANAGER / "dist").glob(pattern):
            shutil.copy2(font, STAGE / "_static" / "widgets" / font.name)
    stamp.write_text(digest)


def drop_readded_inline_scripts(app, env):
    """Keep each inline script once (a Sphinx 7.4 bug, not an asset of ours).

    Before writing, Sphinx 7.4 re-adds every registered script with the file name '' instead
    of None, so inline scripts added by extensions after the builder started appear twice.
    sphinx-thebe's `const THEBE_JS_URL = ...` then throws "Identifier 'THEBE_JS_URL' has
    already been declared" on every page.  The builder already holds those scripts.
    """
    if hasattr(app.builder, "add_js_file"):
        app.registry.js_files[:] = [(name, attrs) for name, attrs in app.registry.js_files
                                    if name]


def stable_preview_scripts():
    """sphinx-tippy names each page's previews ``_static/tippy/<page>.<uuid4>.js``: a new
    name on every build, and it removes the old files of top-level pages only.  One name per
    page instead, so that two builds of the same book write the same site."""
    import sphinx_tippy

    sphinx_tippy.uuid4 = lambda: "previews"


# sphinx-tippy gathers what each page offers to previews while the page is written, after
# Sphinx has saved its environment: an incremental build, which writes only the changed
# pages, would know nothing of the others and give their links no preview.  Kept here.
PREVIEW_DATA = "tippy_data.pickle"


def restore_preview_data(app):
    """Every page's preview data as the last build left it (the environment Sphinx saved may
    hold some pages' from an earlier build); the pages written now replace theirs."""
    path = Path(app.doctreedir) / PREVIEW_DATA
    if path.exists():
        saved = pickle.loads(path.read_bytes())["pages"]
        data = getattr(app.env, "tippy_data", None) or {"pages": {}, "wiki_titles": set()}
        data["pages"].update((name, page) for name, page in saved.items()
                             if name in app.env.all_docs)
        app.env.tippy_data = data


def keep_preview_data(app, exception):
    if exception is None and hasattr(app.env, "tippy_data"):
        (Path(app.doctreedir) / PREVIEW_DATA).write_bytes(pickle.dumps(app.env.tippy_data))


def setup(app):
    stable_preview_scripts()
    app.connect("builder-inited", restore_preview_data)
    app.connect("build-finished", keep_preview_data)
    # Before Sphinx checks that every html_extra_path entry exists (priority 800).
    app.connect("config-inited", stage, priority=100)
    app.connect("env-updated", drop_readded_inline_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
