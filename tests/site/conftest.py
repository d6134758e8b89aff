import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import toc  # noqa: E402

HTML = toc.ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def html_root():
    if not (HTML / "index.html").exists():
        pytest.fail("_build/html is missing: run `make book` first (make test does)")
    return HTML


@pytest.fixture(scope="session")
def pages():
    return toc.pages()
