import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page, PageViewRestriction

from prongsai.compliance import checks
from prongsai.compliance.checklists import copy_checklist, export_csv, export_xlsx
from prongsai.compliance.models import (
    Catalog,
    CatalogItem,
    Checklist,
    ChecklistStatus,
    CheckRun,
    EntryStatus,
    Evidence,
    ITAPage,
    Scheme,
)
from prongsai.disclosures.models import DisclosurePage

pytestmark = pytest.mark.django_db


def entry(checklist, code):
    return checklist.entries.select_related("item").get(item__code=code)


def outcome(checklist, code):
    ctx = checks.SiteContext(checklist.site)
    return checks.check_entry(ctx, entry(checklist, code), checklist.fiscal_year)


# ---------- the demo ----------


def test_demo_checklist_two_thirds_ready_with_a_run(checklist):
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
    assert outcome(checklist, "O1")["ok"]


def test_no_evidence(checklist):
    result = outcome(checklist, "O6")
    assert not result["ok"] and result["problems"][0].startswith("ไม่พบหลักฐาน")


def test_unpublished_page(checklist):
    page = entry(checklist, "O1").evidence.first().page
    page.specific.unpublish()
    assert any(checks.NOT_LIVE in p for p in outcome(checklist, "O1")["problems"])


def test_expired_page(checklist):
    page = entry(checklist, "O2").evidence.first().page
    Page.objects.filter(pk=page.pk).update(expired=True, live=False)
    assert checks.EXPIRED in outcome(checklist, "O2")["problems"]


def test_restricted_page(checklist):
    page = entry(checklist, "O3").evidence.first().page
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert checks.RESTRICTED in outcome(checklist, "O3")["problems"]


def test_page_answering_an_error(checklist, monkeypatch):
    monkeypatch.setattr(checks.SiteContext, "fetch", lambda self, path: 500)
    assert any("เปิดหน้าไม่ได้ (HTTP 500)" in p for p in outcome(checklist, "O1")["problems"])


def test_period_current_fails_with_last_years_data(checklist):
    e = entry(checklist, "O13")  # HR plan, current FY
    old = DisclosurePage.objects.live().filter(fiscal_year=2569).first()
    old.data_period_start = datetime.date(2023, 10, 1)
    old.data_period_end = datetime.date(2024, 9, 30)
    old.fiscal_year = 2567
    old.save()
    e.evidence.all().delete()
    Evidence.objects.create(entry=e, page=old)
    assert "ข้อมูลไม่อยู่ในปีงบประมาณ 2569" in outcome(checklist, "O13")["problems"]


def test_period_previous_passes_and_fails(checklist):
    assert outcome(checklist, "O14")["ok"]  # FY2568 HR report
    result = outcome(checklist, "O12")  # an FY2569 analysis where FY2568 is asked
    assert any("ปีงบประมาณ 2568" in p for p in result["problems"])


def test_first_half_period(checklist):
    item = entry(checklist, "O18").item
    item.period = "h1-current"
    item.save()
    e = entry(checklist, "O18")
    october = (
        DisclosurePage.objects.live()
        .filter(
            data_period_start=datetime.date(2025, 10, 1),
            data_period_end=datetime.date(2025, 10, 31),
        )
        .first()
    )
    Evidence.objects.create(entry=e, page=october)
    assert outcome(checklist, "O18")["ok"]
    e.evidence.all().delete()
    september = (
        DisclosurePage.objects.live().filter(data_period_start=datetime.date(2026, 9, 1)).first()
    )
    Evidence.objects.create(entry=e, page=september)
    assert "รอบ 6 เดือนแรก" in outcome(checklist, "O18")["problems"][0]


def test_not_linked_from_home(checklist):
    result = outcome(checklist, "O17")
    assert any(p.startswith("ไม่มีลิงก์จากหน้าแรก") for p in result["problems"])
    page = entry(checklist, "O17").evidence.first().page
    page.show_in_menus = True
    page.save()
    assert outcome(checklist, "O17")["ok"]


def test_minimum_count(checklist):
    item = entry(checklist, "O11").item  # monthly procurement summaries: the listing page
    item.min_count = 12
    item.save()
    assert outcome(checklist, "O11")["ok"]
    item.min_count = 40
    item.save()
    problems = outcome(checklist, "O11")["problems"]
    assert any("ต้องมีอย่างน้อย 40 รายการ" in p for p in problems)


def test_external_and_own_host_urls(checklist):
    result = outcome(checklist, "O10")
    assert result["ok"] and checks.EXTERNAL in result["notes"]
    e = entry(checklist, "O10")
    e.evidence.all().delete()
    Evidence.objects.create(entry=e, url="http://localhost/no-such-page/")
    assert any("HTTP 404" in p for p in outcome(checklist, "O10")["problems"])
    e.evidence.all().delete()
    Evidence.objects.create(entry=e, url="http://localhost/contact/")
    assert outcome(checklist, "O10")["ok"]


