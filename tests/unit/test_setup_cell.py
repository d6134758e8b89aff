"""The reader notebooks' setup cell, as _ext/reader_notebooks.py writes it, run in each place a
student opens it: on Colab it installs lnn from the course's repository (and MXNet on an
MXNet page, then restarts the runtime once, saying so first); elsewhere it installs nothing
and prints one line when lnn is missing.  pip and the restart are stand-ins here; the real
ones run in `make test-colab` (tests/colab/)."""

import os
import subprocess
import sys
import types

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("nbformat")
import reader_notebooks as rn  # noqa: E402

import lnn  # noqa: E402

URL, REF = "https://github.com/o/r", "0123abc"
TWIN = "https://o.github.io/r/book/scratch_pytorch.html"


class Calls:
    def __init__(self, monkeypatch, pip_fails=False):
        self.pip, self.kills, self.status = [], [], []

        def run(cmd, check=False, **kwargs):
            self.pip.append(list(cmd))
            if pip_fails and check:
                raise subprocess.CalledProcessError(1, cmd)
            return subprocess.CompletedProcess(cmd, 1 if pip_fails else 0)

        monkeypatch.setattr(subprocess, "run", run)
        monkeypatch.setattr(os, "kill", lambda pid, sig: self.kills.append((pid, sig)))
        monkeypatch.setattr(lnn, "mxnet_status", lambda twin=None: types.SimpleNamespace(
            show=lambda: self.status.append(twin)))


def _run(source, monkeypatch, capsys, *, colab, missing=(), pip_fails=False):
    calls = Calls(monkeypatch, pip_fails)
    if colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    for name in ("lnn", "mxnet"):  # find_spec says None for a module set to None
        if name in missing:
            monkeypatch.setitem(sys.modules, name, None)
        elif name == "mxnet":
            monkeypatch.setitem(sys.modules, "mxnet", types.ModuleType("mxnet"))
            sys.modules["mxnet"].__spec__ = types.SimpleNamespace(name="mxnet")
    exec(compile(source, "<setup cell>", "exec"), {})
    return calls, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("twin", [None, TWIN], ids=["pytorch page", "mxnet page"])
def test_elsewhere_without_lnn_one_line_says_how(monkeypatch, capsys, twin):
    calls, out = _run(rn.setup_cell(URL, REF, twin), monkeypatch, capsys, colab=False,
                      missing={"lnn", "mxnet"})
    assert calls.pip == [] and calls.kills == []
    assert len(out) == 1 and f'pip install "lnn @ git+{URL}@{REF}"' in out[0]


@pytest.mark.parametrize("twin", [None, TWIN], ids=["pytorch page", "mxnet page"])
def test_elsewhere_with_everything_it_installs_nothing(monkeypatch, capsys, twin):
    calls, out = _run(rn.setup_cell(URL, REF, twin), monkeypatch, capsys, colab=False)
    assert calls.pip == [] and calls.kills == [] and out == []
    assert calls.status == ([] if twin is None else [TWIN])


@given(owner=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,10}", fullmatch=True),
       name=st.from_regex(r"[\w.-]{1,12}", fullmatch=True).filter(lambda n: n not in ".."),
       ref=st.one_of(st.from_regex(r"[0-9a-f]{40}", fullmatch=True),
                     st.from_regex(r"[\w.-]{1,12}", fullmatch=True)))
def test_on_colab_a_pytorch_page_installs_lnn_from_the_repository(owner, name, ref):
    url = f"https://github.com/{owner}/{name}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        calls, out = _run(rn.setup_cell(url, ref), monkeypatch, _NoCapture(), colab=True,
                          missing={"lnn"})
    assert calls.pip == [[sys.executable, "-m", "pip", "install", "-q",
                          f"lnn @ git+{url}@{ref}"]]
    assert calls.kills == []


class _NoCapture:
    """capsys is function-scoped; Hypothesis runs many examples in one test."""

    def readouterr(self):
        return types.SimpleNamespace(out="")


def test_on_colab_with_lnn_installed_a_pytorch_page_installs_nothing(monkeypatch, capsys):
    calls, out = _run(rn.setup_cell(URL, REF), monkeypatch, capsys, colab=True)
    assert calls.pip == [] and out == []


def test_on_colab_an_mxnet_page_installs_says_it_restarts_and_restarts(monkeypatch, capsys):
    calls, out = _run(rn.setup_cell(URL, REF, TWIN), monkeypatch, capsys, colab=True,
                      missing={"lnn", "mxnet"})
    assert calls.pip == [[sys.executable, "-m", "pip", "install", "-q",
                          f"lnn @ git+{URL}@{REF}", *rn.MXNET_PACKAGES]]
    assert out[0] == rn.RESTART_SENTENCE  # first, before pip says anything
    assert calls.kills == [(os.getpid(), 9)]  # Colab's restart of the runtime


@pytest.mark.parametrize("missing", [{"mxnet"}, {"lnn"}])
def test_on_colab_either_missing_installs_both(monkeypatch, capsys, missing):
    calls, _ = _run(rn.setup_cell(URL, REF, TWIN), monkeypatch, capsys, colab=True,
                    missing=missing)
    assert len(calls.pip) == 1 and calls.kills == [(os.getpid(), 9)]


def test_after_the_restart_nothing_installs_and_the_status_names_the_twin(monkeypatch, capsys):
    calls, out = _run(rn.setup_cell(URL, REF, TWIN), monkeypatch, capsys, colab=True)
    assert calls.pip == [] and calls.kills == [] and out == []
    assert calls.status == [TWIN]


def test_a_failed_install_names_the_twin_without_a_traceback(monkeypatch, capsys):
    calls, out = _run(rn.setup_cell(URL, REF, TWIN), monkeypatch, capsys, colab=True,
                      missing={"lnn", "mxnet"}, pip_fails=True)  # no exception escapes
    assert calls.kills == [] and len(out) == 2 and TWIN in out[1]
