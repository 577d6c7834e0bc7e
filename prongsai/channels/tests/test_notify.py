"""notify(): in-app notifications always, Thai e-mails after commit, failures recorded."""

import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from prongsai.agencies.models import AgencyRole, Role
from prongsai.channels.models import Notification
from prongsai.channels.notify import (
    NO_EMAIL,
    absolute_url,
    notify,
    unread_count,
    users_in_group,
    users_with_role,
)
from prongsai.channels.tests.conftest import AGENCY_NAME

pytestmark = pytest.mark.django_db

SUBJECT = "มีคำขอเผยแพร่ข้อมูลรอการอนุมัติ"
BODY = "งานพัสดุขอเผยแพร่ “ประกาศราคากลางโครงการก่อสร้างถนน”\nกรุณาพิจารณาภายใน 3 วัน"


def test_notify_creates_notifications_and_sends_thai_emails_after_commit(
    users, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://www.agency.go.th"
    approver, webmaster = users["approver"], users["webmaster"]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = notify(
            [approver, webmaster, approver],  # a repeated person is notified once
            SUBJECT,
            BODY,
            url="/admin/pages/3/edit/",
            kind="request.submitted",
            agency_name=AGENCY_NAME,
        )
        # saved at once, but nothing is e-mailed before the transaction commits
        assert len(created) == 2
        assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()

    assert [n.recipient for n in created] == [approver, webmaster]
    stored = Notification.objects.filter(kind="request.submitted")
    assert stored.count() == 2
    for notification in stored:
        assert notification.subject == SUBJECT
        assert notification.body == BODY
        assert notification.url == "/admin/pages/3/edit/"
        assert notification.read_at is None
        assert notification.emailed_at is not None
        assert notification.email_error == ""

    assert len(mailoutbox) == 2
    message = next(m for m in mailoutbox if m.to == [approver.email])
    assert message.subject == SUBJECT
    name = approver.get_full_name()
    assert name.strip()
    assert f"เรียน คุณ{name}" in message.body
    assert "ประกาศราคากลางโครงการก่อสร้างถนน" in message.body
    assert "https://www.agency.go.th/admin/pages/3/edit/" in message.body
    assert AGENCY_NAME in message.body
    assert "กรุณาอย่าตอบกลับ" in message.body
    assert "https://www.agency.go.th/admin/notifications/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="th"' in html
    assert f"เรียน คุณ{name}" in html
    assert 'href="https://www.agency.go.th/admin/pages/3/edit/"' in html
    assert "กรุณาพิจารณาภายใน 3 วัน" in html and "<br>" in html
    # the returned objects know the e-mail went out
    assert all(n.emailed_at for n in created)


def test_rolled_back_action_sends_nothing(users, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(users["requester"], "คำขอถูกส่งกลับ", "เหตุผล: ไม่ครบ", kind="x.rolled")
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert mailoutbox == []
    assert not Notification.objects.filter(kind="x.rolled").exists()


def test_public_link_stays_absolute_and_default_agency_name(
    users, mailoutbox, django_capture_on_commit_callbacks, agency
):
    from prongsai.agencies.models import AgencySettings

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            users["requester"],
            "รายการของท่านเผยแพร่แล้ว",
            "ประกาศราคากลางเผยแพร่บนเว็บไซต์แล้ว",
            url="http://127.0.0.1:8000/news/price/",
            kind="request.published",
        )
    (message,) = mailoutbox
    assert "http://127.0.0.1:8000/news/price/" in message.body
    # the requester works in one agency: the footer names it
    assert AgencySettings.for_site(agency.site).display_name in message.body


def test_user_without_email_still_gets_the_in_app_notification(
    users, mailoutbox, django_capture_on_commit_callbacks
):
    requester = users["requester"]
    requester.email = ""
    requester.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notify(requester, "คำขอถูกส่งกลับ", "เหตุผล: เอกสารไม่ครบ")
    notification.refresh_from_db()
    assert notification.email_error == NO_EMAIL == "ไม่มีอีเมล"
    assert notification.emailed_at is None
    assert mailoutbox == []
    assert unread_count(requester) == 1


def test_smtp_failure_is_recorded_and_the_notification_kept(
    users, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    original = EmailBackend.send_messages

    def refuse_the_approver(self, messages):
        if messages[0].to == [users["approver"].email]:
            raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"no such user")})
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_approver)
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(
            [users["approver"], users["webmaster"]], SUBJECT, BODY, kind="request.submitted"
        )

    failed, sent = (Notification.objects.get(pk=n.pk) for n in created)
    assert failed.emailed_at is None
    assert "SMTPRecipientsRefused" in failed.email_error
    assert sent.emailed_at is not None and sent.email_error == ""
    # the other message still went out, and both people see the notification in the admin
    assert [m.to for m in mailoutbox] == [[users["webmaster"].email]]
    assert unread_count(users["approver"]) == 1