def test_document_evidence(checklist):
    page = (
        DisclosurePage.objects.live()
        .filter(fiscal_year=2569, title__contains="แผนการดำเนินงาน")
        .first()
    )
    document = page.documents()[0]
    e = entry(checklist, "O6")
    item = e.item
    item.period = "current"
    item.save()
    Evidence.objects.create(entry=e, document=document)
    result = outcome(checklist, "O6")
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


def test_copy_remaps_by_title_when_codes_move(demo_site, checklist):
    new_catalog = Catalog.objects.create(scheme=Scheme.NACC_OIT, fiscal_year=2570, title="ITA 2570")
    CatalogItem.objects.create(
        catalog=new_catalog, code="O1", title_th="โครงสร้าง หน้าที่และอำนาจ", period="any", sort_order=1
    )
    CatalogItem.objects.create(
        catalog=new_catalog, code="O9", title_th="ข้อมูลผู้บริหาร", period="any", sort_order=2
    )
    CatalogItem.objects.create(
        catalog=new_catalog,
        code="O2",
        title_th="ข้อมูลการติดต่อและช่องทางการสอบถามข้อมูล",
        period="any",
        sort_order=3,
    )
    CatalogItem.objects.create(
        catalog=new_catalog, code="O3", title_th="รายการใหม่ทั้งหมด", period="current", sort_order=4
    )
    copied = copy_checklist(checklist, new_catalog, 2570)
    how = {row["code"]: row["how"] for row in copied.copy_report["rows"]}
    assert how == {"O1": "same", "O9": "remapped", "O2": "similar", "O3": "new"}
    o9 = copied.entries.get(item__code="O9")
    assert o9.evidence.first().page.slug == "executives"
    assert o9.status == EntryStatus.IN_PROGRESS
    assert copied.entries.get(item__code="O3").evidence.count() == 0
    unmatched = {r["code"] for r in copied.copy_report["unmatched"]}
    assert "O4" in unmatched and "O1" not in unmatched


def test_copy_through_the_admin(login, checklist):
    client = login("webmaster")
    catalog = Catalog.objects.get(scheme=Scheme.NACC_OIT, fiscal_year=2568)
    response = client.post(
        reverse("compliance:index"), {"catalog": catalog.pk, "copy_from": checklist.pk}
    )
    assert response.status_code == 302
    new = Checklist.objects.get(catalog=catalog)
    html = client.get(response["Location"]).content.decode()
    assert "จับคู่ใหม่ตามชื่อข้อ" in html
    assert new.entries.count() == 26


# ---------- public ITA page ----------


def test_public_ita_page_lists_all_items_with_working_links(client, checklist):
    page = ITAPage.objects.live().get()
    assert page.show_in_menus and page.slug == "ita"
    response = client.get(page.url)
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
                    if link["url"].startswith("/"):
                        assert client.get(link["url"]).status_code == 200, link
                        followed += 1
            else:
                assert row["links"] == []
    assert followed >= 17
    home = client.get("/").content.decode()
    assert page.url in home  # main menu reaches it


def test_public_ita_page_other_year(client, checklist):
    page = ITAPage.objects.live().get()
    html = client.get(page.url + "?year=2560").content.decode()
    assert "ยังไม่มีข้อมูลการประเมิน ITA" in html


# ---------- export and submission ----------


def test_csv_export_has_bom_and_thai(checklist):
    data = export_csv(checklist)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["รหัสข้อ", "ชื่อข้อ"]
    assert rows[1][0] == "O1" and rows[1][1] == "โครงสร้าง หน้าที่และอำนาจ"
    assert rows[1][3].startswith("http")
    assert len(rows) == 27


def test_xlsx_export_opens(login, checklist):
    client = login("executive")
    response = client.get(reverse("compliance:export", args=[checklist.pk, "xlsx"]))
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    assert sheet["A2"].value == "รหัสข้อ"
    assert sheet["B3"].value == "โครงสร้าง หน้าที่และอำนาจ"
    assert "http" in sheet["D3"].value
    assert export_xlsx(checklist)[:2] == b"PK"


def test_submit_freezes_snapshot_and_locks(login, checklist, users):
    client = login("webmaster")
    client.post(reverse("compliance:submit", args=[checklist.pk]))
    checklist.refresh_from_db()
    assert (
        checklist.status == ChecklistStatus.SUBMITTED
        and checklist.submitted_by.username == "webmaster"
    )
    snapshot = checklist.snapshot
    assert len(snapshot["entries"]) == 26 and snapshot["entries"][0]["code"] == "O1"
    e = entry(checklist, "O1")
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
    login("admin").post(reverse("compliance:reopen", args=[checklist.pk]))
    checklist.refresh_from_db()
    assert checklist.status == ChecklistStatus.DRAFT and checklist.snapshot == snapshot


def test_overdue_uses_due_date(checklist):
    e = entry(checklist, "O6")
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
    assert client.get(document.url).status_code == 404

    entry.status = EntryStatus.READY
    entry.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
