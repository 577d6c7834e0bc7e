import itertools

import pytest
from django.core.files.base import ContentFile

from prongsai.core import samplefiles

PDF = samplefiles.make_pdf("ประกาศทดสอบถังขยะ", ["ข้อความภาษาไทย"], agency="อบต.ทดสอบ")
PNG = samplefiles.make_logo("ทดสอบ")
_numbers = itertools.count(1)


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a folder of this test only, so what is on disk can be checked."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def trash_site(demo_site):
    """The agency the documents and pages below are made in (a test module may give its own)."""
    return demo_site


@pytest.fixture
def collection(trash_site):
    from prongsai.agencies.collections import agency_collection

    return agency_collection(trash_site)


@pytest.fixture
def make_document(media, collection):
    from prongsai.disclosures.models import AgencyDocument

    def make(title="ประกาศทดสอบ", name="notice.pdf", data=PDF, in_collection=None):
        document = AgencyDocument(
            title=title, file=ContentFile(data, name=name), collection=in_collection or collection
        )
        document._set_document_file_metadata()
        document.save()
        return document

    return make


@pytest.fixture
def make_image(media, collection):
    from wagtail.images import get_image_model

    def make(title="ภาพทดสอบ", name="photo.png"):
        image = get_image_model()(
            title=title, file=ContentFile(PNG, name=name), collection=collection
        )
        image.save()
        return image

    return make


@pytest.fixture
def make_page(trash_site):
    """A published StandardPage under the agency's home with the given files attached and
    optional rich text."""
    from prongsai.site.factories import StandardPageFactory

    def make(title, documents=(), parent=None, html="", publish=True, image=None, slug=None):
        body = []
        if documents:
            body.append(
                (
                    "files",
                    [{"document": d, "title": ""} for d in documents],
                )
            )
        if html:
            body.append(("paragraph", html))
        if image is not None:
            body.append(("image", {"image": image, "alt_text": "", "caption": ""}))
        return StandardPageFactory(
            parent=parent or trash_site.root_page,
            title=title,
            slug=slug or f"trash-test-{next(_numbers)}",
            body=body,
            live=publish,
        )

    return make


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do
