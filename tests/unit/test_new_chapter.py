"""scripts/new_chapter.py (`make chapter`): where the chapter goes, how its equation is
numbered, what it writes, and clear errors for bad arguments. The build of a scaffolded
chapter is tested in tests/site/test_new_chapter.py."""

import shutil

import chapter_env
import chapters
import new_chapter
import pytest

pytestmark = chapter_env.needs_chapters

# A name no chapter has (the tests scaffold into a copy of book/), and an existing chapter.
NEW = "scaffolded_by_the_unit_tests"
FIRST = next((p.stem for p in chapter_env.notebooks()), "linear_model")


@pytest.fixture
def root(tmp_path):
    """A copy of the table of contents and the chapters, to scaffold into."""
    shutil.copy2(chapters.ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(chapters.ROOT / "book", tmp_path / "book")
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


@pytest.mark.parametrize("after", [None, *[f.removeprefix("book/") for f in (
    _files(chapters.ROOT) if chapter_env.READABLE else [])]])
def test_goes_after_the_chapter_named_and_numbers_its_equation_after_the_last(root, after):
    before, default = _files(root), new_chapter.default_after(root)
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


def test_default_is_the_end_of_the_first_part(root):
    parts = new_chapter.toc_chapters(root)
    first_part = [f for caption, f in parts if caption == parts[0][0]]
    assert f"book/{new_chapter.default_after(root)}" == first_part[-1]


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
    assert not (root / "book" / f"{NEW}.md").exists()
