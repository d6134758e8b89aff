"""Checkers for the exercises: run a student's function on test cases, say what is wrong.

Each ``check_*`` function takes the student's function, runs it on a few cases with known
answers (computed by the reference implementation in ``lnn``, never typed in), and returns
a :class:`Feedback` that prints as a short report in the notebook.  Whatever the student's
function does (forget ``return``, return text, NaN or the wrong shape, raise, never return),
the report says plainly what it returned and what was expected, in a few lines (arrays by
their shape, never their values); only a checker given something that is not a function
raises (``ValueError`` naming ``func``).  Page helpers of the chapters' Exercises sections.
"""

import contextlib
import signal
import threading

import numpy as np

from . import _validate  # argument validation
from .data import batch_indices, synthetic_data
from .model import closed_form, huber_loss, linreg, mean_loss, squared_loss, squared_loss_grad
from .optim import sgd_step
from .seed import get_rng
from .stats import laplace_nll

#: Seconds one call of the student's function may take before it is stopped (an endless
#: loop); every case here runs in milliseconds.
TIME_LIMIT = 10.0
#: The longest problem line of a report, in characters: a message quoting what a function
#: returned or raised must not flood the notebook.
MAX_PROBLEM_CHARS = 300


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


def run_cases(name, func, cases, compare, expected):
    """Call ``func(*args)`` for each ``(label, args, answer)`` and compare the results.

    ``compare(got, answer)`` returns ``None`` when the answer is right, else a sentence that
    says what is wrong.  ``expected`` says in words what ``func`` should return ("one number",
    "a pair (w, b)"): the report uses it when ``func`` returns ``None`` (a forgotten
    ``return``), something that is not numbers, or NaN/inf.  An exception in the student's
    code is reported, not raised; a call that takes longer than :data:`TIME_LIMIT` seconds
    is stopped and reported, and the remaining cases are not run.  Raises ``ValueError`` if
    ``func`` is not callable.
    """
    _validate.function("func", func)
    problems = []
    for label, args, answer in cases:
        try:
            with _time_limit(TIME_LIMIT):
                got = func(*args)
        except _TimeUp:
            problems.append(f"{label}: did not return within {TIME_LIMIT:g} s and was stopped "
                            "(a loop that never ends?); the remaining cases were not run")
            break
        except Exception as err:  # noqa: BLE001  (report any error to the student)
            problems.append(_short(f"{label}: raised {type(err).__name__}: {err}"))
            continue
        message = _unusable(got, expected)
        if message is None:
            try:
                message = compare(got, answer)
            except (TypeError, ValueError) as err:  # numbers of a shape compare cannot use
                why = f" ({err})" if len(str(err)) <= 80 else ""  # not numpy's paragraph
                message = f"returned {_validate.describe(got)}{why}; expected {expected}"
        if message:
            problems.append(_short(f"{label}: {message}"))
    return Feedback(name, problems, len(cases))


def _short(message):
    """``message`` cut to :data:`MAX_PROBLEM_CHARS` characters."""
    if len(message) <= MAX_PROBLEM_CHARS:
        return message
    return message[:MAX_PROBLEM_CHARS - 5] + " ..."


class _TimeUp(BaseException):
    """Raised into a student's function at the time limit; a BaseException, so that an
    ``except Exception`` in the student's code cannot swallow it."""


@contextlib.contextmanager
def _time_limit(seconds):
    """Stop the code inside after ``seconds`` with :class:`_TimeUp` (SIGALRM: the main thread
    of a Unix process, as in Jupyter and Colab; elsewhere there is no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _text_in(value):
    """The first text (str or bytes) in ``value``, its items or its array's values, else None."""
    if isinstance(value, str | bytes):
        return value
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return next((t for t in map(_text_in, value) if t is not None), None)
    if isinstance(value, np.ndarray) and value.dtype.kind in "USO":
        return next((v for v in value.flat if isinstance(v, str | bytes)), None)
    return None


