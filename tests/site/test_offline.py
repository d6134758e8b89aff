"""The built site loads nothing from another host (a classroom without a connection, a USB
stick): no page references an external script, stylesheet, font or image, and every local
reference is relative and exists, so the pages also work from file://."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

# rel values of <link> that make the browser fetch the target.
FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon",
                 "shortcut", "apple-touch-icon", "manifest", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class Resources(HTMLParser):
    """Collect every URL a page makes the browser fetch by itself (not plain <a> links)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(("script", a["src"]))
        elif tag == "link" and a.get("href") and FETCHING_RELS & set(
                (a.get("rel") or "").lower().split()):
            self.urls.append((f"link rel={a['rel']}", a["href"]))
        elif tag in {"img", "source", "iframe", "embed", "video", "audio", "input", "track"}:
            for key in ("src", "poster"):
                if a.get(key):
                    self.urls.append((tag, a[key]))
            for candidate in (a.get("srcset") or "").split(","):
                if candidate.strip():
                    self.urls.append((f"{tag} srcset", candidate.split()[0]))
        elif tag == "object" and a.get("data"):
            self.urls.append(("object", a["data"]))
        if a.get("style"):
            self.urls += [("style attribute", u or i) for u, i in CSS_URL.findall(a["style"])]

    def handle_data(self, data):
        if self.lasttag == "style":
            self.urls += [("<style>", u or i) for u, i in CSS_URL.findall(data)]


def _external(url):
    parts = urlsplit(url)
    return url.startswith("//") or (parts.scheme not in ("", "data", "blob") and
                                    parts.scheme != "file")


def _html_files(html_root):
    return sorted(p for p in html_root.rglob("*.html")
                  if "_static" not in p.relative_to(html_root).parts)


def _css_files(html_root):
    return sorted(html_root.glob("_static/**/*.css"))


def test_the_site_has_pages_and_stylesheets(html_root, pages):
    assert len(_html_files(html_root)) >= len(pages)
    assert _css_files(html_root)


def test_no_page_loads_anything_from_another_host(html_root):
    bad = {}
    for path in _html_files(html_root):
        parser = Resources()
        parser.feed(path.read_text(encoding="utf-8"))
        external = [f"{kind}: {url}" for kind, url in parser.urls if _external(url)]
        if external:
            bad[str(path.relative_to(html_root))] = external
    assert not bad, f"pages that fetch from other hosts: {bad}"


def test_no_stylesheet_loads_anything_from_another_host(html_root):
    bad = {}
    for path in _css_files(html_root):
        found = [u or i for u, i in CSS_URL.findall(path.read_text(encoding="utf-8"))]
        external = [url for url in found if _external(url)]
        if external:
            bad[str(path.relative_to(html_root))] = external
    assert not bad, f"stylesheets with external fonts, images or imports: {bad}"


def _target(page, url, html_root):
    path = unquote(urlsplit(url).path)
    return (page.parent / path).resolve() if path else page


def test_every_local_reference_is_relative_and_exists(html_root):
    # A root-absolute "/_static/x.js" works on a server but not from file://.
    problems = []
    for page in _html_files(html_root):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        for kind, url in parser.urls:
            if _external(url) or url.startswith(("data:", "blob:")):
                continue
            name = page.relative_to(html_root)
            if url.startswith("/"):
                problems.append(f"{name}: {kind} {url} is root-absolute")
            elif not _target(page, url, html_root).exists():
                problems.append(f"{name}: {kind} {url} does not exist")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("asset", [
    "_static/katex/katex.min.css",
    "_static/katex/fonts/KaTeX_Main-Regular.woff2",  # fetched by the stylesheet
    "_static/katex/LICENSE",
    "_static/widgets/embed.js",
    "_static/widgets/embed.js.LICENSE.txt",
    "_static/widget-math.js",
])
def test_the_offline_assets_are_in_the_site(html_root, asset):
    assert (html_root / asset).is_file()


def _documents(html_root, pages):
    """{name: HTML text} of every page of _toc.yml and every lecture deck."""
    found = {p: (html_root / f"{p}.html").read_text(encoding="utf-8") for p in pages}
    found |= {f"slides/{d.stem}": d.read_text(encoding="utf-8")
              for d in sorted((html_root / "slides").glob("*.html"))}
    return found


def _scripts(text):
    parser = Resources()
    parser.feed(text)
    return [url for kind, url in parser.urls if kind == "script"]


def test_math_is_drawn_when_the_book_is_built(html_root, pages):
    """Every page and deck with math ships it drawn (KaTeX's HTML with MathML, and its
    stylesheet from the site), and none loads a script to typeset math."""
    documents = _documents(html_root, pages)
    drawn = {name for name, text in documents.items() if 'class="katex"' in text}
    assert drawn, "no page has math: the checks below would test nothing"
    assert any(name.startswith("slides/") for name in drawn), "no deck has math"
    for name, text in documents.items():
        typesetters = [u for u in _scripts(text) if re.search(r"mathjax|katex", u, re.I)]
        assert typesetters == [], f"{name} loads a script to typeset math: {typesetters}"
        if name in drawn:
            assert re.search(r'href="(\.\./)*_static/katex/katex\.min\.css', text), name
            assert text.count('class="katex-mathml"') == text.count('class="katex"'), name


