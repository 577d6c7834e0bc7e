"""Timed work: every checklist still being prepared is checked once a day."""

import datetime

from django.utils import timezone

from prongsai.core.scheduler import every


@every(24 * 3600)
def check_open_checklists():
    """Idempotent: skips a checklist already checked in the last 20 hours."""
    from prongsai.agencies.suspension import active_sites
    from prongsai.compliance.checks import run_checks
    from prongsai.compliance.models import Checklist, ChecklistStatus

    recent = timezone.now() - datetime.timedelta(hours=20)
    for checklist in Checklist.objects.filter(
        status=ChecklistStatus.DRAFT, site__in=active_sites()
    ):
        if not checklist.runs.filter(started_at__gte=recent).exists():
            run_checks(checklist)
