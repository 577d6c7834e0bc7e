"""What the currency dashboard shows: live items coming down soon, items past their date, live
items with no date whose data period (or closing date) is over, and the archive."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from prongsai.core.params import parse_ids
from prongsai.retention.takedown import ITEM_TYPES

SOON_DAYS = 30

SECTIONS = {
    "soon": "จะถูกนำออกภายใน 30 วัน",
    "past": "เลยวันนำออกแล้ว (รอระบบนำออก)",
    "stale": "ไม่มีวันนำออก แต่ข้อมูลหมดช่วงเวลาแล้ว",
    "archived": "นำออกจากเว็บไซต์แล้ว (เก็บถาวร)",
}


def items_of(site, model):
    from prongsai.trash.services import exclude_trashed_pages

    return exclude_trashed_pages(model.objects.descendant_of(site.root_page)).select_related(
        "department"
    )


def stale_filter(model, today):
    if hasattr(model, "data_period_end"):
        return Q(data_period_end__lt=today)
    return Q(deadline__lt=today)


def section_querysets(site, section, query=""):
    """One queryset per item type (Disclosures, news) for a tab of the dashboard."""
    now = timezone.now()
    today = timezone.localdate()
    for model in ITEM_TYPES:
        items = items_of(site, model)
        if section == "soon":
            items = items.filter(
                live=True, expire_at__gt=now, expire_at__lte=now + datetime.timedelta(SOON_DAYS)
            )
        elif section == "past":
            items = items.filter(live=True, expire_at__lte=now)
        elif section == "stale":
            items = items.filter(live=True, expire_at__isnull=True).filter(
                stale_filter(model, today)
            )
        elif section == "archived":
            items = items.filter(live=False, first_published_at__isnull=False)
        else:
            raise ValueError(section)
        if query:
            items = items.filter(title__icontains=query)
        yield items


def section_items(site, section, query=""):
    now = timezone.now()
    found = [item for items in section_querysets(site, section, query) for item in items]
    return sorted(found, key=lambda p: (p.expire_at or p.last_published_at or now, p.pk))


def mark_editable(items, user):
    """Each item learns whether this person may open it in the editor (executives and others
    who only watch get its title, not a link that ends on "no permission")."""
    for item in items:
        item.editable_by_viewer = item.permissions_for_user(user).can_edit()
    return items


@dataclass
class DepartmentGroup:
    name: str
    department_id: int | None
    items: list = field(default_factory=list)


def grouped_by_department(items):
    groups = {}
    for item in items:
        key = item.department_id
        if key not in groups:
            name = item.department.name if item.department else "ไม่ระบุส่วนงาน"
            groups[key] = DepartmentGroup(name, key)
        groups[key].items.append(item)
    return sorted(groups.values(), key=lambda g: (g.department_id is None, g.name))


def counts(site):
    return {key: sum(items.count() for items in section_querysets(site, key)) for key in SECTIONS}


def editable_items(site, page_ids):
    """The agency's items among the ids a form sent (anything else is ignored)."""
    ids = parse_ids(page_ids)
    found = []
    for model in ITEM_TYPES:
        found.extend(items_of(site, model).filter(pk__in=ids))
    return found
