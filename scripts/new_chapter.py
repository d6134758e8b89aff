"""`make chapter NAME=... TITLE=... [AFTER=...] [PART=...]`: scaffold a chapter that passes
`make test`.

Writes book/<NAME>.md, a MyST Markdown notebook (the format of every chapter, written by
_ext/chapters.py with the front matter of the first chapter), with the chapter skeleton
(overview, one section with an equation, a glued number and a figure, Summary, Exercises with
two exercises and hidden solutions, the self-check quiz), its slides (a slides-only slide
with speaker notes, the teaching code, and in a new part the deck's Summary slide) and its
questions
book/quizzes/<NAME>.json; the checker of its code exercise, ``check_<NAME>`` at the end of
src/lnn/check.py (where every exercise checker lives), and that checker's unit test
tests/unit/test_check_<NAME>.py; every placeholder starts with REPLACE.  It adds
`- file: book/<NAME>` to _toc.yml after the chapter AFTER (default: before the last chapter of
the first part, 3.1, which ends its deck with the Summary slide), or with PART (a caption,
"3.4 Softmax regression") a new part, and so a new deck, after AFTER's part (default: after
the last part with chapters).  No setup cell: the reader notebooks' Colab setup cell is
written by the build (_ext/reader_notebooks.py), for an MXNet page (NAME ending in _mxnet)
too.

    python scripts/new_chapter.py NAME "TITLE" [--after CHAPTER] [--part CAPTION]
    python scripts/new_chapter.py --from-environment   # what `make chapter` runs

`make chapter` hands the arguments over in the environment (LNN_CHAPTER_NAME, _TITLE,
_AFTER, _PART), never through the shell: a title with $math$, `code`, quotes or Korean arrives as
typed; one this script cannot write as a heading (a line break, a control character) is
refused with a message.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

import chapters
import nbformat

NAME = re.compile(r"[a-z][a-z0-9_]*")
ENVIRONMENT = ("LNN_CHAPTER_NAME", "LNN_CHAPTER_TITLE", "LNN_CHAPTER_AFTER", "LNN_CHAPTER_PART")
USAGE = ("make chapter NAME=feature_scaling TITLE='Feature scaling' [AFTER=minibatch_sgd] "
         "[PART='3.4 Softmax regression']")
# The figure's :alt: option, one line in the notebook.
ALT = ("REPLACE: what the figure shows, for a reader who cannot see it: a line plot of y "
       "against x from -1 to 1, rising straight from -1 to 3 through 21 points.")


def _text(text):
    return text.strip("\n")


def _markdown(text):
    return nbformat.v4.new_markdown_cell(_text(text))


def _code(text, *tags):
    return nbformat.v4.new_code_cell(_text(text), metadata={"tags": list(tags)} if tags else {})


def toc_chapters(root):
    """The chapter files of _toc.yml's parts, in order, as (part caption, "book/name")."""
    return [(caption or "", page) for caption, pages in chapters.parts(root) for page in pages]


def default_after(root):
    """Where a chapter goes by default: after the chapter before the last one of the first
    part (today "3.1 Linear regression"), whose last chapter closes the part's deck with the
    Summary slide; None when that last chapter is the part's only one (the new chapter then
    goes first)."""
    found = toc_chapters(root)
    if not found:
        raise ValueError("_toc.yml has no parts with chapters to add the new chapter to")
    first = [f for caption, f in found if caption == found[0][0]]
    return first[-2].removeprefix("book/") if len(first) > 1 else None


def default_part_after(root):
    """Where a new part goes by default: after the last part that holds a chapter."""
    found = [f for _, f in toc_chapters(root) if _chapter(root, f) is not None]
    return found[-1].removeprefix("book/") if found else None


def _chapter(root, file):
    """The chapter at _toc.yml's ``file``, or None for a page that is not a chapter."""
    path = root / f"{file}.md"
    return path if path.exists() and chapters.is_chapter(path) else None


def metadata(root):
    """The notebook metadata of the first chapter (kernelspec, jupytext's format); in a book
    whose table of contents has no chapter yet, of a chapter of book/."""
    files = [f for _, f in toc_chapters(root)] + sorted(
        f"book/{p.stem}" for p in (root / "book").glob("*.md"))
    for file in files:
        path = _chapter(root, file)
        if path is not None:
            return dict(chapters.read(path).metadata)
    raise ValueError("_toc.yml lists no chapter to take the notebook metadata from")


