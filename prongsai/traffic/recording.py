"""Writing traffic entries: from a request the application served, or from a line of the front
server's access log (importing.py). Both end in the same table and the same retention."""

import logging

from django.utils import timezone

from prongsai.core.clients import client_address
from prongsai.traffic.models import AGENT_LENGTH, PATH_LENGTH, TrafficEntry

logger = logging.getLogger("prongsai.traffic")


def _bytes_of(response):
    if response.streaming:
        length = response.get("Content-Length")
        return int(length) if length and length.isdigit() else 0
    return len(response.content)


def entry_for(request, response, started, finished):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return TrafficEntry(
        time=timezone.now(),
        client_address=client_address(request)[:45],
        method=request.method[:10],
        host=request.META.get("HTTP_HOST", "")[:255],
        path=request.get_full_path()[:PATH_LENGTH],
        status=response.status_code,
        bytes_sent=_bytes_of(response),
        duration_ms=max(0, int((finished - started) * 1000)),
        user=user if signed_in else None,
        username=user.get_username()[:150] if signed_in else "",
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:AGENT_LENGTH],
        source="app",
    )


def record(request, response, started, finished):
    """Store the entry; a failure is logged and never reaches the visitor."""
    try:
        entry_for(request, response, started, finished).save()
    except Exception:
        logger.exception("Could not write the traffic entry for %s", request.path)
