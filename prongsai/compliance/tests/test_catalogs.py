import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from prongsai.compliance.catalogs import load_shipped_catalogs, parse_catalog_file
from prongsai.compliance.factories import CatalogFactory
from prongsai.compliance.models import Catalog, CatalogItem, ItemStatus, Scheme

pytestmark = pytest.mark.django_db

GOOD = (
    "code,title_th,title_en,group,period,status,source\n"
    "O1,โครงสร้าง,Structure,basic information,any,confirmed,test\n"
    "O2,ข้อมูลผู้บริหาร,Executives,basic information,any,unconfirmed,\n"
    "O3,แผนปฏิบัติการ,,plans,current,,\n"
)


def test_shipped_catalogs_loaded_with_unconfirmed_marks():
    """The catalogs shipped with the code are in every install (their subject is the shipped
    data, so they count its items)."""
    oit = Catalog.objects.get(scheme=Scheme.NACC_OIT, fiscal_year=2569)
    assert oit.items.count() == 26
    o2 = oit.items.get(code="O2")
    assert o2.status == ItemStatus.UNCONFIRMED
    assert oit.items.get(code="O5").period == "multi-year"
    assert Catalog.objects.get(scheme=Scheme.NACC_OIT, fiscal_year=2567).items.count() == 43
    assert Catalog.objects.get(scheme=Scheme.MOPH_MOIT).items.count() == 22
    assert Catalog.objects.get(scheme=Scheme.GWS).items.count() == 8
    assert Catalog.objects.get(scheme=Scheme.OIA).items.count() == 13
    assert Catalog.objects.get(scheme=Scheme.MOPH_MOIT).agency_types == ["district_health"]


def test_loading_is_idempotent_and_keeps_corrections():
    item = CatalogItem.objects.get(catalog__fiscal_year=2569, code="O6")
    item.title_th = "แก้ไขโดยผู้ดูแล"
    item.save()
    count = CatalogItem.objects.count()
    assert load_shipped_catalogs() == 0
    call_command("load_catalogs", stdout=io.StringIO())
    assert CatalogItem.objects.count() == count
    item.refresh_from_db()
    assert item.title_th == "แก้ไขโดยผู้ดูแล"


def test_good_csv_parses():
    parsed = parse_catalog_file(GOOD.encode("utf-8"))
    assert parsed.ok, parsed.errors
    assert [r["code"] for r in parsed.rows] == ["O1", "O2", "O3"]
    assert parsed.rows[1]["status"] == "unconfirmed"


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "ไฟล์ว่างเปล่า"),
        (GOOD.encode("cp874"), "ไม่ได้เข้ารหัสแบบ UTF-8"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "ไม่ใช่ไฟล์ CSV"),
        (b"\x00\x01\x02binary", "ไม่ใช่ไฟล์ CSV"),
        ("code,title_th\nO1,โครงสร้าง\n".encode(), "ไม่พบคอลัมน์ที่จำเป็น: period"),
        ("code,title_th,period\nO1,ก,thisyear\n".encode(), "แถวที่ 2: ไม่รู้จักช่วงเวลา “thisyear”"),
        ("code,title_th,period\nO1,ก,any\nO1,ข,any\n".encode(), "แถวที่ 3: รหัสข้อ “O1” ซ้ำกับแถวที่ 2"),
        ("code,title_th,title_en,period\nO1,ก,,any\nO2,,,any\n".encode(), "แถวที่ 3: ไม่มีชื่อข้อ"),
        (b"code,title_th,period\n", "ไม่มีรายการข้อ"),
        (b"just some text without commas\nanother line", "ไม่พบเพียง"),
    ],
)
def test_broken_files_give_thai_row_numbered_errors(data, expected):
    parsed = parse_catalog_file(data)
    assert not parsed.ok
    text = " ".join(parsed.errors)
    if expected == "ไม่พบเพียง":
        assert "คอลัมน์" in text
    else:
        assert expected in text, text


