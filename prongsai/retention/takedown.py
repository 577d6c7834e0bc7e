"""Take-down dates: the default per category, setting and changing them, taking an item down
at once (it is archived: off the public site, kept in the admin) and putting it back.

Wagtail already unpublishes a live page when its ``expire_at`` passes (the worker runs
``publish_scheduled`` every 30 seconds, prongsai/core/jobs.py); this module decides the date.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from prongsai.disclosures.pages import DisclosureIndexPage, DisclosurePage
from prongsai.site.models import NewsCategory, NewsIndexPage, NewsPage

ITEM_TYPES = (DisclosurePage, NewsPage)
LISTING_TYPES = (DisclosureIndexPage, NewsIndexPage)

# Used when the agency has not set a rule for the category (issue 5: jobs 30 days).
BUILT_IN_DAYS = {NewsCategory.JOB: 30}

TAKEDOWN_TIME = datetime.time(8, 30)


def takedown_moment(day):
    """A take-down date means the item is gone when the office opens that morning."""
    return timezone.make_aware(datetime.datetime.combine(day, TAKEDOWN_TIME))


def listings_of(site):
    return (
        Page.objects.descendant_of(site.root_page).type(*LISTING_TYPES).specific().order_by("path")
    )


def built_in_days(listing):
    return BUILT_IN_DAYS.get(getattr(listing, "category", None))


def days_for_listing(listing):
    """The days an item of this listing stays up (None: no limit)."""
    from prongsai.retention.models import TakedownRule

    rule = TakedownRule.objects.filter(listing=listing).first()
    if rule is not None:
        return rule.days
    return built_in_days(listing.specific)


def default_days(page):
    """The rule of the nearest listing above the item that has one."""
    from prongsai.retention.models import TakedownRule

    ancestors = page.get_ancestors().type(*LISTING_TYPES).order_by("-depth")
    rules = {r.listing_id: r.days for r in TakedownRule.objects.filter(listing__in=ancestors)}
    for listing in ancestors.specific():
        if listing.pk in rules:
            return rules[listing.pk]
        days = built_in_days(listing)
        if days:
            return days
    return None


def default_takedown(page):
    days = default_days(page)
    if not days:
        return None
    start = page.first_published_at or timezone.now()
    return takedown_moment(timezone.localtime(start).date() + datetime.timedelta(days=days))


def write_expiry(page, when):
    """Set the take-down moment on the page and on its latest and live revisions, so the
    editor shows it and the next publish keeps it."""
    iso = when.isoformat() if when else None
    Page.objects.filter(pk=page.pk).update(expire_at=when)
    page.expire_at = when
    revisions = {r.pk: r for r in (page.latest_revision, page.live_revision) if r is not None}
    for revision in revisions.values():
        revision.content["expire_at"] = iso
        revision.save(update_fields=["content"])


def apply_default_takedown(page):
    """On publish: an item without a take-down date gets its category's default."""
    page = page.specific
    if not isinstance(page, ITEM_TYPES) or page.expire_at is not None:
        return None
    when = default_takedown(page)
    if when is not None:
        write_expiry(page, when)
        log(page, "prongsai.takedown.default", data={"expire_at": when.isoformat()})
    return when


@transaction.atomic
def set_takedown(page, when, user):
    write_expiry(page, when)
    log(
        page,
        "prongsai.takedown.set",
        user=user,
        data={"expire_at": when.isoformat() if when else None},
    )


def extend_takedown(page, days, user):
    today = timezone.localdate()
    current = timezone.localtime(page.expire_at).date() if page.expire_at else today
    try:
        later = max(current, today) + datetime.timedelta(days=days)
    except OverflowError:  # a take-down date already near 9999-12-31
        raise ValueError("ขยายวันนำออกไม่ได้ เพราะวันนำออกเดิมอยู่ไกลเกินปฏิทิน") from None
    set_takedown(page, takedown_moment(later), user)


@transaction.atomic
def take_down_now(page, user):
    """Archive: off the public site at once, kept in the admin, restorable."""
    if page.live:
        page.specific.unpublish(user=user, log_action="prongsai.takedown.archive")


class RestoreRefused(Exception):
    pass


@transaction.atomic
def restore_to_site(page, user, until=None):
    """Publish an archived item again (its latest content) with a new take-down date, or none.
    A date already past would take it down again at once, so it is refused."""
    if until is not None and until <= timezone.now():
        raise RestoreRefused("วันนำออกใหม่ต้องเป็นวันในอนาคต")
    revision = page.latest_revision
    if revision is None:
        raise RestoreRefused("รายการนี้ไม่มีฉบับที่บันทึกไว้ให้เผยแพร่")
    revision.content["expire_at"] = until.isoformat() if until else None
    revision.content["go_live_at"] = None
    revision.save(update_fields=["content"])
    Page.objects.filter(pk=page.pk).update(expire_at=until, expired=False, go_live_at=None)
    revision.publish(user=user, log_action="prongsai.takedown.restore")