def _unusable(got, expected):
    """What is wrong with a returned value that holds text or no finite numbers, else
    ``None``.  Text is reported as text, never converted: ``"0.5"`` is not the number 0.5."""
    if got is None:
        return (f"returned None (is a `return` statement missing?); expected {expected}")
    text = _text_in(got)
    if text is not None:
        shown = repr(text) if len(repr(text)) <= 40 else repr(text)[:36] + "...'"
        where = "" if text is got else f" inside {_validate.describe(got)}"
        return (f"returned text, {shown}{where}, not a number; expected {expected}: return "
                "the value itself, not str(...) or an f-string")
    values = got if isinstance(got, tuple | list) else [got]
    for value in values:
        try:
            array = to_numpy(value)
        except (TypeError, ValueError):
            return f"returned {_validate.describe(got)}; expected {expected}"
        if array.size and not np.all(np.isfinite(array)):
            return (f"returned NaN or inf values ({_validate.describe(got)}); expected "
                    f"{expected} with finite values")
    return None


def to_numpy(a):
    """A numpy float array from a numpy, PyTorch (any device) or MXNet array, or a scalar.

    Raises ``TypeError`` or ``ValueError`` for values that are not numbers, text included
    (numpy would read ``"0.5"`` as 0.5).
    """
    if _text_in(a) is not None:
        raise TypeError(f"text is not a number: {_validate.describe(a)}")
    return np.asarray(_validate.to_numpy(a), dtype=float)


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
    return get_rng(2024)


# Chapter 3.1 ----------------------------------------------------------------------------
# Each checker's cases are drawn from a fixed generator, so its report is the same every
# run; the hints name the mistakes students make most often with each formula.

def _ratio_hint(got, expected, hints):
    """If ``got`` is a constant multiple of ``expected`` listed in ``hints``, its message."""
    got, expected = to_numpy(got).reshape(-1), np.asarray(expected, dtype=float).reshape(-1)
    if got.shape != expected.shape or not np.all(np.isfinite(got)):
        return None
    for factor, message in hints:
        if np.allclose(got, factor * expected, rtol=1e-6, atol=1e-9):
            return message
    return None


def check_squared_loss(func, *, array=None):
    """Check ``func(y_hat, y)`` against the elementwise squared loss (3.1.5), mixed shapes too.

    ``array`` converts the numpy test inputs to your framework's arrays, e.g.
    ``array=torch.tensor`` or ``array=mxnet.np.array``.
    """
    array = _identity if array is None else _validate.function("array", array)
    rng = _cases_rng()
    n = 5
    cases = []
    for label, shape_hat, shape_y in [("y_hat (5, 1), y (5, 1)", (n, 1), (n, 1)),
                                      ("y_hat (5,), y (5, 1)", (n,), (n, 1)),
                                      ("y_hat (5, 1), y (5,)", (n, 1), (n,))]:
        y_hat, y = rng.normal(size=shape_hat), rng.normal(size=shape_y)
        cases.append((label, (array(y_hat), array(y)), squared_loss(y_hat, y)))

    def compare(got, expected):
        got = to_numpy(got)
        if got.shape == (n, n):
            return (f"shape {(n, n)}: y was broadcast against y_hat into all pairwise "
                    "differences; reshape y to y_hat's shape before subtracting")
        if got.ndim == 0:
            return ("returned one number; (3.1.5) is the loss of each example, one value "
                    "per prediction (do not sum or average here)")
        hint = _ratio_hint(got, expected, [(2.0, "values are twice the expected ones: the "
                                                 "factor 1/2 of (3.1.5) is missing")])
        return hint or compare_arrays(got, expected)

    return run_cases("squared_loss", func, cases, compare,
                     "an array with one loss per prediction, the shape of y_hat")


