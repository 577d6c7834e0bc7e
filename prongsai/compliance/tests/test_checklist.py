import csv
import datetime
import io
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page, PageViewRestriction

from prongsai.compliance import checks
from prongsai.compliance.checklists import copy_checklist, export_csv, export_xlsx
from prongsai.compliance.factories import (
    SMALL_CATALOG,
    CatalogFactory,
    EvidenceFactory,
    ITAPageFactory,
    evidence_listing,
)
from prongsai.compliance.models import (
    ChecklistStatus,
    CheckRun,
    EntryStatus,
    Evidence,
    ITAPage,
)
from prongsai.disclosures.factories import DisclosureIndexPageFactory, DisclosurePageFactory
from prongsai.site.factories import ContactPageFactory

pytestmark = pytest.mark.django_db


def entry(checklist, code):
    return checklist.entries.select_related("item").get(item__code=code)


def outcome(checklist, code):
    ctx = checks.SiteContext(checklist.site)
    return checks.check_entry(ctx, entry(checklist, code), checklist.fiscal_year)


def host(checklist):
    return {"HTTP_HOST": checklist.site.hostname}


# ---------- the demo ----------


def test_demo_checklist_two_thirds_ready_with_a_run(demo_checklist):
    """The demo agency's own checklist (its subject is the demo webmasters learn from): about
    two thirds ready, with a run whose failures show each kind of message."""
    checklist = demo_checklist
    assert checklist.entries.count() == 26
    ready = checklist.entries.filter(status=EntryStatus.READY).count()
    assert 15 <= ready <= 19
    run = checklist.latest_run()
    assert run.status == "done" and run.total == 26
    failing = run.results.filter(ok=False)
    messages = " ".join(p for r in failing for p in r.problems)
    assert "ไม่พบหลักฐาน" in messages
    assert "หน้าไม่ได้เผยแพร่" in messages
    assert "ไม่มีลิงก์จากหน้าแรก" in messages
    assert "ข้อมูลไม่อยู่ในปีงบประมาณ 2568" in messages


# ---------- each evidence check, failing and passing ----------


def test_passing_page_evidence(checklist):
    assert outcome(checklist, "T1")["ok"]


def test_no_evidence(checklist):
    result = outcome(checklist, "T3")
    assert not result["ok"] and result["problems"][0].startswith("ไม่พบหลักฐาน")


def test_unpublished_page(checklist):
    page = entry(checklist, "T1").evidence.first().page
    page.specific.unpublish()
    assert any(checks.NOT_LIVE in p for p in outcome(checklist, "T1")["problems"])


def test_expired_page(checklist):
    page = entry(checklist, "T2").evidence.first().page
    Page.objects.filter(pk=page.pk).update(expired=True, live=False)
    assert checks.EXPIRED in outcome(checklist, "T2")["problems"]


def test_restricted_page(checklist):
    page = entry(checklist, "T1").evidence.first().page
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert checks.RESTRICTED in outcome(checklist, "T1")["problems"]


def test_page_answering_an_error(checklist, monkeypatch):
    monkeypatch.setattr(checks.SiteContext, "fetch", lambda self, path: 500)
    assert any("เปิดหน้าไม่ได้ (HTTP 500)" in p for p in outcome(checklist, "T1")["problems"])


def test_period_current_fails_with_last_years_data(checklist):
    e = entry(checklist, "T2")  # the yearly plan, current FY
    old = e.evidence.get().page.specific
    old.data_period_start = datetime.date(2023, 10, 1)
    old.data_period_end = datetime.date(2024, 9, 30)
    old.fiscal_year = 2567
    old.save()
    fy = checklist.fiscal_year
    assert f"ข้อมูลไม่อยู่ในปีงบประมาณ {fy}" in outcome(checklist, "T2")["problems"]


