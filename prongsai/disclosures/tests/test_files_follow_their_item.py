"""A file is public exactly while a live page links it, and a requester changes only their own
department's files that the public does not see yet."""

import itertools

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.agencies.collections import agency_collection
from prongsai.agencies.models import Department, Role
from prongsai.core import samplefiles
from prongsai.disclosures.models import AgencyDocument
from prongsai.disclosures.visibility import is_public

pytestmark = pytest.mark.django_db

PDF = samplefiles.make_pdf("ประกาศจัดซื้อ", ["ข้อความเดิมของไฟล์"], agency="อบต.ทดสอบ")
NEW_PDF = samplefiles.make_pdf("ไฟล์ปลอม", ["ข้อความที่ถูกเปลี่ยน"], agency="อบต.ทดสอบ")
_numbers = itertools.count(1)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def departments(demo_site):
    return {
        "office": Department.objects.get(site=demo_site, name="สำนักปลัด"),
        "finance": Department.objects.get(site=demo_site, name="กองคลัง"),
    }


@pytest.fixture
def make_document(media, demo_site):
    def make(title, department, user, data=PDF, collection=None):
        document = AgencyDocument(
            title=title,
            file=ContentFile(data, name=f"file-{next(_numbers)}.pdf"),
            collection=collection or agency_collection(demo_site),
            department=department,
            uploaded_by_user=user,
        )
        document._set_document_file_metadata()
        document.save()
        return document

    return make


@pytest.fixture
def make_page(demo_site):
    from prongsai.site.models import StandardPage

    def make(document, publish=True, parent=None):
        page = StandardPage(
            title=f"หน้าทดสอบไฟล์ {next(_numbers)}",
            slug=f"file-test-{next(_numbers)}",
            body=[("files", [{"document": document, "title": ""}])],
            live=False,
        )
        (parent or demo_site.root_page).add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def stored_bytes(document):
    document = AgencyDocument.objects.get(pk=document.pk)
    with document.file.open("rb") as handle:
        return handle.read()


# ---------------------------------------------------------------- who downloads what


def test_the_file_of_a_draft_is_not_served_until_the_item_goes_live(
    client, users, departments, make_document, make_page
):
    document = make_document("ร่างประกาศ", departments["office"], users["webmaster"])
    page = make_page(document, publish=False)
    assert download(client, document) == (404, b"")

    page.get_latest_revision().publish()
    assert is_public(document)
    assert download(client, document) == (200, PDF)


def test_files_of_archived_and_unpublished_items_go_private_again(
    client, users, departments, make_document, make_page
):
    document = make_document("ประกาศที่หมดอายุ", departments["office"], users["webmaster"])
    page = make_page(document)
    assert download(client, document) == (200, PDF)
    page.specific.unpublish()
    assert download(client, document) == (404, b"")


def test_a_returned_request_file_is_not_public(client, users, departments, make_document):
    # a file uploaded with a request no page has published (refused, returned or waiting)
    document = make_document("คำขอที่ถูกส่งกลับ", departments["finance"], users["requester"])
    assert download(client, document) == (404, b"")


def test_staff_of_the_agency_review_a_draft_file_and_other_agencies_do_not(
    client, users, departments, make_document, make_page, other_agency
):
    document = make_document("ร่างเพื่อตรวจ", departments["office"], users["webmaster"])
    make_page(document, publish=False)
    client.force_login(users["approver"])
    assert download(client, document) == (200, PDF)
    client.force_login(other_agency["webmaster"])
    assert download(client, document) == (404, b"")


# ---------------------------------------------------------------- who changes what


def edit(client, user, document, **fields):
    client.force_login(user)
    data = {
        "title": document.title,
        "collection": document.collection_id,
        "department": document.department_id or "",
        "tags": "",
    }
    data.update(fields)
    return client.post(f"/admin/documents/edit/{document.pk}/", data)


