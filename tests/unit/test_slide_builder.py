"""The deck builder (_ext/slides) on small notebooks: what goes on a slide, how long code is
split, how twins pair up, and that every mistake in a slides-only cell stops the build."""

import ast
import json
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# not all in .venv-colab
for module in ("nbformat", "markdown_it", "jupyter_cache", "jupytext", "sphinx_external_toc",
               "myst_nb"):
    pytest.importorskip(module)

import chapters  # noqa: E402
import nbformat  # noqa: E402
from slides import decks, render  # noqa: E402

ROOT = decks.ROOT


KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _book(tmp_path, notebooks):
    """A tiny book: one part '9.1 Test' with the given {stem: [cells]}."""
    (tmp_path / "book").mkdir()
    toc = {"format": "jb-book", "root": "book/intro", "parts": [
        {"caption": "9.1 Test", "chapters": [{"file": f"book/{s}"} for s in notebooks]}]}
    (tmp_path / "_toc.yml").write_text(json.dumps(toc))
    for stem, cells in notebooks.items():
        nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNEL})
        chapters.write(nb, tmp_path / "book" / f"{stem}.md")
    return decks.decks(tmp_path)[0]


def _md(text, *tags):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = list(tags)
    return cell


def _code(text, *tags):
    cell = nbformat.v4.new_code_cell(text)
    cell.metadata["tags"] = list(tags)
    return cell


SLIDES_ONLY = ("remove-cell", "slides-only")


def test_slides_come_from_slides_only_and_slide_cells_in_order(tmp_path):
    deck = _book(tmp_path, {"ch": [
        _md("# Chapter\n\n**Overview.** What the chapter covers."), _md("## First\n\nText."),
        _md("## Slide A\n- a point\n\nNotes: say this", *SLIDES_ONLY),
        _code("x = 1\nglue('x', x)\nx", "slide"), _code("hidden = 2", "remove-cell"),
        _code("not_on_a_slide = 3"), _md("After the code."), _md("## Second")]})
    decks.load(deck, tmp_path, tmp_path / "none")
    slides = deck.slides
    assert [s.title for s in slides] == ["Chapter", "Slide A"], "short code joins its slide"
    assert [s.id for s in slides] == ["ch", "ch-2"]
    assert slides[0].markdown == "What the chapter covers.", "the opener says what it covers"
    assert slides[1].notes == "Text.\n\nAfter the code.\n\nsay this", (
        "notes: the prose next to its cells (more when it is short), a typed prompt last")
    assert "Notes" not in slides[1].markdown
    assert slides[1].code == "x = 1\nx", "glue(...) is the book's bookkeeping"
    assert slides[1].section.title == "First"


def test_every_slide_gets_the_prose_next_to_its_cells_as_notes(tmp_path):
    long_cell = "\n".join(f"v_{k} = {k}" for k in range(15))
    say = {k: f"{k}: " + " ".join(["words"] * 25) for k in ("before", "between", "after")}
    deck = _book(tmp_path, {"ch": [
        _md("# Chapter\n\n**Overview.** Covers.\n\nMore intro."),
        _md(f"## One\n\n{say['before']}"), _code(long_cell, "slide"),
        _md(say["between"]), _code(long_cell, "slide"), _md(say["after"]),
        _md("## Two", *SLIDES_ONLY), _md("## Two\n\nOnly after the cell.")]})
    decks.load(deck, tmp_path, tmp_path / "none")
    assert [(s.title, s.notes) for s in deck.slides] == [
        ("Chapter", "**Overview.** Covers.\n\nMore intro."), ("One (1/2)", say["before"]),
        ("One (2/2)", say["between"]), ("Two", "Only after the cell.")]


def test_a_slide_titled_like_a_heading_links_that_section(tmp_path):
    deck = _book(tmp_path, {"ch": [
        _md("# Chapter"), _md("## Later heading", *SLIDES_ONLY), _md("## Later heading")]})
    decks.load(deck, tmp_path, tmp_path / "none")
    assert deck.slides[1].section.title == "Later heading"


@pytest.mark.parametrize("cells, match", [
    ([_md("## S", "slides-only")], "remove-cell"),
    ([_code("x = 1", "slide", "remove-cell")], "hidden cell"),
    ([_md("## S\n[[fig nowhere]]", *SLIDES_ONLY)], "names no glued figure"),
])
def test_mistakes_in_the_slide_cells_stop_the_build(tmp_path, cells, match):
    deck = _book(tmp_path, {"ch": [_md("# Chapter"), *cells]})
    with pytest.raises(ValueError, match=match):
        decks.load(deck, tmp_path, tmp_path / "none")


