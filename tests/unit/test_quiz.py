"""The self-check quizzes: every question file is a sound quiz, every fault of a kind is
caught, and every chapter ends with a quiz cell that computes its numbers."""

import decimal
import json
import re
import subprocess
import sys
from pathlib import Path

import chapter_env
import chapters
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lnn.quiz

QUIZZES = sorted((chapters.ROOT / "book" / "quizzes").glob("*.json"))
NAMES = [p.stem for p in QUIZZES]


def _placeholders(name):
    text = (chapters.ROOT / "book" / "quizzes" / f"{name}.json").read_text(encoding="utf-8")
    return set(lnn.quiz.PLACEHOLDER.findall(text))


def _values(name):
    """A value for each placeholder of quiz ``name``, each a different number (two answers
    of a numeric question with one value are refused)."""
    return {key: 1.5 + i for i, key in enumerate(sorted(_placeholders(name)))}


def _filled(name):
    return lnn.quiz.questions(name, **_values(name))


def test_there_are_quiz_files():
    assert len(QUIZZES) >= 3


# That each quiz file is sound is checked where the quiz is made: lnn.quiz.questions
# validates it when its chapter runs, so a fault fails the book build.
@pytest.mark.parametrize("name", NAMES)
def test_every_quiz_has_a_multiple_choice_question(name):
    quiz = json.loads(lnn.quiz.path(name).read_text(encoding="utf-8"))
    assert "multiple_choice" in {q.get("type") for q in quiz}, f"{name}: none"


def test_numeric_answers_are_computed_not_typed():
    numeric = [(p.stem, q) for p in QUIZZES
               for q in json.loads(p.read_text(encoding="utf-8")) if q["type"] == "numeric"]
    assert len(numeric) >= len(QUIZZES) - 1, "most chapters ask for a number"
    for name, q in numeric:
        typed = [a["value"] for a in q["answers"] if "value" in a]
        assert all(lnn.quiz.PLACEHOLDER.fullmatch(str(v)) for v in typed), (
            f"{name}: a numeric answer is typed in the file, not computed: {typed}")


# Every fault of a quiz file is caught by lnn.quiz_schema: tests/unit/test_quiz_schema.py
# draws them.


@pytest.mark.parametrize("name", [n for n in NAMES if _placeholders(n)])
def test_every_placeholder_needs_its_value(name):
    values = _values(name)
    for key in values:
        with pytest.raises(ValueError, match=rf"\[\[{key}\]\]"):
            lnn.quiz.questions(name, **{k: v for k, v in values.items() if k != key})


@pytest.mark.parametrize("name", NAMES)
def test_a_value_nobody_uses_is_an_error(name):
    values = _values(name)
    with pytest.raises(ValueError, match="not used"):
        lnn.quiz.questions(name, unheard_of=1.0, **values)


@pytest.mark.parametrize("bad", ["0.5", None, float("nan"), float("inf"), True])
def test_a_numeric_answer_must_be_a_finite_number(bad):
    name = next(n for n in NAMES if any(q["type"] == "numeric" for q in _filled(n)))
    raw = json.loads(lnn.quiz.path(name).read_text(encoding="utf-8"))
    numeric = next(q for q in raw if q["type"] == "numeric")
    key = next(lnn.quiz.PLACEHOLDER.fullmatch(a["value"]).group(1)
               for a in numeric["answers"] if a.get("correct") is True)
    values = _values(name) | {key: bad}
    with pytest.raises(ValueError, match=f"{key} must be a finite number"):
        lnn.quiz.questions(name, **values)


# A numeric question as a student meets it -----------------------------------------------

def _js_rounded(value, precision):
    """JavaScript's ``Number(x.toPrecision(p))``: the exact binary value, ties away from 0."""
    context = decimal.Context(prec=precision, rounding=decimal.ROUND_HALF_UP)
    return float(context.create_decimal(decimal.Decimal(float(value))))


def _grade(question, typed):
    """(correct, feedback) as jupyterquiz's check_numeric grades the text ``typed``: both
    numbers at the question's precision, the first answer with that value wins."""
    p, default = question["precision"], "Incorrect. Try again."
    submission = _js_rounded(float(typed), p)
    for answer in question["answers"]:
        if "value" in answer and submission == _js_rounded(answer["value"], p):
            return answer["correct"], answer["feedback"]
        if answer.get("type") == "default":
            default = answer["feedback"]
    return False, default


