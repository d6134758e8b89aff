"""One timing helper for the course (D2L 3.1.2's ``Timer``)."""

import time

import numpy as np


class Timer:
    """Record several running times, as in the slides' vectorization benchmark."""

    def __init__(self):
        self.times = []
        self.start()

    def start(self):
        """Start the timer."""
        self.tik = time.perf_counter()

    def stop(self):
        """Stop the timer, record the time in seconds and return it."""
        self.times.append(time.perf_counter() - self.tik)
        return self.times[-1]

    def avg(self):
        """Average of the recorded times."""
        return sum(self.times) / len(self.times)

    def sum(self):
        """Sum of the recorded times."""
        return sum(self.times)

    def cumsum(self):
        """Accumulated times."""
        return np.array(self.times).cumsum().tolist()