def next_tag(root, after):
    """The number of an equation that is not on the slides, placed after chapter ``after``:
    the last number stated up to there plus a letter (3.1.15 -> 3.1.15a, 3.1.15a -> 3.1.15b).
    None when no chapter up to there states an equation."""
    last = None
    for _, file in toc_chapters(root):
        path = _chapter(root, file)
        if path is not None:
            last = (chapters.tags(path) or [last])[-1]
        if file == f"book/{after}":
            break
    if last is None:
        return None
    if last[-1].isalpha():
        return last[:-1] + chr(ord(last[-1]) + 1)
    return last + "a"


def _slide(text):
    """A slide: a Markdown cell that only the decks show (README "Lecture slides")."""
    cell = _markdown(text)
    cell.metadata["tags"] = ["remove-cell", "slides-only"]
    return cell


def notebook(name, title, tag, metadata, ends_deck=False):
    """The scaffold of chapter ``name``: the skeleton every chapter has, with placeholders;
    its slides: one slides-only slide, the teaching code on a slide, and the Summary slide
    when the chapter ``ends_deck`` (starts a part of its own)."""
    ident = name.replace("_", "-")
    label = tag and "eq-" + tag.replace(".", "-")
    equation = f"""
Each equation of the slides carries their number (3.x.y, written with `\\tag`) and a label
line above it. One that is not on the slides takes the number of the equation before it in
reading order plus a letter (REPLACE: the number, if this one is on the slides). The block
above the label is its entry on the exam sheet (book/exam_sheet.md): its name and meaning,
stated once:

:::{{exam-sheet-entry}} REPLACE: the equation's name
:equation: {label}
REPLACE: what the equation means, in one line.
:::

({label})=
$$
\\hat{{y}} = 2x + 1 \\quad \\text{{(REPLACE: your equation)}}.
\\tag{{{tag}}}
$$

Link to an equation from the text as [({tag})]({label}).
""" if tag else ""
    cells = [
        _markdown(f"""
# {title}

**Overview.** REPLACE this paragraph: what the page teaches (name the slides' section, e.g.
D2L 3.1.2), and what the reader can do after it. Link glossary terms as
{{term}}`linear regression`: every term needs an entry in book/glossary.md with its Korean
word, in alphabetical order.
"""),
        _code("""
import matplotlib.pyplot as plt
import numpy as np

import lnn
import lnn.check

lnn.set_seed(0)
""", "slide"),  # the deck shows a chapter's imports on its opener (deck rule 2)
        _markdown(f"""
## REPLACE: a section of {name}

REPLACE: the content, one `##` section per topic, in the slides' order. Teaching cells show
the code that teaches; the bookkeeping (`glue(...)`, asserts that guard claims of the text)
goes in a hidden cell tagged `remove-cell` right after the cell it serves.
{equation}"""),
        _slide(f"""
## REPLACE: a section of {name}
- REPLACE: the slide's first point, in a few words (a slide titled like a section expands it)
- REPLACE: its second point, e.g. the fitted slope is {{glue:text}}`slope:.1f`
- REPLACE: a slide holds short bullets; the page says the rest in full sentences

Notes: REPLACE: what the instructor says at this slide (the speaker view shows it).
"""),
        _code("""
x = np.linspace(-1.0, 1.0, 21)  # REPLACE: the code that teaches
y = 2.0 * x + 1.0
slope = np.polyfit(x, y, deg=1)[0]
slope
""", "slide"),
        _code("""
from myst_nb import glue

assert np.isclose(slope, 2.0)  # REPLACE: guard the claims of the text
glue("slope", float(slope), display=False)
""", "remove-cell"),
        _markdown(f"""
The fitted slope is {{glue:text}}`slope:.1f`. REPLACE: a number stated in the text is glued
from a cell, never typed.

REPLACE: a figure is drawn by a visible cell (its output removed from the page) and glued in
the hidden cell after it; the page shows it with `glue:figure`, a `:name:`, an `:alt:` text
for readers who cannot see it, and a caption. A figure of the slides starts its caption with
**Fig. 3.x.y** and is named `fig-3-x-y`. Refer to a figure with `{{ref}}`, never `{{numref}}`:
{{ref}}`the figure below <fig-{ident}>`.
"""),
        _code("""
fig, ax = plt.subplots(figsize=(4, 3))  # REPLACE: the figure of the page
ax.plot(x, y, "o-")
ax.set_xlabel("x")
ax.set_ylabel("y")
""", "remove-output"),
        _code(f"""
glue("fig-{ident}", fig, display=False)
plt.close(fig)
""", "remove-cell"),
        _markdown(f"""
```{{glue:figure}} fig-{ident}
:name: fig-{ident}
:alt: {ALT}

**REPLACE: a title** (not a figure of the slides). REPLACE: the caption.
```
"""),
        *([_slide("""
## Summary
- REPLACE: the deck's first point to take away, in a few words
- REPLACE: its second point; this slide ends the deck of the chapter's part

Notes: REPLACE: what the instructor says to close the lecture.
""")] if ends_deck else []),
        _markdown(f"""
## Summary

- REPLACE: two to four points the reader should take away, one sentence each.

## Exercises

```{{exercise}}
:label: ex-{ident}-first

REPLACE: an exercise. A chapter has two to four, each with a hidden solution.
```

```{{solution}} ex-{ident}-first
:class: dropdown

REPLACE: the answer, in words.
```

```{{exercise}}
:label: ex-{ident}-code

REPLACE: an exercise answered with code, e.g. write the line of this page as a function of
an array, `my_line(x)`.
```

```{{solution-start}} ex-{ident}-code
:class: dropdown
```

REPLACE: the solution's explanation. Its code is executed at build time and ends with the
checker of the exercise, `lnn.check.check_{name}` (a stub at the end of src/lnn/check.py,
tested by tests/unit/test_check_{name}.py: make it compute the right answers with lnn).
"""),
        _code(f"""
def my_line(x):  # REPLACE: the solution's code
    return 2.0 * x + 1.0


feedback = lnn.check.check_{name}(my_line)
assert feedback.passed
feedback
"""),
        _markdown("""
```{solution-end}
```
"""),
        _markdown(f"""
### Practice problems (exam style)

Pen and paper first; open a solution only to check your work. REPLACE: at least two problems
in a chapter of 3.1, one elsewhere; every number in them is glued from a hidden cell.

```{{exercise}} Practice: REPLACE: the first problem's title
:label: pp-{ident}-first
:class: practice

REPLACE: a problem, e.g. the line of this page has the slope {{glue:text}}`slope:g`: what
does it predict one unit to the right of a point on it?
```

```{{solution}} pp-{ident}-first
:class: dropdown practice

REPLACE: the worked solution, its numbers glued.
```

```{{exercise}} Practice: REPLACE: the second problem's title
:label: pp-{ident}-second
:class: practice

REPLACE: a second problem.
```

```{{solution}} pp-{ident}-second
:class: dropdown practice

REPLACE: its worked solution.
```
"""),
        _markdown("""
## Self-check quiz

Click an answer, or type a number and press Enter: the feedback says why. The numbers in the
questions are computed by the course code when the book is built. REPLACE: three to five
questions in the quiz file of this chapter (book/quizzes/), see README.
"""),
        _code(f"""
# The quiz's numbers are computed here, not typed.
import lnn.quiz

# REPLACE: the values of the quiz file's [[names]]
lnn.quiz.show("{name}",
              slope=float(slope), num_points=len(x))
""", "remove-input"),
    ]
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def quiz(name):
    """The scaffold of book/quizzes/<name>.json: one numeric question whose answer the quiz
    cell computes, two multiple-choice ones, each answer with its feedback."""
    def choice(right):
        return [{"answer": "REPLACE: the right answer", "correct": True,
                 "feedback": "REPLACE: why it is right."},
                {"answer": f"REPLACE: a tempting wrong answer ({right})", "correct": False,
                 "feedback": "REPLACE: why it is wrong."}]
    return [
        {"question": "REPLACE: a question whose numbers the quiz cell computes, e.g. the "
                     "page fits a line to [[num_points]] points: what slope does it find? "
                     "(The quiz adds the precision it asks for.)",
         "type": "numeric", "precision": 3,
         "answers": [{"type": "value", "value": "[[slope]]", "correct": True,
                      "feedback": "REPLACE: why this number."},
                     {"type": "default", "feedback": "REPLACE: a hint for a wrong number."}]},
        {"question": "REPLACE: a multiple-choice question.", "type": "multiple_choice",
         "answers": choice("a")},
        {"question": "REPLACE: another multiple-choice question.", "type": "multiple_choice",
         "answers": choice("b")},
    ]


