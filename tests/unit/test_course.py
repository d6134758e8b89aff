"""The course's facts (_ext/course.py): read from _config.yml, each checked for what it must be,
a slip refused naming the file, the line and the key.  Drawn (Hypothesis): every fact with a
value of every bad form (not text, blank, spaces around it, markup, a line break, too long),
every GitHub URL and malformed ones (.git, a slash, a path, another host), branch names of any
characters against git's own check-ref-format, and each key of the file misspelt."""

import copy
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import course
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

CONFIG = yaml.safe_load((course.ROOT / course.CONFIG).read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None)


def _with(url=None, branch=None, **facts):
    config = copy.deepcopy(CONFIG)
    if url is not None:
        config["repository"]["url"] = url
    if branch is not None:
        config["repository"]["branch"] = branch
    config["course"].update(facts)
    return config


def _written(tmp_path, config):
    """``config`` written as a _config.yml of its own: (folder, its text's lines)."""
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    (tmp_path / course.CONFIG).write_text(text, encoding="utf-8")
    return tmp_path, text.split("\n")


def test_the_configured_course_loads():
    facts = course.load()
    assert facts.url == CONFIG["repository"]["url"] and facts.title == CONFIG["title"]
    assert facts.semester in facts.label and facts.name in facts.label


PLAIN = st.text(st.characters(whitelist_categories=("L", "Nd"), whitelist_characters=" .,'()-&"),
                min_size=1, max_size=20).map(str.strip).filter(bool)
FACTS = (*course.COURSE_KEYS, "title")


@SETTINGS
@given(st.sampled_from(FACTS), PLAIN)
def test_plain_text_is_accepted_for_every_fact(key, value):
    config = _with() if key == "title" else _with(**{key: value})
    config["title"] = value if key == "title" else config["title"]
    assert getattr(course.from_config(config), key) == value


BAD_TEXT = st.one_of(
    st.none(), st.integers(), st.lists(PLAIN, max_size=2), st.just(""),
    st.sampled_from([" ", "\t", "\n"]),
    st.builds(lambda v, side: f" {v}" if side else f"{v} ", PLAIN, st.booleans()),
    st.builds(lambda v, c, i: v[:i] + c + v[i:], PLAIN, st.sampled_from("*_`[]{}<>|$#\\\n\x07"),
              st.integers(0, 20)),
    st.builds(lambda v: (v + " ") * 101, PLAIN),
)


@SETTINGS
@given(st.sampled_from(FACTS), BAD_TEXT)
def test_a_fact_of_the_wrong_form_is_refused_naming_its_file_line_and_key(tmp_path_factory,
                                                                          key, value):
    config = _with()
    (config if key == "title" else config["course"])[key] = value
    folder, lines = _written(tmp_path_factory.mktemp("c"), config)
    with pytest.raises(ValueError) as err:
        course.load(folder)
    message = str(err.value)
    line = int(message.split(", line ")[1].split(":")[0])
    assert message.startswith(str(folder / course.CONFIG)) and key in message
    assert lines[line - 1].lstrip().startswith(f"{key}:"), (message, lines[line - 1])


OWNER = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?", fullmatch=True)
NAME = st.from_regex(r"[A-Za-z0-9._-]{1,30}", fullmatch=True).filter(
    lambda n: n not in (".", "..") and not n.endswith(".git"))


@SETTINGS
@given(OWNER, NAME)
def test_every_github_repository_url_is_accepted(owner, name):
    url = f"https://github.com/{owner}/{name}"
    facts = course.from_config(_with(url=url))
    assert facts.url == url
    assert facts.pages_url == f"https://{owner.lower()}.github.io/{name}/"


MALFORMED = st.one_of(
    st.sampled_from(["", "github.com/a/b", "git@github.com:a/b.git", "http://github.com/a/b",
                     "https://gitlab.com/a/b", "https://github.com/a", "https://github.com/-a/b",
                     "https://github.com/a/.", "https://github.com/a/.."]),
    st.none(), st.integers(),
    st.builds(lambda o, n, tail: f"https://github.com/{o}/{n}{tail}", OWNER, NAME,
              st.sampled_from(["/", ".git", ".git/", " ", "/x", "/tree/main", "?ref=1", "#top",
                               "\n"])),
    st.text(max_size=30).filter(lambda t: not course.REPO_URL.fullmatch(t)),
)


@SETTINGS
@given(MALFORMED)
def test_a_malformed_repository_url_is_refused_saying_what_a_valid_one_is(url):
    config = _with()
    config["repository"]["url"] = url
    with pytest.raises(ValueError, match="repository url") as err:
        course.from_config(config)
    assert course.URL_EXPECTED in str(err.value)


def _git_accepts(branch):
    return subprocess.run(["git", "check-ref-format", "--branch", branch],
                          capture_output=True).returncode == 0


BRANCHES = st.one_of(
    st.lists(st.sampled_from(["a", "b", "-", "_", ".", "/", "..", ".lock", "@", "{", "@{", "~",
                              "^", ":", "?", "*", "[", "\\", " ", "HEAD", "é", "\x01"]),
             min_size=1, max_size=5).map("".join),
    st.from_regex(r"[a-z]{1,6}(/[a-z.-]{1,6}){0,2}", fullmatch=True),
).filter(lambda b: "\x00" not in b and b != "@")  # git reads "@" as HEAD's shorthand


