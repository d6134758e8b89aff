"""lnn/timing.py: the course's Timer."""

import pytest

import lnn


def test_timer_records_times():
    timer = lnn.Timer()
    timer.stop()
    timer.start()
    timer.stop()
    assert len(timer.times) == 2 and all(t >= 0 for t in timer.times)
    assert timer.sum() == pytest.approx(sum(timer.times))
    assert timer.cumsum()[-1] == pytest.approx(timer.sum())
