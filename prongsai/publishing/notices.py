"""The Thai messages of the publishing road, sent through the one notification mechanism."""

from django.contrib.auth import get_user_model
from wagtail.admin.admin_url_finder import AdminURLFinder

from prongsai.agencies.models import AgencySettings, Role
from prongsai.channels.notify import notify


def _agency_name(request_obj):
    return AgencySettings.for_site(request_obj.site).display_name


def _role_members(site, role):
    return (
        get_user_model()
        .objects.filter(
            groups__agency_role__site=site, groups__agency_role__role=role, is_active=True
        )
        .distinct()
    )


def _admin_url(request_obj):
    return f"/admin/requests/{request_obj.pk}/"


def request_submitted(request_obj):
    notify(
        _role_members(request_obj.site, Role.APPROVER),
        f"คำขอเผยแพร่ข้อมูลใหม่ {request_obj.reference}: {request_obj.title}",
        f"{request_obj.requester_name} ({request_obj.department_name}) ขอเผยแพร่ "
        f"“{request_obj.title}” กรุณาพิจารณาอนุมัติหรือไม่อนุมัติพร้อมเหตุผล",
        url=_admin_url(request_obj),
        kind="request.submitted",
        agency_name=_agency_name(request_obj),
    )


def request_approved(request_obj):
    notify(
        _role_members(request_obj.site, Role.WEBMASTER),
        f"อนุมัติแล้ว รอนำขึ้นเผยแพร่ {request_obj.reference}: {request_obj.title}",
        f"{request_obj.decided_by_name} อนุมัติคำขอ “{request_obj.title}” แล้ว "
        f"กรุณานำขึ้นเผยแพร่ในหมวดที่ถูกต้องภายใน 3 วัน",
        url=_admin_url(request_obj),
        kind="request.approved",
        agency_name=_agency_name(request_obj),
    )


def request_returned(request_obj, by_webmaster=False):
    recipients = [request_obj.requester] if request_obj.requester else []
    if by_webmaster:
        recipients += list(_role_members(request_obj.site, Role.APPROVER))
    who = "ผู้ดูแลเว็บไซต์ส่งกลับ" if by_webmaster else "ไม่อนุมัติ"
    notify(
        recipients,
        f"{who}คำขอ {request_obj.reference}: {request_obj.title}",
        f"คำขอเผยแพร่ “{request_obj.title}” ถูก{who}โดย {request_obj.decided_by_name}\n"
        f"เหตุผล: {request_obj.decision_reason}",
        url=_admin_url(request_obj),
        kind="request.returned",
        agency_name=_agency_name(request_obj),
    )


def request_published(request_obj, public_url):
    recipients = [request_obj.requester] if request_obj.requester else []
    notify(
        recipients,
        f"เผยแพร่แล้ว: {request_obj.title}",
        f"“{request_obj.title}” เผยแพร่บนเว็บไซต์แล้วโดย {request_obj.published_by_name}\n"
        f"ดูได้ที่ {public_url}",
        url=public_url,
        kind="request.published",
        agency_name=_agency_name(request_obj),
    )


def admin_edit_url(page):
    return AdminURLFinder().get_edit_url(page) or ""


def public_url(page):
    """The address citizens use; relative page URLs get the site's public base address."""
    from django.conf import settings

    url = page.get_url() or ""
    if url.startswith("/"):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url
