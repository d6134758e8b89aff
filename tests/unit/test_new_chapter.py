"""scripts/new_chapter.py (`make chapter`): where the chapter goes, how its equation is
numbered, what it copies, and clear errors for bad arguments. The build of a scaffolded
chapter is tested in tests/site/test_new_chapter.py."""

import json
import shutil

import new_chapter
import pytest
import toc

# A name no chapter has (the tests scaffold into a copy of book/), and an existing chapter.
NEW = "scaffolded_by_the_unit_tests"
FIRST = toc.notebooks()[0].stem


@pytest.fixture
def root(tmp_path):
    """A copy of the table of contents and the chapters, to scaffold into."""
    shutil.copy2(toc.ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(toc.ROOT / "book", tmp_path / "book")
    return tmp_path


def _files(root):
    return [f for _, f in new_chapter.toc_chapters(root)]


def _tags_up_to(root, chapter):
    tags = []
    for file in _files(root):
        path = root / f"{file}.ipynb"
        tags += toc.tags(path) if path.exists() else []
        if file == f"book/{chapter}":
            return tags


@pytest.mark.parametrize("after", [None, *[f.removeprefix("book/") for f in
                                           _files(toc.ROOT)]])
def test_goes_after_the_chapter_named_and_numbers_its_equation_after_the_last(root, after):
    before, default = _files(root), new_chapter.default_after(root)
    path = new_chapter.scaffold(NEW, "Feature scaling", after, root)
    after = after or default
    files = _files(root)
    assert files.index(f"book/{NEW}") == files.index(f"book/{after}") + 1
    assert [f for f in files if f != f"book/{NEW}"] == before
    tags, previous = toc.tags(path), _tags_up_to(root, after)
    if not previous:
        assert tags == []
        return
    (tag,) = tags
    # The last number so far plus a letter: after it in reading order, before the next one.
    last = previous[-1]
    assert tag[:-1] == (last[:-1] if last[-1].isalpha() else last) and tag[-1].isalpha()
    assert tag > last and tag not in previous


def test_default_is_the_end_of_the_first_part(root):
    parts = new_chapter.toc_chapters(root)
    first_part = [f for caption, f in parts if caption == parts[0][0]]
    assert f"book/{new_chapter.default_after(root)}" == first_part[-1]


def test_a_lettered_number_takes_the_next_letter(root):
    new_chapter.scaffold("first_extra", "First extra", "minibatch_sgd", root)
    second = new_chapter.scaffold("second_extra", "Second extra", "first_extra", root)
    (first_tag,) = toc.tags(root / "book" / "first_extra.ipynb")
    assert toc.tags(second) == [first_tag[:-1] + chr(ord(first_tag[-1]) + 1)]


def test_copies_the_setup_cell_and_stores_no_outputs(root):
    path = new_chapter.scaffold(NEW, "Feature scaling", None, root)
    nb = json.loads(path.read_text(encoding="utf-8"))
    first_chapter = json.loads((root / f"{_files(root)[0]}.ipynb").read_text("utf-8"))
    setup = next(c for c in first_chapter["cells"] if c["cell_type"] == "code")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code[0]["source"] == setup["source"]
    assert code[0]["metadata"] == setup["metadata"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert nb["cells"][0]["source"][0] == "# Feature scaling\n"
    long = [line for c in code[1:] for line in "".join(c["source"]).splitlines()
            if len(line) > 79]
    assert not long, f"code lines over 79 characters: {long}"
    assert len({c["id"] for c in nb["cells"]}) == len(nb["cells"])


def test_every_placeholder_says_replace(root):
    path = new_chapter.scaffold(NEW, "Feature scaling", None, root)
    nb = json.loads(path.read_text(encoding="utf-8"))
    markdown = [c for c in nb["cells"][1:] if c["cell_type"] == "markdown"]
    # Each prose cell but the closing solution-end line tells the author what to write.
    assert all("REPLACE" in "".join(c["source"]) for c in markdown[:-1])


@pytest.mark.parametrize(("name", "title", "after", "argument"), [
    ("Feature-Scaling", "Feature scaling", None, "name"),
    ("", "Feature scaling", None, "name"),
    (None, "Feature scaling", None, "name"),
    (FIRST, "An existing chapter", None, "name"),
    (NEW, "  ", None, "title"),
    (NEW, None, None, "title"),
    (NEW, "Feature scaling", "no_such_chapter", "after"),
])
def test_bad_arguments_raise_a_clear_value_error(root, name, title, after, argument):
    toc_before = (root / "_toc.yml").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{argument}: "):
        new_chapter.scaffold(name, title, after, root)
    assert (root / "_toc.yml").read_text(encoding="utf-8") == toc_before
    assert not (root / "book" / f"{NEW}.ipynb").exists()
