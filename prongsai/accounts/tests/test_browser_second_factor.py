"""In Debian's Chromium: set up two-step verification from the account page, sign out, and
sign in again with the password and the app's code."""

import base64

import pytest
from django_otp.oath import totp

pytestmark = pytest.mark.browser

USERNAME = "webmaster2"  # no other browser test signs in as this account


def app_code(secret, seconds_ahead=0):
    """What the phone shows now (or one 30-second step later)."""
    return f"{totp(secret, t0=-seconds_ahead):06d}"


def sign_in(page, base):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_set_up_and_sign_in_with_the_app_code(demo_server, chromium, screenshots_dir):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, demo_server)
    page.goto(demo_server + "/admin/account/")
    page.get_by_role("link", name="ยืนยันตัวตนสองขั้นตอน").click()
    page.wait_for_load_state()
    assert page.locator(".prongsai-qr svg").count() == 1
    key = page.locator("[data-manual-key]").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.fill("#id_code", app_code(secret))
    page.get_by_role("button", name="เปิดใช้การยืนยันตัวตนสองขั้นตอน").click()
    page.wait_for_load_state()
    try:
        assert page.locator("[data-recovery-codes] li").count() == 10
        page.screenshot(path=screenshots_dir / "second-factor-codes-1280.png", full_page=True)
        page.context.clear_cookies()

        sign_in(page, demo_server)
        assert "/admin/sign-in/code/" in page.url
        assert "รหัส 6 หลัก" in page.content()
        # the code just used to confirm is spent; the app's next one is accepted already
        page.fill("#id_code", app_code(secret, seconds_ahead=30))
        page.get_by_role("button", name="ยืนยัน", exact=True).click()
        page.wait_for_load_state()
        assert page.url.rstrip("/").endswith("/admin")
        assert page.locator("#id_code").count() == 0
    finally:
        page.goto(demo_server + "/admin/account/second-factor/")
        if page.get_by_role("button", name="ลบการยืนยันตัวตนสองขั้นตอน").count():
            page.get_by_role("button", name="ลบการยืนยันตัวตนสองขั้นตอน").click()
            page.wait_for_load_state()
        page.close()
