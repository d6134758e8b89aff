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


def check_sgd_step(func):
    """Check ``func(w, b, X, y, lr) -> (w, b)``: one minibatch update of eq. (3.1.10).

    ``w`` (d,), float ``b``, the minibatch ``X`` (|B|, d) and ``y`` (|B|,) or (|B|, 1) as
    ``synthetic_data`` returns it.  Expected values come from :func:`lnn.sgd_step`.
    """
    from .optim import sgd_step

    rng = np.random.default_rng(310)

    def case(label, batch_size, num_inputs, lr, column=False):
        X = rng.normal(size=(batch_size, num_inputs))
        y = rng.normal(size=(batch_size, 1) if column else batch_size)
        w, b = rng.normal(size=num_inputs), float(rng.normal())
        expected = sgd_step(w.copy(), b, X.copy(), y.copy(), lr)
        return label, (w, b, X, y, lr), expected

    cases = [
        case("a minibatch of 4 examples with 2 features", 4, 2, 0.1),
        case("a minibatch of one example", 1, 3, 0.03),
        case("a minibatch of 32 examples (is the sum divided by |B|?)", 32, 2, 0.5),
        case("labels as a column of shape (|B|, 1), as synthetic_data returns them", 8, 2,
             0.1, column=True),
    ]

    def compare(got, expected):
        if not isinstance(got, tuple | list) or len(got) != 2:
            return f"return the pair (w, b), got {type(got).__name__}"
        problem = compare_arrays(got[0], expected[0])
        if problem:
            return f"w: {problem}"
        if np.size(got[1]) != 1:
            return f"b must be one number, got shape {np.shape(got[1])}"
        problem = compare_arrays(np.ravel(got[1])[0], float(expected[1]))
        return f"b: {problem}" if problem else None

    # Copies: a function that updates w in place must not change the next case's inputs.
    def call(w, b, X, y, lr):
        return func(w.copy(), b, X.copy(), y.copy(), lr)

    return run_cases("check_sgd_step", call, cases, compare)
