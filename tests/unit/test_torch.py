"""lnn/torch.py: the PyTorch binding's slide semantics and validation (MXNet's alongside)."""

import numpy as np
import pytest

import lnn

torch = pytest.importorskip("torch")

from mxnet_env import import_lnn_mxnet, needs_mxnet  # noqa: E402

import lnn.torch as lt  # noqa: E402

lm = import_lnn_mxnet()


def test_torch_sgd_divides_by_batch_size_and_zeroes_grad():
    w = torch.tensor([1.0, 1.0], requires_grad=True)
    (w * torch.tensor([4.0, 8.0])).sum().backward()
    lt.sgd([w], lr=0.5, batch_size=4)
    np.testing.assert_allclose(w.detach().numpy(), [0.5, 0.0])
    np.testing.assert_array_equal(w.grad.numpy(), [0.0, 0.0])


def test_torch_load_array_and_data_iter():
    X, y = lt.synthetic_data(torch.tensor([2.0, -3.4]), 4.2, 100)
    assert X.shape == (100, 2) and y.shape == (100, 1)
    sizes = [len(yb) for _, yb in lt.load_array((X, y), 30)]
    assert sizes == [30, 30, 30, 10]
    seen = torch.cat([yb for _, yb in lt.data_iter(7, X, y, rng=0)]).ravel()
    assert sorted(seen.tolist()) == sorted(y.ravel().tolist())
    assert lt.try_gpu().type in {"cpu", "cuda"}


@pytest.mark.parametrize("module", ["torch", pytest.param("mxnet", marks=needs_mxnet)])
def test_bindings_validate_input(module):
    m = lt if module == "torch" else lm
    X = m.synthetic_data(m.mxnp.array([1.0, 2.0]) if module == "mxnet"
                         else torch.tensor([1.0, 2.0]), 0.0, 6)[0]
    with pytest.raises(ValueError, match="num_examples"):
        m.synthetic_data([1.0, 2.0], 0.0, 0)
    with pytest.raises(ValueError, match=r"w must be one weight per column of X \(2\), got 3"):
        m.linreg(X, X[:3, 0], 0.0)
    with pytest.raises(ValueError, match="y_hat and y must be the same number of values"):
        m.squared_loss(X[:, 0], X[:5, :1])
    with pytest.raises(ValueError, match="lr must be"):
        m.sgd([], 0, 10)
    with pytest.raises(ValueError, match="batch_size"):
        m.sgd([], 0.1, 0)
    with pytest.raises(ValueError, match="batch_size"):
        m.load_array((X, X), 0)
    with pytest.raises(ValueError, match="features and labels"):
        m.load_array((X, X[:5]), 2)
    with pytest.raises(ValueError, match="batch_size"):  # at the call, not at next()
        m.data_iter(0, X, X)
    with pytest.raises(ValueError, match="has no gradient"):
        m.sgd([X], 0.1, 10)
    with pytest.raises(ValueError, match="w must be an array of real numbers"):
        m.linreg(X, ["a", "b"], 0.0)


def test_set_seed_seeds_frameworks():
    lnn.set_seed(7)
    a = torch.rand(3)
    lnn.set_seed(7)
    assert torch.equal(a, torch.rand(3))
