"""A document or image in the trash is off the public site by every address (an image's original
and its renditions), even while the agency's settings still name it as the logo. Those who may
manage that agency's trash (its webmasters and agency admins, platform admins) still open it,
privately, to judge whether to restore it; nobody else does."""

import pytest

from prongsai.agencies.factories import UserFactory
from prongsai.agencies.models import AgencySettings, Role
from prongsai.disclosures.factories import DocumentFactory, ImageFactory
from prongsai.disclosures.testing import fetch, stored_bytes
from prongsai.trash import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def trashed_logo(agency):
    logo = ImageFactory(collection=agency.collection)
    AgencySettings.objects.filter(pk=agency.settings.pk).update(logo=logo)
    return logo


def addresses(image):
    """The image's original and one rendition: (url, the bytes stored there)."""
    rendition = image.get_rendition("max-165x165")  # the admin listing's thumbnail
    return [
        (image.file.url, stored_bytes(image.file)),
        (rendition.url, stored_bytes(rendition.file)),
    ]


def test_a_trashed_logo_answers_404_to_the_public(client, agency, trashed_logo):
    urls = addresses(trashed_logo)
    assert [fetch(client, url)[:2] for url, _ in urls] == [(200, data) for _, data in urls]

    services.move_to_trash(trashed_logo, agency.user(Role.WEBMASTER))

    assert [fetch(client, url)[:2] for url, _ in urls] == [(404, b""), (404, b"")]


@pytest.mark.parametrize("role", [Role.WEBMASTER, Role.AGENCY_ADMIN])
def test_who_manages_the_trash_opens_a_trashed_image_privately(client, agency, trashed_logo, role):
    urls = addresses(trashed_logo)
    services.move_to_trash(trashed_logo, agency.user(Role.WEBMASTER))
    client.force_login(agency.user(role))

    for url, data in urls:
        status, body, cache = fetch(client, url)
        assert (status, body) == (200, data)
        # still named as the logo, but never sent as a public file while in the trash
        assert cache.startswith("private")


def test_a_platform_admin_opens_a_trashed_image(client, agency, trashed_logo):
    url, data = addresses(trashed_logo)[1]
    services.move_to_trash(trashed_logo, agency.user(Role.WEBMASTER))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    status, body, cache = fetch(client, url)
    assert (status, body) == (200, data)
    assert cache.startswith("private")


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.APPROVER, Role.EXECUTIVE])
def test_other_staff_of_the_agency_get_404_for_a_trashed_image(client, agency, role):
    image = ImageFactory(collection=agency.collection)
    urls = addresses(image)
    client.force_login(agency.user(role))
    if role != Role.EXECUTIVE:  # requesters and approvers choose it while it is not trashed
        assert [fetch(client, url)[:2] for url, _ in urls] == [(200, data) for _, data in urls]

    services.move_to_trash(image, agency.user(Role.WEBMASTER))

    assert [fetch(client, url)[:2] for url, _ in urls] == [(404, b""), (404, b"")]


def test_another_agencys_webmaster_gets_404_for_a_trashed_image(
    client, agency, make_agency, trashed_logo
):
    urls = addresses(trashed_logo)
    services.move_to_trash(trashed_logo, agency.user(Role.WEBMASTER))
    client.force_login(make_agency().user(Role.WEBMASTER))

    assert [fetch(client, url)[:2] for url, _ in urls] == [(404, b""), (404, b"")]


def test_a_restored_image_is_public_again(client, agency, trashed_logo):
    webmaster = agency.user(Role.WEBMASTER)
    entry = services.move_to_trash(trashed_logo, webmaster)

    services.restore(entry, webmaster)

    status, body, cache = fetch(client, trashed_logo.file.url)
    assert (status, body) == (200, stored_bytes(trashed_logo.file))
    assert "private" not in cache


# ---------------------------------------------------------------- documents


@pytest.fixture
def trashed_document(agency):
    document = DocumentFactory(collection=agency.collection)
    services.move_to_trash(document, agency.user(Role.WEBMASTER))
    return document


@pytest.mark.parametrize("role", [Role.WEBMASTER, Role.AGENCY_ADMIN])
def test_who_manages_the_trash_opens_a_trashed_document_privately(
    client, agency, trashed_document, role
):
    client.force_login(agency.user(role))

    status, body, cache = fetch(client, trashed_document.url)

    assert (status, body) == (200, stored_bytes(trashed_document.file))
    assert cache.startswith("private")


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.APPROVER, Role.EXECUTIVE])
def test_other_staff_of_the_agency_get_404_for_a_trashed_document(client, agency, role):
    document = DocumentFactory(collection=agency.collection)
    client.force_login(agency.user(role))
    if role != Role.EXECUTIVE:
        assert fetch(client, document.url)[:2] == (200, stored_bytes(document.file))

    services.move_to_trash(document, agency.user(Role.WEBMASTER))

    assert fetch(client, document.url)[:2] == (404, b"")


def test_a_trashed_document_answers_404_to_the_public_and_other_agencies(
    client, make_agency, trashed_document
):
    assert fetch(client, trashed_document.url)[:2] == (404, b"")
    client.force_login(make_agency().user(Role.WEBMASTER))
    assert fetch(client, trashed_document.url)[:2] == (404, b"")
