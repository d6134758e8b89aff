"""The GitHub workflows: CI runs .ci/run on pull requests; Pages publishes the built book
from main with least-privilege permissions."""

import chapters
import yaml

WORKFLOWS = chapters.ROOT / ".github" / "workflows"


def _load(name):
    wf = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return wf, wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as True


def _steps(wf):
    return [step for job in wf["jobs"].values() for step in job.get("steps", [])]


def test_ci_runs_the_ci_script_on_pull_requests():
    wf, on = _load("ci.yml")
    assert "pull_request" in on
    assert any(step.get("run") == ".ci/run" for step in _steps(wf))
    assert wf["permissions"] == {"contents": "read"}


def test_pages_publishes_the_book_from_main_with_least_privilege():
    wf, on = _load("pages.yml")
    assert on["push"]["branches"] == ["main"]
    # Nothing by default; each job the permissions of its one task.
    assert wf["permissions"] == {}
    jobs = wf["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["reader-notebooks"]["permissions"] == {"contents": "write"}
    steps = _steps(wf)
    assert any(step.get("run") == "make book" for step in steps)
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload and upload[0]["with"]["path"] == "_build/html"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps)


def test_the_job_that_can_write_runs_no_code_of_the_repository():
    """Only the reader-notebook job may push, and it neither checks out nor builds."""
    wf, _ = _load("pages.yml")
    job = wf["jobs"]["reader-notebooks"]
    uses = [s.get("uses", "") for s in job["steps"]]
    assert not any(u.startswith("actions/checkout") for u in uses)
    assert not any("make" in s.get("run", "") for s in job["steps"])
    writers = [name for name, j in wf["jobs"].items()
               if "write" in j.get("permissions", {}).values()]
    assert sorted(writers) == ["deploy", "reader-notebooks"]
