"""Fiscal-year retention campaigns (seed 000: the yearly clean-up, done by LINE today):

1. the webmaster chooses what goes (fiscal years before X, some or all categories) and a
   deadline, and announces it: every department is told in the admin and by e-mail;
2. until the deadline a department marks the items it must keep, with a reason;
3. the day after the deadline the worker takes the rest down and moves them to the trash
   (with the files only they use); an item still linked from a live page is left alone and
   reported; the trash is emptied later (by the agency's trash period or by the webmaster),
   which is when storage comes back;
4. the campaign keeps the report of what was removed and what was kept, and why.
"""

import csv
import io

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from prongsai.agencies.models import AgencySettings, Department, Role
from prongsai.agencies.roles import RUNNING_ROLES, holds_role
from prongsai.agencies.suspension import active_sites
from prongsai.agencies.thaidates import thai_date
from prongsai.channels.notify import notify, users_with_role
from prongsai.core.exports import safe_row
from prongsai.retention.currency import items_of
from prongsai.retention.models import CampaignItem, CampaignState, ItemOutcome, RetentionCampaign
from prongsai.retention.takedown import ITEM_TYPES


def matching_pages(campaign):
    """Items of the chosen fiscal years and categories, live or archived, not in the trash."""
    listings = list(campaign.listings.all())
    found = []
    for model in ITEM_TYPES:
        items = items_of(campaign.site, model).filter(
            fiscal_year__lt=campaign.before_fiscal_year, first_published_at__isnull=False
        )
        if listings:
            items = items.filter(_under_any(listings))
        found.extend(items)
    return found


def _under_any(listings):
    condition = Q(pk__in=[])
    for listing in listings:
        condition |= Q(path__startswith=listing.path, depth__gt=listing.depth)
    return condition


def file_bytes(page):
    return sum(doc.file_size or 0 for doc in page.attached_documents())


def department_members(site):
    departments = Department.objects.filter(site=site).prefetch_related("members__user")
    return [m.user for d in departments for m in d.members.all()]


@transaction.atomic
def announce(campaign, user):
    """Freeze the list of items and tell every department; nothing is removed yet."""
    if campaign.state != CampaignState.DRAFT:
        raise ValueError("ประกาศไปแล้ว")
    for page in matching_pages(campaign):
        CampaignItem.objects.get_or_create(
            campaign=campaign,
            page=page,
            defaults={
                "title": page.title[:255],
                "url": page.url_path[:500],
                "fiscal_year": page.fiscal_year,
                "department": page.department,
                "department_name": page.department.name if page.department else "",
                "file_bytes": file_bytes(page),
            },
        )
    campaign.state = CampaignState.ANNOUNCED
    campaign.announced_at = timezone.now()
    campaign.save(update_fields=["state", "announced_at"])
    agency = AgencySettings.for_site(campaign.site)
    count = campaign.items.count()
    deadline = thai_date(campaign.deadline, "long")
    notify(
        department_members(campaign.site) + list(users_with_role(campaign.site, Role.APPROVER)),
        subject=f"แจ้งลบข้อมูลปีเก่า: {campaign.title} (แจ้งเก็บไว้ได้ถึง {deadline})",
        body=(
            f"{agency.display_name} จะนำข้อมูลปีงบประมาณก่อน พ.ศ. {campaign.before_fiscal_year} "
            f"ออกจากเว็บไซต์ {count} รายการ\n"
            f"{campaign.message}\n"
            f"ถ้าส่วนงานของท่านจำเป็นต้องเก็บรายการใดไว้ โปรดทำเครื่องหมาย “เก็บไว้” พร้อมเหตุผล "
            f"ภายในวันที่ {deadline} หลังจากนั้นรายการที่เหลือจะถูกนำออกและย้ายไปถังขยะ"
        ),
        url=reverse("retention:campaign", args=[campaign.pk]),
        kind="retention.announced",
        agency_name=agency.display_name,
    )
    log(
        campaign.site.root_page,
        "prongsai.campaign.announce",
        user=user,
        data={"campaign": campaign.pk, "title": campaign.title, "items": count},
    )
    return count


def may_decide(user, item):
    """The item's department members, and the agency's webmasters and admins."""
    if holds_role(user, item.campaign.site, RUNNING_ROLES):
        return True
    return bool(item.department_id and item.department.members.filter(user=user).exists())


class DecisionRefused(Exception):
    pass


@transaction.atomic
def decide(item, user, keep, reason=""):
    if not item.campaign.is_open_for_objections:
        raise DecisionRefused("พ้นกำหนดแจ้งเก็บข้อมูลแล้ว")
    if not may_decide(user, item):
        raise DecisionRefused("ท่านไม่ได้อยู่ในส่วนงานเจ้าของรายการนี้")
    reason = (reason or "").strip()
    if keep and not reason:
        raise DecisionRefused(f"โปรดระบุเหตุผลที่ต้องเก็บ “{item.title}” ไว้")
    item.keep = keep
    item.keep_reason = reason if keep else ""
    item.decided_by = user
    item.decided_at = timezone.now()
    item.save(update_fields=["keep", "keep_reason", "decided_by", "decided_at"])


def due_campaigns(today=None):
    today = today or timezone.localdate()
    return RetentionCampaign.objects.filter(
        state=CampaignState.ANNOUNCED, deadline__lt=today, site__in=active_sites()
    )


def carry_out_due(today=None):
    done = 0
    for campaign in due_campaigns(today):
        carry_out(campaign)
        done += 1
    return done


