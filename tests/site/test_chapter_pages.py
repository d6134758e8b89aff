"""Checks of every chapter: the skeleton, equation numbers, figures, exercises, glued numbers.

Nothing here lists the chapters: they are the notebooks of _toc.yml (_ext/chapters.py), and
what each one must show (its tagged equations, their labels, its figures) is read from the
notebook's own markdown. A new chapter is checked as soon as it is in _toc.yml.
"""

import re
import string

import chapters
import pytest

CHAPTERS = chapters.notebooks()

DISPLAY_MATH = re.compile(r"\$\$(.*?)\$\$", re.S)
LABEL_LINE = re.compile(r"\((eq-[\w-]+)\)=")
FIGURE = re.compile(r"^```\{(?:glue:figure|figure)\}[^\n]*\n(.*?)^```", re.M | re.S)
OPTION = re.compile(r"^:(\w+):[ \t]*(.*)$", re.M)
SLIDE_CAPTION = re.compile(r"^\*\*Fig\. (3\.\d\.\d+)\*\*", re.M)
NUMREF = re.compile(r"(?<!`)\{numref\}`")  # the role, not `{numref}` written as code
MIN_ALT = 40  # characters: a description of the figure, not a title


def _id(path):
    return path.stem


def equations(path):
    """``[(tag, label or None)]``: the tagged display equations of a notebook, in order, with
    the ``(label)=`` line right above each."""
    text, found = chapters.markdown(path), []
    for match in DISPLAY_MATH.finditer(text):
        for tag in chapters.ANY_TAG.findall(match.group(1)):
            above = text[:match.start()].rstrip().rsplit("\n", 1)[-1].strip()
            label = LABEL_LINE.fullmatch(above)
            found.append((tag, label and label.group(1)))
    return found


def figures(path):
    """``[{option: value, "caption": ...}]`` for every figure directive of a notebook."""
    found = []
    for match in FIGURE.finditer(chapters.markdown(path)):
        body = match.group(1)
        options = dict(OPTION.findall(body))
        options["caption"] = OPTION.sub("", body).strip()
        found.append(options)
    return found


def _key(tag):
    """An equation number (chapters.NUMBER: 3.x.y, or 3.x.ya for one that is not on the
    slides) as a key that sorts in reading order."""
    assert re.fullmatch(chapters.NUMBER, tag), tag
    _, part, number = tag.split(".")
    digits = number.rstrip(string.ascii_lowercase)
    return int(part), int(digits), number[len(digits):]


def _html(html_root, path):
    return (html_root / path.relative_to(chapters.ROOT).with_suffix(".html")).read_text("utf-8")


@pytest.fixture(scope="module")
def book_html(html_root, pages):
    """Every page of the built book, joined: where links to an equation may come from."""
    return "\n".join((html_root / f"{p}.html").read_text("utf-8") for p in pages)


def test_the_chapters_come_from_the_toc():
    assert CHAPTERS, "_toc.yml lists no chapter notebook"
    tagged = [p for p in CHAPTERS if equations(p)]
    assert tagged, "no chapter states a tagged equation: the reading of the notebooks is broken"


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_skeleton_overview_summary_exercises(html_root, path):
    text = _html(html_root, path)
    assert "<strong>Overview.</strong>" in text, f"{path.name}: no overview paragraph"
    headings = re.findall(r"<h2>(.*?)<a class=\"headerlink\"", text)
    # The skeleton: overview, content, Summary, Exercises, then the self-check quiz.
    assert headings[-3:] == ["Summary", "Exercises", "Self-check quiz"], (
        f"{path.name}: ends with {headings[-3:]}")


