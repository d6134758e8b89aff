"""One rule, for every unit test that reads the chapters, on whether this environment can.

Reading a chapter (_ext/chapters.py) takes myst-nb's reader (the MyST notebooks) and
sphinx_external_toc (_toc.yml), which the Colab-like `.venv-colab` of `make test-colab`
does not have: there the checks of the chapters skip; `make unit` runs them.
"""

import importlib.util

import chapters
import pytest

NEEDS = ("myst_nb", "sphinx_external_toc")
MISSING = [name for name in NEEDS if importlib.util.find_spec(name) is None]
READABLE = not MISSING
needs_chapters = pytest.mark.skipif(
    not READABLE, reason=f"reading the chapters needs {', '.join(MISSING)} (not installed here)")


def notebooks():
    """The chapters in reading order, or none where they cannot be read."""
    return chapters.notebooks() if READABLE else []
