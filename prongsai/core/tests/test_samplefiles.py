"""The sample file generators (core.samplefiles) make files a person can open and read."""

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from PIL import Image

from prongsai.core import samplefiles

AGENCY = "องค์การบริหารส่วนตำบลหนองบัว อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
TITLE = "ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก ประจำปีงบประมาณ 2568"
PARAGRAPHS = [
    "ด้วยองค์การบริหารส่วนตำบลหนองบัว มีความประสงค์จะประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก "
    "หมู่ที่ 5 บ้านโนนสูง ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) ตามพระราชบัญญัติการจัดซื้อจัดจ้าง"
    "และการบริหารพัสดุภาครัฐ พ.ศ. 2560 โดยใช้งบประมาณประจำปี 2568 จำนวนเงิน 1,250,000 บาท",
    "ผู้สนใจติดต่อขอรับเอกสารได้ที่กองคลัง ในวันและเวลาราชการ น้ำท่วมขังที่ญี่ปุ่น ปี่ป๊ะ ฐานข้อมูล ฎีกา",
    "รายละเอียดเพิ่มเติม https://www.example.go.th/procurement/2568/announcement-0001-very-long-name.pdf",
]
TABLE = [
    ["ลำดับ", "รายการ", "จำนวน", "ราคา (บาท)"],
    ["1", "ถนนคอนกรีตเสริมเหล็ก กว้าง 5 เมตร ยาว 200 เมตร", "1", "1,250,000.00"],
    ["2", "ป้ายประชาสัมพันธ์โครงการ", "2", "3,500.00"],
]
WORDS = ["ประกาศ", "งบประมาณ", "จัดซื้อจัดจ้าง", "ประจำปี", "หมู่ที่", "น้ำท่วม", "ญี่ปุ่น", "ตำบล"]


