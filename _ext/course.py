"""The course's facts, written once in ``_config.yml`` and read by everything else.

``course:`` holds the course's name, semester, institution and instructor; ``repository:``
(Jupyter Book's own section) holds where the course lives and the branch the launch buttons
open.  The pages (``{{ course }}`` substitutions and the site's author line), the decks' title
slides, the PDF, the reader notebooks' setup cells and the tests read them through
:func:`load`, which refuses a missing fact or a malformed repository URL by name.

As a Sphinx extension it validates the facts when the book builds (a slip fails the build)
and hands them to the pages as MyST substitutions.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = "_config.yml"

# GitHub's rules: an owner is 1-39 letters, digits or inner hyphens; a repository name is
# letters, digits, '.', '-' and '_'.  Colab and Binder open https://github.com/OWNER/NAME only.
REPO_URL = re.compile(r"https://github\.com/(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)"
                      r"/(?P<name>[A-Za-z0-9._-]+)")
URL_EXPECTED = ("https://github.com/OWNER/NAME (an https address of a GitHub repository, "
                "without .git, a trailing slash or a path below it)")
# A git branch name as the setup cell's pip command and the launch buttons use it.
BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


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
        return {"course_name": self.name, "course_semester": self.semester,
                "course_institution": self.institution,
                "course_institution_short": self.institution_short,
                "course_instructor": self.instructor, "course_label": self.label,
                "course_repository": self.url}


def _text(section, key, where):
    value = section.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {key} must be a non-empty text, got {value!r}")
    return value.strip()


def from_config(config, where=CONFIG):
    """The :class:`Course` of a parsed ``_config.yml`` (a dict); ``ValueError`` naming the key."""
    course, repo = config.get("course"), config.get("repository")
    if not isinstance(course, dict):
        raise ValueError(f"{where}: no 'course:' section (name, semester, institution, "
                         "institution_short, instructor)")
    if not isinstance(repo, dict):
        raise ValueError(f"{where}: no 'repository:' section (url, branch)")
    facts = {key: _text(course, key, f"{where} course")
             for key in ("name", "semester", "institution", "institution_short", "instructor")}
    facts["title"] = _text(config, "title", where)
    url = repo.get("url")
    if not isinstance(url, str) or not REPO_URL.fullmatch(url):
        raise ValueError(f"{where}: repository url {url!r} is not a GitHub repository URL; "
                         f"expected {URL_EXPECTED}")
    branch = repo.get("branch")
    if not isinstance(branch, str) or not BRANCH.fullmatch(branch) or ".." in branch:
        raise ValueError(f"{where}: repository branch {branch!r} is not a git branch name "
                         "(letters, digits, '.', '_', '-', '/')")
    return Course(**facts, url=url, branch=branch)


def load(root=ROOT):
    """The course's facts from ``root/_config.yml``."""
    path = Path(root) / CONFIG
    return from_config(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


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
