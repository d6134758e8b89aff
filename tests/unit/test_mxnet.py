"""lnn/mxnet.py: the MXNet binding, and its message where MXNet cannot be imported."""

import pytest

torch = pytest.importorskip("torch")

from mxnet_env import import_lnn_mxnet, needs_mxnet  # noqa: E402

lm = import_lnn_mxnet()


@needs_mxnet
def test_mxnet_binding_semantics():
    X, y = lm.synthetic_data(lm.mxnp.array([2.0, -3.4]), 4.2, 100)
    assert X.shape == (100, 2) and y.shape == (100, 1)
    sizes = [len(yb) for _, yb in lm.load_array((X, y), 30)]
    assert sizes == [30, 30, 30, 10]
    loss = lm.squared_loss(lm.mxnp.zeros(4), lm.mxnp.ones((4, 1)))
    assert loss.shape == (4,)
    assert str(lm.try_gpu()).startswith(("cpu", "gpu"))


def test_lnn_mxnet_explains_a_missing_mxnet():
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['mxnet'] = None\n"  # makes `import mxnet` fail
        "try:\n    import lnn.mxnet\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "pip install mxnet==1.9.1" in out
    assert "Linux x86_64 only" in out
    assert "PyTorch chapters work without it" in out
