"""What a quiz file must be: the JSON that ``jupyterquiz`` can use, checked with the file's name.

An instructor writes ``book/quizzes/<name>.json``; the browser runs it.  What jupyterquiz
cannot use fails there, silently for the author: a distractor ``"value": "0.5"`` (text: its
``toPrecision`` throws, so no wrong answer gets feedback), ``NaN`` or ``Infinity`` (no answer
is ever right), a ``"correct": "true"`` (text), a misspelt key, a placeholder that is not
exactly ``[[name]]`` (shown as typed).  :func:`parse` and :func:`check` refuse each of them
with a ``ValueError`` that names the file, the place (line and column, or question and
answer) and what was expected; the book build runs them on every quiz file (_ext/
validate_sources.py), and :func:`lnn.quiz.questions` on the file it fills.

Before the numbers are filled in (``filled=False``) a number may be written as a whole
placeholder, ``"value": "[[b_after]]"``; after (``filled=True``) it must be a finite number.
"""

import json
import math
import numbers
import re
from decimal import ROUND_HALF_UP, Decimal

MIN_QUESTIONS, MAX_QUESTIONS = 3, 5
# Significant digits a student types for a numeric answer: more than 5 asks for noise.
MAX_PRECISION = 5
# The precision a question asks for is stated by lnn.quiz from 'precision', never typed.
PRECISION_NOTE = re.compile(r"significant (digit|figure)|decimal place", re.I)
# TeX in a text: $$...$$ (display) or $...$ (inline); \$ is a dollar sign.
TEX = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$(.+?)(?<!\\)\$", re.S)
PLACEHOLDER = re.compile(r"\[\[(\w+)\]\]")
# MathML text that is still TeX: a backslash command or a bare '&' (not an entity).
RAW = re.compile(r">([^<]*(?:\\|&(?!#?\w+;))[^<]*)<")
# "[[", "]]" or a single bracket around a name that is not a placeholder: shown as typed.
NEAR_MISS = re.compile(r"\[\[|\]\]")
QUESTION_KEYS = {"question", "type", "answers", "precision", "code", "answer_cols"}
CHOICE_KEYS = {"answer", "correct", "feedback", "code"}
NUMERIC_KEYS = {"type", "value", "range", "correct", "feedback"}
NUMERIC_TYPES = ("value", "range", "default")


def parse(text, source):
    """The JSON of quiz file ``source`` (its name, for the messages) from its ``text``.

    Raises ``ValueError`` naming ``source`` for an empty file, a byte-order mark, a syntax
    error (with its line and column), ``NaN``/``Infinity`` and a key written twice.
    """
    if text.startswith("\ufeff"):
        raise ValueError(f"{source}: starts with a byte-order mark (BOM); expected UTF-8 "
                         "without BOM (save it again as plain UTF-8)")
    if not text.strip():
        raise ValueError(f"{source}: the file is empty; expected a JSON list of "
                         f"{MIN_QUESTIONS} to {MAX_QUESTIONS} questions")

    def constant(name):
        line, column = _position(text, name)
        raise ValueError(f"{source}, line {line}, column {column}: {name} is not a number "
                         "jupyterquiz can use; expected a finite number or a [[placeholder]] "
                         "the quiz cell computes")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"{source}: the key {twice[0]!r} is written twice in one object; "
                             "expected each key once")
        return dict(pairs)

    try:
        return json.loads(text, parse_constant=constant, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as err:
        raise ValueError(f"{source}, line {err.lineno}, column {err.colno}: {err.msg}; "
                         "expected valid JSON (a list of questions)") from None


def _position(text, token):
    """(line, column), 1-based, of the first ``token`` outside a JSON string in ``text``."""
    in_string = escaped = False
    for i, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif text.startswith(token, i):
            return text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)
    return 1, 1


def validate(quiz, source, *, filled=True):
    """Return ``quiz`` if jupyterquiz can use it as a sound self-check quiz, else raise.

    3 to 5 questions, each a ``multiple_choice`` one (two or more answers, exactly one
    ``"correct": true``, each with an ``answer`` and a ``feedback`` text) or a ``numeric``
    one (an integer ``precision`` >= 1; ``value`` answers with a finite number, ``range``
    answers with two increasing finite numbers, ``"correct"`` true or false, at least one
    correct, no two values equal at the precision, and one ``default`` answer with the
    feedback for any other number).  Unknown keys, text where a number or a boolean belongs
    and a broken ``[[placeholder]]`` are refused.  ``filled=False``: numbers may still be
    whole placeholders.  The ``ValueError`` names ``source``, the question and the answer.
    """
    if not isinstance(quiz, list) or not MIN_QUESTIONS <= len(quiz) <= MAX_QUESTIONS:
        raise ValueError(f"{source}: expected a list of {MIN_QUESTIONS} to {MAX_QUESTIONS} "
                         f"questions, got {_short(quiz)}")
    for number, question in enumerate(quiz, 1):
        _question(question, f"{source}, question {number}", filled)
    return quiz


