
import chapters
import pytest

HTML = chapters.ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def html_root():
    if not (HTML / "index.html").exists():
        pytest.fail("_build/html is missing: run `make book` first (make test does)")
    return HTML


@pytest.fixture(scope="session")
def pages():
    return chapters.pages()
