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
import copy
import inspect
import math
import signal
import sys
import threading
import warnings

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


def run_cases(name, func, cases, compare, expected, *, names=None):
    """Call ``func(*args)`` for each ``(label, args, answer)`` and compare the results.

    ``compare(got, answer)`` returns ``None`` when the answer is right, else a sentence that
    says what is wrong (:func:`compare_arrays` for an array or a number).  ``expected`` says in
    words what ``func`` should return ("one number", "a pair (w, b)"): the report uses it
    when ``func`` returns ``None`` (a forgotten ``return``) or text.  Each call gets fresh
    copies of the arguments, so a function that changes them cannot spoil a later case; a
    change is reported, naming the argument (``names``, or the function's own parameter
    names).  An exception in the student's code is reported, not raised (MXNet's delayed
    errors included); a call that takes longer than :data:`TIME_LIMIT` seconds is stopped
    and reported, and the remaining cases are not run.  Raises ``ValueError`` if ``func`` is
    not callable.
    """
    _validate.function("func", func)
    problems = []
    for label, args, answer in cases:
        fresh = [_copy(a) for a in args]
        try:
            with _time_limit(TIME_LIMIT), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                got = func(*fresh)
                _wait_for_mxnet(got)
        except _TimeUp:
            problems.append(f"{label}: did not return within {TIME_LIMIT:g} s and was stopped "
                            "(a loop that never ends?); the remaining cases were not run")
            break
        except Exception as err:  # noqa: BLE001  (report any error to the student)
            problems.append(_short(f"{label}: raised {type(err).__name__}: {_error_text(err)}"))
            continue
        message = _changed(args, fresh, _argument_names(func, len(args), names))
        message = message or _unusable(got, expected)
        if message is None:
            try:
                message = compare(got, answer)
            except (TypeError, ValueError) as err:  # numbers of a shape compare cannot use
                why = f" ({err})" if len(str(err)) <= 80 else ""  # not numpy's paragraph
                message = f"returned {_describe(got)}{why}; expected {expected}"
        if message and ("NaN" in message or "inf" in message):
            numpy_said = sorted({str(w.message) for w in caught
                                 if issubclass(w.category, RuntimeWarning)})
            if numpy_said:
                message += f" (numpy warned: {'; '.join(numpy_said)})"
        if message:
            problems.append(_short(f"{label}: {message}"))
    return Feedback(name, problems, len(cases))


def _short(message):
    """``message`` cut to :data:`MAX_PROBLEM_CHARS` characters."""
    if len(message) <= MAX_PROBLEM_CHARS:
        return message
    return message[:MAX_PROBLEM_CHARS - 5] + " ..."


def _error_text(err):
    """The line of an error message that says what happened (MXNet's come after a C++
    traceback)."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return lines[-1].removeprefix(f"{type(err).__name__}: ")


def _wait_for_mxnet(got):
    """Let MXNet finish the student's computation, so that its errors (MXNet reports them
    late, when a result is read) are raised inside the call, not later by the checker."""
    mxnet = sys.modules.get("mxnet")
    if mxnet is None:
        return
    for value in got if isinstance(got, tuple | list) else [got]:
        if _validate.framework(value) == "mxnet":
            value.wait_to_read()
    mxnet.nd.waitall()


def _copy(value):
    """A copy of an argument that the student's function may change freely."""
    kind = _validate.framework(value)
    if kind == "torch":
        return value.detach().clone().requires_grad_(value.requires_grad)
    if kind == "mxnet" or isinstance(value, np.ndarray):
        return value.copy()
    return copy.deepcopy(value)


def _same(before, after):
    if hasattr(before, "shape") != hasattr(after, "shape"):
        return False
    if not hasattr(before, "shape"):
        return before == after
    a, b = _validate.to_numpy(before), _validate.to_numpy(after)
    return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b)


