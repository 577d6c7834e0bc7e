"""One gate for every way a file comes in: the admin's add page, the multiple uploader, the
chooser's upload tab, replacing the file of a document, the publication request form and the
image uploads. An archive bomb (also one named .xlsx), an HTML page that starts with %PDF- and a
file over the agency's per-file limit are refused with a Thai message, no record is created and
nothing is written to the media folder; real PDF, Word and Excel files still pass."""

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from prongsai.agencies.collections import agency_collection
from prongsai.agencies.models import AgencySettings
from prongsai.core import samplefiles
from prongsai.core.scheduler import registered_jobs
from prongsai.core.storage import fit_name
from prongsai.disclosures import filetypes
from prongsai.disclosures.models import AgencyDocument, DisclosureIndexPage
from prongsai.publishing.models import PublicationRequest

pytestmark = pytest.mark.django_db
Image = get_image_model()
MB = 1024 * 1024
XHR = {"headers": {"x-requested-with": "XMLHttpRequest"}}

PDF = samplefiles.make_pdf("ประกาศผลการสอบราคา", ["รายละเอียดการสอบราคาจ้างซ่อมถนน"], agency="อบต.")
DOCX = samplefiles.make_docx("บันทึกข้อความ", ["ขออนุมัติเผยแพร่"], agency="อบต.")
XLSX = samplefiles.make_xlsx("แผนการจัดซื้อ", ["รายการ", "วงเงิน"], [["ซ่อมถนน", 120000]], agency="อบต.")
BOMB_SIZE = 20 * MB  # of zeros: deflates to about 20 KB, a ratio near 1,000


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ZIP_BOMB = zip_bytes({"ข้อมูล.bin": b"\0" * BOMB_SIZE})
# a workbook on the outside (it has the parts that make it sniff as .xlsx), a bomb inside
XLSX_BOMB = zip_bytes(
    {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
        "xl/worksheets/sheet1.xml": b"<sheetData>" + b" " * BOMB_SIZE + b"</sheetData>",
    }
)
HTML_AS_PDF = b"%PDF-1.7\n<html><body><script>alert('x')</script></body></html>\n"

BOMB_MESSAGE = "archive bomb"
NOT_A_PDF = "เปิดเป็นไฟล์ PDF ไม่ได้"


def png_bytes(padding=0):
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), (0, 125, 126)).save(buffer, "PNG")
    return buffer.getvalue() + b"\0" * padding


def pdf_bytes(size):
    """A real PDF of exactly `size` bytes (a comment after its end pads it)."""
    return PDF + b"\n%" + b"x" * (size - len(PDF) - 2)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Path(settings.MEDIA_ROOT).mkdir()
    return Path(settings.MEDIA_ROOT)


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


@pytest.fixture
def limit_1_mb(demo_site):
    agency = AgencySettings.for_site(demo_site)
    agency.max_file_mb = 1
    agency.save()


@pytest.fixture
def stored_document(demo_site):
    """A document already in storage (written in code, so no gate judged it)."""
    document = AgencyDocument(
        title="ข้อบัญญัติงบประมาณ",
        file=ContentFile(PDF, name="budget.pdf"),
        collection=agency_collection(demo_site),
    )
    document._set_document_file_metadata()
    document.save()
    return document


def form_errors(response):
    errors = response.context["form"].errors.values()
    return " ".join(" ".join(str(e) for e in field_errors) for field_errors in errors)


# ---------- the paths a document comes in by; each returns the text the person sees ----------


def admin_add(client, upload, **_):
    response = client.post(
        "/admin/documents/add/", {"title": "เอกสารทดสอบ", "file": upload, "tags": ""}
    )
    return response.status_code == 302, "" if response.status_code == 302 else form_errors(response)


def multiple_upload(client, upload, demo_site, **_):
    data = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload, "collection": agency_collection(demo_site).pk},
        **XHR,
    ).json()
    return data["success"], data.get("error_message", "")


def chooser_upload(client, upload, **_):
    response = client.post(
        "/admin/documents/chooser/create/",
        {"document-chooser-upload-title": "เอกสารทดสอบ", "document-chooser-upload-file": upload},
    )
    data = response.json()
    return data["step"] == "chosen", json.dumps(data, ensure_ascii=False)


