"""The exercise checkers of 3.2-3.3: each accepts a correct answer and rejects a wrong one.

The correct answers are the solutions shown on the pages, in numpy, PyTorch and MXNet.
"""


import numpy as np
import pytest

import lnn
from lnn import check

torch = pytest.importorskip("torch")
from mxnet_env import import_lnn_mxnet, needs_mxnet  # noqa: E402
from torch import nn  # noqa: E402

lm = import_lnn_mxnet()


# --- squared_loss (why the reshape) -------------------------------------------------------

def test_squared_loss_checker():
    assert check.check_squared_loss(lnn.squared_loss)
    no_reshape = check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2)
    assert not no_reshape
    assert "broadcast" in repr(no_reshape) and "(5, 5)" in repr(no_reshape)
    assert not check.check_squared_loss(lambda y_hat, y: (y_hat - y.reshape(y_hat.shape)) ** 2)


def test_squared_loss_checker_with_torch():
    import lnn.torch as lt

    assert check.check_squared_loss(lt.squared_loss, array=torch.tensor)
    assert not check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2, array=torch.tensor)


@needs_mxnet
def test_squared_loss_checker_with_mxnet():
    assert check.check_squared_loss(lm.squared_loss, array=lm.np.array)
    assert not check.check_squared_loss(lambda y_hat, y: (y_hat - y) ** 2 / 2,
                                        array=lm.np.array)


# --- minibatch sizes (a batch size that does not divide 1000) ----------------------------

def test_batch_sizes_checker():
    # The pages' solution is an executed cell ending in this checker; here lnn's reference.
    def batch_sizes(batch_size, num_examples):
        return [len(idx) for idx in lnn.batch_indices(batch_size, num_examples, rng=0)]

    assert check.check_batch_sizes(batch_sizes)
    dropped = check.check_batch_sizes(lambda bs, n: [bs] * (n // bs))  # forgets the last one
    assert not dropped and "minibatches" in repr(dropped)
    assert not check.check_batch_sizes(lambda bs, n: [bs] * -(-n // bs))  # last one too big
    assert not check.check_batch_sizes(lambda bs, n: None)


# --- Huber loss ---------------------------------------------------------------------------

# The pages' Huber solutions (numpy-style MXNet, torch) are executed cells ending in
# check_huber_loss; here the reference and wrong answers built from it.
huber_numpy = lnn.huber_loss


def test_huber_reference_matches_torch_smooth_l1():
    # Independent reference: PyTorch's SmoothL1Loss(beta=delta) is the same per-example loss.
    rng = np.random.default_rng(0)
    y_hat, y = rng.normal(0, 2, (50, 1)), rng.normal(0, 2, (50, 1))
    for delta in (0.5, 1.0, 2.0):
        ref = nn.SmoothL1Loss(reduction="none", beta=delta)(torch.tensor(y_hat), torch.tensor(y))
        np.testing.assert_allclose(lnn.huber_loss(y_hat, y, delta), ref.numpy(), rtol=1e-12)
    with pytest.raises(ValueError, match="delta"):
        lnn.huber_loss(y_hat, y, 0.0)


def test_huber_checker():
    assert check.check_huber_loss(huber_numpy)
    # torch's HuberLoss(delta) is delta times it: right only for delta = 1.
    scaled = check.check_huber_loss(lambda y_hat, y, delta=1.0: delta * huber_numpy(y_hat, y,
                                                                                  delta))
    assert not scaled and len(scaled.problems) == 2
    assert not check.check_huber_loss(lambda y_hat, y, delta=1.0: (y_hat - y) ** 2 / 2)
    assert not check.check_huber_loss(lambda y_hat, y: huber_numpy(y_hat, y))  # no delta arg


# --- gradient of the weight -----------------------------------------------------------------

def test_weight_grad_checker_numpy():
    assert check.check_weight_grad(lambda X, y, w, b: lnn.squared_loss_grad(X, y, w, b)[0])
    summed = check.check_weight_grad(
        lambda X, y, w, b: len(X) * lnn.squared_loss_grad(X, y, w, b)[0])
    assert not summed and "summed, not averaged" in repr(summed)
    assert not check.check_weight_grad(lambda X, y, w, b: np.zeros(3))


def test_weight_grad_checker_torch():
    def weight_grad(X, y, w, b, half=True):
        net = nn.Sequential(nn.Linear(2, 1)).double()
        with torch.no_grad():
            net[0].weight.copy_(w.T)
            net[0].bias.copy_(b)
        (nn.MSELoss()(net(X), y) / (2 if half else 1)).backward()
        return net[0].weight.grad

    assert check.check_weight_grad(weight_grad, array=torch.tensor)
    no_half = check.check_weight_grad(lambda *a: weight_grad(*a, half=False),
                                      array=torch.tensor)
    assert not no_half and "exactly twice" in repr(no_half)


@needs_mxnet
def test_weight_grad_checker_mxnet():
    nn_, gluon, autograd = lm.nn, lm.gluon, lm.autograd

    def weight_grad(X, y, w, b, mean=True):
        net = nn_.Sequential()
        net.add(nn_.Dense(1))
        net.initialize()
        net(X)
        net[0].weight.set_data(w.T)
        net[0].bias.set_data(b)
        with autograd.record():
            l = gluon.loss.L2Loss()(net(X), y)  # noqa: E741
            if mean:
                l = l.mean()  # noqa: E741
        l.backward()
        return net[0].weight.grad()

    to32 = lambda a: lm.np.array(a, dtype="float32")  # noqa: E731
    assert check.check_weight_grad(weight_grad, array=to32)
    assert not check.check_weight_grad(lambda *a: weight_grad(*a, mean=False), array=to32)


def test_to_numpy_reads_every_array_kind():
    np.testing.assert_array_equal(check.to_numpy(torch.ones(2, requires_grad=True)), [1, 1])
    np.testing.assert_array_equal(check.to_numpy([1, 2]), [1.0, 2.0])
    if lm is not None:
        np.testing.assert_array_equal(check.to_numpy(lm.np.ones(2)), [1, 1])
