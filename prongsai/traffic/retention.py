"""How long traffic entries are kept: PRONGSAI_TRAFFIC_DAYS (default 90, the least the Computer
Crime Act allows), then purged by the worker every hour."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from prongsai.traffic.models import TrafficEntry

logger = logging.getLogger("prongsai.traffic")

LEAST_DAYS_BY_LAW = 90
BATCH = 5000


def cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.PRONGSAI_TRAFFIC_DAYS)


def purge_old_entries(now=None):
    """Delete entries older than the retention period, in batches so a big backlog never holds
    one long transaction; returns how many went."""
    older_than = cutoff(now)
    removed = 0
    while True:
        ids = list(
            TrafficEntry.objects.filter(time__lt=older_than)
            .order_by("time")
            .values_list("id", flat=True)[:BATCH]
        )
        if not ids:
            break
        removed += TrafficEntry.objects.filter(id__in=ids).delete()[0]
    if removed:
        logger.info("Purged %s traffic entries older than %s", removed, older_than)
    return removed
