"""The course's facts, written once in ``_config.yml`` and read by everything else.

``course:`` holds the course's name, semester, institution and instructor; ``repository:``
(Jupyter Book's own section) holds where the course lives and the branch the launch buttons
open.  The pages (``{{ course }}`` substitutions and the site's author line), the decks' title
slides, the PDF, the reader notebooks' setup cells and the tests read them through
:func:`load`, which refuses a missing fact or a malformed repository URL by name.

As a Sphinx extension it validates the facts when the book builds (a slip fails the build)
and hands them to the pages as MyST substitutions.
"""

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = "_config.yml"

# GitHub's rules: an owner is 1-39 letters, digits or inner hyphens; a repository name is
# letters, digits, '.', '-' and '_', neither "." nor "..", and not ending in ".git" (which
# GitHub strips: Colab and Binder would open another address).  Colab and Binder open
# https://github.com/OWNER/NAME only.
REPO_URL = re.compile(r"https://github\.com/(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)"
                      r"/(?P<name>(?!\.\.?$)(?![A-Za-z0-9._-]*\.git$)[A-Za-z0-9._-]{1,100})")
URL_EXPECTED = ("https://github.com/OWNER/NAME (an https address of a GitHub repository, "
                "without .git, a trailing slash or a path below it)")
# git's rules for a branch name (git check-ref-format --branch): no part starting with '.'
# or ending in '.lock', no '..', '@{', '//', '\\', space, control character or any of
# ~^:?*[, not starting with '-' or '/', not ending with '/' or '.', not HEAD.
BAD_BRANCH = re.compile(r"(^|/)\.|\.lock(/|$)|\.\.|@\{|//|[\\\x00-\x20\x7f~^:?*\[]"
                        r"|^[-/]|[/.]$|^HEAD$")
# The course's own facts: a line of plain text each, shown on pages, slides and the PDF, where
# Markdown and MyST would read these characters as markup.
COURSE_KEYS = ("name", "semester", "institution", "institution_short", "instructor")
REPOSITORY_KEYS = ("url", "branch", "path_to_book")
MARKUP = re.compile(r"[*_`\[\]{}<>|$#\\]|[\x00-\x1f\x7f]")
LONGEST = {"institution_short": 20}  # a short name; every other fact: 100 characters


@dataclass(frozen=True)
class Course:
    """What a page, a deck or a notebook may say about the course."""

    title: str  # the book's, Jupyter Book's own `title:` ("Linear Neural Networks: ...")
    name: str  # "Deep Learning"
    semester: str  # "Fall 2023"
    institution: str  # "Hankuk University of Foreign Studies"
    institution_short: str  # "HUFS"
    instructor: str
    url: str  # https://github.com/OWNER/NAME
    branch: str  # where the launch buttons point (the reader notebooks)

    @property
    def label(self):
        """One line naming the course: "Deep Learning (Fall 2023), HUFS"."""
        return f"{self.name} ({self.semester}), {self.institution_short}"

    @property
    def pages_url(self):
        """The published site: the repository's GitHub Pages."""
        m = REPO_URL.fullmatch(self.url)
        return f"https://{m['owner'].lower()}.github.io/{m['name']}/"

    def substitutions(self):
        """The MyST substitutions a page writes as ``{{ course_name }}`` and so on."""
        return {"course_title": self.title, "course_name": self.name,
                "course_semester": self.semester,
                "course_institution": self.institution,
                "course_institution_short": self.institution_short,
                "course_instructor": self.instructor, "course_label": self.label,
                "course_repository": self.url}


def _text(value, key, where):
    longest = LONGEST.get(key, 100)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {key} must be a non-empty text, got {value!r}")
    bad = MARKUP.search(value)
    if bad or value != value.strip() or len(value) > longest:
        problem = (f"the character {bad.group(0)!r}" if bad else
                   "spaces around it" if value != value.strip() else f"{len(value)} characters")
        raise ValueError(f"{where}: {key} must be one line of plain text of at most {longest} "
                         f"characters, without spaces around it or any of * _ ` [ ] {{ }} < > | "
                         f"$ # \\ (pages and slides would read them as markup); got {value!r}, "
                         f"with {problem}")
    return value


