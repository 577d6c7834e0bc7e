"""The trash as other apps use it: usages from the reference index, move, unlink, replace,
restore and purge, with the guard that nothing still used is trashed or purged silently."""

import pytest
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from prongsai.agencies.models import Role
from prongsai.trash import services
from prongsai.trash.models import PendingFileDeletion, TrashEntry, TrashKind, TrashState

pytestmark = pytest.mark.django_db


@pytest.fixture
def trash_site(agency):
    """A factory-built agency: these tests stand on nothing of the demo's."""
    return agency.site


@pytest.fixture
def client(agency):
    """A browser on the agency's own host name (its pages' addresses are on that host)."""
    from django.test import Client

    return Client(HTTP_HOST=agency.site.hostname)


@pytest.fixture
def users(agency):
    return {"webmaster": agency.user(Role.WEBMASTER), "requester": agency.user(Role.REQUESTER)}


def refresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def document_ids_in(page):
    """The documents a page's body links to, read from its stored (raw) content."""
    import re

    return [int(i) for i in re.findall(r"'document': (\d+)", str(page.body.raw_data))]


def test_a_document_used_by_a_live_page_is_not_trashed_silently(make_document, make_page, users):
    document = make_document("ประกาศรับสมัคร")
    page = make_page("ประกาศรับสมัครงาน", documents=[document])

    found = services.usages(document)
    assert [(u.page.pk, u.is_live) for u in found] == [(page.pk, True)]
    assert found[0].label.startswith("เนื้อหา")  # the Thai name of the field
    assert found[0].edit_url == f"/admin/pages/{page.pk}/edit/"

    with pytest.raises(services.StillInUse) as refused:
        services.move_to_trash(document, users["webmaster"])
    assert refused.value.usages[0].page.pk == page.pk
    assert "ประกาศรับสมัครงาน" in refused.value.message
    assert not services.is_in_trash(document)
    assert not TrashEntry.objects.filter(object_id=str(document.pk)).exists()


def test_unlink_then_trash_then_restore_a_document(make_document, make_page, users, client):
    webmaster = users["webmaster"]
    document = make_document("ประกาศเก่า")
    original_collection = document.collection
    page = make_page("หน้าที่ใช้ไฟล์", documents=[document])
    old_revision = page.live_revision_id

    services.unlink(document, services.usages(document), webmaster)
    page = refresh(page).specific
    assert page.live and page.live_revision_id != old_revision  # republished
    assert document_ids_in(page) == []
    assert services.usages(document) == []
    assert PageLogEntry.objects.filter(page=page, action="prongsai.trash.unlink").count() == 1

    entry = services.move_to_trash(document, webmaster, reason="หมดอายุ")
    document = refresh(document)
    assert entry.kind == TrashKind.DOCUMENT and entry.state == TrashState.IN_TRASH
    assert entry.original_collection == original_collection
    assert document.collection.name.startswith("ถังขยะ")
    assert entry.size_bytes == document.file.size > 0
    assert services.is_in_trash(document)
    # only who manages the trash downloads a file in it (to judge it before restoring)
    client.force_login(users["requester"])
    assert client.get(document.url).status_code == 404
    client.force_login(webmaster)
    assert client.get(document.url)["Cache-Control"].startswith("private")
    assert ModelLogEntry.objects.filter(
        object_id=str(document.pk), action="prongsai.trash.move"
    ).exists()
    # Wagtail's own listing no longer shows it to the webmaster
    listing = client.get("/admin/documents/").content.decode()
    assert "ประกาศเก่า" not in listing

    services.restore(entry, webmaster)
    document = refresh(document)
    entry.refresh_from_db()
    assert entry.state == TrashState.RESTORED and entry.restored_by == webmaster
    assert document.collection == original_collection
    assert client.get(document.url).status_code == 200  # staff review it again
    client.logout()
    assert client.get(document.url).status_code == 404  # no live page links it any more


def test_replace_points_the_pages_at_the_replacement(make_document, make_page, users):
    old = make_document("งบการเงิน 2566", name="old.pdf")
    new = make_document("งบการเงิน 2567", name="new.pdf")
    page = make_page(
        "งบการเงิน",
        documents=[old],
        html=f'<p>ดู <a linktype="document" id="{old.pk}">งบการเงิน</a></p>',
    )
    services.replace(old, new, services.usages(old), users["webmaster"])
    page = refresh(page).specific
    assert document_ids_in(page) == [new.pk]
    assert f'id="{new.pk}"' in str(page.body.raw_data)
    assert services.usages(old) == []
    services.move_to_trash(old, users["webmaster"])
    assert services.is_in_trash(old)


