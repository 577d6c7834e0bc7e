"""Every role and agency boundary of the agency's own screens (settings, departments), tried
from the wrong side. The roles' page permissions: prongsai/disclosures/tests/test_role_pages.py."""

import pytest

from prongsai.agencies.models import AgencyRole, Role

pytestmark = pytest.mark.django_db


def test_each_agency_has_its_five_role_groups(demo_site):
    roles = set(AgencyRole.objects.filter(site=demo_site).values_list("role", flat=True))
    assert roles == set(Role.values)


def test_department_list_shows_only_own_agency(client, users, other_agency):
    client.force_login(users["webmaster"])
    response = client.get("/admin/snippets/agencies/department/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "กองคลัง" in body
    assert "กองคลัง ทต.อื่น" not in body


def settings_form_data(client, url):
    """The agency-settings form as its page renders it (every field with its current value)."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get(url).content, "html.parser")
    form = page.find(attrs={"name": "name_th"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def agency_name(site):
    from prongsai.agencies.models import AgencySettings

    return AgencySettings.objects.get(site=site).name_th


def test_requester_cannot_open_or_change_agency_settings(client, users, demo_site):
    url = f"/admin/settings/agencies/agencysettings/{demo_site.pk}/"
    client.force_login(users["webmaster"])
    data = settings_form_data(client, url) | {"name_th": "ชื่อที่ผู้ขอเผยแพร่ตั้งเอง"}
    before = agency_name(demo_site)
    client.force_login(users["requester"])
    assert "name_th" not in client.get(url, follow=True).content.decode()
    client.post(url, data)
    assert agency_name(demo_site) == before
    client.force_login(users["webmaster"])
    client.post(url, data)
    assert agency_name(demo_site) == "ชื่อที่ผู้ขอเผยแพร่ตั้งเอง"  # complete data: saved


def test_department_chooser_lists_only_own_agency(client, users, other_agency):
    client.force_login(users["webmaster"])
    response = client.get("/admin/snippets/choose/agencies/department/")
    assert response.status_code == 200
    body = response.json()["html"]
    assert "กองช่าง" in body
    assert "กองคลัง ทต.อื่น" not in body


def test_another_agencys_webmaster_cannot_open_or_change_our_settings(
    client, users, demo_site, other_agency
):
    url = f"/admin/settings/agencies/agencysettings/{demo_site.pk}/"
    client.force_login(users["webmaster"])
    data = settings_form_data(client, url) | {"name_th": "ยึดเว็บไซต์"}
    before = agency_name(demo_site)
    client.force_login(other_agency["webmaster"])
    assert before not in client.get(url, follow=True).content.decode()
    client.post(url, data)
    assert agency_name(demo_site) == before
    own = f"/admin/settings/agencies/agencysettings/{other_agency['site'].pk}/"
    assert client.get(own).status_code == 200


def test_the_storage_quota_is_set_by_platform_admins_not_by_the_agency(client, users, demo_site):
    url = f"/admin/settings/agencies/agencysettings/{demo_site.pk}/"
    client.force_login(users["webmaster"])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="trash_retention_days"' in page.content.decode()
    assert 'name="storage_quota_mb"' not in page.content.decode()
    client.force_login(users["admin"])
    assert 'name="storage_quota_mb"' in client.get(url).content.decode()
