"""One agency's staff reach nothing of another's departments (prongsai.agencies.scope)."""

import pytest
from django.urls import reverse

from prongsai.agencies.models import Department
from prongsai.agencies.scope import agency_sites, limit_to_user, user_may_reach

pytestmark = pytest.mark.django_db


def _edit_url(department):
    return reverse("wagtailsnippets_agencies_department:edit", args=[department.pk])


def _delete_url(department):
    return reverse("wagtailsnippets_agencies_department:delete", args=[department.pk])


def _a_department(demo_site):
    return Department.objects.filter(site=demo_site).order_by("pk").first()


def test_scope_holds_each_user_to_their_agencies(demo_site, other_agency, users):
    b_webmaster = other_agency["webmaster"]
    assert list(agency_sites(b_webmaster)) == [other_agency["site"]]
    assert not user_may_reach(b_webmaster, _a_department(demo_site))
    assert user_may_reach(b_webmaster, other_agency["department"])
    assert not limit_to_user(Department.objects.filter(site=demo_site), b_webmaster).exists()
    assert user_may_reach(users["admin"], _a_department(demo_site))


def test_other_agency_cannot_edit_or_delete_a_department(client, demo_site, other_agency):
    department = _a_department(demo_site)
    name = department.name
    members = list(department.members.values_list("user_id", flat=True))
    client.force_login(other_agency["webmaster"])

    page = client.get(_edit_url(department))
    assert name not in page.content.decode()
    client.post(_edit_url(department), {"name": "ยึดแล้ว", "site": demo_site.pk})
    client.post(_delete_url(department))
    for view in ("history", "usage"):
        url = reverse(f"wagtailsnippets_agencies_department:{view}", args=[department.pk])
        assert name not in client.get(url).content.decode()

    department.refresh_from_db()
    assert department.name == name
    assert list(department.members.values_list("user_id", flat=True)) == members


def test_own_department_still_opens(client, other_agency):
    department = other_agency["department"]
    client.force_login(other_agency["webmaster"])
    assert department.name in client.get(_edit_url(department)).content.decode()