def carry_out(campaign, user=None):
    """Each item in its own transaction, marked in the same one: a worker killed half-way
    picks up the remaining items on its next run and never handles one twice."""
    for item in campaign.items.filter(outcome=ItemOutcome.PENDING).select_related("page"):
        _carry_out_item(item, user)
    with transaction.atomic():
        campaign.state = CampaignState.DONE
        campaign.executed_at = timezone.now()
        campaign.save(update_fields=["state", "executed_at"])
        _report_done(campaign)


@transaction.atomic
def _carry_out_item(item, user):
    from prongsai.trash import services as trash

    item = CampaignItem.objects.select_for_update().get(pk=item.pk)
    if item.outcome != ItemOutcome.PENDING:
        return
    page = Page.objects.filter(pk=item.page_id).first()
    if item.keep:
        item.outcome = ItemOutcome.KEPT
    elif page is None or trash.is_in_trash(page):
        item.outcome = ItemOutcome.GONE
    else:
        page = page.specific
        in_use = trash.usages(page)
        if in_use:
            item.outcome = ItemOutcome.IN_USE
            item.outcome_note = "; ".join(str(u.label) for u in in_use)[:2000]
        else:
            # the trash takes it off the site itself and remembers its live revision, so a
            # restore brings it back live at the same address (not archived)
            entry = trash.move_to_trash(
                page,
                user,
                reason=f"การแจ้งลบข้อมูลปีเก่า: {item.campaign.title}",
                origin=f"campaign:{item.campaign_id}",
            )
            item.trash_entry = entry
            item.outcome = ItemOutcome.TRASHED
    item.save(update_fields=["outcome", "outcome_note", "trash_entry"])


def _report_done(campaign):
    agency = AgencySettings.for_site(campaign.site)
    summary = outcome_counts(campaign)
    notify(
        list(users_with_role(campaign.site, Role.WEBMASTER)) + department_members(campaign.site),
        subject=f"ดำเนินการลบข้อมูลปีเก่าแล้ว: {campaign.title}",
        body=(
            f"ย้ายไปถังขยะ {summary[ItemOutcome.TRASHED]} รายการ, "
            f"เก็บไว้ตามคำขอ {summary[ItemOutcome.KEPT]} รายการ, "
            f"ยังมีหน้าที่ลิงก์ถึง {summary[ItemOutcome.IN_USE]} รายการ"
        ),
        url=reverse("retention:campaign", args=[campaign.pk]),
        kind="retention.done",
        agency_name=agency.display_name,
    )
    log(
        campaign.site.root_page,
        "prongsai.campaign.carry_out",
        data={
            "campaign": campaign.pk,
            "title": campaign.title,
            **{str(k): v for k, v in summary.items()},
        },
    )


def outcome_counts(campaign):
    counts = {choice: 0 for choice in ItemOutcome.values}
    for outcome in campaign.items.values_list("outcome", flat=True):
        counts[outcome] += 1
    return counts


def purgeable_items(campaign):
    """The items this campaign moved to the trash that are still there."""
    from prongsai.trash.models import TrashState

    return campaign.items.filter(
        outcome=ItemOutcome.TRASHED, trash_entry__state=TrashState.IN_TRASH
    ).select_related("trash_entry")


def purge_now(campaign, user):
    """Empty what this campaign put in the trash (storage comes back now). Returns the bytes
    freed (a page's own entry holds none: its files are the entries that went with it) and the
    refusals."""
    from prongsai.trash import services as trash

    freed, refused = 0, []
    for item in purgeable_items(campaign):
        try:
            size = trash.held_bytes(item.trash_entry)
            trash.purge(item.trash_entry, user)
            freed += size
        except trash.TrashError as error:  # refused (linked again): it stays in the trash
            refused.append(f"{item.title}: {error.message}")
    return freed, refused


def report_rows(campaign):
    from prongsai.trash.models import TrashState

    for item in campaign.items.select_related("trash_entry", "decided_by"):
        state = item.get_outcome_display()
        if item.trash_entry and item.trash_entry.state == TrashState.PURGED:
            state = "ลบถาวรแล้ว"
        elif item.trash_entry and item.trash_entry.state == TrashState.RESTORED:
            state = "กู้คืนแล้ว"
        yield {
            "title": item.title,
            "department": item.department_name or "ไม่ระบุส่วนงาน",
            "fiscal_year": item.fiscal_year or "",
            "keep": "เก็บไว้" if item.keep else "",
            "reason": item.keep_reason,
            "decided_by": (item.decided_by.get_full_name() if item.decided_by else ""),
            "state": str(state),
            "note": item.outcome_note,
            "size": item.file_bytes,
        }


REPORT_HEADERS = [
    ("title", "รายการ"),
    ("department", "ส่วนงาน"),
    ("fiscal_year", "ปีงบประมาณ"),
    ("keep", "คำขอเก็บ"),
    ("reason", "เหตุผล"),
    ("decided_by", "ผู้แจ้ง"),
    ("state", "ผล"),
    ("note", "หมายเหตุ"),
    ("size", "ขนาดไฟล์ (ไบต์)"),
]


def report_csv(campaign):
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens Thai CSV correctly only with a BOM
    writer = csv.writer(out)
    writer.writerow([label for _, label in REPORT_HEADERS])
    for row in report_rows(campaign):
        writer.writerow(safe_row([row[key] for key, _ in REPORT_HEADERS]))
    return out.getvalue()
