"""One rule, for every test module, on whether this environment must have MXNet.

Where MXNet 1.9.1 has a wheel (Linux x86_64) it must import: a failure fails the run, no
skip.  The exceptions are platforms without a wheel and the numpy-2 environment of
`make test-colab`, built without MXNet on purpose (LNN_WITHOUT_MXNET=1).
"""

import importlib.util
import os
import platform

import pytest

from lnn import frameworks

if os.environ.get("LNN_WITHOUT_MXNET") == "1":
    WHY_NO_MXNET = "LNN_WITHOUT_MXNET=1: this environment has no MXNet on purpose (numpy 2)"
elif not frameworks.has_mxnet_wheel() and importlib.util.find_spec("mxnet") is None:
    WHY_NO_MXNET = f"MXNet 1.9.1 has no wheel for {platform.system()} {platform.machine()}"
else:
    WHY_NO_MXNET = None

WITH_MXNET = WHY_NO_MXNET is None
needs_mxnet = pytest.mark.skipif(not WITH_MXNET, reason=WHY_NO_MXNET or "")


def import_lnn_mxnet():
    """``lnn.mxnet`` where this environment must have MXNet, else ``None``."""
    if not WITH_MXNET:
        return None
    import lnn.mxnet

    return lnn.mxnet
