"""The storage meter on the admin home page and /admin/storage/: numbers that follow uploads
and deletions, and only for the agency's webmasters, administrators and executives."""

import pytest
from django.core.files.base import ContentFile

from prongsai.agencies.collections import agency_collection
from prongsai.agencies.models import AgencySettings, Role
from prongsai.core.sizes import human_size
from prongsai.disclosures.models import AgencyDocument
from prongsai.quota.tests.conftest import MB, pdf_of_size, pdf_upload
from prongsai.quota.usage import totals

pytestmark = pytest.mark.django_db
PANEL_HEADING = "พื้นที่จัดเก็บ"


def storage_page(client, user, **params):
    client.force_login(user)
    return client.get("/admin/storage/", params)


def test_numbers_follow_an_upload_and_a_deletion(client, users, demo_site):
    before = storage_page(client, users["webmaster"]).context["usage"]
    response = client.post(
        "/admin/documents/add/",
        {"title": "รายงานผลการดำเนินงาน", "file": pdf_upload("รายงาน.pdf", 2 * MB), "tags": ""},
    )
    assert response.status_code == 302
    document = AgencyDocument.objects.get(title="รายงานผลการดำเนินงาน")
    page = storage_page(client, users["webmaster"])
    after = page.context["usage"]
    assert after.used == before.used + 2 * MB
    assert after.documents == before.documents + 2 * MB
    html = page.content.decode()
    assert after.used_human in html and after.quota_human in html
    assert f'data-file="document-{document.pk}"' in html  # the largest file of the agency
    assert "รายงานผลการดำเนินงาน" in html

    # a platform admin deletes it with Wagtail's own delete (agency staff go through the trash)
    client.force_login(users["admin"])
    client.post(f"/admin/documents/delete/{document.pk}/")
    assert not AgencyDocument.objects.filter(pk=document.pk).exists()
    dropped = storage_page(client, users["webmaster"]).context["usage"]
    assert dropped.used == after.used - 2 * MB == before.used


def test_the_trash_keeps_using_space_until_it_is_purged(client, users, demo_site):
    from prongsai.trash import services

    client.force_login(users["webmaster"])
    client.post(
        "/admin/documents/add/",
        {"title": "ทะเบียนทรัพย์สิน 2560", "file": pdf_upload("ทะเบียน.pdf", MB), "tags": ""},
    )
    document = AgencyDocument.objects.get(title="ทะเบียนทรัพย์สิน 2560")
    before = storage_page(client, users["webmaster"]).context["usage"]
    entry = services.move_to_trash(document, users["webmaster"])
    trashed = storage_page(client, users["webmaster"]).context["usage"]
    assert trashed.used == before.used  # still stored, still paid for
    assert trashed.trash == before.trash + MB
    assert next(f for f in trashed.largest if f.pk == document.pk).in_trash
    services.purge(entry, users["webmaster"])
    purged = storage_page(client, users["webmaster"]).context["usage"]
    assert purged.used == before.used - MB
    assert purged.trash == before.trash


def test_page_shows_departments_fiscal_years_kinds_and_the_trash(client, users, demo_site):
    response = storage_page(client, users["webmaster"])
    html = response.content.decode()
    usage = response.context["usage"]
    for heading in ("ตามส่วนงาน", "ตามปีงบประมาณที่อัปโหลด", "ตามประเภท", "ไฟล์ที่ใหญ่ที่สุด"):
        assert heading in html
    for department in ("สำนักปลัด", "กองคลัง", "ไม่ระบุส่วนงาน"):
        assert department in html
    assert f"ปีงบประมาณ {usage.by_fiscal_year[0].key}" in html  # B.E.
    assert "สำเนาย่อขยายของรูปภาพ" in html
    assert 'href="/admin/trash/"' in html
    assert 'href="/admin/documents/edit/' in html


def test_executive_sees_the_numbers_but_no_edit_links(client, users, demo_site):
    response = storage_page(client, users["executive"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "/admin/documents/edit/" not in html and 'href="/admin/trash/"' not in html


@pytest.mark.parametrize("role", ["requester", "approver"])
def test_requesters_and_approvers_do_not_see_storage(client, users, role):
    # Wagtail turns "permission denied" into a redirect to the admin home with a message
    refused = storage_page(client, users[role])
    assert (refused.status_code, refused.get("Location")) == (302, "/admin/")
    home = client.get("/admin/").content.decode()
    assert 'id="prongsai-storage' not in home
    assert "/admin/storage/" not in home


def test_another_agencys_webmaster_cannot_reach_this_agencys_storage(
    client, demo_site, other_agency
):
    webmaster = other_agency["webmaster"]
    assert storage_page(client, webmaster, site=demo_site.pk).status_code == 404
    assert storage_page(client, webmaster, site="x").status_code == 404
    own = storage_page(client, webmaster)
    assert own.status_code == 200
    assert own.context["site"] == other_agency["site"]
    assert own.context["usage"].used == 0
    assert "หนองน้ำใส" not in own.content.decode()


def test_platform_admin_may_look_at_any_agency(client, users, demo_site, other_agency):
    response = storage_page(client, users["admin"], site=other_agency["site"].pk)
    assert response.status_code == 200
    assert response.context["site"] == other_agency["site"]


def test_dashboard_meter_for_webmaster_and_executive(client, users, demo_site):
    agency = AgencySettings.for_site(demo_site)
    agency.storage_quota_mb = 10
    agency.save()
    fill = int(8.5 * MB) - totals(demo_site).used  # 85 % used
    document = AgencyDocument(
        title="ภาพถ่ายทางอากาศ",
        file=ContentFile(pdf_of_size(fill), name="aerial.pdf"),
        collection=agency_collection(demo_site),
    )
    document._set_document_file_metadata()
    document.save()
    assert totals(demo_site).percent == 85.0
    for role in ("webmaster", "executive"):
        client.force_login(users[role])
        html = client.get("/admin/").content.decode()
        assert PANEL_HEADING in html and 'id="prongsai-storage' in html
        assert 'data-storage-level="warning"' in html  # amber from 80 %
        assert "เริ่มใกล้เต็ม" in html
        assert f"/admin/storage/?site={demo_site.pk}" in html


def test_dashboard_meter_turns_red_from_95_percent(client, users, demo_site):
    agency = AgencySettings.for_site(demo_site)
    agency.storage_quota_mb = 1  # the demo already uses more than 1 MB
    agency.save()
    client.force_login(users["webmaster"])
    html = client.get("/admin/").content.decode()
    assert 'data-storage-level="critical"' in html
    assert "ใกล้เต็มแล้ว อีกไม่นานจะอัปโหลดไฟล์ใหม่ไม่ได้" in html
    assert "เหลือ 0 ไบต์" in html


def test_dashboard_meter_of_another_agency_shows_only_its_own(client, other_agency):
    client.force_login(other_agency["webmaster"])
    html = client.get("/admin/").content.decode()
    assert f"/admin/storage/?site={other_agency['site'].pk}" in html
    assert 'data-storage-level="ok"' in html
    assert human_size(0) in html


@pytest.mark.parametrize("junk", ["²", "9" * 30, "-1"])
def test_a_junk_agency_reads_like_another_agencys_not_confirmed_to_exist(client, agency, junk):
    webmaster = agency.user(Role.WEBMASTER)
    assert storage_page(client, webmaster).status_code == 200
    response = storage_page(client, webmaster, site=junk)
    assert response.status_code == 404
    assert agency.settings.name_th not in response.content.decode()
