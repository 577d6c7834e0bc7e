"""The account page of a member of staff, and the password rules staff read."""

from prongsai.agencies.models import Role


def test_account_page_offers_no_time_zone_the_browser_rejects(client, agency):
    client.force_login(agency.user(Role.WEBMASTER))
    page = client.get("/admin/account/").content.decode()
    assert "ภาษา" in page or "Language" in page
    assert '"localtime"' not in page and 'value="localtime"' not in page
    assert 'name="locale-current_time_zone"' not in page


def test_the_password_rules_on_the_new_user_form_are_in_thai(client, agency):
    client.force_login(agency.user(Role.AGENCY_ADMIN))
    page = client.get("/admin/users/new/").content.decode()
    assert "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด" in page
    assert "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร" in page
    assert "can’t be entirely numeric" not in page
