"""A document's real type comes from its bytes; the size, type and checksum are recorded."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core import samplefiles
from prongsai.disclosures import filetypes
from prongsai.disclosures.models import AgencyDocument

PDF = samplefiles.make_pdf("ประกาศทดสอบ", ["ข้อความภาษาไทย"], agency="อบต.ทดสอบ")
DOCX = samplefiles.make_docx("บันทึก", ["ข้อความ"], agency="อบต.ทดสอบ")
XLSX = samplefiles.make_xlsx("ตาราง", ["ก", "ข"], [[1, 2]], agency="อบต.ทดสอบ")
PNG = samplefiles.make_logo("ทดสอบ")


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "สวัสดี")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, kind",
    [(PDF, "pdf"), (DOCX, "docx"), (XLSX, "xlsx"), (PNG, "png"), (plain_zip(), "zip")],
)
def test_kind_is_sniffed_from_the_bytes(data, kind):
    assert filetypes.sniff(io.BytesIO(data)).extension == kind


@pytest.mark.parametrize(
    "data", [b"MZ\x90\x00" + b"\x00" * 200, b"<html><script>alert(1)</script></html>", b"hello"]
)
def test_executables_html_and_text_are_not_allowed_kinds(data):
    assert filetypes.sniff(io.BytesIO(data)) is None


def test_sniff_leaves_the_file_position_alone():
    stream = io.BytesIO(PDF)
    stream.seek(3)
    filetypes.sniff(stream)
    assert stream.tell() == 3


def document(name, data):
    return AgencyDocument(title="ทดสอบ", file=SimpleUploadedFile(name, data))


@pytest.mark.django_db
def test_a_real_pdf_is_accepted_and_described():
    doc = document("report.pdf", PDF)
    doc.full_clean(exclude=["collection"])
    doc._set_document_file_metadata()
    assert doc.detected_extension == "pdf"
    assert doc.content_type == "application/pdf"
    assert doc.file_size == len(PDF)
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest()
    assert doc.kind_label == "PDF"
    assert doc.human_size.endswith("KB")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, data, fragment",
    [
        ("budget.docx", PDF, "แต่เนื้อหาเป็นไฟล์ PDF"),  # a PDF wearing a Word name
        ("photo.jpg", PNG, "แต่เนื้อหาเป็นไฟล์ PNG"),
        ("empty.pdf", b"", "ว่างเปล่า"),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "ไม่ใช่ชนิดที่อนุญาต"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "ไม่ใช่ชนิดที่อนุญาต"),
    ],
)
def test_a_mismatched_empty_or_foreign_file_is_refused_in_thai(name, data, fragment):
    from django.utils import translation

    with translation.override("th"):
        with pytest.raises(ValidationError) as error:
            document(name, data).full_clean(exclude=["collection"])
        message = " ".join(error.value.message_dict["file"])
    assert fragment in message


@pytest.mark.django_db
def test_admin_upload_of_a_renamed_file_is_refused_and_nothing_is_saved(client, users):
    client.force_login(users["webmaster"])
    before = AgencyDocument.objects.count()
    from wagtail.models import Collection

    collection = Collection.objects.get(name="อบต.หนองน้ำใส")
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "งบประมาณ",
            "file": SimpleUploadedFile("budget.pdf", DOCX),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200
    assert AgencyDocument.objects.count() == before
    assert "Word (DOCX)" in response.content.decode()


@pytest.mark.django_db
def test_admin_upload_of_a_real_file_records_its_metadata(client, users):
    from wagtail.models import Collection

    client.force_login(users["webmaster"])
    collection = Collection.objects.get(name="อบต.หนองน้ำใส")
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "แผนการจัดซื้อ",
            "file": SimpleUploadedFile("plan.xlsx", XLSX),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302
    doc = AgencyDocument.objects.get(title="แผนการจัดซื้อ")
    assert doc.detected_extension == "xlsx"
    assert doc.sha256 == hashlib.sha256(XLSX).hexdigest()
    assert doc.uploaded_by_user == users["webmaster"]
