"""One mechanism for timed work: apps register jobs here and the worker runs them when due.

Jobs must be idempotent (they look at the data to decide what is due), so running one twice,
or after a worker was killed, does no harm.
"""

import logging
import threading
import time
from dataclasses import dataclass, field

from django.db import close_old_connections, connection

logger = logging.getLogger("prongsai.scheduler")


@dataclass
class Job:
    name: str
    every_seconds: int
    func: callable
    # None: never run in this process, so due at once (the monotonic clock starts near the
    # machine's boot, so "0" would hold hourly jobs back for the first hour after a boot)
    last_run: float | None = field(default=None)

    def is_due(self, now):
        return self.last_run is None or now - self.last_run >= self.every_seconds


_jobs: dict[str, Job] = {}


def every(seconds, name=None):
    """Register a function to run every `seconds` in the worker."""

    def register(func):
        job_name = name or f"{func.__module__}.{func.__name__}"
        _jobs[job_name] = Job(job_name, seconds, func)
        return func

    return register


def registered_jobs():
    return list(_jobs.values())


def _refresh_connections():
    """Drop stale database connections between jobs, as Django does between requests; never
    inside a transaction (a job run from a test or a management command)."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_due_jobs(now=None):
    """Run every job that is due; one failing job does not stop the others."""
    now = time.monotonic() if now is None else now
    ran = []
    for job in registered_jobs():
        if not job.is_due(now):
            continue
        job.last_run = now
        _refresh_connections()
        try:
            job.func()
            ran.append(job.name)
        except Exception:
            logger.exception("Scheduled job %s failed", job.name)
        finally:
            _refresh_connections()
    return ran


def run_forever(stop: threading.Event, tick_seconds=5):
    while not stop.is_set():
        run_due_jobs()
        stop.wait(tick_seconds)
