"""Publication requests in every state, made through the real road (form → workflow), so a
new user sees waiting, refused, approved-but-overdue and published items at once."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Page

from prongsai.core import samplefiles
from prongsai.publishing import requests as publishing
from prongsai.publishing.models import PublicationRequest

DEMO_REQUESTS = [
    # (slug of category, title, file kind, outcome, days ago submitted)
    ("procurement-plans", "แผนการจัดซื้อจัดจ้างเพิ่มเติม ฉบับที่ 1", "xlsx", "waiting", 1),
    ("general", "ประชาสัมพันธ์โครงการอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน", "pdf", "waiting", 0),
    ("finance-reports", "รายงานรับจ่ายเงินสดประจำเดือน (ฉบับร่าง)", "pdf", "refused", 6),
    ("budget", "ประกาศใช้ข้อบัญญัติงบประมาณรายจ่ายเพิ่มเติม", "pdf", "overdue", 8),
    ("procurement-reports", "สรุปผลการจัดซื้อจัดจ้างไตรมาสที่ 1", "pdf", "published", 12),
    ("jobs", "ประกาศรับสมัครพนักงานจ้างตามภารกิจ ตำแหน่งผู้ช่วยนักวิชาการเงินและบัญชี", "docx", "published", 20),
]

REFUSAL = "ไม่อนุมัติ เนื่องจากเป็นเอกสารฉบับร่างที่ยังไม่ผ่านการตรวจสอบของผู้อำนวยการกองคลัง กรุณาส่งฉบับที่ลงนามแล้ว"


def _upload(title, kind, agency):
    text = [
        f"{title} — เอกสารประกอบคำขอเผยแพร่ข้อมูลผ่านเว็บไซต์",
        "รายละเอียดตามเอกสารแนบ ขอให้ผู้ดูแลเว็บไซต์นำขึ้นเผยแพร่ในหมวดที่ระบุ",
    ]
    if kind == "pdf":
        data = samplefiles.make_pdf(title, text, agency=agency)
    elif kind == "docx":
        data = samplefiles.make_docx(title, text, agency=agency)
    else:
        data = samplefiles.make_xlsx(
            title,
            ["รายการ", "วงเงิน (บาท)"],
            [["วัสดุสำนักงาน", 25000.0], ["ครุภัณฑ์คอมพิวเตอร์", 48000.0]],
            agency=agency,
        )
    return SimpleUploadedFile(f"{title[:40]}.{kind}", data)


def _act(page, user, action, comment=""):
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


def _backdate(request_obj, days_ago, decided_after=None, published_after=None):
    submitted = timezone.now() - datetime.timedelta(days=days_ago)
    updates = {"submitted_at": submitted}
    if decided_after is not None:
        decided = submitted + datetime.timedelta(days=decided_after)
        updates.update(decided_at=decided, publish_due=decided + datetime.timedelta(days=3))
    if published_after is not None:
        updates["published_at"] = submitted + datetime.timedelta(days=published_after)
    PublicationRequest.objects.filter(pk=request_obj.pk).update(**updates)


def build_demo_requests(site, users, agency_name):
    categories = {p.slug: p for p in site.root_page.get_descendants()}
    requester, approver, webmaster = users["requester"], users["approver"], users["webmaster"]
    for slug, title, kind, outcome, days_ago in DEMO_REQUESTS:
        cleaned = {
            "title": title,
            "category": categories[slug],
            "description": f"ขอเผยแพร่{title} เพื่อให้ประชาชนรับทราบตามพระราชบัญญัติข้อมูลข่าวสาร"
            "ของราชการ พ.ศ. 2540",
            "files": [_upload(title, kind, agency_name)],
            "data_period_start": None,
            "data_period_end": None,
            "wanted_publish_date": None,
            "wanted_takedown_date": None,
            "contact_phone": "044-123-456 ต่อ 201",
            "contact_email": requester.email,
        }
        request_obj = publishing.submit(cleaned, requester, site)
        page = request_obj.page
        if outcome == "refused":
            _act(page, approver, "reject", REFUSAL)
            _backdate(request_obj, days_ago, decided_after=1)
        elif outcome == "overdue":
            _act(page, approver, "approve")
            _backdate(request_obj, days_ago, decided_after=1)
        elif outcome == "published":
            _act(page, approver, "approve")
            _act(page, webmaster, "approve")
            _backdate(request_obj, days_ago, decided_after=1, published_after=2)
        else:
            _backdate(request_obj, days_ago)
