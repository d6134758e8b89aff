"""Self-check quizzes: a chapter's questions with the numbers computed by its quiz cell.

The questions of a chapter are data, ``book/quizzes/<name>.json`` (installed with the package
as ``lnn/quizzes/``), in the format that
``jupyterquiz.display_quiz`` renders (multiple choice and numeric questions, each answer
with its feedback).  A number that a question states or expects is never typed in that file:
it writes ``"[[name]]"``, and the chapter's quiz cell computes the value with the course code
and passes it to :func:`questions`, so the quiz cannot disagree with the book.

    lnn.quiz.show("minibatch_sgd", b_after=b)

A placeholder that is a whole JSON string (``"value": "[[b_after]]"``) becomes the number
itself; inside a text it is replaced by the value as text (a number as ``f"{x:g}"``: 90, not
90.0).

:func:`show` renders the quiz with ``jupyterquiz.display_quiz``.  Its script would look for
MathJax half a second after it runs, while the book page is still loading MathJax (deferred),
and then either fail or fetch MathJax from a CDN: :func:`show` runs it once the page has
loaded and MathJax has started, so the static page stays offline and error-free.  Where
no MathJax typesets (JupyterLab 4, Colab) it runs the quiz with its math as MathML instead
(:func:`as_mathml`), which the browser draws itself.
"""

import json
import math
import numbers
import re
from pathlib import Path

from . import quiz_schema
from .quiz_schema import MAX_QUESTIONS, MIN_QUESTIONS, PLACEHOLDER  # noqa: F401

# Runs jupyterquiz's script at global scope (indirect eval) once the page and its MathJax are
# ready; at once in Jupyter or Colab, where the page has long been loaded.
WHEN_READY = """(function () {
  var quiz = %s, quizMathML = %s;
  function run(script) { (0, eval)(script); }
  function ready() {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) {
      mj.startup.promise.then(function () { run(quiz); });
    } else {
      run(quizMathML);
    }
  }
  if (document.readyState === "complete") { ready(); }
  else { window.addEventListener("load", ready); }
})();"""
NO_MATHJAX = re.compile(r"\bMathJax\b")
# Where the files are: in the checkout this module is in (the book build, an editable
# install, Binder), else inside the installed package (package data: pyproject.toml ships
# book/quizzes as lnn/quizzes, so `pip install` from the repository has them; no network).
FOLDERS = (Path(__file__).resolve().parents[2] / "book" / "quizzes",
           Path(__file__).resolve().parent / "quizzes")


def path(name):
    """The question file of chapter ``name``; ``ValueError`` if there is none."""
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"name must be a chapter name like 'minibatch_sgd', got {name!r}")
    for folder in FOLDERS:
        if (folder / f"{name}.json").is_file():
            return folder / f"{name}.json"
    raise ValueError(f"name: no quiz file {name}.json in {', '.join(map(str, FOLDERS))}")


def questions(name, **values):
    """The questions of chapter ``name`` with every ``[[placeholder]]`` filled from ``values``.

    Returns the list of question dicts that ``jupyterquiz.display_quiz`` takes, after
    :func:`validate`.  Raises ``ValueError`` for a placeholder without a value, a value that no
    placeholder uses, or a numeric answer that is not a finite number, and (naming the file)
    for a file that is not a quiz jupyterquiz can use (:mod:`lnn.quiz_schema`).
    """
    source = f"book/quizzes/{name}.json"
    raw = quiz_schema.validate(
        quiz_schema.parse(path(name).read_text(encoding="utf-8"), source), source, filled=False)
    used = set()

    def value(key):
        if key not in values:
            raise ValueError(f"{name}.json needs a value for [[{key}]]: pass {key}=...")
        used.add(key)
        return values[key]

    def fill(item):
        if isinstance(item, dict):
            return {k: fill(v) for k, v in item.items()}
        if isinstance(item, list):
            return [fill(v) for v in item]
        if isinstance(item, str):
            whole = PLACEHOLDER.fullmatch(item)
            if whole:
                return _number(whole.group(1), value(whole.group(1)))
            return PLACEHOLDER.sub(lambda m: _text(value(m.group(1))), item)
        return item

    filled = fill(raw)
    unused = sorted(set(values) - used)
    if unused:
        raise ValueError(f"values {unused} are not used by any [[placeholder]] in {name}.json")
    return validate([_numeric(q) if q["type"] == "numeric" else q
                     for q in validate(filled, source)], source)