def checker(name):
    """The stub of the code exercise's checker, appended to src/lnn/check.py: the shape
    every checker there has (fixed cases, :func:`run_cases`), with the page's example."""
    return f'''

# book/{name}.md {"-" * max(3, 80 - len(name))}

def check_{name}(func):
    """Check ``func(x)``, the code exercise of
    book/{name}.md.

    REPLACE: what it computes (its equation), the shapes it takes and returns, and the
    mistakes the hints name.
    """
    rng = get_rng(0)
    cases = []
    for shape in [(5,), (3, 1)]:
        x = rng.normal(size=shape)
        # REPLACE: the right answer from lnn's reference function, never typed here.
        cases.append((f"x of shape {{shape}}", (x,), 2.0 * x + 1.0))
    return run_cases("{name}", func, cases, compare_arrays,
                     "an array of x's shape")
'''


def checker_test(name):
    """The unit test of the checker stub: tests/unit/test_check_<name>.py."""
    return f'''"""The checker of the code exercise of book/{name}.md passes the right
answer and tells a wrong one what is wrong."""

from lnn import check


def test_the_right_answer_passes():
    # REPLACE: the right answer from lnn's reference function.
    assert check.check_{name}(lambda x: 2.0 * x + 1.0).passed


def test_a_wrong_answer_fails_and_says_why():
    # REPLACE: a mistake students make, and the words of the hint it gets.
    feedback = check.check_{name}(lambda x: 2.0 * x)
    assert not feedback.passed and "differ" in repr(feedback)
'''


