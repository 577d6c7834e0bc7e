"""Timed work happens without anyone running a command: the scheduler runs what is due
(the pages it publishes on time: prongsai/site/tests/test_scheduled_pages.py)."""

import pytest

from prongsai.core import scheduler

# run_due_jobs closes stale database connections between jobs, so it needs the database
pytestmark = pytest.mark.django_db


def test_a_failing_job_does_not_stop_the_others(monkeypatch):
    calls = []

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(
        scheduler,
        "_jobs",
        {
            "broken": scheduler.Job("broken", 60, broken),
            "fine": scheduler.Job("fine", 60, lambda: calls.append(1)),
        },
    )
    assert scheduler.run_due_jobs(now=10**9) == ["fine"]
    assert calls == [1]
    assert scheduler.run_due_jobs(now=10**9 + 1) == []  # not due again yet


def test_every_job_is_due_when_the_worker_starts_even_soon_after_a_boot():
    from prongsai.core.scheduler import Job

    hourly = Job("hourly", 3600, lambda: None)
    assert hourly.is_due(now=5.0)  # 5 s after boot: the monotonic clock is still small
    hourly.last_run = 5.0
    assert not hourly.is_due(now=60.0)
    assert hourly.is_due(now=3605.0)
