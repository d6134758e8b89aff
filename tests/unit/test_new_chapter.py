"""scripts/new_chapter.py (`make chapter`): where the chapter goes, how its equation is
numbered, what it writes, and clear errors for bad arguments. The build of a scaffolded
chapter is tested in tests/site/test_incremental_build.py (a small book made by `make chapter`)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import chapter_env
import chapters
import new_chapter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = chapter_env.needs_chapters

# A name no chapter has (the tests scaffold into a copy of book/), and an existing chapter.
NEW = "scaffolded_by_the_unit_tests"
FIRST = next((p.stem for p in chapter_env.notebooks()), "linear_model")


@pytest.fixture
def root(tmp_path):
    """A copy of the table of contents, the chapters and lnn, to scaffold into."""
    shutil.copy2(chapters.ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(chapters.ROOT / "book", tmp_path / "book")
    shutil.copytree(chapters.ROOT / "src" / "lnn", tmp_path / "src" / "lnn",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _files(root):
    return [f for _, f in new_chapter.toc_chapters(root)]


def _tags_up_to(root, chapter):
    tags = []
    for file in _files(root):
        path = root / f"{file}.md"
        tags += chapters.tags(path) if chapters.is_chapter(path) else []
        if file == f"book/{chapter}":
            return tags


def _last_of_its_part(root, chapter):
    return any(f"book/{chapter}" == pages[-1] for _, pages in chapters.parts(root) if pages)


@pytest.mark.parametrize("after", [None, *[f.removeprefix("book/") for f in (
    _files(chapters.ROOT) if chapter_env.READABLE else [])]])
def test_goes_after_the_chapter_named_and_numbers_its_equation_after_the_last(root, after):
    before, default = _files(root), new_chapter.default_after(root)
    if after and _last_of_its_part(root, after):  # it ends its deck with the Summary slide
        with pytest.raises(ValueError, match="^after: .*last chapter of the part"):
            new_chapter.scaffold(NEW, "Feature scaling", after, root)
        assert _files(root) == before
        return
    path = new_chapter.scaffold(NEW, "Feature scaling", after, root)
    after = after or default
    files = _files(root)
    assert files.index(f"book/{NEW}") == files.index(f"book/{after}") + 1
    assert [f for f in files if f != f"book/{NEW}"] == before
    tags, previous = chapters.tags(path), _tags_up_to(root, after)
    if not previous:
        assert tags == []
        return
    (tag,) = tags
    # The last number so far plus a letter: after it in reading order, before the next one.
    last = previous[-1]
    assert tag[:-1] == (last[:-1] if last[-1].isalpha() else last) and tag[-1].isalpha()
    assert tag > last and tag not in previous


def test_default_is_before_the_last_chapter_of_the_first_part(root):
    parts = new_chapter.toc_chapters(root)
    first_part = [f for caption, f in parts if caption == parts[0][0]]
    assert f"book/{new_chapter.default_after(root)}" == first_part[-2]


def _slides(path):
    cells = chapters.read(path).cells
    return ([c.source.splitlines()[0] for c in cells
             if "slides-only" in c.metadata.get("tags", [])],
            [c for c in cells if "slide" in c.metadata.get("tags", [])])


@pytest.mark.parametrize("after", [None, FIRST])
def test_a_new_part_goes_after_the_parts_with_chapters_and_ends_its_deck(root, after):
    parts = [caption for caption, _ in chapters.parts(root)]
    path = new_chapter.scaffold(NEW, "Feature scaling", after, root, part="3.9 A new part")
    now = chapters.parts(root)
    assert [c for c, _ in now if c != "3.9 A new part"] == parts
    where = [c for c, _ in now].index("3.9 A new part")
    assert now[where][1] == [f"book/{NEW}"]
    holds = [i for i, (_, pages) in enumerate(now) if any(
        chapters.is_chapter(root / f"{p}.md") for p in pages) and i != where]
    assert where - 1 == ([i for i in holds if f"book/{after}" in now[i][1]] if after
                         else holds)[-1]
    titles, code = _slides(path)
    assert titles[-1] == "## Summary" and len(titles) == 2 and len(code) == 2  # imports, code
    assert chapters.tags(path) == ["3.9.1"]  # the part's first equation


def test_a_chapter_in_an_existing_part_leaves_the_summary_to_its_deck(root):
    titles, code = _slides(new_chapter.scaffold(NEW, "Feature scaling", None, root))
    assert "## Summary" not in titles and len(titles) == 1 and len(code) == 2


def test_a_lettered_number_takes_the_next_letter(root):
    new_chapter.scaffold("first_extra", "First extra", "minibatch_sgd", root)
    second = new_chapter.scaffold("second_extra", "Second extra", "first_extra", root)
    (first_tag,) = chapters.tags(root / "book" / "first_extra.md")
    assert chapters.tags(second) == [first_tag[:-1] + chr(ord(first_tag[-1]) + 1)]


def test_writes_a_chapter_without_setup_cell(root):
    path = new_chapter.scaffold(NEW, "Feature scaling", None, root)
    assert path == root / "book" / f"{NEW}.md" and chapters.is_chapter(path)
    first = next(p for p in map(lambda f: root / f"{f}.md", _files(root))
                 if p != path and chapters.is_chapter(p))
    assert chapters.front_matter(path)["kernelspec"] == chapters.front_matter(first)["kernelspec"]
    nb = chapters.read(path)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# Feature scaling\n")
    code = [c for c in nb.cells if c.cell_type == "code"]
    # The first code cell teaches (its imports): the build writes the Colab setup cell.
    assert "pip" not in code[0].source and "remove-cell" not in code[0].metadata.get("tags", [])
    assert "import lnn" in code[0].source
    long = [line for c in code for line in c.source.splitlines() if len(line) > 79]
    assert not long, f"code lines over 79 characters: {long}"


def test_an_mxnet_page_is_scaffolded_like_any_other(root):
    path = new_chapter.scaffold(f"{NEW}_mxnet", "Feature scaling (MXNet)", None, root)
    assert chapters.is_mxnet_page(path) and chapters.is_chapter(path)
    assert chapters.read(path).cells[0].source.startswith("# Feature scaling (MXNet)\n")


def test_every_placeholder_says_replace(root):
    path = new_chapter.scaffold(NEW, "Feature scaling", None, root)
    markdown = [c for c in chapters.read(path).cells if c.cell_type == "markdown"]
    # Each prose cell but the closing solution-end line tells the author what to write.
    assert all("REPLACE" in c.source for c in markdown if "solution-end" not in c.source)


@pytest.mark.parametrize(("name", "title", "after", "argument", "part"), [
    ("Feature-Scaling", "Feature scaling", None, "name", None),
    ("", "Feature scaling", None, "name", None),
    (None, "Feature scaling", None, "name", None),
    (FIRST, "An existing chapter", None, "name", None),
    (NEW, "  ", None, "title", None),
    (NEW, None, None, "title", None),
    (NEW, "Feature scaling", "no_such_chapter", "after", None),
    ("mean_loss", "A name lnn.check has a checker for", None, "name", None),
    (NEW, "Two\nlines", None, "title", None),
    (NEW, "A tab\there", None, "title", None),
    (NEW, "A null\x00", None, "title", None),
    (NEW, "Feature scaling", None, "part", ""),
    (NEW, "Feature scaling", None, "part", "Softmax regression"),
    (NEW, "Feature scaling", None, "part", "3.1 The number of an existing part"),
    (NEW, "Feature scaling", None, "part", "3.9 Two\nlines"),
])
def test_bad_arguments_raise_a_clear_value_error(root, name, title, after, argument, part):
    toc_before = (root / "_toc.yml").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{argument}: "):
        new_chapter.scaffold(name, title, after, root, part)
    assert (root / "_toc.yml").read_text(encoding="utf-8") == toc_before
    assert not (root / "book" / f"{NEW}.md").exists()
    assert (root / "src" / "lnn" / "check.py").read_bytes() == (
        chapters.ROOT / "src" / "lnn" / "check.py").read_bytes()


# Titles as typed (issue 19): math, code, quotes, backslashes, Korean ----------------------

TITLES = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")),
                 min_size=1, max_size=40).filter(str.strip) | st.sampled_from([
    "$L_2$ loss", "`nn.Linear` in `torch`", "The \\(\\ell_2\\) loss", "Don't \"quote\" me",
    "선형 회귀 (linear regression)", "$(shell rm -rf x)", "${HOME} $$ `id`", "# hash; & | <>"])


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(TITLES)
def test_any_title_arrives_intact_in_the_chapter(tmp_path_factory, title):
    metadata = new_chapter.metadata(chapters.ROOT)
    path = tmp_path_factory.mktemp("title") / f"{NEW}.md"
    chapters.write(new_chapter.notebook(NEW, title.strip(), "3.1.15a", metadata), path)
    first = chapters.read(path).cells[0].source
    assert first.split("\n", 1)[0] == f"# {title.strip()}"


FAKE_PYTHON = """#!{python}
import json, os, sys
json.dump({{"argv": sys.argv[1:], "env": {{k: v for k, v in os.environ.items()
                                         if k.startswith("LNN_CHAPTER_")}}}},
          open(os.environ["FAKE_OUT"], "w", encoding="utf-8"))
