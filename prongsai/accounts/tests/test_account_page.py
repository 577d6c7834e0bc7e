"""The account page of a member of staff."""

from prongsai.agencies.models import Role


def test_account_page_offers_no_time_zone_the_browser_rejects(client, agency):
    client.force_login(agency.user(Role.WEBMASTER))
    page = client.get("/admin/account/").content.decode()
    assert "ภาษา" in page or "Language" in page
    assert '"localtime"' not in page and 'value="localtime"' not in page
    assert 'name="locale-current_time_zone"' not in page
