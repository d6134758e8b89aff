"""No chapter types a number that one of its cells sets (README: "numbers are never typed").

A chapter's *settings* are the hyperparameters its code cells assign: learning rates, numbers
of epochs, batch sizes, sizes of data (``lr = 0.03``, ``num_epochs = 3``, ``batch_size = 10``,
``synthetic_data(true_w, true_b, 1000)`` for ``num_examples``), and the slides' settings it
reads from their one home (``lr = lnn.lecture.lr``).  Change one and every sentence,
slide and quiz question that states it must follow: so the prose glues it
(``{glue:text}`sp_num_epochs```, also in slides-only cells) and the quiz takes it as a
``[[placeholder]]``; typed, it would silently go stale.  This test reads what a reader or a
student sees of each chapter: its Markdown cells (slides-only cells, exercises and solutions
included), its figures' captions and alt texts and its quiz's texts.

A learning rate such as 0.03 is flagged wherever it stands as a number of its own (not inside
3.1.5 or D2L 3.2); a whole number (3, 10, 1000: common in prose, as shapes, counts, sizes of
vectors) only in a sentence that also names the setting ("three epochs", "batch size 10",
"1000 examples", "shape (1000, 2)"), as digits or as a word.  0 and 1 are no settings to glue
(a batch size of 1 is plain SGD, and 1 is everywhere: list items, $|\\mathcal{B}| = 1$).
"""

import ast
import functools
import json
import re

import chapter_env
import chapters
import pytest

# A setting's name (a prefix such as q_ is allowed) -> the words that name it in prose.
SETTINGS = {
    r"lr|learning_rate": r"learning rates?|step sizes?|\\eta|η|\blr\b",
    r"num_epochs|epochs": r"epochs?",
    r"batch_size": r"batch sizes?|minibatch(?:es)?|batch(?:es)?|\|\\mathcal\{B\}\|",
    r"num_examples|n_examples": r"examples?|points|rows|shape",
}
NAME = re.compile(r"(?:^|_)(" + "|".join(SETTINGS) + r")$")
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve"]
# What is not a number of the text: roles and their targets (glue's format specs, labels),
# link targets, MyST labels, HTML tags.
NOT_TEXT = re.compile(r"\{[\w:+-]+\}`[^`]*`|\]\([^)]*\)|^\([\w-]+\)=$|<[^>]+>", re.M)
SENTENCE = re.compile(r"(?<=[.!?:;])\s+(?=[A-Z`$*(\[{])|\n\s*\n")


def _kind(name):
    found = NAME.search(name)
    if not found:
        return None
    return next(k for k in SETTINGS if re.fullmatch(k, found.group(1)))


def _number(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _number(node.operand)
        return None if value is None else -value
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


def _parse(source):
    # IPython magics and shell lines are not Python: drop them.
    lines = [line for line in source.split("\n") if not line.lstrip().startswith(("%", "!"))]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def parameters(sources):
    """{function name: [parameter names]} of the functions defined in ``sources``."""
    found = {}
    for source in sources:
        tree = _parse(source)
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.FunctionDef):
                found[node.name] = [a.arg for a in node.args.args]
    return found


def settings(sources, signatures=None):
    """``{(kind, value)}``: the hyperparameters that the code ``sources`` set: assignments
    ``lr = 0.03``, keywords ``batch_size=10``, dict entries ``{'learning_rate': 0.03}`` and
    literal arguments of a function defined in
    the book (``signatures``) whose parameter is a setting (``synthetic_data(w, b, 1000)``)."""
    signatures = signatures or {}
    found = set()
    for source in sources:
        tree = _parse(source)
        for node in ast.walk(tree) if tree else ():
            pairs = []
            if isinstance(node, ast.Assign):
                pairs = [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.Dict):  # {'learning_rate': 0.03}, as Gluon takes it
                pairs = [(k.value, v) for k, v in zip(node.keys, node.values)
                         if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            elif isinstance(node, ast.Call):
                pairs = [(k.arg, k.value) for k in node.keywords if k.arg]
                func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                    node.func, "id", None)
                pairs += list(zip(signatures.get(func, []), node.args))
            for name, value_node in pairs:
                kind, value = _kind(name), _number(value_node)
                if kind and value is not None and not isinstance(value, bool) and \
                        value not in (0, 1):
                    found.add((kind, value))
    return found


def _spellings(value):
    """The ways a value can be typed: 0.03 -> ['0.03', '.03']; 1000 -> ['1000', '1,000']."""
    if isinstance(value, int):
        return [str(value), f"{value:,}"] if abs(value) >= 1000 else [str(value)]
    text = repr(value)
    return [text, text[1:]] if text.startswith("0.") else [text]


