"""Wagtail's bulk actions take the ids from the query string: another agency's ids are not
found (nothing of it is named on the confirmation page and nothing of it changes), while the
agency's own staff still act on their own objects."""

import pytest
from wagtail.models import Page

from prongsai.agencies.factories import AgencyFactory, DepartmentFactory
from prongsai.agencies.models import Department, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_and_b(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".example"]
    return AgencyFactory(name="หน่วยงานเอ"), AgencyFactory(name="หน่วยงานบี")


def _live_page(agency, title):
    page = agency.home.add_child(instance=Page(title=title, slug="bulk-page"))
    page.save_revision().publish()
    return page


def test_another_agencys_department_is_not_found_by_the_bulk_delete(client, a_and_b):
    a, b = a_and_b
    department = DepartmentFactory(site=a.site, name="กองคลังของเอ")
    url = f"/admin/bulk/agencies/department/delete/?id={department.pk}"
    client.force_login(b.user(Role.AGENCY_ADMIN))
    response = client.get(url)
    assert response.status_code == 404
    assert "กองคลังของเอ" not in response.content.decode()
    client.post(url)
    assert Department.objects.filter(pk=department.pk, name="กองคลังของเอ").exists()


def test_the_agency_admin_still_bulk_deletes_their_own_department(client, a_and_b):
    a, _b = a_and_b
    department = DepartmentFactory(site=a.site, name="กองช่างของเอ")
    url = f"/admin/bulk/agencies/department/delete/?id={department.pk}"
    client.force_login(a.user(Role.AGENCY_ADMIN))
    assert "กองช่างของเอ" in client.get(url).content.decode()
    client.post(url)
    assert not Department.objects.filter(pk=department.pk).exists()


def test_another_agencys_page_is_not_found_by_the_bulk_unpublish(client, a_and_b):
    a, b = a_and_b
    page = _live_page(a, "ประกาศของเอ")
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}"
    client.force_login(b.user(Role.WEBMASTER))
    response = client.get(url)
    assert response.status_code == 404
    assert "ประกาศของเอ" not in response.content.decode()
    client.post(url, {"include_descendants": ""})
    assert Page.objects.get(pk=page.pk).live


def test_the_webmaster_still_bulk_unpublishes_their_own_page(client, a_and_b):
    a, _b = a_and_b
    page = _live_page(a, "ประกาศของเอ")
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}"
    client.force_login(a.user(Role.WEBMASTER))
    client.post(url, {"include_descendants": ""})
    assert not Page.objects.get(pk=page.pk).live
