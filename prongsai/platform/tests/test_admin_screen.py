"""/admin/agencies/: platform administrators list, create, suspend and resume agencies; an
agency admin gets none of it."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from prongsai.agencies.models import AgencySettings, Role


@pytest.fixture
def platform_admin(client, users):
    client.force_login(users["admin"])  # the demo's superuser
    return client


def test_the_list_shows_every_agency(platform_admin, new_agency):
    response = platform_admin.get(reverse("platform:agencies"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "องค์การบริหารส่วนตำบลบ้านใหม่" in html and 'data-host="banmai.example"' in html
    assert 'data-host="localhost"' in html


def test_the_menu_offers_it_to_platform_admins_only(platform_admin, client, new_agency):
    assert reverse("platform:agencies") in platform_admin.get("/admin/").content.decode()
    client.force_login(new_agency.admin)
    assert reverse("platform:agencies") not in client.get("/admin/").content.decode()


def test_create_from_the_screen(platform_admin):
    response = platform_admin.post(
        reverse("platform:create"),
        {
            "name_th": "เทศบาลตำบลหน้าจอ",
            "short_name": "ทต.หน้าจอ",
            "agency_type": "municipality",
            "hostname": "screen.example",
            "port": "80",
            "admin_username": "screen-admin",
            "admin_email": "",
        },
        follow=True,
    )
    site = Site.objects.get(hostname="screen.example")
    assert AgencySettings.for_site(site).agency_type == "municipality"
    assert "/admin/password_reset/confirm/" in response.content.decode()


def test_a_bad_host_is_shown_on_the_form_in_thai(platform_admin):
    sites = Site.objects.count()
    response = platform_admin.post(
        reverse("platform:create"),
        {
            "name_th": "ก",
            "short_name": "ก",
            "agency_type": "sao",
            "hostname": "no host",
            "port": "80",
        },
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 200
    assert "ไม่ใช่ชื่อโฮสต์" in response.content.decode()
    assert Site.objects.count() == sites


def test_suspend_and_resume_from_the_screen(platform_admin, new_agency, users):
    site = new_agency.site
    platform_admin.post(reverse("platform:suspend", args=[site.pk]), {"reason": "ย้ายผู้ให้บริการ"})
    settings = AgencySettings.for_site(site)
    assert settings.is_suspended and settings.suspension_reason == "ย้ายผู้ให้บริการ"
    platform_admin.post(reverse("platform:resume", args=[site.pk]))
    settings.refresh_from_db()
    assert not settings.is_suspended


def test_a_suspension_needs_a_reason(platform_admin, new_agency):
    platform_admin.post(reverse("platform:suspend", args=[new_agency.site.pk]), {"reason": ""})
    assert not AgencySettings.for_site(new_agency.site).is_suspended


def test_an_agency_admin_can_neither_see_nor_suspend(client, new_agency, demo_site, staff_of):
    agency_admin = staff_of(demo_site, Role.AGENCY_ADMIN, "demo-agency-admin")
    client.force_login(agency_admin)
    listing = client.get(reverse("platform:agencies"), follow=True).content.decode()
    assert "banmai.example" not in listing and "data-host" not in listing
    for site in (demo_site, new_agency.site):
        client.post(reverse("platform:suspend", args=[site.pk]), {"reason": "ลองดู"})
        assert not AgencySettings.for_site(site).is_suspended
    sites = Site.objects.count()
    client.post(
        reverse("platform:create"),
        {
            "name_th": "ปลอม",
            "short_name": "ปลอม",
            "agency_type": "sao",
            "hostname": "fake.example",
            "port": "80",
        },
    )
    assert Site.objects.count() == sites


def test_an_agency_admin_cannot_resume_a_suspended_agency(client, new_agency):
    from prongsai.platform.suspension import suspend_agency

    suspend_agency(new_agency.site, "ค้างชำระ")
    other = new_agency.admin
    other.set_password("x-pass-12345")
    other.save()
    client.force_login(other)
    client.post(reverse("platform:resume", args=[new_agency.site.pk]))
    assert AgencySettings.for_site(new_agency.site).is_suspended