def test_period_previous_passes_and_fails(checklist):
    e = entry(checklist, "T3")  # last year's report
    EvidenceFactory(entry=e)
    assert outcome(checklist, "T3")["ok"]
    e.evidence.all().delete()
    this_year = entry(checklist, "T2").evidence.get().page  # this year's data
    Evidence.objects.create(entry=e, page=this_year)
    result = outcome(checklist, "T3")
    assert any(f"ปีงบประมาณ {checklist.fiscal_year - 1}" in p for p in result["problems"])


def _disclosure(checklist, start, end):
    return DisclosurePageFactory(
        parent=evidence_listing(checklist.site),
        data_period_start=start,
        data_period_end=end,
        fiscal_year=checklist.fiscal_year,
    )


def test_first_half_period(checklist):
    item = entry(checklist, "T3").item
    item.period = "h1-current"
    item.save()
    e = entry(checklist, "T3")
    ce = checklist.fiscal_year - 543
    october = _disclosure(checklist, datetime.date(ce - 1, 10, 1), datetime.date(ce - 1, 10, 31))
    Evidence.objects.create(entry=e, page=october)
    assert outcome(checklist, "T3")["ok"]
    e.evidence.all().delete()
    september = _disclosure(checklist, datetime.date(ce, 9, 1), datetime.date(ce, 9, 30))
    Evidence.objects.create(entry=e, page=september)
    assert "รอบ 6 เดือนแรก" in outcome(checklist, "T3")["problems"][0]


def test_not_linked_from_home(checklist):
    hidden = DisclosureIndexPageFactory(parent=checklist.site.root_page, show_in_menus=False)
    page = DisclosurePageFactory(parent=hidden)
    Evidence.objects.create(entry=entry(checklist, "T1"), page=page)
    entry(checklist, "T1").evidence.exclude(page=page).delete()
    result = outcome(checklist, "T1")
    assert any(p.startswith("ไม่มีลิงก์จากหน้าแรก") for p in result["problems"])
    hidden.show_in_menus = True
    hidden.save()
    assert outcome(checklist, "T1")["ok"]


def test_minimum_count(checklist):
    e = entry(checklist, "T2")  # the listing of this year's Disclosures as evidence
    listing = evidence_listing(checklist.site)
    for _ in range(2):
        EvidenceFactory(entry=entry(checklist, "T3"))  # last year's: not counted
        _disclosure(checklist, *checks.period_window("current", checklist.fiscal_year))
    e.evidence.all().delete()
    Evidence.objects.create(entry=e, page=listing)
    item = e.item
    item.min_count = 3
    item.save()
    assert outcome(checklist, "T2")["ok"]
    item.min_count = 40
    item.save()
    problems = outcome(checklist, "T2")["problems"]
    assert any("ต้องมีอย่างน้อย 40 รายการ" in p for p in problems)


def test_external_and_own_host_urls(checklist):
    e = entry(checklist, "T1")
    e.evidence.all().delete()
    Evidence.objects.create(entry=e, url="https://www.info.go.th/")
    result = outcome(checklist, "T1")
    assert result["ok"] and checks.EXTERNAL in result["notes"]
    own = f"http://{checklist.site.hostname}"
    e.evidence.all().delete()
    Evidence.objects.create(entry=e, url=f"{own}/no-such-page/")
    assert any("HTTP 404" in p for p in outcome(checklist, "T1")["problems"])
    ContactPageFactory(parent=checklist.site.root_page, slug="contact", show_in_menus=True)
    e.evidence.all().delete()
    Evidence.objects.create(entry=e, url=f"{own}/contact/")
    assert outcome(checklist, "T1")["ok"]


def test_document_evidence(checklist):
    page = entry(checklist, "T2").evidence.get().page.specific  # this year's plan
    document = page.documents()[0]
    e = entry(checklist, "T3")
    item = e.item
    item.period = "current"
    item.save()
    Evidence.objects.create(entry=e, document=document)
    result = outcome(checklist, "T3")
    assert result["ok"], result