def test_the_widget_manager_loads_only_where_there_are_widgets_after_the_text(
        html_root, pages):
    with_widgets = 0
    for page in pages:
        text = (html_root / f"{page}.html").read_text(encoding="utf-8")
        managers = re.findall(r'<script[^>]*src="(?:\.\./)*_static/widgets/embed\.js[^>]*>', text)
        if "application/vnd.jupyter.widget-state+json" in text:
            with_widgets += 1
            assert len(managers) == 1 and " defer" in managers[0], (page, managers)
            assert "require.js" not in text and "require.min.js" not in text, page
        else:
            assert managers == [], f"{page} has no widgets but loads the widget manager"
    assert with_widgets, "no page has widgets: the check above would test nothing"


def _icon_glyphs(html_root):
    """{(style, code point)} of the glyphs in the site's (subset) Font Awesome fonts."""
    from fontTools.ttLib import TTFont

    fonts = html_root / "_static" / "vendor" / "fontawesome" / "webfonts"
    styles = {"solid": "fa-solid-900", "regular": "fa-regular-400", "brands": "fa-brands-400"}
    return {(style, code) for style, name in styles.items()
            for code in TTFont(fonts / f"{name}.ttf").getBestCmap()}


ICON = re.compile(r'<i class="([^"]*\bfa-[^"]*)"')
STYLES = {"fa-solid": "solid", "fas": "solid", "fa-regular": "regular", "far": "regular",
          "fa-brands": "brands", "fab": "brands"}


def test_every_icon_the_pages_show_has_its_glyph_and_no_page_loads_the_icon_script(
        html_root, pages):
    """Icons come from Font Awesome's webfonts cut down to the site's icons (see
    _ext/offline_assets.py): every icon a page names keeps its rule in the theme's
    stylesheet and its glyph in its style's font, and the 1.5 MB script is gone."""
    css = (html_root / "_static" / "styles" / "pydata-sphinx-theme.css").read_text("utf-8")
    rules = {name: int(code, 16) for names, code in re.findall(
        r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"\\(f[0-9a-f]+)"\}', css)
        for name in re.findall(r"\.fa-([a-z0-9-]+):", names)}
    glyphs = _icon_glyphs(html_root)
    shown = set()
    for page in _html_files(html_root):
        text = page.read_text(encoding="utf-8")
        assert not [u for u in _scripts(text) if "fontawesome" in u], page
        for classes in ICON.findall(text):
            words = classes.split()
            style = next((STYLES[w] for w in words if w in STYLES), None)
            names = [w[3:] for w in words if w.startswith("fa-") and w[3:] in rules]
            if style:
                shown |= {(style, name) for name in names}
    assert shown, "no page shows an icon: the check would test nothing"
    missing = sorted((style, name) for style, name in shown
                     if (style, rules[name]) not in glyphs)
    assert missing == [], f"icons without a glyph in the site's fonts: {missing}"
    assert len(rules) < 200, f"{len(rules)} icon rules: the stylesheet was not cut down"


def test_the_vendored_trees_are_not_added_to_every_page(html_root):
    # Jupyter Book adds every .js/.css under the book's _static/ to every page; the vendored
    # trees live elsewhere, so a page loads only KaTeX's stylesheet and embed.js.
    allowed = {"_static/katex/katex.min.css", "_static/widgets/embed.js"}
    for page in _html_files(html_root):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        for _, url in parser.urls:
            target = _target(page, url, html_root)
            if html_root in target.parents:
                rel = target.relative_to(html_root).as_posix()
                if rel.startswith(("_static/katex/", "_static/widgets/")):
                    assert rel in allowed, f"{page.name} loads {rel}"


def test_the_checks_see_external_references():
    parser = Resources()
    parser.feed('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
                'href="//fonts.example/css"><img src="http://x/y.png"><a href="https://d2l.ai">'
                '<div style="background: url(https://x/bg.png)"></div><script>const U = '
                '"https://unpkg.com/thebe";</script><style>@import "https://x/y.css";</style>')
    assert [u for _, u in parser.urls if _external(u)] == [
        "https://cdn.example/x.js", "//fonts.example/css", "http://x/y.png",
        "https://x/bg.png", "https://x/y.css"]


def test_the_build_explains_missing_browser_assets(tmp_path, monkeypatch):
    import offline_assets
    from sphinx.errors import ExtensionError

    monkeypatch.setattr(offline_assets, "ROOT", tmp_path)  # a checkout without node_modules/
    with pytest.raises(ExtensionError, match=r"node_modules/katex is missing.*npm ci"):
        offline_assets.stage()
