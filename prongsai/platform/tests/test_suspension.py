"""A suspended agency is offline for the public and its staff; every other agency runs on."""

import datetime

import pytest
from django.utils import timezone, translation

from prongsai.agencies.models import AgencySettings, Role
from prongsai.platform.provision import AgencyError
from prongsai.platform.suspension import resume_agency, suspend_agency

HOST = {"HTTP_HOST": "banmai.example"}


@pytest.fixture
def suspended(new_agency):
    suspend_agency(new_agency.site, "ค้างชำระค่าบริการ")
    return new_agency


def test_its_public_site_answers_503_in_thai_and_the_demo_agency_200(client, suspended):
    for path in ("/", "/plans/budget/", "/search/?q=แผน"):
        response = client.get(path, **HOST)
        assert response.status_code == 503
        assert "ปิดปรับปรุงชั่วคราว" in response.content.decode()
    assert client.get("/").status_code == 200
    assert "ปิดปรับปรุงชั่วคราว" not in client.get("/").content.decode()


def test_resuming_brings_the_site_back(client, suspended):
    resume_agency(suspended.site)
    assert client.get("/", **HOST).status_code == 200


def test_its_staff_cannot_sign_in_and_are_told_why_in_thai(client, suspended, staff_of):
    staff_of(suspended.site, Role.WEBMASTER, "banmai-webmaster")
    with translation.override("th"):
        response = client.post(
            "/admin/login/",
            {"username": "banmai-webmaster", "password": "x-pass-12345"},
            HTTP_ACCEPT_LANGUAGE="th",
        )
    assert "_auth_user_id" not in client.session
    assert "ระงับ" in response.content.decode()


def test_a_signed_in_staff_member_is_signed_out(client, suspended, staff_of):
    client.force_login(staff_of(suspended.site, Role.WEBMASTER, "banmai-webmaster"))
    response = client.get("/admin/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "ระงับ" in response.content.decode()


def test_other_agencies_staff_and_platform_admins_still_work(client, suspended, users):
    client.force_login(users["webmaster"])
    assert client.get("/admin/").status_code == 200
    client.force_login(users["admin"])  # a platform admin
    assert client.get("/admin/").status_code == 200


def test_someone_also_working_for_an_active_agency_keeps_that_access(client, suspended, users):
    webmaster = users["webmaster"]
    webmaster.groups.add(suspended.groups[Role.WEBMASTER])
    client.force_login(webmaster)
    assert client.get("/admin/").status_code == 200


def test_a_reason_is_required(new_agency):
    with translation.override("th"), pytest.raises(AgencyError) as refusal:
        suspend_agency(new_agency.site, "  ")
    assert "เหตุผล" in str(refusal.value)
    assert not AgencySettings.for_site(new_agency.site).is_suspended


def test_the_worker_skips_its_retention_campaigns(suspended, demo_site):
    from prongsai.retention.campaigns import due_campaigns
    from prongsai.retention.models import CampaignState, RetentionCampaign

    last_week = timezone.localdate() - datetime.timedelta(days=7)

    def campaign(site):
        return RetentionCampaign.objects.create(
            site=site,
            title="ลบข้อมูลปีเก่า",
            before_fiscal_year=2560,
            deadline=last_week,
            state=CampaignState.ANNOUNCED,
        )

    theirs, ours = campaign(suspended.site), campaign(demo_site)
    due = set(due_campaigns())
    assert ours in due and theirs not in due


def test_the_worker_skips_its_trash(suspended, demo_site):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from prongsai.trash.models import TrashEntry, TrashKind, TrashState
    from prongsai.trash.services import due_entries

    long_ago = timezone.now() - datetime.timedelta(days=400)

    def entry(site):
        return TrashEntry.objects.create(
            site=site,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(site.root_page_id),
            kind=TrashKind.PAGE,
            title="หน้าที่ลบไปนานแล้ว",
            state=TrashState.IN_TRASH,
            trashed_at=long_ago,
        )

    theirs, ours = entry(suspended.site), entry(demo_site)
    due = due_entries()
    assert ours.pk in due and theirs.pk not in due


def test_suspending_is_recorded_in_the_audit_log(suspended):
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(
        action="prongsai.agency.suspend", object_id=str(suspended.settings.pk)
    ).exists()


def _through_the_middleware(rf, host):
    """The middleware alone, in front of a view that answers 200, with the request's site
    already found (Wagtail finds it once per request and keeps it on the request)."""
    from django.http import HttpResponse
    from wagtail.models import Site

    from prongsai.platform.middleware import SuspendedAgencyMiddleware

    request = rf.get("/", HTTP_HOST=host)
    Site.find_for_request(request)
    return request, SuspendedAgencyMiddleware(lambda request: HttpResponse("open"))


def test_a_warm_public_request_asks_the_database_nothing(rf, new_agency, django_assert_num_queries):
    request, middleware = _through_the_middleware(rf, "banmai.example")
    assert middleware(request).status_code == 200  # the first request fills the cache
    request, middleware = _through_the_middleware(rf, "banmai.example")
    with django_assert_num_queries(0):
        assert middleware(request).status_code == 200


def test_a_suspension_takes_effect_on_the_next_request_and_a_resumption_too(client, new_agency):
    assert client.get("/", **HOST).status_code == 200  # the answer is cached now
    suspend_agency(new_agency.site, "ค้างชำระค่าบริการ")
    assert client.get("/", **HOST).status_code == 503
    resume_agency(new_agency.site)
    assert client.get("/", **HOST).status_code == 200
    assert client.get("/").status_code == 200  # the demo agency was never suspended
