"""lnn/tables.py: Markdown tables of build-time results."""

import pytest

from lnn.tables import MarkdownTable


def test_table_renders_as_markdown():
    table = MarkdownTable(["n", "time"], [[10, "1.0 s"], [100, "2.0 s"]], note="Best of 5.")
    assert str(table).splitlines() == ["| n | time |", "|---|---|", "| 10 | 1.0 s |",
                                       "| 100 | 2.0 s |", "", "Best of 5."]
    assert table._repr_markdown_() == str(table)


def test_a_row_of_another_width_is_refused():
    with pytest.raises(ValueError, match="rows must be rows of 2 cells, like the header, got a "
                                         "row of 3"):
        MarkdownTable(["a", "b"], [[1, 2, 3]])
