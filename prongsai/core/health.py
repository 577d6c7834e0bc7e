"""/healthz for the local monitor: can the site reach its database, write its files, and is the
worker alive? The answer carries no details (no paths, versions or error text): those go to the
log, for the operator."""

import logging
import tempfile
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("prongsai.health")

HEARTBEAT_STALE_SECONDS = 5 * 60


def write_worker_heartbeat(now=None):
    path = settings.PRONGSAI_WORKER_HEARTBEAT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(time.time() if now is None else now))


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def storage_is_writable():
    media_root = settings.MEDIA_ROOT
    media_root.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=media_root, prefix=".healthz-"):
        return True


def worker_is_alive():
    path = settings.PRONGSAI_WORKER_HEARTBEAT_FILE
    if not path.exists():
        logger.warning("No worker heartbeat yet: is `prongsai worker` running?")
        return False
    last_beat = float(path.read_text())
    return time.time() - last_beat < HEARTBEAT_STALE_SECONDS


CHECKS = {
    "database": database_answers,
    "storage": storage_is_writable,
    "worker": worker_is_alive,
}


def run_check(name, check):
    try:
        return "ok" if check() else "fail"
    except Exception:
        logger.exception("Health check %s failed", name)
        return "fail"


@never_cache
@require_safe
def healthz(request):
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks},
        status=200 if healthy else 503,
    )
