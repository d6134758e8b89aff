"""Markdown for results computed at build time: tables (timings, parity) and numbers."""

import math

from . import _validate


class MarkdownTable:
    """A table that Jupyter and the built book show as Markdown; ``str()`` gives its source."""

    def __init__(self, header, rows, note=""):
        for row in rows:
            if len(row) != len(header):
                _validate.fail("rows", f"rows of {len(header)} cells, like the header",
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


class MarkdownMath(str):
    """Inline math that Jupyter and the built book render (``{glue:md}``); ``value`` is the
    number it shows."""

    def __new__(cls, latex, value):
        text = super().__new__(cls, f"${latex}$")
        text.value = value
        return text

    def _repr_markdown_(self):
        return str(self)


def scientific(x, digits=2, *, round_up=False):
    """``x`` typeset as a power of ten for the prose: ``$3.6 \\times 10^{-4}$``, ``$10^{8}$``.

    ``digits`` significant digits. With ``round_up=True`` the shown number is the smallest one
    of that many digits that is not below ``abs(x)``, so "to within" it is a true bound.
    Returns a :class:`MarkdownMath`; raises ValueError for a non-finite ``x`` or ``digits`` < 1.
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 1:
        raise ValueError(f"digits must be a positive integer, got {digits!r}")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"x must be a finite number, got {x!r}")
    if x == 0:
        return MarkdownMath("0", 0.0)
    exponent = math.floor(math.log10(abs(x)))
    scale = 10 ** (digits - 1)
    steps = abs(x) / 10.0**exponent * scale  # the mantissa in units of its last digit
    steps = math.ceil(steps - 1e-9) if round_up else round(steps)
    if round_up and steps / scale * 10.0**exponent < abs(x):
        steps += 1
    if steps >= 10 * scale:  # 9.96 rounds to 10.0: one more power of ten
        steps, exponent = steps // 10, exponent + 1
    mantissa = f"{steps / scale:.{digits - 1}f}"
    value = math.copysign(steps / scale * 10.0**exponent, x)
    if exponent == 0:
        latex = mantissa
    elif steps == scale:  # a mantissa of 1, 1.0, ...: just the power
        latex = f"10^{{{exponent}}}"
    else:
        latex = f"{mantissa} \\times 10^{{{exponent}}}"
    return MarkdownMath(("-" if x < 0 else "") + latex, value)
