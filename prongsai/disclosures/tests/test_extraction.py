"""The text inside uploaded files is read in the background (OCR for scanned PDFs), stored on
the document, announced to the search, and shown to the webmaster in a report."""

import io
import json
import random
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from prongsai.core import samplefiles
from prongsai.disclosures import extraction
from prongsai.disclosures.extraction import TextStatus, clean_text, extract
from prongsai.disclosures.models import AgencyDocument
from prongsai.disclosures.signals import document_text_extracted

AGENCY = "องค์การบริหารส่วนตำบลทดสอบ"
PARAGRAPHS = [
    "ประกาศแผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569",
    "งบประมาณทั้งสิ้น 500,000 บาท ตามข้อบัญญัติงบประมาณรายจ่าย",
]
TABLE = [["รายการ", "งบประมาณ (บาท)"], ["จัดซื้อวัสดุสำนักงาน", "120,000"]]
PDF = samplefiles.make_pdf("แผนการจัดซื้อจัดจ้าง", PARAGRAPHS, agency=AGENCY, table=TABLE)
DOCX = samplefiles.make_docx("แผนการจัดซื้อจัดจ้าง", PARAGRAPHS, agency=AGENCY, table=TABLE)
XLSX = samplefiles.make_xlsx(
    "แผนการจัดซื้อจัดจ้าง",
    ["รายการ", "งบประมาณ"],
    [["จัดซื้อวัสดุสำนักงาน", 120000.0], ["จ้างเหมาซ่อมถนน", 380000.0]],
    agency=AGENCY,
)
PNG = samplefiles.make_logo("ทดสอบ")
FONT = Path(samplefiles.__file__).resolve().parent.parent / "fonts" / "Sarabun-Regular.ttf"
SCAN_LINES = [
    "ประกาศเทศบาลตำบลหนองน้ำใส",
    "เรื่อง การจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568",
    "เทศบาลขอประกาศให้ประชาชนทราบโดยทั่วกัน",
    "งบประมาณ 500,000 บาท",
]
# The words Tesseract 5.3 (Debian 12, tesseract-ocr-tha) reads every time from SCAN_PDF; it
# drops some tone marks (น้ำ → นำ, เรื่อง → เรือง), so words with tone marks are not used.
SCAN_WORDS = ["ประกาศ", "เทศบาล", "งบประมาณ", "ประชาชน"]
SCAN_LABEL = "ไฟล์สแกน — ไม่ผ่านการเข้าถึง (accessibility)"


def scanned_pdf(lines=SCAN_LINES, pages=1):
    """A scanner's PDF: A4 pages that are only a 200 dpi picture (1654 × 2339 px), no text."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 32)
    pdf = FPDF(unit="pt", format=(595.28, 841.89))
    for _ in range(pages):
        picture = Image.new("L", (1654, 2339), 255)
        draw = ImageDraw.Draw(picture)
        for row, line in enumerate(lines):
            draw.text((150, 200 + row * 70), line, font=font, fill=0)
        png = io.BytesIO()
        picture.save(png, "PNG")
        pdf.add_page()
        pdf.image(png, x=0, y=0, w=595.28, h=841.89)
    return bytes(pdf.output())


def blank_pdf():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def pdf_of_pages(count):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_page(PdfReader(io.BytesIO(PDF)).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SCAN_PDF = scanned_pdf()


def needs_ocr(test):
    """OCR tests need Debian's tesseract-ocr-tha and poppler-utils, which `./dev test` installs."""
    return test


# ---------- extract(): text files ----------


@pytest.mark.parametrize("data, extension", [(PDF, "pdf"), (DOCX, "docx"), (XLSX, "xlsx")])
def test_thai_text_comes_out_of_pdf_docx_and_xlsx(data, extension):
    result = extract(io.BytesIO(data), extension)
    assert result.status == TextStatus.EXTRACTED
    assert "จัดซื้อจัดจ้าง" in result.text
    assert "งบประมาณ" in result.text
    assert "จัดซื้อวัสดุสำนักงาน" in result.text  # a table cell
    assert not result.is_scan
    assert result.error == ""


