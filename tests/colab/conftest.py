"""The Colab stand-in's fixtures (runtime.py); `make test-colab` names the environments.

Run outside `make test-colab` (no LNN_COLAB), these tests skip: the environments are made
by the Makefile from requirements-colab*.txt.
"""

import gc
import os
import warnings

import chapters
import course
import pytest
from runtime import Colab

# A kernel that ends itself (the MXNet setup cell's restart) leaves zmq sockets on nbclient's
# side that only the garbage collector closes, with a ResourceWarning, in whichever test is
# running then: tolerated here, in these tests only.
UNRAISABLE = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="session", autouse=True)
def _collect_dead_kernels():
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(UNRAISABLE)
    if not os.environ.get("LNN_COLAB"):
        skip = pytest.mark.skip(reason="the Colab stand-in runs under `make test-colab`")
        for item in items:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def colab(tmp_path_factory):
    return Colab(chapters.ROOT, course.load().url, tmp_path_factory.mktemp("colab"))


RESULTS = {}  # notebook name: (Python, restarts, seconds, the setup cell's output per kernel)


def pytest_runtest_logreport(report):
    """Collects what each notebook's test recorded (on pytest-xdist's controller too)."""
    for name, value in report.user_properties:
        if name == "colab" and report.when == "call":
            RESULTS[value[0]] = tuple(value[1:])


def pytest_sessionfinish(session):
    """Each notebook's time, restarts and the first lines its setup cell printed, for the
    README's numbers: _build/colab/report.md (written by the controller, not the workers)."""
    if not RESULTS or hasattr(session.config, "workerinput"):
        return
    lines = ["| notebook | Python | restarts | seconds | the setup cell's output, per kernel |",
             "| --- | --- | --- | --- | --- |"]
    for name, (python, restarts, seconds, setup_output) in sorted(RESULTS.items()):
        shown = " // ".join(" / ".join(line for line in out.splitlines() if line.strip())
                            or "(nothing)" for out in setup_output)
        lines.append(f"| {name} | {python} | {restarts} | {seconds:.0f} | {shown[:600]} |")
    out = chapters.ROOT / "_build" / "colab" / "report.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