def test_too_large_file_is_refused():
    data = GOOD.encode() + b"O9,x,,any,,\n" * 200000
    parsed = parse_catalog_file(data)
    assert "ใหญ่เกินกำหนด" in parsed.errors[0]


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_parses():
    data = xlsx_bytes(
        [["code", "title_th", "period"], ["O1", "โครงสร้าง", "any"], ["O2", "แผน", "current"]]
    )
    parsed = parse_catalog_file(data)
    assert parsed.ok and parsed.rows[1]["title_th"] == "แผน"


def test_a_sheet_declaring_many_rows_is_refused_without_reading_them_all(monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    from prongsai.compliance.catalogs import MAX_SHEET_ROWS

    rows_read = []
    plain_iter_rows = ReadOnlyWorksheet.iter_rows

    def counting_iter_rows(self, *args, **kwargs):
        for row in plain_iter_rows(self, *args, **kwargs):
            rows_read.append(1)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counting_iter_rows)
    data = xlsx_bytes([["code", "title_th", "period"]] + [["O9", "x", "any"]] * 3_000)

    parsed = parse_catalog_file(data)

    assert f"มากกว่า {MAX_SHEET_ROWS:,} แถว" in " ".join(parsed.errors)
    assert not parsed.rows
    assert len(rows_read) <= MAX_SHEET_ROWS + 1


def test_a_sheet_far_larger_than_a_catalog_is_refused_unread(monkeypatch):
    import openpyxl

    data = xlsx_bytes([["code", "title_th", "period"]] + [["O9", "x" * 40, "any"]] * 40_000)
    monkeypatch.setattr(openpyxl, "load_workbook", None)  # it must not even be opened

    parsed = parse_catalog_file(data)

    assert "มากเกินกว่ารายการเกณฑ์" in " ".join(parsed.errors)


def test_a_sheet_of_more_items_than_the_limit_is_refused():
    from prongsai.compliance.catalogs import MAX_ROWS

    items = [[f"O{i}", "x", "any"] for i in range(600)]
    data = xlsx_bytes([["code", "title_th", "period"]] + items)

    parsed = parse_catalog_file(data)

    assert f"มากกว่า {MAX_ROWS} แถว" in " ".join(parsed.errors)


@pytest.mark.parametrize(
    "data, expected",
    [
        (
            b"code,title_th,period\nO1," + "ก".encode() * 200_000 + b",any\n",
            "มีช่องที่ยาวผิดปกติ",
        ),
        (GOOD.encode() + b"O9,x\x00y,,any,,\n" * 3000, "ไม่ใช่ไฟล์ CSV"),
        ("code,title_th,period,min_count\nO1,ก,any,²\n".encode(), "แถวที่ 2: จำนวนขั้นต่ำ “²”"),
        ("code,title_th,period,min_count\nO1,ก,any,99999999999999999999\n".encode(), "จำนวนขั้นต่ำ"),
        (("code,title_th,period,group\nO1,ก,any," + "ห" * 300 + "\n").encode(), "ยาวเกิน 255"),
        ("code,title_th,period\nO1,ก\x1b[31m\u202e,any\n".encode(), "แถวที่ 2: มีอักขระควบคุม"),
    ],
)
def test_junk_cells_give_a_thai_message_and_nothing_to_save(data, expected):
    parsed = parse_catalog_file(data)

    assert not parsed.ok
    assert expected in " ".join(parsed.errors)


def test_an_oversized_cell_is_a_thai_message_in_the_admin_not_a_server_error(login):
    client = login("admin")
    before = Catalog.objects.count()
    data = b"code,title_th,period\nO1," + b"x" * 300_000 + b",any\n"

    response = _upload(client, data)

    assert response.status_code == 200
    assert "มีช่องที่ยาวผิดปกติ" in response.content.decode()
    assert Catalog.objects.count() == before


def _upload(client, data, name="oit-2570.csv", title="ITA 2570 ทดสอบ"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("compliance:import"),
        {
            "scheme": "nacc-oit",
            "fiscal_year": "2570",
            "title": title,
            "agency_types": ["sao"],
            "file": SimpleUploadedFile(name, data),
        },
    )