def _argument_names(func, count, names):
    """The names of ``func``'s first ``count`` parameters: its own, else ``names``."""
    try:
        params = [p.name for p in inspect.signature(func).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        params = []
    params = params[:count] if len(params) >= count else list(names or ())[:count]
    return params + [f"number {i + 1}" for i in range(len(params), count)]


def _changed(args, fresh, names):
    """Which argument the student's function changed in place, in a sentence, or None."""
    for name, before, after in zip(names, args, fresh, strict=True):
        if not _same(before, after):
            return (f"changed its argument {name} in place (the caller's {name} changed too); "
                    f"leave the arguments as they are and return new values ({name} = "
                    f"{name} - ..., not {name} -= ...)")
    return None


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


def _describe(value):
    """``value`` in a few words: an array by its kind and shape (its dtype is said only
    where it is the problem)."""
    if hasattr(value, "shape") and hasattr(value, "dtype") and not isinstance(value, np.generic):
        return f"{_kind_of(value)} of shape {tuple(value.shape)}"
    if isinstance(value, list | tuple) and value and len(repr(value)) > 60:
        return (f"a {type(value).__name__} of {len(value)} items, the first "
                f"{_describe(value[0])}")
    return _validate.describe(value)


def _unusable(got, expected):
    """What is wrong with a returned value that is ``None`` or holds text, else ``None``.
    Text is reported as text, never converted: ``"0.5"`` is not the number 0.5."""
    if got is None:
        return f"returned None (is a `return` statement missing?); expected {expected}"
    text = _text_in(got)
    if text is not None:
        shown = repr(text) if len(repr(text)) <= 40 else repr(text)[:36] + "...'"
        where = "" if text is got else f" inside {_describe(got)}"
        return (f"returned text, {shown}{where}, not a number; expected {expected}: return "
                "the value itself, not str(...) or an f-string")
    return None


def to_numpy(a):
    """A numpy float array from a numpy, PyTorch (any device) or MXNet array, or a scalar.

    Raises ``TypeError`` or ``ValueError`` for values that are not numbers, text included
    (numpy would read ``"0.5"`` as 0.5).
    """
    if _text_in(a) is not None:
        raise TypeError(f"text is not a number: {_validate.describe(a)}")
    return np.asarray(_validate.to_numpy(a), dtype=float)


# What a result must be: the inputs' framework and dtype, finite, the expected shape and values

def _kind_of(value):
    """What ``value`` is, in the student's words: "a torch tensor", "a numpy array", ..."""
    kind = _validate.framework(value)
    if kind == "torch":
        return "a torch tensor"
    if kind == "mxnet":
        return "an MXNet array"
    if isinstance(value, np.ndarray):
        return "a numpy array"
    if isinstance(value, list | tuple):
        return f"a {type(value).__name__}"
    return "a number"


def _dtype(value):
    """The dtype of ``value``'s values as a name ("float32", "bfloat16", "int64")."""
    if _validate.framework(value) == "torch":
        return str(value.dtype).removeprefix("torch.")
    if hasattr(value, "dtype") and not isinstance(value, np.ndarray | np.generic):
        return np.dtype(value.dtype).name  # MXNet
    return np.asarray(value).dtype.name


def tolerance(dtype):
    """The relative tolerance of a comparison in ``dtype`` (a name): 1e-6 in float64, about
    1000 rounding errors in a lower precision (1.2e-4 in float32)."""
    eps = 2.0 ** -7 if dtype == "bfloat16" else float(np.finfo(np.dtype(dtype)).eps)
    return min(max(1e-6, 1000 * eps), 0.05)


def _form(got, expected, subject):
    """What is wrong with ``got``'s framework, autograd state, dtype or finiteness, given
    the ``expected`` answer (an array in the inputs' framework and dtype, or a number)."""
    want, have = _validate.framework(expected), _validate.framework(got)
    if want != "numpy" and have != want:
        return (f"{subject} {_kind_of(got)}, expected {_kind_of(expected)} like the inputs "
                "(stay in the inputs' framework: no .numpy(), .asnumpy(), .item() or .tolist())")
    if want == "numpy" and have != "numpy":
        return (f"{subject} {_kind_of(got)}, expected a numpy array or a number like the "
                "inputs (this exercise is in numpy)")
    if have == "torch" and got.requires_grad and not expected.requires_grad:
        return (f"{subject} a torch tensor that requires grad (part of an autograd graph); "
                "return the values: a parameter's .grad, or .detach(), not the parameter")
    if have == "mxnet" and got.grad is not None and expected.grad is None:
        return (f"{subject} an MXNet array with a gradient attached (attach_grad): return the "
                "values, e.g. a parameter's .grad(), not the parameter")
    want_dtype, have_dtype = _dtype(expected), _dtype(got)
    if np.dtype(want_dtype).kind in "iu":
        if np.dtype(have_dtype).kind not in "iu":
            return (f"{subject} numbers of dtype {have_dtype}, expected whole numbers (dtype "
                    "int): len(...) and // give ints, / gives floats")
    elif have_dtype != want_dtype:
        return (f"{subject} values of dtype {have_dtype}, expected dtype {want_dtype}, the "
                "inputs' dtype: compute in it (an astype, .to(), dtype= or an integer "
                "array changed it)")
    values = to_numpy(got)
    nan, inf = int(np.isnan(values).sum()), int(np.isinf(values).sum())
    if nan:
        return f"{subject} NaN values ({nan} of {values.size}), expected finite numbers"
    if inf:
        return (f"{subject} inf values ({inf} of {values.size}): numbers too large for "
                f"{have_dtype}, an overflow")
    return None


def _shape(got, expected, subject, *, any_shape=False):
    """What is wrong with ``got``'s shape, or ``None``.  One value is one number, whatever
    its shape; ``any_shape`` accepts every shape that holds the expected number of values."""
    got_shape, shape = tuple(np.shape(to_numpy(got))), tuple(np.shape(expected))
    size, expected_size = math.prod(got_shape), math.prod(shape)
    if size == expected_size and (size == 1 or any_shape or got_shape == shape):
        return None
    if expected_size == 1:
        return f"{subject} an array of {size} values (shape {got_shape}), expected one number"
    if size == 1:
        return f"{subject} one number, expected shape {shape}"
    if len(shape) == 2 and got_shape == shape[::-1]:
        return (f"{subject} an array of shape {got_shape}, expected shape {shape}: it is "
                "transposed (a .T or a reshape swapped the axes)")
    return f"{subject} an array of shape {got_shape}, expected shape {shape}"


#: Constant multiples of the right answer that every report names (checkers add their own).
FACTORS = [(2.0, "twice the expected ones"), (0.5, "half the expected ones"),
           (-1.0, "the expected ones with the opposite sign (a sign error)")]


def _ratio(got, expected, hints, rtol):
    """The message of the first ``(factor, message)`` of ``hints`` with got = factor *
    expected (the same number of values), else ``None``."""
    got, expected = to_numpy(got).reshape(-1), to_numpy(expected).reshape(-1)
    if got.shape != expected.shape or not np.any(expected):
        return None
    for factor, message in hints:
        scaled = factor * expected
        if np.allclose(got, scaled, rtol=rtol, atol=rtol * max(1.0, np.max(np.abs(scaled)))):
            return message
    return None


def _values(got, expected, subject, hints=()):
    """What is wrong with ``got``'s values (of the right shape), or ``None``."""
    rtol = tolerance(_dtype(expected))
    values, want = to_numpy(got).reshape(np.shape(expected)), to_numpy(expected)
    factors = list(hints) + [(f, f"{subject} values {what}") for f, what in FACTORS]
    hint = _ratio(values, want, factors, rtol)
    if hint:
        return hint
    if np.allclose(values, want, rtol=rtol, atol=rtol * max(1.0, np.max(np.abs(want)))):
        return None
    worst = np.max(np.abs(values - want))
    return f"{subject} values that differ from the expected ones by up to {worst:.3g}"


def compare_arrays(got, expected, *, hints=(), subject="returned", any_shape=False):
    """``None`` if ``got`` is ``expected`` (an array or a number) in framework, dtype, shape
    and values (to the dtype's :func:`tolerance`), else what is wrong, in that order.

    ``hints``: ``(factor, message)`` pairs, said when ``got`` is ``factor`` times the
    expected values; ``subject`` starts the sentence ("returned", "w is").
    """
    if got is None:
        return f"{subject} None (is a `return` missing?)"
    return (_form(got, expected, subject) or _shape(got, expected, subject,
                                                    any_shape=any_shape)
            or _values(got, expected, subject, hints))


def _pair(got, names=("w", "b")):
    """What is wrong with a returned pair ``(w, b)`` before its values are compared."""
    if not isinstance(got, tuple | list) or len(got) != 2:
        return (f"returned {_describe(got)}; expected a pair ({names[0]}, {names[1]}): "
                "return both, separated by a comma")
    for name, which, item in zip(names, ("first", "second"), got, strict=True):
        if item is None:
            return (f"{name} is None (the {which} item of the returned pair): is a `return` "
                    f"missing where {name} is computed?")
    return None


def _identity(a):
    return a


def _arrays(array):
    """The checker's ``array`` argument: a function that converts numpy to the framework."""
    return _identity if array is None else _validate.function("array", array)


# Chapter 3.1 ----------------------------------------------------------------------------
# Each checker's cases are drawn from a fixed generator, so its report is the same every
# run; the hints name the mistakes students make most often with each formula.  An answer
# goes through the checker's ``array`` like the inputs, so it has the framework and dtype
# that the student's function must return.

def _cases_rng(seed=2024):
    # Fixed test data: a checker gives the same verdict on every run.
    return get_rng(seed)


def check_squared_loss(func, *, array=None):
    """Check ``func(y_hat, y)`` against the elementwise squared loss (3.1.5), mixed shapes too.

    ``array`` converts the numpy test inputs to your framework's arrays, e.g.
    ``array=torch.tensor`` or ``array=mxnet.np.array``; the loss must come back in their
    framework and dtype.
    """
    array = _arrays(array)
    rng = _cases_rng()
    n = 5
    cases = []
    for label, shape_hat, shape_y in [("y_hat (5, 1), y (5, 1)", (n, 1), (n, 1)),
                                      ("y_hat (5,), y (5, 1)", (n,), (n, 1)),
                                      ("y_hat (5, 1), y (5,)", (n, 1), (n,))]:
        y_hat, y = rng.normal(size=shape_hat), rng.normal(size=shape_y)
        cases.append((label, (array(y_hat), array(y)), array(squared_loss(y_hat, y))))

    def compare(got, expected):
        problem = _form(got, expected, "returned")
        if problem:
            return problem
        if np.shape(to_numpy(got)) == (n, n):
            return (f"returned shape {(n, n)}: y was broadcast against y_hat into all pairwise "
                    "differences; reshape y to y_hat's shape before subtracting")
        if np.size(to_numpy(got)) == 1:
            return ("returned one number; (3.1.5) is the loss of each example, one value "
                    "per prediction (do not sum or average here)")
        return compare_arrays(got, expected, hints=[
            (2.0, "returned values twice the expected ones: the factor 1/2 of (3.1.5) is "
                  "missing")])

    return run_cases("squared_loss", func, cases, compare,
                     "an array with one loss per prediction, the shape of y_hat",
                     names=("y_hat", "y"))


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
        return compare_arrays(got, expected, hints=[
            (n, f"returned n = {n} times the expected value: average the losses (divide by "
                "n), do not just sum them"),
            (2.0, "returned twice the expected value: the factor 1/2 of (3.1.5) is missing"),
            (2.0 * n, f"returned 2n = {2 * n} times the expected value: divide the sum by n "
                      "and keep the 1/2"),
        ])

    return run_cases("mean_loss", func, cases, compare,
                     "one number, the mean loss (3.1.6)", names=("X", "y", "w", "b"))


def check_closed_form(func):
    """Check ``func(X, y) -> (w, b)`` against the analytic solution, eq. (3.1.8).

    ``w`` may have any shape that holds one weight per feature; ``b`` is one number.
    """
    rng = get_rng(318)
    cases = []
    for true_w, true_b, n in [([2.0, -3.4], 4.2, 50), ([0.5, 1.0, -2.0], -1.0, 30)]:
        X, y = synthetic_data(true_w, true_b, n, noise=0.1, rng=rng)
        label = f"{len(true_w)} features, bias {true_b}"
        cases.append((label, (X, y), closed_form(X, y)))
    X, y = cases[0][1]
    cases.append(("labels of shape (n,) instead of (n, 1)", (X, y.reshape(-1)), cases[0][2]))

    def compare(got, expected):
        w_expected, b_expected = expected
        problem = _pair(got)
        if problem:
            return problem
        w, b = got
        problem = (_form(w, w_expected, "w is") or _form(b, b_expected, "b is")
                   or _shape(w, w_expected, "w is", any_shape=True)
                   or _shape(b, b_expected, "b is"))
        if problem:
            return problem
        if np.isclose(float(to_numpy(b).reshape(())), 0.0) and not np.isclose(b_expected, 0.0):
            return ("b is 0: append a column of ones to X so the bias is estimated with "
                    "the weights")
        return (compare_arrays(to_numpy(w).reshape(-1), w_expected, subject="w has")
                or compare_arrays(b, b_expected, subject="b has"))

    return run_cases("closed_form", func, cases, compare,
                     "a pair (w, b): the weights and the bias", names=("X", "y"))


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
        problem = _form(got, expected, "returned") or _shape(got, expected, "returned")
        if problem:
            return problem
        got_flat = to_numpy(got).reshape(-1)
        if (got_flat.shape == swapped.shape and np.allclose(got_flat, swapped)
                and not np.allclose(swapped, np.reshape(expected, -1))):
            return "area and age are swapped: w[0] multiplies the area, w[1] the age"
        return _values(got, expected, "returned")

    return run_cases("predict_price", func, cases, compare,
                     "the predicted price(s): a number, or one per house",
                     names=("w", "b", "area", "age"))


def check_laplace_nll(func):
    """Check ``func(y_hat, y, scale)``: the negative log-likelihood under Laplace noise.

    Expected: sum_i [ log(2 scale) + |y_i - y_hat_i| / scale ] (the normal_mle exercise),
    computed by :func:`lnn.stats.laplace_nll` on a few random cases.
    """
    rng = get_rng(0)
    cases = []
    for n, scale in [(1, 1.0), (5, 0.5), (20, 2.0), (100, 0.1)]:
        y_hat, y = rng.normal(size=n), rng.normal(size=n)
        cases.append((f"n={n}, scale={scale}", (y_hat, y, scale),
                      (laplace_nll(y_hat, y, scale), n)))
    y = rng.normal(size=8)
    cases.append(("y_hat equal to y (only the normalisation remains)",
                  (y, y.copy(), 3.0), (laplace_nll(y, y, 3.0), 8)))

    def compare(got, expected):
        expected, n = expected
        problem = _form(got, expected, "returned")
        if problem:
            return problem
        if np.size(to_numpy(got)) != 1:
            return (f"returned {np.size(to_numpy(got))} values (shape "
                    f"{np.shape(to_numpy(got))}); sum over the examples to get one number")
        hints = [] if n == 1 else [(1 / n, f"returned 1/n = 1/{n} of the expected value: sum "
                                           "the terms over the examples, do not average them")]
        return _values(got, expected, "returned", hints)

    return run_cases("laplace_nll", func, cases, compare,
                     "one number, the negative log-likelihood", names=("y_hat", "y", "scale"))


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
        problem = _form(got, np.array(expected), "returned")
        if problem:
            return problem
        sizes = to_numpy(got)
        if sizes.ndim == 0:
            return (f"returned one number, expected a list of {len(expected)} sizes, one per "
                    "minibatch")
        if sizes.ndim != 1:
            return (f"returned an array of shape {sizes.shape}; expected a list of "
                    f"{len(expected)} whole numbers, the size of each minibatch (len of "
                    "each batch, not the batch itself)")
        got = [int(s) for s in sizes]
        if got == expected:
            return None
        if len(got) != len(expected):
            return f"{len(got)} minibatches, expected {len(expected)}"
        if got == [2 * s for s in expected]:
            return "returned sizes twice the expected ones"
        return f"sizes differ: {got[-3:]} at the end, expected {expected[-3:]}"

    return run_cases("batch sizes", func, cases, compare,
                     "a list of minibatch sizes", names=("batch_size", "num_examples"))


def check_huber_loss(func, *, array=None):
    """Check ``func(y_hat, y, delta=1.0)`` against the elementwise Huber loss.

    The reference is :func:`lnn.huber_loss`: r^2/(2 delta) for |r| <= delta, |r| - delta/2
    beyond, with r = y_hat - y and the result in ``y_hat``'s shape.  ``array`` converts the
    inputs, e.g. ``array=torch.tensor``; the loss must come back in their framework and dtype.
    """
    array = _arrays(array)
    rng = _cases_rng()
    cases = []
    for label, delta, shape_y in [("default delta, small and large residuals", None, (8, 1)),
                                  ("delta=0.5", 0.5, (8, 1)),
                                  ("delta=2.0, y of shape (8,)", 2.0, (8,))]:
        y_hat = rng.normal(0, 2, (8, 1))
        y = rng.normal(0, 2, shape_y)
        args = (array(y_hat), array(y)) + (() if delta is None else (delta,))
        cases.append((label, args, array(huber_loss(y_hat, y, 1.0 if delta is None else delta))))
    return run_cases("huber_loss", func, cases, compare_arrays,
                     "an array with one loss per prediction, the shape of y_hat",
                     names=("y_hat", "y", "delta"))


def check_weight_grad(func, *, array=None):
    """Check ``func(X, y, w, b)``: the gradient of the mean squared loss (3.1.6) w.r.t. ``w``.

    Any shape holding the ``d`` values is accepted ((d, 1), (d,), or (1, d) as in ``nn.Linear``
    and ``nn.Dense``).  The reference is :func:`lnn.squared_loss_grad`.  ``array`` converts the
    inputs, e.g. ``array=torch.tensor``; the gradient must come back in their framework and
    dtype.
    """
    array = _arrays(array)
    rng = _cases_rng()
    cases = []
    for num_examples in (1, 10, 32):
        X = rng.normal(size=(num_examples, 2))
        y = rng.normal(size=(num_examples, 1))
        w = rng.normal(size=(2, 1))
        b = rng.normal(size=(1,))
        cases.append((f"{num_examples} example(s)", (array(X), array(y), array(w), array(b)),
                      (array(squared_loss_grad(X, y, w, b)[0]), num_examples)))

    def compare(got, expected):
        expected, num_examples = expected
        hints = [(2.0, "returned exactly twice the expected gradient: the loss lacks the 1/2, "
                       "as nn.MSELoss does")]
        if num_examples > 1:
            hints.append((num_examples, f"returned the number of examples ({num_examples}) "
                                        "times the expected gradient: the loss was summed, "
                                        "not averaged"))
        return compare_arrays(got, expected, hints=hints, any_shape=True)

    return run_cases("weight gradient", func, cases, compare,
                     "an array with one partial derivative per weight",
                     names=("X", "y", "w", "b"))


def check_sgd_step(func):
    """Check ``func(w, b, X, y, lr) -> (w, b)``: one minibatch update of eq. (3.1.10).

    ``w`` (d,), float ``b``, the minibatch ``X`` (|B|, d) and ``y`` (|B|,) or (|B|, 1) as
    ``synthetic_data`` returns it.  Expected values come from :func:`lnn.sgd_step`; the
    function returns new values and leaves its arguments as they are.
    """
    _validate.function("func", func)
    rng = get_rng(310)

    def case(label, batch_size, num_inputs, lr, column=False):
        X = rng.normal(size=(batch_size, num_inputs))
        y = rng.normal(size=(batch_size, 1) if column else batch_size)
        w, b = rng.normal(size=num_inputs), float(rng.normal())
        expected = sgd_step(w, b, X, y, lr)
        # The start and |B| travel along, so the hints can recognise a step of the wrong size.
        return label, (w, b, X, y, lr), (expected, (w, b), batch_size)

    cases = [
        case("a minibatch of 4 examples with 2 features", 4, 2, 0.1),
        case("a minibatch of one example", 1, 3, 0.03),
        case("a minibatch of 32 examples", 32, 2, 0.5),
        case("labels as a column of shape (|B|, 1), as synthetic_data returns them", 8, 2,
             0.1, column=True),
    ]

    def compare(got, expected):
        (w_expected, b_expected), (w_start, b_start), batch_size = expected
        problem = _pair(got)
        if problem:
            return problem
        w, b = got
        problem = (_form(w, w_expected, "w is") or _form(b, b_expected, "b is")
                   or _shape(w, w_expected, "w is") or _shape(b, b_expected, "b is"))
        if problem:
            return problem
        hints = [(0.0, "w did not change: subtract lr times the averaged gradient"),
                 (-1.0, "w moved uphill, a sign error: subtract the gradient, do not add it"),
                 (2.0, "the step of w is twice the expected one (a gradient of a loss without "
                       "the 1/2 of (3.1.5)?)"),
                 (0.5, "the step of w is half the expected one")]
        if batch_size > 1:  # with one example, a sum and a mean are the same
            hints.append((batch_size, f"the step of w is |B| = {batch_size} times too large: "
                                      "divide the sum over the minibatch by |B|"))
        step = to_numpy(w) - w_start
        hint = _ratio(step, w_expected - w_start, hints, tolerance(_dtype(w_expected)))
        if hint:
            return hint
        return (_values(w, w_expected, "w has")
                or _values(b, b_expected, "b has"))

    return run_cases("check_sgd_step", func, cases, compare,
                     "a pair (w, b): the parameters after one update",
                     names=("w", "b", "X", "y", "lr"))
