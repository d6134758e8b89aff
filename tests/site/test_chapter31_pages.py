"""Checks of the built chapter 3.1 pages: slide equations, slide figures, exercises."""

import re

import pytest

PAGES = {
    "loss_function": {"eqs": ["3.1.5", "3.1.6", "3.1.7"], "figs": ["3.1.1"]},
    "analytic_solution": {"eqs": ["3.1.8"], "figs": []},
    "minibatch_sgd": {"eqs": ["3.1.9", "3.1.10"], "figs": []},
    "predictions": {"eqs": [], "figs": []},
    "deep_networks": {"eqs": [], "figs": ["3.1.2", "3.1.3"]},
}


def _html(html_root, page):
    return (html_root / "book" / f"{page}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_slide_equations_are_tagged_and_linked(html_root, page):
    text = _html(html_root, page)
    for eq in PAGES[page]["eqs"]:
        assert f"\\tag{{{eq}}}" in text, f"{page}: equation {eq} missing"
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
