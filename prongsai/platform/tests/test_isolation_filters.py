"""The choices of Wagtail's own forms and filters (sites, collections, groups, users) name only
the agencies of the person looking: agency B's staff never see agency A (the demo agency)."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from prongsai.agencies.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_webmaster_of_two(other_agency, make_agency):
    """B's webmaster who also works for a third agency C, so every site filter is shown."""
    c = make_agency(name="เทศบาลตำบลที่สาม")
    webmaster = other_agency["webmaster"]
    webmaster.groups.add(c.groups[Role.WEBMASTER])
    return webmaster, c


def test_page_types_report_filters_only_by_own_sites(
    client, demo_site, other_agency, b_webmaster_of_two
):
    webmaster, c = b_webmaster_of_two
    client.force_login(webmaster)

    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))

    choices = dict(response.context["filters"].form.fields["site"].choices)
    assert set(choices) - {None, ""} == {other_agency["home"].path, c.home.path}
    html = response.content.decode()
    assert demo_site.hostname not in html and demo_site.site_name not in html


def test_a_crafted_site_filter_counts_nothing_of_another_agency(client, demo_site, other_agency):
    from wagtail.models import Page

    client.force_login(other_agency["webmaster"])
    a_title = Page.objects.filter(depth__gt=2).descendant_of(demo_site.root_page).last().title

    response = client.get(
        reverse("wagtailadmin_reports:page_types_usage_results"),
        {"site": demo_site.root_page.path},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert a_title not in html and demo_site.site_name not in html


def _csv_file(rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = "from,to\n" + rows
    return SimpleUploadedFile("redirects.csv", content.encode(), content_type="text/csv")


def test_redirect_import_confirmation_offers_only_own_sites(
    client, demo_site, other_agency, b_webmaster_of_two
):
    webmaster, c = b_webmaster_of_two
    client.force_login(webmaster)

    upload = client.post(
        reverse("wagtailredirects:start_import"),
        {"import_file": _csv_file("/e-service,https://phishing.example/\n")},
    )

    site_field = upload.context["form"].fields["site"]
    assert set(site_field.queryset) == {other_agency["site"], c.site}
    assert site_field.empty_label is None  # no "all sites"
    html = upload.content.decode()
    assert demo_site.hostname not in html and demo_site.site_name not in html
    # a crafted confirmation naming A's site still lands nothing anywhere
    confirm = upload.context["form"]
    data = {name: confirm[name].value() for name in ("import_file_name", "input_format")}
    data.update(from_index="0", to_index="1", permanent="on", site=demo_site.pk)
    client.post(reverse("wagtailredirects:process_import"), data)
    assert not Redirect.objects.filter(old_path="/e-service").exists()


def test_platform_admin_still_imports_for_all_sites(client, users, other_agency):
    client.force_login(users["admin"])
    upload = client.post(
        reverse("wagtailredirects:start_import"),
        {"import_file": _csv_file("/e-service,https://example.org/\n")},
    )
    site_field = upload.context["form"].fields["site"]
    assert other_agency["site"] in site_field.queryset and site_field.empty_label is not None
