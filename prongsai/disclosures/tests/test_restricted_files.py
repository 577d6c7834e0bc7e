"""A file linked only from a page behind a view restriction is not public, but a visitor who has
passed that page's restrictions (entered its password in this session, signed in, or belongs to
one of its groups) gets it, privately, as they get the page. A restriction passed on another
page, or on another agency's page, opens nothing."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from prongsai.agencies.factories import UserFactory
from prongsai.disclosures.factories import (
    DisclosureIndexPageFactory,
    DisclosurePageFactory,
    DocumentFactory,
    ImageFactory,
)
from prongsai.disclosures.testing import fetch, stored_bytes
from prongsai.site.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "รหัสลับ-1"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def restrict(page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD, groups=()):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password=password
    )
    restriction.groups.set(groups)
    return restriction


def enter_password(client, page, password=PASSWORD):
    """Wagtail's own password form of the page, as a visitor fills it in."""
    restriction = PageViewRestriction.objects.get(page=page)
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = client.post(url, {"password": password, "return_url": "/"})
    assert response.status_code == 302  # accepted (a wrong one shows the form again)


@pytest.fixture
def restricted_item(agency):
    """A section behind a password, with a live disclosure (a document) and a live news page
    (an image) below it: the section's restriction covers both."""
    section = DisclosureIndexPageFactory(parent=agency.home)
    document = DocumentFactory(collection=agency.collection)
    DisclosurePageFactory(parent=section, files=[document])
    image = ImageFactory(collection=agency.collection)
    NewsPageFactory(parent=NewsIndexPageFactory(parent=section), lead_image=image)
    restrict(section)
    return section, document, image


def files_of(document, image):
    rendition = image.get_rendition("width-400")
    return [
        (document.url, stored_bytes(document.file)),
        (image.file.url, stored_bytes(image.file)),
        (rendition.url, stored_bytes(rendition.file)),
    ]


def test_the_files_open_only_after_the_pages_password(client, restricted_item):
    item, document, image = restricted_item
    files = files_of(document, image)
    assert [fetch(client, url)[:2] for url, _ in files] == [(404, b"")] * 3

    enter_password(client, item)

    for url, data in files:
        status, body, cache = fetch(client, url)
        assert (status, body) == (200, data)
        assert cache.startswith("private")


def test_a_wrong_password_opens_nothing(client, restricted_item):
    item, document, image = restricted_item
    restriction = PageViewRestriction.objects.get(page=item)
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, item.pk])

    response = client.post(url, {"password": "ผิด", "return_url": "/"})

    assert response.status_code == 200  # the form again
    assert [fetch(client, url)[:2] for url, _ in files_of(document, image)] == [(404, b"")] * 3


def test_another_pages_password_does_not_open_the_files(client, agency, restricted_item):
    _, document, image = restricted_item
    other = DisclosurePageFactory(parent=DisclosureIndexPageFactory(parent=agency.home))
    restrict(other, password="อีกหน้า")

    enter_password(client, other, "อีกหน้า")

    assert [fetch(client, url)[:2] for url, _ in files_of(document, image)] == [(404, b"")] * 3
    assert fetch(client, other.attachments[0].value["document"].url)[0] == 200


def test_a_password_passed_on_another_agencys_page_does_not_open_this_agencys_file(
    client, agency, make_agency
):
    """Another agency's restricted page that links this agency's file (typed in before the page
    form refused other agencies' files) opens nothing: only the file's own agency's pages count."""
    document = DocumentFactory(collection=agency.collection)
    other = make_agency()
    page = DisclosurePageFactory(
        parent=DisclosureIndexPageFactory(parent=other.home), files=[document]
    )
    restrict(page)

    enter_password(client, page)

    assert fetch(client, document.url)[:2] == (404, b"")


def test_a_sign_in_restriction_opens_the_files_to_anyone_signed_in(client, agency):
    index = DisclosureIndexPageFactory(parent=agency.home)
    document = DocumentFactory(collection=agency.collection)
    restrict(DisclosurePageFactory(parent=index, files=[document]), PageViewRestriction.LOGIN, "")
    assert fetch(client, document.url)[:2] == (404, b"")

    client.force_login(UserFactory())  # a citizen's account: no role in the agency

    status, body, cache = fetch(client, document.url)
    assert (status, body) == (200, stored_bytes(document.file))
    assert cache.startswith("private")


def test_a_group_restriction_opens_the_files_only_to_the_group(client, agency):
    members = Group.objects.create(name="สมาชิกสภา")
    index = DisclosureIndexPageFactory(parent=agency.home)
    document = DocumentFactory(collection=agency.collection)
    page = DisclosurePageFactory(parent=index, files=[document])
    restrict(page, PageViewRestriction.GROUPS, "", groups=[members])
    outsider, member = UserFactory(), UserFactory()
    member.groups.add(members)

    client.force_login(outsider)
    assert fetch(client, document.url)[:2] == (404, b"")
    client.force_login(member)
    assert fetch(client, document.url)[:2] == (200, stored_bytes(document.file))


def test_every_restriction_above_the_page_must_be_passed(client, agency):
    section = DisclosureIndexPageFactory(parent=agency.home)
    document = DocumentFactory(collection=agency.collection)
    item = DisclosurePageFactory(parent=section, files=[document])
    restrict(section, PageViewRestriction.LOGIN, "")
    restrict(item)

    enter_password(client, item)
    assert fetch(client, document.url)[:2] == (404, b"")  # not signed in yet

    client.force_login(UserFactory())
    enter_password(client, item)  # signing in starts a new session
    assert fetch(client, document.url)[:2] == (200, stored_bytes(document.file))


def test_an_unpublished_restricted_page_opens_nothing(client, agency):
    index = DisclosureIndexPageFactory(parent=agency.home)
    document = DocumentFactory(collection=agency.collection)
    item = DisclosurePageFactory(parent=index, files=[document])
    restrict(item)
    enter_password(client, item)
    assert fetch(client, document.url)[0] == 200

    item.unpublish()

    assert fetch(client, document.url)[:2] == (404, b"")


def test_with_nginx_a_passed_restriction_sends_the_file_through_nginx_privately(
    client, settings, restricted_item
):
    settings.PRONGSAI_FRONT_SERVER = "nginx"
    settings.PRONGSAI_PROTECTED_MEDIA_URL = "/protected-media/"
    item, document, _ = restricted_item
    assert "X-Accel-Redirect" not in client.get(document.url)

    enter_password(client, item)

    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(document.file.name)
    assert response["Cache-Control"].startswith("private")
