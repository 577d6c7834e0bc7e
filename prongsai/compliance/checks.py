"""Automatic evidence checks for a checklist.

For every entry and each piece of its evidence:
1. it answers 200 on the agency's public site (fetched in-process with Django's test client
   against the agency's hostname: no outside network) and an internal page is live, public and
   not expired;
2. its date falls in the period the item asks for (current FY, previous FY, first half of the
   current FY, a plan spanning the FY; standing information has no date check);
3. it is reachable from the home page by links (menu on every page, footer, then each page's
   listing of its children) within ``MAX_CLICKS`` clicks;
4. the minimum number of items, when the catalog knows it.
External links are not fetched: they are recorded as "ไม่ได้ตรวจ (ลิงก์ภายนอก)".
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from prongsai.agencies.models import AgencySettings
from prongsai.agencies.thaidates import FiscalYear, as_date
from prongsai.compliance.models import (
    CheckResult,
    CheckRun,
    EntryStatus,
    Period,
    RunStatus,
    as_corrected_by,
)

logger = logging.getLogger("prongsai.compliance")
MAX_CLICKS = 4

NO_EVIDENCE = "ไม่พบหลักฐาน (ยังไม่ได้เชื่อมโยงหน้า เอกสาร หรือลิงก์)"
NOT_LIVE = "หน้าไม่ได้เผยแพร่"
EXPIRED = "หน้าหมดอายุแล้ว (ถูกนำออกจากเว็บไซต์)"
RESTRICTED = "หน้านี้จำกัดสิทธิ์การเข้าถึง ผู้ประเมินเปิดไม่ได้"
OTHER_SITE = "หน้านี้ไม่ได้อยู่ในเว็บไซต์ของหน่วยงาน"
NOT_LINKED = "ไม่มีลิงก์จากหน้าแรก (เข้าถึงจากเมนูหรือหน้าแรกไม่ได้ภายใน {n} คลิก)"
EXTERNAL = "ไม่ได้ตรวจ (ลิงก์ภายนอก)"
DELETED = "หลักฐานถูกลบไปแล้ว"
UNDATED = "หน้านี้ไม่มีวันที่ของข้อมูล จึงตรวจช่วงเวลาไม่ได้ (ควรใช้รายการเผยแพร่ที่ระบุช่วงเวลาของข้อมูล)"
DOC_NOT_LINKED = "เอกสารนี้ไม่ได้แนบอยู่ในหน้าใดที่เข้าถึงได้จากหน้าแรก"


def period_message(period, fy):
    if period == Period.PREVIOUS:
        return f"ข้อมูลไม่อยู่ในปีงบประมาณ {fy - 1} (ข้อนี้ต้องใช้ข้อมูลของปีงบประมาณก่อนหน้า)"
    if period == Period.H1_CURRENT:
        return f"ข้อมูลไม่ครอบคลุมรอบ 6 เดือนแรกของปีงบประมาณ {fy} (1 ต.ค. {fy - 1} – 31 มี.ค. {fy})"
    if period == Period.MULTI_YEAR:
        return f"แผนไม่ครอบคลุมปีงบประมาณ {fy}"
    return f"ข้อมูลไม่อยู่ในปีงบประมาณ {fy}"


def period_window(period, fy_be):
    fy = FiscalYear(fy_be)
    if period == Period.CURRENT or period == Period.MULTI_YEAR:
        return fy.start, fy.end
    if period == Period.PREVIOUS:
        prev = fy.previous()
        return prev.start, prev.end
    if period == Period.H1_CURRENT:
        return fy.first_half
    return None


def page_dates(page):
    """(start, end) of the information a page carries, or None when it has no date."""
    start = getattr(page, "data_period_start", None)
    end = getattr(page, "data_period_end", None)
    if start or end:
        return start or end, end or start
    fiscal_year = getattr(page, "fiscal_year", None)
    if fiscal_year and page.__class__.__name__ == "DisclosurePage":
        fy = FiscalYear(fiscal_year)
        return fy.start, fy.end
    for name in ("date", "reference_date", "publish_date"):
        value = getattr(page, name, None)
        if value:
            return value, value
    return None


def in_period(dates, window):
    if window is None:
        return True
    if dates is None:
        return False
    start, end = dates
    return start <= window[1] and end >= window[0]


class SiteContext:
    """What a run needs once: reachable pages, the HTTP client, the agency's hosts."""

    def __init__(self, site):
        self.site = site
        self.root = site.root_page
        self.agency = AgencySettings.for_site(site)
        self.hosts = {site.hostname.lower()}
        base_host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
        if base_host and site.is_default_site:
            self.hosts.add(base_host.lower())
        self.client = Client(raise_request_exception=False)
        self.http_cache = {}
        self.reachable = reachable_pages(site, self.agency)

    def fetch(self, path):
        """HTTP status of a path on the agency's own site, or None when it cannot be asked."""
        if path in self.http_cache:
            return self.http_cache[path]
        host = self.site.hostname
        allowed = list(settings.ALLOWED_HOSTS)
        if settings.DEBUG:
            allowed += [".localhost", "127.0.0.1", "[::1]"]
        if not validate_host(host, allowed):
            self.http_cache[path] = None
            return None
        if self.site.port not in (80, 443):
            host = f"{host}:{self.site.port}"
        try:
            response = self.client.get(path, HTTP_HOST=host, secure=self.site.port == 443)
            status = response.status_code
            if getattr(response, "streaming", False):
                # drain through the test client's wrapper: it closes the response without
                # closing the database connection (response.close() here would)
                for _chunk in response.streaming_content:
                    pass
        except Exception:  # a broken page is a failing check, not a broken run
            logger.exception("evidence check: fetching %s failed", path)
            status = 500
        self.http_cache[path] = status
        return status

    def page_for_path(self, path):
        path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
        url_path = self.root.url_path.rstrip("/") + path
        return Page.objects.filter(url_path=url_path).first()


