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


def test_a_user_who_prefers_english_gets_english(client, users):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users["webmaster"])
    profile.preferred_language = "en"
    profile.save()
    client.force_login(users["webmaster"])
    assert "Your most recent edits" in client.get("/admin/").content.decode()