def check_mean_loss(func):
    """Check ``func(X, y, w, b)`` against the mean loss over the training set, eq. (3.1.6)."""
    rng = get_rng(316)
    cases = []
    for n, d in [(8, 2), (20, 3)]:
        X, w = rng.normal(size=(n, d)), rng.normal(size=d)
        b, y = float(rng.normal()), rng.normal(size=(n, 1))
        label = f"X of shape {(n, d)}, y of shape {(n, 1)}"
        # The expected answer travels with n, so the hints can recognise a sum.
        cases.append((label, (X, y, w, b), (mean_loss(X, y, w, b), n)))

    def compare(got, expected):
        expected, n = expected
        got = to_numpy(got)
        if got.size != 1:
            return (f"returned shape {got.shape}; (3.1.6) is one number, the average of the "
                    "losses of all examples")
        hint = _ratio_hint(got, expected, [
            (n, "the result is n times too large: average the losses (divide by n), do not "
                "just sum them"),
            (2.0, "the result is twice the expected one: the factor 1/2 of (3.1.5) is "
                  "missing"),
            (2.0 * n, "the result is 2n times too large: divide the sum by n and keep the 1/2"),
        ])
        return hint or compare_arrays(got.reshape(()), expected)

    return run_cases("mean_loss", func, cases, compare,
                     "one number, the mean loss (3.1.6)")


def check_closed_form(func):
    """Check ``func(X, y) -> (w, b)`` against the analytic solution, eq. (3.1.8)."""
    rng = get_rng(318)
    cases = []
    for true_w, true_b, n in [([2.0, -3.4], 4.2, 50), ([0.5, 1.0, -2.0], -1.0, 30)]:
        X, y = synthetic_data(true_w, true_b, n, noise=0.1, rng=rng)
        label = f"{len(true_w)} features, bias {true_b}"
        cases.append((label, (X, y), closed_form(X, y)))
    X, y = cases[0][1]
    cases.append(("labels of shape (n,) instead of (n, 1)", (X, y.reshape(-1)), cases[0][2]))

    def compare(got, expected):
        if not isinstance(got, tuple | list) or len(got) != 2:
            return (f"returned {_validate.describe(got)}; expected a pair (w, b): the weights "
                    "and the bias")
        w, b = to_numpy(got[0]), to_numpy(got[1])
        w_expected, b_expected = expected
        if b.size != 1:
            return f"b has shape {b.shape}; the bias is one number"
        if w.size != w_expected.size:
            return (f"w has {w.size} entries, expected {w_expected.size}: one weight per "
                    "feature (split the bias off the last entry of the solution)")
        if np.isclose(float(b.reshape(())), 0.0) and not np.isclose(b_expected, 0.0):
            return ("b is 0: append a column of ones to X so the bias is estimated with "
                    "the weights")
        problem = compare_arrays(w.reshape(-1), w_expected, atol=1e-6)
        if problem:
            return f"w: {problem}"
        problem = compare_arrays(b.reshape(()), b_expected, atol=1e-6)
        return f"b: {problem}" if problem else None

    return run_cases("closed_form", func, cases, compare,
                     "a pair (w, b): the weights and the bias")


def check_predict_price(func):
    """Check ``func(w, b, area, age)`` against the linear model (3.1.1) on scalars and arrays."""
    rng = get_rng(311)
    w, b = np.array([90.0, -500.0]), 30000.0
    area, age = rng.uniform(500, 3500, 4).round(), rng.uniform(0, 50, 4).round()
    cases = []
    for label, args in [("one house, area 1500, age 10", (w, b, 1500.0, 10.0)),
                        ("four houses as arrays", (w, b, area, age)),
                        ("other weights", (w[::-1] / 10, -b, area, age))]:
        wc, bc, ar, ag = args
        X = np.column_stack([np.atleast_1d(ar), np.atleast_1d(ag)])
        expected = linreg(X, wc, bc) if np.ndim(ar) else linreg(X, wc, bc)[0]
        # The answer with the two features exchanged travels along, for the hint.
        cases.append((label, args, (expected, linreg(X[:, ::-1], wc, bc))))

    def compare(got, expected):
        expected, swapped = expected
        got_flat = to_numpy(got).reshape(-1)
        if (got_flat.shape == swapped.shape and np.allclose(got_flat, swapped)
                and not np.allclose(swapped, np.reshape(expected, -1))):
            return "area and age are swapped: w[0] multiplies the area, w[1] the age"
        return compare_arrays(got, expected, atol=1e-6)

    return run_cases("predict_price", func, cases, compare,
                     "the predicted price(s): a number, or one per house")


