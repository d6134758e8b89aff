"""lnn/torch.py: the PyTorch binding's slide semantics and validation (MXNet's alongside)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_set_seed_seeds_frameworks():
    lnn.set_seed(7)
    a = torch.rand(3)
    lnn.set_seed(7)
    assert torch.equal(a, torch.rand(3))


# Issue 19: a framework's own error must not reach the student through the bindings -------

def _train_two_minibatches(true_w, true_b):
    """D2L 3.2's loop over two minibatches, with the slides' names."""
    features, labels = lt.synthetic_data(true_w, true_b, 20)
    w = torch.normal(0, 0.01, size=(2, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    steps = 0
    for X, y in lt.data_iter(10, features, labels, rng=0):
        lt.squared_loss(lt.linreg(X, w, b), y).sum().backward()
        lt.sgd([w, b], 0.03, 10)
        steps += 1
    return steps


@settings(max_examples=12, deadline=None, derandomize=True, database=None)
@given(st.booleans(), st.sampled_from(["number", "tensor", "tensor with grad"]),
       st.sampled_from([torch.float32, torch.float64]))
def test_synthetic_data_from_parameters_that_require_grad_are_constants(w_grad, b_kind, dtype):
    true_w = torch.tensor([2.0, -3.4], dtype=dtype, requires_grad=w_grad)
    true_b = {"number": 4.2, "tensor": torch.tensor(4.2, dtype=dtype),
              "tensor with grad": torch.tensor(4.2, dtype=dtype, requires_grad=True)}[b_kind]
    features, labels = lt.synthetic_data(true_w, true_b, 5)
    assert not features.requires_grad and not labels.requires_grad
    if dtype == torch.float32:
        assert _train_two_minibatches(true_w, true_b) == 2  # both steps ran


@needs_mxnet
def test_mxnet_sgd_inside_autograd_record_says_to_dedent_it():
    from mxnet import autograd

    X, y = lm.synthetic_data(lm.mxnp.array([2.0, -3.4]), 4.2, 10)
    w, b = lm.mxnp.zeros((2, 1)), lm.mxnp.zeros(1)
    w.attach_grad()
    b.attach_grad()
    with autograd.record():
        loss = lm.squared_loss(lm.linreg(X, w, b), y)
        loss.backward()
        with pytest.raises(ValueError, match=r"^sgd must be called after the `with "
                                             r"autograd.record\(\):` block"):
            lm.sgd([w, b], 0.03, 10)
    lm.sgd([w, b], 0.03, 10)  # where the slides call it
    assert float(abs(w).sum()) > 0
