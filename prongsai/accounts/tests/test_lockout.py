"""Wrong passwords lock a username out from an address; the lockout is audited and only the
right administrator may lift it."""

from axes.models import AccessAttempt, AccessFailureLog
from django.test import RequestFactory
from wagtail.models import ModelLogEntry

from prongsai.accounts.tests.conftest import (
    DEMO_PASSWORD,
    WRONG_PASSWORD,
    sign_in,
    signed_in_user_id,
)
from prongsai.core.clients import client_address


def fail(client, username, times=5):
    for _ in range(times):
        sign_in(client, username, WRONG_PASSWORD)


def test_right_password_after_five_wrong_ones_does_not_sign_in(client, users):
    fail(client, "webmaster")
    response = sign_in(client, "webmaster", DEMO_PASSWORD)
    assert response.status_code == 429
    assert signed_in_user_id(client) is None
    page = response.content.decode()
    assert "ล็อก" in page and "ผู้ดูแลระบบของหน่วยงาน" in page
    assert "ลองใหม่ได้หลัง" in page


def test_four_wrong_passwords_still_let_the_right_one_in(client, users):
    fail(client, "webmaster", times=4)
    sign_in(client, "webmaster", DEMO_PASSWORD)
    assert signed_in_user_id(client) == str(users["webmaster"].pk)
    assert not AccessAttempt.objects.filter(username="webmaster").exists()


def test_failed_sign_ins_and_the_lockout_are_in_the_audit_log(client, users):
    fail(client, "webmaster")
    entries = ModelLogEntry.objects.filter(object_id=str(users["webmaster"].pk))
    assert entries.filter(action="prongsai.signin_failed").count() == 5
    assert entries.filter(action="prongsai.signin_locked_out").count() == 1
    assert entries.first().data["ip"] == "127.0.0.1"
    assert AccessFailureLog.objects.filter(username="webmaster").count() == 5


def test_another_address_is_not_locked_out(client, users):
    fail(client, "webmaster")
    client.post(
        "/admin/login/",
        {"username": "webmaster", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert signed_in_user_id(client) == str(users["webmaster"].pk)


def test_forwarded_address_counts_only_from_the_trusted_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5"
    )
    assert client_address(request) == "10.0.0.1"
    settings.PRONGSAI_TRUSTED_PROXY = ["10.0.0.1"]
    assert client_address(request) == "203.0.113.5"


def test_agency_admin_unlocks_a_user_of_their_agency(client, agency_admin):
    fail(client, "webmaster")
    client.force_login(agency_admin)
    page = client.get("/admin/sign-ins/").content.decode()
    assert 'data-lockout="webmaster"' in page
    response = client.post("/admin/sign-ins/", {"username": "webmaster"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="webmaster").exists()
    assert ModelLogEntry.objects.filter(action="prongsai.signin_unlocked").exists()


def test_agency_admin_cannot_see_or_unlock_a_user_of_another_agency(
    client, agency_admin, other_agency
):
    fail(client, "other-webmaster")
    client.force_login(agency_admin)
    page = client.get("/admin/sign-ins/").content.decode()
    assert "other-webmaster" not in page
    response = client.post("/admin/sign-ins/", {"username": "other-webmaster"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused
    assert AccessAttempt.objects.filter(username="other-webmaster", failures_since_start=5).exists()


def test_platform_admin_sees_every_failed_sign_in(client, users, other_agency):
    fail(client, "other-webmaster", times=2)
    fail(client, "nobody-of-that-name", times=1)
    client.force_login(users["admin"])
    page = client.get("/admin/sign-ins/").content.decode()
    assert 'data-failure="other-webmaster"' in page
    assert 'data-failure="nobody-of-that-name"' in page


def test_webmaster_has_no_sign_ins_screen(client, users):
    fail(client, "approver")
    client.force_login(users["webmaster"])
    response = client.get("/admin/sign-ins/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused
    client.post("/admin/sign-ins/", {"username": "approver"})
    assert AccessAttempt.objects.filter(username="approver").exists()
