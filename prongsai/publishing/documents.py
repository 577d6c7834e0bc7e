"""The written record of the publishing procedure, as files: the request form and the yearly
monitoring report (the "last year's report" ITA MOIT 1 asks for).

Plain data in (dicts, dates, strings -- no models, no database), ``bytes`` out:

* :func:`request_form_pdf` -- แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์ (A4 portrait), the form the
  agencies' announcements on publishing through the website attach (``../shared/seeds/004``):
  the requester (name, position, unit, how to reach them), the item (title, category, summary,
  data period, wanted publish/take-down dates), the files (name, type, size), the approver's
  decision with its reason, and the webmaster's publication record, each with a signature line.
* :func:`yearly_report_pdf` (A4 landscape) and :func:`yearly_report_xlsx` -- รายงานผลการกำกับ
  ติดตามการเผยแพร่ข้อมูลผ่านเว็บไซต์ ประจำปีงบประมาณ: one row per request and a summary.

Dates are written in the Thai Buddhist Era (``thai_date``).  Aware datetimes are shown in the
site's time zone (``settings.TIME_ZONE`` when Django is configured, Asia/Bangkok otherwise).
The same data give the same bytes: the PDFs' creation date is the latest date in the data
(the report's ``generated_at``), never "now".
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import zipfile
from decimal import Decimal

from prongsai.agencies.thaidates import FiscalYear, thai_date
from prongsai.core.exports import safe_cell
from prongsai.core.sizes import human_size
from prongsai.core.thaipdf import ThaiPDF, em_width, fit_columns, segment

__all__ = ["request_form_pdf", "yearly_report_pdf", "yearly_report_xlsx"]

FORM_TITLE = "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์"
FORM_BASIS = "ตามแนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน"
REPORT_TITLE = "รายงานผลการกำกับติดตามการเผยแพร่ข้อมูลผ่านเว็บไซต์"

#: Font named in the XLSX (not embedded; Office substitutes a Thai font if missing).
OFFICE_FONT = "TH Sarabun New"

DOTS = "." * 40
SIGN = "." * 32  # the space to sign in
NO_VALUE = "-"
FORM_LABELS = [
    "ชื่อ-สกุล",
    "ตำแหน่ง",
    "หน่วยงาน/กลุ่มงาน",
    "โทรศัพท์",
    "ไปรษณีย์อิเล็กทรอนิกส์",
    "หัวข้อ/เรื่อง",
    "หมวดหมู่ที่จะเผยแพร่",
    "รายละเอียดข้อมูล (โดยสรุป)",
    "ช่วงวันที่ของข้อมูลข่าวสาร",
    "วันที่ประสงค์ให้เผยแพร่",
    "วันที่ให้นำออกจากเว็บไซต์",
    "ผู้นำข้อมูลขึ้นเผยแพร่",
    "วันที่เผยแพร่",
    "ที่อยู่บนเว็บไซต์ (URL)",
]


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------


def _zone():
    from zoneinfo import ZoneInfo

    try:
        from django.conf import settings

        name = settings.TIME_ZONE if settings.configured else "Asia/Bangkok"
    except Exception:  # Django missing or broken settings: the agencies are all in Thailand
        name = "Asia/Bangkok"
    return ZoneInfo(name or "Asia/Bangkok")


def _local(value):
    """An aware datetime as naive local time; anything else unchanged."""
    if isinstance(value, _dt.datetime) and value.utcoffset() is not None:
        return value.astimezone(_zone()).replace(tzinfo=None)
    return value


def _text(value, empty: str = NO_VALUE) -> str:
    if value is None:
        return empty
    value = str(value).strip()
    return value or empty


def _date(value, style: str = "long", empty: str = NO_VALUE) -> str:
    """'21 พฤศจิกายน 2569'; strings pass through; ``empty`` for no date."""
    if not value:
        return empty
    if isinstance(value, str):
        return value
    return thai_date(_local(value), style)


def _datetime(value, style: str = "long", empty: str = NO_VALUE) -> str:
    """'21 พฤศจิกายน 2569 เวลา 10:30 น.' for a datetime, the date alone for a date."""
    if not value or isinstance(value, str) or not isinstance(value, _dt.datetime):
        return _date(value, style, empty)
    local = _local(value)
    return f"{thai_date(local, style)} เวลา {local:%H:%M} น."


def _days(value) -> str:
    if value is None or value == "":
        return NO_VALUE
    value = float(value)
    return f"{value:,.1f}"


def _yes_no(value) -> str:
    if value is None:
        return NO_VALUE
    return "ใช่" if value else "ไม่ใช่"


def _latest(*values) -> _dt.datetime:
    """The latest of the given dates/datetimes, as an aware datetime (the PDF creation date)."""
    found = []
    for v in values:
        if isinstance(v, _dt.datetime):
            found.append(v if v.utcoffset() is not None else v.replace(tzinfo=_zone()))
        elif isinstance(v, _dt.date):
            found.append(_dt.datetime.combine(v, _dt.time(), tzinfo=_zone()))
    return max(found) if found else _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC)


def _size(value) -> str:
    """A file size: strings as given ("1.2 MB"), byte counts made readable."""
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, str):
        return value
    return human_size(round(float(value)))


def _fiscal_span(fiscal_year: int) -> str:
    fy = FiscalYear(int(fiscal_year))
    return f"{thai_date(fy.start, 'long')} ถึงวันที่ {thai_date(fy.end, 'long')}"


# ---------------------------------------------------------------------------
# the request form
# ---------------------------------------------------------------------------


def request_form_pdf(data: dict) -> bytes:
    """แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์ for one request, as an A4 PDF.

    ``data`` keys: agency_name, request_number, submitted_at, requester_name,
    requester_position, department, phone, email, title, category, description,
    files ([{"name", "kind", "size"}]; size a string such as "1.2 MB" or a byte count),
    data_period (str or None), wanted_publish, wanted_takedown (date or None),
    decision ("approved" | "rejected" | "pending"), decision_reason, approver_name,
    approver_position, decided_at, webmaster_name, published_at, public_url.
    Missing keys are shown as blanks to fill in.
    """
    d = data
    agency = _text(d.get("agency_name"), "")
    number = _text(d.get("request_number"), "")
    decision = d.get("decision")
    if decision not in ("approved", "rejected"):
        decision = "pending"
    doc = ThaiPDF(
        agency=agency,
        title=f"{FORM_TITLE} เลขที่ {number}".strip(),
        creation_date=_latest(d.get("submitted_at"), d.get("decided_at"), d.get("published_at")),
    )

    # one label column for every block of the form, as wide as the longest label
    label_width = min(
        max(doc.text_width(label, 14, "B") for label in FORM_LABELS) + 4.1,
        doc.width_available * 0.4,
    )
    doc.heading(FORM_TITLE, level=1)
    if agency:
        doc.paragraph(agency, size=16, align="C", style="B", space_after=0.5)
    doc.paragraph(FORM_BASIS, size=14, align="C", space_after=3)
    doc.paragraph(f"เลขที่คำขอ {_text(number, DOTS)}", size=15, align="R", space_after=0)
    doc.paragraph(f"วันที่ยื่นคำขอ {_datetime(d.get('submitted_at'), empty=DOTS)}", align="R")

    # ส่วนที่ 1 -- who asks (seed 004 ข้อ 2.1: ชื่อ ตำแหน่ง หน่วยงาน และข้อมูลการติดต่อกลับ)
    doc.heading("ส่วนที่ 1 ผู้ขอเผยแพร่ข้อมูล (หน่วยงานเจ้าของข้อมูล)", level=2)
    doc.fields(
        [
            ("ชื่อ-สกุล", _text(d.get("requester_name"))),
            ("ตำแหน่ง", _text(d.get("requester_position"))),
            ("หน่วยงาน/กลุ่มงาน", _text(d.get("department"))),
            ("โทรศัพท์", _text(d.get("phone"))),
            ("ไปรษณีย์อิเล็กทรอนิกส์", _text(d.get("email"))),
        ],
        label_width=label_width,
    )

    # ส่วนที่ 2 -- what (แหล่งที่มา, ช่วงวันที่ของข้อมูล, วันที่เผยแพร่, ประเภทไฟล์, ขนาดไฟล์)
    doc.heading("ส่วนที่ 2 ข้อมูลที่ขอเผยแพร่", level=2)
    doc.fields(
        [
            ("หัวข้อ/เรื่อง", _text(d.get("title"))),
            ("หมวดหมู่ที่จะเผยแพร่", _text(d.get("category"))),
            ("รายละเอียดข้อมูล (โดยสรุป)", _text(d.get("description"))),
            ("ช่วงวันที่ของข้อมูลข่าวสาร", _text(d.get("data_period"))),
            ("วันที่ประสงค์ให้เผยแพร่", _date(d.get("wanted_publish"), empty="ไม่กำหนด")),
            ("วันที่ให้นำออกจากเว็บไซต์", _date(d.get("wanted_takedown"), empty="ไม่กำหนด")),
        ],
        label_width=label_width,
    )
    files = list(d.get("files") or [])
    doc.heading(f"เอกสาร/ไฟล์ที่ขอเผยแพร่ ({len(files)} ไฟล์)", level=3)
    if files:
        doc.table(
            ["ลำดับ", "ชื่อไฟล์", "ประเภท (นามสกุล) ไฟล์", "ขนาดไฟล์"],
            [
                [str(i), _text(f.get("name")), _text(f.get("kind")), _size(f.get("size"))]
                for i, f in enumerate(files, start=1)
            ],
            size=13,
            align=["C", "L", "L", "R"],
        )
    else:
        doc.paragraph("- ไม่มีไฟล์แนบ -", size=14)
    doc.signature_block(
        [
            f"(ลงชื่อ) {SIGN} ผู้รับผิดชอบการให้ข้อมูล",
            f"({_text(d.get('requester_name'), DOTS)})",
            f"ตำแหน่ง {_text(d.get('requester_position'), DOTS)}",
            f"วันที่ {_date(d.get('submitted_at'), empty=DOTS)}",
        ]
    )

    # ส่วนที่ 3 -- the approver (seed 004 ข้อ 2.2: ผู้บริหารอนุมัติ/อนุญาต; ไม่อนุญาต: ชี้แจงเหตุผล)
    doc.heading("ส่วนที่ 3 ความเห็นของผู้อนุมัติรับรอง", level=2)
    doc.choices([("อนุมัติให้เผยแพร่", decision == "approved"), ("ไม่อนุมัติ", decision == "rejected")])
    reason = _text(d.get("decision_reason"), "")
    if decision == "pending":
        doc.paragraph("(อยู่ระหว่างการพิจารณา)", size=14, space_after=1)
    if reason:
        doc.paragraph(f"เหตุผล/ความเห็น: {reason}")
    elif decision == "pending":
        doc.paragraph(f"เหตุผล/ความเห็น: {DOTS * 2}")
    doc.signature_block(
        [
            f"(ลงชื่อ) {SIGN} ผู้อนุมัติรับรอง",
            f"({_text(d.get('approver_name'), DOTS)})",
            f"ตำแหน่ง {_text(d.get('approver_position'), DOTS)}",
            f"วันที่ {_date(d.get('decided_at'), empty=DOTS)}",
        ]
    )

    # ส่วนที่ 4 -- the webmaster (seed 004 ข้อ 2.3: นำข้อมูลขึ้นเว็บไซต์ในหมวดหมู่ที่ถูกต้อง
    # และประสานแจ้งกลับไปยังเจ้าของข้อมูล)
    doc.heading("ส่วนที่ 4 การนำข้อมูลขึ้นเผยแพร่ (ผู้ดูแลเว็บไซต์)", level=2)
    published = d.get("published_at")
    if decision == "rejected" and not published:
        doc.paragraph("ไม่มีการนำข้อมูลขึ้นเผยแพร่ เนื่องจากไม่ได้รับอนุมัติ", size=14)
        return doc.output()
    doc.fields(
        [
            ("ผู้นำข้อมูลขึ้นเผยแพร่", _text(d.get("webmaster_name"))),
            ("วันที่เผยแพร่", _datetime(published)),
            ("ที่อยู่บนเว็บไซต์ (URL)", _text(d.get("public_url"))),
        ],
        label_width=label_width,
    )
    doc.signature_block(
        [
            f"(ลงชื่อ) {SIGN} ผู้นำข้อมูลขึ้นเผยแพร่",
            f"({_text(d.get('webmaster_name'), DOTS)})",
            f"วันที่ {_date(published, empty=DOTS)}",
        ]
    )
    return doc.output()


# ---------------------------------------------------------------------------
# the yearly monitoring report
# ---------------------------------------------------------------------------

REPORT_COLUMNS = [
    "ลำดับ",
    "เลขที่คำขอ",
    "เรื่อง",
    "ผู้ขอ (หน่วยงาน)",
    "วันที่ขอ",
    "ผลการพิจารณา",
    "วันที่พิจารณา",
    "วันที่เผยแพร่",
    "ระยะเวลา (วัน)",
    "ภายในกำหนด",
    "เหตุผล (กรณีไม่อนุมัติ)",
]
REPORT_SIZE = 10.5
_WHOLE = (0, 1, 8, 9)  # never broken
_DATES = (4, 6, 7)
_SHARED = (2, 3, 5, 10)  # share the width left
_TITLE = 2

SUMMARY_LABELS = [
    ("total", "คำขอทั้งหมด"),
    ("approved", "อนุมัติ"),
    ("rejected", "ไม่อนุมัติ"),
    ("pending", "รอพิจารณา"),
    ("published", "เผยแพร่แล้ว"),
    ("published_within_target", "เผยแพร่ภายในกำหนด"),
    ("median_days", "ระยะเวลาถึงเผยแพร่ (มัธยฐาน, วัน)"),
]


def _report_title(fiscal_year) -> str:
    return f"{REPORT_TITLE} ประจำปีงบประมาณ พ.ศ. {fiscal_year or '........'}"


def _count(value) -> str:
    return NO_VALUE if value is None else f"{int(value):,}"


def _within_share(summary: dict) -> float | None:
    published = summary.get("published") or 0
    within = summary.get("published_within_target")
    if not published or within is None:
        return None
    return within / published


def _report_widths(doc: ThaiPDF, body: list[list[str]], size: float) -> list[float]:
    """Column widths (mm): numbers and yes/no whole, a date's day and month on one line (the
    year may go to the next), no header word broken; the title, requester, decision and
    reason columns share the rest, fitted to their content."""

    def measure(text: str, is_header: bool = False) -> float:
        return doc.text_width(text, size, "B" if is_header else "") + 4.1

    def words(text: str) -> list[str]:
        return [t for t in segment(text) if t != " "]

    total = doc.width_available
    widths = []
    for c, header in enumerate(REPORT_COLUMNS):
        head = max(measure(t, True) for t in words(header))
        cells = [r[c] for r in body]
        if c in _WHOLE:
            widths.append(max([head, *(measure(t) for t in cells)]))
        elif c in _DATES:
            widths.append(max([head, *(measure(" ".join(t.split()[:2])) for t in cells)]))
        else:
            widths.append(0.0)
    # requester, decision, reason and title first get their longest word (and header word);
    # of the width left the title gets 60 % (titles are long, and it is what people read),
    # the others share 40 % up to what they need to fit on one line, the title the surplus
    for c in _SHARED:
        widths[c] = max(
            [
                *(measure(t, True) for t in words(REPORT_COLUMNS[c])),
                *(measure(t) for r in body for t in words(r[c])),
            ]
        )
    extra = total - sum(widths)
    if extra <= 0:
        return fit_columns([REPORT_COLUMNS, *body], measure, total, cap=total * 0.3)
    others = [c for c in _SHARED if c != _TITLE]
    want = {
        c: max(
            0.0, max([0.0, *(measure(line) for r in body for line in r[c].split("\n"))]) - widths[c]
        )
        for c in others
    }
    budget = extra * 0.4
    if sum(want.values()) > 0:
        for c in others:
            widths[c] += min(want[c], budget * want[c] / sum(want.values()))
    widths[_TITLE] += total - sum(widths)
    return widths


def yearly_report_pdf(data: dict) -> bytes:
    """The yearly monitoring report as an A4 landscape PDF: summary, then one row per request.

    ``data`` keys: agency_name, fiscal_year (B.E. int), generated_at, rows (dicts with number,
    title, department, requester, submitted_at, decision (Thai text), decided_at,
    published_at, days_to_publish (float or None), within_target (bool or None), reason),
    summary (total, approved, rejected, pending, published, published_within_target,
    median_days).
    """
    agency = _text(data.get("agency_name"), "")
    fy = data.get("fiscal_year")
    title = _report_title(fy)
    rows = list(data.get("rows") or [])
    summary = dict(data.get("summary") or {})
    doc = ThaiPDF(
        agency=agency,
        title=title,
        orientation="L",
        creation_date=_latest(data.get("generated_at")),
        margins=(20, 20, 20),
    )
    doc.heading(title, level=1)
    if agency:
        doc.paragraph(agency, size=16, align="C", style="B", space_after=0.5)
    lines = []
    if fy:
        lines.append(f"ระหว่างวันที่ {_fiscal_span(fy)}")
    if data.get("generated_at"):
        lines.append(f"ข้อมูล ณ วันที่ {_datetime(data.get('generated_at'))}")
    if lines:
        doc.paragraph("   ".join(lines), size=14, align="C", space_after=4)

    doc.heading("สรุปผล", level=2)
    share = _within_share(summary)
    head, values = [], []
    for key, label in SUMMARY_LABELS:
        head.append(label)
        value = summary.get(key)
        if key == "median_days":
            values.append(_days(value))
        elif key == "published_within_target" and share is not None:
            values.append(f"{_count(value)} (ร้อยละ {share * 100:.1f})")
        else:
            values.append(_count(value))
    doc.table(head, [values], size=13, align=["C"] * len(head))

    doc.heading(f"รายละเอียดคำขอเผยแพร่ข้อมูล ({len(rows):,} รายการ)", level=2)
    if rows:
        body = [
            [
                str(i),
                _text(r.get("number")),
                _text(r.get("title")),
                "\n".join(
                    p
                    for p in (
                        _text(r.get("requester"), ""),
                        f"({_text(r.get('department'))})" if _text(r.get("department"), "") else "",
                    )
                    if p
                )
                or NO_VALUE,
                _date(r.get("submitted_at"), "short"),
                _text(r.get("decision")),
                _date(r.get("decided_at"), "short"),
                _date(r.get("published_at"), "short"),
                _days(r.get("days_to_publish")),
                _yes_no(r.get("within_target")),
                _text(r.get("reason"), ""),
            ]
            for i, r in enumerate(rows, start=1)
        ]
        widths = _report_widths(doc, body, size=REPORT_SIZE)
        aligns = ["C", "C", "L", "L", "C", "L", "C", "C", "R", "C", "L"]
        doc.table(REPORT_COLUMNS, body, widths, size=REPORT_SIZE, align=aligns)
    else:
        doc.paragraph("- ไม่มีคำขอในปีงบประมาณนี้ -", size=14, align="C")

    doc.signature_blocks(
        [
            [
                f"(ลงชื่อ) {SIGN} ผู้รายงาน",
                f"({DOTS})",
                f"ตำแหน่ง {DOTS}",
                f"วันที่ {DOTS}",
            ],
            [
                f"(ลงชื่อ) {SIGN} หัวหน้าหน่วยงาน",
                f"({DOTS})",
                f"ตำแหน่ง {DOTS}",
                f"วันที่ {DOTS}",
            ],
        ]
    )
    return doc.output()


def _xlsx_date(value):
    """A real spreadsheet date (local time, no zone: XLSX has none), or None."""
    if not value or isinstance(value, str):
        return None
    return _local(value)


def _number(value):
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def yearly_report_xlsx(data: dict) -> bytes:
    """The yearly monitoring report as a workbook: sheet "รายการคำขอ" and sheet "สรุป".

    Same ``data`` as :func:`yearly_report_pdf`.  Every date is given twice: as Thai text with
    the B.E. year (``21 พ.ย. 2569``, what people read and quote) and, in the column after it,
    as a real spreadsheet date shown dd/mm/yyyy (C.E.) to sort, filter and compute with --
    no number format shows a B.E. year the same way in Excel, LibreOffice and Google Sheets.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    agency = _text(data.get("agency_name"), "")
    fy = data.get("fiscal_year")
    title = _report_title(fy)
    rows = list(data.get("rows") or [])
    summary = dict(data.get("summary") or {})
    generated = data.get("generated_at")
    subtitle = "   ".join(
        part
        for part in (
            f"ระหว่างวันที่ {_fiscal_span(fy)}" if fy else "",
            f"ข้อมูล ณ วันที่ {_datetime(generated)}" if generated else "",
        )
        if part
    )

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDE6F2")
    base = Font(name=OFFICE_FONT, size=14)
    bold = Font(name=OFFICE_FONT, size=14, bold=True)
    top_left = Alignment(vertical="top", wrap_text=True)
    top_center = Alignment(horizontal="center", vertical="top", wrap_text=True)

    wb = Workbook()

    # -- sheet 1: one row per request ---------------------------------------------------
    ws = wb.active
    ws.title = "รายการคำขอ"
    # (header, value getter, kind): kind decides format and width
    columns = [
        ("ลำดับ", lambda i, r: i, "int"),
        ("เลขที่คำขอ", lambda i, r: _text(r.get("number"), ""), "short"),
        ("เรื่อง", lambda i, r: _text(r.get("title"), ""), "long"),
        ("หน่วยงาน", lambda i, r: _text(r.get("department"), ""), "text"),
        ("ผู้ขอ", lambda i, r: _text(r.get("requester"), ""), "text"),
        ("วันที่ยื่นคำขอ (พ.ศ.)", lambda i, r: _date(r.get("submitted_at"), "short", ""), "short"),
        ("วันที่ยื่นคำขอ (ค.ศ.)", lambda i, r: _xlsx_date(r.get("submitted_at")), "date"),
        ("ผลการพิจารณา", lambda i, r: _text(r.get("decision"), ""), "text"),
        ("วันที่พิจารณา (พ.ศ.)", lambda i, r: _date(r.get("decided_at"), "short", ""), "short"),
        ("วันที่พิจารณา (ค.ศ.)", lambda i, r: _xlsx_date(r.get("decided_at")), "date"),
        ("วันที่เผยแพร่ (พ.ศ.)", lambda i, r: _date(r.get("published_at"), "short", ""), "short"),
        ("วันที่เผยแพร่ (ค.ศ.)", lambda i, r: _xlsx_date(r.get("published_at")), "date"),
        ("ระยะเวลาถึงเผยแพร่ (วัน)", lambda i, r: _number(r.get("days_to_publish")), "days"),
        (
            "ภายในกำหนด",
            lambda i, r: "" if r.get("within_target") is None else _yes_no(r["within_target"]),
            "short",
        ),
        ("เหตุผล (กรณีไม่อนุมัติ)", lambda i, r: _text(r.get("reason"), ""), "long"),
    ]
    ncol = len(columns)
    ws["A1"] = title
    ws["A1"].font = Font(name=OFFICE_FONT, size=18, bold=True)
    ws["A2"] = agency
    ws["A2"].font = Font(name=OFFICE_FONT, size=16, bold=True)
    ws["A3"] = subtitle
    ws["A3"].font = Font(name=OFFICE_FONT, size=14, color="555555")
    head_row = 4
    for j, (name, _, _) in enumerate(columns, start=1):
        c = ws.cell(row=head_row, column=j, value=name)
        c.font = bold
        c.fill = head_fill
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, r in enumerate(rows, start=1):
        for j, (_, get, kind) in enumerate(columns, start=1):
            c = ws.cell(row=head_row + i, column=j, value=safe_cell(get(i, r)))
            c.font = base
            c.border = border
            c.alignment = top_center if kind in ("int", "date", "short") else top_left
            if kind == "date":
                c.number_format = "dd/mm/yyyy"
            elif kind == "days":
                c.number_format = "#,##0.0"

    # column widths: Excel's unit is the width of "0" in Calibri 11 (7 px = 5.25 pt);
    # the text is 14 pt TH Sarabun New, measured with Sarabun's metrics
    def chars(text: str, is_bold: bool = False) -> float:
        return em_width(text, is_bold) * 14 / 5.25

    widths = []
    for j, (name, _get, kind) in enumerate(columns, start=1):
        head_w = max(chars(w, True) for w in name.split()) if name else 0
        if kind == "date":
            cell_w = 11.0
        else:
            texts = [ws.cell(row=head_row + i, column=j).value for i in range(1, len(rows) + 1)]
            texts = [f"{v:,.1f}" if isinstance(v, float) else str(v) for v in texts if v != ""]
            cell_w = max((chars(t) for t in texts if t != "None"), default=0)
        cap = 50 if kind == "long" else 28
        widths.append(round(min(max(head_w, cell_w) + 2, max(cap, head_w + 2)), 1))
        ws.column_dimensions[get_column_letter(j)].width = max(widths[-1], 8)

    # row heights: Thai needs room for vowels and tone marks, and wrapped cells more lines;
    # LibreOffice does not grow rows for a larger font by itself
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[2].height = 24
    ws.row_dimensions[3].height = 21
    head_lines = max(
        math.ceil(chars(col[0], True) / max(w - 1.5, 1))
        for col, w in zip(columns, widths, strict=True)
    )
    ws.row_dimensions[head_row].height = 22 * head_lines + 3
    for i in range(1, len(rows) + 1):
        lines = 1
        for j, w in enumerate(widths, start=1):
            v = ws.cell(row=head_row + i, column=j).value
            if isinstance(v, str) and v:
                lines = max(lines, math.ceil(chars(v) / max(w - 1.5, 1)))
        ws.row_dimensions[head_row + i].height = 22 * lines

    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    if rows:
        ws.auto_filter.ref = f"A{head_row}:{get_column_letter(ncol)}{head_row + len(rows)}"
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    # -- sheet 2: summary ---------------------------------------------------------------
    ss = wb.create_sheet("สรุป")
    ss["A1"] = title
    ss["A1"].font = Font(name=OFFICE_FONT, size=18, bold=True)
    ss["A2"] = agency
    ss["A2"].font = Font(name=OFFICE_FONT, size=16, bold=True)
    ss["A3"] = subtitle
    ss["A3"].font = Font(name=OFFICE_FONT, size=14, color="555555")
    for j, name in enumerate(("รายการ", "ผล"), start=1):
        c = ss.cell(row=4, column=j, value=name)
        c.font = bold
        c.fill = head_fill
        c.border = border
        c.alignment = Alignment(horizontal="center")
    items = [(label, _number(summary.get(key)), key) for key, label in SUMMARY_LABELS]
    items.insert(6, ("ร้อยละที่เผยแพร่ภายในกำหนด (ของที่เผยแพร่แล้ว)", _within_share(summary), "pct"))
    for i, (label, value, key) in enumerate(items, start=5):
        a = ss.cell(row=i, column=1, value=label)
        b = ss.cell(row=i, column=2, value=value)
        for c in (a, b):
            c.font = base
            c.border = border
        if key == "pct":
            b.number_format = "0.0%"
        elif key == "median_days":
            b.number_format = "#,##0.0"
        else:
            b.number_format = "#,##0"
    ss.column_dimensions["A"].width = round(max(chars(label) for label, _, _ in items) + 3, 1)
    ss.column_dimensions["B"].width = 14
    for r in range(1, 5 + len(items)):
        ss.row_dimensions[r].height = 30 if r == 1 else 21
    ss.freeze_panes = "A5"

    props = wb.properties
    props.title = title
    props.subject = title
    props.creator = agency or "Prongsai"
    props.lastModifiedBy = agency or "Prongsai"
    props.language = "th-TH"
    stamp = _local(_latest(generated))
    props.created = props.modified = stamp

    buf = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with now()
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _repack(buf.getvalue(), stamp)


def _repack(data: bytes, stamp: _dt.datetime) -> bytes:
    """Re-pack the zip with the report's date on every member (openpyxl writes 'now')."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, 0)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()
