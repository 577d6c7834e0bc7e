"""The done-when of issue 6 in Debian's Chromium: a webmaster opens the FY2569 checklist, links
evidence for an item, runs the checks and sees which items fail and why; the public ITA page
passes axe-core and the Nu HTML checker."""

import json
import subprocess
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def test_webmaster_links_evidence_runs_checks_and_sees_failures(
    demo_server, chromium, screenshots_dir
):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_server + "/admin/login/")
    page.fill("#id_username", "webmaster")
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(demo_server + "/admin/ita/")
    page.get_by_role("link", name="ITA ปีงบประมาณ 2569").first.click()
    page.wait_for_load_state()
    assert "พร้อมแล้ว" in page.content()
    page.locator("tr", has_text="O18").get_by_role("link").first.click()
    page.wait_for_load_state()
    page.select_option("#id_entry-status", "in_progress")
    page.select_option("#id_evidence-0-page", label="ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_load_state()
    assert "บันทึกข้อ O18 แล้ว" in page.content()
    page.get_by_role("button", name="ตรวจหลักฐานทั้งหมด").click()
    page.wait_for_load_state()
    page.wait_for_selector("#run-progress", state="detached", timeout=120_000)
    page.wait_for_load_state()
    row = page.locator("tr", has_text="O18")
    assert "ไม่มีลิงก์จากหน้าแรก" in row.inner_text()
    assert "ไม่พบหลักฐาน" in page.locator("tr", has_text="O26").inner_text()
    assert "ข้อมูลไม่อยู่ในปีงบประมาณ 2568" in page.locator("tr", has_text="O12").inner_text()
    page.screenshot(path=screenshots_dir / "ita-checklist-1280.png", full_page=True)
    page.close()


def test_marking_the_checklist_submitted_asks_first(demo_server, chromium):
    """The question comes from the checklist's static script (no inline handler); saying no
    leaves the checklist open for editing."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(8000)
    page.set_default_navigation_timeout(20_000)  # the demo server shares a busy machine
    page.goto(demo_server + "/admin/login/")
    page.fill("#id_username", "webmaster")
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]", no_wait_after=True)
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    page.goto(demo_server + "/admin/ita/")
    page.get_by_role("link", name="ITA ปีงบประมาณ 2569").first.click()
    page.wait_for_load_state()
    status = page.locator("p", has_text="สถานะ").locator("strong").first.inner_text()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="บันทึกว่าส่งแบบสำรวจแล้ว").click()
    assert asked == ["ยืนยันว่าส่งแบบสำรวจในระบบ ITAS แล้ว? หลังจากนี้จะแก้ไขไม่ได้"]
    page.reload()
    assert page.locator("p", has_text="สถานะ").locator("strong").first.inner_text() == status
    assert page.get_by_role("button", name="บันทึกว่าส่งแบบสำรวจแล้ว").count() == 1
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_public_ita_page_is_accessible(demo_server, chromium, screenshots_dir, width):
    # axe goes in as an inline script, which the site's Content-Security-Policy refuses
    page = chromium.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    page.goto(demo_server + "/")
    page.get_by_role("link", name="การประเมินคุณธรรมและความโปร่งใส (ITA)").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ita/")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]
    page.screenshot(path=screenshots_dir / f"ita-page-{width}.png", full_page=True)
    page.close()
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


def test_public_ita_page_is_valid_html(demo_server, tmp_path):
    target = tmp_path / "ita.html"
    with urllib.request.urlopen(demo_server + "/ita/") as response:
        target.write_bytes(response.read())
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [f"{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"]
    assert not errors, "\n".join(errors)