def _lines(text):
    """``{(section, key): line}`` of the keys of ``_config.yml``'s text (1-based; a section's
    own line under ``(section, None)``), from the YAML parser's node marks."""
    lines = {}
    root = yaml.compose(text)
    for key, value in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        lines[(key.value, None)] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            for inner, _ in value.value:
                lines[(key.value, inner.value)] = inner.start_mark.line + 1
    return lines


def from_config(config, where=CONFIG, lines=None):
    """The :class:`Course` of a parsed ``_config.yml`` (a dict); ``ValueError`` naming the file,
    the line (``lines`` from :func:`_lines`) and the key."""
    lines = lines or {}

    def at(section, key=None):
        line = lines.get((section, key)) or lines.get((section, None))
        return f"{where}, line {line}" if line else where

    course, repo = config.get("course"), config.get("repository")
    for section, value, keys in (("course", course, COURSE_KEYS),
                                 ("repository", repo, REPOSITORY_KEYS[:2])):
        if not isinstance(value, dict):
            close = difflib.get_close_matches(section, [str(k) for k in config], n=1)
            where = at(close[0]) if close and (close[0], None) in lines else at(section)
            hint = f" (is {close[0]!r} a misspelling of it?)" if close else ""
            raise ValueError(f"{where}: no '{section}:' section{hint}; expected '{section}:' "
                             f"with the keys {', '.join(keys)}")
    for section, values, known in (("course", course, COURSE_KEYS),
                                   ("repository", repo, REPOSITORY_KEYS)):
        for key in values:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise ValueError(f"{at(section, key)}: {section}: unknown key {key!r}; {hint}"
                                 f"expected the keys {', '.join(known)}")
        missing = [key for key in known if key not in values and key != "path_to_book"]
        if missing:
            raise ValueError(f"{at(section)}: {section}: {missing[0]} is missing; expected the "
                             f"keys {', '.join(known)}")
    facts = {key: _text(course[key], key, f"{at('course', key)}: course")
             for key in COURSE_KEYS}
    facts["title"] = _text(config.get("title"), "title", at("title"))
    url = repo.get("url")
    if not isinstance(url, str) or not REPO_URL.fullmatch(url):
        raise ValueError(f"{at('repository', 'url')}: repository url {url!r} is not a GitHub "
                         f"repository URL; expected {URL_EXPECTED}")
    branch = repo.get("branch")
    if not isinstance(branch, str) or not branch or BAD_BRANCH.search(branch):
        raise ValueError(f"{at('repository', 'branch')}: repository branch {branch!r} is not a "
                         "git branch name (git check-ref-format --branch: no '..', '@{', "
                         "space, ~^:?*[\\, part starting with '.' or ending in '.lock', ...)")
    return Course(**facts, url=url, branch=branch)


def load(root=ROOT):
    """The course's facts from ``root/_config.yml``."""
    path = Path(root) / CONFIG
    text = path.read_text(encoding="utf-8")
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise ValueError(f"{path}{line}: not valid YAML ({getattr(err, 'problem', err)})") from None
    return from_config(config if isinstance(config, dict) else {}, str(path), _lines(text))


def _config_inited(app, config):
    from sphinx.errors import ConfigError

    try:
        course = load(app.confdir)
    except ValueError as err:
        raise ConfigError(str(err)) from None
    config.author = f"{course.label}, {course.instructor}; slides after Dive into Deep Learning"
    config.myst_substitutions = {**config.myst_substitutions, **course.substitutions()}
    app.course = course


def main(argv):
    """``python _ext/course.py FIELD``: print one fact (the Pages workflow reads the branch)."""
    fields = [f for f in Course.__dataclass_fields__] + ["label", "pages_url"]
    if len(argv) != 1 or argv[0] not in fields:
        return f"usage: python _ext/course.py {{{','.join(fields)}}}"
    print(getattr(load(), argv[0]))
    return 0


def setup(app):
    app.connect("config-inited", _config_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