def _digits(text):
    """The significant digits of a number as written: '0.544' -> 3, '204000' -> 3."""
    return len(decimal.Decimal(text).normalize().as_tuple().digits)


NUMERIC = [n for n in NAMES if any(q["type"] == "numeric" for q in _filled(n))]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(name=st.sampled_from(NUMERIC),
       numbers=st.lists(st.floats(1e-4, 1e6), min_size=12, max_size=12,
                        unique_by=lambda v: _js_rounded(v, 1)),
       negative=st.lists(st.booleans(), min_size=12, max_size=12))
def test_every_numeric_question_prints_and_grades_its_number_at_its_precision(
        name, numbers, negative):
    """The answer key prints the right value as the quiz rounds it (not 0.544062184712), the
    right value typed at the question's precision is right, and the right value rounded to
    fewer digits is told so, not given the feedback of a wrong method."""
    keys = sorted(_placeholders(name))
    values = {k: -v if neg else v for k, v, neg in zip(keys, numbers, negative)}
    raw = json.loads(lnn.quiz.path(name).read_text(encoding="utf-8"))
    for source, q in zip(raw, lnn.quiz.questions(name, **values)):
        if q["type"] != "numeric":
            continue
        p = q["precision"]
        (right,) = [a["value"] for a in q["answers"] if a.get("correct")]
        printed = str(int(right)) if float(right).is_integer() else repr(right)  # String()
        assert _digits(printed) <= p, (name, printed, p)
        assert _grade(q, printed)[0], (name, printed)
        default = next(a["feedback"] for a in q["answers"] if a.get("type") == "default")
        distractors = {_js_rounded(values[a["value"][2:-2]], p)
                       for a in source["answers"] if a.get("correct") is False}
        for digits in range(1, p):
            short = _js_rounded(right, digits)
            if _js_rounded(short, p) in distractors | {_js_rounded(right, p)}:
                continue  # the same number as the right one, or as a distractor
            correct, feedback = _grade(q, repr(short))
            assert not correct and feedback != default, (name, right, short, feedback)


@pytest.mark.parametrize("name", ["", "../intro", "no_such_chapter", 3])
def test_an_unknown_quiz_name_is_an_error(name):
    with pytest.raises(ValueError, match="name"):
        lnn.quiz.path(name)


QUIZ_CALL = re.compile(r"lnn\.quiz\.show\(\s*\"(\w+)\"")


def _cells(path):
    """(cell type, source, tags) of each cell."""
    return [(c.cell_type, c.source, c.metadata.get("tags", []))
            for c in chapters.read(path).cells]


@pytest.mark.parametrize("path", chapter_env.notebooks(), ids=lambda p: p.stem)
def test_every_chapter_ends_with_its_quiz(path):
    """The skeleton: overview, content, Summary, Exercises, then the self-check quiz (a
    heading and one code cell, visible in the notebook, its input removed from the page)."""
    cells = _cells(path)
    (heading_type, heading, _), (quiz_type, quiz, tags) = cells[-2], cells[-1]
    assert heading_type == "markdown" and heading.startswith(
        "## Self-check quiz"), f"{path.name}: the second-to-last cell is not the quiz heading"
    assert quiz_type == "code", f"{path.name}: the last cell is not the quiz cell"
    assert "remove-cell" not in tags, "the reader must see the quiz"
    used = QUIZ_CALL.findall(quiz)
    assert len(used) == 1 and used[0] in NAMES, f"{path.name}: no lnn.quiz.show of a quiz file"
    assert all(len(line) <= 79 for line in quiz.splitlines())
    sources = [source for _, source, _ in cells]
    exercises = max(i for i, s in enumerate(sources) if "## Exercises" in s)
    summary = max(i for i, s in enumerate(sources) if "## Summary" in s)
    assert summary <= exercises < len(cells) - 2


@chapter_env.needs_chapters
def test_every_quiz_file_is_used():
    used = {QUIZ_CALL.findall(source)[0] for p in chapters.notebooks()
            for _, source, _ in _cells(p) if QUIZ_CALL.search(source)}
    assert used == set(NAMES)


