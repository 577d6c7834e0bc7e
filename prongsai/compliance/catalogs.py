"""Catalogs as data: read a CSV or XLSX file of items, validate every row, report errors in Thai
with row numbers, and save nothing unless the whole file is clean.

Row numbers are those a person sees in a spreadsheet: the header is row 1."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from prongsai.compliance.models import Catalog, CatalogItem, ItemStatus, Period, Scheme
from prongsai.core.params import parse_int
from prongsai.core.typed import HIDDEN_CHARACTERS

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
MAX_COLUMNS = 50
# blank rows are skipped, so a sheet may hold some; it is not read past this many
MAX_SHEET_ROWS = MAX_ROWS * 4
# a sheet of 500 long Thai items is under 1 MB of XML
MAX_SHEET_XML_BYTES = 3 * 1024 * 1024
MAX_GROUP_LENGTH = 255
MAX_MIN_COUNT = 100_000
SHIPPED_DIR = Path(__file__).resolve().parent / "catalogs"

PERIODS = [p.value for p in Period]
OPTIONAL_COLUMNS = ["title_th", "title_en", "group", "status", "source", "min_count", "expected"]
# Column names people may use for the same thing (the GWS file says "part", not "code").
ALIASES = {
    "part": "code",
    "รหัส": "code",
    "ข้อ": "code",
    "expected_features": "expected",
    "ชื่อข้อ": "title_th",
    "กลุ่ม": "group",
    "ช่วงเวลา": "period",
    "สถานะ": "status",
    "จำนวนขั้นต่ำ": "min_count",
}

NACC_TYPES = ["sao", "municipality", "pao", "primary_area", "secondary_area", "other"]

# The catalogs shipped with Prongsai: file, scheme, fiscal year, agency types, title, period default
SHIPPED = [
    (
        "ita-oit-2569-general.csv",
        Scheme.NACC_OIT,
        2569,
        NACC_TYPES,
        "ITA ปีงบประมาณ 2569 – แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) หน่วยงานทั่วไป",
        None,
    ),
    (
        "ita-oit-2568-general.csv",
        Scheme.NACC_OIT,
        2568,
        NACC_TYPES,
        "ITA ปีงบประมาณ 2568 – แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) หน่วยงานทั่วไป",
        None,
    ),
    (
        "ita-oit-2567-general.csv",
        Scheme.NACC_OIT,
        2567,
        NACC_TYPES,
        "ITA ปีงบประมาณ 2566/2567 – แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) 43 ข้อ",
        None,
    ),
    (
        "moph-moit-2568.csv",
        Scheme.MOPH_MOIT,
        2568,
        ["district_health"],
        "MOIT 1–22 กระทรวงสาธารณสุข (ปีที่ใช้ยังไม่ยืนยัน)",
        None,
    ),
    (
        "gws-v2-parts.csv",
        Scheme.GWS,
        None,
        [],
        "มาตรฐานเว็บไซต์ภาครัฐ เวอร์ชัน 2.0 – 8 ส่วน",
        Period.ANY,
    ),
    (
        "oia-s7-s9.csv",
        Scheme.OIA,
        None,
        [],
        "พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 7 และมาตรา 9",
        Period.ANY,
    ),
]


@dataclass
class ParsedCatalog:
    rows: list = field(default_factory=list)  # dicts ready for CatalogItem
    errors: list = field(default_factory=list)  # Thai messages
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors and bool(self.rows)


def normalise_status(value):
    value = (value or "").strip().lower()
    if "unconfirmed" in value or "ยังไม่ยืนยัน" in value:
        return ItemStatus.UNCONFIRMED
    if not value or "confirmed" in value or "ยืนยัน" in value:
        return ItemStatus.CONFIRMED
    return None


def _decode(data):
    """Text of a CSV file, or (None, Thai error)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
        if any("\u0e00" <= ch <= "\u0e7f" for ch in text):
            return None, (
                "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8 (ดูเหมือนเป็น TIS-620/Windows-874 ที่ Excel รุ่นเก่าบันทึก) "
                "กรุณาบันทึกใหม่เป็น “CSV UTF-8 (คั่นด้วยจุลภาค)” แล้วนำเข้าอีกครั้ง"
            )
    except UnicodeDecodeError:
        pass
    return None, "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8 กรุณาบันทึกใหม่เป็น “CSV UTF-8 (คั่นด้วยจุลภาค)”"


