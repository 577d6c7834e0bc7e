"""The background worker: the django-tasks queue plus the scheduler of timed jobs.

`prongsai worker` runs it as its own process (production); `prongsai demo` runs it in threads
inside the web server process so the demo needs no second command.
"""

import logging
import threading

from django.conf import settings
from django.utils.crypto import get_random_string

from prongsai.core import scheduler

logger = logging.getLogger("prongsai.worker")


def _task_queue_worker(interval):
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"prongsai-{get_random_string(8)}",
        excluded_queue_names=[],
    )


def uses_database_queue():
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")


def start_in_background(interval=1.0, tick_seconds=5):
    """Start the queue worker and the scheduler as daemon threads; returns a stop function."""
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=scheduler.run_forever,
            args=(stop, tick_seconds),
            name="prongsai-scheduler",
            daemon=True,
        )
    ]
    queue_worker = _task_queue_worker(interval) if uses_database_queue() else None
    if queue_worker is not None:
        threads.append(
            threading.Thread(target=queue_worker.run, name="prongsai-tasks", daemon=True)
        )
    for thread in threads:
        thread.start()
    logger.info("Background worker started: %s", ", ".join(t.name for t in threads))

    def stop_all():
        stop.set()
        if queue_worker is not None:
            queue_worker.running = False

    return stop_all