def check_laplace_nll(func):
    """Check ``func(y_hat, y, scale)``: the negative log-likelihood under Laplace noise.

    Expected: sum_i [ log(2 scale) + |y_i - y_hat_i| / scale ] (the normal_mle exercise),
    computed by :func:`lnn.stats.laplace_nll` on a few random cases.
    """
    rng = get_rng(0)
    cases = []
    for n, scale in [(1, 1.0), (5, 0.5), (20, 2.0), (100, 0.1)]:
        y_hat, y = rng.normal(size=n), rng.normal(size=n)
        cases.append((f"n={n}, scale={scale}", (y_hat, y, scale), laplace_nll(y_hat, y, scale)))
    y = rng.normal(size=8)
    cases.append(("y_hat equal to y (only the normalisation remains)",
                  (y, y.copy(), 3.0), laplace_nll(y, y, 3.0)))
    return run_cases("laplace_nll", func, cases, _compare_scalar,
                     "one number, the negative log-likelihood")


def _compare_scalar(got, expected):
    """``None`` if ``got`` is one number close to ``expected``, else what is wrong."""
    if np.size(got) != 1:
        return (f"returned {np.size(got)} values (shape {np.shape(got)}); sum over the "
                "examples to get one number")
    return compare_arrays(np.reshape(got, ()), expected, atol=1e-6 * max(1.0, abs(expected)))


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
        sizes = to_numpy(got)
        if sizes.ndim != 1 or not np.all(sizes == np.round(sizes)):
            return (f"returned {_validate.describe(got)}; expected a list of "
                    f"{len(expected)} whole numbers, the size of each minibatch (len of "
                    "each batch, not the batch itself)")
        got = [int(s) for s in sizes]
        if got != expected:
            if len(got) != len(expected):
                return f"{len(got)} minibatches, expected {len(expected)}"
            return f"sizes {got[-3:]} at the end, expected {expected[-3:]}"
        return None

    return run_cases("batch sizes", func, cases, compare,
                     "a list of minibatch sizes")


def check_huber_loss(func, *, array=None):
    """Check ``func(y_hat, y, delta=1.0)`` against the elementwise Huber loss.

    The reference is :func:`lnn.huber_loss`: r^2/(2 delta) for |r| <= delta, |r| - delta/2
    beyond, with r = y_hat - y and the result in ``y_hat``'s shape.  ``array`` converts the
    inputs, e.g. ``array=torch.tensor``.
    """
    array = _identity if array is None else _validate.function("array", array)
    rng = _cases_rng()
    cases = []
    for label, delta, shape_y in [("default delta, small and large residuals", None, (8, 1)),
                                  ("delta=0.5", 0.5, (8, 1)),
                                  ("delta=2.0, y of shape (8,)", 2.0, (8,))]:
        y_hat = rng.normal(0, 2, (8, 1))
        y = rng.normal(0, 2, shape_y)
        args = (array(y_hat), array(y)) + (() if delta is None else (delta,))
        cases.append((label, args, huber_loss(y_hat, y, 1.0 if delta is None else delta)))
    return run_cases("huber_loss", func, cases, compare_arrays,
                     "an array with one loss per prediction, the shape of y_hat")


