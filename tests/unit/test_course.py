"""The course's facts (_ext/course.py): read from _config.yml, refused by name when malformed."""

import copy

import course
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

CONFIG = yaml.safe_load((course.ROOT / course.CONFIG).read_text(encoding="utf-8"))


def _with(url=None, branch=None, **facts):
    config = copy.deepcopy(CONFIG)
    if url is not None:
        config["repository"]["url"] = url
    if branch is not None:
        config["repository"]["branch"] = branch
    config["course"].update(facts)
    return config


def test_the_configured_course_loads():
    facts = course.load()
    assert facts.url == CONFIG["repository"]["url"] and facts.title == CONFIG["title"]
    assert facts.semester in facts.label and facts.name in facts.label


OWNER = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?", fullmatch=True)
NAME = st.from_regex(r"[A-Za-z0-9._-]{1,30}", fullmatch=True)


@given(OWNER, NAME)
def test_every_github_repository_url_is_accepted(owner, name):
    url = f"https://github.com/{owner}/{name}"
    facts = course.from_config(_with(url=url))
    assert facts.url == url
    assert facts.pages_url == f"https://{owner.lower()}.github.io/{name}/"


MALFORMED = st.one_of(
    st.just(""), st.just("github.com/a/b"), st.just("git@github.com:a/b.git"),
    st.just("http://github.com/a/b"), st.just("https://gitlab.com/a/b"),
    st.just("https://github.com/a"), st.just("https://github.com/a/b/"),
    st.just("https://github.com/a/b/tree/main"), st.just("https://github.com/-a/b"),
    st.none(), st.integers(),
    st.builds(lambda o, n, tail: f"https://github.com/{o}/{n}{tail}", OWNER, NAME,
              st.sampled_from(["/", " ", "/x", "?ref=1", "#top", "\n"])),
    st.text(max_size=30).filter(lambda t: not course.REPO_URL.fullmatch(t)),
)


@given(MALFORMED)
def test_a_malformed_repository_url_is_refused_saying_what_a_valid_one_is(url):
    config = _with()
    config["repository"]["url"] = url
    with pytest.raises(ValueError, match="repository url") as err:
        course.from_config(config)
    assert course.URL_EXPECTED in str(err.value)


@pytest.mark.parametrize("branch", ["", "a b", "-x", "a..b", None, 3])
def test_a_malformed_branch_is_refused(branch):
    config = _with()
    config["repository"]["branch"] = branch
    with pytest.raises(ValueError, match="repository branch"):
        course.from_config(config)


@pytest.mark.parametrize("key", ["name", "semester", "institution", "institution_short",
                                 "instructor"])
@pytest.mark.parametrize("value", ["", "   ", None, 2027])
def test_a_missing_course_fact_is_refused_by_name(key, value):
    with pytest.raises(ValueError, match=f"course: {key}"):
        course.from_config(_with(**{key: value}))


@pytest.mark.parametrize("value", ["", "   ", None, 2027])
def test_a_missing_book_title_is_refused_by_name(value):
    config = _with()
    config["title"] = value
    with pytest.raises(ValueError, match="title must be"):
        course.from_config(config)


def test_a_malformed_url_fails_the_build_as_a_configuration_error(tmp_path):
    sphinx_errors = pytest.importorskip("sphinx.errors")
    config = _with()
    config["repository"]["url"] = "git@github.com:a/b.git"
    (tmp_path / course.CONFIG).write_text(yaml.safe_dump(config), encoding="utf-8")

    class App:
        confdir = str(tmp_path)

    with pytest.raises(sphinx_errors.ConfigError, match="expected https://github.com/OWNER"):
        course._config_inited(App(), None)
