"""One spelling, as the lecture slides and D2L write it: American (optimization, initialize,
behavior), in the pages, the slides-only cells and the quizzes."""

import re

import chapters
from chapter_env import needs_chapters

pytestmark = needs_chapters

# British forms: -ise/-isation verbs and nouns, -our, -tre/-bre, doubled l before -ed/-ing.
BRITISH = re.compile(
    r"\b(\w+(?:is(?:e|es|ed|ing|er|ers)|isations?)|\w*(?:behaviour|colour|favour|neighbour|"
    r"honour|labour)s?|centre|fibres?|metres?|\w+(?:elled|elling|alled|alling))\b", re.I)
# English words that end so in both spellings.
NOT_BRITISH = {
    "noise", "noises", "exercise", "exercises", "concise", "otherwise", "pairwise",
    "elementwise", "rowwise", "columnwise", "precise", "wise", "likewise", "clockwise",
    "rise", "rises", "raise", "raises", "raised", "raising", "arise", "arises", "arising",
    "promise", "surprise", "surprised", "surprising", "comprise", "comprises", "premise",
    "revise", "revised", "supervise", "supervised", "unsupervised", "expertise", "advise",
    "devise", "compromise", "enterprise", "paradise", "disguise", "called", "calling",
    "installed", "installing", "recalled", "stalled", "fulfilled", "noisier", "noisiest",
    "poised", "praise", "bruise", "cruise", "chemise", "franchise", "merchandise", "denoise",
    "denoised", "denoising", "guise", "televised", "improvised", "excise", "incise",
}


def _texts():
    for path in [chapters.source(p) for p in chapters.pages()]:
        text = chapters.markdown(path) if chapters.is_chapter(path) else path.read_text("utf-8")
        yield path.name, text
    for path in sorted((chapters.ROOT / "book" / "quizzes").glob("*.json")):
        yield path.name, path.read_text(encoding="utf-8")


def test_the_pages_use_american_spelling():
    found = {}
    for name, text in _texts():
        text = re.sub(r"`[^`]*`|\{[a-z:]+\}`[^`]*`|https?://\S+", "", text)  # code, roles, urls
        words = {w for w in BRITISH.findall(text) if w.lower() not in NOT_BRITISH}
        if words:
            found[name] = sorted(words)
    assert not found, f"British spellings: {found}"
