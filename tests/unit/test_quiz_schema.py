"""lnn/quiz_schema.py and the build's check of every quiz file (_ext/validate_sources.py):
any slip in a quiz file that jupyterquiz cannot use fails with the file's name, the place and
what was expected.  Drawn (Hypothesis): a real quiz file of the book, one fault of each kind
put at a drawn place (a number as text, NaN, Infinity, a boolean as text, a missing or empty
text, an unknown key, a broken placeholder, a bad precision or range), or the file's text
broken (a BOM, empty, cut short, a trailing comma, a key twice)."""

import copy
import json
import re
import types

import chapters
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lnn import quiz_schema

# The build's checks import Sphinx's docutils: not in the Colab-like `.venv-colab`.
validate_sources = pytest.importorskip("validate_sources")

QUIZZES = sorted((chapters.ROOT / "book" / "quizzes").glob("*.json"))
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None)
# Where a fault must be reported: the file, and a question or a line.
PLACE = re.compile(r"^x/quiz\.json(, question \d+|, line \d+, column \d+|:)")


def _raw(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_quiz_file_of_the_book_passes():
    assert QUIZZES
    for path in QUIZZES:
        validate_sources.check_quiz_file(path)
    assert validate_sources.problems() == []


# Faults in a question or an answer: (kind, function that breaks the drawn item in place).
def _set(key, value):
    return lambda item: item.__setitem__(key, value)


def _as_range(answer, bounds):
    answer.pop("value")
    answer.update(type="range", range=bounds)


ANSWER_FAULTS = {
    "number as text": ("value", _set("value", "0.5")),
    "NaN": ("value", _set("value", float("nan"))),
    "Infinity": ("value", _set("value", float("inf"))),
    "-Infinity": ("value", _set("value", float("-inf"))),
    "boolean value": ("value", _set("value", True)),
    "null value": ("value", _set("value", None)),
    "correct as text": ("correct", _set("correct", "true")),
    "correct as a number": ("correct", _set("correct", 1)),
    "feedback missing": ("feedback", lambda a: a.pop("feedback")),
    "feedback empty": ("feedback", _set("feedback", " ")),
    "feedback a number": ("feedback", _set("feedback", 3)),
    "misspelt key": ("feedback", lambda a: a.__setitem__("feeback", a.pop("feedback"))),
    "answer text missing": ("answer", lambda a: a.pop("answer")),
    "broken placeholder": ("feedback", lambda a: a.__setitem__(
        "feedback", a["feedback"] + " [[ lr ]]")),
    "half a placeholder": ("feedback", lambda a: a.__setitem__(
        "feedback", a["feedback"] + " [[lr]")),
    "range reversed": ("value", lambda a: _as_range(a, [2.0, 1.0])),
    "range as text": ("value", lambda a: _as_range(a, ["1", 2.0])),
    "range of one number": ("value", lambda a: _as_range(a, [1.0])),
    "range with Infinity": ("value", lambda a: _as_range(a, [0.0, float("inf")])),
    "value and range": ("value", _set("range", [0.0, 1.0])),
    "value answer type unknown": ("value", _set("type", "exact")),
    "default made correct": ("default", _set("correct", True)),
    "default with a value": ("default", _set("value", 1.0)),
}
QUESTION_FAULTS = {
    "precision as text": ("numeric", _set("precision", "3")),
    "precision zero": ("numeric", _set("precision", 0)),
    "precision fractional": ("numeric", _set("precision", 2.5)),
    "precision boolean": ("numeric", _set("precision", True)),
    "question text missing": ("any", lambda q: q.pop("question")),
    "question a list": ("any", _set("question", ["What?"])),
    "misspelt key": ("any", lambda q: q.__setitem__("anwsers", q.pop("answers"))),
    "unknown type": ("any", _set("type", "many_choice")),
    "no answers": ("any", _set("answers", [])),
    "answers not a list": ("any", _set("answers", {"answer": "x"})),
    "broken placeholder in the question": ("any", lambda q: q.__setitem__(
        "question", q["question"] + " [[Eq 3]]")),
    "two defaults": ("numeric", lambda q: q["answers"].append(
        {"type": "default", "feedback": "again"})),
    "precision too fine to type": ("numeric", _set("precision", 6)),
    "precision typed in the question": ("numeric", lambda q: q.__setitem__(
        "question", q["question"] + " (Three significant digits, e.g. 0.5.)")),
    "a second right value": ("numeric", lambda q: q["answers"].insert(0, {
        "type": "value", "value": 123.25, "correct": True, "feedback": "Also right."})),
    "a right range": ("numeric", lambda q: q["answers"].insert(0, {
        "type": "range", "range": [0.0, 1.0], "correct": True, "feedback": "Right."})),
    "math MathML leaves raw": ("any", lambda q: q.__setitem__(
        "question", q["question"] + " $\\begin{aligned}a &= b\\end{aligned}$")),
}


def _applies(answer, question, target):
    """Whether an answer fault for ``target`` fits this answer."""
    if target == "default":
        return answer.get("type") == "default"
    if target == "value":
        return question["type"] == "numeric" and answer.get("type") == "value"
    if target == "answer":
        return question["type"] == "multiple_choice"
    if target == "correct":
        return answer.get("type") != "default"
    return True


@st.composite
def broken_quizzes(draw):
    """(kind of fault, a quiz file's JSON with that fault)."""
    quiz = copy.deepcopy(_raw(draw(st.sampled_from(QUIZZES))))
    if draw(st.booleans()):
        kind = draw(st.sampled_from(sorted(QUESTION_FAULTS)))
        target, breaks = QUESTION_FAULTS[kind]
        candidates = [q for q in quiz if target == "any" or q["type"] == target]
        if not candidates:
            kind, breaks, candidates = "question text missing", QUESTION_FAULTS[
                "question text missing"][1], quiz
        breaks(draw(st.sampled_from(candidates)))
        return kind, quiz
    kind = draw(st.sampled_from(sorted(ANSWER_FAULTS)))
    target, breaks = ANSWER_FAULTS[kind]
    candidates = [a for q in quiz for a in q["answers"] if _applies(a, q, target)]
    if not candidates:  # this file has no answer of that kind: break a feedback instead
        kind, breaks = "feedback missing", ANSWER_FAULTS["feedback missing"][1]
        candidates = [a for q in quiz for a in q["answers"]]
    breaks(draw(st.sampled_from(candidates)))
    return kind, quiz


def _check_text(text):
    """What the build checks of a quiz file (validate_sources.check_quiz_file)."""
    quiz = quiz_schema.parse(text, "x/quiz.json")
    return quiz_schema.check_math(quiz_schema.validate(quiz, "x/quiz.json", filled=False),
                                  "x/quiz.json")


@SETTINGS
@given(broken_quizzes())
def test_every_fault_in_a_question_or_answer_names_the_file_and_the_question(fault):
    kind, quiz = fault
    text = json.dumps(quiz, indent=1)  # NaN and Infinity as JSON writes them: NaN, Infinity
    with pytest.raises(ValueError) as err:
        _check_text(text)
    assert PLACE.match(str(err.value)), (kind, str(err.value))
    assert "expected" in str(err.value), (kind, str(err.value))


@st.composite
def broken_texts(draw):
    """(kind, the text of a quiz file broken as a file: encoding, emptiness or syntax)."""
    text = draw(st.sampled_from(QUIZZES)).read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["BOM", "empty", "blank", "cut short", "trailing comma",
                                 "key twice", "single quotes"]))
    if kind == "BOM":
        return kind, "\ufeff" + text
    if kind == "empty":
        return kind, ""
    if kind == "blank":
        return kind, draw(st.sampled_from([" ", "\n", "\n\n  \t\n"]))
    if kind == "cut short":
        return kind, text[:draw(st.integers(1, len(text.rstrip()) - 1))]
    if kind == "trailing comma":
        return kind, text.rstrip()[:-1].rstrip() + ",\n]"
    if kind == "key twice":
        return kind, text.replace('"feedback":', '"feedback": "x", "feedback":', 1)
    return kind, text.replace('"question"', "'question'", 1)


