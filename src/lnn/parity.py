"""Proof that the implementations of D2L 3.2-3.3 agree, step for step.

Every implementation (numpy core, MXNet and PyTorch from scratch, Gluon, ``torch.nn``) gets the
same float32 data, the same initial parameters and the same minibatch order, runs minibatch
SGD on the CPU, and must end at the same parameters up to float32 rounding.  The frameworks
are imported only when their implementation runs.
"""

import numpy as np

from . import _validate, lecture
from .data import batch_indices, synthetic_data
from .frameworks import mxnet_status
from .optim import train_epochs
from .seed import get_rng
from .tables import MarkdownTable

TRUE_W = (2.0, -3.4)
TRUE_B = 4.2


class Problem:
    """Data ``X`` (n, 2), ``y`` (n, 1), start ``w0`` (2, 1), ``b0`` (1,), ``order`` per epoch."""

    def __init__(self, num_examples=lecture.num_examples, batch_size=lecture.batch_size,
                 num_epochs=lecture.num_epochs, lr=lecture.lr, seed=0):
        self.batch_size = _validate.positive_int("batch_size", batch_size)
        self.num_epochs = _validate.positive_int("num_epochs", num_epochs)
        self.lr = _validate.learning_rate(lr)
        rng = get_rng(seed)
        X, y = synthetic_data(TRUE_W, TRUE_B, num_examples, rng=rng)
        self.X, self.y = X.astype(np.float32), y.astype(np.float32)
        self.w0 = rng.normal(0, 0.01, (2, 1)).astype(np.float32)  # the slides' N(0, 0.01^2)
        self.b0 = np.zeros(1, np.float32)
        self.order = [batch_indices(batch_size, num_examples, rng=rng) for _ in range(num_epochs)]


def train_numpy(p):
    """The numpy core, eq. (3.1.10) written out (:func:`lnn.train_epochs`)."""
    w, b, _ = train_epochs(p.X, p.y, p.w0.copy(), p.b0.copy(), lr=p.lr,
                           batch_size=p.batch_size, num_epochs=p.num_epochs, batches=p.order)
    return w, b


def train_torch_scratch(p):
    """PyTorch from scratch (3.2): ``linreg``, ``squared_loss``, ``sgd`` of :mod:`lnn.torch`."""
    import torch

    from . import torch as lt

    X, y = torch.from_numpy(p.X), torch.from_numpy(p.y)
    w = torch.tensor(p.w0, requires_grad=True)
    b = torch.tensor(p.b0, requires_grad=True)
    for epoch in range(p.num_epochs):
        for idx in p.order[epoch]:
            idx = torch.from_numpy(idx)
            lt.squared_loss(lt.linreg(X[idx], w, b), y[idx]).sum().backward()
            lt.sgd([w, b], p.lr, len(idx))
    return w.detach().numpy(), b.detach().numpy()


def train_torch_concise(p):
    """``torch.nn`` (3.3): ``nn.Linear``, ``nn.MSELoss``, ``optim.SGD`` at half the rate.

    ``MSELoss`` is the mean of (y_hat - y)^2 without the 1/2 of eq. (3.1.5), so its gradient
    is twice that of the other implementations: half the learning rate takes the same steps.
    """
    import torch
    from torch import nn
    from torch.utils import data

    net = nn.Sequential(nn.Linear(2, 1))
    with torch.no_grad():
        net[0].weight.copy_(torch.from_numpy(p.w0.T))
        net[0].bias.copy_(torch.from_numpy(p.b0))
    loss = nn.MSELoss()
    trainer = torch.optim.SGD(net.parameters(), lr=p.lr / 2)
    dataset = data.TensorDataset(torch.from_numpy(p.X), torch.from_numpy(p.y))
    for epoch in range(p.num_epochs):
        # The same DataLoader as load_array, told the minibatch order instead of drawing it.
        loader = data.DataLoader(dataset, batch_sampler=[i.tolist() for i in p.order[epoch]])
        for X, y in loader:
            trainer.zero_grad()
            loss(net(X), y).backward()
            trainer.step()
    return net[0].weight.detach().numpy().T, net[0].bias.detach().numpy()


