"""The whole road — request, approve or refuse, publish, notify — and every wrong turn."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page

from prongsai.channels.models import Notification
from prongsai.core import samplefiles
from prongsai.disclosures.models import AgencyDocument, DisclosureIndexPage, DisclosurePage
from prongsai.publishing.models import PublicationRequest, RequestStatus

pytestmark = pytest.mark.django_db

PDF = samplefiles.make_pdf("ประกาศผลการสอบราคา", ["รายละเอียดการสอบราคาจ้างซ่อมถนน"], agency="อบต.")


def form_data(category, **extra):
    data = {
        "title": "ประกาศผลการสอบราคาจ้างซ่อมถนน หมู่ที่ 5",
        "category": category.pk,
        "description": "ขอเผยแพร่ประกาศผลการสอบราคา\nรายละเอียดตามไฟล์แนบ",
        "data_period_start": "2026-10-01",
        "data_period_end": "2026-10-31",
        "wanted_publish_date": "",
        "wanted_takedown_date": "",
        "contact_phone": "044-123-456",
        "contact_email": "requester@nongnamsai.go.th",
        "files": [SimpleUploadedFile("ประกาศผลการสอบราคา.pdf", PDF)],
    }
    data.update(extra)
    return data


@pytest.fixture
def category():
    return DisclosureIndexPage.objects.get(slug="procurement-reports")


def submit(client, user, category, **extra):
    client.force_login(user)
    return client.post("/admin/requests/new/", form_data(category, **extra))


def act(client, user, page, action, comment=""):
    """Take a workflow action as the editor's action menu does."""
    client.force_login(user)
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_state.current_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
    )


def latest_request():
    return PublicationRequest.objects.order_by("-pk").first()


def test_requester_submits_and_a_draft_with_everything_is_created(
    client, users, category, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, users["requester"], category)
    assert response.status_code == 302
    request_obj = latest_request()
    assert request_obj.status == RequestStatus.SUBMITTED
    assert request_obj.requester_name == "วันเพ็ญ ศรีสุข"
    assert request_obj.requester_position == "นักวิชาการเงินและบัญชีปฏิบัติการ"
    assert request_obj.department_name == "กองคลัง"
    page = request_obj.page.specific
    assert isinstance(page, DisclosurePage) and not page.live
    assert page.get_parent().pk == category.pk
    assert page.department.name == "กองคลัง"
    assert str(page.data_period_start) == "2026-10-01"
    document = page.attached_documents()[0]
    assert document.filename == "ประกาศผลการสอบราคา.pdf"  # the Thai name is kept
    assert page.current_workflow_state is not None
    approver_notes = Notification.objects.filter(
        recipient=users["approver"], kind="request.submitted"
    )
    assert approver_notes.filter(subject__contains=request_obj.title).exists()
    assert any(users["approver"].email in m.to for m in mailoutbox)


def test_the_whole_road_approve_publish_notify(
    client, users, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, users["requester"], category)
        request_obj = latest_request()
        act(client, users["approver"], request_obj.page, "approve")
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.APPROVED
    assert request_obj.decided_by == users["approver"]
    assert request_obj.publish_due is not None
    assert Notification.objects.filter(
        recipient=users["webmaster"], kind="request.approved", subject__contains=request_obj.title
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, users["webmaster"], request_obj.page, "approve")
    request_obj.refresh_from_db()
    page = request_obj.page.specific
    assert page.live
    assert request_obj.status == RequestStatus.PUBLISHED
    assert request_obj.published_by == users["webmaster"]
    assert request_obj.days_to_publish is not None
    note = Notification.objects.get(
        recipient=users["requester"], kind="request.published", subject__contains=request_obj.title
    )
    assert page.url in note.body
    html = client.get(page.url).content.decode()
    assert "กองคลัง" in html and "ประกาศผลการสอบราคา" in html and "PDF" in html


def test_refusal_needs_a_reason_and_reaches_the_requester(
    client, users, category, django_capture_on_commit_callbacks
):
    submit(client, users["requester"], category)
    request_obj = latest_request()
    act(client, users["approver"], request_obj.page, "reject", comment="")
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.SUBMITTED  # no reason, no refusal
    reason = "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน"
    with django_capture_on_commit_callbacks(execute=True):
        act(client, users["approver"], request_obj.page, "reject", comment=reason)
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.RETURNED
    assert request_obj.decision_reason == reason
    note = Notification.objects.get(
        recipient=users["requester"], kind="request.returned", subject__contains=request_obj.title
    )
    assert reason in note.body
    assert not request_obj.page.specific.live


def test_webmaster_can_send_back_with_a_comment(
    client, users, category, django_capture_on_commit_callbacks
):
    submit(client, users["requester"], category)
    request_obj = latest_request()
    act(client, users["approver"], request_obj.page, "approve")
    with django_capture_on_commit_callbacks(execute=True):
        act(client, users["webmaster"], request_obj.page, "reject", comment="ไฟล์ไม่ครบ")
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.RETURNED
    assert Notification.objects.filter(
        recipient=users["approver"], kind="request.returned"
    ).exists()