@SETTINGS
@given(BRANCHES)
def test_a_branch_is_accepted_exactly_when_git_accepts_it(branch):
    if _git_accepts(branch):
        assert course.from_config(_with(branch=branch)).branch == branch
    else:
        with pytest.raises(ValueError, match="repository branch"):
            course.from_config(_with(branch=branch))


def _misspelt(key, draw):
    i = draw(st.integers(0, len(key) - 1))
    return draw(st.sampled_from([key[:i] + key[i + 1:], key[:i] + key[i] + key[i:],
                                 key[:i] + "x" + key[i + 1:], key.capitalize()]))


@st.composite
def misspelt_configs(draw):
    """(the misspelt key, a config with one key of course: or repository: misspelt)."""
    section = draw(st.sampled_from(["course", "repository"]))
    config = copy.deepcopy(CONFIG)
    if draw(st.booleans()):  # the section's own name
        keys, key, where = list(CONFIG), section, config
    else:
        keys, where = list(CONFIG[section]), config[section]
        key = draw(st.sampled_from(keys))
    wrong = _misspelt(key, draw)
    if wrong == key or wrong in keys:
        wrong = key + "s"
    moved = {wrong if k == key else k: v for k, v in where.items()}
    where.clear()
    where.update(moved)
    return wrong, config


@SETTINGS
@given(misspelt_configs())
def test_a_misspelt_key_is_named_with_its_line(tmp_path_factory, misspelt):
    wrong, config = misspelt
    folder, lines = _written(tmp_path_factory.mktemp("c"), config)
    with pytest.raises(ValueError, match=f"unknown key {wrong!r}|{wrong!r} a misspelling") \
            as err:
        course.load(folder)
    line = int(str(err.value).split(", line ")[1].split(":")[0])
    assert lines[line - 1].lstrip().startswith(f"{wrong}:")


def test_a_bad_fact_fails_the_build_as_a_configuration_error(tmp_path):
    sphinx_errors = pytest.importorskip("sphinx.errors")
    folder, _ = _written(tmp_path, _with(url="git@github.com:a/b.git"))

    class App:
        confdir = str(folder)

    with pytest.raises(sphinx_errors.ConfigError, match="expected https://github.com/OWNER"):
        course._config_inited(App(), None)


# One home for every fact and setting: change them all in a copy, rebuild, find no old value --

# New values, each unlike anything the book says.
NEW_FACTS = {"name": "Quokka Studies", "semester": "Winter 1999",
             "institution": "Zeta Institute of Tea", "institution_short": "ZIT",
             "instructor": "Ada Q. Example"}
NEW_SETTINGS = {"lr": 0.02, "num_epochs": 4, "batch_size": 8, "num_examples": 1200}
NEW_REPOSITORY = {"url": "https://github.com/zz-fork/zz-course", "branch": "zz-notebooks"}
NEW_TITLE = "Zebra Tensors: a test course"