@SETTINGS
@given(broken_texts())
def test_a_file_that_is_not_json_names_the_file_and_where(broken):
    kind, text = broken
    with pytest.raises(ValueError) as err:
        _check_text(text)
    assert PLACE.match(str(err.value)), (kind, str(err.value))
    if kind in ("cut short", "trailing comma", "single quotes"):
        assert re.match(r"x/quiz\.json, line \d+, column \d+", str(err.value)), str(err.value)


def test_the_same_value_twice_at_the_precision_is_refused_once_filled():
    quiz = _raw(next(p for p in QUIZZES if any(q["type"] == "numeric" for q in _raw(p))))
    question = next(q for q in quiz if q["type"] == "numeric")
    values = [a for a in question["answers"] if a.get("type") == "value"]
    filled = copy.deepcopy(quiz)
    for q in filled:
        for a in q["answers"]:
            if a.get("type") == "value":
                a["value"] = 1.0 + q["answers"].index(a)
            for key in ("question", "answer", "feedback"):
                for item in (q, a):
                    if isinstance(item.get(key), str):
                        item[key] = quiz_schema.PLACEHOLDER.sub("1", item[key])
    assert quiz_schema.validate(filled, "x/quiz.json")
    if len(values) >= 2:
        twin = next(q for q in filled if q["type"] == "numeric")
        first, second = [a for a in twin["answers"] if a.get("type") == "value"][:2]
        second["value"] = first["value"] * (1 + 10 ** -(twin["precision"] + 2))
        with pytest.raises(ValueError, match=r"^x/quiz\.json, question \d+: answers \d+ and "
                                             r"\d+ have the same value"):
            quiz_schema.validate(filled, "x/quiz.json")


