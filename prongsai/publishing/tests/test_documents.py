"""The request form and the yearly report files, from plain data (no database, no Django)."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest

from prongsai.publishing import documents

pypdf = pytest.importorskip("pypdf")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")

BKK = dt.timezone(dt.timedelta(hours=7))
AGENCY = "องค์การบริหารส่วนตำบลหนองน้ำใส อำเภอเมือง จังหวัดขอนแก่น"
LONG_TITLE = (
    "ประกาศผลการจัดซื้อจัดจ้างประจำเดือนตุลาคม 2569 (แบบ สขร.1) และสรุปผลการดำเนินการ"
    "จัดซื้อจัดจ้างในรอบเดือน ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560"
)
REASON = "ไฟล์แนบไม่ถูกต้องตามรูปแบบไฟล์ข้อมูลที่อนุญาต กรุณาแนบไฟล์ PDF ที่ลงนามแล้ว"
REJECTED = {
    "agency_name": AGENCY,
    "request_number": "12/2570",
    "submitted_at": dt.datetime(2026, 11, 21, 3, 30, tzinfo=dt.UTC),  # 10:30 in Bangkok
    "requester_name": "นางสาวสมใจ ใจดี",
    "requester_position": "นักวิชาการเงินและบัญชีชำนาญการ",
    "department": "กองคลัง",
    "phone": "043-123456 ต่อ 12",
    "email": "finance@nongnamsai.go.th",
    "title": LONG_TITLE,
    "category": "ข้อมูลข่าวสารตามมาตรา 9 › ผลการจัดซื้อจัดจ้าง",
    "description": "สรุปผลการดำเนินการจัดซื้อจัดจ้างประจำเดือนตุลาคม 2569 จำนวน 14 รายการ "
    "วงเงินรวม 1,245,600 บาท เพื่อเผยแพร่ให้ประชาชนตรวจสอบได้ตามมาตรา 9",
    "files": [
        {"name": "สขร1-ตุลาคม-2569.pdf", "kind": "PDF", "size": "245 KB"},
        {
            "name": "summary-procurement-2569-10-with-a-very-long-file-name.xlsx",
            "kind": "XLSX",
            "size": 48213,
        },
    ],
    "data_period": "1 ตุลาคม 2569 – 31 ตุลาคม 2569",
    "wanted_publish": dt.date(2026, 11, 25),
    "wanted_takedown": None,
    "decision": "rejected",
    "decision_reason": REASON,
    "approver_name": "นายสมชาย รักษ์ดี",
    "approver_position": "ปลัดองค์การบริหารส่วนตำบล",
    "decided_at": dt.datetime(2026, 11, 22, 9, 15, tzinfo=BKK),
    "webmaster_name": "",
    "published_at": None,
    "public_url": "",
}
URL = "https://www.nongnamsai.go.th/oia/procurement/2569/10/sor-kor-ror-1-october-2569/"
APPROVED = dict(
    REJECTED,
    decision="approved",
    decision_reason="",
    webmaster_name="นายวิชัย เว็บมาสเตอร์",
    published_at=dt.datetime(2026, 11, 23, 10, 0, tzinfo=BKK),
    public_url=URL,
)


def squash(text: str) -> str:
    """Drop all whitespace: Thai has none between words, and lines may break anywhere."""
    return re.sub(r"\s+", "", text)


def pdftotext(data: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def words_outside(data: bytes, left_mm: float, right_mm: float) -> list[str]:
    """Words (per ``pdftotext -bbox``) reaching into the left or right margin."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pt = 72 / 25.4
    bad = []
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', out, flags=re.S)
    assert pages
    for width, body in pages:
        lo, hi = left_mm * pt - 0.5, float(width) - right_mm * pt + 0.5
        for x0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', body
        ):
            if float(x0) < lo or float(x1) > hi:
                bad.append(word)
    return bad


@pytest.fixture(autouse=True)
def fresh_cache():
    """Replaces the project conftest's cache reset: nothing here touches Django."""
    yield


@pytest.fixture(scope="module")
def rejected_pdf():
    return documents.request_form_pdf(REJECTED)


@pytest.fixture(scope="module")
def approved_pdf():
    return documents.request_form_pdf(APPROVED)


# -- the request form -------------------------------------------------------------------


