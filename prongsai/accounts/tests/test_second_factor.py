"""Two-step verification: asked after the password once set up, compulsory for admins and
webmasters where the setting says so (production), and removable for a lost phone."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.icons import get_icon_sprite_url
from wagtail.models import ModelLogEntry

from prongsai.accounts.tests.conftest import code_for

SETUP = "/admin/account/second-factor/"
VERIFY = "/admin/sign-in/code/"


@pytest.fixture
def required(settings):
    settings.PRONGSAI_SECOND_FACTOR_REQUIRED = True


def later(seconds=31):
    """A code is refused twice in one 30-second step and a wrong code slows the next try."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


def test_outside_production_nobody_is_asked_for_a_second_factor(client, users, settings):
    assert settings.PRONGSAI_SECOND_FACTOR_REQUIRED is False
    client.force_login(users["webmaster"])
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("username", ["webmaster", "admin"])
def test_required_role_without_device_reaches_only_the_setup_page(
    client, users, required, username
):
    client.force_login(users[username])
    for path in ("/admin/", "/admin/pages/", "/admin/documents/", "/admin/sign-ins/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == SETUP, path
    page = client.get(SETUP)
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" in content and "data-manual-key" in content
    assert "ยืนยันตัวตนสองขั้นตอน" in content


def test_the_setup_page_gets_its_icons_and_no_warning_for_fetching_them(client, users, required):
    """The admin's pages fetch the icon sprite by script: a redirect would hand them the setup
    page instead, and add the "set up first" warning to the next page once more."""
    client.force_login(users["webmaster"])
    sprite = client.get(get_icon_sprite_url())
    assert sprite.status_code == 200
    assert sprite["Content-Type"].startswith("image/svg+xml")
    assert b"<symbol" in sprite.content
    assert list(get_messages(sprite.wsgi_request)) == []
    assert client.get("/admin/")["Location"] == SETUP  # the admin itself stays closed


def test_with_a_device_unverified_the_icons_are_served_too(client, users, authenticator):
    user = users["webmaster"]
    authenticator(user)
    client.force_login(user)
    assert client.get(get_icon_sprite_url()).status_code == 200
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_requester_may_use_the_admin_without_a_second_factor(client, users, required):
    client.force_login(users["requester"])
    assert client.get("/admin/").status_code == 200


def test_setting_up_shows_ten_recovery_codes_once_and_opens_the_admin(client, users, required):
    user = users["webmaster"]
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"action": "confirm", "code": "000000"})
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/")["Location"] == SETUP
    with later():
        response = client.post(SETUP, {"action": "confirm", "code": code_for(device)})
        device.refresh_from_db()
        assert device.confirmed
        codes = response.context["new_codes"]
        assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
        assert client.get("/admin/").status_code == 200
        assert "data-recovery-codes" not in client.get(SETUP).content.decode()
    assert ModelLogEntry.objects.filter(action="prongsai.second_factor_added").exists()


def test_with_a_device_a_wrong_code_does_not_verify_and_the_right_one_does(
    client, users, authenticator
):
    user = users["webmaster"]
    device, _codes = authenticator(user)
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2Fpages%2F"
    response = client.post(VERIFY, {"code": "123456", "next": "/admin/pages/"})
    assert response.status_code == 200 and "รหัสไม่ถูกต้อง" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    with later():
        response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
        assert response["Location"] == "/admin/pages/"
        assert client.get("/admin/").status_code == 200


def test_unverified_session_is_signed_out_on_the_public_site_too(
    client, users, authenticator, demo_site
):
    user = users["webmaster"]
    _device, _codes = authenticator(user)
    client.force_login(user)
    assert "w-userbar" not in client.get("/").content.decode()
    client.post(VERIFY, {"code": _codes[0]})
    assert "w-userbar" in client.get("/").content.decode()


def test_a_recovery_code_works_once(users, authenticator):
    user = users["approver"]
    _device, codes = authenticator(user)
    first = Client()
    first.force_login(user)
    first.post(VERIFY, {"code": codes[0]})
    assert first.get("/admin/").status_code == 200
    second = Client()
    second.force_login(user)
    second.post(VERIFY, {"code": codes[0]})
    assert second.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_the_password_then_the_code_through_the_sign_in_form(client, users, authenticator):
    user = users["executive"]
    device, _codes = authenticator(user)
    response = client.post("/admin/login/", {"username": "executive", "password": "prongsai-demo"})
    assert response["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response["Location"].startswith(VERIFY)
    page = client.get(response["Location"]).content.decode()
    assert "รหัส 6 หลัก" in page
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200


def test_removing_the_second_factor(client, users, authenticator):
    user = users["webmaster"]
    device, codes = authenticator(user)
    client.force_login(user)
    client.post(VERIFY, {"code": codes[0]})
    client.post(SETUP, {"action": "remove"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_command_removes_a_lost_phone(users, authenticator, capsys):
    user = users["webmaster"]
    authenticator(user)
    call_command("remove_second_factor", "webmaster")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert "webmaster" in capsys.readouterr().out
    assert ModelLogEntry.objects.filter(
        action="prongsai.second_factor_removed", object_id=str(user.pk)
    ).exists()