def _question(q, where, filled):
    if not isinstance(q, dict):
        raise ValueError(f"{where}: expected an object with 'question', 'type' and 'answers', "
                         f"got {_short(q)}")
    _keys(q, QUESTION_KEYS, where)
    _text(q, "question", where, filled)
    answers = q.get("answers")
    if not isinstance(answers, list) or not answers:
        raise ValueError(f"{where}: expected 'answers', a non-empty list, got "
                         f"{_short(answers)}")
    for number, answer in enumerate(answers, 1):
        if not isinstance(answer, dict):
            raise ValueError(f"{where}, answer {number}: expected an object, got "
                             f"{_short(answer)}")
    kind = q.get("type")
    if kind == "multiple_choice":
        _multiple_choice(answers, where, filled)
    elif kind == "numeric":
        _numeric(q, answers, where, filled)
    else:
        raise ValueError(f"{where}: expected 'type' 'multiple_choice' or 'numeric', got "
                         f"{_short(kind)}")


def _multiple_choice(answers, where, filled):
    for number, a in enumerate(answers, 1):
        at = f"{where}, answer {number}"
        _keys(a, CHOICE_KEYS, at)
        _text(a, "answer", at, filled)
        _text(a, "feedback", at, filled)
        if not isinstance(a.get("correct"), bool):
            raise ValueError(f"{at}: expected 'correct' true or false (JSON booleans), got "
                             f"{_short(a.get('correct'))}")
    if len(answers) < 2 or sum(a["correct"] for a in answers) != 1:
        raise ValueError(f"{where}: expected two or more answers, exactly one of them "
                         "\"correct\": true")


def _numeric(q, answers, where, filled):
    precision = q.get("precision")
    if isinstance(precision, bool) or not isinstance(precision, int) or \
            not 1 <= precision <= MAX_PRECISION:
        raise ValueError(f"{where}: expected 'precision', the number of significant digits "
                         f"compared (an integer from 1 to {MAX_PRECISION}), got "
                         f"{_short(precision)}")
    if not filled and PRECISION_NOTE.search(q["question"]):
        raise ValueError(f"{where}: the question states a precision "
                         f"({PRECISION_NOTE.search(q['question']).group(0)!r}); expected none: "
                         "the quiz says how many significant digits from 'precision'")
    values, defaults = [], 0
    for number, a in enumerate(answers, 1):
        at = f"{where}, answer {number}"
        _keys(a, NUMERIC_KEYS, at)
        _text(a, "feedback", at, filled)
        kind = a.get("type")
        if kind not in NUMERIC_TYPES:
            raise ValueError(f"{at}: expected 'type' one of {NUMERIC_TYPES}, got "
                             f"{_short(kind)}")
        if kind == "default":
            defaults += 1
            if "value" in a or "range" in a or a.get("correct", False) is not False:
                raise ValueError(f"{at}: a 'default' answer is the feedback for any other "
                                 "number; expected no 'value', 'range' or \"correct\": true")
            continue
        if not isinstance(a.get("correct"), bool):
            raise ValueError(f"{at}: expected 'correct' true or false (JSON booleans), got "
                             f"{_short(a.get('correct'))}")
        other = "range" if kind == "value" else "value"
        if other in a:  # jupyterquiz reads 'value' first and ignores the other one
            raise ValueError(f"{at}: a {kind!r} answer has a {other!r}; expected "
                             f"{'a value' if kind == 'value' else 'a range'} only")
        if kind == "value":
            value = _number(a.get("value"), f"{at}: 'value'", filled)
            if isinstance(value, float):
                values.append((rounded(value, precision), number))
        else:
            bounds = a.get("range")
            if not isinstance(bounds, list) or len(bounds) != 2:
                raise ValueError(f"{at}: expected 'range', a list [low, high] of two numbers, "
                                 f"got {_short(bounds)}")
            low, high = (_number(v, f"{at}: 'range'", filled) for v in bounds)
            if isinstance(low, float) and isinstance(high, float) and not low < high:
                raise ValueError(f"{at}: expected 'range' [low, high] with low < high, got "
                                 f"{bounds}")
    right = [a for a in answers if a.get("correct") is True]
    if len(right) != 1 or right[0].get("type") != "value":
        raise ValueError(f"{where}: expected one right answer, a 'value' with \"correct\": "
                         f"true (the answer key prints it), got {len(right)} right answers"
                         + (f" of type {right[0].get('type')!r}" if len(right) == 1 else ""))
    if defaults != 1:
        raise ValueError(f"{where}: expected one 'default' answer with the feedback for a "
                         f"wrong number, got {defaults}")
    seen = {}
    for value, number in values:
        if value in seen:
            raise ValueError(f"{where}: answers {seen[value]} and {number} have the same value "
                             f"at {precision} significant digits ({value:g}); expected "
                             "different numbers, or a student's answer gets the first "
                             "feedback only")
        seen[value] = number