def test_form_opens_as_a4_portrait_with_metadata(rejected_pdf):
    reader = pypdf.PdfReader(io.BytesIO(rejected_pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata.title == "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์ เลขที่ 12/2570"
    assert reader.metadata.author == AGENCY
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("Sarabun" in str(f.get_object()["/BaseFont"]) for f in fonts.values())
    # the creation date is the latest date of the record, not "now": same data, same bytes
    assert reader.metadata["/CreationDate"].startswith("D:20261122")
    assert documents.request_form_pdf(REJECTED) == rejected_pdf


@needs_poppler
def test_rejected_form_has_labels_values_decision_and_reason(rejected_pdf):
    flat = squash(pdftotext(rejected_pdf))
    for label in (
        "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์",
        "ส่วนที่1ผู้ขอเผยแพร่ข้อมูล",
        "ชื่อ-สกุล",
        "ไปรษณีย์อิเล็กทรอนิกส์",
        "ส่วนที่2ข้อมูลที่ขอเผยแพร่",
        "หมวดหมู่ที่จะเผยแพร่",
        "ช่วงวันที่ของข้อมูลข่าวสาร",
        "ประเภท(นามสกุล)ไฟล์",
        "ขนาดไฟล์",
        "ส่วนที่3ความเห็นของผู้อนุมัติรับรอง",
        "เหตุผล/ความเห็น",
        "ผู้อนุมัติรับรอง",
        "ส่วนที่4การนำข้อมูลขึ้นเผยแพร่",
        "(ลงชื่อ)",
    ):
        assert label in flat, label
    for key in ("title", "requester_name", "requester_position", "department", "phone", "email",
                "category", "description", "data_period", "approver_name", "approver_position",
                "request_number"):  # fmt: skip
        assert squash(REJECTED[key]) in flat, key
    assert squash(AGENCY) in flat
    assert "สขร1-ตุลาคม-2569.pdf" in flat
    # (pdftotext drops a hyphen ending a line; pypdf keeps the file name as drawn)
    assert "summary-procurement-2569-10-with-a-very-long-file-name.xlsx" in squash(
        "".join(page_texts(rejected_pdf))
    )
    assert "245KB" in flat and "47.1KB" in flat  # a byte count is made readable
    # the decision: boxes drawn, the text layer says which one is ticked, and why
    assert "☑ไม่อนุมัติ" in flat and "☐อนุมัติให้เผยแพร่" in flat
    assert squash(REASON) in flat
    # Buddhist Era dates, in Bangkok time
    assert "21พฤศจิกายน2569เวลา10:30น." in flat
    assert "22พฤศจิกายน2569" in flat  # decided
    assert "25พฤศจิกายน2569" in flat  # wanted publish date
    assert "ไม่มีการนำข้อมูลขึ้นเผยแพร่" in flat


@needs_poppler
def test_approved_form_has_the_publication_record(approved_pdf):
    flat = squash(pdftotext(approved_pdf))
    assert "☑อนุมัติให้เผยแพร่" in flat and "☐ไม่อนุมัติ" in flat
    assert squash(APPROVED["webmaster_name"]) in flat
    assert "23พฤศจิกายน2569เวลา10:00น." in flat
    assert URL in squash("".join(page_texts(approved_pdf)))  # wrapped after "/" and "-"
    assert "ผู้นำข้อมูลขึ้นเผยแพร่" in flat


def test_form_text_layer_is_clean_for_pypdf(approved_pdf):
    text = "\n".join(page_texts(approved_pdf))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\u200b\ufeff\ufffd]", text)
    assert "ประจำเดือนตุลาคม" in squash(text)  # SARA AM comes back whole
    assert squash(LONG_TITLE) in squash(text)


def test_form_pages_are_numbered_x_of_y(approved_pdf):
    texts = page_texts(approved_pdf)
    assert len(texts) >= 2
    for i, text in enumerate(texts, start=1):
        assert f"หน้า {i}/{len(texts)}" in text
        assert squash(AGENCY) in squash(text)  # header line on every page


@needs_poppler
def test_pending_form_with_missing_values():
    data = {"agency_name": AGENCY, "request_number": "3/2570", "title": "ประกาศรับสมัครงาน",
            "decision": "pending", "files": []}  # fmt: skip
    flat = squash(pdftotext(documents.request_form_pdf(data)))
    assert "☐อนุมัติให้เผยแพร่" in flat and "☐ไม่อนุมัติ" in flat
    assert "อยู่ระหว่างการพิจารณา" in flat
    assert "ไม่มีไฟล์แนบ" in flat
    assert "ประกาศรับสมัครงาน" in flat


@needs_poppler
def test_long_thai_text_wraps_inside_the_margins(approved_pdf):
    huge = dict(
        APPROVED,
        title="การจัดซื้อจัดจ้าง" * 30,  # one long run of Thai, no spaces at all
        description=("รายละเอียด " + LONG_TITLE) * 6,
        files=[{"name": "x" * 150 + ".pdf", "kind": "PDF", "size": "1 MB"}],
    )
    data = documents.request_form_pdf(huge)
    assert words_outside(approved_pdf, 25, 20) == []
    assert words_outside(data, 25, 20) == []
    assert squash(huge["title"]) in squash(pdftotext(data))
    # the title really was wrapped: no line holds it whole
    lines = [squash(line) for line in pdftotext(approved_pdf).splitlines()]
    assert squash(LONG_TITLE) not in lines
    assert max(len(line) for line in lines) < 110  # a line of 15 pt Thai on A4: ~90 chars


# -- the yearly report ------------------------------------------------------------------


DEPARTMENTS = ["กองคลัง", "สำนักปลัด", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]


def report_rows(n: int) -> list[dict]:
    rows = []
    start = dt.datetime(2025, 10, 1, 2, 0, tzinfo=dt.UTC)
    for i in range(n):
        rejected = i % 9 == 0
        rows.append(
            {
                "number": f"{i + 1}/2569",
                "title": LONG_TITLE if i % 7 == 0 else f"รายงานผลการดำเนินงานไตรมาสที่ {i % 4 + 1}",
                "department": DEPARTMENTS[i % 4],
                "requester": "นางสาวสมใจ ใจดี",
                "submitted_at": start + dt.timedelta(days=i),
                "decision": "ไม่อนุมัติ/ส่งกลับ" if rejected else "อนุมัติและเผยแพร่แล้ว",
                "decided_at": start + dt.timedelta(days=i + 1),
                "published_at": None if rejected else start + dt.timedelta(days=i + 2, hours=3),
                "days_to_publish": None if rejected else 1.0 + (i % 5) / 2,
                "within_target": None if rejected else (i % 5) < 3,
                "reason": "ไม่ตรงกับภารกิจของหน่วยงาน" if rejected else "",
            }
        )
    return rows


def report_data(n: int) -> dict:
    rows = report_rows(n)
    published = [r for r in rows if r["published_at"]]
    return {
        "agency_name": AGENCY,
        "fiscal_year": 2569,
        "generated_at": dt.datetime(2026, 10, 5, 7, 0, tzinfo=dt.UTC),
        "rows": rows,
        "summary": {
            "total": len(rows),
            "approved": len(published),
            "rejected": len(rows) - len(published),
            "pending": 0,
            "published": len(published),
            "published_within_target": sum(1 for r in published if r["within_target"]),
            "median_days": 2.0,
        },
    }


SMALL = report_data(12)


@pytest.fixture(scope="module")
def big_report():
    return documents.yearly_report_pdf(report_data(200))


@needs_poppler
def test_report_pdf_is_landscape_with_rows_and_summary():
    data = documents.yearly_report_pdf(SMALL)
    reader = pypdf.PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    flat = squash(pdftotext(data))
    assert squash("รายงานผลการกำกับติดตามการเผยแพร่ข้อมูลผ่านเว็บไซต์ ประจำปีงบประมาณ พ.ศ. 2569") in flat
    assert squash(AGENCY) in flat
    assert "ระหว่างวันที่1ตุลาคม2568ถึงวันที่30กันยายน2569" in flat
    assert "ข้อมูลณวันที่5ตุลาคม2569เวลา14:00น." in flat
    for label in ("คำขอทั้งหมด", "เผยแพร่ภายในกำหนด", "เลขที่คำขอ", "ผลการพิจารณา", "ผู้รายงาน"):
        assert label in flat, label
    for row in SMALL["rows"]:
        assert squash(row["title"]) in flat
        assert row["number"] in flat
    assert "ไม่อนุมัติ/ส่งกลับ" in flat and "ไม่ตรงกับภารกิจของหน่วยงาน" in flat
    assert "1ต.ค.2568" in flat  # B.E. dates
    summary = SMALL["summary"]
    assert f"{summary['published_within_target']}(" in flat  # "7 (70.0%)"
    assert documents.yearly_report_pdf(SMALL) == data
    assert words_outside(data, 20, 20) == []


@needs_poppler
def test_200_row_report_paginates_with_the_header_repeated(big_report):
    texts = page_texts(big_report)
    assert len(texts) >= 5
    numbers_seen = []
    for i, text in enumerate(texts, start=1):
        assert f"หน้า {i}/{len(texts)}" in text
        flat = squash(text)
        numbers = re.findall(r"(?<![\d/])(\d{1,3})/2569", text)
        if numbers:  # every page with rows starts with the header row
            assert "เลขที่คำขอ" in flat and "ผลการพิจารณา" in flat and "ภายในกำหนด" in flat
        numbers_seen += [int(n) for n in numbers]
    assert sorted(numbers_seen) == list(range(1, 201))  # every row once, none lost or doubled
    assert words_outside(big_report, 20, 20) == []


def test_report_with_no_rows():
    data = dict(SMALL, rows=[], summary={"total": 0})
    assert documents.yearly_report_pdf(data).startswith(b"%PDF-")
    assert documents.yearly_report_xlsx(data).startswith(b"PK")


# -- the yearly report as a workbook ----------------------------------------------------


@pytest.fixture(scope="module")
def workbook():
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(documents.yearly_report_xlsx(SMALL)))