def test_pytorch_twins_go_below_the_mxnet_slides_they_mirror(tmp_path):
    mx = [_md("# MX"), _md("## Data"), _md("## Intro", *SLIDES_ONLY), _code("a = 1", "slide"),
          _md("## Model"), _code("m = 1", "slide")]
    pt = [_md("# PT"), _md("## Data"), _code("a = 2", "slide"), _md("## Model"),
          _code("m = 2", "slide")]
    deck = _book(tmp_path, {"x_mxnet": mx, "x_pytorch": pt})
    decks.load(deck, tmp_path, tmp_path / "none")
    assert [s.id for s in deck.slides] == ["x_mxnet", "x_mxnet-2", "x_mxnet-3"]
    assert [[t.code for t in s.twins] for s in deck.slides] == [[], ["a = 2"], ["m = 2"]]


def test_twins_come_after_the_numbered_part_they_mirror(tmp_path):
    """A twin never falls inside the "(k/n)" run of the MXNet slides it mirrors."""
    long_cell = "\n".join(f"v_{k} = {k}" for k in range(15))
    mx = [_md("# MX"), _md("## Data"), _code(long_cell, "slide"), _code(long_cell, "slide"),
          _md("## Going on", *SLIDES_ONLY)]
    pt = [_md("# PT"), _md("## Data"), _code(long_cell, "slide")]
    deck = _book(tmp_path, {"x_mxnet": mx, "x_pytorch": pt})
    decks.load(deck, tmp_path, tmp_path / "none")
    walk = [(t.title, "PT" if t in s.twins else "MX") for s in deck.slides
            for t in [s, *s.twins]]
    assert walk == [("MX", "MX"), ("Data (1/2)", "MX"), ("Data (2/2)", "MX"), ("Data", "PT"),
                    ("Going on", "MX")]


def test_a_title_repeated_further_on_stops_the_build(tmp_path):
    deck = _book(tmp_path, {"ch": [_md("# Chapter"), _md("## A", *SLIDES_ONLY),
                                   _md("## B", *SLIDES_ONLY), _md("## A", *SLIDES_ONLY)]})
    with pytest.raises(ValueError, match="two slides titled 'A'"):
        decks.load(deck, tmp_path, tmp_path / "none")


def test_a_long_cell_with_outputs_stops_the_build():
    long_cell = _code("\n".join(f"v_{k} = {k}" for k in range(30)), "slide")
    long_cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="printed\n")]
    with pytest.raises(ValueError, match="split it into cells"):
        decks._parts(long_cell, "ch")


def test_twins_that_do_not_mirror_stop_the_build(tmp_path):
    mx = [_md("# MX"), _md("## Data"), _code("a = 1", "slide")]
    pt = [_md("# PT"), _md("## Other"), _code("a = 2", "slide")]
    deck = _book(tmp_path, {"x_mxnet": mx, "x_pytorch": pt})
    with pytest.raises(ValueError, match="mirror"):
        decks.load(deck, tmp_path, tmp_path / "none")


@pytest.mark.parametrize("seed", range(20))
def test_long_code_is_split_into_chunks_that_fit(seed):
    rng = random.Random(seed)
    lines = [("" if rng.random() < 0.15 else f"line_{i} = {i}")
             for i in range(rng.randint(1, 70))]
    lines[0] = "first = 0"
    chunks = decks._split(lines)
    assert all(0 < len(c) <= decks.MAX_CODE_LINES for c in chunks)
    kept = [line for c in chunks for line in c]
    assert [x for x in kept if x] == [x for x in lines if x], "no code is lost or reordered"
    assert all(c[0].strip() for c in chunks), "no chunk starts with a blank line"


def test_the_glossary_gives_korean_glosses():
    glosses = render.glossary(ROOT)
    assert len(glosses) > 20
    assert all(re.search(r"[\uac00-\ud7a3]", g) for g in glosses.values()), glosses
    assert "." not in glosses["subsume"]


def test_every_equation_a_slide_names_is_tagged_in_the_book():
    notebooks = [chapters.read(p) for p in chapters.notebooks()]
    eqs = render.equations(notebooks)
    named = {name for nb in notebooks for c in nb.cells
             if decks.SLIDES_ONLY in c.metadata.get("tags", [])
             for kind, name in decks.PLACEHOLDER.findall(c.source) if kind == "eq"}
    assert named and named <= set(eqs)
    lecture = {f"3.1.{i}" for i in range(1, 16)} | {"3.2.1"}
    assert lecture <= named, f"equations of the lecture on no slide: {lecture - named}"


