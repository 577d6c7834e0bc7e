"""Agency B's staff against agency A (the demo agency): redirects, page titles in choosers and
reports, department members and ITA catalogs. Each test asserts what B sees or what of A is
left after B's attempt."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse, reverse_lazy
from wagtail.contrib.redirects.models import Redirect

from prongsai.agencies.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_admin(other_agency):
    user = get_user_model().objects.create_user("other-admin", password="x-pass-12345")
    user.groups.add(other_agency["groups"][Role.AGENCY_ADMIN])
    return user


@pytest.fixture
def a_redirect(demo_site):
    return Redirect.objects.create(
        old_path="/old-tax-form", site=demo_site, redirect_link="https://nongnamsai.example/tax"
    )


# ---------------------------------------------------------------- redirects


def _redirect_form(site, old_path="/e-service", link="https://phishing.example/"):
    return {
        "old_path": old_path,
        "site": site.pk if site else "",
        "is_permanent": "on",
        "redirect_link": link,
        "redirect_page": "",
    }


def test_redirects_list_shows_only_own_agency(client, other_agency, a_redirect):
    own = Redirect.objects.create(
        old_path="/old-b", site=other_agency["site"], redirect_link="https://b.example/"
    )
    everywhere = Redirect.objects.create(old_path="/everywhere", redirect_link="https://x.example/")
    client.force_login(other_agency["webmaster"])
    html = client.get(reverse("wagtailredirects:index")).content.decode()
    assert own.old_path in html
    assert a_redirect.old_path not in html and everywhere.old_path not in html
    results = client.get(reverse("wagtailredirects:index_results")).content.decode()
    assert own.old_path in results and a_redirect.old_path not in results


def test_other_agency_cannot_add_a_redirect_on_a_site_or_all_sites(client, demo_site, other_agency):
    client.force_login(other_agency["webmaster"])
    form = client.get(reverse("wagtailredirects:add")).content.decode()
    assert demo_site.hostname not in form
    client.post(reverse("wagtailredirects:add"), _redirect_form(demo_site))
    client.post(reverse("wagtailredirects:add"), _redirect_form(None))
    assert not Redirect.objects.filter(old_path="/e-service").exists()

    client.post(reverse("wagtailredirects:add"), _redirect_form(other_agency["site"]))
    assert Redirect.objects.get(old_path="/e-service").site == other_agency["site"]


def test_other_agency_cannot_edit_or_delete_a_redirect(client, demo_site, other_agency, a_redirect):
    client.force_login(other_agency["webmaster"])
    edit = reverse("wagtailredirects:edit", args=[a_redirect.pk])
    assert a_redirect.old_path not in client.get(edit).content.decode()
    client.post(edit, _redirect_form(demo_site, old_path=a_redirect.old_path))
    client.post(edit, _redirect_form(other_agency["site"], old_path=a_redirect.old_path))
    client.post(reverse("wagtailredirects:delete", args=[a_redirect.pk]))
    a_redirect.refresh_from_db()
    assert a_redirect.site == demo_site
    assert a_redirect.redirect_link == "https://nongnamsai.example/tax"


def test_other_agency_cannot_import_redirects_onto_a_site(client, demo_site, other_agency):
    client.force_login(other_agency["webmaster"])
    upload = client.post(
        reverse("wagtailredirects:start_import"),
        {"import_file": _csv_file("/e-service,https://phishing.example/\n")},
    )
    confirm = upload.context["form"]
    data = {name: confirm[name].value() for name in ("import_file_name", "input_format")}
    data.update(from_index="0", to_index="1", permanent="on")
    client.post(reverse("wagtailredirects:process_import"), {**data, "site": demo_site.pk})
    client.post(reverse("wagtailredirects:process_import"), {**data, "site": ""})
    assert not Redirect.objects.filter(old_path="/e-service").exists()


def _csv_file(rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = "from,to\n" + rows
    return SimpleUploadedFile("redirects.csv", content.encode(), content_type="text/csv")


def test_platform_admin_still_makes_an_all_sites_redirect(client, users):
    client.force_login(users["admin"])
    client.post(reverse("wagtailredirects:add"), _redirect_form(None, old_path="/everywhere"))
    assert Redirect.objects.get(old_path="/everywhere").site is None


# ---------------------------------------------------------------- ITA catalogs


def test_agency_admin_cannot_change_the_shared_catalogs(client, b_admin):
    from prongsai.compliance.models import CatalogItem

    item = CatalogItem.objects.filter(catalog__fiscal_year=2569).order_by("pk").first()
    title = item.title_th
    client.force_login(b_admin)
    page = client.get(reverse("compliance:catalog", args=[item.catalog_id])).content.decode()
    assert title in page
    client.post(
        reverse("compliance:catalog_item", args=[item.pk]),
        {
            "code": item.code,
            "title_th": "แก้โดยหน่วยงานอื่น",
            "title_en": "",
            "group": item.group,
            "period": item.period,
            "min_count": "",
            "status": "confirmed",
            "source_note": "",
            "expected": "",
            "sort_order": item.sort_order,
        },
    )
    item.refresh_from_db()
    assert item.title_th == title


# ---------------------------------------------------------------- page titles of another agency

A_DRAFT = "ร่างลับของหนองน้ำใส"


def _text(response):
    """What the person sees: the chooser answers with its HTML inside JSON."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


