import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_a_link_to_sign_out_leaves_the_session_intact(client, users):
    client.force_login(users["webmaster"])

    response = client.get("/admin/logout/")

    assert response.status_code == 405
    assert "ปุ่ม" in response.content.decode()
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert client.get("/admin/").status_code == 200
    assert client.session.get("_auth_user_id") == str(users["webmaster"].pk)


def test_the_sign_out_button_still_signs_out(client, users):
    client.force_login(users["webmaster"])

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
