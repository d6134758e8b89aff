"""Sphinx extension: the site serves its browser assets itself, and only the icons it shows.

By default the pages load their assets from CDNs, so the book breaks without a connection.
`make book` runs `npm ci` (package.json and package-lock.json pin the exact versions); this
extension copies the files the pages load from node_modules/ into _build/offline/, which
_config.yml's `html_extra_path` copies into _build/html:

    _static/katex/     KaTeX's stylesheet and fonts (the math, drawn at build time by
                       _ext/katex_math.py with the same KaTeX)
    _static/widgets/   the widget manager's standalone embed.js (`nb_ipywidgets_js`)
    _static/reveal/    reveal.js and its notes plugin (the lecture decks, _ext/slides)
    _static/tooltips/  Popper and tippy.js, which show sphinx-tippy's previews (`tippy_js`)

They are not in the book's own _static/ folder because Jupyter Book 1 adds every .js and
.css file found there to every page.  All paths are relative, so the site also works from
file:// (a USB stick).  Another package's files: a line in COPIES and, for the version
check, its folder in PACKAGES.

Icons: the theme draws them with Font Awesome's webfonts (its stylesheet holds the rules; its
1.5 MB fontawesome.js is left out by _templates/static/webpack-macros.html).  After the HTML
build, :func:`subset_icons` cuts the webfonts down to the icons the built pages and the
theme's scripts and styles name (fontawesome-subset, _ext/icons.js) and drops the other
icons' rules from the theme's stylesheet.
"""

import hashlib
import json
import pickle
import re
import shutil
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
STAGE = ROOT / "_build" / "offline"  # = html_extra_path in _config.yml
LOCK = ROOT / "package-lock.json"

KATEX = "node_modules/katex"
MANAGER = "node_modules/@jupyter-widgets/html-manager"
REVEAL = "node_modules/reveal.js"
FONTAWESOME = "node_modules/@fortawesome/fontawesome-free"
POPPER = "node_modules/@popperjs/core"
TIPPY = "node_modules/tippy.js"
# The packages whose installed version must be the lock's.
PACKAGES = (KATEX, MANAGER, REVEAL, FONTAWESOME, POPPER, TIPPY)

# (source under the repo root, destination under the site root); folders are copied whole.
COPIES = [
    # KaTeX's stylesheet finds its fonts in fonts/ next to it; a browser fetches only the
    # woff2 files of the fonts a page uses.
    (f"{KATEX}/dist/katex.min.css", "_static/katex/katex.min.css"),
    (f"{KATEX}/dist/fonts", "_static/katex/fonts"),
    (f"{KATEX}/LICENSE", "_static/katex/LICENSE"),
    (f"{KATEX}/package.json", "_static/katex/package.json"),
    # embed.js is standalone (no require.js); embed-amd.js would fetch fonts from a fixed root.
    (f"{MANAGER}/dist/embed.js", "_static/widgets/embed.js"),
    (f"{MANAGER}/dist/embed.js.LICENSE.txt", "_static/widgets/embed.js.LICENSE.txt"),
    (f"{MANAGER}/package.json", "_static/widgets/package.json"),
    # The decks' theme is white.css with its local fonts (other themes import web fonts).
    *[(f"{REVEAL}/{name}", f"_static/reveal/{name}")
      for name in ("dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme/white.css",
                   "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js", "LICENSE",
                   "package.json")],
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
    return {path: packages[path]["version"] for path in PACKAGES}


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


# Font Awesome in the built site: the theme's webfonts and stylesheet.
WEBFONTS = "_static/vendor/fontawesome/webfonts"
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
ICONS_JS = ROOT / "_ext" / "icons.js"
# An icon named in a class attribute or a script ("fa-solid fa-sun"), and the code points
# of the icons the theme's stylesheet draws by itself (admonitions: --pst-icon-note: "\f05a").
ICON_CLASS = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
ICON_VARIABLE = re.compile(r'--pst-icon-[a-z-]+:\s*"\\(f[0-9a-f]{3})"')
# One rule of Font Awesome's stylesheet that gives icons their glyph.
ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:[^}]*\}")


def icons_named(site):
    """The Font Awesome names and code points that the built ``site`` uses."""
    names = set()
    for path in [*site.rglob("*.html"), *(site / "_static").rglob("*.js")]:
        if "reveal" in path.parts or "widgets" in path.parts:
            continue  # the decks show no icons; the widget manager brings its own fonts
        names |= set(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="ignore")))
    css = (site / THEME_CSS).read_text(encoding="utf-8")
    return names | set(ICON_VARIABLE.findall(css))


def subset_icons(app, exception):
    """Only the icons the site shows (see the module): the webfonts cut to them (made once
    per set of icons, kept in _build/offline-icons/) and the other icons' rules dropped."""
    if exception is not None or app.builder.format != "html":
        return
    site = Path(app.outdir)
    names = sorted(icons_named(site))
    digest = hashlib.sha256(json.dumps(names).encode() + LOCK.read_bytes()
                            + ICONS_JS.read_bytes()).hexdigest()[:16]
    fonts = STAGE.with_name("offline-icons") / digest
    if not (fonts / "kept.json").exists():
        shutil.rmtree(fonts.parent, ignore_errors=True)
        fonts.mkdir(parents=True)
        run = subprocess.run(["node", str(ICONS_JS), str(fonts)], input=json.dumps(
            {"names": names}), capture_output=True, text=True, cwd=ROOT)
        if run.returncode:
            raise ExtensionError(f"_ext/icons.js failed: {run.stderr.strip()}")
        (fonts / "kept.json").write_text(run.stdout, encoding="utf-8")
    for font in fonts.glob("fa-*"):
        shutil.copy2(font, site / WEBFONTS / font.name)
    css = site / THEME_CSS

    def keep(rule):
        named = set(re.findall(r"\.fa-([a-z0-9-]+):", rule.group(1)))
        return rule.group(0) if named & set(names) else ""

    css.write_text(ICON_RULE.sub(keep, css.read_text(encoding="utf-8")), encoding="utf-8")


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
    # The math's assets on every page, not only on those with math: a quiz's math needs
    # them too (a chapter without math of its own had none).
    app.set_html_assets_policy("always")
    app.connect("build-finished", subset_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