PART = re.compile(r"(\d+(?:\.\d+)*) \S.*")


def insert_in_toc(root, name, after, part=None):
    """Add ``- file: book/<name>`` to _toc.yml after the entry of chapter ``after`` (first
    in the first part when None); or, with ``part`` (a caption), a new part holding it,
    after the part of chapter ``after`` (first when None)."""
    path = root / "_toc.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)

    def depth(line):  # its leading spaces
        return len(line) - len(line.lstrip())

    captions = [i for i, line in enumerate(lines) if line.lstrip().startswith("- caption:")]
    entry = re.compile(rf"^(\s*)- file: book/{re.escape(after or '')}\s*(#.*)?$")
    at = next((i for i, line in enumerate(lines) if after and entry.match(line)), None)
    if after and at is None:
        raise ValueError(f"after: _toc.yml has no chapter line '- file: book/{after}'")
    if part is not None:
        if not captions:
            raise ValueError("part: _toc.yml has no parts (`- caption:`) to add one to")
        level = depth(lines[captions[0]])
        later = [i for i in captions if at is not None and i > at]
        end = later[0] if later else (len(lines) if at is not None else captions[0])
        inner = depth(next(line for line in lines[captions[0]:] if "chapters:" in line))
        item = depth(next((line for line in lines[captions[0]:] if "- file:" in line),
                          " " * (2 * inner - level)))
        lines[end:end] = [f"{' ' * level}- caption: {json.dumps(part, ensure_ascii=False)}\n",
                          f"{' ' * inner}chapters:\n", f"{' ' * item}- file: book/{name}\n"]
    elif at is None:  # first in the first part
        first = next(i for i, line in enumerate(lines) if "- file: book/" in line
                     and i > captions[0]) if captions else None
        if first is None:
            raise ValueError("after: _toc.yml has no part with chapters to add the chapter to")
        lines.insert(first, f"{lines[first][:depth(lines[first])]}- file: book/{name}\n")
    else:
        level = depth(lines[at])
        end = at + 1  # after the entry's own nested lines (sections:), if any
        while end < len(lines) and (not lines[end].strip() or depth(lines[end]) > level):
            end += 1
        lines.insert(end, f"{' ' * level}- file: book/{name}\n")
    path.write_text("".join(lines), encoding="utf-8")


