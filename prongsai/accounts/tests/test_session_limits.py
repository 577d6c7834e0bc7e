"""An admin session idle too long, or open too long, is signed out."""

from prongsai.accounts.signals import LAST_SEEN, SIGNED_IN_AT
from prongsai.accounts.tests.conftest import signed_in_user_id


def move_back(client, key, seconds):
    session = client.session
    session[key] -= seconds
    session.save()


def test_idle_session_is_signed_out_with_a_thai_message(client, users):
    client.force_login(users["webmaster"])
    assert client.get("/admin/").status_code == 200
    move_back(client, LAST_SEEN, 31 * 60)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=%2Fadmin%2Fpages%2F")
    assert signed_in_user_id(client) is None
    login_page = client.get(response["Location"]).content.decode()
    assert "ไม่มีการใช้งาน" in login_page


def test_active_session_stays_signed_in(client, users):
    client.force_login(users["webmaster"])
    move_back(client, LAST_SEEN, 29 * 60)
    assert client.get("/admin/").status_code == 200
    assert signed_in_user_id(client) == str(users["webmaster"].pk)


def test_idle_limit_follows_the_setting(client, users, settings):
    settings.PRONGSAI_ADMIN_IDLE_MINUTES = 5
    client.force_login(users["webmaster"])
    move_back(client, LAST_SEEN, 6 * 60)
    client.get("/admin/")
    assert signed_in_user_id(client) is None


def test_session_older_than_eight_hours_is_signed_out_even_when_active(client, users):
    client.force_login(users["webmaster"])
    move_back(client, SIGNED_IN_AT, 8 * 3600 + 60)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