def typed(text, found):
    """``[(kind, value, sentence)]``: where ``text`` types one of the settings ``found``."""
    text = NOT_TEXT.sub(" ", text)
    hits = []
    for kind, value in sorted(found, key=str):
        numbers = [re.escape(s) for s in _spellings(value)]
        if isinstance(value, int) and 0 <= value < len(WORDS):
            numbers.append(WORDS[value])
        token = re.compile(r"(?<![\w.,])(?:" + "|".join(numbers) + r")(?![\w]|[.,]\d)", re.I)
        whole = isinstance(value, int)
        named = re.compile(SETTINGS[kind], re.I)
        for sentence in SENTENCE.split(text):
            if token.search(sentence) and (not whole or named.search(sentence)):
                hits.append((kind, value, " ".join(sentence.split())))
    return hits


def quiz_texts(code):
    """Every string of the quiz files that the chapter's quiz cell shows."""
    texts = []

    def strings(item):
        if isinstance(item, dict):
            for value in item.values():
                strings(value)
        elif isinstance(item, list):
            for value in item:
                strings(value)
        elif isinstance(item, str):
            texts.append(item)

    for name in re.findall(r"""lnn\.quiz\.show\(\s*["'](\w+)["']""", code):
        quiz = chapters.ROOT / "book" / "quizzes" / f"{name}.json"
        strings(json.loads(quiz.read_text(encoding="utf-8")))
    return texts


def prose(nb):
    """What a chapter says in words: its Markdown cells, its figures' captions and alt texts,
    its quiz."""
    texts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        meta = cell.metadata.get("mystnb", {})
        texts += [str(meta.get("figure", {}).get("caption", "")),
                  str(meta.get("image", {}).get("alt", ""))]
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return texts + quiz_texts(code)


def lecture_settings(sources):
    """``{(kind, value)}`` of the slides' settings (lnn.lecture, their one home) that the code
    ``sources`` read: ``lr = lnn.lecture.lr`` sets lr as surely as ``lr = 0.03``."""
    from lnn import lecture

    code = "\n".join(sources)
    return {(_kind(name), value) for name, value in lecture.settings().items()
            if re.search(rf"\blecture\.{name}\b", code)}


CHAPTERS = chapter_env.notebooks()  # none where the chapters cannot be read (.venv-colab)


@functools.cache
def signatures():
    """The parameters of every function the book's code cells define."""
    return parameters(c.source for p in CHAPTERS for c in chapters.read(p).cells
                      if c.cell_type == "code")


@chapter_env.needs_chapters
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_prose_glues_the_settings_of_its_chapter(path):
    nb = chapters.read(path)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    found = settings(code, signatures()) | lecture_settings(code)
    hits = [hit for text in prose(nb) for hit in typed(text, found)]
    assert not hits, (
        f"{path.name} types numbers its cells set; glue them ({{glue:text}}`name`, "
        "[[name]] in a quiz):\n" + "\n".join(f"  {k} = {v}: {s!r}" for k, v, s in hits))


# The detector itself: it must find what is typed and leave numbers that are not settings.
FOUND = {("lr|learning_rate", 0.03), ("num_epochs|epochs", 3), ("batch_size", 10),
         ("num_examples|n_examples", 1000)}


def test_the_settings_are_read_from_assignments_keywords_and_arguments():
    code = ["lr = 0.03\nnum_epochs = 3\nq_batch_size = 10\nx = 7",
            "def synthetic_data(w, b, num_examples):\n    pass",
            "features, labels = lnn.torch.synthetic_data(w, 4.2, 1000)",
            "%timeit f()\nn = g(batch_size=64)",
            "trainer = gluon.Trainer(p, 'sgd', {'learning_rate': 0.05})"]
    assert settings(code, parameters(code)) == {
        ("lr|learning_rate", 0.03), ("num_epochs|epochs", 3), ("batch_size", 10),
        ("num_examples|n_examples", 1000), ("batch_size", 64), ("lr|learning_rate", 0.05)}


@pytest.mark.parametrize("text", [
    "The hyperparameters are here 3 and 0.03.",
    "Three epochs bring both errors below 0.01.",
    "We time one epoch of batch size 10 three ways.",
    "The model sees 1,000 examples.",
    "a scatter plot of 1000 points",
    "with $\\eta = 0.03$ the loss falls",
    "the learning rate is .03 here",
    "we tune $\\eta$ with $|\\mathcal{B}| = 10$ and a budget of 3 epochs",
])
def test_a_typed_setting_is_found(text):
    assert typed(text, FOUND), text


@pytest.mark.parametrize("text", [
    "The squared loss (3.1.5) and D2L 3.2.1 and eq. 3.1.10.",
    "Each row has 2 features and 3 colors.",
    "The loss after {glue:text}`sp_num_epochs` epochs is {glue:text}`sp_loss:.3f`.",
    "A learning rate of {glue:text}`sp_lr` works; 10 times larger diverges.",
    "It runs 30 times faster and takes 0.031 s.",
    "From n = 100 to n = 1000 the time grew tenfold.",
    "See [(3.1.4)](eq-3-1-4) and 1000000 other things.",
])
def test_numbers_that_are_not_typed_settings_pass(text):
    assert not typed(text, FOUND), text
