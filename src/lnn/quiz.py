"""Self-check quizzes: a chapter's questions with the numbers computed by its quiz cell.

The questions of a chapter are data, ``book/quizzes/<name>.json``, in the format that
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
loaded and MathJax has started, so the static page stays offline and error-free.
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
  var quiz = %s;
  function run() { (0, eval)(quiz); }
  function ready() {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) { mj.startup.promise.then(run); } else { run(); }
  }
  if (document.readyState === "complete") { ready(); }
  else { window.addEventListener("load", ready); }
})();"""
# Where the files are: next to the notebook (the book build and Binder run in book/), or in
# the checkout this package was installed from (an editable install).  On Colab, where lnn
# is pip-installed from GitHub, they are read from the same commit there (see raw_url).
FOLDERS = (Path("quizzes"), Path(__file__).resolve().parents[2] / "book" / "quizzes")
GITHUB = re.compile(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?")


def path(name):
    """The question file of chapter ``name``; ``ValueError`` if there is none."""
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"name must be a chapter name like 'minibatch_sgd', got {name!r}")
    for folder in FOLDERS:
        if (folder / f"{name}.json").is_file():
            return folder / f"{name}.json"
    raise ValueError(f"name: no quiz file {name}.json in {', '.join(map(str, FOLDERS))}")


def raw_url(direct_url, name):
    """The URL of quiz ``name`` in the GitHub commit that pip's ``direct_url`` record of an
    install from git names (``{"url": ..., "vcs_info": {"commit_id": ...}}``), or None."""
    repo = GITHUB.fullmatch(str(direct_url.get("url", "")))
    commit = direct_url.get("vcs_info", {}).get("commit_id")
    if not (repo and commit and re.fullmatch(r"[0-9a-f]{7,40}", commit)):
        return None
    return f"https://raw.githubusercontent.com/{repo.group(1)}/{commit}/book/quizzes/{name}.json"


def _read(name):
    """The text of quiz ``name``: a local file, else the GitHub commit lnn came from."""
    try:
        return path(name).read_text(encoding="utf-8")
    except ValueError:
        from importlib import metadata

        try:
            record = metadata.distribution("lnn").read_text("direct_url.json") or "{}"
        except metadata.PackageNotFoundError:
            raise ValueError(f"name: no quiz file {name}.json here") from None
        url = raw_url(json.loads(record), name)
        if url is None:
            raise
        from urllib.request import urlopen

        with urlopen(url, timeout=20) as response:
            return response.read().decode("utf-8")


def questions(name, **values):
    """The questions of chapter ``name`` with every ``[[placeholder]]`` filled from ``values``.

    Returns the list of question dicts that ``jupyterquiz.display_quiz`` takes, after
    :func:`validate`.  Raises ``ValueError`` for a placeholder without a value, a value that no
    placeholder uses, or a numeric answer that is not a finite number, and (naming the file)
    for a file that is not a quiz jupyterquiz can use (:mod:`lnn.quiz_schema`).
    """
    source = f"book/quizzes/{name}.json"
    raw = quiz_schema.validate(quiz_schema.parse(_read(name), source), source, filled=False)
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
    return validate(filled, source)


def show(name, **values):
    """Display the quiz of :func:`questions` in a notebook or book page (see the module)."""
    from IPython.display import HTML, Javascript, display
    from IPython.utils.capture import capture_output
    from jupyterquiz import display_quiz

    with capture_output(stdout=False, stderr=False) as captured:
        display_quiz(questions(name, **values))
    html, script = (output.data for output in captured.outputs)
    display(HTML(html["text/html"]))
    display(Javascript(deferred(script["application/javascript"])))


def deferred(script):
    """``script`` wrapped to run at global scope once the page and MathJax are ready."""
    return WHEN_READY % json.dumps(script)


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
