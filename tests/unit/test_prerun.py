"""scripts/prerun.py checks what an instructor writes before any chapter runs, naming the file
and the line.  Drawn (Hypothesis): a chapter of the book broken at a drawn cell (its tags'
YAML cut short, tags that are not a list, a misspelt tag) or in its front matter (YAML that
does not parse, the kernelspec gone, which would drop the chapter silently from its deck and
the reader notebooks), a quiz file broken, a course fact broken."""

import json
import re
import shutil

import chapters
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

prerun = pytest.importorskip("prerun")  # jupyter-cache: not in the Colab stand-in
CHAPTERS = sorted(p.name for p in chapters.notebooks())
TAGGED = re.compile(r"^:tags: \[([\w, -]+)\]$", re.M)


def _book(tmp, chapter):
    """A copy of the book with the intro and ``chapter`` only: (root, chapter's path)."""
    root = tmp / "root"
    shutil.copytree(chapters.ROOT / "book", root / "book",
                    ignore=lambda d, names: [n for n in names if n.endswith(".md")
                                             and n not in ("intro.md", chapter)])
    shutil.copy(chapters.ROOT / "_config.yml", root)
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nparts:\n  - caption: Part\n    chapters:\n"
        f"      - file: book/{chapter[:-3]}\n", encoding="utf-8")
    return root, root / "book" / chapter


def _edit(text, draw):
    """(the line of the slip, 1-based, or None, the text with one slip drawn)."""
    kind = draw(st.sampled_from(["cut", "not a list", "misspelt", "front matter",
                                 "no kernelspec"]))
    if kind == "front matter":
        return 3, text.replace("jupytext:\n", "jupytext: [\n", 1)
    if kind == "no kernelspec":
        return 1, text.replace("kernelspec:", "kernel:", 1)
    m = draw(st.sampled_from(list(TAGGED.finditer(text))))
    tags = m.group(1)
    new = {"cut": f":tags: [{tags}", "not a list": f":tags: {{{tags}}}",
           "misspelt": f":tags: [{tags[:-1]}]"}[kind]
    return text.count("\n", 0, m.start()) + 1, text[:m.start()] + new + text[m.end():]


@settings(max_examples=12, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(CHAPTERS), st.data())
def test_a_chapter_that_does_not_parse_is_named_with_its_line(tmp_path_factory, chapter, data):
    root, path = _book(tmp_path_factory.mktemp("book"), chapter)
    line, text = _edit(path.read_text(encoding="utf-8"), data.draw)
    path.write_text(text, encoding="utf-8")
    found = prerun.check(root)
    assert found
    for message in found:  # the slides' markup check may name it too, as the same slip
        m = re.match(rf"{re.escape(str(path))}, line (\d+): ", message)
        assert m and abs(int(m.group(1)) - line) <= 2, (line, message)


def test_quiz_files_and_course_facts_are_checked_before_anything_runs(tmp_path, capsys,
                                                                      monkeypatch):
    root, _ = _book(tmp_path, CHAPTERS[0])
    quiz = root / "book" / "quizzes" / "linear_model.json"
    quiz.write_text(json.dumps(json.loads(quiz.read_text(encoding="utf-8"))[:2]),
                    encoding="utf-8")
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("instructor:", "instuctor:"),
                      encoding="utf-8")
    found = prerun.check(root)
    assert [m.split(":")[0].split(",")[0] for m in found] == [
        str(config), "book/quizzes/linear_model.json"], found
    monkeypatch.setattr(prerun, "check", lambda: found)
    monkeypatch.setattr(prerun, "prerun", lambda notebooks: pytest.fail("it ran chapters"))
    assert prerun.main([]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == found
