"""lnn/tables.py: Markdown tables of build-time results and the powers of ten the prose quotes."""

import math
import re

import numpy as np
import pytest

from lnn.tables import MarkdownTable, scientific

LATEX = re.compile(r"\$(-?)(?:(\d+(?:\.\d+)?)(?: \\times 10\^\{(-?\d+)\})?|10\^\{(-?\d+)\})\$")


def _parse(text):
    """The number a typeset string shows."""
    match = LATEX.fullmatch(text)
    assert match, f"not typeset as a power of ten: {text!r}"
    sign, mantissa, exponent, power = match.groups()
    number = 10.0 ** int(power) if power else float(mantissa) * 10.0 ** int(exponent or 0)
    return -number if sign else number


@pytest.mark.parametrize("x, digits, text", [
    (1e8, 1, "$10^{8}$"),
    (3.64e-4, 2, "$3.6 \\times 10^{-4}$"),
    (4.7e-4, 1, "$5 \\times 10^{-4}$"),
    (9.96e6, 2, "$10^{7}$"),
    (2.5, 2, "$2.5$"),
    (-1.2e-3, 2, "$-1.2 \\times 10^{-3}$"),
    (0.0, 3, "$0$"),
])
def test_typesets_powers_of_ten(x, digits, text):
    assert scientific(x, digits) == text


def test_the_shown_number_is_the_value_and_rounds_to_the_nearest():
    rng = np.random.default_rng(0)
    for x in 10.0 ** rng.uniform(-12, 12, 500) * rng.choice([-1, 1], 500):
        for digits in (1, 2, 3):
            shown = scientific(x, digits)
            assert math.isclose(_parse(shown), shown.value, rel_tol=1e-12)
            # Nearest: off by at most half a unit in the last digit shown.
            unit = 10.0 ** (math.floor(math.log10(abs(shown.value))) - digits + 1)
            assert abs(shown.value - x) <= unit / 2 * (1 + 1e-9) + abs(x) * 1e-12


def test_round_up_gives_a_bound_and_the_tightest_one():
    rng = np.random.default_rng(1)
    for x in 10.0 ** rng.uniform(-12, 12, 500):
        for digits in (1, 2):
            bound = scientific(x, digits, round_up=True)
            assert bound.value >= x
            assert _parse(bound) >= x
            # One unit less in the last digit would no longer be a bound.
            unit = 10.0 ** (math.floor(math.log10(bound.value)) - digits + 1)
            assert bound.value - unit < x * (1 + 1e-12) or bound.value - unit <= 0


def test_renders_as_markdown():
    shown = scientific(1e8, 1)
    assert shown._repr_markdown_() == "$10^{8}$"


@pytest.mark.parametrize("x, digits, argument", [
    (float("nan"), 2, "x"), (float("inf"), 2, "x"), (1.0, 0, "digits"), (1.0, 1.5, "digits"),
    (1.0, True, "digits"),
])
def test_rejects_bad_arguments(x, digits, argument):
    with pytest.raises(ValueError, match=argument):
        scientific(x, digits)


def test_table_renders_as_markdown():
    table = MarkdownTable(["n", "time"], [[10, "1.0 s"], [100, "2.0 s"]], note="Best of 5.")
    assert str(table).splitlines() == ["| n | time |", "|---|---|", "| 10 | 1.0 s |",
                                       "| 100 | 2.0 s |", "", "Best of 5."]
    assert table._repr_markdown_() == str(table)


def test_a_row_of_another_width_is_refused():
    with pytest.raises(ValueError, match="rows must be rows of 2 cells, like the header, got a "
                                         "row of 3"):
        MarkdownTable(["a", "b"], [[1, 2, 3]])