def check_weight_grad(func, *, array=None):
    """Check ``func(X, y, w, b)``: the gradient of the mean squared loss (3.1.6) w.r.t. ``w``.

    Any shape holding the ``d`` values is accepted ((d, 1), (d,), or (1, d) as in ``nn.Linear``
    and ``nn.Dense``).  The reference is :func:`lnn.squared_loss_grad`.  ``array`` converts the
    inputs, e.g. ``array=torch.tensor``.
    """
    array = _identity if array is None else _validate.function("array", array)
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
            return (f"{got.size} values (shape {got.shape}), expected one per weight "
                    f"({expected.size})")
        got = got.reshape(expected.shape)
        message = compare_arrays(got, expected, atol=1e-5)
        if message and np.allclose(got, 2 * expected, atol=1e-5):
            message += " (exactly twice: the loss lacks the 1/2, as nn.MSELoss does)"
        elif message and num_examples > 1 and np.allclose(got, num_examples * expected,
                                                          atol=1e-5):
            message += " (the number of examples times: the loss was summed, not averaged)"
        return message

    return run_cases("weight gradient", func, cases, compare,
                     "an array with one partial derivative per weight")


def check_sgd_step(func):
    """Check ``func(w, b, X, y, lr) -> (w, b)``: one minibatch update of eq. (3.1.10).

    ``w`` (d,), float ``b``, the minibatch ``X`` (|B|, d) and ``y`` (|B|,) or (|B|, 1) as
    ``synthetic_data`` returns it.  Expected values come from :func:`lnn.sgd_step`.
    """
    _validate.function("func", func)
    rng = get_rng(310)

    def case(label, batch_size, num_inputs, lr, column=False):
        X = rng.normal(size=(batch_size, num_inputs))
        y = rng.normal(size=(batch_size, 1) if column else batch_size)
        w, b = rng.normal(size=num_inputs), float(rng.normal())
        expected = sgd_step(w.copy(), b, X.copy(), y.copy(), lr)
        # The start and |B| travel along, so the hints can recognise a step of the wrong size.
        return label, (w, b, X, y, lr), (expected, w, batch_size)

    cases = [
        case("a minibatch of 4 examples with 2 features", 4, 2, 0.1),
        case("a minibatch of one example", 1, 3, 0.03),
        case("a minibatch of 32 examples", 32, 2, 0.5),
        case("labels as a column of shape (|B|, 1), as synthetic_data returns them", 8, 2,
             0.1, column=True),
    ]

    def compare(got, expected):
        (w_expected, b_expected), w_start, batch_size = expected
        if not isinstance(got, tuple | list) or len(got) != 2:
            return f"returned {_validate.describe(got)}; expected a pair (w, b)"
        w, b = to_numpy(got[0]), to_numpy(got[1])
        hints = [(0.0, "w did not change: subtract lr times the averaged gradient"),
                 (-1.0, "w moved uphill: subtract the gradient, do not add it")]
        if batch_size > 1:  # with one example, a sum and a mean are the same
            hints.append((batch_size, f"the step of w is |B| = {batch_size} times too large: "
                                      "divide the sum over the minibatch by |B|"))
        hint = w.shape == w_start.shape and _ratio_hint(w - w_start, w_expected - w_start,
                                                        hints)
        if hint:
            return hint
        problem = compare_arrays(w, w_expected)
        if problem:
            return f"w: {problem}"
        if b.size != 1:
            return f"b must be one number, got shape {b.shape}"
        problem = compare_arrays(b.reshape(()), float(b_expected))
        return f"b: {problem}" if problem else None

    # Copies: a function that updates w in place must not change the next case's inputs.
    def call(w, b, X, y, lr):
        return func(w.copy(), b, X.copy(), y.copy(), lr)

    return run_cases("check_sgd_step", call, cases, compare,
                     "a pair (w, b): the parameters after one update")