def test_requester_cannot_replace_the_file_of_another_department_a_live_page_links(
    client, users, departments, make_document, make_page
):
    document = make_document("แผนการจัดซื้อ สำนักปลัด", departments["office"], users["webmaster"])
    make_page(document)
    edit(client, users["requester"], document, file=SimpleUploadedFile("แผน.pdf", NEW_PDF))
    assert stored_bytes(document) == PDF
    client.logout()
    assert download(client, document) == (200, PDF)


def test_requester_cannot_retitle_or_move_another_department_file(
    client, users, departments, make_document
):
    document = make_document("คำสั่งสำนักปลัด", departments["office"], users["webmaster"])
    edit(
        client,
        users["requester"],
        document,
        title="ชื่อใหม่ที่ไม่ควรได้",
        department=departments["finance"].pk,
    )
    document.refresh_from_db()
    assert document.title == "คำสั่งสำนักปลัด"
    assert document.department == departments["office"]
    assert stored_bytes(document) == PDF


def test_requester_edits_their_own_draft_upload(client, users, departments, make_document):
    document = make_document("ร่างรายงานการเงิน", departments["finance"], users["requester"])
    response = edit(
        client,
        users["requester"],
        document,
        title="รายงานการเงิน ฉบับแก้ไข",
        file=SimpleUploadedFile("รายงาน.pdf", NEW_PDF),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "รายงานการเงิน ฉบับแก้ไข"
    assert stored_bytes(document) == NEW_PDF


def test_requester_cannot_move_their_own_file_to_another_department(
    client, users, departments, make_document
):
    document = make_document("ร่างของกองคลัง", departments["finance"], users["requester"])
    response = edit(client, users["requester"], document, department=departments["office"].pk)
    assert response.status_code == 200  # the form again, with the error
    document.refresh_from_db()
    assert document.department == departments["finance"]


def test_requester_own_file_is_locked_once_a_live_page_links_it(
    client, users, departments, make_document, make_page
):
    document = make_document("ประกาศกองคลัง", departments["finance"], users["requester"])
    make_page(document)
    edit(client, users["requester"], document, file=SimpleUploadedFile("ใหม่.pdf", NEW_PDF))
    document.refresh_from_db()
    assert document.title == "ประกาศกองคลัง"
    assert stored_bytes(document) == PDF
    client.force_login(users["requester"])
    listing = client.get("/admin/documents/?q=").content.decode()
    assert f"/admin/documents/edit/{document.pk}/" not in listing


def test_webmaster_changes_any_file_of_their_agency_only(
    client, users, departments, make_document, make_page, other_agency
):
    document = make_document("ประกาศของกองคลัง", departments["finance"], users["requester"])
    make_page(document)
    edit(client, users["webmaster"], document, title="ประกาศของกองคลัง (แก้ไขคำผิด)")
    document.refresh_from_db()
    assert document.title == "ประกาศของกองคลัง (แก้ไขคำผิด)"

    edit(client, other_agency["webmaster"], document, title="ชื่อจากหน่วยงานอื่น")
    document.refresh_from_db()
    assert document.title == "ประกาศของกองคลัง (แก้ไขคำผิด)"


def test_requester_groups_no_longer_hold_change_on_the_collection(demo_site):
    from wagtail.models import GroupCollectionPermission

    from prongsai.agencies.models import AgencyRole
    from prongsai.agencies.roles import _wagtail_permission, ensure_agency_roles

    group = AgencyRole.objects.get(site=demo_site, role=Role.REQUESTER).group
    collection = agency_collection(demo_site)
    # a group made by an older version still has it
    GroupCollectionPermission.objects.create(
        group=group, collection=collection, permission=_wagtail_permission("change_document")
    )
    ensure_agency_roles(demo_site, collection, "อบต.หนองน้ำใส")
    held = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert held == {"add_document", "choose_document", "add_image", "choose_image"}
