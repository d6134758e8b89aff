"""Sphinx extension: what an instructor writes is checked before the book builds.

The course's facts in ``_config.yml`` are checked by course.py.  This checks the rest that
is written by hand and that no execution or Sphinx warning would catch, and fails the build
with every problem, each naming its file, the place and what was expected:

- every quiz file ``book/quizzes/*.json`` (:mod:`lnn.quiz_schema`: JSON that jupyterquiz can
  use, math that converts to MathML; its numbers filled in later by the chapter's quiz cell);
- the markup of every chapter's slides-only cells (:mod:`slides.markup`).
"""

from pathlib import Path

import chapters
from slides import markup
from sphinx.errors import SphinxError

from lnn import quiz_schema


class SourceError(SphinxError):
    category = "Error in what the course's sources say"


def quiz_files(root=chapters.ROOT):
    return sorted((Path(root) / "book" / "quizzes").glob("*.json"))


def check_quiz_file(path, root=chapters.ROOT):
    """Raise ``ValueError`` naming the file (relative to ``root``) for a quiz file that is
    not a quiz jupyterquiz can use, before its placeholders are filled."""
    name = Path(path).relative_to(root) if Path(path).is_relative_to(root) else Path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"{name}: not UTF-8 text ({err.reason} at byte {err.start}); expected "
                         "a UTF-8 JSON file") from None
    quiz = quiz_schema.validate(quiz_schema.parse(text, name), name, filled=False)
    quiz_schema.check_math(quiz, name)  # as MathML in JupyterLab and Colab (lnn.quiz)


def problems(root=chapters.ROOT):
    """Every problem of the quiz files and the slides markup, one message each."""
    found = []
    for path in quiz_files(root):
        try:
            check_quiz_file(path, root)
        except ValueError as err:
            found.append(str(err))
    try:
        markup.check_book(root)
    except ValueError as err:
        found += str(err).split("\n")
    return found


def _check(app, config):
    found = problems(Path(app.srcdir))
    if found:
        raise SourceError("\n".join(["fix these and build again:", *found]))


def setup(app):
    app.connect("config-inited", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
