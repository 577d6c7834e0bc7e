"""The whole road in Chromium with the demo accounts: a requester sends a PDF with the form,
the approver approves, a webmaster publishes, the public page shows it, the requester is told,
and the written record downloads in readable Thai."""

import io
import re
import subprocess

import pytest
from openpyxl import load_workbook

from prongsai.core import samplefiles

pytestmark = pytest.mark.browser

TITLE = "ประกาศผลการประกวดราคาจ้างก่อสร้างรางระบายน้ำ หมู่ที่ 9"


def login(chromium, base, username, width=1280):
    context = chromium.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    return context, page


def take_workflow_action(page, label):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button = page.get_by_role("button", name=label, exact=True)
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state("networkidle")


def pdf_text(data, tmp_path):
    target = tmp_path / "doc.pdf"
    target.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_request_approve_publish_notify_and_paper_trail(
    demo_server, chromium, tmp_path, screenshots_dir
):
    upload = tmp_path / "ประกาศผลการประกวดราคา.pdf"
    upload.write_bytes(
        samplefiles.make_pdf(
            TITLE, ["ผู้ชนะการเสนอราคา หจก.ทดสอบการโยธา"], agency="องค์การบริหารส่วนตำบลหนองน้ำใส"
        )
    )

    # 1. The requester fills in the form.
    context, page = login(chromium, demo_server, "requester")
    page.goto(demo_server + "/admin/requests/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_category", label="ผลการดำเนินงาน › สรุปผลการจัดซื้อจัดจ้าง (สขร.1)")
    page.fill("#id_description", "ขอเผยแพร่ประกาศผลการประกวดราคา\nรายละเอียดตามไฟล์แนบ")
    page.set_input_files("#id_files", str(upload))
    page.fill("#id_data_period_start", "2026-11-01")
    page.fill("#id_data_period_end", "2026-11-30")
    page.screenshot(path=screenshots_dir / "request-form.png", full_page=True)
    page.get_by_role("button", name="ส่งคำขอเผยแพร่").click()
    page.wait_for_url(re.compile(r".*/admin/requests/\d+/$"))
    assert "รอพิจารณาอนุมัติ" in page.content()
    request_url = page.url
    context.close()

    # 2. The approver approves it in the editor.
    context, page = login(chromium, demo_server, "approver")
    page.goto(request_url)
    page.get_by_role("link", name="เปิดรายการเพื่ออนุมัติ/เผยแพร่").click()
    take_workflow_action(page, "อนุมัติ")
    page.goto(request_url)
    assert "อนุมัติแล้ว รอนำขึ้นเผยแพร่" in page.content()
    context.close()

    # 3. A webmaster publishes it.
    context, page = login(chromium, demo_server, "webmaster")
    page.goto(request_url)
    page.get_by_role("link", name="เปิดรายการเพื่ออนุมัติ/เผยแพร่").click()
    take_workflow_action(page, "ตรวจสอบความถูกต้องแล้ว และเผยแพร่")
    page.goto(request_url)
    assert "เผยแพร่แล้ว" in page.content()
    public_path = page.get_by_role("link", name="ดูหน้าที่เผยแพร่").get_attribute("href")
    with page.expect_download() as report:
        page.goto(demo_server + "/admin/requests/")
        page.get_by_role("link", name=re.compile(r"รายงานประจำปี .* \(Excel\)")).click()
    workbook = load_workbook(io.BytesIO(open(report.value.path(), "rb").read()))
    cells = [str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row if c.value]
    assert TITLE in cells
    context.close()

    # 4. The public page shows owner, data period, publish date, file type and size.
    anonymous = chromium.new_page(viewport={"width": 375, "height": 800})
    anonymous.goto(demo_server + public_path if public_path.startswith("/") else public_path)
    meta = anonymous.locator(".disclosure-meta").inner_text()
    assert "กองคลัง" in meta
    assert "1 พฤศจิกายน 2569 – 30 พฤศจิกายน 2569" in meta
    assert "วันที่เผยแพร่" in meta
    file_meta = anonymous.locator(".file-meta").first.inner_text()
    assert re.search(r"PDF · [\d.]+ KB", file_meta)
    assert anonymous.locator(".file-link").first.get_attribute("download") == upload.name
    anonymous.screenshot(path=screenshots_dir / "published-request.png", full_page=True)
    anonymous.close()

    # 5. The requester was told, and downloads the request form in Thai.
    context, page = login(chromium, demo_server, "requester")
    page.goto(demo_server + "/admin/notifications/")
    notes = page.content()
    assert f"เผยแพร่แล้ว: {TITLE}" in notes
    page.goto(request_url)
    with page.expect_download() as form_pdf:
        page.get_by_role("link", name="ดาวน์โหลดแบบฟอร์มคำขอ (PDF)").click()
    text = pdf_text(open(form_pdf.value.path(), "rb").read(), tmp_path)
    assert "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์" in text
    assert "วันเพ็ญ ศรีสุข" in text and "สมชาย รักษ์ถิ่น" in text
    assert "ศิริพร ใจดี" in text
    context.close()