DIGITS = ["one", "two", "three", "four", "five"]  # up to quiz_schema.MAX_PRECISION


def _numeric(q):
    """A numeric question as a student meets it: the precision it compares stated in the
    question, every number at that precision (as jupyterquiz compares it and the PDF's answer
    key prints it), and the right value rounded to fewer digits answered as such ("give more
    digits"), not with the feedback for a wrong method."""
    p = q["precision"]
    answers = [dict(a, value=quiz_schema.rounded(a["value"], p)) if "value" in a else a
               for a in q["answers"]]
    right = next(a["value"] for a in answers if a.get("correct"))
    taken = {a["value"] for a in answers if "value" in a}
    for digits in range(p - 1, 0, -1):
        short = quiz_schema.rounded(right, digits)
        if short not in taken:
            taken.add(short)
            answers.append({
                "type": "value", "value": short, "correct": False,
                "feedback": f"Right value, rounded too far: {_text(short)} has {DIGITS[digits - 1]}"
                            f" significant digit{'s' * (digits > 1)}. Give {DIGITS[p - 1]}."})
    note = f" ({DIGITS[p - 1].capitalize()} significant digit{'s' * (p > 1)}.)"
    return dict(q, question=q["question"] + note, answers=answers)


def show(name, **values):
    """Display the quiz of :func:`questions` in a notebook or book page (see the module)."""
    import random

    from IPython.display import HTML, Javascript, display

    quiz = questions(name, **values)
    state = random.getstate()  # both renderings get the same random element id
    html, script = _rendered(quiz)
    random.setstate(state)
    _, script_mathml = _rendered(as_mathml(quiz))
    display(HTML(html["text/html"]))
    display(Javascript(deferred(script["application/javascript"],
                                script_mathml["application/javascript"])))


def _rendered(quiz):
    """jupyterquiz's two outputs (the HTML element, the script that fills it), as data."""
    from IPython.utils.capture import capture_output
    from jupyterquiz import display_quiz

    with capture_output(stdout=False, stderr=False) as captured:
        display_quiz(quiz)
    return [output.data for output in captured.outputs]


# TeX in a question: $$...$$ (display) or $...$ (inline); \$ is a dollar sign.
TEX = quiz_schema.TEX


def as_mathml(quiz):
    """``quiz`` with its TeX ($...$) as MathML, which browsers draw without MathJax.

    JupyterLab 4 keeps its MathJax to itself (``window.MathJax`` there cannot typeset) and
    Colab's outputs have none: there, jupyterquiz would leave the TeX raw, throw TypeErrors
    and fetch MathJax from a CDN.  The book page keeps the TeX (its own MathJax typesets it).
    """
    from latex2mathml.converter import convert

    def mathml(match):
        display, inline = match.groups()
        return convert(display if display is not None else inline,
                       display="block" if display is not None else "inline")

    def walk(item):
        if isinstance(item, dict):
            return {k: walk(v) for k, v in item.items()}
        if isinstance(item, list):
            return [walk(v) for v in item]
        return TEX.sub(mathml, item) if isinstance(item, str) else item

    return walk(quiz)


def deferred(script, script_mathml=None):
    """The quiz's script, run at global scope once the page and its MathJax are ready: on a
    page whose MathJax typesets (the book), ``script``; elsewhere ``script_mathml`` (the
    quiz with MathML, :func:`as_mathml`), in which jupyterquiz's references to MathJax name
    a global that never exists: JupyterLab 4's MathJax cannot typeset and is replaced while
    the notebook loads, and jupyterquiz would then log errors and fetch MathJax from a CDN."""
    mathml = NO_MATHJAX.sub("lnnNoMathJax", script_mathml or script)
    return WHEN_READY % (json.dumps(script), json.dumps(mathml))


def _text(value):
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{value:g}"
    return str(value)


def _number(key, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(
            value):
        raise ValueError(f"{key} must be a finite number (a numeric answer), got {value!r}")
    return float(value)


def validate(quiz, source="the quiz"):
    """Return ``quiz`` (filled in) if it is a sound self-check quiz, else raise ``ValueError``
    naming ``source``: :func:`lnn.quiz_schema.validate` says what is validated."""
    return quiz_schema.validate(quiz, source)
