"""Checkers for the exercises: run a student's function on test cases, say what is wrong.

Each ``check_*`` function takes the student's function, runs it on a few cases with known
answers (computed by the reference implementation in ``lnn``, never typed in), and returns
a :class:`Feedback` that prints as a short report in the notebook.
"""

import numpy as np


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


def compare_arrays(got, expected, *, atol=1e-6):
    """``None`` if ``got`` has ``expected``'s shape and values, else what differs."""
    got = np.asarray(got, dtype=float) if not hasattr(got, "detach") else got.detach().numpy()
    if got.shape != np.shape(expected):
        return f"shape {got.shape}, expected {np.shape(expected)}"
    if not np.allclose(got, expected, atol=atol):
        worst = np.max(np.abs(got - expected))
        return f"values differ from the expected ones by up to {worst:.3g}"
    return None


def check_laplace_nll(func):
    """Check ``func(y_hat, y, scale)``: the negative log-likelihood under Laplace noise.

    Expected: sum_i [ log(2 scale) + |y_i - y_hat_i| / scale ] (the normal_mle exercise),
    computed by :func:`lnn.stats.laplace_nll` on a few random cases.
    """
    from .stats import laplace_nll

    rng = np.random.default_rng(0)
    cases = []
    for n, scale in [(1, 1.0), (5, 0.5), (20, 2.0), (100, 0.1)]:
        y_hat, y = rng.normal(size=n), rng.normal(size=n)
        cases.append((f"n={n}, scale={scale}", (y_hat, y, scale), laplace_nll(y_hat, y, scale)))
    y_hat, y = rng.normal(size=8), rng.normal(size=8)
    cases.append(("y_hat equal to y (only the normalisation remains)",
                  (y, y.copy(), 3.0), laplace_nll(y, y, 3.0)))
    return run_cases("laplace_nll", func, cases, _compare_scalar)


def _compare_scalar(got, expected):
    """``None`` if ``got`` is one number close to ``expected``, else what is wrong."""
    if np.size(got) != 1:
        return f"returned {np.size(got)} values; sum over the examples to get one number"
    return compare_arrays(np.reshape(got, ()), expected, atol=1e-6 * max(1.0, abs(expected)))
