"""A webmaster meets the admin in Thai without choosing anything."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, thai, english",
    [
        ("/admin/", "รายการที่คุณแก้ไขล่าสุด", "Your most recent edits"),
        ("/admin/documents/", "เพิ่มเอกสาร", "Add a document"),
        ("/admin/images/", "เพิ่มรูปภาพ", "Add an image"),
        ("/admin/snippets/agencies/department/", "ส่วนงาน", "Departments"),
    ],
)
def test_admin_pages_are_thai_by_default(client, users, path, thai, english):
    client.force_login(users["webmaster"])
    body = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert thai in body
    assert english not in body


def test_page_editor_labels_are_thai(client, users, demo_site):
    from prongsai.disclosures.models import DisclosurePage

    client.force_login(users["webmaster"])
    page = DisclosurePage.objects.live().first()
    body = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for label in ["หน่วยงานเจ้าของข้อมูล", "วันที่เผยแพร่", "ปีงบประมาณ", "บันทึกฉบับร่าง"]:
        assert label in body, label


def test_a_user_who_prefers_english_gets_english(client, users):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users["webmaster"])
    profile.preferred_language = "en"
    profile.save()
    client.force_login(users["webmaster"])
    assert "Your most recent edits" in client.get("/admin/").content.decode()
