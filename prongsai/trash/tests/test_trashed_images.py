"""An image in the trash is off the public site by every address, its original and its
renditions, even while the agency's settings still name it as the logo; platform admins, whose
image listing shows the trash collections, still see it."""

import pytest

from prongsai.agencies.factories import UserFactory
from prongsai.agencies.models import AgencySettings, Role
from prongsai.disclosures.factories import ImageFactory
from prongsai.trash import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def status_of(client, url):
    response = client.get(url)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def trashed_logo(agency):
    logo = ImageFactory(collection=agency.collection)
    AgencySettings.objects.filter(pk=agency.settings.pk).update(logo=logo)
    return logo


def test_a_trashed_image_answers_404_to_the_public_and_to_the_agency(client, agency, trashed_logo):
    urls = [trashed_logo.file.url, trashed_logo.get_rendition("fill-80x80").url]
    assert [status_of(client, url) for url in urls] == [200, 200]
    webmaster = agency.user(Role.WEBMASTER)

    services.move_to_trash(trashed_logo, webmaster)

    assert [status_of(client, url) for url in urls] == [404, 404]
    client.force_login(webmaster)
    assert [status_of(client, url) for url in urls] == [404, 404]


def test_a_platform_admin_still_sees_a_trashed_image(client, agency, trashed_logo):
    services.move_to_trash(trashed_logo, agency.user(Role.WEBMASTER))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert status_of(client, trashed_logo.get_rendition("max-165x165").url) == 200


def test_a_restored_image_is_public_again(client, agency, trashed_logo):
    webmaster = agency.user(Role.WEBMASTER)
    entry = services.move_to_trash(trashed_logo, webmaster)

    services.restore(entry, webmaster)

    assert status_of(client, trashed_logo.file.url) == 200
