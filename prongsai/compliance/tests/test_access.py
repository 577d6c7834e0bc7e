import pytest
from django.urls import reverse

from prongsai.agencies.models import Role
from prongsai.compliance.checklists import create_checklist
from prongsai.compliance.factories import CatalogFactory
from prongsai.compliance.models import Checklist, EntryStatus, Evidence
from prongsai.disclosures.factories import DisclosureIndexPageFactory, DisclosurePageFactory

pytestmark = pytest.mark.django_db


def urls(checklist):
    e = checklist.entries.first()
    run = checklist.latest_run()
    return {
        "checklist": reverse("compliance:checklist", args=[checklist.pk]),
        "entry": reverse("compliance:entry", args=[e.pk]),
        "export": reverse("compliance:export", args=[checklist.pk, "csv"]),
        "run_status": reverse("compliance:run_status", args=[run.pk]),
    }


def entry_post(checklist, page):
    e = checklist.entries.get(item__code="T3")
    return e, {
        "entry-status": "ready",
        "entry-department": "",
        "entry-responsible": "",
        "entry-due_date": "2026-03-31",
        "entry-explanation": "เมนูแผนงาน",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-page": str(page.pk),
        "evidence-0-document": "",
        "evidence-0-url": "",
        "evidence-0-label": "",
    }


def state_of(checklist):
    """All a refused write could have changed: the checklist, its entries, evidence and runs."""
    checklist = Checklist.objects.get(pk=checklist.pk)
    entries = [
        (e.pk, e.status, e.explanation, e.due_date, e.evidence.count())
        for e in checklist.entries.order_by("pk")
    ]
    return checklist.status, checklist.submitted_at, entries, checklist.runs.count()


def test_webmaster_links_evidence(login, checklist, agency):
    client = login("webmaster")
    page = DisclosurePageFactory(parent=DisclosureIndexPageFactory(parent=agency.home))
    e, data = entry_post(checklist, page)
    assert client.get(reverse("compliance:entry", args=[e.pk])).status_code == 200
    response = client.post(reverse("compliance:entry", args=[e.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    e.refresh_from_db()
    assert e.status == EntryStatus.READY and e.evidence.get().page_id == page.pk


def test_evidence_cannot_be_another_agencys_page(login, checklist, other_agency):
    client = login("webmaster")
    e, data = entry_post(checklist, other_agency["page"])
    response = client.post(reverse("compliance:entry", args=[e.pk]), data)
    assert response.status_code == 200  # the form refuses the choice
    assert not Evidence.objects.filter(entry=e).exists()


@pytest.mark.parametrize("username", ["requester", "approver"])
def test_requester_and_approver_cannot_see(login, checked, username):
    checklist = checked
    client = login(username)
    for name, url in urls(checklist).items():
        assert client.get(url).status_code in (403, 404), name  # neither shown nor confirmed
    for name in ("compliance:index", "compliance:dashboard"):
        html = client.get(reverse(name), follow=True).content.decode()
        assert reverse("compliance:checklist", args=[checklist.pk]) not in html, name
    before = state_of(checklist)
    client.post(reverse("compliance:run", args=[checklist.pk]))
    client.post(reverse("compliance:submit", args=[checklist.pk]))
    e, data = entry_post(checklist, checklist.site.root_page)
    client.post(reverse("compliance:entry", args=[e.pk]), data)
    assert state_of(checklist) == before


def test_other_agencys_webmaster_cannot_see_or_edit(client, checked, other_agency, people):
    checklist = checked
    client.force_login(other_agency["webmaster"])
    for name, url in urls(checklist).items():
        assert client.get(url).status_code == 404, name
    e, data = entry_post(checklist, other_agency["page"])
    assert client.post(reverse("compliance:entry", args=[e.pk]), data).status_code == 404
    assert client.post(reverse("compliance:run", args=[checklist.pk])).status_code == 404
    assert client.post(reverse("compliance:submit", args=[checklist.pk])).status_code == 404
    # their own index shows their agency only, with their own checklist
    own = create_checklist(other_agency["site"], checklist.catalog)
    html = client.get(reverse("compliance:index")).content.decode()
    assert reverse("compliance:checklist", args=[own.pk]) in html
    assert reverse("compliance:checklist", args=[checklist.pk]) not in html
    html = client.get(reverse("compliance:index") + f"?site={checklist.site_id}").content.decode()
    assert reverse("compliance:checklist", args=[checklist.pk]) not in html
    # and the first agency's webmaster cannot see theirs
    client.force_login(people["webmaster"])
    assert client.get(reverse("compliance:checklist", args=[own.pk])).status_code == 404


def test_executive_reads_only(login, checked):
    checklist = checked
    client = login("executive")
    for name, url in urls(checklist).items():
        assert client.get(url).status_code == 200, name
    html = client.get(urls(checklist)["checklist"]).content.decode()
    assert "ตรวจหลักฐานทั้งหมด" not in html
    before = state_of(checklist)
    e, data = entry_post(checklist, checklist.site.root_page)
    client.post(reverse("compliance:entry", args=[e.pk]), data)
    for action in ("run", "submit", "reopen"):
        client.post(reverse(f"compliance:{action}", args=[checklist.pk]))
    assert state_of(checklist) == before
    catalog = CatalogFactory()
    client.post(reverse("compliance:index"), {"catalog": catalog.pk})
    assert not Checklist.objects.filter(catalog=catalog).exists()
    assert client.get(reverse("compliance:dashboard")).status_code == 200


def test_dashboard_and_panel(login, checked):
    client = login("executive")
    html = client.get(reverse("compliance:dashboard")).content.decode()
    assert "ตามกลุ่มตัวชี้วัด" in html and "ตามส่วนงาน" in html and "<svg" in html
    assert "เกินกำหนด (1 ข้อ)" in html and "สำนักปลัด" in html
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "ความพร้อม ITA" in home


def test_self_audit(client, demo_site, users):
    """The demo agency, as a newcomer finds it, passes the website-standard checks it has
    content for and is told what to do about HTTPS (its subject is the demo's own site)."""
    client.force_login(users["webmaster"])
    html = client.get(reverse("compliance:self_audit")).content.decode()
    assert "คะแนน" in html and "ศูนย์ข้อมูลข่าวสาร" in html
    from prongsai.compliance.gws import audit

    result = audit(demo_site)
    labels = {c["label"]: c["ok"] for part in result["parts"] for c in part["checks"]}
    assert labels["มีหน้าประวัติความเป็นมา"] and labels["มีระบบค้นหาที่ /search/"]
    assert labels["มี /sitemap.xml"] and labels["แสดงเบราว์เซอร์ที่รองรับ"]
    assert not labels["ใช้ HTTPS (PRONGSAI_BASE_URL เป็น https:// และคุกกี้ปลอดภัย)"]
    assert any("HTTPS" in c["label"] for c in result["todo"])
    assert 0 < result["score"] < 100


@pytest.mark.parametrize("junk", ["²", "9" * 30, "-1"])
def test_the_ita_screen_reads_a_junk_agency_as_none_given(client, agency, junk):
    client.force_login(agency.user(Role.WEBMASTER))
    response = client.get(f"/admin/ita/?site={junk}")
    assert response.status_code == 200
    assert agency.settings.name_th in response.content.decode()