def test_numbers_in_the_text_read_as_written():
    name = next(n for n in NAMES if any(
        lnn.quiz.PLACEHOLDER.search(q["question"]) for q in json.loads(
            lnn.quiz.path(n).read_text(encoding="utf-8"))))
    values = _values(name)
    text_keys = {k for q in json.loads(lnn.quiz.path(name).read_text(encoding="utf-8"))
                 for k in lnn.quiz.PLACEHOLDER.findall(q["question"])}
    for number, shown in [(90.0, "90"), (-500.0, "-500"), (0.25, "0.25"), (30000, "30000")]:
        quiz = lnn.quiz.questions(name, **(values | {k: number for k in text_keys}))
        assert any(shown in q["question"] for q in quiz)
        assert not any(f"{shown}.0" in q["question"] for q in quiz)


def test_an_installed_lnn_carries_every_quiz(tmp_path):
    """The wheel that `pip install` builds from the repository (the Colab setup cell) has
    every question file as package data, byte for byte; the quiz then needs no network."""
    import zipfile

    pytest.importorskip("setuptools")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(chapters.ROOT)],
                   check=True, capture_output=True, cwd=tmp_path)
    (wheel,) = tmp_path.glob("lnn-*.whl")
    with zipfile.ZipFile(wheel) as z:
        shipped = {Path(n).name: z.read(n) for n in z.namelist()
                   if n.startswith("lnn/quizzes/") and n.endswith(".json")}
        z.extractall(tmp_path / "site")
    assert shipped == {q.name: q.read_bytes() for q in QUIZZES}
    # Installed there (no checkout beside it), lnn.quiz finds them inside the package.
    code = ("import lnn.quiz, sys; print(lnn.quiz.path(sys.argv[1]).parent)")
    where = subprocess.run([sys.executable, "-c", code, QUIZZES[0].stem], check=True,
                           capture_output=True, text=True, cwd=tmp_path,
                           env={"PYTHONPATH": str(tmp_path / "site"), "PATH": ""}).stdout
    assert Path(where.strip()) == tmp_path / "site" / "lnn" / "quizzes"


@pytest.mark.parametrize("name", NAMES)
def test_outside_the_book_every_formula_is_mathml(name):
    """In JupyterLab 4 and Colab no MathJax typesets the quiz: every $...$ becomes MathML,
    which the browser draws itself, and nothing else in the text changes."""
    pytest.importorskip("latex2mathml")
    quiz = _filled(name)
    converted = lnn.quiz.as_mathml(quiz)

    def texts(item):
        if isinstance(item, dict):
            return [t for v in item.values() for t in texts(v)]
        if isinstance(item, list):
            return [t for v in item for t in texts(v)]
        return [item] if isinstance(item, str) else []

    for before, after in zip(texts(quiz), texts(converted)):
        formulas = lnn.quiz.TEX.findall(before)
        assert after.count("<math ") == len(formulas) and "$" not in after.replace("\\$", "")
        assert lnn.quiz.TEX.sub("", before) == re.sub(r"<math .*?</math>", "", after, flags=re.S)


NODE_PAGE = """
var marks = [];
globalThis.window = globalThis;
globalThis.document = {readyState: "complete"};
globalThis.mark = function (m) { marks.push(m); };
%s
eval(process.argv[1]);
setTimeout(function () {
  console.log(JSON.stringify({marks: marks,
    typeset: typeof (window.MathJax || {}).typeset}));
}, 10);
"""


@pytest.mark.parametrize("mathjax, expected", [
    # The book page: MathJax 3 with its startup promise typesets the TeX.
    ("window.MathJax = {version: '3.2.2', startup: {promise: Promise.resolve()},"
     " typeset: function () {}};", {"marks": ["tex"], "typeset": "function"}),
    # JupyterLab 4: a MathJax object that cannot typeset (jupyterquiz would throw, then
    # fetch MathJax from a CDN): MathML, and jupyterquiz never sees MathJax.
    ("window.MathJax = {version: '3.2.2', _: {}, config: {}, loader: {}};",
     {"marks": ["mathml"], "typeset": "undefined"}),
    # Colab: no MathJax at all.
    ("", {"marks": ["mathml"], "typeset": "undefined"}),
])
def test_the_quiz_script_chosen_for_each_page(mathjax, expected):
    import shutil

    node = shutil.which("node")
    if node is None:
        pytest.skip("node runs the quiz's page script")
    sees = "if (typeof MathJax != 'undefined') { mark('saw MathJax'); }"
    script = lnn.quiz.deferred("mark('tex')", f"mark('mathml'); {sees}")
    out = subprocess.run([node, "-e", NODE_PAGE % mathjax, script], capture_output=True,
                         text=True, check=True).stdout
    assert json.loads(out) == expected
