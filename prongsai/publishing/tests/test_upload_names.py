"""File names are normalised, never a reason to lose a valid file: on every way a document or
an image comes in, the stored file name and the title made from it hold no control or
text-direction character and fit their columns (a NUL in a title was HTTP 500 on PostgreSQL)."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from prongsai.agencies.models import Role
from prongsai.core.storage import readable_name, thai_safe_filename, title_from_filename
from prongsai.disclosures.factories import DisclosureIndexPageFactory, small_pdf, small_png
from prongsai.disclosures.models import AgencyDocument

pytestmark = pytest.mark.django_db

XHR = {"headers": {"x-requested-with": "XMLHttpRequest"}}
LONG_THAI = "ก" * 300 + ".pdf"
HIDDEN = "ประกาศ\x00ฉบับ\u202eที่\u2066 1\x07\x1f\x7f.pdf"  # what a hostile client could name it
TITLE_LENGTH = AgencyDocument._meta.get_field("title").max_length


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_readable_name_removes_hidden_characters_and_bounds_the_length():
    assert readable_name(HIDDEN) == "ประกาศฉบับที่ 1.pdf"
    assert readable_name("  ก \t ข\n", 2) == "ก"
    assert title_from_filename(LONG_THAI, TITLE_LENGTH) == "ก" * TITLE_LENGTH
    assert title_from_filename("nul\x00.pdf", TITLE_LENGTH) == "nul"
    assert thai_safe_filename("\u202efdp.exe") == "fdp.exe"


def assert_readable(name, title):
    for text in (name, title):
        assert not any(ord(c) < 0x20 or ord(c) == 0x7F or 0x202A <= ord(c) <= 0x202E for c in text)
        assert not any(0x2066 <= ord(c) <= 0x2069 for c in text)
    assert len(title) <= TITLE_LENGTH
    assert len(name) <= 100 and len(os.path.basename(name).encode()) <= 255


def new_rows(model, before):
    return list(model.objects.exclude(pk__in=before))


@pytest.mark.parametrize("title", [HIDDEN, LONG_THAI])
def test_the_multiple_uploader_stores_a_document_with_a_readable_title(client, agency, title):
    client.force_login(agency.user(Role.WEBMASTER))
    before = list(AgencyDocument.objects.values_list("pk", flat=True))

    data = client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile(LONG_THAI, small_pdf()),
            "collection": agency.collection.pk,
            "title": title,  # what Wagtail's script sends: the file's name
        },
        **XHR,
    ).json()

    assert data["success"]
    [document] = new_rows(AgencyDocument, before)
    assert_readable(document.file.name, document.title)
    assert document.title == readable_name(title, TITLE_LENGTH)


@pytest.mark.parametrize("path", ["add", "chooser", "replace"])
def test_every_document_form_stores_a_readable_title(client, agency, path):
    from prongsai.disclosures.factories import DocumentFactory

    client.force_login(agency.user(Role.WEBMASTER))
    upload = SimpleUploadedFile("ประกาศ.pdf", small_pdf())
    if path == "add":
        client.post(
            "/admin/documents/add/",
            {"title": HIDDEN, "file": upload, "collection": agency.collection.pk, "tags": ""},
        )
    elif path == "chooser":
        client.post(
            "/admin/documents/chooser/create/",
            {
                "document-chooser-upload-title": HIDDEN,
                "document-chooser-upload-file": upload,
                "document-chooser-upload-collection": agency.collection.pk,
            },
        )
    else:
        stored = DocumentFactory(collection=agency.collection)
        client.post(
            f"/admin/documents/edit/{stored.pk}/",
            {"title": HIDDEN, "file": upload, "collection": agency.collection.pk, "tags": ""},
        )

    document = AgencyDocument.objects.get(title=readable_name(HIDDEN))
    assert_readable(document.file.name, document.title)


@pytest.mark.parametrize("path", ["multiple", "add"])
def test_image_uploads_store_a_readable_title(client, agency, path):
    Image = get_image_model()
    client.force_login(agency.user(Role.WEBMASTER))
    upload = SimpleUploadedFile("ก" * 300 + ".png", small_png())
    fields = {"title": HIDDEN, "collection": agency.collection.pk}
    if path == "multiple":
        client.post("/admin/images/multiple/add/", {"files[]": upload, **fields}, **XHR)
    else:
        client.post("/admin/images/add/", {"file": upload, "tags": "", **fields})

    image = Image.objects.get(title=readable_name(HIDDEN))
    assert_readable(image.file.name, image.title)


def test_a_request_attachment_gets_a_readable_name_and_title(agency):
    """Names reach the request below the browser's form too (Django's parser drops controls
    from an HTTP upload's name; nothing else does)."""
    from prongsai.publishing import requests

    requester = agency.user(Role.REQUESTER)
    cleaned = {
        "files": [
            SimpleUploadedFile(HIDDEN, small_pdf()),
            SimpleUploadedFile(LONG_THAI, small_pdf()),
        ],
        "category": DisclosureIndexPageFactory(parent=agency.home),
        "title": "ขอเผยแพร่ประกาศ",
        "description": "",
        "contact_phone": "0 4312 3456",
        "contact_email": "",
        "data_period_start": None,
        "data_period_end": None,
        "wanted_publish_date": None,
        "wanted_takedown_date": None,
    }
    before = list(AgencyDocument.objects.values_list("pk", flat=True))

    requests.submit(cleaned, requester, agency.site)

    documents = sorted(new_rows(AgencyDocument, before), key=lambda d: len(d.title))
    assert documents[0].title == "ประกาศฉบับที่ 1"
    assert documents[0].file.name == "documents/ประกาศฉบับที่_1.pdf"
    assert set(documents[1].title) == {"ก"}  # Django cut the name to 255 characters already
    for document in documents:
        assert_readable(document.file.name, document.title)