def test_the_build_names_each_broken_quiz_file(tmp_path):
    folder = tmp_path / "book" / "quizzes"
    folder.mkdir(parents=True)
    (folder / "good.json").write_text(QUIZZES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.json").write_text("", encoding="utf-8")
    (folder / "latin1.json").write_bytes("[\"caf\xe9\"]".encode("latin-1"))
    found = []
    for path in validate_sources.quiz_files(tmp_path):
        try:
            validate_sources.check_quiz_file(path, tmp_path)
        except ValueError as err:
            found.append(str(err))
    assert [m.split(":")[0] for m in found] == ["book/quizzes/empty.json",
                                                "book/quizzes/latin1.json"]


def test_the_book_build_runs_the_checks():
    config = (chapters.ROOT / "_config.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+validate_sources: _ext\s*$", config, flags=re.M)


# What jupyterquiz can use passes: the check refuses slips, not quizzes ------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="[]$"),
               min_size=1, max_size=30).filter(
    lambda t: t.strip() and not quiz_schema.PRECISION_NOTE.search(t))
FINITE = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def questions(draw):
    if draw(st.booleans()):
        n = draw(st.integers(2, 5))
        right = draw(st.integers(0, n - 1))
        return {"question": draw(TEXT), "type": "multiple_choice",
                "answers": [{"answer": draw(TEXT), "correct": i == right,
                             "feedback": draw(TEXT)} for i in range(n)]}
    precision = draw(st.integers(1, quiz_schema.MAX_PRECISION))
    values = draw(st.lists(FINITE, min_size=1, max_size=3,
                           unique_by=lambda v: quiz_schema.rounded(v, precision)))
    answers = [{"type": "value", "value": v, "correct": i == 0, "feedback": draw(TEXT)}
               for i, v in enumerate(values)]
    if draw(st.booleans()):
        low = draw(FINITE)
        answers.append({"type": "range", "range": [low, low + draw(st.floats(1e-3, 10))],
                        "correct": False, "feedback": draw(TEXT)})
    answers.append({"type": "default", "feedback": draw(TEXT)})
    return {"question": draw(TEXT), "type": "numeric", "precision": precision,
            "answers": draw(st.permutations(answers))}


@SETTINGS
@given(st.lists(questions(), min_size=quiz_schema.MIN_QUESTIONS,
                max_size=quiz_schema.MAX_QUESTIONS))
def test_a_quiz_jupyterquiz_can_use_passes(quiz):
    text = json.dumps(quiz, ensure_ascii=False)
    assert quiz_schema.validate(quiz_schema.parse(text, "x/quiz.json"), "x/quiz.json") == quiz
    assert _check_text(text) == quiz


def test_the_build_stops_with_every_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(validate_sources, "problems", lambda root: ["a.json: one", "b.md: two"])
    app = types.SimpleNamespace(srcdir=str(tmp_path))
    with pytest.raises(validate_sources.SourceError, match="a.json: one\nb.md: two"):
        validate_sources._check(app, None)


# Math: what latex2mathml (the quiz in JupyterLab and Colab) would leave raw is refused ----

latex2mathml = pytest.importorskip("latex2mathml.commands")
KNOWN = {v for v in vars(latex2mathml).values() if isinstance(v, str) and v.startswith("\\")}


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(command=st.from_regex(r"\\[a-zA-Z]{2,9}", fullmatch=True).filter(
           lambda c: c not in KNOWN),
       environment=st.from_regex(r"[a-zA-Z]{2,9}\*?", fullmatch=True).filter(
           lambda e: "\\" + e not in latex2mathml.MATRICES),
       where=st.sampled_from(["question", "answer", "feedback"]), raw=st.booleans())
def test_math_that_would_stay_tex_in_lab_and_colab_is_refused(command, environment, where,
                                                              raw):
    quiz = copy.deepcopy(_raw(QUIZZES[0]))
    tex = f"{command}{{x}}" if raw else f"\\begin{{{environment}}}a\\end{{{environment}}}"
    item = quiz[0] if where == "question" else quiz[0]["answers"][0]
    key = where if where in item else "feedback"
    item[key] = f"{item[key]} ${tex}$"
    with pytest.raises(ValueError, match=r"^x/quiz\.json, question 1.*MathML"):
        _check_text(json.dumps(quiz))
