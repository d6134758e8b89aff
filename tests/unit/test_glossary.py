"""The glossary rules of README "Adding a chapter": every {term} a page uses has an entry,
each entry starts with the slides' Korean term, and the entries are in alphabetical order."""

import re

import chapters
from chapter_env import needs_chapters

GLOSSARY = chapters.ROOT / "book" / "glossary.md"
# {term}`text <target>` or {term}`target`
TERM = re.compile(r"\{term\}`(?:[^`<]*<([^>`]+)>|([^`]+))`")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def entries():
    """``{term: definition}`` of the glossary directive, in the file's order."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = re.search(r"^```\{glossary\}\n(.*?)^```", text, re.M | re.S).group(1)
    found, term = {}, None
    for line in block.splitlines():
        if line.strip() and not line[0].isspace():
            term = line.strip()
            found[term] = ""
        elif term:
            found[term] += line.strip() + " "
    return found


def _texts():
    """``{file name: markdown}`` of every page but the glossary."""
    texts = {}
    for path in (chapters.source(p) for p in chapters.pages()):
        if path != GLOSSARY:
            texts[path.name] = (chapters.markdown(path) if chapters.is_chapter(path)
                                else path.read_text(encoding="utf-8"))
    return texts


def test_the_glossary_has_entries():
    assert len(entries()) > 10, "the glossary directive was not read"


@needs_chapters
def test_every_term_used_has_an_entry():
    known = {t.lower() for t in entries()}
    missing = {}
    for name, text in _texts().items():
        for target, plain in TERM.findall(text):
            term = " ".join((target or plain).split())
            if term.lower() not in known:
                missing.setdefault(name, []).append(term)
    assert not missing, f"{{term}}s without a glossary entry in book/glossary.md: {missing}"


def test_every_entry_starts_with_the_korean_term():
    bad = [t for t, d in entries().items() if not HANGUL.search(d.split(".")[0])]
    assert not bad, f"glossary entries without the slides' Korean term first: {bad}"


def test_entries_are_in_alphabetical_order():
    terms = list(entries())
    assert terms == sorted(terms, key=str.lower), "book/glossary.md: entries out of order"