def test_a_page_goes_with_its_subtree_and_its_own_files_and_comes_back_as_it_was(
    make_document, make_page, users, client
):
    webmaster = users["webmaster"]
    own = make_document("ไฟล์ของหน้านี้เท่านั้น", name="own.pdf")
    shared = make_document("ไฟล์ที่หน้าอื่นใช้ด้วย", name="shared.pdf")
    page = make_page("โครงการเก่า", documents=[own, shared])
    child = make_page("รายละเอียดโครงการ", parent=page)
    make_page("หน้าอื่น", documents=[shared])
    url = page.url
    live_revision = page.live_revision_id
    assert client.get(url).status_code == 200

    entry = services.move_to_trash(page, webmaster, reason="สิ้นปีงบประมาณ")
    page, child = refresh(page), refresh(child)
    assert entry.was_live and not page.live and not child.live
    assert client.get(url).status_code == 404
    assert client.get(child.url).status_code == 404
    assert services.is_in_trash(page) and services.is_in_trash(child)
    assert [b.object_id for b in entry.bundled_entries.all()] == [str(own.pk)]
    assert services.is_in_trash(own) and not services.is_in_trash(shared)
    # hidden from the explorer and the chooser; cannot be edited or published
    assert not services.exclude_trashed_pages(Page.objects.filter(pk__in=[page.pk, child.pk]))
    permissions = page.specific.permissions_for_user(webmaster)
    assert not permissions.can_edit() and not permissions.can_publish()
    client.force_login(webmaster)
    revision_in_trash = page.latest_revision_id
    client.post(f"/admin/pages/{page.pk}/edit/", _edit_data(page, "แก้ไขขณะอยู่ในถังขยะ"))
    assert refresh(page).latest_revision_id == revision_in_trash
    explorer = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert "โครงการเก่า" not in explorer
    client.logout()

    services.restore(entry, webmaster)
    page, child, own = refresh(page), refresh(child), refresh(own)
    assert page.live and child.live and page.live_revision_id == live_revision
    assert page.url == url and client.get(url).status_code == 200
    assert not services.is_in_trash(own) and not own.collection.name.startswith("ถังขยะ")
    assert entry.bundled_entries.get().state == TrashState.RESTORED
    # the same edit once restored is saved: the refusal above was the trash's doing
    client.force_login(webmaster)
    client.post(f"/admin/pages/{page.pk}/edit/", _edit_data(page, "แก้ไขหลังกู้คืน"))
    assert refresh(page).get_latest_revision_as_object().title == "แก้ไขหลังกู้คืน"


def _edit_data(page, title):
    """Everything the page editor posts for a StandardPage, with a new title."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "summary": "",
            "body": streamfield([]),
            "department": "",
            "source": "",
        }
    )


def test_a_page_linked_from_another_page_is_not_trashed_silently(make_page, users):
    target = make_page("ขั้นตอนการขอข้อมูล")
    linking = make_page("ศูนย์ข้อมูล", html=f'<p><a linktype="page" id="{target.pk}">ขั้นตอน</a></p>')
    with pytest.raises(services.StillInUse) as refused:
        services.move_to_trash(target, users["webmaster"])
    assert [u.page.pk for u in refused.value.usages] == [linking.pk]
    services.unlink(target, refused.value.usages, users["webmaster"])
    linking = refresh(linking).specific
    assert "linktype" not in str(linking.body.raw_data) and "ขั้นตอน" in str(linking.body.raw_data)
    services.move_to_trash(target, users["webmaster"])


def test_the_home_page_cannot_go_to_the_trash(trash_site, users):
    with pytest.raises(services.TrashError) as refused:
        services.move_to_trash(trash_site.root_page, users["webmaster"])
    assert "หน้าแรก" in refused.value.message


def test_purge_deletes_for_good_and_frees_the_files(
    make_document, make_page, users, media, django_capture_on_commit_callbacks
):
    own = make_document("ไฟล์ที่จะลบถาวร", name="gone.pdf")
    page = make_page("หน้าที่จะลบถาวร", documents=[own])
    path = media / own.file.name
    assert path.exists()
    entry = services.move_to_trash(page, users["webmaster"])
    with django_capture_on_commit_callbacks(execute=True):
        services.purge(entry, users["webmaster"])
    entry.refresh_from_db()
    assert entry.state == TrashState.PURGED and entry.purged_by == users["webmaster"]
    assert not Page.objects.filter(pk=page.pk).exists()
    bundled = entry.bundled_entries.get()
    assert bundled.state == TrashState.PURGED
    assert not type(own).objects.filter(pk=own.pk).exists()
    assert not path.exists()
    assert not PendingFileDeletion.objects.exists()
    logs = ModelLogEntry.objects.filter(action="prongsai.trash.purge")
    assert sorted(int(log.object_id) for log in logs) == sorted([entry.pk, bundled.pk])
    assert str(logs[0].message) == "ลบถาวรแล้ว"

    with pytest.raises(services.TrashError) as refused:
        services.restore(entry, users["webmaster"])
    assert "กู้คืนไม่ได้" in refused.value.message


def test_purge_is_refused_when_a_page_uses_the_item_again_and_it_can_still_be_restored(
    make_document, make_page, users, media
):
    document = make_document("ไฟล์ที่กลับมาใช้", name="again.pdf")
    entry = services.move_to_trash(document, users["webmaster"])
    # someone links it again from a live page (e.g. with an old link in rich text)
    make_page("ลิงก์เก่า", html=f'<p><a linktype="document" id="{document.pk}">ไฟล์</a></p>')
    with pytest.raises(services.StillInUse) as refused:
        services.purge(entry, users["webmaster"])
    assert "ลิงก์เก่า" in refused.value.message
    entry.refresh_from_db()
    assert entry.state == TrashState.IN_TRASH
    assert (media / document.file.name).exists()
    services.restore(entry, users["webmaster"])
    assert not services.is_in_trash(refresh(document))


def test_image_size_counts_renditions_and_purge_removes_them(
    make_image, users, media, django_capture_on_commit_callbacks
):
    image = make_image()
    rendition = image.get_rendition("fill-50x50")
    entry = services.move_to_trash(image, users["webmaster"])
    assert entry.size_bytes == image.file.size + rendition.file.size
    rendition_path = media / rendition.file.name
    assert rendition_path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.purge(entry)
    assert not rendition_path.exists() and not (media / image.file.name).exists()


def test_the_file_of_a_page_in_the_trash_is_not_served_to_the_public(
    make_document, make_page, users, client
):
    document = make_document("ประกาศในถังขยะ")
    page = make_page("หน้าที่จะลบ", documents=[document])
    assert client.get(document.url).status_code == 200  # public while the page is live
    services.move_to_trash(page, users["webmaster"])
    response = client.get(document.url)
    assert response.status_code == 404
    assert b"%PDF" not in response.content
