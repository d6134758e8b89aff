"""The lecture slides' own settings (D2L 3.2-3.3): written here once, read by every page.

The slides train their example with these numbers.  The scratch and concise pages train
with them (``lr = lnn.lecture.lr``), minibatch_sgd and vectorization compare against them,
the quizzes ask about them and ``book/slide_map.yml`` names them (``{lr}``); the prose glues
them.  Change one here and every page, deck, quiz and reader notebook follows when the book
is built again (tests/unit/test_course.py changes them all in a copy and finds
no old value in the build).

    lr            the learning rate
    num_epochs    the number of epochs (passes over the data)
    batch_size    the minibatch size
    num_examples  the size of the synthetic dataset (two features)
"""

lr = 0.03
num_epochs = 3
batch_size = 10
num_examples = 1000


def settings():
    """``{name: value}`` of the slides' settings (``book/slide_map.yml`` writes ``{lr}``), each
    checked: a ``ValueError`` names the one that is not what it must be."""
    values = {"lr": lr, "num_epochs": num_epochs, "batch_size": batch_size,
              "num_examples": num_examples}
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not 0 < lr < 10:
        raise ValueError(f"lnn.lecture.lr must be a number between 0 and 10, got {lr!r}")
    for name in ("num_epochs", "batch_size", "num_examples"):
        if isinstance(values[name], bool) or not isinstance(values[name], int) or \
                values[name] < 2:
            raise ValueError(f"lnn.lecture.{name} must be a whole number >= 2, got "
                             f"{values[name]!r}")
    if batch_size > num_examples:
        raise ValueError(f"lnn.lecture.batch_size must be at most num_examples "
                         f"({num_examples}), got {batch_size!r}")
    return values


settings()  # a slip stops the first page that imports lnn, naming the setting
