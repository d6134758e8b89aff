"""lnn/__init__.py: the core namespace never imports a framework (`import lnn` works where
MXNet cannot exist: numpy 2, Colab, Apple Silicon) and stays light."""

import pkgutil
import subprocess
import sys

import lnn

CORE = sorted(m.name for m in pkgutil.iter_modules(lnn.__path__)
              if m.name not in {"mxnet", "torch"})


def test_the_core_modules_are_found():
    assert {"data", "model", "optim"} <= set(CORE)


def test_core_never_imports_mxnet():
    # Run in a fresh interpreter: this one may already have imported mxnet for other tests.
    # `sys.modules["mxnet"] = None` makes any `import mxnet` raise ImportError.
    code = (
        "import sys\n"
        "sys.modules['mxnet'] = None\n"
        "import lnn\n"
        f"for name in {CORE!r}:\n"
        "    __import__('lnn.' + name)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('mxnet', 'torch')\n"
        "          and sys.modules[m] is not None]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_package_docstring_places_every_module_in_a_layer():
    listed = {line.split()[0] for line in lnn.__doc__.splitlines()
              if line.startswith("    ") and not line.startswith("     ")}
    assert {m.name for m in pkgutil.iter_modules(lnn.__path__)} == listed
