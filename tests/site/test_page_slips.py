"""Slips a student found on the built pages, tested as kinds: no page shows the same figure
twice (a figure glued for the text and also left as its cell's output), and no page tells the
reader about a hidden cell as if it were on the page."""

import hashlib
import re

import chapters
import pytest
from bs4 import BeautifulSoup

CHAPTERS = [f"book/{path.stem}" for path in chapters.notebooks()]


def _figures(html_root, docname):
    """The bytes' digest of every picture of a built page's article, with where it is."""
    page = html_root / f"{docname}.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    found = []
    for img in soup.select("article.bd-article img[src]"):
        src = img["src"]
        if src.startswith("data:"):
            data = src.encode()
        else:
            path = (page.parent / src.split("#")[0]).resolve()
            if not path.is_file() or path.suffix == ".svg" and "favicon" in path.name:
                continue
            data = path.read_bytes()
        found.append((hashlib.sha256(data).hexdigest(), img.get("alt", src[:60])))
    return found


@pytest.mark.parametrize("docname", CHAPTERS)
def test_no_figure_is_shown_twice_on_a_page(html_root, docname):
    figures = _figures(html_root, docname)
    digests = [d for d, _ in figures]
    twice = sorted({alt for d, alt in figures if digests.count(d) > 1})
    assert not twice, f"{docname} shows these figures more than once: {twice}"


@pytest.mark.parametrize("docname", CHAPTERS)
def test_the_text_never_points_at_a_cell_the_reader_cannot_see(html_root, docname):
    """"the cell asserts ..." is a promise the page must keep: the cell that asserts is shown."""
    soup = BeautifulSoup((html_root / f"{docname}.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    shown_asserts = any(re.search(r"^\s*assert\b", pre.get_text(), flags=re.M)
                        for pre in article.select("div.cell_input pre"))
    for p in article.find_all("p"):
        text = " ".join(p.get_text(" ").split())
        if re.search(r"\bthe cell (asserts|checks)\b", text):
            assert shown_asserts, f"{docname}: {text[:100]!r}, but no shown cell asserts"