def test_run_through_the_page_shows_progress_and_results(
    login, checklist, django_capture_on_commit_callbacks
):
    client = login("webmaster")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("compliance:run", args=[checklist.pk]))
    assert response.status_code == 302
    run = CheckRun.objects.filter(checklist=checklist).first()
    status = client.get(reverse("compliance:run_status", args=[run.pk])).json()
    assert status["finished"] and status["progress"] == 100
    html = client.get(response["Location"]).content.decode()
    assert "ไม่พบหลักฐาน" in html and "ผ่าน" in html


def test_worker_job_checks_open_checklists(checklist):
    from prongsai.compliance.jobs import check_open_checklists

    CheckRun.objects.all().delete()
    check_open_checklists()
    check_open_checklists()  # idempotent: a second run the same day does nothing
    assert CheckRun.objects.filter(checklist=checklist).count() == 1


# ---------- copying a year and re-mapping ----------


def test_copy_remaps_by_title_when_codes_move(checklist):
    old = {row["code"]: row["title_th"] for row in SMALL_CATALOG}
    new_catalog = CatalogFactory(
        items=[
            {"code": "T1", "title_th": old["T1"]},
            {"code": "T9", "title_th": old["T2"], "period": "current"},
            {"code": "T4", "title_th": "ช่องทางการแจ้งเรื่องร้องเรียนการทุจริต"},
            {"code": "T5", "title_th": "รายการใหม่ทั้งหมด", "period": "current"},
        ]
    )
    copied = copy_checklist(checklist, new_catalog, new_catalog.fiscal_year)
    how = {row["code"]: row["how"] for row in copied.copy_report["rows"]}
    assert how == {"T1": "same", "T9": "remapped", "T4": "similar", "T5": "new"}
    t9 = copied.entries.get(item__code="T9")
    assert t9.evidence.first().page == entry(checklist, "T2").evidence.first().page
    assert t9.status == EntryStatus.IN_PROGRESS
    assert copied.entries.get(item__code="T5").evidence.count() == 0
    unmatched = {r["code"] for r in copied.copy_report["unmatched"]}
    assert "T3" in unmatched and "T1" not in unmatched


def test_copy_through_the_admin(login, checklist):
    client = login("webmaster")
    moved = [{**row, "code": f"N{n}"} for n, row in enumerate(SMALL_CATALOG, start=1)]
    catalog = CatalogFactory(items=moved)  # the same items under new codes
    response = client.post(
        reverse("compliance:index"), {"catalog": catalog.pk, "copy_from": checklist.pk}
    )
    assert response.status_code == 302
    new = catalog.checklists.get()
    assert new.site == checklist.site
    html = client.get(response["Location"]).content.decode()
    assert "จับคู่ใหม่ตามชื่อข้อ" in html
    assert new.entries.count() == len(SMALL_CATALOG)


# ---------- public ITA page ----------


def test_public_ita_page_lists_all_items_with_working_links(client, checklist):
    page = ITAPageFactory(parent=checklist.site.root_page)
    assert page.show_in_menus and page.slug == "ita"
    response = client.get(page.url, **host(checklist))
    html = response.content.decode()
    assert response.status_code == 200
    for e in checklist.entries.select_related("item"):
        assert f'id="item-{e.item.code}"' in html
    assert "อยู่ระหว่างดำเนินการ" in html and "ยังไม่ยืนยัน" in html
    from prongsai.compliance.public import grouped_entries

    followed = 0
    for group in grouped_entries(checklist):
        for row in group["entries"]:
            if row["entry"].is_done:
                assert row["links"], row["item"].code
                for link in row["links"]:
                    parts = urlsplit(link["url"])
                    if parts.hostname in (None, checklist.site.hostname):  # its own site
                        response = client.get(parts.path, **host(checklist))
                        assert response.status_code == 200, link
                        followed += 1
            else:
                assert row["links"] == []
    assert followed == checklist.entries.filter(status=EntryStatus.READY).count() == 2
    home = client.get("/", **host(checklist)).content.decode()
    assert page.url in home  # main menu reaches it


