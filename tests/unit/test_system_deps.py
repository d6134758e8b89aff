""".ci/system-deps, the first step of `make book` and `make test`: for every kind of user
(root, sudo without a password, sudo that asks for one, no sudo) on a machine where a system
package is missing, it installs what is missing where it can, and otherwise stops before
any work, naming the one command to run.  The machine is imitated by a PATH that hides
chromium and holds stand-ins of id, sudo and apt-get that record what they were asked."""

import itertools
import os
import shutil
import subprocess
from pathlib import Path

import chapters
import pytest

SCRIPT = chapters.ROOT / ".ci" / "system-deps"
STANDINS = {
    "id": 'echo "$FAKE_UID"',
    # sudo -n true: whether sudo works without a password; else run the command as root.
    "sudo": '[ "$FAKE_SUDO" = ok ] || exit 1\n[ "$1" = -n ] && shift\n"$@"',
    "apt-get": 'echo "apt-get $*" >> "$FAKE_LOG"',
}
USERS = {"root": ("0", "no"), "sudo": ("1000", "ok"), "sudo-password": ("1000", "password"),
         "no-sudo": ("1000", None)}


@pytest.fixture(scope="module")
def machine(tmp_path_factory):
    """``hide``: the PATH of a machine without ``hide``'s commands, with the stand-ins."""
    top = tmp_path_factory.mktemp("machine")

    def path(hide, sudo):
        folder = top / "-".join([*hide, str(sudo)])
        if not folder.exists():
            folder.mkdir()
            for system in ("/usr/local/bin", "/usr/bin", "/bin"):
                for tool in Path(system).iterdir():
                    if tool.name not in {*hide, *STANDINS} and not (folder / tool.name).exists():
                        (folder / tool.name).symlink_to(tool)
            for name, body in STANDINS.items():
                if name == "sudo" and sudo is None:
                    continue
                (folder / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
                (folder / name).chmod(0o755)
        return str(folder)
    return path


def _run(cmd, machine, tmp_path, user, hide=("chromium",), cwd=None):
    uid, sudo = USERS[user]
    log = tmp_path / "apt.log"
    env = {"PATH": machine(hide, sudo), "FAKE_UID": uid, "FAKE_SUDO": str(sudo),
           "FAKE_LOG": str(log), "HOME": os.environ.get("HOME", str(tmp_path))}
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    return done, log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.mark.parametrize(("user", "hide"), list(itertools.product(
    USERS, [("chromium",), ("chromium", "npm"), ()])))
def test_installs_what_is_missing_or_names_the_command(machine, tmp_path, user, hide):
    done, apt = _run([str(SCRIPT)], machine, tmp_path, user, hide)
    wanted = ["chromium"] * ("chromium" in hide) + ["nodejs", "npm"] * ("npm" in hide)
    if not wanted:
        assert (done.returncode, apt, done.stderr) == (0, [], "")
    elif user in ("root", "sudo"):
        assert done.returncode == 0, done.stderr
        assert apt == ["apt-get update", f"apt-get install -y {' '.join(wanted)}"]
    else:
        assert done.returncode != 0 and apt == []
        commands = [line.strip() for line in done.stderr.splitlines() if "apt-get" in line]
        assert commands == [f"sudo apt-get update && sudo apt-get install -y {' '.join(wanted)}"]


def test_make_book_stops_before_any_work(machine, tmp_path):
    """`make book` without chromium, as a user who cannot install it: it stops first, having
    made no environment, fetched nothing and built nothing."""
    repo = tmp_path / "repo"
    for name in ("Makefile", "requirements.txt", "pyproject.toml", "package.json",
                 "package-lock.json", ".ci/system-deps"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(chapters.ROOT / name, repo / name)
    before = sorted(repo.rglob("*"))
    for target in ("book", "test"):
        done, apt = _run([shutil.which("make"), "-s", target], machine, tmp_path, "no-sudo",
                         cwd=repo)
        assert done.returncode != 0 and apt == []
        assert "sudo apt-get install -y chromium" in done.stderr
        assert sorted(repo.rglob("*")) == before, f"make {target} started work first"
