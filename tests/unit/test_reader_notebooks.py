"""The reader-notebook generator (_ext/reader_notebooks.py) on small notebooks: MyST becomes
Jupyter Markdown with links to the site, bookkeeping goes, solutions go into <details>, and
what it cannot translate is an error, never raw MyST in a student's notebook."""

import dataclasses

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("myst_parser")
pytest.importorskip("myst_nb")

import course  # noqa: E402
import reader_notebooks as rn  # noqa: E402

SITE = "https://example.github.io/course/"
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


class FakeEnv:
    """The parts of a Sphinx environment the resolver reads."""
    domaindata = {"std": {
        "terms": {"bias": ("book/glossary", "term-bias")},
        "anonlabels": {"eq-3-1-1": ("book/a", "eq-3-1-1"), "sec-x": ("book/b", "sec-x")},
        "labels": {"sec-x": ("book/b", "sec-x", "Section X")},
    }}
    titles = {}


def _resolver(glue=None, timings=()):
    resolver = rn.Resolver(FakeEnv(), SITE, glue or {}, set(timings),
                           {"gauss1809": ("Gauss", "1809"), "__page__": "book/bibliography"})
    resolver.docname = "book/a"
    return resolver


def _notebook(*cells):
    """A chapter as chapters.read gives it: no setup cell (the generator writes it)."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNEL})
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), *cells]
    return nb


def _markdown(reader):
    return "\n".join(c.source for c in reader.cells if c.cell_type == "markdown")


def test_roles_targets_and_label_links_become_site_links():
    text = ("(eq-3-1-1)=\n$$\ny = x \\tag{3.1.1}\n$$\n\nThe {term}`biases <bias>` of "
            "[(3.1.1)](eq-3-1-1), see {ref}`sec-x` and {cite:p}`gauss1809`.")
    out = rn.Converter(_resolver()).markdown(text)
    assert "\\tag{3.1.1}" in out and "(eq-3-1-1)=" not in out
    assert f"[biases]({SITE}book/glossary.html#term-bias)" in out
    assert f"[(3.1.1)]({SITE}book/a.html#eq-3-1-1)" in out
    assert f"[Section X]({SITE}book/b.html#sec-x)" in out
    assert f"([Gauss, 1809]({SITE}book/bibliography.html))" in out
    assert rn.myst_leftovers(out) == []


def test_glued_values_are_written_in_and_timings_marked():
    glue = {"lr": {"data": {"text/plain": "0.03"}},
            "t": {"data": {"text/plain": "12.3456"}},
            "s": {"data": {"text/plain": "'x'", "text/markdown": "*sentence*"}}}
    out = rn.Converter(_resolver(glue, timings={"t"})).markdown(
        "{glue:text}`lr:g`, {glue:text}`t:.1f` and {glue:md}`s`")
    assert out == "0.03, 12.3† and *sentence*"


@pytest.mark.parametrize("text", ["{unknown}`x`", "```{mystery}\nbody\n```",
                                  "{term}`not in the glossary`", "{glue:text}`missing:g`"])
def test_what_cannot_be_translated_is_an_error(text):
    with pytest.raises(ValueError):
        rn.Converter(_resolver()).markdown(text)


def test_bookkeeping_goes_solutions_hide_and_the_setup_cell_comes_first():
    hidden = nbformat.v4.new_code_cell('glue("x", 1, display=False)')
    hidden.metadata["tags"] = ["remove-cell"]
    slides = nbformat.v4.new_code_cell("slide_only()")
    slides.metadata["tags"] = ["slides-only"]
    figure = nbformat.v4.new_code_cell("fig = draw()")
    figure.metadata["tags"] = ["remove-output"]
    nb = _notebook(
        figure, hidden, slides,
        nbformat.v4.new_markdown_cell("```{exercise}\n:label: ex-a\n\nDo it.\n```\n\n"
                                      "```{solution-start} ex-a\n:class: dropdown\n```\n\nText."),
        nbformat.v4.new_code_cell("answer = 42\ncheck(answer)"),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```\n\n```{solution} ex-a\n"
                                      ":class: dropdown\n\nPlain.\n```"),
        nbformat.v4.new_markdown_cell(":::{exam-sheet-entry} On the sheet\n:group: G\nOnly.\n"
                                      ":::\n\n```{admonition} Derivation: step by step\n"
                                      ":class: dropdown derivation\n\nFirst.\n```"))
    reader = rn.reader_notebook(nb, _resolver(), rn.setup_cell("https://github.com/o/r", "0123abc"))
    first = reader.cells[0]
    assert first.cell_type == "code" and "git+https://github.com/o/r@0123abc" in first.source
    code = [c.source for c in reader.cells if c.cell_type == "code"]
    assert code == [first.source, "fig = draw()"]
    assert reader.cells[1].cell_type == "markdown" and reader.cells[1].source == "# Title"
    assert [c.metadata.get("tags") for c in reader.cells if c.cell_type == "code"] == [
        None, ["remove-output"]]
    text = _markdown(reader)
    assert text.count("<details>") == 3 and "**Exercise 1**" in text
    assert "<summary>Derivation: step by step</summary>\n\nFirst." in text
    assert "On the sheet" not in text and "Only." not in text
    assert "```python\nanswer = 42\ncheck(answer)\n```" in text
    assert rn.myst_leftovers(text) == []


@pytest.mark.parametrize("repo, site", [
    ("https://github.com/A-Fork/lnn", "https://a-fork.github.io/lnn/"),
    ("https://github.com/o/r.s", "https://o.github.io/r.s/"),
])
def test_the_site_is_the_repositorys_github_pages(repo, site):
    class Config:
        reader_site_url = ""

    facts = dataclasses.replace(course.load(), url=repo)
    assert rn.site_url(Config, facts) == site
    Config.reader_site_url = SITE  # set in _config.yml, it wins
    assert rn.site_url(Config, facts) == SITE


def test_the_courses_site_is_its_repositorys_pages():
    facts = course.load()

    class Config:
        reader_site_url = ""

    owner, name = facts.url.removeprefix("https://github.com/").split("/")
    assert rn.site_url(Config, facts) == f"https://{owner.lower()}.github.io/{name}/"


def test_roles_quoted_in_code_spans_stay_code():
    text = "Refer with `{ref}`, never `{numref}`: {ref}`the section <sec-x>`."
    out = rn.Converter(_resolver()).markdown(text)
    assert out == (f"Refer with `{{ref}}`, never `{{numref}}`: "
                   f"[the section]({SITE}book/b.html#sec-x).")
    assert rn.myst_leftovers(out) == []


def test_the_quiz_cells_code_is_hidden():
    """A cell the page shows without its code (the quiz: its code computes the answers) is
    collapsed in the reader notebook, in JupyterLab (source_hidden) and in Colab (its form
    view: a first line ``#@title`` and cellView "form"); other cells stay open."""
    quiz = nbformat.v4.new_code_cell("lnn.quiz.show('a', b_after=b)")
    quiz.metadata["tags"] = ["remove-input"]
    reader = rn.reader_notebook(_notebook(nbformat.v4.new_code_cell("b = 1"), quiz),
                                _resolver(), "# setup")
    folded = [(c.metadata.get("jupyter", {}).get("source_hidden", False),
               c.metadata.get("cellView") == "form", c.source.startswith("#@title "))
              for c in reader.cells if c.cell_type == "code"]
    assert folded == [(False, False, False)] * 2 + [(True, True, True)]
    assert reader.cells[-1].source.endswith(quiz.source)


@pytest.mark.parametrize("text, found", [
    ("The learning rates 1, 2,\n3. and 5 per decade.", ["3. and 5 per decade."]),
    ("Sizes of\n10) examples each.", ["10) examples each."]),
    ("A paragraph.\n\n3. A list may start anywhere after a blank line.", []),
    ("Steps:\n1. one\n2. two\n   more of two\n3. three", []),
    ("- a bullet\n2. then a number", []),
    ("```python\nx = 1\n3. + x\n```", []),
    ("In the year\n1. may interrupt a paragraph in CommonMark too", []),
])
def test_lines_that_colab_would_number_are_found(text, found):
    assert rn.list_lookalikes(text) == found


def test_a_line_that_would_become_a_list_fails_the_build():
    nb = _notebook(nbformat.v4.new_markdown_cell("The learning rates 1, 2,\n3. and 5."))
    with pytest.raises(ValueError, match="numbered list"):
        rn.reader_notebook(nb, _resolver(), "# setup")
