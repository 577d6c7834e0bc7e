"""Checklists: start one for a fiscal year, copy last year's (re-mapping items by title where
codes moved), export for the assessment system, submit (freeze a snapshot), reopen."""

import csv
import datetime
import difflib
import io
import re

from django.db import transaction
from django.utils import timezone

from prongsai.agencies.thaidates import thai_date
from prongsai.compliance.models import (
    Checklist,
    ChecklistEntry,
    ChecklistStatus,
    EntryStatus,
    Evidence,
    as_corrected_by,
)
from prongsai.core.exports import safe_row

SIMILAR = 0.82


def normalise_title(title):
    title = (title or "").lower()
    return re.sub(r"[\s\-–—_.,:;()/\"'“”]+", "", title)


def create_checklist(site, catalog, fiscal_year=None):
    fiscal_year = fiscal_year or catalog.fiscal_year
    checklist = Checklist.objects.create(site=site, catalog=catalog, fiscal_year=fiscal_year)
    ChecklistEntry.objects.bulk_create(
        [ChecklistEntry(checklist=checklist, item=item) for item in catalog.items.all()]
    )
    return checklist


def match_items(new_items, old_entries):
    """Pairs (new item, old entry or None, how) — how: same / remapped / similar / new."""
    by_title = {}
    for entry in old_entries:
        key = normalise_title(entry.item.title_th or entry.item.title_en)
        if key:
            by_title.setdefault(key, entry)
    used = set()
    pairs = []
    for item in new_items:
        key = normalise_title(item.title_th or item.title_en)
        found, how = None, "new"
        if key and key in by_title and by_title[key].pk not in used:
            found = by_title[key]
            how = "same" if found.item.code == item.code else "remapped"
        elif key and item.title_th:
            best, best_ratio = None, 0.0
            for old_key, entry in by_title.items():
                if entry.pk in used:
                    continue
                ratio = difflib.SequenceMatcher(None, key, old_key).ratio()
                if ratio > best_ratio:
                    best, best_ratio = entry, ratio
            if best is not None and best_ratio >= SIMILAR:
                found, how = best, "similar"
        if found is not None:
            used.add(found.pk)
        pairs.append((item, found, how))
    unmatched = [e for e in old_entries if e.pk not in used]
    return pairs, unmatched


def _shift_year(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + datetime.timedelta(days=365)


@transaction.atomic
def copy_checklist(previous, catalog, fiscal_year=None, site=None):
    """A new checklist for ``catalog`` with owners, explanations and evidence carried over
    from ``previous`` where the item is the same (by title; codes move every year)."""
    site = site or previous.site
    fiscal_year = fiscal_year or catalog.fiscal_year
    checklist = Checklist.objects.create(site=site, catalog=catalog, fiscal_year=fiscal_year)
    old_entries = list(
        previous.entries.select_related("item")
        .prefetch_related("evidence")
        .order_by("item__sort_order")
    )
    pairs, unmatched = match_items(list(catalog.items.all()), old_entries)
    report = {"from": previous.pk, "from_year": previous.fiscal_year, "rows": [], "unmatched": []}
    for item, old, how in pairs:
        entry = ChecklistEntry.objects.create(checklist=checklist, item=item)
        row = {"code": item.code, "title": item.title, "how": how}
        if old is not None:
            entry.department = old.department
            entry.responsible = old.responsible
            entry.explanation = old.explanation
            entry.due_date = _shift_year(old.due_date)
            evidence = list(old.evidence.all())
            entry.status = EntryStatus.IN_PROGRESS if evidence else EntryStatus.NOT_STARTED
            entry.save()
            Evidence.objects.bulk_create(
                [
                    Evidence(
                        entry=entry,
                        page=ev.page,
                        document=ev.document,
                        url=ev.url,
                        label=ev.label,
                        sort_order=ev.sort_order,
                    )
                    for ev in evidence
                ]
            )
            row.update(old_code=old.item.code, old_title=old.item.title, evidence=len(evidence))
        report["rows"].append(row)
    report["unmatched"] = [{"code": e.item.code, "title": e.item.title} for e in unmatched]
    checklist.copy_report = report
    checklist.save(update_fields=["copy_report"])
    return checklist


# ---------- export and submission ----------

HEADER = ["รหัสข้อ", "ชื่อข้อ", "สถานะ", "URL", "คำอธิบาย"]


def export_rows(checklist):
    rows = []
    site = checklist.site
    entries = checklist.entries.select_related("item").prefetch_related(
        "evidence__page", "evidence__document"
    )
    for entry in as_corrected_by(site, entries.order_by("item__sort_order")):
        urls = [ev.public_url(site) for ev in entry.evidence.all()]
        rows.append(
            {
                "code": entry.item.code,
                "title": entry.item.title,
                "status": entry.get_status_display(),
                "done": entry.is_done,
                "urls": [u for u in urls if u],
                "explanation": entry.explanation,
            }
        )
    return rows


def export_cells(checklist):
    """Each item as the cells of one export line, text that would start a formula quoted."""
    for row in export_rows(checklist):
        yield safe_row(
            [row["code"], row["title"], row["status"], "\n".join(row["urls"]), row["explanation"]]
        )


def export_csv(checklist):
    """UTF-8 with a BOM so Excel opens the Thai correctly; URLs one per line in the cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(export_cells(checklist))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(checklist):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"OIT {checklist.fiscal_year}"
    sheet.append([f"{checklist.catalog.title} — {checklist.site.site_name}"])
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for cells in export_cells(checklist):
        sheet.append(cells)
    for column, width in zip("ABCDE", (8, 60, 16, 70, 60), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def submit_checklist(checklist, user):
    now = timezone.now()
    rows = export_rows(checklist)
    checklist.snapshot = {
        "submitted_at": now.isoformat(),
        "submitted_at_th": thai_date(now, "long"),
        "submitted_by": user.get_full_name() or user.get_username(),
        "catalog": checklist.catalog.title,
        "fiscal_year": checklist.fiscal_year,
        "entries": [{k: v for k, v in row.items() if k != "done"} for row in rows],
    }
    checklist.status = ChecklistStatus.SUBMITTED
    checklist.submitted_at = now
    checklist.submitted_by = user
    checklist.save()
    checklist.entries.filter(status=EntryStatus.READY).update(status=EntryStatus.SUBMITTED)
    return checklist


def reopen_checklist(checklist):
    checklist.status = ChecklistStatus.DRAFT
    checklist.save(update_fields=["status"])
    return checklist