def replace_file(client, upload, stored_document, **_):
    response = client.post(
        f"/admin/documents/edit/{stored_document.pk}/",
        {"title": stored_document.title, "file": upload, "tags": "", "department": ""},
    )
    return response.status_code == 302, "" if response.status_code == 302 else form_errors(response)


def request_form(client, upload, users, **_):
    category = DisclosureIndexPage.objects.get(slug="procurement-reports")
    client.force_login(users["requester"])
    response = client.post(
        "/admin/requests/new/",
        {
            "title": "ประกาศผลการสอบราคาจ้างซ่อมถนน หมู่ที่ 5",
            "category": category.pk,
            "description": "ขอเผยแพร่ประกาศผลการสอบราคา",
            "contact_email": "requester@nongnamsai.go.th",
            "files": [upload],
        },
    )
    accepted = response.status_code == 302
    return accepted, "" if accepted else " ".join(response.context["form"].errors["files"])


DOCUMENT_PATHS = [admin_add, multiple_upload, chooser_upload, replace_file, request_form]


def send(path, name, data, client, users, demo_site, stored_document):
    client.force_login(users["webmaster"])
    upload = SimpleUploadedFile(name, data)
    return path(client, upload, users=users, demo_site=demo_site, stored_document=stored_document)


def assert_nothing_stored(media, stored_document, documents_before, requests_before):
    assert AgencyDocument.objects.count() == documents_before
    assert PublicationRequest.objects.count() == requests_before
    stored_document.refresh_from_db()
    assert stored_document.file.name == "documents/budget.pdf"
    assert stored_files(media) == ["documents/budget.pdf"]  # only the document already there


@pytest.mark.parametrize("path", DOCUMENT_PATHS, ids=lambda p: p.__name__)
@pytest.mark.parametrize(
    "name, data, fragment",
    [
        ("ข้อมูลดิบ.zip", ZIP_BOMB, BOMB_MESSAGE),
        ("แผนการจัดซื้อ.xlsx", XLSX_BOMB, BOMB_MESSAGE),
        ("ประกาศ.pdf", HTML_AS_PDF, NOT_A_PDF),
        ("เอกสารแนบ.zip", zip_bytes({"a.txt": b"x" * 100})[:-30], "เสียหายหรือไม่ครบ"),
    ],
    ids=["zip-bomb", "xlsx-bomb", "html-as-pdf", "truncated-zip"],
)
def test_a_dangerous_file_is_refused_on_every_path(
    path, name, data, fragment, client, users, demo_site, stored_document, media
):
    documents_before = AgencyDocument.objects.count()
    requests_before = PublicationRequest.objects.count()
    accepted, message = send(path, name, data, client, users, demo_site, stored_document)
    assert not accepted
    assert fragment in message
    assert "กรุณา" in message  # says what to do
    assert_nothing_stored(media, stored_document, documents_before, requests_before)


@pytest.mark.parametrize("path", DOCUMENT_PATHS, ids=lambda p: p.__name__)
def test_a_file_over_the_agencys_limit_is_refused_on_every_path(
    path, client, users, demo_site, stored_document, media, limit_1_mb
):
    documents_before = AgencyDocument.objects.count()
    requests_before = PublicationRequest.objects.count()
    accepted, message = send(
        path, "งบการเงิน.pdf", pdf_bytes(MB + 1), client, users, demo_site, stored_document
    )
    assert not accepted
    # the request form's own message, word for word (in bytes: both sizes read 1.0 MB)
    assert "งบการเงิน.pdf มีขนาด 1,048,577 ไบต์ หน่วยงานรับไฟล์ได้ไม่เกิน 1,048,576 ไบต์ ต่อไฟล์" in message
    assert_nothing_stored(media, stored_document, documents_before, requests_before)


@pytest.mark.parametrize("path", DOCUMENT_PATHS, ids=lambda p: p.__name__)
def test_a_file_exactly_at_the_limit_passes_on_every_path(
    path, client, users, demo_site, stored_document, media, limit_1_mb
):
    accepted, message = send(
        path, "งบการเงิน.pdf", pdf_bytes(MB), client, users, demo_site, stored_document
    )
    assert accepted, message
    assert AgencyDocument.objects.filter(file_size=MB).count() == 1


