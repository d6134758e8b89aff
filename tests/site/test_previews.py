"""Every link to an equation, a glossary term or a figure, on every page, has a preview
(sphinx-tippy writes them at build time into _static/tippy/<page>.previews.js), and the
preview holds what the link points at: the equation with its number, the term's definition
with its Korean term, the figure with its picture (a file of the site)."""

import json
import re
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

KINDS = {"eq": "equation", "term": "glossary term", "fig": "figure"}
TARGET = re.compile(r"#(" + "|".join(KINDS) + r")-")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _previews(html_root, page):
    """{selector: html} of the page's previews (the first line of its script)."""
    scripts = list((html_root / "_static" / "tippy").glob(f"{page}.*.js"))
    assert len(scripts) == 1, f"{page}: preview scripts {scripts}"
    first = scripts[0].read_text(encoding="utf-8").split("\n", 1)[0]
    return json.loads(first.removeprefix("selector_to_html = ")) if first else {}


def _links(html_root, page):
    soup = BeautifulSoup((html_root / f"{page}.html").read_text(encoding="utf-8"),
                         "html.parser")
    return [a for a in soup.select("article.bd-article a[href]")
            if TARGET.search(a["href"]) and "headerlink" not in a.get("class", [])]


def _problems(html_root, page):
    problems = []
    previews = _previews(html_root, page)
    for link in _links(html_root, page):
        href, kind = link["href"], TARGET.search(link["href"]).group(1)
        tip = previews.get(f'a[href="{href}"]')
        if tip is None:
            problems.append(f"{page}: no preview for the {KINDS[kind]} link {href}")
            continue
        content = BeautifulSoup(tip, "html.parser")
        if kind == "eq":
            number = re.search(r"\d+(?:\.\d+)+[a-z]?", link.get_text())
            if not content.select("div.math") or (number and f"\\tag{{{number.group(0)}}}"
                                                  not in content.get_text()):
                problems.append(f"{page}: the preview of {href} is not equation "
                                f"{link.get_text()}: {tip[:120]}")
        elif kind == "term":
            if not content.select("dt") or not HANGUL.search(content.get_text()):
                problems.append(f"{page}: the preview of {href} lacks the definition or its "
                                f"Korean term: {tip[:120]}")
        else:
            images = [img["src"] for img in content.select("img[src]")]
            if not content.select("figure") or not images:
                problems.append(f"{page}: the preview of {href} has no picture: {tip[:120]}")
            for src in images:
                path = unquote(urlsplit(src).path)
                if not src.startswith("data:") and not (
                        (html_root / page).parent / path).resolve().is_file():
                    problems.append(f"{page}: the preview of {href} shows {src}, not a file")
    return problems


def test_every_equation_term_and_figure_link_has_its_preview(html_root, pages):
    kinds, problems = set(), []
    for page in pages:
        kinds.update(TARGET.search(a["href"]).group(1) for a in _links(html_root, page))
        problems += _problems(html_root, page)
    assert kinds == set(KINDS), f"the book links no {set(KINDS) - kinds}: a check of nothing"
    assert not problems, "\n".join(problems)

