"""Launch and download: every notebook page has Binder, Colab and Thebe buttons pointing at
the repository of _config.yml, offers its .ipynb for download, and Binder can build it."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import toc
import yaml

CONFIG = yaml.safe_load((toc.ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO, BRANCH = CONFIG["repository"]["url"].rstrip("/"), CONFIG["repository"]["branch"]
OWNER_NAME = urlsplit(REPO).path.strip("/")
BUTTONS = CONFIG["launch_buttons"]
NOTEBOOK_PAGES = [p for p in toc.pages() if toc.source(p).suffix == ".ipynb"]


def _html(html_root, page):
    return (html_root / f"{page}.html").read_text(encoding="utf-8")


def test_launch_buttons_are_configured():
    assert BUTTONS["binderhub_url"] == "https://mybinder.org"
    assert BUTTONS["colab_url"] == "https://colab.research.google.com"
    assert BUTTONS["thebe"] is True
    assert REPO.startswith("https://github.com/") and OWNER_NAME.count("/") == 1


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_page_launches_from_the_configured_repository(html_root, page):
    html = _html(html_root, page)
    binder = (f'href="{BUTTONS["binderhub_url"]}/v2/gh/{OWNER_NAME}/{BRANCH}'
              f'?urlpath=tree/{page}.ipynb"')
    colab = f'href="{BUTTONS["colab_url"]}/github/{OWNER_NAME}/blob/{BRANCH}/{page}.ipynb"'
    assert binder in html, f"{page}: no Binder button for {OWNER_NAME}@{BRANCH}"
    assert colab in html, f"{page}: no Colab button for {OWNER_NAME}@{BRANCH}"
    assert 'class="btn btn-sm btn-launch-thebe' in html, f"{page}: no Live Code button"
    thebe = re.search(r'<script type="text/x-thebe-config">(.*?)</script>', html, re.S)
    assert thebe and f'repo: "{OWNER_NAME}"' in thebe.group(1), f"{page}: thebe repo"
    assert f'ref: "{BRANCH}"' in thebe.group(1)


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_page_offers_its_ipynb_for_download(html_root, page):
    html = _html(html_root, page)
    name = Path(page).name
    link = re.search(rf'href="((?:\.\./)*_sources/{re.escape(page)}\.ipynb)"', html)
    assert link, f"{page}: no .ipynb download link"
    target = (html_root / page).parent / link.group(1)
    assert target.resolve().is_file(), f"{page}: {link.group(1)} is not in the site"
    assert target.read_bytes() == toc.source(page).read_bytes(), f"{name}: not the source"


def test_binder_builds_the_course_environment():
    binder = toc.ROOT / "binder"
    reqs = (binder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-r ../requirements.txt" in reqs, "Binder installs the one list of pins"
    assert (binder / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    post = (binder / "postBuild").read_text(encoding="utf-8")
    assert "pip install" in post and "-e ." in post, "postBuild installs lnn"
    assert (binder / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