@pytest.mark.parametrize(
    "name, data, kind",
    [("ประกาศ.pdf", PDF, "pdf"), ("บันทึก.docx", DOCX, "docx"), ("แผน.xlsx", XLSX, "xlsx")],
)
@pytest.mark.parametrize(
    "path", [admin_add, multiple_upload, request_form], ids=lambda p: p.__name__
)
def test_real_office_files_and_pdfs_still_pass(
    path, name, data, kind, client, users, demo_site, stored_document, media
):
    before = set(AgencyDocument.objects.values_list("pk", flat=True))
    accepted, message = send(path, name, data, client, users, demo_site, stored_document)
    assert accepted, message
    document = AgencyDocument.objects.exclude(pk__in=before).get()
    assert document.detected_extension == kind
    assert len(stored_files(media)) == 2


def test_editing_the_title_does_not_judge_the_stored_file_again(client, users, demo_site):
    """A file stored before the gate existed (here an archive bomb) does not block editing."""
    document = AgencyDocument(
        title="ไฟล์เก่า",
        file=ContentFile(ZIP_BOMB, name="old.zip"),
        collection=agency_collection(demo_site),
    )
    document.save()
    client.force_login(users["webmaster"])
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "ไฟล์เก่า (แก้ชื่อ)", "tags": "", "department": ""},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "ไฟล์เก่า (แก้ชื่อ)"


# ---------- what exactly the inside check says ----------