"""


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(TITLES, st.sampled_from(["", "minibatch_sgd"]))
def test_make_chapter_hands_the_title_over_as_typed(tmp_path_factory, title, after):
    """`make chapter` with a stand-in python that records what the script would get."""
    folder = tmp_path_factory.mktemp("make")
    (folder / "python").write_text(FAKE_PYTHON.format(python=sys.executable), encoding="utf-8")
    (folder / "python").chmod(0o755)
    out = folder / "out.json"
    made = subprocess.run(
        ["make", "-s", "--no-print-directory", "chapter", "STAMP=", f"BIN={folder}",
         f"NAME={NEW}", f"TITLE={title}", f"PART={title}", *([f"AFTER={after}"] if after else [])],
        cwd=chapters.ROOT, env={**os.environ, "FAKE_OUT": str(out)}, capture_output=True,
        text=True, check=False)
    assert made.returncode == 0, made.stderr
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["argv"] == ["scripts/new_chapter.py", "--from-environment"]
    assert got["env"] == {"LNN_CHAPTER_NAME": NEW, "LNN_CHAPTER_TITLE": title,
                          "LNN_CHAPTER_AFTER": after, "LNN_CHAPTER_PART": title}


def test_the_script_takes_the_arguments_from_the_environment(monkeypatch):
    called = {}
    monkeypatch.setattr(new_chapter, "scaffold", lambda *args, **kw: called.setdefault(
        "args", (*args, kw)) and chapters.ROOT / "book" / f"{NEW}.md")
    monkeypatch.setenv("LNN_CHAPTER_NAME", NEW)
    monkeypatch.setenv("LNN_CHAPTER_TITLE", "$L_2$ `loss`")
    monkeypatch.setenv("LNN_CHAPTER_AFTER", "")
    monkeypatch.setenv("LNN_CHAPTER_PART", "3.9 `New` part")
    new_chapter.main(["--from-environment"])
    assert called["args"] == (NEW, "$L_2$ `loss`", None, {"part": "3.9 `New` part"})
    monkeypatch.setenv("LNN_CHAPTER_TITLE", "")
    with pytest.raises(SystemExit, match="usage: make chapter"):
        new_chapter.main(["--from-environment"])


def test_the_checker_stub_and_its_test_pass_and_lint(root):
    new_chapter.scaffold(NEW, "Feature scaling", None, root)
    check = root / "src" / "lnn" / "check.py"
    test = root / "tests" / "unit" / f"test_check_{NEW}.py"
    assert f"def check_{NEW}(func):" in check.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    ran = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          str(test)], cwd=root, env=env, capture_output=True, text=True,
                         check=False)
    assert ran.returncode == 0 and "2 passed" in ran.stdout, ran.stdout + ran.stderr
    ruff = Path(sys.executable).parent / "ruff"
    linted = subprocess.run([str(ruff), "check", "--quiet", "--config",
                             str(chapters.ROOT / "pyproject.toml"), str(check), str(test)],
                            capture_output=True, text=True, check=False)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    # The scaffolded page's code exercise ends in that checker.
    cells = chapters.read(root / "book" / f"{NEW}.md").cells
    assert any(f"lnn.check.check_{NEW}(" in c.source for c in cells if c.cell_type == "code")
