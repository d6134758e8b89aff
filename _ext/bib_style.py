"""Sphinx extension: the bibliography labels read like the citations in the text.

The text cites author-year, "[Gauss, 1809]" (``bibtex_reference_style: author_year``), while
pybtex's own styles label the list "[Gau09]" (alpha) or "[1]" (unsrt). This registers the
formatting style ``authoryear`` (pybtex's ``plain`` with author-year labels) that _config.yml
selects with ``bibtex_default_style``.
"""

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle


def _last_name(person):
    return str(Text.from_latex(" ".join(person.prelast_names + person.last_names)))


def author_year(entry):
    """'Gauss, 1809', 'McCulloch and Pitts, 1943', 'Zhang et al., 2021': as the text cites."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_last_name(p) for p in persons]
    if not names:
        authors = entry.fields.get("title", entry.key)
    elif len(names) == 1:
        authors = names[0]
    elif len(names) == 2:
        authors = f"{names[0]} and {names[1]}"
    else:
        authors = f"{names[0]} et al."
    return f"{authors}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield author_year(entry)


class AuthorYearStyle(PlainStyle):
    default_label_style = AuthorYearLabels


def setup(app):
    register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabels)
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
