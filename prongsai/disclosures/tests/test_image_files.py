"""Images follow their item like documents do: the original and every rendition are served to
anyone only while the public site shows the image (a live page anyone may read, or the agency's
logo); otherwise 404 to the public while the agency's staff who may choose it still see it.
Files of pages behind a view restriction are not public either. With nginx in front the same
checks answer X-Accel-Redirect and nginx sends the bytes."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from prongsai.agencies.models import AgencySettings, Role
from prongsai.disclosures.factories import (
    DisclosureIndexPageFactory,
    DisclosurePageFactory,
    DocumentFactory,
    ImageFactory,
)
from prongsai.disclosures.media import serve_image_file
from prongsai.disclosures.testing import stored_bytes
from prongsai.site.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def news(agency):
    return NewsIndexPageFactory(parent=agency.home)


def fetch(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def rendition_url(image):
    return image.get_rendition("fill-80x80").url


def test_an_image_of_a_live_page_is_served_to_anyone(client, agency, news):
    image = ImageFactory(collection=agency.collection)
    NewsPageFactory(parent=news, lead_image=image)
    rendition = image.get_rendition("width-1200")

    assert fetch(client, image.file.url) == (200, stored_bytes(image.file))
    assert fetch(client, rendition.url) == (200, stored_bytes(rendition.file))


def test_an_image_only_a_draft_uses_answers_404_to_the_public(client, agency, news):
    image = ImageFactory(collection=agency.collection)
    NewsPageFactory(parent=news, lead_image=image, live=False)

    assert fetch(client, image.file.url) == (404, b"")
    assert fetch(client, rendition_url(image)) == (404, b"")


def test_an_image_no_page_uses_answers_404_to_staff_of_another_agency(client, agency, make_agency):
    image = ImageFactory(collection=agency.collection)
    client.force_login(make_agency().user(Role.WEBMASTER))

    assert fetch(client, image.file.url) == (404, b"")
    assert fetch(client, rendition_url(image)) == (404, b"")


@pytest.mark.parametrize("role", [Role.WEBMASTER, Role.REQUESTER, Role.APPROVER])
def test_staff_who_may_choose_the_image_still_see_it(client, agency, role):
    image = ImageFactory(collection=agency.collection)
    client.force_login(agency.user(role))
    rendition = image.get_rendition("max-165x165")  # the admin listing's thumbnail

    status, body = fetch(client, rendition.url)
    assert (status, body) == (200, stored_bytes(rendition.file))
    assert fetch(client, image.file.url) == (200, stored_bytes(image.file))


def test_an_unpublished_page_takes_its_image_off_the_public_site(client, agency, news):
    image = ImageFactory(collection=agency.collection)
    page = NewsPageFactory(parent=news, lead_image=image)
    assert fetch(client, image.file.url)[0] == 200

    page.unpublish()

    assert fetch(client, image.file.url) == (404, b"")


def test_the_agency_logo_is_served_to_anyone(client, agency):
    logo = ImageFactory(collection=agency.collection)
    AgencySettings.objects.filter(pk=agency.settings.pk).update(logo=logo)

    assert fetch(client, logo.file.url) == (200, stored_bytes(logo.file))
    assert fetch(client, rendition_url(logo))[0] == 200


def test_a_public_rendition_costs_one_query(agency, news, django_assert_num_queries):
    image = ImageFactory(collection=agency.collection)
    NewsPageFactory(parent=news, lead_image=image)
    name = image.get_rendition("fill-80x80").file.name
    request = RequestFactory().get("/media/" + name)
    request.user = AnonymousUser()
    serve_image_file(request, name)  # content types cached, as in a running server

    with django_assert_num_queries(1):
        response = serve_image_file(request, name)
    assert response.status_code == 200


# ---------------------------------------------------------------- pages behind a restriction


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="ลับ"
    )


def test_files_of_a_page_below_a_restricted_section_are_not_public(client, agency):
    section = DisclosureIndexPageFactory(parent=agency.home)
    document = DocumentFactory(collection=agency.collection)
    image = ImageFactory(collection=agency.collection)
    DisclosurePageFactory(parent=section, files=[document])
    NewsPageFactory(parent=NewsIndexPageFactory(parent=section), lead_image=image)
    assert fetch(client, document.url)[0] == 200
    assert fetch(client, image.file.url)[0] == 200

    restrict(section)

    assert fetch(client, document.url) == (404, b"")
    assert fetch(client, image.file.url) == (404, b"")
    client.force_login(agency.user(Role.WEBMASTER))
    assert fetch(client, document.url) == (200, stored_bytes(document.file))
    assert fetch(client, image.file.url) == (200, stored_bytes(image.file))


def test_a_file_a_public_page_also_links_stays_public(client, agency):
    index = DisclosureIndexPageFactory(parent=agency.home)
    document = DocumentFactory(collection=agency.collection)
    restrict(DisclosurePageFactory(parent=index, files=[document]))
    assert fetch(client, document.url) == (404, b"")

    DisclosurePageFactory(parent=index, files=[document])

    assert fetch(client, document.url) == (200, stored_bytes(document.file))


# ---------------------------------------------------------------- nginx in front


@pytest.fixture
def nginx(settings):
    settings.PRONGSAI_FRONT_SERVER = "nginx"
    settings.PRONGSAI_PROTECTED_MEDIA_URL = "/protected-media/"


def test_with_nginx_a_public_image_is_sent_by_nginx(client, agency, news, nginx):
    image = ImageFactory(collection=agency.collection)
    NewsPageFactory(parent=news, lead_image=image)
    rendition = image.get_rendition("width-1200")

    for stored in (image.file, rendition.file):
        response = client.get(stored.url)
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == "/protected-media/" + quote(stored.name)
        assert response.content == b""
        assert response.get("Content-Length", "0") == "0"  # nginx sends the file's own length
        assert response["Content-Type"].startswith("image/")


def test_with_nginx_a_public_document_is_sent_by_nginx(client, agency, nginx):
    document = DocumentFactory(collection=agency.collection, title="ประกาศ ก")
    DisclosurePageFactory(parent=DisclosureIndexPageFactory(parent=agency.home), files=[document])

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(document.file.name)
    assert response.content == b""
    assert response.get("Content-Length", "0") == "0"


def test_with_nginx_a_file_that_is_not_public_answers_404_without_the_header(client, agency, nginx):
    document = DocumentFactory(collection=agency.collection)
    image = ImageFactory(collection=agency.collection)

    for url in (document.url, image.file.url, rendition_url(image)):
        response = client.get(url)
        assert response.status_code == 404
        assert "X-Accel-Redirect" not in response
