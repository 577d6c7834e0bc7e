"""The written record: data for the request form PDF and the yearly monitoring report."""

import statistics

from django.utils import timezone

from prongsai.agencies.models import AgencySettings
from prongsai.publishing.models import PublicationRequest, RequestStatus

DECISION_TH = {
    RequestStatus.SUBMITTED: "รอพิจารณา",
    RequestStatus.RETURNED: "ไม่อนุมัติ/ส่งกลับ",
    RequestStatus.APPROVED: "อนุมัติ รอเผยแพร่",
    RequestStatus.SCHEDULED: "อนุมัติ ตั้งเวลาเผยแพร่",
    RequestStatus.PUBLISHED: "อนุมัติและเผยแพร่แล้ว",
    RequestStatus.WITHDRAWN: "ถอนคำขอ",
}


def _decision(request_obj):
    if request_obj.status == RequestStatus.RETURNED:
        return "rejected"
    if request_obj.status == RequestStatus.SUBMITTED:
        return "pending"
    return "approved" if request_obj.decided_at else "pending"


def form_data(request_obj):
    page = request_obj.page.specific if request_obj.page else None
    documents = page.attached_documents() if page is not None else []
    period = None
    if request_obj.data_period_start or request_obj.data_period_end:
        from prongsai.agencies.thaidates import thai_date

        period = " – ".join(
            thai_date(d, "long")
            for d in (request_obj.data_period_start, request_obj.data_period_end)
            if d
        )
    return {
        "agency_name": AgencySettings.for_site(request_obj.site).display_name,
        "request_number": request_obj.reference,
        "submitted_at": request_obj.submitted_at,
        "requester_name": request_obj.requester_name,
        "requester_position": request_obj.requester_position,
        "department": request_obj.department_name,
        "phone": request_obj.contact_phone,
        "email": request_obj.contact_email,
        "title": request_obj.title,
        "category": request_obj.category.title if request_obj.category else "",
        "description": request_obj.description,
        "files": [
            {"name": d.filename, "kind": d.kind_label, "size": d.human_size} for d in documents
        ],
        "data_period": period,
        "wanted_publish": request_obj.wanted_publish_date,
        "wanted_takedown": request_obj.wanted_takedown_date,
        "decision": _decision(request_obj),
        "decision_reason": request_obj.decision_reason,
        "approver_name": request_obj.decided_by_name,
        "approver_position": request_obj.decided_by_position,
        "decided_at": request_obj.decided_at,
        "webmaster_name": request_obj.published_by_name,
        "published_at": request_obj.published_at,
        "public_url": (page.full_url or "") if page is not None and page.live else "",
    }


def yearly_data(site, fiscal_year):
    requests = PublicationRequest.objects.filter(site=site, fiscal_year=fiscal_year).order_by(
        "number"
    )
    rows = []
    for r in requests:
        rows.append(
            {
                "number": r.reference,
                "title": r.title,
                "department": r.department_name,
                "requester": r.requester_name,
                "submitted_at": r.submitted_at,
                "decision": DECISION_TH[r.status],
                "decided_at": r.decided_at,
                "published_at": r.published_at,
                "days_to_publish": r.days_to_publish,
                "within_target": r.published_within_target,
                "reason": r.decision_reason if r.status == RequestStatus.RETURNED else "",
            }
        )
    days = [r["days_to_publish"] for r in rows if r["days_to_publish"] is not None]
    summary = {
        "total": len(rows),
        "approved": sum(1 for r in requests if r.decided_at and r.status != RequestStatus.RETURNED),
        "rejected": sum(1 for r in requests if r.status == RequestStatus.RETURNED),
        "pending": sum(1 for r in requests if r.status == RequestStatus.SUBMITTED),
        "published": sum(1 for r in requests if r.status == RequestStatus.PUBLISHED),
        "published_within_target": sum(1 for r in rows if r["within_target"]),
        "median_days": round(statistics.median(days), 1) if days else None,
    }
    return {
        "agency_name": AgencySettings.for_site(site).display_name,
        "fiscal_year": fiscal_year,
        "generated_at": timezone.now(),
        "rows": rows,
        "summary": summary,
    }