def reachable_pages(site, agency=None, max_clicks=MAX_CLICKS):
    """Breadth-first over live public pages from the home page: the main menu and the footer are
    on every page (one click), then each page lists its live children (one more click)."""
    root = site.root_page
    pages = list(
        root.get_descendants(inclusive=True)
        .live()
        .public()
        .values_list("pk", "path", "depth", "show_in_menus")
    )
    by_parent = {}
    for pk, path, depth, in_menu in pages:
        by_parent.setdefault(path[: -Page.steplen], []).append((pk, path, depth, in_menu))
    paths = {pk: path for pk, path, _d, _m in pages}
    distance = {root.pk: 0}
    frontier = []
    # the main menu (two levels) and the footer links are one click from anywhere
    for pk, path, _depth, in_menu in by_parent.get(root.path, []):
        if in_menu:
            distance[pk] = 1
            frontier.append(pk)
            for cpk, _cpath, _cd, c_in_menu in by_parent.get(path, []):
                if c_in_menu:
                    distance[cpk] = 1
                    frontier.append(cpk)
    agency = agency or AgencySettings.for_site(site)
    for page_id in (
        agency.website_policy_page_id,
        agency.privacy_policy_page_id,
        agency.security_policy_page_id,
    ):
        if page_id in paths and page_id not in distance:
            distance[page_id] = 1
            frontier.append(page_id)
    clicks = 1
    while frontier and clicks < max_clicks:
        clicks += 1
        next_frontier = []
        for pk in frontier:
            for cpk, _cpath, _cd, _m in by_parent.get(paths[pk], []):
                if cpk not in distance:
                    distance[cpk] = clicks
                    next_frontier.append(cpk)
        frontier = next_frontier
    return distance


def _restricted(page):
    return PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def check_page(ctx, page, period, fy):
    """Problems, notes and the number of dated items for one page of evidence."""
    problems, notes = [], []
    page = page.specific
    count = 1
    if not page.path.startswith(ctx.root.path):
        return [OTHER_SITE], notes, 0
    now = timezone.now()
    if page.expired or (page.expire_at and page.expire_at <= now):
        problems.append(EXPIRED)
    elif not page.live:
        problems.append(NOT_LIVE)
    elif _restricted(page):
        problems.append(RESTRICTED)
    else:
        url_parts = page.get_url_parts()
        path = url_parts[2] if url_parts else None
        status = ctx.fetch(path) if path else None
        if status is None:
            notes.append("ไม่ได้เปิดหน้าทดสอบ (ชื่อโดเมนของหน่วยงานไม่อยู่ใน ALLOWED_HOSTS)")
        elif status != 200:
            problems.append(f"เปิดหน้าไม่ได้ (HTTP {status})")
        if page.pk not in ctx.reachable:
            problems.append(NOT_LINKED.format(n=MAX_CLICKS))
    window = period_window(period, fy) if period and period != Period.ANY else None
    if window is not None:
        listed = listed_items(page)
        if listed is not None:
            count = sum(1 for item in listed if in_period(page_dates(item), window))
            if count == 0:
                problems.append(period_message(period, fy) + " — ไม่มีรายการในหน้านี้ที่อยู่ในช่วงเวลานี้")
        elif page_dates(page) is None:
            notes.append(UNDATED)
        elif not in_period(page_dates(page), window):
            problems.append(period_message(period, fy))
    else:
        listed = listed_items(page)
        if listed is not None:
            count = len(listed)
    return problems, notes, count


def listed_items(page):
    """For a listing page (Disclosures, news, knowledge), the live items it lists."""
    name = page.__class__.__name__
    if name in ("DisclosureIndexPage", "NewsIndexPage", "KnowledgeIndexPage"):
        return [
            p
            for p in page.get_descendants().live().public().specific()
            if p.__class__.__name__ in ("DisclosurePage", "NewsPage", "KnowledgeItemPage")
        ]
    return None