def _book_copy(dest):
    """A copy of the checkout's files (tracked, and new ones git does not ignore); the
    pages of _toc.yml that state a course fact or a slides' setting, and those they need."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"],
                           cwd=course.ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = course.ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    (dest / "node_modules").symlink_to(course.ROOT / "node_modules")


def _rewrite(dest):
    """Every fact and setting changed in its one home; {what: old value}."""
    path = dest / course.CONFIG
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    old = {**config["course"], "title": config["title"], **config["repository"]}
    for key, value in {**NEW_FACTS, **NEW_REPOSITORY}.items():
        text = re.sub(rf"(?m)^(\s+{key}: ).*$", lambda m, v=value: m.group(1) + v, text)
    text = text.replace(f'title: "{config["title"]}"', f'title: "{NEW_TITLE}"')
    # A claim of a page that the new settings make false stops its cell, not the build: this
    # test looks for stale values, the build's asserts for false claims.
    text = text.replace("allow_errors: false", "allow_errors: true")
    path.write_text(text, encoding="utf-8")
    lecture = dest / "src" / "lnn" / "lecture.py"
    source = lecture.read_text(encoding="utf-8")
    for key, value in NEW_SETTINGS.items():
        old[key] = eval(re.search(rf"(?m)^{key} = (.*)$", source).group(1))
        source = re.sub(rf"(?m)^{key} = .*$", f"{key} = {value!r}", source)
    lecture.write_text(source, encoding="utf-8")
    assert course.load(dest).title == NEW_TITLE
    return old


def _texts(build):
    """(file, text) of everything a reader gets: pages, decks and quiz data (HTML), reader and
    download notebooks (cells and outputs), the PDF's text.  Code is split into lines."""
    from bs4 import BeautifulSoup

    for path in sorted((build / "html").rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            for quiz in re.findall(r'var quiz = "(var questions\w+=\[.*?\]);', script.text):
                yield path, json.loads(f'"{quiz}"')
            script.decompose()
        for pre in soup.find_all("pre"):
            pre.replace_with("\n\n".join(pre.get_text().split("\n")) + "\n\n")
        yield path, soup.get_text(" ")
    for path in sorted(build.rglob("*.ipynb")):
        if ".jupyter_cache" in path.parts or "jupyter_execute" in path.parts:
            continue  # the build's own working copies, which no reader sees
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            outputs = [str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                       for o in cell.get("outputs", [])]
            source = "".join(cell["source"])
            yield path, ("\n\n".join((source + "\n" + "".join(outputs)).split("\n"))
                         if cell["cell_type"] == "code" else source)
    pdf = build / "html" / "lnn-book.pdf"
    if pdf.exists():
        from pypdf import PdfReader

        yield pdf, "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


# How a page states a setting: its name, then at most a few connecting marks and words ("batch
# size of 10", "\\(\\eta =\\) 0.03", "lr=0.03", "num_epochs = 3"), or a count and its unit ("3
# epochs", "1000 examples", synthetic_data(w, b, 1000)).  A number alone is no statement of a
# setting ("epoch 3, loss ...", a grid of learning rates, "10 times as long").
NAMED = {"lr": r"\blr|learning[ _]rates?|step sizes?|\\eta|η",
         "num_epochs": r"num_epochs|epochs",
         "batch_size": r"batch[ _]sizes?|(?:mini)?batch(?:es)? of|\|\\mathcal\{B\}\||\|B\|",
         "num_examples": r"num_examples|n_examples|examples"}
UNIT = {"num_epochs": r"epochs", "num_examples": r"examples"}
CONNECT = r"[\s'’\"]*(?:(?:of|is|=|:|\\\)|\\\(|\))[\s'’\"]*){0,3}"
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _statement(name, value):
    """The pattern of a sentence stating the setting ``name`` at ``value``."""
    spellings = [re.escape(repr(value) if isinstance(value, float) else str(value))]
    if isinstance(value, float) and repr(value).startswith("0."):
        spellings.append(re.escape(repr(value)[1:]))
    if isinstance(value, int) and value < len(WORDS):
        spellings.append(WORDS[value])
    token = r"(?<![\w.,])(?:" + "|".join(spellings) + r")(?![\w]|[.,]\d)"
    forms = [rf"(?:{NAMED[name]}){CONNECT}{token}"]
    if name in UNIT:
        forms.append(rf"{token}\s+{UNIT[name]}\b")
    if name == "num_examples":  # synthetic_data(w, b, 1000): its third argument
        forms.append(rf"synthetic_data\(.{{0,60}}?,\s*{token}\s*[,)]")
    return re.compile("|".join(forms), re.I)


# A page's own setting that happens to equal a slide setting's old value, set in its own code.
OWN = {("normal_mle", "num_examples"): "its own sample for the likelihood (1000 draws)",
       ("vectorization", "num_examples"): "its own data for timing batches up to 1000"}


def stale(build, old):
    """Where the build still states an old value: ``[(file, what, excerpt)]``."""
    patterns = {key: re.compile(rf"(?<!into ){re.escape(old[key])}")
                for key in (*NEW_FACTS, *NEW_REPOSITORY, "title")}
    patterns.update({name: _statement(name, old[name]) for name in NEW_SETTINGS})
    found, own = [], set()  # own: what the OWN pages state, which the PDF prints too
    for path, text in _texts(build):
        for line in text.split("\n\n"):
            flat = " ".join(line.split())
            for key, pattern in patterns.items():
                for m in pattern.finditer(flat):
                    if (path.stem, key) in OWN:
                        own.add(m.group(0))
                    elif not (path.suffix == ".pdf" and m.group(0) in own):
                        found.append((path, key, flat[max(0, m.start() - 50):m.end() + 50]))
    return found


@pytest.mark.skipif(not shutil.which("jupyter-book", path=str(Path(sys.executable).parent)),
                    reason="the book's environment builds the copy")
def test_every_fact_and_setting_is_written_once(tmp_path):
    """Change each course fact (_config.yml) and each of the slides' settings (lnn.lecture) in
    a copy, build it (pages, reader notebooks, decks, PDF), and find no old value anywhere."""
    _book_copy(tmp_path)
    old = _rewrite(tmp_path)
    bin_ = Path(sys.executable).parent
    env = {**os.environ, "PYTHONPATH": f"{tmp_path / 'src'}:{tmp_path / '_ext'}"}
    run = functools.partial(subprocess.run, cwd=tmp_path, env=env, capture_output=True,
                            text=True)
    notebooks = run([sys.executable, "_ext/chapters.py", "--notebooks"], check=True).stdout
    steps = [[sys.executable, "scripts/prerun.py", *notebooks.split()],
             [str(bin_ / "jupyter-book"), "build", "."]]
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        steps.append([sys.executable, "scripts/book_pdf.py"])
    for step in steps:
        done = run(step)
        assert done.returncode == 0, f"{step[1]}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    found = stale(tmp_path / "_build", old)
    assert not found, f"{len(found)} old values in the build:\n" + "\n".join(
        f"  {p.relative_to(tmp_path)}: {what}: {excerpt!r}" for p, what, excerpt in found[:40])