def test_an_approver_cannot_approve_their_own_item(client, users, category):
    submit(client, users["approver"], category)
    request_obj = latest_request()
    act(client, users["approver"], request_obj.page, "approve")
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.SUBMITTED
    assert not request_obj.page.specific.live


def test_a_requester_cannot_approve_or_publish(client, users, category):
    submit(client, users["requester"], category)
    request_obj = latest_request()
    act(client, users["requester"], request_obj.page, "approve")
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.SUBMITTED
    page = request_obj.page.specific
    assert not page.permissions_for_user(users["requester"]).can_publish()
    client.force_login(users["requester"])
    client.post(f"/admin/pages/{page.pk}/unpublish/")
    client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert not Page.objects.get(pk=page.pk).live


def test_webmaster_cannot_publish_before_approval(client, users, category):
    submit(client, users["requester"], category)
    request_obj = latest_request()
    act(client, users["webmaster"], request_obj.page, "approve")
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.SUBMITTED


def test_wanted_publish_date_schedules_the_item(client, users, category):
    import datetime

    from django.utils import timezone

    later = timezone.localdate() + datetime.timedelta(days=5)
    submit(client, users["requester"], category, wanted_publish_date=later.isoformat())
    request_obj = latest_request()
    act(client, users["approver"], request_obj.page, "approve")
    act(client, users["webmaster"], request_obj.page, "approve")
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.SCHEDULED
    assert not request_obj.page.specific.live


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (50 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("รายงาน.pdf", b"", "ว่างเปล่า"),
        ("setup.exe", b"MZ\x90\x00" + b"\0" * 300, "exe"),
        ("รายงาน.pdf", samplefiles.make_docx("x", ["ข้อความ"], agency="อบต."), "Word (DOCX)"),
        ("page.html", b"<html><script>alert(1)</script></html>", "html"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "svg"),
        ("scan.pdf", b"<html><script>alert(1)</script></html>", "ไม่ใช่ชนิดที่อนุญาต"),
        ("bomb.zip", zip_bomb(), "archive bomb"),
    ],
)
def test_bad_files_are_refused_in_thai_and_nothing_is_saved(
    client, users, category, name, data, message
):
    before = (
        PublicationRequest.objects.count(),
        AgencyDocument.objects.count(),
        DisclosurePage.objects.count(),
    )
    response = submit(client, users["requester"], category, files=[SimpleUploadedFile(name, data)])
    assert response.status_code == 200
    assert message in response.content.decode()
    after = (
        PublicationRequest.objects.count(),
        AgencyDocument.objects.count(),
        DisclosurePage.objects.count(),
    )
    assert after == before


def test_the_agency_file_size_limit_is_enforced(client, users, category, demo_site):
    from prongsai.agencies.models import AgencySettings

    settings = AgencySettings.for_site(demo_site)
    settings.max_file_mb = 0
    settings.save()
    response = submit(client, users["requester"], category)
    assert "ต่อไฟล์" in response.content.decode() or "at most" in response.content.decode()
    assert not PublicationRequest.objects.filter(title__contains="หมู่ที่ 5").exists()


def test_form_errors_keep_what_was_typed(client, users, category):
    response = submit(client, users["requester"], category, data_period_end="2026-09-01")
    body = response.content.decode()
    assert response.status_code == 200
    assert "ประกาศผลการสอบราคาจ้างซ่อมถนน หมู่ที่ 5" in body


def test_requester_sees_only_own_requests_and_cannot_open_others(client, users, category):
    submit(client, users["webmaster2"], category)
    others = latest_request()
    client.force_login(users["requester"])
    assert client.get(f"/admin/requests/{others.pk}/").status_code == 404
    assert client.get(f"/admin/requests/{others.pk}/pdf/").status_code == 404
    listing = client.get("/admin/requests/").content.decode()
    assert others.title not in listing


def test_another_agency_cannot_see_this_agencys_requests(client, users, category, other_agency):
    submit(client, users["requester"], category)
    request_obj = latest_request()
    client.force_login(other_agency["webmaster"])
    assert client.get(f"/admin/requests/{request_obj.pk}/").status_code == 404


def test_overdue_items_are_highlighted_for_webmasters_and_executives(client, users):
    overdue = PublicationRequest.objects.filter(status=RequestStatus.APPROVED)
    assert overdue.exists() and all(r.is_overdue for r in overdue)
    for username in ["webmaster", "executive"]:
        client.force_login(users[username])
        home = client.get("/admin/").content.decode()
        assert "เกินกำหนดเผยแพร่ 3 วัน" in home
        assert overdue.first().title in home
    listing = client.get("/admin/requests/?status=overdue").content.decode()
    assert overdue.first().title in listing


