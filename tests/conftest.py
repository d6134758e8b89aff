import os

import matplotlib
import pytest

matplotlib.use("Agg")


def pytest_collection_modifyitems(config, items):
    # `make test-numpy2` runs the unit tests without MXNet (it needs numpy < 2) and says so;
    # everywhere else a test marked `mxnet` runs (test_frameworks.py shows the pattern for
    # modules that import lnn.mxnet at the top).
    if os.environ.get("LNN_WITHOUT_MXNET") == "1":
        skip = pytest.mark.skip(reason="LNN_WITHOUT_MXNET=1: no MXNet in this environment")
        for item in items:
            if item.get_closest_marker("mxnet"):
                item.add_marker(skip)