def squash(text: str) -> str:
    """Drop all whitespace: Thai has none between words, and lines may break anywhere."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf_bytes():
    return samplefiles.make_pdf(TITLE, PARAGRAPHS, agency=AGENCY, table=TABLE)


@pytest.fixture(scope="module")
def pypdf_text(pdf_bytes):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    return "\n".join(page.extract_text() for page in reader.pages)


# -- PDF ------------------------------------------------------------------------------


def test_pdf_opens_as_a4_with_metadata(pdf_bytes):
    pypdf = pytest.importorskip("pypdf")
    assert pdf_bytes.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) >= 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == AGENCY
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("Sarabun" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_pdf_text_layer_has_the_thai_words(pypdf_text):
    flat = squash(pypdf_text)
    for word in WORDS:
        assert word in flat, word
    for para in PARAGRAPHS[:2]:  # whole paragraphs come back, character for character
        assert squash(para) in flat
    assert squash(TITLE) in flat
    assert AGENCY.split()[0] in pypdf_text
    assert "1,250,000.00" in pypdf_text


def test_pdf_text_has_no_stray_codes(pypdf_text):
    # e.g. the SARA AA glyph split off SARA AM (ำ) must not come out as "\x15" or a space
    assert not re.search(r"[\x00-\x08\x0b-\x1f\u200b\ufeff\ufffd]", pypdf_text)
    assert "ำ " not in pypdf_text and "ประจำปี" in pypdf_text


def test_pdf_lines_break_between_words(pypdf_text):
    from pythainlp.tokenize import word_tokenize

    text = PARAGRAPHS[0]
    boundaries, pos = {0}, 0
    for tok in word_tokenize(squash(text), engine="newmm"):
        pos += len(tok)
        boundaries.add(pos)
    flat = squash(text)
    lines = [squash(line) for line in pypdf_text.splitlines() if squash(line)]
    start = next(i for i, line in enumerate(lines) if flat.startswith(line))
    done, pieces = 0, 0
    for line in lines[start:]:
        if done >= len(flat):
            break
        assert flat[done:].startswith(line)
        done += len(line)
        pieces += 1
        assert done in boundaries, f"line ends inside a word: ...{line[-10:]}"
    assert pieces >= 3  # the paragraph really was wrapped


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_text_with_pdftotext(pdf_bytes):
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf_bytes, capture_output=True, check=True
    ).stdout.decode("utf-8")
    flat = squash(out)
    for word in WORDS:
        assert word in flat, word
    for para in PARAGRAPHS[:2]:
        assert squash(para) in flat


def test_pdf_long_document_gets_more_pages_and_headers():
    pypdf = pytest.importorskip("pypdf")
    data = samplefiles.make_pdf(TITLE, PARAGRAPHS * 12, agency=AGENCY, table=TABLE * 10)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    for i, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert squash(AGENCY) in squash(text)  # agency header on every page
        assert f"หน้า {i}" in text


def test_pdf_is_deterministic(pdf_bytes):
    assert samplefiles.make_pdf(TITLE, PARAGRAPHS, agency=AGENCY, table=TABLE) == pdf_bytes
    assert samplefiles.make_pdf(TITLE + " (2)", PARAGRAPHS, agency=AGENCY) != pdf_bytes


# -- DOCX -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_bytes():
    return samplefiles.make_docx(TITLE, PARAGRAPHS, agency=AGENCY, table=TABLE)


def test_docx_opens_with_thai_text_and_table(docx_bytes):
    import docx

    doc = docx.Document(io.BytesIO(docx_bytes))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == TITLE
    assert doc.paragraphs[0].style.name == "Heading 1"
    for para in PARAGRAPHS:
        assert para in texts
    assert doc.sections[0].header.paragraphs[0].text == AGENCY
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == TABLE[0]
    assert [c.text for c in table.rows[1].cells] == TABLE[1]
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert doc.core_properties.title == TITLE
    assert doc.core_properties.author == AGENCY


def test_docx_uses_thai_font_for_complex_script(docx_bytes):
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(io.BytesIO(docx_bytes))
    for name in ("Normal", "Heading 1"):
        rpr = doc.styles[name].element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == samplefiles.OFFICE_FONT
        assert fonts.get(qn("w:ascii")) == samplefiles.OFFICE_FONT
        assert not [a for a in fonts.attrib if "heme" in a]  # no theme font overriding it
        assert rpr.find(qn("w:szCs")) is not None
        assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_docx_is_deterministic(docx_bytes):
    assert samplefiles.make_docx(TITLE, PARAGRAPHS, agency=AGENCY, table=TABLE) == docx_bytes
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 1, 1, 9, 0, 0)}


# -- XLSX -----------------------------------------------------------------------------

XLSX_TITLE = "รายงานผลการเบิกจ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2568 ไตรมาสที่ 1"
HEADER = ["ลำดับ", "โครงการ", "งบประมาณ (บาท)", "เบิกจ่าย (บาท)", "ปี"]
ROWS = [
    [1, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5", 1250000.0, 625000.5, 2568],
    [2, "จัดซื้อวัสดุสำนักงาน", 35000.0, 12000.0, 2568],
    [3, "อบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.)", 80000.0, 0.0, 2568],
]


@pytest.fixture(scope="module")
def xlsx_bytes():
    return samplefiles.make_xlsx(XLSX_TITLE, HEADER, ROWS, agency=AGENCY)


def test_xlsx_opens_with_header_and_numbers(xlsx_bytes):
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    ws = wb.active
    assert len(ws.title) <= 31 and ws.title == XLSX_TITLE[:31].strip()
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    assert values[0][0] == XLSX_TITLE
    assert values[1][0] == AGENCY
    assert values[2] == HEADER
    assert values[3:] == ROWS
    head_cells = next(ws.iter_rows(min_row=3, max_row=3))
    assert all(c.font.b for c in head_cells)
    # numbers are stored as numbers (xlsx has one numeric type: openpyxl reads 1250000.0
    # back as 1250000), floats shown with thousands separators, integers (years) as is
    money = ws.cell(row=4, column=3)
    assert money.data_type == "n" and money.value == 1250000.0
    assert money.number_format == "#,##0.00"
    assert ws.cell(row=4, column=4).value == 625000.5
    year = ws.cell(row=4, column=5)
    assert year.data_type == "n" and year.value == 2568 and year.number_format == "General"
    # columns are fitted: the long project name gets a wider column than the index
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width >= 8
    assert wb.properties.creator == AGENCY


def test_xlsx_sheet_title_is_sanitised():
    import openpyxl

    data = samplefiles.make_xlsx(
        "งบ/ประมาณ [2568]: รายงาน*สรุป? ของกองคลังและกองช่าง", ["a"], [[1]], agency=AGENCY
    )
    title = openpyxl.load_workbook(io.BytesIO(data)).active.title
    assert len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title)


def test_xlsx_is_deterministic(xlsx_bytes):
    assert samplefiles.make_xlsx(XLSX_TITLE, HEADER, ROWS, agency=AGENCY) == xlsx_bytes


# -- images ---------------------------------------------------------------------------


def test_portrait_png_400x500_and_deterministic():
    data = samplefiles.make_portrait("สมชาย ใจดี", seed=7)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.size == (400, 500)
    assert samplefiles.make_portrait("สมชาย ใจดี", seed=7) == data
    assert samplefiles.make_portrait("สมชาย ใจดี", seed=8) != data
    assert len(img.convert("RGB").getcolors(1 << 20)) > 50  # not a flat rectangle


def test_photo_jpeg_default_and_custom_size():
    data = samplefiles.make_photo("กิจกรรมวันเด็กแห่งชาติ", seed=3)
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG" and img.size == (1200, 800)
    assert samplefiles.make_photo("กิจกรรมวันเด็กแห่งชาติ", seed=3) == data
    assert samplefiles.make_photo("กิจกรรมวันเด็กแห่งชาติ", seed=4) != data
    small = Image.open(io.BytesIO(samplefiles.make_photo("x", seed=3, size=(640, 480))))
    assert small.size == (640, 480)


def test_logo_png_256_round_seal():
    data = samplefiles.make_logo("องค์การบริหารส่วนตำบลหนองบัว")
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.size == (256, 256)
    rgba = img.convert("RGBA")
    assert rgba.getpixel((2, 2))[3] == 0  # transparent corner: it is round
    assert rgba.getpixel((128, 128))[3] == 255
    assert samplefiles.make_logo("องค์การบริหารส่วนตำบลหนองบัว") == data
    assert samplefiles.make_logo("อบต.โนนสูง") != data


@pytest.mark.parametrize(
    ("text", "expected"),
    [("องค์การบริหารส่วนตำบลหนองบัว", "นบ"), ("อบต.โนนสูง", "นส"), ("Prongsai Demo", "PD")],
)
def test_logo_initials(text, expected):
    assert samplefiles._initials(text) == expected
