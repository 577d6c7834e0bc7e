"""The trash in the admin: only the agency's webmasters and agency admins reach it; the move
confirmation shows where an item is used and offers unlink / replace / cancel; emptying the
trash says how much space it frees; Wagtail's delete goes through the trash."""

import pytest

from prongsai.trash import services
from prongsai.trash.models import TrashEntry, TrashState

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_the_webmaster_sees_the_agency_trash_with_size_and_days_left(
    make_document, users, login, demo_site
):
    document = make_document("รายงานการเงินเก่า", name="finance.pdf")
    services.move_to_trash(document, users["webmaster"], reason="ครบกำหนดเก็บ")
    response = login(users["webmaster"]).get("/admin/trash/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ถังขยะ" in html and "รายงานการเงินเก่า" in html and "ครบกำหนดเก็บ" in html
    assert "30 วัน" in html  # days left before automatic purge
    assert "ล้างถังขยะ" in html


@pytest.mark.parametrize("username", ["requester", "executive", "approver"])
def test_other_roles_cannot_reach_the_trash(make_document, users, login, username):
    entry = services.move_to_trash(make_document(name="x.pdf"), users["webmaster"])
    client = login(users[username])
    assert refused(client.get("/admin/trash/"))
    assert refused(client.post(f"/admin/trash/{entry.pk}/restore/"))
    assert refused(client.post(f"/admin/trash/{entry.pk}/purge/", {"confirm": "yes"}))
    entry.refresh_from_db()
    assert entry.state == TrashState.IN_TRASH


def test_another_agency_webmaster_cannot_see_or_touch_this_trash(
    make_document, make_page, users, login, other_agency
):
    entry = services.move_to_trash(make_document(name="y.pdf"), users["webmaster"])
    page = make_page("หน้าของ อบต.")
    client = login(other_agency["webmaster"])
    listing = client.get(f"/admin/trash/?site={entry.site_id}")
    assert listing.status_code == 200  # their own (empty) trash, not this one
    assert "ประกาศทดสอบ" not in listing.content.decode()
    assert refused(client.post(f"/admin/trash/{entry.pk}/restore/"))
    assert refused(client.post(f"/admin/trash/{entry.pk}/purge/", {"confirm": "yes"}))
    assert refused(client.get(f"/admin/trash/move/page/{page.pk}/"))
    assert refused(client.post(f"/admin/trash/move/page/{page.pk}/", {"action": "trash"}))
    entry.refresh_from_db()
    assert entry.state == TrashState.IN_TRASH and not services.is_in_trash(page)


def test_moving_a_used_document_shows_where_and_unlinks_on_request(
    make_document, make_page, users, login
):
    document = make_document("ใบสมัครเก่า", name="apply.pdf")
    page = make_page("รับสมัครพนักงาน", documents=[document])
    client = login(users["webmaster"])
    confirm = client.get(f"/admin/trash/move/document/{document.pk}/")
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "รับสมัครพนักงาน" in html and "เผยแพร่อยู่" in html
    assert f"/admin/pages/{page.pk}/edit/" in html
    assert "นำออกจากทุกหน้าที่ใช้อยู่" in html and "แทนที่ด้วยรายการอื่น" in html

    # "move anyway" is not offered: a used item needs unlink or replace
    refused = client.post(f"/admin/trash/move/document/{document.pk}/", {"action": "trash"})
    assert refused.status_code == 200 and not services.is_in_trash(document)
    # replace without choosing: a Thai message, nothing lost
    refused = client.post(f"/admin/trash/move/document/{document.pk}/", {"action": "replace"})
    assert "กรุณาเลือกรายการที่จะใช้แทน" in refused.content.decode()
    assert not services.is_in_trash(document)

    done = client.post(
        f"/admin/trash/move/document/{document.pk}/", {"action": "unlink", "reason": "เลิกใช้"}
    )
    assert done.status_code == 302
    assert services.is_in_trash(document)
    assert services.usages(document) == []
    assert TrashEntry.objects.get(object_id=str(document.pk)).reason == "เลิกใช้"


def test_replace_with_a_document_of_another_agency_is_refused(
    make_document, make_page, users, login, other_agency
):
    document = make_document("ระเบียบเก่า", name="rule.pdf")
    make_page("ระเบียบ", documents=[document])
    foreign = make_document(
        "ของหน่วยงานอื่น", name="foreign.pdf", in_collection=other_agency["collection"]
    )
    client = login(users["webmaster"])
    response = client.post(
        f"/admin/trash/move/document/{document.pk}/",
        {"action": "replace", "replacement": foreign.pk},
    )
    assert "กรุณาเลือกรายการของหน่วยงานนี้" in response.content.decode()
    assert not services.is_in_trash(document)


def test_emptying_the_trash_states_the_space_it_frees(
    make_document, users, login, django_capture_on_commit_callbacks
):
    already = sum(  # the demo's trash already holds some
        TrashEntry.objects.filter(state=TrashState.IN_TRASH).values_list("size_bytes", flat=True)
    )
    first = make_document("ก", name="a.pdf")
    second = make_document("ข", name="b.pdf")
    services.move_to_trash(first, users["webmaster"])
    services.move_to_trash(second, users["webmaster"])
    client = login(users["webmaster"])
    confirm = client.get("/admin/trash/empty/")
    total = already + first.file.size + second.file.size
    from django.template.defaultfilters import filesizeformat

    assert f"ได้พื้นที่คืน {filesizeformat(total)}" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/admin/trash/empty/", {"confirm": "yes"})
    assert done.status_code == 302
    assert not TrashEntry.objects.filter(state=TrashState.IN_TRASH).exists()
    history = client.get("/admin/trash/?tab=history").content.decode()
    assert "ลบถาวรแล้ว" in history


def test_restore_and_bulk_purge_from_the_listing(make_document, users, login):
    kept = services.move_to_trash(make_document("เก็บไว้", name="k.pdf"), users["webmaster"])
    gone = services.move_to_trash(make_document("ทิ้ง", name="g.pdf"), users["webmaster"])
    client = login(users["webmaster"])
    assert client.post(f"/admin/trash/{kept.pk}/restore/").status_code == 302
    confirm = client.post("/admin/trash/purge/", {"entries": [gone.pk]})
    assert "ใช่ ลบถาวร" in confirm.content.decode()
    client.post("/admin/trash/purge/", {"entries": [gone.pk], "confirm": "yes"})
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.state == TrashState.RESTORED and gone.state == TrashState.PURGED


def test_wagtail_delete_goes_to_the_trash_for_agency_users(make_page, users, login):
    page = make_page("หน้าที่จะลบ")
    client = login(users["webmaster"])
    response = client.get(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/trash/move/page/{page.pk}/")
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/admin/trash/move/page/{page.pk}/" in edit
    moved = client.post(f"/admin/trash/move/page/{page.pk}/", {"action": "trash"})
    assert moved.status_code == 302 and services.is_in_trash(page)


def test_document_edit_page_offers_the_trash_to_webmasters_only(make_document, users, login):
    document = make_document("คำสั่งแต่งตั้ง", name="order.pdf")
    url = f"/admin/documents/edit/{document.pk}/"
    move = f"/admin/trash/move/document/{document.pk}/"
    assert move in login(users["webmaster"]).get(url).content.decode()
    # a requester opens their own upload, but moving it to the trash is the webmaster's
    document.uploaded_by_user = users["requester"]
    document.save(update_fields=["uploaded_by_user"])
    response = login(users["requester"]).get(url)
    assert response.status_code == 200 and move not in response.content.decode()
    login(users["requester"]).post(move, {"action": "trash", "reason": "ไม่ใช้แล้ว"})
    assert not services.is_in_trash(type(document).objects.get(pk=document.pk))


def test_wagtail_document_and_image_delete_go_to_the_trash(make_document, make_image, users, login):
    """Wagtail lets anyone who may change a file (or uploaded it) delete it; agency users are
    sent to the trash instead."""
    client = login(users["webmaster"])
    document = make_document(name="own-upload.pdf")
    image = make_image()
    for kind, url, obj in (
        ("document", f"/admin/documents/delete/{document.pk}/", document),
        ("image", f"/admin/images/{image.pk}/delete/", image),
    ):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/admin/trash/move/{kind}/{obj.pk}/")
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_the_page_chooser_search_finds_pages_but_not_those_in_the_trash(make_page, users, login):
    kept = make_page("ตารางเวรนกกระเรียนฝั่งเหนือ")
    trashed = make_page("ตารางเวรนกกระเรียนฝั่งใต้")
    services.move_to_trash(trashed, users["webmaster"], reason="ซ้ำ")
    client = login(users["webmaster"])

    response = client.get("/admin/choose-page/search/", {"q": "นกกระเรียน"})

    assert response.status_code == 200
    html = response.content.decode()
    assert kept.title in html
    assert trashed.title not in html


@pytest.mark.parametrize("junk", ["²", "9" * 30])
def test_junk_ids_in_the_trash_forms_act_on_nothing(make_document, users, login, junk):
    document = make_document("ไฟล์ในถังขยะ", name="junk-ids.pdf")
    entry = services.move_to_trash(document, users["webmaster"])
    client = login(users["webmaster"])

    listing = client.get(f"/admin/trash/?site={junk}")
    client.post("/admin/trash/restore/", {"entries": [junk, str(entry.pk) + junk]})

    assert listing.status_code == 200
    assert "ไฟล์ในถังขยะ" in listing.content.decode()
    entry.refresh_from_db()
    assert entry.state == TrashState.IN_TRASH