@pytest.fixture
def a_draft(demo_site, users):
    from prongsai.site.models import StandardPage

    page = demo_site.root_page.add_child(
        instance=StandardPage(title=A_DRAFT, slug="secret-draft", live=False)
    )
    page.save_revision(user=users["webmaster"], log_action=True)
    page.locked = True
    page.locked_by = users["webmaster"]
    page.save()
    return page


@pytest.mark.parametrize(
    "url",
    [
        reverse_lazy("wagtailadmin_choose_page"),
        reverse_lazy("wagtailadmin_choose_page_search") + "?q=ร่างลับ",
        reverse_lazy("wagtailadmin_pages:search") + "?q=ร่างลับ",
        reverse_lazy("wagtailadmin_reports:page_types_usage"),
        reverse_lazy("wagtailadmin_reports:site_history"),
        reverse_lazy("wagtailadmin_reports:aging_pages"),
        reverse_lazy("wagtailadmin_reports:locked_pages"),
    ],
)
def test_no_title_of_another_agency_is_listed(client, other_agency, a_draft, url):
    client.force_login(other_agency["webmaster"])
    assert A_DRAFT not in _text(client.get(url))


def test_chooser_does_not_open_inside_another_agency(client, other_agency, a_draft, demo_site):
    client.force_login(other_agency["webmaster"])
    for page in (demo_site.root_page, a_draft):
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
        assert response.status_code == 404
        assert A_DRAFT not in response.content.decode()


def test_own_pages_still_in_chooser_and_reports(client, other_agency):
    client.force_login(other_agency["webmaster"])
    title = other_agency["page"].title
    search = reverse("wagtailadmin_choose_page_search") + "?q=ประวัติ"
    assert title in _text(client.get(search))
    browse = reverse("wagtailadmin_choose_page_child", args=[other_agency["home"].pk])
    assert title in _text(client.get(browse))


def test_platform_admin_still_finds_every_agency_s_pages(client, users, a_draft, other_agency):
    client.force_login(users["admin"])
    search = _text(client.get(reverse("wagtailadmin_choose_page_search") + "?q=ร่างลับ"))
    assert A_DRAFT in search
    report = _text(client.get(reverse("wagtailadmin_reports:page_types_usage")))
    assert A_DRAFT in report or other_agency["page"].title in report


# ---------------------------------------------------------------- department form


def _department_form(site, name, member):
    return {
        "site": site.pk,
        "name": name,
        "kind": "division",
        "description": "",
        "phone": "",
        "email": "",
        "sort_order": "0",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-user": member.pk,
        "members-0-position": "",
        "members-0-ORDER": "1",
        "members-0-DELETE": "",
        "members-0-id": "",
    }


def test_department_form_offers_only_the_agency_s_accounts_and_pages(
    client, other_agency, users, a_draft
):
    from prongsai.agencies.models import Department

    department = other_agency["department"]
    client.force_login(other_agency["webmaster"])
    url = reverse("wagtailsnippets_agencies_department:edit", args=[department.pk])
    html = client.get(url).content.decode()
    assert other_agency["webmaster"].username in html
    assert users["approver"].first_name not in html and users["requester"].username not in html
    add_url = reverse("wagtailsnippets_agencies_department:add")
    add_page = client.get(add_url)
    assert users["approver"].first_name not in add_page.content.decode()
    assert A_DRAFT not in add_page.content.decode() and A_DRAFT not in html
    assert A_DRAFT not in add_page.content.decode() and A_DRAFT not in html
    assert list(add_page.context["form"].fields["site"].queryset) == [other_agency["site"]]

    client.post(url, _department_form(other_agency["site"], department.name, users["approver"]))
    client.post(add_url, _department_form(other_agency["site"], "กองใหม่", users["approver"]))
    client.post(add_url, _department_form(a_draft.get_site(), "กองแฝง", other_agency["webmaster"]))
    assert not Department.objects.filter(members__user=users["approver"], site=other_agency["site"])
    assert not Department.objects.filter(name__in=["กองใหม่", "กองแฝง"]).exists()

    client.post(
        add_url, _department_form(other_agency["site"], "กองช่าง", other_agency["webmaster"])
    )
    created = Department.objects.get(site=other_agency["site"], name="กองช่าง")
    assert list(created.members.values_list("user", flat=True)) == [other_agency["webmaster"].pk]
