"""create_agency builds a site that works at once on its own host, beside the demo agency."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Site, Workflow

from prongsai.agencies.collections import agency_collection
from prongsai.agencies.models import AgencyRole, AgencySettings, Role
from prongsai.platform.provision import AgencyError, create_agency
from prongsai.platform.skeleton import DISCLOSURE_SECTIONS, NEWS_CATEGORIES
from prongsai.site.models import HomePage

HOST = {"HTTP_HOST": "banmai.example"}


def test_the_public_home_answers_on_its_own_host(client, new_agency):
    response = client.get("/", **HOST)
    assert response.status_code == 200
    assert "องค์การบริหารส่วนตำบลบ้านใหม่" in response.content.decode()


def test_every_category_section_exists_published_and_in_the_menu(client, new_agency):
    home = new_agency.home
    expected = {
        "about",
        "news",
        "laws",
        "manuals",
        "staff-manuals",
        "citizen-manuals",
        "information-centre",
        "knowledge",
        "contact",
        "website",
        "links",
        "sitemap",
        *DISCLOSURE_SECTIONS,
        *(c[0] for section in DISCLOSURE_SECTIONS.values() for c in section[2]),
        *(slug for _title, slug in NEWS_CATEGORIES.values()),
    }
    pages = Page.objects.descendant_of(home)
    assert set(pages.values_list("slug", flat=True)) == expected
    assert not pages.filter(live=False).exists()
    assert client.get("/plans/budget/", **HOST).status_code == 200
    assert client.get("/information-centre/", **HOST).status_code == 200
    menu = client.get("/", **HOST).content.decode()
    assert "แผนงานและงบประมาณ" in menu and "ศูนย์ข้อมูลข่าวสาร" in menu


def test_its_sections_carry_no_demo_content(new_agency):
    html = "".join(
        str(getattr(page.specific, "intro", "")) for page in new_agency.home.get_descendants()
    )
    assert "หนองน้ำใส" not in html
    assert "บ้านใหม่" in html


def test_roles_collection_settings_and_workflow_belong_to_the_agency(new_agency):
    site = new_agency.site
    roles = AgencyRole.objects.filter(site=site)
    assert set(roles.values_list("role", flat=True)) == set(Role.values)
    assert all(
        name.startswith("อบต.บ้านใหม่: ") for name in roles.values_list("group__name", flat=True)
    )
    assert agency_collection(site).name == "อบต.บ้านใหม่"
    settings = AgencySettings.for_site(site)
    assert (settings.name_th, settings.short_name) == ("องค์การบริหารส่วนตำบลบ้านใหม่", "อบต.บ้านใหม่")
    assert site.site_name == "องค์การบริหารส่วนตำบลบ้านใหม่"
    assert not site.is_default_site  # the demo agency stays the default
    assert Workflow.objects.filter(name__endswith="อบต.บ้านใหม่", workflow_pages__page=site.root_page)


def test_search_finds_the_new_agency_pages_only_on_its_site(client, new_agency):
    response = client.get("/search/", {"q": "ศูนย์ข้อมูลข่าวสาร"}, **HOST)
    assert response.status_code == 200
    assert "/information-centre/" in response.content.decode()
    on_the_demo = client.get("/search/", {"q": "สำนักงานองค์การบริหารส่วนตำบลบ้านใหม่"})
    assert on_the_demo.status_code == 200
    assert "banmai.example" not in on_the_demo.content.decode()


def test_the_first_agency_admin_has_no_password_and_a_working_link(client, new_agency):
    admin = new_agency.admin
    assert admin.username == "banmai-admin" and admin.email == "admin@banmai.example"
    assert not admin.has_usable_password()
    assert AgencyRole.objects.filter(
        site=new_agency.site, role=Role.AGENCY_ADMIN, group__user=admin
    )
    link = new_agency.set_password_url
    response = client.get(link[link.index("/admin/") :], follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()


def test_an_existing_account_joins_without_a_link(demo_site, users, new_agency):
    again = create_agency(
        "องค์การบริหารส่วนตำบลบ้านใหม่", "อบต.บ้านใหม่", "banmai.example", admin_username="webmaster"
    )
    assert again.set_password_url == ""
    assert users["webmaster"].has_usable_password()
    assert AgencyRole.objects.filter(
        site=new_agency.site, role=Role.AGENCY_ADMIN, group__user=users["webmaster"]
    )


def test_creating_again_on_the_same_host_changes_nothing(new_agency):
    pages = Page.objects.count()
    sites = Site.objects.count()
    again = create_agency("ชื่ออื่น", "อบต.บ้านใหม่", "banmai.example")
    assert not again.created
    assert again.site == new_agency.site
    assert (Page.objects.count(), Site.objects.count()) == (pages, sites)
    assert AgencySettings.for_site(new_agency.site).name_th == "องค์การบริหารส่วนตำบลบ้านใหม่"


@pytest.mark.parametrize(
    "name, short_name, host, message",
    [
        ("", "อบต.ก", "a.example", "ชื่อหน่วยงานภาษาไทย"),
        ("อบต.ก", "", "a.example", "ชื่อย่อ"),
        ("อบต.ก", "อบต.ก", "not a host", "ไม่ใช่ชื่อโฮสต์"),
        ("อบต.ก", "อบต.หนองน้ำใส", "a.example", "ชื่อย่อ"),
    ],
)
def test_bad_input_is_refused_in_thai_and_nothing_is_made(db, name, short_name, host, message):
    from django.utils import translation

    counts = (Page.objects.count(), Site.objects.count(), get_user_model().objects.count())
    with translation.override("th"), pytest.raises(AgencyError) as refusal:
        create_agency(name, short_name, host, admin_username="someone-new")
    assert message in str(refusal.value)
    assert (Page.objects.count(), Site.objects.count(), get_user_model().objects.count()) == counts


def test_the_page_editor_cannot_add_another_home_page(client, users):
    root = Page.get_first_root_node()
    client.force_login(users["admin"])
    before = HomePage.objects.count()
    url = reverse("wagtailadmin_pages:add", args=("site", "homepage", root.pk))
    client.post(url, {"title": "หน้าแรกปลอม", "slug": "fake-home", "action-publish": "1"})
    assert HomePage.objects.count() == before
    assert not HomePage.can_create_at(root)