@pytest.mark.parametrize(
    "data, kind, fragment",
    [
        (PDF[: len(PDF) // 3], "pdf", NOT_A_PDF),  # cut off in the middle
        (b"%PDF-1.4\n%%EOF\n", "pdf", NOT_A_PDF),
        (zip_bytes({"a.txt": b"x"})[:-30], "zip", "เสียหายหรือไม่ครบ"),  # truncated
        (zip_bytes({f"{i}.txt": b"" for i in range(5_001)}), "zip", "ไม่เกิน 5,000 ไฟล์"),
        (zip_bytes({"word/document.xml": b"<w/>"}), "docx", "ขาดส่วนที่ไฟล์ Office ทุกไฟล์ต้องมี"),
    ],
    ids=["truncated-pdf", "no-pages", "truncated-zip", "too-many-members", "no-content-types"],
)
def test_structure_problems_are_told_in_thai(data, kind, fragment):
    from django.utils import translation

    with translation.override("th"):
        message = filetypes.structure_problem(io.BytesIO(data), kind)
    assert fragment in message
    assert "กรุณา" in message


def locked_pdf():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="ลับ1234", owner_password="เจ้าของ")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_locked_with_a_password_is_refused():
    from django.utils import translation

    with translation.override("th"):
        message = filetypes.structure_problem(io.BytesIO(locked_pdf()), "pdf")
    assert "ตั้งรหัสผ่านไว้ ประชาชนจะเปิดอ่านไม่ได้" in message


def test_sound_files_have_no_structure_problem():
    for data, kind in [
        (PDF, "pdf"),
        (DOCX, "docx"),
        (XLSX, "xlsx"),
        (zip_bytes({"a.txt": "ก".encode()}), "zip"),
    ]:
        assert filetypes.structure_problem(io.BytesIO(data), kind) is None


def test_a_zip_that_unpacks_over_500_mb_is_refused_without_unpacking_it():
    from django.utils import translation

    stream = io.BytesIO(zip_bytes({f"{i}.bin": b"\0" * (1 * MB) for i in range(3)}))
    limit = filetypes.ZIP_MAX_TOTAL
    try:
        filetypes.ZIP_MAX_TOTAL = 2 * MB
        with translation.override("th"):
            message = filetypes.structure_problem(stream, "zip")
    finally:
        filetypes.ZIP_MAX_TOTAL = limit
    assert "แตกออกมาได้ 3.0 MB รับได้ไม่เกิน 2.0 MB" in message


# ---------- images ----------


def image_add(client, upload, **_):
    response = client.post("/admin/images/add/", {"title": "ภาพกิจกรรม", "file": upload, "tags": ""})
    return response.status_code == 302, "" if response.status_code == 302 else form_errors(response)


def image_multiple(client, upload, **_):
    data = client.post("/admin/images/multiple/add/", {"files[]": upload}, **XHR).json()
    return data["success"], data.get("error_message", "")


def image_chooser(client, upload, **_):
    response = client.post(
        "/admin/images/chooser/create/",
        {"image-chooser-upload-title": "ภาพกิจกรรม", "image-chooser-upload-file": upload},
    )
    data = response.json()
    return data["step"] != "reshow_creation_form", json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    "path", [image_add, image_multiple, image_chooser], ids=lambda p: p.__name__
)
def test_an_image_over_the_agencys_limit_is_refused(path, client, users, media, limit_1_mb):
    before = Image.objects.count()
    client.force_login(users["webmaster"])
    data = png_bytes(padding=MB + MB // 5)
    accepted, message = path(client, SimpleUploadedFile("วันเด็ก.png", data))
    assert not accepted
    assert "วันเด็ก.png มีขนาด 1.2 MB หน่วยงานรับไฟล์ได้ไม่เกิน 1.0 MB ต่อไฟล์" in message
    assert Image.objects.count() == before
    assert stored_files(media) == []
    accepted, message = path(client, SimpleUploadedFile("วันเด็ก.png", png_bytes()))
    assert accepted, message
    assert Image.objects.count() == before + 1


# ---------- long names ----------

LONG_THAI_NAME = "ประกาศผลการจัดซื้อจัดจ้าง" * 12 + ".pdf"  # 304 characters, 900 bytes


@pytest.mark.parametrize(
    "path", [admin_add, multiple_upload, request_form], ids=lambda p: p.__name__
)
def test_a_300_character_thai_file_name_is_shortened_not_a_server_error(
    path, client, users, demo_site, stored_document, media
):
    assert len(LONG_THAI_NAME) > 300
    before = set(AgencyDocument.objects.values_list("pk", flat=True))
    accepted, message = send(path, LONG_THAI_NAME, PDF, client, users, demo_site, stored_document)
    assert accepted, message
    document = AgencyDocument.objects.exclude(pk__in=before).get()
    name = document.file.name
    assert name.startswith("documents/ประกาศผลการจัดซื้อจัดจ้าง") and name.endswith(".pdf")
    assert len(name) <= AgencyDocument._meta.get_field("file").max_length
    assert len(os.path.basename(name).encode()) <= 255
    assert 0 < len(document.title) <= AgencyDocument._meta.get_field("title").max_length
    assert (media / name).read_bytes() == PDF


def test_fit_name_keeps_the_extension_and_the_folder():
    assert fit_name("documents/สั้น.pdf", 100) == "documents/สั้น.pdf"
    cut = fit_name("documents/abc/" + "ก" * 200 + ".xlsx", 100)
    assert cut == "documents/abc/" + "ก" * 81 + ".xlsx"
    assert len(fit_name("ข" * 300 + ".pdf").encode()) <= 255


# ---------- files an interrupted upload left behind ----------


def orphan_job():
    (job,) = [
        j for j in registered_jobs() if j.name.endswith("remove_files_of_interrupted_uploads")
    ]
    assert job.every_seconds == 6 * 3600
    return job.func


def write(media, name, size, hours_old):
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    moment = time.time() - hours_old * 3600
    os.utime(path, (moment, moment))
    return path


def test_the_worker_removes_old_files_no_record_owns(demo_site, media, stored_document, caplog):
    """A server killed during an upload left the file with no record; the worker frees it."""
    old_owned = media / stored_document.file.name
    moment = time.time() - 7 * 3600
    os.utime(old_owned, (moment, moment))
    image = Image.objects.create(
        title="ภาพ",
        file=ContentFile(png_bytes(), name="ภาพ.png"),
        collection=agency_collection(demo_site),
    )
    os.utime(media / image.file.name, (moment, moment))
    old_orphan = write(media, "documents/ค้างจากการอัปโหลด.pdf", 19_500, hours_old=7)
    old_image_orphan = write(media, "original_images/ab12cd34/ภาพค้าง.png", 500, hours_old=6.1)
    young_orphan = write(media, "documents/กำลังอัปโหลด.pdf", 1_000, hours_old=5.9)
    elsewhere = write(media, "backups/old.zip", 10, hours_old=100)

    with caplog.at_level("INFO", logger="prongsai.orphans"):
        orphan_job()()

    assert not old_orphan.exists() and not old_image_orphan.exists()
    assert not old_image_orphan.parent.exists()  # its emptied sub-folder went too
    assert young_orphan.exists()  # may be an upload in progress
    assert old_owned.exists() and (media / image.file.name).exists()
    assert elsewhere.exists()  # only the upload folders are looked at
    assert "Removed 2 files no record owned (20000 bytes)" in caplog.text
