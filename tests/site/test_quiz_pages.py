"""The self-check quizzes in the built pages: every chapter page ends with one quiz, which
runs offline (the page loads no MathJax, so the quiz runs with its math as MathML and
jupyterquiz never fetches one).

That the questions are sound and their numbers filled in is checked once, where the quiz is
made: ``lnn.quiz.questions`` validates it when the chapter's quiz cell runs, and a fault
fails the build (its kinds: tests/unit/test_quiz.py)."""

import json
import re

import chapters
import pytest

import lnn.quiz

CHAPTERS = [p for p in chapters.pages() if chapters.is_chapter(chapters.source(p))]
QUESTIONS = re.compile(r"var questions\w+=(\[.*?\]);\\n", re.S)


def _html(html_root, page):
    return (html_root / f"{page}.html").read_text(encoding="utf-8")


def quiz_of(text):
    """The questions embedded in a built page (the JSON inside jupyterquiz's script)."""
    found = QUESTIONS.findall(text)
    # The quiz's script carries it twice: with TeX, for a page with a MathJax that typesets,
    # and with MathML (lnn.quiz.as_mathml), which the book's pages, JupyterLab and Colab run.
    assert len(found) == 2, f"{len(found)} quiz scripts on the page"
    # The script is a JSON string inside the page's <script>: undo that level of quoting.
    tex, mathml = (json.loads(json.loads(f'"{f}"')) for f in found)
    assert lnn.quiz.as_mathml(tex) == mathml
    return tex


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_chapter_page_ends_with_its_quiz(html_root, page):
    text = _html(html_root, page)
    assert quiz_of(text), f"{page}: the quiz has no questions"
    # The skeleton (overview, content, Summary, Exercises, quiz): test_chapter_pages.py.
    assert text.rfind('id="self-check-quiz"') > text.rfind('id="exercises"') > 0


@pytest.mark.parametrize("page", CHAPTERS)
def test_the_quiz_runs_its_mathml_version_without_mathjax(html_root, page):
    # Where the page has no MathJax, lnn.quiz runs the quiz whose math is MathML, in which
    # jupyterquiz's calls to MathJax (and its CDN fallback) name a global that never exists;
    # and the quiz's code cell must not show (the answers are computed there).
    text = _html(html_root, page)
    assert not re.search(r'<script[^>]*src="[^"]*mathjax', text, re.I), page
    assert "lnnNoMathJax" in text, page
    assert "lnn.quiz.show(" not in re.sub(r"<script.*?</script>", "", text, flags=re.S)


def test_the_quiz_parser_sees_a_quiz():
    quiz = [{"question": "q $x$", "answers": []}]
    scripts = "".join(json.dumps(f"var questionsAbc={json.dumps(q)};\n\nif (x) {{}}")
                      for q in (quiz, lnn.quiz.as_mathml(quiz)))
    assert quiz_of(f"<script>{scripts}</script>") == quiz