def test_an_unknown_equation_or_term_stops_the_build():
    renderer = render.Renderer({"subsume": "포함하다"}, {"1.1": "x"}, {})
    section = decks.Section("book/x", "X")
    for text, match in [("[[eq 9.9]]", "no equation"), ("{term}`nope`", "not in the glossary")]:
        with pytest.raises(ValueError, match=match):
            renderer.text(decks.Slide("s", "S", section, markdown=text), [])
    footnotes = []
    html = renderer.text(decks.Slide("s", "S", section,
                                     markdown="{term}`Subsume <subsume>` it, $a_1$\n\n[[eq 1.1]]"),
                         footnotes)
    assert footnotes == [("subsume", "포함하다")]
    assert "Subsume<sup" in html and "\\(a_1\\)" in html and "\\[x\\]" in html


def test_consecutive_prints_show_as_one_output_block():
    renderer = render.Renderer({}, {}, {})
    streams = [{"output_type": "stream", "name": "stdout", "text": f"epoch {i}\n"}
               for i in (1, 2, 3)]
    part = decks.Part("x", streams)
    slide = decks.Slide("s", "S", decks.Section("book/x", "X"), parts=[part])
    html = renderer.outputs(slide, part)
    assert html.count("<pre") == 1 and "epoch 1\nepoch 2\nepoch 3" in html


def test_section_anchors_are_read_from_the_built_page():
    page = ('<section id="squared-error">\n<span id="sec-squared-error"></span><h2>Squared '
            'error<a class="headerlink" href="#squared-error">#</a></h2></section>'
            '<section id="how-n"><h2>How <span class="math">\\(n\\)</span> grows'
            '<a class="headerlink" href="#how-n">#</a></h2></section>')
    anchors = render.section_anchors(page)
    assert anchors[render._key("Squared error")] == "squared-error"
    assert anchors[render._key("How $n$ grows")] == "how-n"


# Slides-only cells glue their numbers as the page does: {glue:text}`name:spec`, {glue:md}.
def _glued(**values):
    return {name: {"output_type": "display_data", "metadata": {},
                   "data": {"text/plain": repr(v)} if not isinstance(v, dict) else v}
            for name, v in values.items()}


@settings(max_examples=60, deadline=None)
@given(value=st.one_of(st.integers(-10**6, 10**6),
                       st.floats(-1e6, 1e6, allow_nan=False).filter(lambda x: x != 0)),
       spec=st.sampled_from(["", ".2f", ".3g", ".1e", "g"]))
def test_a_glued_number_on_a_slide_reads_as_on_the_page(value, spec):
    role = "{glue:text}`lr" + (f":{spec}`" if spec else "`")
    text = decks.resolve_glue(f"- `lr` = {role}: set by trial", _glued(lr=value), "ch")
    assert text == f"- `lr` = {format(value, spec) if spec else value}: set by trial"


def test_glued_markdown_and_every_role_spelling_resolve():
    glued = {**_glued(n=1000), **_glued(md={"text/markdown": "$10^{-3}$"})}
    text = "{glue}`n`, {glue:}`n`, {glue:text}`n:,d` and {glue:md}`md:myst`"
    assert decks.resolve_glue(text, glued, "ch") == "1000, 1000, 1,000 and $10^{-3}$"


@pytest.mark.parametrize("text, match", [
    ("{glue:text}`nowhere`", "ch: .*nowhere.* names no glued value"),
    ("{glue:md}`n`", "ch: .*`n` names no glued Markdown"),
])
def test_a_slide_that_glues_what_the_chapter_never_glued_stops_the_build(text, match):
    with pytest.raises(ValueError, match=match):
        decks.resolve_glue(text, _glued(n=3), "ch")


def test_a_slides_only_cell_that_glues_a_missing_name_stops_the_deck(tmp_path):
    deck = _book(tmp_path, {"ch": [_md("# Chapter"),
                                   _md("## S\n{glue:text}`nowhere` epochs", *SLIDES_ONLY)]})
    with pytest.raises(ValueError, match="nowhere"):
        decks.load(deck, tmp_path, tmp_path / "none")


# Classroom-ready slides (issue 20) ---------------------------------------------------------

_STATEMENT = st.one_of(
    st.integers(0, 99).map(lambda i: [f"x_{i} = {i}"]),
    st.integers(1, 9).map(lambda n: ["train(", *[f"    arg_{k}={k}," for k in range(n)], ")"]),
    st.integers(1, 9).map(lambda n: ["def f():", *[f"    y_{k} = {k}" for k in range(n)],
                                     "    return 0"]),
    st.just(["# a comment", "z = 1"]),
    st.just([""]),
)


