"""Test factories for documents and disclosure pages (factory_boy).

index = DisclosureIndexPageFactory(parent=agency.home)
item = DisclosurePageFactory(parent=index, department=department)  # with one PDF file
item = DisclosurePageFactory(parent=index, files=[])                # no file
image = ImageFactory(collection=agency.collection)                  # a small PNG
"""

import datetime
import functools
import io

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from PIL import Image as PILImage
from wagtail.images import get_image_model

from prongsai.agencies.collections import agency_collection
from prongsai.core.thaipdf import ThaiPDF
from prongsai.disclosures.documents import AgencyDocument
from prongsai.disclosures.pages import (
    DisclosureIndexPage,
    DisclosurePage,
    InformationCentrePage,
)
from prongsai.site.factories import OwnedPageFactory, PageFactory


@functools.cache
def small_pdf(title="เอกสารทดสอบ"):
    """A small valid one-page Thai PDF (made once per title: fonts take a moment)."""
    doc = ThaiPDF(agency="หน่วยงานทดสอบ", title=title, page_numbers=None)
    doc.heading(title, level=1)
    doc.paragraph("ข้อมูลข่าวสารเพื่อการทดสอบ")
    return bytes(doc.output())


class DocumentFactory(DjangoModelFactory):
    """An AgencyDocument holding a small PDF, in `collection` (give the agency's)."""

    class Meta:
        model = AgencyDocument

    title = factory.Sequence(lambda n: f"เอกสารทดสอบ {n}")
    collection = None  # required: DocumentFactory(collection=agency.collection)
    file = factory.LazyAttribute(
        lambda doc: ContentFile(small_pdf(), name=f"{doc.title.replace(' ', '-')}.pdf")
    )

    @classmethod
    def _create(cls, model_class, **fields):
        document = model_class(**fields)
        document._set_document_file_metadata()
        document.save()
        return document


@functools.cache
def small_png(colour=(0, 94, 184)):
    """A small valid PNG (40 × 30 pixels of one colour)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


class ImageFactory(DjangoModelFactory):
    """A Wagtail image holding a small PNG, in `collection` (give the agency's)."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"ภาพทดสอบ {n}")
    collection = None  # required: ImageFactory(collection=agency.collection)
    file = factory.LazyAttribute(lambda image: ContentFile(small_png(), name="ภาพ.png"))


class DisclosureIndexPageFactory(PageFactory):
    class Meta:
        model = DisclosureIndexPage


class InformationCentrePageFactory(PageFactory):
    class Meta:
        model = InformationCentrePage


def _file_blocks(documents):
    return [{"type": "file", "value": {"document": doc.pk, "title": ""}} for doc in documents]


class DisclosurePageFactory(OwnedPageFactory):
    """A published disclosure with one PDF (its collection is the agency's, found from the
    parent page's Site); pass `files=[...]` for other documents or none."""

    class Meta:
        model = DisclosurePage

    data_period_start = datetime.date(2025, 10, 1)
    data_period_end = datetime.date(2026, 9, 30)
    fiscal_year = 2569
    oia_category = "s9(1)"

    @classmethod
    def _create(cls, model_class, parent=None, live=True, files=None, **fields):
        if files is None:
            files = [DocumentFactory(collection=_agency_collection(parent), title=fields["title"])]
        fields.setdefault("attachments", _file_blocks(files))
        return super()._create(model_class, parent=parent, live=live, **fields)


def _agency_collection(page):
    return agency_collection(page.get_site())