def rounded(value, precision):
    """``value`` at ``precision`` significant digits, as jupyterquiz compares it (JavaScript's
    ``toPrecision``: the exact binary value, a tie rounded away from zero)."""
    exact = Decimal(float(value))
    if not exact:
        return 0.0
    step = Decimal(1).scaleb(exact.adjusted() - precision + 1)
    return float(exact.quantize(step, rounding=ROUND_HALF_UP))


def check_math(quiz, source):
    """Raise ``ValueError`` naming ``source``, the question and the answer for TeX that
    latex2mathml (the quiz in JupyterLab and Colab, :func:`lnn.quiz.as_mathml`) would leave
    raw or drop: an unknown command or environment, an alignment ``&`` outside a matrix."""
    from latex2mathml.commands import MATRICES
    from latex2mathml.converter import convert

    environments = {m.lstrip("\\") for m in MATRICES}

    def check(text, at):
        for display, inline in TEX.findall(PLACEHOLDER.sub("1", text)):
            tex = display or inline
            unknown = [e for e in re.findall(r"\\begin\{([^}]*)\}", tex)
                       if e not in environments]
            try:
                raw = [] if unknown else RAW.findall(convert(tex))
            except Exception as err:  # latex2mathml raises its own errors, and IndexError
                raw = [f"{type(err).__name__}: {err}"]
            if unknown or raw:
                what = (f"environment {unknown[0]!r}" if unknown else f"{raw[0]!r}")
                raise ValueError(f"{at}: the formula ${tex}$ does not convert to MathML "
                                 f"({what} is left raw for JupyterLab and Colab); expected "
                                 "commands and environments latex2mathml knows")

    for number, q in enumerate(quiz, 1):
        where = f"{source}, question {number}"
        if isinstance(q, dict):
            check(str(q.get("question", "")), where)
            for k, a in enumerate(q.get("answers") or [], 1):
                for key in ("answer", "feedback"):
                    if isinstance(a, dict) and isinstance(a.get(key), str):
                        check(a[key], f"{where}, answer {k}")
    return quiz


def _number(value, at, filled):
    """``value`` as a float if it is a finite JSON number; before filling, a whole
    placeholder stays the placeholder."""
    if not filled and isinstance(value, str) and PLACEHOLDER.fullmatch(value):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or \
            not math.isfinite(value):
        expected = "a finite number" + ("" if filled else " or a whole '[[name]]' placeholder")
        kind = " (text)" if isinstance(value, str) else ""
        raise ValueError(f"{at}: expected {expected}, got {_short(value)}{kind}")
    return float(value)


def _text(item, key, at, filled):
    """Raise unless ``item[key]`` is a non-empty text whose brackets are placeholders."""
    text = item.get(key)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{at}: expected '{key}', a non-empty text, got {_short(text)}")
    rest = PLACEHOLDER.sub("", text) if not filled else text
    if NEAR_MISS.search(rest):
        raise ValueError(f"{at}: '{key}' has a '[[' or ']]' that is not a placeholder "
                         f"({_short(text)}); expected [[name]] (letters, digits, _, no spaces)"
                         + (", every one filled by the quiz cell" if filled else ""))


def _keys(item, allowed, at):
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise ValueError(f"{at}: unknown key {unknown[0]!r}; expected keys among "
                         f"{sorted(allowed)}")


def _short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
