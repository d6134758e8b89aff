"""Checkers for the exercises: run a student's function on test cases, say what is wrong.

Each ``check_*`` function takes the student's function, runs it on a few cases with known
answers (computed by the reference implementation in ``lnn``, never typed in), and returns
a :class:`Feedback` that prints as a short report in the notebook.
"""

import numpy as np

from .data import batch_indices
from .model import huber_loss, squared_loss, squared_loss_grad


class Feedback:
    """The outcome of a checker: ``passed`` and the list of problems found."""

    def __init__(self, name, problems, num_cases):
        self.name = name
        self.problems = list(problems)
        self.num_cases = num_cases

    @property
    def passed(self):
        return not self.problems

    def __bool__(self):
        return self.passed

    def __repr__(self):
        if self.passed:
            return f"✓ {self.name}: all {self.num_cases} test cases pass."
        lines = [f"✗ {self.name}: {len(self.problems)} problem(s):"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def run_cases(name, func, cases, compare):
    """Call ``func(*args)`` for each ``(label, args, expected)`` and compare the results.

    ``compare(got, expected)`` returns ``None`` when the answer is right, else a sentence that
    says what is wrong.  An exception in the student's code is reported, not raised.
    """
    problems = []
    for label, args, expected in cases:
        try:
            got = func(*args)
        except Exception as err:  # noqa: BLE001  (report any error to the student)
            problems.append(f"{label}: raised {type(err).__name__}: {err}")
            continue
        message = compare(got, expected)
        if message:
            problems.append(f"{label}: {message}")
    return Feedback(name, problems, len(cases))


def to_numpy(a):
    """A numpy float array from a numpy, PyTorch (any device) or MXNet array, or a scalar."""
    if hasattr(a, "asnumpy"):  # MXNet (whose arrays also have a .detach)
        a = a.asnumpy()
    elif hasattr(a, "detach"):  # torch: leave the graph and the GPU first
        a = a.detach().cpu().numpy()
    return np.asarray(a, dtype=float)


def compare_arrays(got, expected, *, atol=1e-6):
    """``None`` if ``got`` has ``expected``'s shape and values, else what differs."""
    got = to_numpy(got)
    if got.shape != np.shape(expected):
        return f"shape {got.shape}, expected {np.shape(expected)}"
    if not np.allclose(got, expected, atol=atol):
        worst = np.max(np.abs(got - expected))
        return f"values differ from the expected ones by up to {worst:.3g}"
    return None


def _identity(a):
    return a


def _cases_rng():
    # Fixed test data: a checker gives the same verdict on every run.
    return np.random.default_rng(2024)


def check_squared_loss(func, *, array=None):
    """Check ``func(y_hat, y)`` against the squared loss (3.1.5), including mixed shapes.

    ``array`` converts the numpy test inputs to your framework's arrays, e.g.
    ``array=torch.tensor`` or ``array=mxnet.np.array``.
    """
    array = array or _identity
    rng = _cases_rng()
    n = 5
    cases = []
    for label, shape_hat, shape_y in [("y_hat (5, 1), y (5, 1)", (n, 1), (n, 1)),
                                      ("y_hat (5,), y (5, 1)", (n,), (n, 1)),
                                      ("y_hat (5, 1), y (5,)", (n, 1), (n,))]:
        y_hat, y = rng.normal(size=shape_hat), rng.normal(size=shape_y)
        cases.append((label, (array(y_hat), array(y)), squared_loss(y_hat, y)))

    def compare(got, expected):
        if to_numpy(got).shape == (n, n):
            return (f"shape {(n, n)}: y was broadcast against y_hat into all pairwise "
                    "differences; reshape y to y_hat's shape first")
        return compare_arrays(got, expected)

    return run_cases("squared_loss", func, cases, compare)


def check_batch_sizes(func):
    """Check ``func(batch_size, num_examples)``: the sizes of the minibatches of one epoch.

    The reference is what ``data_iter`` (D2L 3.2.2) yields, computed by
    :func:`lnn.batch_indices`.
    """
    cases = []
    for batch_size, num_examples in [(10, 1000), (64, 1000), (7, 1000), (1000, 1000),
                                     (1500, 1000), (3, 1)]:
        expected = [len(idx) for idx in batch_indices(batch_size, num_examples, rng=0)]
        cases.append((f"batch_size={batch_size}, num_examples={num_examples}",
                      (batch_size, num_examples), expected))

    def compare(got, expected):
        try:
            got = [int(s) for s in got]
        except (TypeError, ValueError):
            return f"expected a list of batch sizes, got {got!r}"
        if got != expected:
            if len(got) != len(expected):
                return f"{len(got)} minibatches, expected {len(expected)}"
            return f"sizes {got[-3:]} at the end, expected {expected[-3:]}"
        return None

    return run_cases("batch sizes", func, cases, compare)


def check_huber_loss(func, *, array=None):
    """Check ``func(y_hat, y, delta=1.0)`` against the elementwise Huber loss.

    The reference is :func:`lnn.huber_loss`: r^2/(2 delta) for |r| <= delta, |r| - delta/2
    beyond, with r = y_hat - y and the result in ``y_hat``'s shape.  ``array`` converts the
    inputs, e.g. ``array=torch.tensor``.
    """
    array = array or _identity
    rng = _cases_rng()
    cases = []
    for label, delta, shape_y in [("default delta, small and large residuals", None, (8, 1)),
                                  ("delta=0.5", 0.5, (8, 1)),
                                  ("delta=2.0, y of shape (8,)", 2.0, (8,))]:
        y_hat = rng.normal(0, 2, (8, 1))
        y = rng.normal(0, 2, shape_y)
        args = (array(y_hat), array(y)) + (() if delta is None else (delta,))
        cases.append((label, args, huber_loss(y_hat, y, 1.0 if delta is None else delta)))
    return run_cases("huber_loss", func, cases, compare_arrays)


def check_weight_grad(func, *, array=None):
    """Check ``func(X, y, w, b)``: the gradient of the mean squared loss (3.1.6) w.r.t. ``w``.

    Any shape holding the ``d`` values is accepted ((d, 1), (d,), or (1, d) as in ``nn.Linear``
    and ``nn.Dense``).  The reference is :func:`lnn.squared_loss_grad`.  ``array`` converts the
    inputs, e.g. ``array=torch.tensor``.
    """
    array = array or _identity
    rng = _cases_rng()
    cases = []
    for num_examples in (1, 10, 32):
        X = rng.normal(size=(num_examples, 2))
        y = rng.normal(size=(num_examples, 1))
        w = rng.normal(size=(2, 1))
        b = rng.normal(size=(1,))
        cases.append((f"{num_examples} example(s)", (array(X), array(y), array(w), array(b)),
                      (squared_loss_grad(X, y, w, b)[0], num_examples)))

    def compare(got, expected):
        expected, num_examples = expected
        got = to_numpy(got)
        if got.size != expected.size:
            return f"{got.size} values, expected one per weight ({expected.size})"
        got = got.reshape(expected.shape)
        message = compare_arrays(got, expected, atol=1e-5)
        if message and np.allclose(got, 2 * expected, atol=1e-5):
            message += " (exactly twice: the loss lacks the 1/2, as nn.MSELoss does)"
        elif message and num_examples > 1 and np.allclose(got, num_examples * expected,
                                                          atol=1e-5):
            message += " (the number of examples times: the loss was summed, not averaged)"
        return message

    return run_cases("weight gradient", func, cases, compare)
