"""A page of one agency cannot link another agency's documents, images or pages, even when
someone types the other agency's id into a block."""

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from prongsai.agencies.collections import agency_collection
from prongsai.core import samplefiles
from prongsai.site.models import StandardPage

AgencyDocument = get_document_model()  # the disclosures app's model, without importing it

pytestmark = pytest.mark.django_db

PDF = samplefiles.make_pdf("เอกสารของหน่วยงานอื่น", ["ข้อความ"], agency="ทต.อื่น")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def page(demo_site):
    page = StandardPage(title="หน้าของ อบต.หนองน้ำใส", slug="foreign-ref-test", body=[])
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_document(collection):
    document = AgencyDocument(
        title="เอกสารของ ทต.อื่น", file=ContentFile(PDF, name="other.pdf"), collection=collection
    )
    document._set_document_file_metadata()
    document.save()
    return document


def files_block(document):
    value = {
        "count": 1,
        0: {"value": {"document": document.pk, "title": ""}, "deleted": "", "order": 0},
    }
    return streamfield([("files", value)])


def post_body(client, user, page, body):
    client.force_login(user)
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "body": body, "comments": inline_formset([])}
    )
    with translation.override("th"):
        return client.post(f"/admin/pages/{page.pk}/edit/", data)


def stored_revision(page):
    return StandardPage.objects.get(pk=page.pk).latest_revision_id


def test_another_agencys_document_is_refused_in_thai(client, users, page, other_agency, media):
    foreign = make_document(other_agency["collection"])
    before = stored_revision(page)
    response = post_body(client, users["webmaster"], page, files_block(foreign))
    assert "เป็นของหน่วยงานอื่น" in response.content.decode()
    assert stored_revision(page) == before


def test_another_agencys_image_is_refused(client, users, page, other_agency, media):
    image = get_image_model()(
        title="ภาพของ ทต.อื่น",
        file=ContentFile(samplefiles.make_logo("อื่น"), name="other.png"),
        collection=other_agency["collection"],
    )
    image.save()
    before = stored_revision(page)
    body = streamfield([("image", {"image": image.pk, "alt_text": "ภาพ", "caption": ""})])
    response = post_body(client, users["webmaster"], page, body)
    assert "เป็นของหน่วยงานอื่น" in response.content.decode()
    assert stored_revision(page) == before


def test_the_agencys_own_document_is_accepted(client, users, page, demo_site, media):
    own = make_document(agency_collection(demo_site))
    before = stored_revision(page)
    response = post_body(client, users["webmaster"], page, files_block(own))
    assert response.status_code == 302
    assert stored_revision(page) != before
    body = StandardPage.objects.get(pk=page.pk).latest_revision.as_object().body
    assert [item["document"].pk for item in body[0].value] == [own.pk]