def scaffold(name, title, after=None, root=chapters.ROOT, part=None):
    """Write book/<name>.md, its quiz book/quizzes/<name>.json, its checker ``check_<name>``
    (appended to src/lnn/check.py) with its test tests/unit/test_check_<name>.py, and its
    _toc.yml line (with ``part``, a caption such as "3.4 Softmax regression": a new part of
    its own, hence a deck of its own, which its Summary slide ends); return the chapter's path.

    Without ``part`` the chapter goes after ``after`` (default :func:`default_after`), never
    last in its part: the part's last chapter ends the deck with its Summary slide.  With
    ``part`` the new part goes after the part of ``after`` (default: the last that holds a
    chapter).

    Raises ValueError starting with the argument's name ("name: ...", "title: ...",
    "after: ...", "part: ...") for a name that is not lower-case snake case or is already
    taken (a chapter, a quiz, a checker), a title that is empty or holds a line break or
    another control character, an ``after`` that is not a chapter of _toc.yml or is the last
    of its part, or a part that is not "<number> <title>" on one line or whose number another
    part has; nothing is written then.
    """
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(f"name: expected a file name like feature_scaling "
                         f"(lower case, digits, _), got {name!r}")
    for argument, text in (("title", title), ("part", part)):
        if argument == "part" and text is None:
            continue
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{argument}: expected the chapter's {argument}, e.g. "
                             f"{'Feature scaling' if argument == 'title' else '3.4 Softmax'!r}")
        control = [c for c in text if unicodedata.category(c).startswith("C")]
        if control:
            raise ValueError(f"{argument}: expected one line of text (a heading), got "
                             f"{text!r} with the control character {control[0]!r}")
    path = root / "book" / f"{name}.md"
    questions = root / "book" / "quizzes" / f"{name}.json"
    checks = root / "src" / "lnn" / "check.py"
    test = root / "tests" / "unit" / f"test_check_{name}.py"
    if path.exists() or questions.exists():
        raise ValueError(f"name: book/{name} already exists")
    if f"def check_{name}(" in checks.read_text(encoding="utf-8") or test.exists():
        raise ValueError(f"name: lnn.check already has a check_{name} (or its test exists); "
                         "expected a new name")
    found = toc_chapters(root)
    files = [f for _, f in found]
    if after is not None and f"book/{after}" not in files:
        raise ValueError(f"after: expected a chapter of _toc.yml, got {after!r}")
    if part is None:
        after = after or default_after(root)
        caption = dict((f, c) for c, f in found).get(f"book/{after}")
        if after and [f for c, f in found if c == caption][-1] == f"book/{after}":
            raise ValueError(
                f"after: {after} is the last chapter of the part {caption!r}, whose deck it "
                "ends with the Summary slide; expected a chapter before it, or PART= for a "
                "new part")
    else:
        part = part.strip()
        decks = {c.split()[0] for c, _ in chapters.parts(root) if c}
        if not PART.fullmatch(part) or part.split()[0] in decks:
            raise ValueError(f"part: expected a caption like '3.4 Softmax regression' whose "
                             f"number no part has ({', '.join(sorted(decks))}), got {part!r}")
        after = after or default_part_after(root)
    # A new part's first equation is its own first, 3.4 -> 3.4.1.
    tag = next_tag(root, after) if after and part is None else (
        part and f"{PART.fullmatch(part).group(1)}.1")
    nb = notebook(name, title.strip(), tag if tag and re.fullmatch(chapters.NUMBER, tag) else None,
                  metadata(root), ends_deck=part is not None)
    insert_in_toc(root, name, after, part)
    chapters.write(nb, path)
    questions.parent.mkdir(exist_ok=True)
    questions.write_text(json.dumps(quiz(name), indent=1) + "\n", encoding="utf-8")
    with checks.open("a", encoding="utf-8") as file:
        file.write(checker(name))
    test.parent.mkdir(parents=True, exist_ok=True)
    test.write_text(checker_test(name), encoding="utf-8")
    return path


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("name", nargs="?")
    parser.add_argument("title", nargs="?")
    parser.add_argument("--after", default=None)
    parser.add_argument("--part", default=None)
    parser.add_argument("--from-environment", action="store_true",
                        help=f"take the arguments from {', '.join(ENVIRONMENT)}")
    args = parser.parse_args(argv)
    if args.from_environment:
        args.name, args.title, args.after, args.part = (os.environ.get(k, "")
                                                        for k in ENVIRONMENT)
    if not args.name or not args.title:
        sys.exit(f"usage: {USAGE}")
    try:
        path = scaffold(args.name, args.title, args.after or None, part=args.part or None)
    except ValueError as err:
        sys.exit(f"make chapter: {err}")
    rel = path.relative_to(chapters.ROOT)
    print(f"wrote {rel}, book/quizzes/{path.stem}.json, check_{path.stem} at the end of "
          f"src/lnn/check.py, tests/unit/test_check_{path.stem}.py and the line in _toc.yml; "
          "replace every REPLACE, then `make book` and `make test`")


if __name__ == "__main__":
    main(sys.argv[1:])