def test_public_ita_page_other_year(client, checklist):
    page = ITAPageFactory(parent=checklist.site.root_page)
    assert ITAPage.objects.live().descendant_of(checklist.site.root_page).get() == page
    html = client.get(page.url + "?year=2560", **host(checklist)).content.decode()
    assert "ยังไม่มีข้อมูลการประเมิน ITA" in html


# ---------- export and submission ----------


def test_csv_export_has_bom_and_thai(checklist):
    data = export_csv(checklist)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["รหัสข้อ", "ชื่อข้อ"]
    assert rows[1][0] == "T1" and rows[1][1] == "โครงสร้างหน่วยงาน"
    assert rows[1][3].startswith("http")
    assert len(rows) == 1 + len(SMALL_CATALOG)


def test_xlsx_export_opens(login, checklist):
    client = login("executive")
    response = client.get(reverse("compliance:export", args=[checklist.pk, "xlsx"]))
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    assert sheet["A2"].value == "รหัสข้อ"
    assert sheet["B3"].value == "โครงสร้างหน่วยงาน"
    assert "http" in sheet["D3"].value
    assert export_xlsx(checklist)[:2] == b"PK"


def test_submit_freezes_snapshot_and_locks(login, checklist, people):
    client = login("webmaster")
    client.post(reverse("compliance:submit", args=[checklist.pk]))
    checklist.refresh_from_db()
    assert (
        checklist.status == ChecklistStatus.SUBMITTED
        and checklist.submitted_by == people["webmaster"]
    )
    snapshot = checklist.snapshot
    assert len(snapshot["entries"]) == len(SMALL_CATALOG)
    assert snapshot["entries"][0]["code"] == "T1"
    e = entry(checklist, "T1")
    assert e.status == EntryStatus.SUBMITTED
    # locked: editing is refused, the snapshot stays as sent
    client.post(reverse("compliance:entry", args=[e.pk]), {"entry-status": "in_progress"})
    e.refresh_from_db()
    assert e.status == EntryStatus.SUBMITTED
    Evidence.objects.filter(entry=e).update(url="https://changed.example/")
    checklist.refresh_from_db()
    assert checklist.snapshot == snapshot
    html = client.get(reverse("compliance:checklist", args=[checklist.pk])).content.decode()
    assert "ข้อมูลที่ส่ง" in html
    # a webmaster cannot reopen; the agency admin can
    client.post(reverse("compliance:reopen", args=[checklist.pk]))
    checklist.refresh_from_db()
    assert checklist.status == ChecklistStatus.SUBMITTED
    client.logout()
    login("agency_admin").post(reverse("compliance:reopen", args=[checklist.pk]))
    checklist.refresh_from_db()
    assert checklist.status == ChecklistStatus.DRAFT and checklist.snapshot == snapshot


def test_overdue_uses_due_date(checklist):
    e = entry(checklist, "T3")
    e.due_date = timezone.localdate() - datetime.timedelta(days=1)
    e.save()
    assert e.is_overdue
    e.status = EntryStatus.READY
    assert not e.is_overdue


def test_an_evidence_file_is_public_once_its_entry_is_ready(client, checklist, settings, tmp_path):
    from django.core.files.base import ContentFile

    from prongsai.agencies.collections import agency_collection
    from prongsai.compliance.models import EntryStatus, Evidence
    from prongsai.core import samplefiles
    from prongsai.disclosures.models import AgencyDocument

    settings.MEDIA_ROOT = str(tmp_path)
    data = samplefiles.make_pdf("รายงานผลการดำเนินงาน", ["หลักฐาน"], agency="อบต.ทดสอบ")
    document = AgencyDocument(
        title="หลักฐาน ITA",
        file=ContentFile(data, name="evidence.pdf"),
        collection=agency_collection(checklist.site),
    )
    document._set_document_file_metadata()
    document.save()
    entry = checklist.entries.first()
    entry.status = EntryStatus.IN_PROGRESS
    entry.save()
    Evidence.objects.create(entry=entry, document=document)
    assert client.get(document.url, **host(checklist)).status_code == 404

    entry.status = EntryStatus.READY
    entry.save()
    response = client.get(document.url, **host(checklist))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