def test_request_pdf_and_yearly_report_download_in_thai(client, users):
    from pypdf import PdfReader

    published = PublicationRequest.objects.filter(status=RequestStatus.PUBLISHED).first()
    client.force_login(users["webmaster"])
    response = client.get(f"/admin/requests/{published.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert published.title[:20] in text and "วันเพ็ญ" in text
    year = published.fiscal_year
    pdf = client.get(f"/admin/requests/report/{year}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/admin/requests/report/{year}.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx.content))
    values = [c.value for row in workbook.worksheets[0].iter_rows() for c in row if c.value]
    assert any(published.title == v for v in values)


def test_requesters_cannot_download_the_yearly_report(client, users):
    client.force_login(users["requester"])
    response = client.get("/admin/requests/report/2570.pdf")
    assert response.get("Content-Type") != "application/pdf"
    assert not response.content.startswith(b"%PDF")


def test_each_step_is_in_the_audit_log_with_who_and_why(client, users, category):
    from wagtail.models import PageLogEntry

    submit(client, users["requester"], category)
    request_obj = latest_request()
    act(client, users["approver"], request_obj.page, "reject", comment="ข้อมูลไม่ครบถ้วน")
    actions = {(e.action, e.user_id) for e in PageLogEntry.objects.filter(page=request_obj.page)}
    assert ("prongsai.request.submit", users["requester"].pk) in actions
    assert ("prongsai.request.return", users["approver"].pk) in actions
    entry = PageLogEntry.objects.get(page=request_obj.page, action="prongsai.request.return")
    assert entry.data["reason"] == "ข้อมูลไม่ครบถ้วน"


def test_login_and_logout_are_recorded(client, users):
    from wagtail.models import ModelLogEntry

    client.post("/admin/login/", {"username": "webmaster", "password": "prongsai-demo"})
    client.post("/admin/logout/")
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(users["webmaster"].pk)).values_list(
            "action", flat=True
        )
    )
    assert "prongsai.login" in actions and "prongsai.logout" in actions


def test_settings_page_warns_when_fewer_than_two_webmasters(client, users, demo_site):
    client.force_login(users["admin"])
    url = f"/admin/settings/agencies/agencysettings/{demo_site.pk}/"
    assert "อย่างน้อย 2 คน" not in client.get(url).content.decode()
    users["webmaster2"].is_active = False
    users["webmaster2"].save()
    assert "อย่างน้อย 2 คน" in client.get(url).content.decode()


def test_demo_shows_requests_in_every_state():
    statuses = set(PublicationRequest.objects.values_list("status", flat=True))
    assert {
        RequestStatus.SUBMITTED,
        RequestStatus.RETURNED,
        RequestStatus.APPROVED,
        RequestStatus.PUBLISHED,
    } <= statuses
    assert (
        PublicationRequest.objects.filter(status=RequestStatus.RETURNED)
        .exclude(decision_reason="")
        .exists()
    )


def test_a_webmaster_cannot_publish_around_the_approval(client, users, category):
    submit(client, users["requester"], category)
    request_obj = latest_request()
    page = request_obj.page.specific
    assert not page.permissions_for_user(users["webmaster"]).can_publish()
    act(client, users["approver"], request_obj.page, "approve")
    page = Page.objects.get(pk=page.pk).specific
    assert page.permissions_for_user(users["webmaster"]).can_publish()


def test_the_requester_is_emailed_on_refusal_and_on_publication(
    client, users, category, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, users["requester"], category)
        first = latest_request()
        act(client, users["approver"], first.page, "reject", comment="แนบไฟล์ผิด")
        submit(client, users["requester"], category, title="เรื่องที่สองเพื่อเผยแพร่")
        second = latest_request()
        act(client, users["approver"], second.page, "approve")
        act(client, users["webmaster"], second.page, "approve")
    to_requester = [m for m in mailoutbox if users["requester"].email in m.to]
    bodies = "\n".join(m.subject + m.body for m in to_requester)
    assert "แนบไฟล์ผิด" in bodies
    assert "เผยแพร่แล้ว: เรื่องที่สองเพื่อเผยแพร่" in bodies


def test_a_draft_submitted_from_the_page_editor_gets_the_same_record(
    users, demo_site, django_capture_on_commit_callbacks
):
    budget = DisclosureIndexPage.objects.get(slug="budget")
    assert budget.permissions_for_user(users["requester"]).can_add_subpage()
    page = DisclosurePage(
        title="ร่างรายงานงบประมาณจากตัวแก้ไข", owner=users["requester"], source="กองคลัง", live=False
    )
    budget.add_child(instance=page)
    page.save_revision(user=users["requester"])
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, users["requester"])
    request_obj = PublicationRequest.objects.get(page=page)
    assert request_obj.status == RequestStatus.SUBMITTED
    assert request_obj.department_name == "กองคลัง"
    assert Notification.objects.filter(
        recipient=users["approver"], subject__contains=page.title
    ).exists()


def test_wagtail_english_workflow_emails_are_replaced_by_ours(
    client, users, category, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, users["requester"], category)
    subjects = [m.subject for m in mailoutbox]
    assert subjects and all("คำขอเผยแพร่ข้อมูลใหม่" in s for s in subjects)
