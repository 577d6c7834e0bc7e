"""Review reminders: before an item comes down, its owner department is asked whether it
should stay (the agency setting says how many days before; 0 turns them off)."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import AgencySettings, Role
from prongsai.agencies.suspension import active_sites
from prongsai.agencies.thaidates import thai_date
from prongsai.channels.notify import notify, users_with_role
from prongsai.retention.currency import items_of
from prongsai.retention.models import ReviewReminder
from prongsai.retention.takedown import ITEM_TYPES


def owners_of(page, site):
    """The members of the owner department; the webmasters when it has none."""
    department = getattr(page, "department", None)
    if department is not None:
        members = [m.user for m in department.members.select_related("user")]
        if members:
            return members
    return users_with_role(site, Role.WEBMASTER)


def remind(page, site, agency):
    day = thai_date(timezone.localtime(page.expire_at).date())
    return notify(
        owners_of(page, site),
        subject=f"“{page.title}” จะถูกนำออกจากเว็บไซต์วันที่ {day}",
        body=(
            f"รายการ “{page.title}” จะถูกนำออกจากเว็บไซต์โดยอัตโนมัติวันที่ {day}\n"
            "หากยังต้องเผยแพร่ต่อ โปรดแจ้งผู้ดูแลเว็บไซต์เพื่อขยายวันนำออก "
            "หากไม่ต้องทำอะไร รายการจะถูกเก็บถาวรในระบบหลังบ้านและกู้คืนได้"
        ),
        url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        kind="takedown.reminder",
        agency_name=agency.display_name,
    )


def send_due_reminders(now=None):
    """Once per item and take-down date (the unique row makes a second run a no-op)."""
    now = now or timezone.now()
    sent = 0
    for site in active_sites():
        agency = AgencySettings.for_site(site)
        if not agency.review_reminder_days:
            continue
        horizon = now + datetime.timedelta(days=agency.review_reminder_days)
        for model in ITEM_TYPES:
            due = items_of(site, model).filter(live=True, expire_at__gt=now, expire_at__lte=horizon)
            done = set(
                ReviewReminder.objects.filter(page__in=due).values_list("page_id", "expire_at")
            )
            for page in due:
                if (page.pk, page.expire_at) not in done:
                    sent += _remind_once(page, site, agency, now)
    return sent


def _remind_once(page, site, agency, now):
    try:
        with transaction.atomic():
            reminder = ReviewReminder.objects.create(
                page=page, expire_at=page.expire_at, sent_at=now
            )
            reminder.recipients = len(remind(page, site, agency))
            reminder.save(update_fields=["recipients"])
    except IntegrityError:
        return 0
    return 1
