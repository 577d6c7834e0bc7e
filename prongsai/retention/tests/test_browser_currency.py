"""Issue 5's done-when in Debian's Chromium against the running demo (with its worker): the
webmaster gives a live news item a take-down time one minute ahead and nobody does anything
else; the item leaves the public page and its listing within a minute of that time and shows up
in the archive, from which it is put back at the same address."""

import datetime
import time
import urllib.error
import urllib.request
import zoneinfo

import pytest

pytestmark = pytest.mark.browser

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def login(page, server):
    page.goto(server + "/admin/login/")
    page.fill("#id_username", "webmaster")
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_an_item_comes_down_on_its_own_and_can_be_put_back(demo_server, chromium, screenshots_dir):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    login(page, demo_server)
    page.goto(demo_server + "/admin/currency/?section=soon")
    assert "จะถูกนำออกภายใน 30 วัน" in page.content()
    page.screenshot(path=screenshots_dir / "currency-soon-1280.png", full_page=True)
    row = page.locator("tr", has=page.get_by_role("link", name="ดูหน้าเว็บ")).first
    title = row.get_by_role("link").first.inner_text()
    public_url = row.get_by_role("link", name="ดูหน้าเว็บ").get_attribute("href")
    public_url = public_url if public_url.startswith("http") else demo_server + public_url
    listing_url = public_url.rstrip("/").rsplit("/", 1)[0] + "/"
    assert status_of(public_url)[0] == 200
    assert title in status_of(listing_url)[1]

    row.get_by_role("link").first.click()  # the admin editor of the item
    page.wait_for_load_state()
    at = (datetime.datetime.now(BANGKOK) + datetime.timedelta(minutes=1)).replace(
        second=0, microsecond=0
    ) + datetime.timedelta(minutes=1)
    page.evaluate(
        "v => { document.querySelector('#id_expire_at').value = v; }",
        at.strftime("%d/%m/%Y %H:%M"),
    )
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_load_state()
    assert status_of(public_url)[0] == 200

    # nobody acts from here on: the demo's worker takes it down
    while datetime.datetime.now(BANGKOK) < at:
        time.sleep(1)
    gone_after = None
    for waited in range(0, 75):
        if status_of(public_url)[0] == 404 and title not in status_of(listing_url)[1]:
            gone_after = waited
            break
        time.sleep(1)
    assert gone_after is not None and gone_after <= 60, gone_after

    page.goto(demo_server + "/admin/currency/?section=archived")
    archived_row = page.locator("tr", has_text=title).first
    assert archived_row.is_visible()
    page.screenshot(path=screenshots_dir / "currency-archived-1280.png", full_page=True)
    archived_row.locator("input[type=checkbox]").check()
    page.select_option("select[name=action]", "restore")
    page.get_by_role("button", name="ดำเนินการ", exact=True).click()
    page.wait_for_load_state()
    assert "ดำเนินการแล้ว 1 รายการ" in page.content()
    assert status_of(public_url)[0] == 200
    page.close()


def test_a_department_marks_an_item_to_keep_in_the_running_campaign(
    demo_server, chromium, screenshots_dir
):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    login(page, demo_server)
    page.goto(demo_server + "/admin/currency/campaigns/")
    page.get_by_role("link", name="แจ้งลบประกาศและผลการจัดซื้อจัดจ้าง").first.click()
    page.wait_for_load_state()
    assert "ประกาศแล้ว" in page.content()
    assert "ใช้เป็นหลักฐานประกอบการประเมิน ITA ปีนี้" in page.content()
    box = page.locator("input[type=checkbox][name^=keep-]:not(:checked)").first
    name = box.get_attribute("name")
    box.check()
    page.fill(f"#reason-{name.split('-')[1]}", "ยังอ้างอิงในรายงานประจำปี")
    page.get_by_role("button", name="บันทึกรายการที่ขอเก็บไว้").click()
    page.wait_for_load_state()
    assert "บันทึกแล้ว 1 รายการ" in page.content()
    page.screenshot(path=screenshots_dir / "campaign-1280.png", full_page=True)
    page.close()