def test_a_dead_mail_server_loses_no_notification(
    users, django_capture_on_commit_callbacks, monkeypatch
):
    def dead(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", dead)
    with django_capture_on_commit_callbacks(execute=True):
        created = notify([users["approver"], users["webmaster"]], SUBJECT, BODY)
    for notification in created:
        notification.refresh_from_db()
        assert "Connection refused" in notification.email_error
    assert Notification.objects.filter(pk__in=[n.pk for n in created]).count() == 2


def test_inactive_users_are_skipped(users, mailoutbox, django_capture_on_commit_callbacks):
    executive = users["executive"]
    executive.is_active = False
    executive.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        created = notify([executive, users["webmaster"]], SUBJECT, BODY)
    assert [n.recipient for n in created] == [users["webmaster"]]
    assert not Notification.objects.filter(recipient=executive).exists()
    assert [m.to for m in mailoutbox] == [[users["webmaster"].email]]


def test_email_false_is_in_app_only(users, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        (notification,) = notify(users["webmaster"], SUBJECT, BODY, email=False)
    assert callbacks == [] and mailoutbox == []
    assert notification.email_error == "" and notification.emailed_at is None


def test_no_recipients_is_harmless(users, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert notify([], SUBJECT, BODY) == []
        assert notify(None, SUBJECT, BODY) == []
    assert mailoutbox == []


def test_subject_is_one_line(users, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notify(users["webmaster"], "บรรทัดแรก\nบรรทัดที่สอง", "")
    assert notification.subject == "บรรทัดแรก บรรทัดที่สอง"
    assert mailoutbox[0].subject == "บรรทัดแรก บรรทัดที่สอง"


def test_groups_and_roles_as_recipients(users, agency, django_capture_on_commit_callbacks):
    approvers = AgencyRole.objects.get(site=agency.site, role=Role.APPROVER).group
    assert list(users_in_group(approvers)) == [users["approver"]]
    assert list(users_in_group(approvers.name)) == [users["approver"]]
    assert list(users_with_role(agency.site, Role.APPROVER)) == [users["approver"]]
    webmasters = set(users_with_role(agency.site, Role.WEBMASTER))
    assert webmasters == {users["webmaster"], users["webmaster2"]}

    with django_capture_on_commit_callbacks(execute=True):
        created = notify([approvers, users["approver"]], SUBJECT, BODY)
    assert [n.recipient for n in created] == [users["approver"]]


def test_unread_count(users):
    webmaster = users["webmaster"]
    assert unread_count(webmaster) == 0
    first, second = (notify(webmaster, f"เรื่องที่ {i}", "", email=False)[0] for i in (1, 2))
    assert unread_count(webmaster) == 2
    first.mark_read()
    assert unread_count(webmaster) == 1
    assert unread_count(None) == 0
    from django.contrib.auth.models import AnonymousUser

    assert unread_count(AnonymousUser()) == 0


def test_absolute_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.example.go.th/"
    assert absolute_url("") == ""
    assert absolute_url("/admin/x/") == "https://www.example.go.th/admin/x/"
    assert absolute_url("admin/x/") == "https://www.example.go.th/admin/x/"
    assert absolute_url("https://other.go.th/a?b=http://c") == "https://other.go.th/a?b=http://c"
    assert absolute_url("//cdn.example.go.th/f.pdf") == "https://cdn.example.go.th/f.pdf"
    assert absolute_url("/search/?q=http://x") == "https://www.example.go.th/search/?q=http://x"


def test_emails_use_the_recipients_admin_language(
    users, mailoutbox, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users["webmaster"])
    profile.preferred_language = "en"
    profile.save()
    webmaster = get_user_model().objects.get(pk=users["webmaster"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        notify([webmaster, users["approver"]], SUBJECT, BODY, agency_name=AGENCY_NAME)
    english = next(m for m in mailoutbox if m.to == [webmaster.email])
    thai = next(m for m in mailoutbox if m.to == [users["approver"].email])
    assert english.body.startswith("Dear ")
    assert thai.body.startswith("เรียน คุณ")