def train_mxnet_scratch(p):
    """MXNet from scratch (3.2): ``linreg``, ``squared_loss``, ``sgd`` of :mod:`lnn.mxnet`."""
    from . import mxnet as lm  # imports MXNet (lnn.frameworks.import_mxnet)

    autograd = lm.mxnet.autograd

    X, y = lm.mxnp.array(p.X), lm.mxnp.array(p.y)
    w, b = lm.mxnp.array(p.w0), lm.mxnp.array(p.b0)
    w.attach_grad()
    b.attach_grad()
    for epoch in range(p.num_epochs):
        for idx in p.order[epoch]:
            idx = lm.mxnp.array(idx)
            with autograd.record():
                loss = lm.squared_loss(lm.linreg(X[idx], w, b), y[idx])
            loss.backward()
            lm.sgd([w, b], p.lr, len(idx))
    return w.asnumpy(), b.asnumpy()


def train_gluon(p):
    """Gluon (3.3): ``nn.Dense``, ``L2Loss`` (with the 1/2), ``Trainer('sgd')``."""
    from . import mxnet as lm  # imports MXNet (lnn.frameworks.import_mxnet)

    autograd, gluon, nn = lm.mxnet.autograd, lm.mxnet.gluon, lm.mxnet.gluon.nn
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize()
    net(lm.mxnp.array(p.X[:1]))  # deferred initialisation: the first batch fixes the shapes
    net[0].weight.set_data(lm.mxnp.array(p.w0.T))
    net[0].bias.set_data(lm.mxnp.array(p.b0))
    loss = gluon.loss.L2Loss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": p.lr})
    dataset = gluon.data.ArrayDataset(lm.mxnp.array(p.X), lm.mxnp.array(p.y))
    for epoch in range(p.num_epochs):
        loader = gluon.data.DataLoader(dataset, batch_sampler=p.order[epoch])
        for X, y in loader:
            with autograd.record():
                l = loss(net(X), y)  # noqa: E741  (the slides' name)
            l.backward()
            trainer.step(len(y))
    return net[0].weight.data().asnumpy().T, net[0].bias.data().asnumpy()


IMPLEMENTATIONS = {
    "numpy core": train_numpy,
    "MXNet scratch": train_mxnet_scratch,
    "Gluon": train_gluon,
    "PyTorch scratch": train_torch_scratch,
    "torch.nn": train_torch_concise,
}
MXNET_IMPLEMENTATIONS = ("MXNet scratch", "Gluon")


class ParityResult:
    """Final parameters per implementation: ``params[name] = (w (2,), b)``, plus a ``note``."""

    def __init__(self, params, note=""):
        self.params = params
        self.note = note

    def differences(self):
        """Largest |difference| of each implementation's parameters to the numpy core's."""
        ref = np.append(*self.params["numpy core"])
        return {name: float(np.max(np.abs(np.append(w, b) - ref)))
                for name, (w, b) in self.params.items()}

    def max_difference(self):
        """The largest |difference| over all implementations and parameters."""
        return max(self.differences().values())

    def table(self):
        """One column per implementation; rows w1, w2, b and the difference to numpy."""
        names = list(self.params)
        diffs = self.differences()
        rows = [[label] + [f"{self.params[n][0][i]:.6f}" for n in names]
                for i, label in enumerate(["$w_1$", "$w_2$"])]
        rows.append(["$b$"] + [f"{self.params[n][1]:.6f}" for n in names])
        rows.append(["max. abs. difference to the numpy core"] +
                    [f"{diffs[n]:.1e}" for n in names])
        return MarkdownTable([""] + names, rows, self.note)


def train_all(problem=None, *, mxnet="auto"):
    """Train every implementation on ``problem`` (default: the slides' setting).

    ``mxnet``: ``True`` requires MXNet (an ``ImportError`` if it cannot run), ``False`` leaves
    it out, ``"auto"`` includes it where :func:`lnn.mxnet_status` says it can run and says
    why in ``note`` otherwise.
    """
    _validate.one_of("mxnet", mxnet, (True, False, "auto"))
    problem = problem or Problem()
    note = ""
    if mxnet == "auto":
        status = mxnet_status()
        mxnet = status.available
        if not mxnet:
            note = f"The MXNet columns are omitted: {status.reason}"
    params = {}
    for name, train in IMPLEMENTATIONS.items():
        if name in MXNET_IMPLEMENTATIONS and not mxnet:
            continue
        w, b = train(problem)
        params[name] = (np.asarray(w, dtype=np.float64).reshape(-1),
                        float(np.asarray(b).reshape(-1)[0]))
    return ParityResult(params, note)
