"""Every upload path refuses a file that would take the agency over its quota, before it is
stored: a file landing exactly on the quota is accepted, one byte more is refused, and the media
folder has no new file after a refusal."""

import pytest
from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from prongsai.agencies.collections import agency_collection
from prongsai.disclosures.models import AgencyDocument
from prongsai.quota.tests.conftest import pdf_of_size, pdf_upload, png_upload, stored_files

pytestmark = pytest.mark.django_db
Image = get_image_model()
XHR = {"headers": {"x-requested-with": "XMLHttpRequest"}}


def errors_of(response):
    errors = response.context["form"].errors.values()
    return " ".join(" ".join(str(e) for e in field_errors) for field_errors in errors)


# ---------- Wagtail admin: documents ----------


def test_document_that_lands_exactly_on_the_quota_is_accepted(client, users, leave_free, media):
    free = leave_free(100_000)
    client.force_login(users["webmaster"])
    response = client.post(
        "/admin/documents/add/",
        {"title": "งบแสดงฐานะการเงิน", "file": pdf_upload("งบการเงิน.pdf", free), "tags": ""},
    )
    assert response.status_code == 302
    document = AgencyDocument.objects.get(title="งบแสดงฐานะการเงิน")
    assert document.file_size == free
    assert stored_files(media) == [document.file.name]


def test_document_one_byte_over_is_refused_and_nothing_is_stored(client, users, leave_free, media):
    free = leave_free(100_000)
    count = AgencyDocument.objects.count()
    client.force_login(users["webmaster"])
    response = client.post(
        "/admin/documents/add/",
        {"title": "งบแสดงฐานะการเงิน", "file": pdf_upload("งบการเงิน.pdf", free + 1), "tags": ""},
    )
    assert response.status_code == 200
    message = errors_of(response)
    assert "ไม่สามารถจัดเก็บไฟล์ งบการเงิน.pdf" in message
    assert f"{free + 1:,} ไบต์" in message and f"เหลือเพียง {free:,} ไบต์" in message
    assert "ล้างถังขยะ" in message and "ผู้ดูแลระบบของหน่วยงาน" in message
    assert AgencyDocument.objects.count() == count
    assert stored_files(media) == []


def test_multiple_document_upload_refuses_over_quota_at_once(
    client, users, demo_site, leave_free, media
):
    free = leave_free(100_000)
    collection = agency_collection(demo_site)
    client.force_login(users["webmaster"])
    refused = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": pdf_upload("ใหญ่เกิน.pdf", free + 1), "collection": collection.pk},
        **XHR,
    ).json()
    assert refused["success"] is False
    assert "ไม่สามารถจัดเก็บไฟล์ ใหญ่เกิน.pdf" in refused["error_message"]
    assert stored_files(media) == []  # not even kept as an unfinished upload
    accepted = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": pdf_upload("พอดี.pdf", free), "collection": collection.pk},
        **XHR,
    ).json()
    assert accepted["success"] is True
    assert AgencyDocument.objects.get(pk=accepted["doc_id"]).file_size == free


def test_replacing_a_documents_file_counts_only_the_growth(
    client, users, demo_site, leave_free, media
):
    document = AgencyDocument(
        title="ข้อบัญญัติงบประมาณ",
        file=ContentFile(pdf_of_size(20_000), name="budget.pdf"),
        collection=agency_collection(demo_site),
    )
    document._set_document_file_metadata()
    document.save()
    old_name = document.file.name
    free = leave_free(100_000)
    client.force_login(users["webmaster"])
    url = f"/admin/documents/edit/{document.pk}/"
    form = {"title": document.title, "tags": "", "department": ""}
    refused = client.post(url, {**form, "file": pdf_upload("budget-v2.pdf", 20_000 + free + 1)})
    assert refused.status_code == 200
    assert "ไม่สามารถจัดเก็บไฟล์ budget-v2.pdf" in errors_of(refused)
    document.refresh_from_db()
    assert document.file.name == old_name and document.file_size == 20_000
    assert stored_files(media) == [old_name]
    accepted = client.post(url, {**form, "file": pdf_upload("budget-v2.pdf", 20_000 + free)})
    assert accepted.status_code == 302
    document.refresh_from_db()
    assert document.file_size == 20_000 + free
    assert stored_files(media) == [document.file.name]  # the old file went with the new one


def test_upload_to_a_shared_collection_is_not_limited(client, users, leave_free, media):
    leave_free(100_000)
    root = Collection.get_first_root_node()
    client.force_login(users["admin"])  # platform admin: may add to the shared root collection
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "แบบฟอร์มกลาง",
            "file": pdf_upload("แบบฟอร์มกลาง.pdf", 1_300_000),
            "collection": root.pk,
            "tags": "",
        },
    )
    assert response.status_code == 302
    assert AgencyDocument.objects.get(title="แบบฟอร์มกลาง").collection == root


def test_another_agencys_upload_is_judged_against_its_own_quota(
    client, other_agency, leave_free, media
):
    from prongsai.agencies.models import AgencySettings

    leave_free(100_000)  # the demo agency is nearly full; the other agency is not
    agency = AgencySettings.for_site(other_agency["site"])
    agency.storage_quota_mb = 1
    agency.save()
    client.force_login(other_agency["webmaster"])
    exact = client.post(
        "/admin/documents/add/",
        {"title": "เต็มพอดี", "file": pdf_upload("a.pdf", 1024 * 1024), "tags": ""},
    )
    assert exact.status_code == 302
    over = client.post(
        "/admin/documents/add/", {"title": "เกิน", "file": pdf_upload("b.pdf", 10_000), "tags": ""}
    )
    assert over.status_code == 200
    assert "เหลือเพียง 0 ไบต์ จากโควตา 1.0 MB" in errors_of(over)


# ---------- Wagtail admin: images ----------


def test_image_upload_boundary(client, users, leave_free, media):
    free = leave_free(100_000)
    client.force_login(users["webmaster"])
    over = client.post(
        "/admin/images/add/",
        {"title": "ภาพกิจกรรมวันเด็ก", "file": png_upload("วันเด็ก.png", free + 1), "tags": ""},
    )
    assert over.status_code == 200
    assert "ไม่สามารถจัดเก็บไฟล์ วันเด็ก.png" in errors_of(over)
    assert not Image.objects.filter(title="ภาพกิจกรรมวันเด็ก").exists()
    assert stored_files(media) == []
    exact = client.post(
        "/admin/images/add/",
        {"title": "ภาพกิจกรรมวันเด็ก", "file": png_upload("วันเด็ก.png", free), "tags": ""},
    )
    assert exact.status_code == 302
    assert Image.objects.get(title="ภาพกิจกรรมวันเด็ก").file_size == free


def test_multiple_image_upload_refuses_over_quota(client, users, leave_free, media):
    free = leave_free(100_000)
    client.force_login(users["webmaster"])
    refused = client.post(
        "/admin/images/multiple/add/", {"files[]": png_upload("ภาพใหญ่.png", free + 1)}, **XHR
    ).json()
    assert refused["success"] is False
    assert "ไม่สามารถจัดเก็บไฟล์ ภาพใหญ่.png" in refused["error_message"]
    assert stored_files(media) == []
    accepted = client.post(
        "/admin/images/multiple/add/", {"files[]": png_upload("ภาพพอดี.png", free)}, **XHR
    ).json()
    assert accepted["success"] is True