def test_import_previews_then_saves(login, people):
    client = login("admin")
    before = Catalog.objects.count()
    response = _upload(client, GOOD.encode())
    assert response.status_code == 200
    assert "ตัวอย่างก่อนบันทึก" in response.content.decode()
    assert Catalog.objects.count() == before  # dry run: nothing saved yet
    response = client.post(reverse("compliance:import"), {"confirm": "1"})
    assert response.status_code == 302
    catalog = Catalog.objects.get(fiscal_year=2570, title="ITA 2570 ทดสอบ")
    assert catalog.items.count() == 3
    assert catalog.imported_by == people["admin"]


def test_import_xlsx_through_admin(login):
    client = login("admin")
    data = xlsx_bytes([["code", "title_th", "period"], ["O1", "โครงสร้าง", "any"]])
    _upload(client, data, name="oit.xlsx")
    client.post(reverse("compliance:import"), {"confirm": "1"})
    assert Catalog.objects.filter(fiscal_year=2570).exists()


def test_broken_import_saves_nothing_and_reports_rows(login):
    client = login("admin")
    before = (Catalog.objects.count(), CatalogItem.objects.count())
    broken = "code,title_th,period\nO1,ก,any\nO1,ข,current\nO3,ค,sometime\nO4,,any\n".encode()
    response = _upload(client, broken)
    html = response.content.decode()
    assert "นำเข้าไม่ได้" in html
    assert "แถวที่ 3" in html and "แถวที่ 4" in html and "แถวที่ 5" in html
    response = client.post(reverse("compliance:import"), {"confirm": "1"})
    assert (Catalog.objects.count(), CatalogItem.objects.count()) == before
    response = _upload(client, GOOD.encode("cp874"))
    assert "UTF-8" in response.content.decode()
    assert (Catalog.objects.count(), CatalogItem.objects.count()) == before


@pytest.mark.parametrize("username", ["webmaster", "executive", "requester", "approver"])
def test_only_platform_admins_import_or_correct(login, username):
    """Catalogs are shared by every agency: agency staff neither import one (upload, then
    confirm) nor correct an item, even with a complete form."""
    client = login(username)
    before = (Catalog.objects.count(), CatalogItem.objects.count())
    _upload(client, GOOD.encode())
    client.post(reverse("compliance:import"), {"confirm": "1"})
    assert (Catalog.objects.count(), CatalogItem.objects.count()) == before
    assert not Catalog.objects.filter(title="ITA 2570 ทดสอบ").exists()

    item = CatalogFactory().items.get(code="T2")
    title = item.title_th
    correction = {
        "code": "T2",
        "title_th": "แก้โดยเจ้าหน้าที่หน่วยงาน",
        "title_en": "",
        "group": item.group,
        "period": item.period,
        "min_count": "",
        "status": "confirmed",
        "source_note": "",
        "expected": "",
        "sort_order": item.sort_order,
    }
    client.post(reverse("compliance:catalog_item", args=[item.pk]), correction)
    item.refresh_from_db()
    assert item.title_th == title


def test_webmaster_reads_catalogs_with_unconfirmed_badge(login):
    client = login("webmaster")
    catalog = CatalogFactory()  # its T4 is unconfirmed
    html = client.get(reverse("compliance:catalog", args=[catalog.pk])).content.decode()
    assert "ยังไม่ยืนยัน" in html
    # the install-wide correction is not offered, only the agency's own (test_agency_corrections)
    for item in catalog.items.all():
        assert f'href="{reverse("compliance:catalog_item", args=[item.pk])}"' not in html
    assert "แก้ไขสำหรับหน่วยงาน" in html


def test_admin_corrects_an_item(login):
    client = login("admin")
    item = CatalogFactory().items.get(code="T4")
    assert item.unconfirmed
    response = client.post(
        reverse("compliance:catalog_item", args=[item.pk]),
        {
            "code": "T4",
            "title_th": "แผนดำเนินงานประจำปี",
            "title_en": "",
            "group": "basic information",
            "period": "current",
            "min_count": "",
            "status": "confirmed",
            "source_note": "ITAS",
            "expected": "",
            "sort_order": item.sort_order,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_th == "แผนดำเนินงานประจำปี" and not item.unconfirmed