def test_equation_numbers_never_go_back_in_reading_order():
    # 3.x.y are the slides' numbers; an equation that is not on the slides takes the number of
    # the slide equation before it plus a letter (3.1.10a, 3.1.10b), so reading order and
    # numbering agree. Twin pages (PyTorch, MXNet) state the same number one after the other.
    seen = []
    for path in CHAPTERS:
        for tag, _ in equations(path):
            assert re.fullmatch(chapters.NUMBER, tag), (
                f"{path.name}: \\tag{{{tag}}} is not 3.x.y or 3.x.ya")
            if seen:
                prev_path, prev = seen[-1]
                assert _key(tag) >= _key(prev), (
                    f"{path.name}: ({tag}) comes after ({prev}) of {prev_path.name}; number an "
                    f"equation that is not on the slides after the one before it, e.g. {prev}a")
            seen.append((path, tag))
    slide_numbers = {tag for _, tag in seen if not _key(tag)[2]}
    for path, tag in seen:
        base = tag.rstrip(string.ascii_lowercase)
        assert base in slide_numbers, f"{path.name}: ({tag}) follows no equation ({base})"


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_equations_are_tagged_labelled_and_linked(html_root, book_html, path):
    text = _html(html_root, path)
    for tag, label in equations(path):
        assert label, f"{path.name}: ({tag}) has no (eq-...)= label line right above its $$"
        dashed = "eq-" + tag.replace(".", "-")
        assert label == dashed or label.startswith(dashed + "-"), (
            f"{path.name}: ({tag}) is labelled {label}, expected {dashed} (or {dashed}-suffix)")
        assert f"\\tag{{{tag}}}" in text, f"{path.name}: equation {tag} missing from the page"
        assert f'#{label}"' in book_html, f"{path.name}: no page links to ({tag}) [{label}]"
    # \tag is refused inside the split environment Sphinx wraps around multi-line maths (the
    # page keeps each display's TeX as the annotation of its MathML).
    for display in re.findall(r'<annotation encoding="application/x-tex">(.*?)</annotation>',
                              text, re.S):
        if "\\tag{" in display:
            assert "split" not in display, f"{path.name}: a tagged equation inside split"


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_figures_are_named_described_and_numbered_as_on_the_slides(html_root, path):
    text = _html(html_root, path)
    assert not NUMREF.search(chapters.markdown(path)), (
        f"{path.name}: use {{ref}}`Fig. 3.1.x <fig-3-1-x>`, not {{numref}} (it renders empty)")
    for fig in figures(path):
        name, alt = fig.get("name"), fig.get("alt", "")
        assert name, f"{path.name}: a figure without :name: ({fig['caption'][:40]}...)"
        assert len(alt) > MIN_ALT, f"{path.name}: figure {name} lacks a meaningful :alt:"
        slide = SLIDE_CAPTION.match(fig["caption"])
        if slide:
            expected = "fig-" + slide.group(1).replace(".", "-")
            assert name == expected, f"{path.name}: Fig. {slide.group(1)} is named {name}"
        built = re.search(rf'<figure[^>]*id="{re.escape(name)}".*?</figure>', text, re.S)
        assert built, f"{path.name}: figure {name} is not on the page"
        img_alt = re.search(r'<img[^>]*alt="([^"]*)"', built.group(0))
        assert img_alt and len(img_alt.group(1)) > MIN_ALT, f"{path.name}: {name} lost its alt"
        if slide:
            assert f"Fig. {slide.group(1)}</strong>" in built.group(0), path.name
    for fig in re.findall(r"<figure.*?</figure>", text, flags=re.S):
        # Sphinx must not add its own book-wide "Fig. N" in front of the slides' number.
        assert not re.search(r'class="caption-number">Fig\. \d', fig), path.name


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_exercises_have_hidden_solutions(html_root, path):
    text = _html(html_root, path)
    exercises = text.count('class="exercise admonition')
    solutions = text.count('class="solution dropdown admonition')
    assert 2 <= exercises <= 4, f"{path.name}: {exercises} exercises"
    assert solutions == exercises, f"{path.name}: {solutions} hidden solutions for {exercises}"


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_practice_problems_are_folded_and_every_number_is_computed(html_root, path):
    """After the exercises, exam-style practice problems (`:class: practice`): at least two in
    a chapter of part 3.1, one elsewhere, each with its worked solution folded; every number
    of a problem or solution is glued (or inside math, code or an equation link)."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(_html(html_root, path), "html.parser")
    problems = page.select("div.exercise.practice")
    solutions = page.select("div.solution.dropdown.practice")
    part = next(caption for caption, pages in chapters.parts()
                if str(path.relative_to(chapters.ROOT).with_suffix("")) in pages)
    assert len(problems) >= (2 if part.startswith("3.1") else 1), f"{path.name}: {part}"
    assert len(solutions) == len(problems), f"{path.name}: a practice problem lacks a solution"
    for box in problems + solutions:
        for computed in box.select("span.pasted-text, span.math, code, pre, div.cell, "
                                   "a.reference, span.caption-number"):
            computed.decompose()
        typed = re.findall(r"\S*\d\S*", box.get_text(" "))
        assert not typed, f"{path.name}: typed numbers in a practice problem: {typed}"


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_no_glued_value_is_missing_or_quoted(html_root, path):
    text = _html(html_root, path)
    # {glue:text} renders as pasted-text, {glue:} of a number as an inline text_plain output.
    pasted = re.findall(r'class="(?:pasted-text|output text_plain)">([^<]*)<', text)
    assert pasted, f"{path.name}: no glued numbers"
    assert not [p for p in pasted if p.startswith(("'", "‘"))], f"{path.name}: glued a str repr"
