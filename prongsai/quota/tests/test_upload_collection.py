"""An upload that names another agency's collection is refused with a Thai message, on every
upload path of documents and images (add page, multiple uploader, chooser's upload tab), and
nothing is stored: no record in any collection, no unfinished upload, no file in the media
folder. Wagtail hid the collection field from a person with one collection and stored the
file in their own collection whatever the form named, so they never learnt it."""

import json
from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from prongsai.agencies.models import Role
from prongsai.disclosures.models import AgencyDocument
from prongsai.quota.tests.conftest import BASE_PDF, BASE_PNG, stored_files

pytestmark = pytest.mark.django_db
Image = get_image_model()
XHR = {"headers": {"x-requested-with": "XMLHttpRequest"}}
MESSAGE = "เลือกได้เฉพาะคอลเลกชันของหน่วยงานของท่าน"


def _form_text(response):
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


# (Wagtail app, chooser prefix, title, file name, bytes) of each kind of upload
KINDS = {
    "document": ("documents", "document", "ประกาศส่วนตัว", "ประกาศ.pdf", BASE_PDF),
    "image": ("images", "image", "ภาพส่วนตัว", "ภาพ.png", BASE_PNG),
}


def add_page(kind, client, collection):
    app, _prefix, title, name, content = KINDS[kind]
    response = client.post(
        f"/admin/{app}/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": collection.pk,
            "tags": "",
        },
    )
    return response.status_code == 302, "" if response.status_code == 302 else _form_text(response)


def multiple_uploader(kind, client, collection):
    app, _prefix, _title, name, content = KINDS[kind]
    data = client.post(
        f"/admin/{app}/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content), "collection": collection.pk},
        **XHR,
    ).json()
    return data["success"], data.get("error_message", "")


def chooser_upload(kind, client, collection):
    app, prefix, title, name, content = KINDS[kind]
    data = client.post(
        f"/admin/{app}/chooser/create/",
        {
            f"{prefix}-chooser-upload-title": title,
            f"{prefix}-chooser-upload-file": SimpleUploadedFile(name, content),
            f"{prefix}-chooser-upload-collection": collection.pk,
        },
    ).json()
    return data["step"] == "chosen", json.dumps(data, ensure_ascii=False)


PATHS = [
    pytest.param(partial(upload, kind), id=f"{kind}-{upload.__name__}")
    for kind in KINDS
    for upload in (add_page, multiple_uploader, chooser_upload)
]


@pytest.fixture
def agencies(make_agency):
    return make_agency(name="หน่วยงานเอ"), make_agency(name="หน่วยงานบี")


def _stored():
    return AgencyDocument.objects.count(), Image.objects.count(), UploadedFile.objects.count()


@pytest.mark.parametrize("role", [Role.WEBMASTER, Role.REQUESTER])
@pytest.mark.parametrize("path", PATHS)
def test_naming_another_agencys_collection_is_refused_and_nothing_is_stored(
    client, agencies, media, path, role
):
    a, b = agencies
    before = _stored()
    client.force_login(b.user(role))
    accepted, message = path(client, a.collection)
    assert not accepted
    assert MESSAGE in message
    assert _stored() == before
    assert stored_files(media) == []


@pytest.mark.parametrize("path", PATHS)
def test_naming_a_collection_that_does_not_exist_is_refused_too(client, agencies, media, path):
    a, b = agencies
    before = _stored()
    client.force_login(b.user(Role.WEBMASTER))
    missing = type("Missing", (), {"pk": "999999"})
    accepted, message = path(client, missing)
    assert not accepted
    assert MESSAGE in message
    assert _stored() == before
    assert stored_files(media) == []


@pytest.mark.parametrize("path", PATHS)
def test_naming_the_own_collection_stores_the_file_there(client, agencies, media, path):
    _a, b = agencies
    client.force_login(b.user(Role.WEBMASTER))
    accepted, message = path(client, b.collection)
    assert accepted, message
    stored = list(AgencyDocument.objects.filter(collection=b.collection)) + list(
        Image.objects.filter(collection=b.collection)
    )
    assert len(stored) == 1
    assert stored[0].file.name in stored_files(media)  # (the chooser adds a rendition)
