"""Markdown tables for results computed at build time (timings, parity)."""

from . import _checks


class MarkdownTable:
    """A table that Jupyter and the built book show as Markdown; ``str()`` gives its source."""

    def __init__(self, header, rows, note=""):
        for row in rows:
            if len(row) != len(header):
                _checks.fail("rows", f"rows of {len(header)} cells, like the header",
                             f"a row of {len(row)}")
        self.header = [str(h) for h in header]
        self.rows = [[str(c) for c in row] for row in rows]
        self.note = note

    def __str__(self):
        lines = ["| " + " | ".join(self.header) + " |", "|" + "---|" * len(self.header)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines) + (f"\n\n{self.note}" if self.note else "")

    __repr__ = __str__

    def _repr_markdown_(self):
        return str(self)
