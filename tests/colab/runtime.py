"""A Colab runtime, imitated offline for the reader notebooks (`make test-colab`).

What Colab has and the stand-in imitates (requirements/colab.in lists the packages and why):

- a Python environment with Colab's preinstalled packages and no lnn (.venv-colab, Python
  3.11, for the PyTorch pages; .venv-colab-mxnet, Python 3.12, Colab's Python, for MXNet);
- a kernel that has numpy and matplotlib loaded at start, and ``google.colab`` imported
  (colab_startup.py, in an IPYTHONDIR of the stand-in's own; ``google.colab`` is an empty
  package on the path);
- the setup cell's own ``pip install "lnn @ git+https://github.com/OWNER/NAME@REF"``: git's
  ``url.<bare clone>.insteadOf`` (in a GIT_CONFIG_GLOBAL file of the stand-in's own) points
  the repository at a bare clone of this checkout, and pip takes every other package from
  the environment's wheels/ folder (filled when the environment was made): no network.

Each notebook gets a fresh runtime: a layer over the environment (a venv whose .pth adds the
environment's packages), so whatever the setup cell installs lands in the layer and the
environment stays as Colab ships it.  nbmake (``pytest --nbmake``) runs a notebook there,
with the runtime's kernel (:meth:`Runtime.nbmake`).  Only the MXNet pages are run by
:meth:`Runtime.execute` instead: their setup cell ends its kernel (Colab's idiom for a
restart) and the notebook must then run again from the top, as the student is told to;
nbmake runs a notebook once, with one kernel, and reports a kernel that ended as a failure.
"""

import asyncio
import gc
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

HERE = Path(__file__).resolve().parent
READER = HERE.parents[1] / "_build" / "reader"  # written by `make book`


def _text_output(cell):
    """What the student reads of a cell's output: its text and its displays' text."""
    return "".join(o.get("text", "") if o.get("output_type") == "stream"
                   else o.get("data", {}).get("text/plain", "") + "\n"
                   for o in cell.get("outputs", []))


def _run(*cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs).stdout


class Colab:
    """What every runtime shares: the bare clone, git's and IPython's configuration."""

    def __init__(self, root, repo_url, work):
        self.work = Path(work)
        bare = self.work / "lnn.git"
        _run("git", "clone", "--quiet", "--bare", "--no-local", str(root), str(bare))
        self.gitconfig = self.work / "gitconfig"
        self.gitconfig.write_text(f'[url "file://{bare}"]\n\tinsteadOf = {repo_url}\n',
                                  encoding="utf-8")
        self.ipython = self.work / "ipython"
        startup = self.ipython / "profile_default" / "startup"
        startup.mkdir(parents=True)
        shutil.copyfile(HERE / "colab_startup.py", startup / "00-colab.py")
        self.packages = self.work / "colab-packages"  # google.colab, empty
        (self.packages / "google" / "colab").mkdir(parents=True)
        (self.packages / "google" / "colab" / "__init__.py").write_text("", encoding="utf-8")

    def runtime(self, env_dir, name):
        return Runtime(self, Path(env_dir), self.work / name)


@dataclass
class Run:
    """One notebook's run: seconds, restarts, and the setup cell's text output per kernel."""

    seconds: float = 0.0
    restarts: int = 0
    setup_output: list = field(default_factory=list)


class Runtime:
    """A fresh Colab runtime over the environment ``env_dir``."""

    def __init__(self, colab, env_dir, where):
        self.colab, self.where = colab, where
        python = env_dir / "bin" / "python"
        base = _run(str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
        layer = where / "layer"
        _run(str(python), "-m", "venv", "--without-pip", str(layer))
        self.python = layer / "bin" / "python"
        site = _run(str(self.python), "-c",
                    "import sysconfig; print(sysconfig.get_path('purelib'))").strip()
        # addsitedir, not a bare path: the environment's own .pth files count too.
        Path(site, "colab.pth").write_text(
            f"import site; site.addsitedir({base.strip()!r})\n{colab.packages}\n",
            encoding="utf-8")
        self.env = {
            "PATH": f"{layer / 'bin'}:/usr/bin:/bin",
            "HOME": os.environ.get("HOME", str(where)),  # pip's cache: wheels of lnn commits
            "IPYTHONDIR": str(colab.ipython),
            "GIT_CONFIG_GLOBAL": str(colab.gitconfig),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_ALLOW_PROTOCOL": "file",  # a URL that escaped insteadOf fails, offline
            "PIP_CONFIG_FILE": os.devnull,  # not this machine's indexes
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(env_dir / "wheels"),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "LANG": "C.UTF-8",
        }
        self.cwd = where / "content"  # Colab's working folder; nothing of the course in it
        self.cwd.mkdir()
        kernels = where / "kernels" / "colab"
        kernels.mkdir(parents=True)
        spec = {"argv": [str(self.python), "-m", "ipykernel_launcher", "-f",
                         "{connection_file}"], "display_name": "Colab", "language": "python",
                "env": self.env}
        (kernels / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        self.specs = KernelSpecManager(kernel_dirs=[str(where / "kernels")])

    def nbmake(self, path, timeout=600):
        """Run the notebook at ``path`` from the top under nbmake, on this runtime's kernel,
        in a folder that holds nothing else; returns a :class:`Run`, raises with nbmake's
        report when a cell fails."""
        copy = self.where / "notebook" / path.name
        copy.parent.mkdir()
        shutil.copyfile(path, copy)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbmake",
             "--nbmake-kernel=colab", f"--nbmake-timeout={timeout}", "--overwrite", str(copy)],
            env={**self.env, "JUPYTER_PATH": str(self.where)}, cwd=copy.parent,
            capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{path.name} under nbmake:\n{done.stdout[-6000:]}"
        run = Run(seconds=time.perf_counter() - start)
        run.setup_output.append(_text_output(nbformat.read(copy, as_version=4).cells[0]))
        return run

    def execute(self, path, timeout=600):
        """Run the notebook at ``path`` from the top, again after the kernel ends itself in
        its first cell (a restart); returns a :class:`Run`, raises on an error in a cell."""
        run, start = Run(), time.perf_counter()
        while True:
            nb = nbformat.read(path, as_version=4)
            # The async manager: with the blocking one nbclient never sees the kernel end.
            km = AsyncKernelManager(kernel_name="colab", kernel_spec_manager=self.specs)
            client = NotebookClient(nb, km=km, timeout=timeout, allow_errors=False,
                                    resources={"metadata": {"path": str(self.cwd)}})
            try:
                client.execute(env=self.env)
                died = False
            except DeadKernelError:
                died = True
                # nbclient leaves the dead kernel's channels open: closed here, not at exit.
                if client.kc is not None:
                    client.kc.stop_channels()
                asyncio.run(km.cleanup_resources())
            run.setup_output.append(_text_output(nb.cells[0]))
            if not died:
                break
            client = km = None
            with warnings.catch_warnings():  # whatever else of the dead kernel remains
                warnings.simplefilter("ignore", ResourceWarning)
                gc.collect()
            later = [c for c in nb.cells[1:] if c.get("execution_count")]
            assert not later, f"{path.name}: the kernel died after the setup cell"
            run.restarts += 1
            assert run.restarts <= 1, f"{path.name}: a second restart"
        run.seconds = time.perf_counter() - start
        return run
