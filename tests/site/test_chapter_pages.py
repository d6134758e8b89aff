"""Checks of every built chapter: the skeleton, the slides' equations and figures, exercises.

PAGES lists each chapter notebook with the equations it states (tagged with the slides'
numbers, and linked from its text unless "linked" is False) and the slide figures it draws.
"""

import re

import pytest
import toc

PAGES = {
    "linear_model": {"eqs": ["3.1.1", "3.1.2", "3.1.3", "3.1.4"], "figs": []},
    "loss_function": {"eqs": ["3.1.5", "3.1.6", "3.1.7"], "figs": ["3.1.1"]},
    "analytic_solution": {"eqs": ["3.1.8"], "figs": []},
    "minibatch_sgd": {"eqs": ["3.1.9", "3.1.10"], "figs": []},
    "predictions": {"eqs": [], "figs": []},
    "vectorization": {"eqs": [], "figs": []},
    "normal_mle": {"eqs": ["3.1.11", "3.1.12", "3.1.13", "3.1.14", "3.1.15"], "figs": []},
    "deep_networks": {"eqs": [], "figs": ["3.1.2", "3.1.3"]},
    # (3.2.1) is stated on the scratch pages and linked from the concise pages.
    "scratch_mxnet": {"eqs": ["3.2.1"], "figs": [], "linked": False},
    "scratch_pytorch": {"eqs": ["3.2.1"], "figs": [], "linked": False},
    "concise_mxnet": {"eqs": [], "figs": []},
    "concise_pytorch": {"eqs": [], "figs": []},
}


def test_every_chapter_notebook_is_checked():
    assert set(PAGES) == {p.stem for p in toc.notebooks()}


@pytest.mark.parametrize("page", PAGES)
def test_skeleton_overview_summary_exercises(html_root, page):
    text = _html(html_root, page)
    assert "<strong>Overview.</strong>" in text, f"{page}: no overview paragraph"
    headings = re.findall(r"<h2>(.*?)<a class=\"headerlink\"", text)
    # The skeleton: overview, content, Summary, Exercises, then the self-check quiz.
    assert headings[-3:] == ["Summary", "Exercises", "Self-check quiz"], (
        f"{page}: ends with {headings[-3:]}")


def _html(html_root, page):
    return (html_root / "book" / f"{page}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_slide_equations_are_tagged_and_linked(html_root, page):
    text = _html(html_root, page)
    for eq in PAGES[page]["eqs"]:
        assert f"\\tag{{{eq}}}" in text, f"{page}: equation {eq} missing"
        if PAGES[page].get("linked", True):
            assert f'href="#eq-{eq.replace(".", "-")}"' in text, f"{page}: no link to {eq}"


@pytest.mark.parametrize("page", PAGES)
def test_figures_have_the_slides_number_and_alt_text(html_root, page):
    text = _html(html_root, page)
    figures = re.findall(r"<figure.*?</figure>", text, flags=re.S)
    for num in PAGES[page]["figs"]:
        fig = next((f for f in figures if f"Fig. {num}</strong>" in f), None)
        assert fig is not None, f"{page}: no figure captioned Fig. {num}"
        alt = re.search(r'<img[^>]*alt="([^"]*)"', fig)
        assert alt and len(alt.group(1)) > 40, f"{page}: Fig. {num} lacks a meaningful alt text"
    for fig in figures:
        # Sphinx must not add its own book-wide "Fig. N" in front of the slides' number.
        assert not re.search(r'class="caption-number">Fig\. \d', fig), page


@pytest.mark.parametrize("page", PAGES)
def test_exercises_have_hidden_solutions(html_root, page):
    text = _html(html_root, page)
    exercises = text.count('class="exercise admonition')
    solutions = text.count('class="solution dropdown admonition')
    assert 2 <= exercises <= 4, f"{page}: {exercises} exercises"
    assert solutions == exercises, f"{page}: {solutions} hidden solutions for {exercises}"


@pytest.mark.parametrize("page", PAGES)
def test_no_glued_value_is_missing_or_quoted(html_root, page):
    text = _html(html_root, page)
    # {glue:text} renders as pasted-text, {glue:} of a number as an inline text_plain output.
    pasted = re.findall(r'class="(?:pasted-text|output text_plain)">([^<]*)<', text)
    assert pasted, f"{page}: no glued numbers"
    assert not [p for p in pasted if p.startswith(("'", "‘"))], f"{page}: glued a str repr"