@given(st.lists(_STATEMENT, min_size=1, max_size=25))
def test_code_is_split_only_between_statements(program):
    lines = [line for statement in program for line in statement]
    if not any(line.strip() for line in lines):
        return
    lines = lines[next(i for i, line in enumerate(lines) if line.strip()):]
    chunks = decks._split(lines)
    kept = [line for c in chunks for line in c]
    assert [x for x in kept if x] == [x for x in lines if x], "no code is lost or reordered"
    for chunk in chunks:
        assert len(chunk) <= decks.MAX_CODE_LINES
        # Every statement here is at most 11 lines: each chunk is whole statements.
        ast.parse("\n".join(chunk))


def test_a_call_longer_than_a_slide_is_cut_between_inner_statements_only():
    body = [f"    step_{k}(" + ")" for k in range(30)]
    lines = ["for epoch in range(3):", *body]
    chunks = decks._split(lines)
    assert len(chunks) > 1
    for chunk in chunks[1:]:
        assert re.fullmatch(r"    step_\d+\(\)", chunk[0]), chunk[0]


def test_every_slide_of_a_chapter_has_its_own_title(tmp_path):
    long_cell = "\n".join(f"v_{k} = {k}" for k in range(30))
    deck = _book(tmp_path, {"ch": [
        _md("# Chapter"), _md("## The update"), _code(long_cell, "slide"),
        _code(long_cell, "slide"), _md("## Other"), _code("x = 1", "slide")]})
    decks.load(deck, tmp_path, tmp_path / "none")
    titles = [s.title for s in deck.slides]
    assert len(titles) == len(set(titles)), titles
    assert titles[-1] == "Other"


def test_guard_asserts_and_glue_stay_off_the_slides(tmp_path):
    deck = _book(tmp_path, {"ch": [_md("# Chapter"), _code(
        "from myst_nb import glue\ny = 2 * 3\n# why we check\nassert y == 6, (\n    y)\n"
        "glue('y', y)\ny",
        "slide")]})
    decks.load(deck, tmp_path, tmp_path / "none")
    assert deck.slides[0].code == "y = 2 * 3\ny"


def test_a_chapter_with_nothing_for_the_slides_leaves_no_empty_slide(tmp_path):
    deck = _book(tmp_path, {"a": [_md("# A"), _md("## S", *SLIDES_ONLY)],
                            "b": [_md("# B"), _md("Only prose.")]})
    decks.load(deck, tmp_path, tmp_path / "none")
    assert [s.section.docname for s in deck.slides] == ["book/a", "book/a"]
    renderer = render.Renderer({}, {}, {})
    course = type("Course", (), {"label": "C", "institution": "I", "instructor": "T"})()
    html = render.page(deck, renderer, {"book/a": "A", "book/b": "B"}, course)
    assert 'href="#/a"' in html and 'href="#/b"' not in html, "the contents link no empty chapter"


def test_going_further_material_is_marked_on_its_slides(tmp_path):
    deck = _book(tmp_path, {"ch": [
        _md("# Chapter"), _md("## Core"), _code("a = 1", "slide"),
        _md(":::{admonition} Going further: beyond the slides\n:class: going-further tip\n"
            "Not in the lecture.\n:::"), _code("b = 1", "slide"),
        _md("## Next", *SLIDES_ONLY), _md("## Next"), _code("c = 1", "slide"),
        _md("## Going further: timing\n- beyond the lecture", *SLIDES_ONLY),
        _md("## Beyond", *SLIDES_ONLY),
        _md("## Beyond\n\n:::{admonition} Going further: beyond the slides\n"
            ":class: going-further tip\nAll of it.\n:::"), _code("d = 1", "slide")]})
    decks.load(deck, tmp_path, tmp_path / "none")
    assert [(s.title, s.code, s.further) for s in deck.slides[1:]] == [
        ("Core (1/2)", "a = 1", False), ("Core (2/2)", "b = 1", True),
        ("Next", "c = 1", False), ("timing", "", True), ("Beyond", "d = 1", True)]


@given(st.sampled_from(["$d$ features: one dot product", "with $n$", "one `+`",
                        "Loss $\\frac{1}{2}(\\hat y - y)^2$ and `l.sum()`"]))
def test_titles_and_footers_show_no_raw_markup(title):
    html = render.Renderer({}, {}, {}).inline(title)
    text = re.sub(r"\\\(.*?\\\)", "", re.sub(r"<[^>]+>", "", str(html)))
    assert "$" not in text and "`" not in text, html
