"""Launch and download: every notebook page's Binder, Colab and Live Code buttons and its
.ipynb download resolve, offline, to the page's reader notebook, and that notebook is one a
student can use: Jupyter Markdown without MyST syntax, equation tags kept, solutions inside
<details>, the setup cell (written by the build) first.

Where the links lead: the Pages workflow publishes `_build/reader/` (written by `make book`)
as the branch `repository.branch` of _config.yml, so a Colab or Binder path
`.../blob/<branch>/<path>` is the file `_build/reader/<path>` of this build.
"""

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import chapters
import course
import pytest
import yaml

CONFIG = yaml.safe_load((chapters.ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO, BRANCH = course.load().url, course.load().branch
OWNER_NAME = urlsplit(REPO).path.strip("/")
BUTTONS = CONFIG["launch_buttons"]
NOTEBOOK_PAGES = [p for p in chapters.pages() if chapters.is_chapter(chapters.source(p))]
READER = chapters.ROOT / "_build" / "reader"
PAGES_WORKFLOW = chapters.ROOT / ".github" / "workflows" / "pages.yml"

# MyST that Colab and JupyterLab would show as raw text.
MYST = [re.compile(p, re.M) for p in (
    r"\{[\w:+-]*\}`",  # a role: {term}`...`, {glue:text}`...`, {doc}`...`
    r"^\s*(`{3,}|:{3,})\s*\{",  # a directive fence: ```{exercise}
    r"^\s*\([\w-]+\)=\s*$",  # a target: (eq-3-1-1)=
    r"\]\((eq|fig|sec|ex)-[\w-]+\)",  # a link to a label instead of a URL
)]
# Left to right, a role ({ref}`x`) or a code span (`...`); code spans are dropped.
CODE_SPAN = re.compile(r"(\{[\w:+-]*\}(`+).+?\2)|(`+).+?\3", re.S)
COMMIT_OR_BRANCH = re.compile(r"lnn @ git\+" + re.escape(REPO) + r"@([0-9a-f]{40}|[\w.-]+)\"")


def _html(html_root, page):
    return (html_root / f"{page}.html").read_text(encoding="utf-8")


def _cells(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))["cells"]


def _text(cell):
    return "".join(cell["source"])


def _reader_path(path_in_branch):
    """The file that a path of the published branch is, in this build."""
    target = READER / path_in_branch
    assert target.is_file(), f"{path_in_branch}: no reader notebook at {target}"
    return target


def test_launch_buttons_are_configured():
    assert BUTTONS["binderhub_url"] == "https://mybinder.org"
    assert BUTTONS["colab_url"] == "https://colab.research.google.com"
    assert BUTTONS["thebe"] is True
    assert REPO.startswith("https://github.com/") and OWNER_NAME.count("/") == 1


def test_the_pages_workflow_publishes_the_reader_notebooks_to_the_launch_branch():
    workflow = PAGES_WORKFLOW.read_text(encoding="utf-8")
    assert "_build/reader" in workflow, "the workflow must publish _build/reader"
    # The branch it pushes to is the launch buttons' branch, read from _config.yml.
    assert "_ext/course.py branch" in workflow and re.search(
        r"READER_BRANCH:\s*\$\{\{\s*needs\.build\.outputs\.reader_branch\s*\}\}", workflow), (
        "the workflow must push the reader notebooks to the branch of _config.yml")
    assert '"HEAD:refs/heads/$READER_BRANCH"' in workflow
    # Binder builds the branch: it needs the environment and lnn there.
    for needed in ("binder", "src", "pyproject.toml", "requirements.txt"):
        assert re.search(rf"cp -r .*\b{re.escape(needed)}\b.*_build/reader", workflow), needed


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_launch_links_open_the_reader_notebook(html_root, page):
    html = _html(html_root, page)
    colab = re.search(rf'href="{re.escape(BUTTONS["colab_url"])}/github/'
                      rf'{re.escape(OWNER_NAME)}/blob/([^/"]+)/([^"]+)"', html)
    assert colab, f"{page}: no Colab button for {OWNER_NAME}"
    assert colab.group(1) == BRANCH
    binder = re.search(rf'href="{re.escape(BUTTONS["binderhub_url"])}/v2/gh/'
                       rf'{re.escape(OWNER_NAME)}/([^?"]+)\?([^"]+)"', html)
    assert binder and binder.group(1) == BRANCH, f"{page}: no Binder button for {BRANCH}"
    binder_path = parse_qs(binder.group(2).replace("&amp;", "&"))["urlpath"][0]
    assert binder_path.startswith("lab/tree/"), f"{page}: Binder opens {binder_path}"
    assert _reader_path(colab.group(2)) == _reader_path(binder_path[len("lab/tree/"):])
    assert colab.group(2) == f"{page}.ipynb"
    assert 'class="btn btn-sm btn-launch-thebe' in html, f"{page}: no Live Code button"
    thebe = re.search(r'<script type="text/x-thebe-config">(.*?)</script>', html, re.S)
    assert thebe and f'repo: "{OWNER_NAME}"' in thebe.group(1), f"{page}: thebe repo"
    assert f'ref: "{BRANCH}"' in thebe.group(1), f"{page}: Live Code runs on another branch"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_download_is_the_reader_notebook(html_root, page):
    html = _html(html_root, page)
    link = re.search(rf'href="((?:\.\./)*_sources/{re.escape(page)}\.ipynb)"', html)
    assert link, f"{page}: no .ipynb download link"
    target = (html_root / page).parent / link.group(1)
    assert target.resolve().is_file(), f"{page}: {link.group(1)} is not in the site"
    assert target.read_bytes() == _reader_path(f"{page}.ipynb").read_bytes(), (
        f"{page}: the download is not the reader notebook")
    with zipfile.ZipFile(f"{target}.zip") as archive:  # what a file:// copy downloads
        assert archive.read(target.name) == target.read_bytes(), f"{page}: stale zip"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_reader_notebook_is_for_students(page):
    source = chapters.read(chapters.source(page)).cells
    reader = _cells(_reader_path(f"{page}.ipynb"))
    markdown = "\n\n".join(_text(c) for c in reader if c["cell_type"] == "markdown")
    code = [c for c in reader if c["cell_type"] == "code"]
    prose = CODE_SPAN.sub(lambda m: m.group(1) or "", markdown)  # `{ref}` in code is code
    for pattern in MYST:
        found = pattern.search(prose)
        assert not found, f"{page}: MyST syntax in the reader notebook: {found.group(0)!r}"
    # The setup cell first (written by the build): on Colab, lnn at a commit or the branch.
    setup = _text(reader[0])
    assert reader[0]["cell_type"] == "code" and setup.startswith("#")
    assert "google.colab" in setup and COMMIT_OR_BRANCH.search(setup), (
        f"{page}: the setup cell does not install lnn on Colab")
    assert not any("glue(" in _text(c) or "myst_nb" in _text(c) for c in code)
    assert all(not c.get("outputs") for c in code), f"{page}: outputs in the reader notebook"
    # Equations keep their numbers.
    tags = chapters.TAG.findall("".join(_text(c) for c in source))
    assert chapters.TAG.findall(markdown) == tags, f"{page}: equation tags lost"
    # Cell tags that the book uses for visible cells survive (remove-output, widgets ...).
    kept = [c["metadata"]["tags"] for c in source if c["cell_type"] == "code"
            and c["metadata"].get("tags") and not {"remove-cell", "slides-only"}
            & set(c["metadata"]["tags"])]
    assert [c["metadata"]["tags"] for c in code if c["metadata"].get("tags")] == kept
    # Every exercise is there, every solution inside <details>.
    all_source = "".join(_text(c) for c in source if c["cell_type"] == "markdown")
    exercises = len(re.findall(r"\{exercise\}", all_source))
    solutions = len(re.findall(r"\{solution(?:-start)?\}", all_source))
    solutions += len(re.findall(r"\{admonition\}.*\n:class: dropdown", all_source))  # derivations
    assert markdown.count("**Exercise ") == exercises, f"{page}: exercises lost"
    assert markdown.count("<details>") == solutions == markdown.count("</details>")
    assert "Solution" not in re.sub(r"<details>.*?</details>", "", markdown, flags=re.S), (
        f"{page}: solution text outside <details>")


def test_binder_builds_the_course_environment():
    binder = chapters.ROOT / "binder"
    reqs = (binder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-r ../requirements.txt" in reqs, "Binder installs the one list of pins"
    assert (binder / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    post = (binder / "postBuild").read_text(encoding="utf-8")
    assert "pip install" in post and "-e ." in post, "postBuild installs lnn"
    assert (binder / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory):
    """Jupyter as Binder starts it on the published branch (_build/reader), from the
    course environment that binder/ installs (requirements.txt): URL and token."""
    import os
    import secrets
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    home = tmp_path_factory.mktemp("binder")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", "--allow-root", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={READER}"],
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(home), "JUPYTER_RUNTIME_DIR": str(home),
             "HOME": str(home)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("Jupyter did not start")
        yield url, token
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("page", NOTEBOOK_PAGES[:1] + [p for p in NOTEBOOK_PAGES if
                                                       chapters.is_mxnet_page(p)][:1])
def test_the_binder_url_is_served_by_the_binder_environment(html_root, binder_server, page):
    """The Binder button's urlpath, asked of the Jupyter that Binder's environment runs,
    opens the page's reader notebook (a `tree/` path would need the classic notebook)."""
    import urllib.error
    import urllib.request

    url, token = binder_server
    binder = re.search(rf'href="{re.escape(BUTTONS["binderhub_url"])}/v2/gh/[^?"]+\?([^"]+)"',
                       _html(html_root, page))
    urlpath = parse_qs(binder.group(1).replace("&amp;", "&"))["urlpath"][0]
    with urllib.request.urlopen(f"{url}/{urlpath}?token={token}", timeout=30) as page_html:
        assert page_html.status == 200 and "jupyter" in page_html.read().decode().lower()
    notebook = urlpath.split("/tree/", 1)[1]
    with urllib.request.urlopen(f"{url}/api/contents/{notebook}?token={token}",
                                timeout=30) as contents:
        assert json.loads(contents.read())["type"] == "notebook"
    with pytest.raises(urllib.error.HTTPError):  # the server really checks the path
        urllib.request.urlopen(f"{url}/api/contents/book/missing.ipynb?token={token}")