def test_xlsx_rows_dates_and_header(workbook):
    ws = workbook["รายการคำขอ"]
    assert workbook.sheetnames == ["รายการคำขอ", "สรุป"]
    assert ws["A1"].value == documents._report_title(2569) and ws["A1"].font.b
    assert ws["A2"].value == AGENCY
    header = [c.value for c in ws[4]]
    assert header[:3] == ["ลำดับ", "เลขที่คำขอ", "เรื่อง"]
    assert "วันที่ยื่นคำขอ (พ.ศ.)" in header and "วันที่ยื่นคำขอ (ค.ศ.)" in header
    assert all(c.font.b for c in ws[4])
    assert ws.freeze_panes == "A5"
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(SMALL["rows"])
    for got, row in zip(rows, SMALL["rows"], strict=True):
        assert got[col["เลขที่คำขอ"]] == row["number"]
        assert got[col["เรื่อง"]] == row["title"]  # Thai text intact
        assert got[col["หน่วยงาน"]] == row["department"]
        assert got[col["ผู้ขอ"]] == row["requester"]
        assert got[col["ผลการพิจารณา"]] == row["decision"]
        local = row["submitted_at"].astimezone(BKK).replace(tzinfo=None)
        assert got[col["วันที่ยื่นคำขอ (ค.ศ.)"]] == local  # a real date, Bangkok time
        assert got[col["วันที่ยื่นคำขอ (พ.ศ.)"]].endswith(str(local.year + 543))
        assert got[col["ระยะเวลาถึงเผยแพร่ (วัน)"]] == row["days_to_publish"]
        assert (
            got[col["ภายในกำหนด"]] == {None: None, True: "ใช่", False: "ไม่ใช่"}[row["within_target"]]
        )
        assert (got[col["เหตุผล (กรณีไม่อนุมัติ)"]] or "") == row["reason"]
    first = ws.cell(row=5, column=col["วันที่ยื่นคำขอ (ค.ศ.)"] + 1)
    assert first.is_date and first.number_format == "dd/mm/yyyy"
    assert ws.cell(row=5, column=col["วันที่ยื่นคำขอ (พ.ศ.)"] + 1).value == "1 ต.ค. 2568"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width >= 8
    assert ws.auto_filter.ref == f"A4:O{4 + len(rows)}"


def test_xlsx_summary_sheet(workbook):
    ws = workbook["สรุป"]
    values = {label: value for label, value in ws.iter_rows(min_row=5, values_only=True) if label}
    summary = SMALL["summary"]
    assert values["คำขอทั้งหมด"] == summary["total"]
    assert values["อนุมัติ"] == summary["approved"]
    assert values["ไม่อนุมัติ"] == summary["rejected"]
    assert values["รอพิจารณา"] == summary["pending"]
    assert values["เผยแพร่แล้ว"] == summary["published"]
    assert values["เผยแพร่ภายในกำหนด"] == summary["published_within_target"]
    share = values["ร้อยละที่เผยแพร่ภายในกำหนด (ของที่เผยแพร่แล้ว)"]
    assert share == pytest.approx(summary["published_within_target"] / summary["published"])
    assert values["ระยะเวลาถึงเผยแพร่ (มัธยฐาน, วัน)"] == summary["median_days"]


def test_xlsx_is_deterministic():
    assert documents.yearly_report_xlsx(SMALL) == documents.yearly_report_xlsx(SMALL)