def test_pdf_has_its_page_count_and_docx_its_header_and_table_rows():
    assert extract(io.BytesIO(PDF), "pdf").page_count == 1
    docx = extract(io.BytesIO(DOCX), "docx").text
    assert AGENCY in docx  # the page header
    assert "จัดซื้อวัสดุสำนักงาน\t120,000" in docx  # cells of a row, tab separated
    xlsx = extract(io.BytesIO(XLSX), "xlsx").text
    assert "จ้างเหมาซ่อมถนน\t380000" in xlsx


def test_xlsx_reads_every_sheet_and_never_a_formula():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "รายรับ"
    workbook.active.append(["ภาษีที่ดิน", 1500])
    workbook.active.append(["รวม", "=SUM(B1:B1)"])
    second = workbook.create_sheet("รายจ่าย")
    second.append(["ค่าวัสดุ", 250.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = extract(io.BytesIO(buffer.getvalue()), "xlsx")
    assert result.status == TextStatus.EXTRACTED
    assert "รายรับ\nภาษีที่ดิน\t1500" in result.text
    assert "รายจ่าย\nค่าวัสดุ\t250.5" in result.text
    assert "SUM" not in result.text


def test_pptx_slides_and_notes_when_python_pptx_is_installed():
    import pptx

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "สรุปผลการดำเนินงาน"
    slide.placeholders[1].text = "งบประมาณที่ใช้ไป 80 เปอร์เซ็นต์"
    slide.notes_slide.notes_text_frame.text = "หมายเหตุสำหรับผู้บรรยาย"
    buffer = io.BytesIO()
    presentation.save(buffer)
    result = extract(io.BytesIO(buffer.getvalue()), "pptx")
    assert result.status == TextStatus.EXTRACTED
    assert result.page_count == 1
    for words in ("สรุปผลการดำเนินงาน", "งบประมาณที่ใช้ไป", "หมายเหตุสำหรับผู้บรรยาย"):
        assert words in result.text


def test_empty_files_have_no_text():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    assert extract(io.BytesIO(buffer.getvalue()), "xlsx").status == TextStatus.NO_TEXT
    blank = extract(io.BytesIO(blank_pdf()), "pdf")
    assert blank.status == TextStatus.NO_TEXT
    assert not blank.is_scan  # an empty page is not a scan: there is no picture on it


@pytest.mark.parametrize("extension", ["png", "jpg", "doc", "xls", "zip", "rar"])
def test_other_kinds_are_unsupported_with_a_thai_note(extension):
    result = extract(io.BytesIO(PNG), extension)
    assert result.status == TextStatus.UNSUPPORTED
    assert result.text == "" and not result.is_scan
    assert "ยังดึงข้อความจากไฟล์" in result.error


# ---------- extract(): broken files never raise ----------

RANDOM = random.Random(7).randbytes(20_000)


@pytest.mark.parametrize(
    "data, extension",
    [
        (PDF[: len(PDF) // 2], "pdf"),  # truncated upload
        (PDF[:-40], "pdf"),
        (RANDOM, "pdf"),
        (RANDOM, "docx"),  # random bytes named .docx
        (RANDOM, "xlsx"),
        (DOCX[: len(DOCX) // 2], "docx"),
        (b"", "pdf"),
    ],
)
def test_a_broken_file_fails_with_a_thai_note(data, extension):
    with translation.override("en"):  # the worker's language does not matter: notes are Thai
        result = extract(io.BytesIO(data), extension)
    assert result.status == TextStatus.FAILED
    assert "ไฟล์เสียหาย" in result.error
    assert result.text == ""


def test_a_password_protected_pdf_fails_but_a_copy_protected_one_is_read():
    from pypdf import PdfReader, PdfWriter

    def encrypted(user_password):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    locked = extract(io.BytesIO(encrypted("secret")), "pdf")
    assert locked.status == TextStatus.FAILED
    assert "รหัสผ่าน" in locked.error
    copy_protected = extract(io.BytesIO(encrypted("")), "pdf")  # owner password only
    assert copy_protected.status == TextStatus.EXTRACTED
    assert "จัดซื้อจัดจ้าง" in copy_protected.text


def test_work_is_bounded_pages_and_characters(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_PDF_PAGES", 2)
    result = extract(io.BytesIO(pdf_of_pages(3)), "pdf")
    assert result.page_count == 3
    assert result.text.count("จัดซื้อวัสดุสำนักงาน") == 2
    assert "เฉพาะ 2 หน้าแรกจากทั้งหมด 3 หน้า" in result.error

    monkeypatch.setattr(extraction, "MAX_CHARS", 50)
    result = extract(io.BytesIO(DOCX), "docx")
    assert len(result.text) == 50
    assert result.status == TextStatus.EXTRACTED
    assert "ยาวเกิน 50 ตัวอักษร" in result.error


def test_text_is_cleaned_for_search_and_postgresql():
    # NIKHAHIT + SARA AA (how PDFs and Tesseract often write SARA AM) becomes SARA AM
    assert clean_text("ตําบลหนองน\u0e4d\u0e49\u0e32ใส") == "ตำบลหนองน้ำใส"
    assert clean_text("ก\x00ข\x15ค\r\n\n\n\nง  \n") == "กขค\n\nง"


# ---------- extract(): scanned PDFs and OCR ----------


@needs_ocr
def test_a_scanned_pdf_is_read_with_thai_ocr():
    result = extract(io.BytesIO(SCAN_PDF), "pdf")
    assert result.is_scan
    assert result.status == TextStatus.OCR
    assert result.page_count == 1
    found = [word for word in SCAN_WORDS if word in result.text]
    assert found, result.text
    assert "ตำบล" in result.text  # SARA AM as one character after clean-up


@needs_ocr
def test_a_pdf_with_text_pages_and_a_scanned_page_keeps_both_in_page_order():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(PDF)).pages[0])
    writer.add_page(PdfReader(io.BytesIO(SCAN_PDF)).pages[0])
    mixed = io.BytesIO()
    writer.write(mixed)
    result = extract(io.BytesIO(mixed.getvalue()), "pdf")
    assert (result.is_scan, result.status, result.page_count) == (True, TextStatus.OCR, 2)
    typed = result.text.index("จัดซื้อวัสดุสำนักงาน")
    assert any(typed < result.text.find(word) for word in SCAN_WORDS)


def test_without_tesseract_a_scan_is_ocr_failed_not_a_crash(monkeypatch):
    monkeypatch.setattr(extraction, "TESSERACT", "tesseract-not-installed")
    result = extract(io.BytesIO(SCAN_PDF), "pdf")
    assert result.is_scan
    assert result.status == TextStatus.OCR_FAILED
    assert "ยังไม่ได้ติดตั้งโปรแกรม OCR" in result.error


def test_without_any_program_on_the_path_a_scan_is_ocr_failed(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = extract(io.BytesIO(SCAN_PDF), "pdf")
    assert (result.is_scan, result.status) == (True, TextStatus.OCR_FAILED)
    assert "ยังไม่ได้ติดตั้งโปรแกรม OCR" in result.error


def test_without_the_thai_model_a_scan_is_ocr_failed(monkeypatch):
    monkeypatch.setattr(extraction, "OCR_LANGUAGES", "tha+no-such-model")
    result = extract(io.BytesIO(SCAN_PDF), "pdf")
    assert (result.is_scan, result.status) == (True, TextStatus.OCR_FAILED)
    assert "ยังไม่ได้ติดตั้งโปรแกรม OCR" in result.error


@needs_ocr
def test_ocr_is_bounded_in_pages_and_time(monkeypatch):
    two_scans = scanned_pdf(lines=["ประกาศ"], pages=2)
    monkeypatch.setattr(extraction, "MAX_OCR_PAGES", 0)
    result = extract(io.BytesIO(two_scans), "pdf")
    assert (result.is_scan, result.status) == (True, TextStatus.OCR_FAILED)
    assert "ข้ามไป 2 หน้า" in result.error

    monkeypatch.setattr(extraction, "MAX_OCR_PAGES", 20)
    monkeypatch.setattr(extraction, "OCR_PAGE_TIMEOUT", 0.001)
    result = extract(io.BytesIO(two_scans), "pdf")
    assert (result.is_scan, result.status) == (True, TextStatus.OCR_FAILED)
    assert "หน้า 1, 2 ใช้เวลาอ่านด้วย OCR เกิน" in result.error


# ---------- the background task, the signal and the admin ----------


@pytest.fixture(autouse=True)
def tasks_run_inline(settings):
    """The task queue runs tasks at once (as with PRONGSAI_MODE=test), whatever the mode."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def collection(db):
    from wagtail.models import Collection

    return Collection.objects.get(name="อบต.หนองน้ำใส")


@pytest.fixture
def announced():
    """Documents announced by document_text_extracted, as the search app will see them."""
    received = []

    def receiver(sender, document, **kwargs):
        received.append((sender, document))

    document_text_extracted.connect(receiver)
    yield received
    document_text_extracted.disconnect(receiver)


def upload(client, name, data, collection, title):
    return client.post(
        "/admin/documents/add/",
        {"title": title, "file": SimpleUploadedFile(name, data), "collection": collection.pk},
    )


def make_document(title, name, data, collection):
    document = AgencyDocument(title=title, file=ContentFile(data, name=name), collection=collection)
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.mark.django_db
def test_an_admin_upload_is_read_after_the_commit_and_announced(
    client, users, collection, announced, django_capture_on_commit_callbacks
):
    client.force_login(users["webmaster"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(client, "plan.docx", DOCX, collection, "แผนการจัดซื้อจัดจ้าง 2569")
    assert response.status_code == 302
    assert len(callbacks) >= 1
    document = AgencyDocument.objects.get(title="แผนการจัดซื้อจัดจ้าง 2569")
    assert document.text_status == TextStatus.EXTRACTED
    assert "จัดซื้อจัดจ้าง" in document.text and "งบประมาณ" in document.text
    assert document.text_extracted_at is not None
    assert [(sender, doc.pk) for sender, doc in announced] == [(AgencyDocument, document.pk)]
    assert "จัดซื้อจัดจ้าง" in announced[0][1].text


@pytest.mark.django_db
def test_nothing_is_read_before_the_commit(client, users, collection):
    client.force_login(users["webmaster"])
    upload(client, "plan.pdf", PDF, collection, "ยังไม่ commit")  # test transaction stays open
    assert AgencyDocument.objects.get(title="ยังไม่ commit").text_status == TextStatus.PENDING


@pytest.mark.django_db
def test_a_new_file_is_read_again_but_a_title_change_is_not(
    client, users, collection, announced, django_capture_on_commit_callbacks
):
    client.force_login(users["webmaster"])
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("แผน", "plan.pdf", PDF, collection)
    assert len(announced) == 1
    url = f"/admin/documents/edit/{document.pk}/"
    form = {"title": "แผน (แก้ไข)", "collection": collection.pk}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form).status_code == 302
    assert len(announced) == 1  # no new file: nothing to read again
    new_pdf = samplefiles.make_pdf("รายงานผลการดำเนินงาน", ["ผลการเบิกจ่ายงบประมาณ"], agency=AGENCY)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**form, "file": SimpleUploadedFile("report.pdf", new_pdf)})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.text_status == TextStatus.EXTRACTED
    assert "ผลการเบิกจ่ายงบประมาณ" in document.text
    assert "จัดซื้อวัสดุสำนักงาน" not in document.text
    assert len(announced) == 2


@pytest.mark.django_db
def test_a_result_for_a_replaced_file_is_thrown_away(collection, monkeypatch):
    from prongsai.disclosures import tasks

    document = make_document("แผน", "plan.pdf", PDF, collection)  # not committed: still pending

    def extract_while_someone_uploads_a_new_file(fileobj, extension):
        AgencyDocument.objects.filter(pk=document.pk).update(sha256="0" * 64)
        return extract(fileobj, extension)

    monkeypatch.setattr(tasks, "extract", extract_while_someone_uploads_a_new_file)
    assert tasks.extract_and_store(document.pk) is None
    document.refresh_from_db()
    assert document.text_status == TextStatus.PENDING and document.text == ""


@pytest.mark.django_db
def test_a_second_task_for_the_same_file_does_nothing(collection, announced):
    from prongsai.disclosures.tasks import extract_document_text

    document = make_document("แผน", "plan.pdf", PDF, collection)  # pending
    assert extract_document_text.enqueue(document.pk).return_value == TextStatus.EXTRACTED
    assert extract_document_text.enqueue(document.pk).return_value is None
    assert len(announced) == 1


@pytest.mark.django_db
def test_a_missing_file_is_reported_not_raised(collection):
    from prongsai.disclosures.tasks import extract_document_text

    document = make_document("หายไป", "gone.pdf", PDF, collection)
    document.file.storage.delete(document.file.name)
    extract_document_text.enqueue(document.pk)  # ImmediateBackend: runs now
    document.refresh_from_db()
    assert document.text_status == TextStatus.FAILED
    assert "ไม่พบไฟล์" in document.text_error


@pytest.mark.django_db
def test_the_command_reads_pending_documents_with_a_progress_line(collection):
    AgencyDocument.objects.update(text_status=TextStatus.EXTRACTED)
    document = make_document("คู่มือประชาชน", "manual.xlsx", XLSX, collection)  # pending
    out = io.StringIO()
    call_command("extract_document_text", stdout=out)
    output = out.getvalue()
    assert f"[1/1] #{document.pk} คู่มือประชาชน: ดึงข้อความแล้ว" in output
    document.refresh_from_db()
    assert "จ้างเหมาซ่อมถนน" in document.text

    out = io.StringIO()
    call_command("extract_document_text", "--ids", str(document.pk), stdout=out)
    assert "[1/1]" in out.getvalue()
    out = io.StringIO()
    call_command("extract_document_text", "--pending", stdout=out)
    assert "0 document(s)" in out.getvalue()


@pytest.mark.django_db
def test_documents_are_fetched_without_their_text_which_still_loads_and_survives_a_save(
    collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("แผน", "plan.pdf", PDF, collection)
    fetched = AgencyDocument.objects.get(pk=document.pk)
    assert "text" in fetched.get_deferred_fields()  # pages and choosers never pay for it
    fetched.title = "แผน (ชื่อใหม่)"
    fetched.save()
    fetched = AgencyDocument.objects.get(pk=document.pk)
    assert "จัดซื้อจัดจ้าง" in fetched.text
    assert fetched.text_status == TextStatus.EXTRACTED


# ---------- the webmaster's report and the edit page ----------

REPORT = "/admin/reports/document-text/"


@pytest.fixture
def scan_document(collection, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(extraction, "TESSERACT", "tesseract-not-installed")  # fast: no OCR
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("ประกาศที่สแกนมา", "scan.pdf", SCAN_PDF, collection)
    document.refresh_from_db()
    assert document.is_scan and document.text_status == TextStatus.OCR_FAILED
    return document


@pytest.fixture
def text_document(collection, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("แผนที่มีข้อความ", "plan.pdf", PDF, collection)
    document.refresh_from_db()
    assert document.text_status == TextStatus.EXTRACTED
    return document


def report_row(html, title):
    return html.split(title, 1)[1].split("</tr>", 1)[0]


@pytest.mark.django_db
def test_the_report_shows_a_scan_as_a_scan(client, users, scan_document, text_document):
    client.force_login(users["webmaster"])
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ไฟล์เอกสารและข้อความ" in html
    row = report_row(html, "ประกาศที่สแกนมา")
    assert SCAN_LABEL in row
    assert "สแกนแต่อ่านไม่ได้" in row
    assert "ยังไม่ได้ติดตั้งโปรแกรม OCR" in row
    assert "PDF" in row and "KB" in row
    row = report_row(html, "แผนที่มีข้อความ")
    assert "ดึงข้อความแล้ว" in row and SCAN_LABEL not in row
    assert "<td" in row and ">1<" in row.replace(" ", "").replace("\n", "")  # one page


@pytest.mark.django_db
def test_the_report_filters_by_status_and_scan(client, users, scan_document, text_document):
    client.force_login(users["webmaster"])
    scans = client.get(REPORT, {"is_scan": "true"}).content.decode()
    assert "ประกาศที่สแกนมา" in scans
    assert "แผนที่มีข้อความ" not in scans
    extracted = client.get(REPORT, {"text_status": "extracted"}).content.decode()
    assert "ประกาศที่สแกนมา" not in extracted
    assert "แผนที่มีข้อความ" in extracted
    results = client.get(REPORT + "results/", {"text_status": "ocr_failed"}).content.decode()
    assert "ประกาศที่สแกนมา" in results


@pytest.mark.django_db
def test_the_report_exports_csv_and_xlsx(client, users, scan_document):
    client.force_login(users["webmaster"])
    response = client.get(REPORT, {"export": "csv", "is_scan": "true"})
    assert response.status_code == 200
    csv = b"".join(response.streaming_content).decode("utf-8")
    assert csv.startswith("\ufeff")  # Excel reads the Thai as UTF-8
    assert "ประกาศที่สแกนมา" in csv and SCAN_LABEL in csv and "สแกนแต่อ่านไม่ได้" in csv
    response = client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_another_agency_cannot_see_the_scan(client, users, scan_document, other_agency):
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Role

    requester = get_user_model().objects.create_user("other-requester", password="x-pass-12345")
    requester.groups.add(other_agency["groups"][Role.REQUESTER])
    client.force_login(requester)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ประกาศที่สแกนมา" not in html
    assert "แผนการดำเนินงาน" not in html  # nor any demo agency document
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert "ประกาศที่สแกนมา" not in csv
    # the demo agency's webmaster sees it (they may change its documents); its requester
    # reports on their own uploads only
    client.force_login(users["webmaster"])
    assert "ประกาศที่สแกนมา" in client.get(REPORT).content.decode()
    client.force_login(users["requester"])
    assert "ประกาศที่สแกนมา" not in client.get(REPORT).content.decode()
    scan_document.uploaded_by_user = users["requester"]
    scan_document.save(update_fields=["uploaded_by_user"])
    assert "ประกาศที่สแกนมา" in client.get(REPORT).content.decode()


@pytest.mark.django_db
def test_a_user_who_changes_no_documents_gets_no_report(client, users, scan_document):
    client.force_login(users["webmaster"])
    assert "ประกาศที่สแกนมา" in client.get(REPORT).content.decode()
    client.force_login(users["executive"])
    report = client.get(REPORT, follow=True).content.decode()
    assert "ประกาศที่สแกนมา" not in report  # no file of the agency listed
    assert f'"url": "{REPORT}"' not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_report_is_in_the_reports_menu(client, users):
    client.force_login(users["webmaster"])
    html = client.get("/admin/").content.decode()  # the sidebar is JSON with \u escapes
    assert f'"url": "{REPORT}"' in html
    assert json.dumps("ไฟล์เอกสารและข้อความ") in html


@pytest.mark.django_db
def test_the_edit_page_shows_the_text_status(client, users, scan_document):
    client.force_login(users["webmaster"])
    html = client.get(f"/admin/documents/edit/{scan_document.pk}/").content.decode()
    panel = html.split("data-document-text-status", 1)[1].split("</dl>", 1)[0]
    assert "สถานะข้อความ" in panel and "สแกนแต่อ่านไม่ได้" in panel
    assert SCAN_LABEL in panel and "ยังไม่ได้ติดตั้งโปรแกรม OCR" in panel


# ---------- how long it takes (printed with -s; bounds are generous) ----------


@pytest.mark.parametrize("data, extension", [(PDF, "pdf"), (DOCX, "docx"), (XLSX, "xlsx")])
def test_text_files_are_read_quickly(data, extension):
    started = time.perf_counter()
    extract(io.BytesIO(data), extension)
    seconds = time.perf_counter() - started
    print(f"{extension}: {seconds * 1000:.0f} ms")
    assert seconds < 5