def check_document(ctx, document, period, fy):
    problems, notes = [], []
    status = ctx.fetch(document.url)
    if status is None:
        notes.append("ไม่ได้เปิดไฟล์ทดสอบ (ชื่อโดเมนของหน่วยงานไม่อยู่ใน ALLOWED_HOSTS)")
    elif status != 200:
        problems.append(f"เปิดไฟล์ไม่ได้ (HTTP {status})")
    page_ids = [
        int(ref.object_id)
        for ref in ReferenceIndex.get_references_to(document)
        if ref.base_content_type.model_class()
        and issubclass(ref.base_content_type.model_class(), Page)
    ]
    if not page_ids:  # the reference index is filled by a background task: look ourselves
        page_ids = [
            page.pk
            for page in ctx.root.get_descendants().live().specific()
            if hasattr(page, "attached_documents") and document in page.attached_documents()
        ]
    linking = [pk for pk in page_ids if pk in ctx.reachable]
    if not linking:
        problems.append(DOC_NOT_LINKED)
    window = period_window(period, fy) if period and period != Period.ANY else None
    if window is not None:
        dates = None
        pages = Page.objects.filter(pk__in=linking or page_ids).specific()
        for page in pages:
            dates = page_dates(page)
            if in_period(dates, window):
                break
        if dates is None:
            day = as_date(document.created_at)
            dates = (day, day)
        if not in_period(dates, window):
            problems.append(period_message(period, fy))
    return problems, notes


def check_entry(ctx, entry, fy):
    item = entry.item
    details = []
    problems = []
    notes = []
    count = 0
    evidence = list(entry.evidence.select_related("page", "document"))
    if not evidence:
        problems.append(NO_EVIDENCE)
    for ev in evidence:
        ev_problems, ev_notes, ev_count = [], [], 0
        if ev.page_id and ev.page:
            ev_problems, ev_notes, ev_count = check_page(ctx, ev.page, item.period, fy)
        elif ev.document_id and ev.document:
            ev_problems, ev_notes = check_document(ctx, ev.document, item.period, fy)
            ev_count = 1
        elif ev.url:
            parts = urlsplit(ev.url)
            if (parts.hostname or "").lower() in ctx.hosts:
                page = ctx.page_for_path(parts.path)
                if page is not None:
                    ev_problems, ev_notes, ev_count = check_page(ctx, page, item.period, fy)
                else:
                    status = ctx.fetch(parts.path or "/")
                    if status is not None and status != 200:
                        ev_problems.append(f"เปิดลิงก์ไม่ได้ (HTTP {status})")
                    ev_count = 1
            else:
                ev_notes.append(EXTERNAL)
                ev_count = 1
        else:
            ev_problems.append(DELETED)
        count += ev_count
        label = ev.display_label
        details.append(
            {
                "label": label,
                "url": ev.public_url(ctx.site),
                "ok": not ev_problems,
                "problems": ev_problems,
                "notes": ev_notes,
            }
        )
        prefix = f"{label}: " if len(evidence) > 1 else ""
        problems.extend(prefix + p for p in ev_problems)
        notes.extend(prefix + n for n in ev_notes)
    if item.min_count and evidence and count < item.min_count:
        problems.append(f"มีหลักฐาน {count} รายการ ข้อนี้ต้องมีอย่างน้อย {item.min_count} รายการ")
    return {"ok": not problems, "problems": problems, "notes": notes, "details": details}


def run_checks(checklist, run=None, user=None):
    """Check every entry; results are kept on a CheckRun (progress updated as it goes)."""
    if run is None:
        run = CheckRun.objects.create(checklist=checklist, triggered_by=user)
    entries = as_corrected_by(
        checklist.site,
        checklist.entries.select_related("item").order_by("item__sort_order", "pk"),
    )
    run.status = RunStatus.RUNNING
    run.total = len(entries)
    run.checked = 0
    run.save(update_fields=["status", "total", "checked"])
    try:
        ctx = SiteContext(checklist.site)
        passed = 0
        for entry in entries:
            outcome = check_entry(ctx, entry, checklist.fiscal_year)
            CheckResult.objects.create(run=run, entry=entry, **outcome)
            passed += outcome["ok"]
            run.checked += 1
            run.passed = passed
            run.save(update_fields=["checked", "passed"])
        run.ready = sum(
            1 for e in entries if e.status in (EntryStatus.READY, EntryStatus.SUBMITTED)
        )
        run.status = RunStatus.DONE
    except Exception:
        logger.exception("evidence check run %s failed", run.pk)
        run.status = RunStatus.FAILED
    run.finished_at = timezone.now()
    run.save()
    return run