def _table_from_bytes(data, filename=""):
    """(header, rows) from CSV or XLSX bytes, or raise ValueError with a Thai message."""
    if not data or not data.strip():
        raise ValueError("ไฟล์ว่างเปล่า ไม่มีข้อมูลให้นำเข้า")
    if len(data) > MAX_IMPORT_BYTES:
        raise ValueError(
            f"ไฟล์มีขนาด {len(data) / 1024 / 1024:.1f} MB ใหญ่เกินกำหนด "
            f"(ไม่เกิน {MAX_IMPORT_BYTES // 1024 // 1024} MB)"
        )
    if data[:4] == b"PK\x03\x04":
        return _xlsx_table(data)
    if data[:5] == b"%PDF-" or b"\x00" in data:
        raise ValueError(
            "ไฟล์นี้ไม่ใช่ไฟล์ CSV หรือ Excel (.xlsx) กรุณาเลือกไฟล์ตารางที่มีหัวคอลัมน์ code, title_th, period"
        )
    text, error = _decode(data)
    if error:
        raise ValueError(error)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = _first_filled_rows(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:  # a cell over csv.field_size_limit(), a NUL in a line
        raise ValueError(
            "อ่านไฟล์ CSV ไม่ได้: มีช่องที่ยาวผิดปกติหรือมีอักขระที่ใช้ไม่ได้ กรุณาตรวจไฟล์แล้วนำเข้าอีกครั้ง"
        ) from exc
    if not rows:
        raise ValueError("ไฟล์ว่างเปล่า ไม่มีข้อมูลให้นำเข้า")
    if len(rows[0]) < 2:
        raise ValueError(
            "อ่านไฟล์เป็นตาราง CSV ไม่ได้ (พบเพียงคอลัมน์เดียว) กรุณาตรวจว่าเป็นไฟล์ CSV ที่คั่นด้วยจุลภาค"
            " และมีหัวคอลัมน์ code, title_th, period"
        )
    return rows[0], rows[1:]


def _first_filled_rows(rows):
    """The header and the rows with something in them, stopping one row past the limit."""
    filled = []
    for row in rows:
        cells = [cell.strip() for cell in row[:MAX_COLUMNS]]
        if any(cells):
            filled.append(cells)
            if len(filled) > MAX_ROWS + 1:
                break
    return filled


def _refuse_oversized_sheets(data):
    """openpyxl scans a whole sheet for its size before the first row is read, so a sheet far
    larger than 500 items ever need is refused from the zip's directory, unread."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = [i.file_size for i in archive.infolist() if i.filename.startswith("xl/")]
    except zipfile.BadZipFile as exc:
        raise ValueError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้") from exc
    if max(sizes, default=0) > MAX_SHEET_XML_BYTES or sum(sizes) > 4 * MAX_SHEET_XML_BYTES:
        raise ValueError(
            f"ไฟล์ Excel นี้มีข้อมูลมากเกินกว่ารายการเกณฑ์ (ไม่เกิน {MAX_ROWS} ข้อ) "
            "กรุณาตรวจว่าเลือกไฟล์ถูก หรือลบแผ่นงานและแถวที่ไม่ใช้ออก"
        )


def _xlsx_table(data):
    from openpyxl import load_workbook

    _refuse_oversized_sheets(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a zip that is not a workbook
        raise ValueError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้") from exc
    sheet = workbook.worksheets[0]
    # read no further than the limit: a small file can declare 200,000 rows
    values = sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    read = 0
    cells = []
    for read, row in enumerate(values, start=1):  # noqa: B007 (read is the count afterwards)
        cells.append(["" if v is None else str(v) for v in row])
    rows = _first_filled_rows(cells)
    workbook.close()
    if read > MAX_SHEET_ROWS:
        # rows past this point are not read, so none may be left out silently
        raise ValueError(
            f"แผ่นงานมีมากกว่า {MAX_SHEET_ROWS:,} แถว (นับรวมแถวว่าง) มากเกินกำหนด "
            f"กรุณาลบแถวที่ไม่ใช้ออก ให้เหลือไม่เกิน {MAX_ROWS} ข้อ"
        )
    if not rows:
        raise ValueError("ไฟล์ว่างเปล่า ไม่มีข้อมูลให้นำเข้า")
    return rows[0], rows[1:]


def parse_catalog_file(data, filename="", default_period=None):
    """Validate a whole file; return a ParsedCatalog (rows only meaningful when ok)."""
    result = ParsedCatalog()
    try:
        header, rows = _table_from_bytes(data, filename)
    except ValueError as exc:
        result.errors.append(str(exc))
        return result
    columns = []
    for name in header:
        key = (name or "").strip().lower().lstrip("\ufeff")
        columns.append(ALIASES.get(key, key))
    missing = []
    if "code" not in columns:
        missing.append("code")
    if "title_th" not in columns and "title_en" not in columns:
        missing.append("title_th (หรือ title_en)")
    if "period" not in columns and default_period is None:
        missing.append("period")
    if missing:
        result.errors.append(
            "ไม่พบคอลัมน์ที่จำเป็น: "
            + ", ".join(missing)
            + " (หัวคอลัมน์ที่พบ: "
            + ", ".join(h or "(ว่าง)" for h in header)
            + ")"
        )
        return result
    if not rows:
        result.errors.append("ไฟล์มีแต่หัวคอลัมน์ ไม่มีรายการข้อให้นำเข้า")
        return result
    if len(rows) > MAX_ROWS:
        result.errors.append(f"ไฟล์มีมากกว่า {MAX_ROWS} แถว มากเกินกำหนด (ไม่เกิน {MAX_ROWS} แถว)")
        return result
    seen = {}
    for index, raw in enumerate(rows, start=2):
        cells = dict(zip(columns, [(c or "").strip() for c in raw], strict=False))
        code = cells.get("code", "")
        title_th = cells.get("title_th", "")
        title_en = cells.get("title_en", "")
        period = cells.get("period", "").lower() if "period" in columns else default_period
        status = normalise_status(cells.get("status", ""))
        row_errors = []
        if not code:
            row_errors.append(f"แถวที่ {index}: ไม่มีรหัสข้อ (code)")
        elif code in seen:
            row_errors.append(f"แถวที่ {index}: รหัสข้อ “{code}” ซ้ำกับแถวที่ {seen[code]}")
        else:
            seen[code] = index
        if len(code) > 20:
            row_errors.append(f"แถวที่ {index}: รหัสข้อยาวเกิน 20 ตัวอักษร")
        if not title_th and not title_en:
            row_errors.append(f"แถวที่ {index}: ไม่มีชื่อข้อ (title_th หรือ title_en ว่างทั้งคู่)")
        if status is None:
            row_errors.append(
                f"แถวที่ {index}: ไม่รู้จักสถานะ “{cells.get('status')}” (ใช้ได้: confirmed, unconfirmed)"
            )
        if period and period not in PERIODS:
            row_errors.append(f"แถวที่ {index}: ไม่รู้จักช่วงเวลา “{period}” (ใช้ได้: {', '.join(PERIODS)})")
        elif not period and status == ItemStatus.CONFIRMED:
            row_errors.append(f"แถวที่ {index}: ไม่ได้ระบุช่วงเวลา (period) — เว้นว่างได้เฉพาะข้อที่ยังไม่ยืนยัน")
        min_count = cells.get("min_count", "")
        if min_count and parse_int(min_count, maximum=MAX_MIN_COUNT) is None:
            row_errors.append(
                f"แถวที่ {index}: จำนวนขั้นต่ำ “{min_count[:20]}” "
                f"ต้องเป็นจำนวนเต็ม 0–{MAX_MIN_COUNT:,} หรือเว้นว่าง"
            )
        if any(HIDDEN_CHARACTERS.search(value) for value in cells.values()):
            row_errors.append(f"แถวที่ {index}: มีอักขระควบคุมหรืออักขระกลับทิศทางข้อความที่มองไม่เห็น กรุณาลบออก")
        if len(cells.get("group", "")) > MAX_GROUP_LENGTH:
            row_errors.append(f"แถวที่ {index}: ชื่อหมวด (group) ยาวเกิน {MAX_GROUP_LENGTH} ตัวอักษร")
        if row_errors:
            result.errors.extend(row_errors)
            continue
        if not title_th:
            result.warnings.append(f"แถวที่ {index}: ข้อ {code} ยังไม่มีชื่อภาษาไทย")
        result.rows.append(
            {
                "code": code,
                "title_th": title_th,
                "title_en": title_en,
                "group": cells.get("group", ""),
                "period": period or "",
                "status": status,
                "source_note": cells.get("source", ""),
                "min_count": parse_int(min_count),
                "expected": cells.get("expected", ""),
                "sort_order": len(result.rows) + 1,
            }
        )
    return result


@transaction.atomic
def save_catalog(
    rows, *, scheme, fiscal_year, title, agency_types=(), source="", user=None, filename=""
):
    catalog = Catalog.objects.create(
        scheme=scheme,
        fiscal_year=fiscal_year,
        title=title,
        agency_types=list(agency_types),
        source=source,
        source_file=filename,
        imported_at=timezone.now(),
        imported_by=user,
    )
    CatalogItem.objects.bulk_create([CatalogItem(catalog=catalog, **row) for row in rows])
    return catalog


def load_shipped_catalogs(stdout=None):
    """Idempotent: creates missing catalogs and missing items; never overwrites corrections."""
    created = 0
    for filename, scheme, fiscal_year, types, title, default_period in SHIPPED:
        parsed = parse_catalog_file((SHIPPED_DIR / filename).read_bytes(), filename, default_period)
        if parsed.errors:
            raise ValueError(f"{filename}: " + "; ".join(parsed.errors))
        catalog = Catalog.objects.filter(
            scheme=scheme, fiscal_year=fiscal_year, title=title
        ).first()
        if catalog is None:
            sources = sorted({r["source_note"] for r in parsed.rows if r["source_note"]})
            save_catalog(
                parsed.rows,
                scheme=scheme,
                fiscal_year=fiscal_year,
                title=title,
                agency_types=types,
                source="; ".join(sources)[:2000] or "catalogs/README.md",
                filename=filename,
            )
            created += 1
            continue
        existing = set(catalog.items.values_list("code", flat=True))
        missing = [r for r in parsed.rows if r["code"] not in existing]
        CatalogItem.objects.bulk_create([CatalogItem(catalog=catalog, **r) for r in missing])
    if stdout is not None:
        stdout.write(f"catalogs: {created} created, {Catalog.objects.count()} in all")
    return created


def catalog_for(site, scheme=Scheme.NACC_OIT, fiscal_year=None):
    """The catalog that applies to an agency (by its type) for a scheme and year."""
    from prongsai.agencies.models import AgencySettings

    agency_type = AgencySettings.for_site(site).agency_type
    catalogs = Catalog.objects.filter(scheme=scheme)
    if fiscal_year is not None:
        catalogs = catalogs.filter(fiscal_year=fiscal_year)
    for catalog in catalogs.order_by("-fiscal_year", "-imported_at"):
        if catalog.applies_to(agency_type):
            return catalog
    return None
