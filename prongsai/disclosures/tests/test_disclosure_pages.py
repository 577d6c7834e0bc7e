"""A Disclosure shows what seed 001 §2.2 and seed 004 §2.3 ask for, and listings filter by
fiscal year and category."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from prongsai.disclosures.models import DisclosureIndexPage, DisclosurePage

pytestmark = pytest.mark.django_db


def test_disclosure_page_shows_owner_period_publish_date_and_file_type_and_size(client):
    page = DisclosurePage.objects.live().filter(title__startswith="ข้อบัญญัติงบประมาณ").first()
    html = client.get(page.url).content.decode()
    meta = html.split('class="meta disclosure-meta"', 1)[1].split("</dl>", 1)[0]
    assert "หน่วยงานเจ้าของข้อมูล" in meta and "กองคลัง" in meta
    assert "ช่วงเวลาของข้อมูล" in meta and "1 ตุลาคม 25" in meta and "30 กันยายน 25" in meta
    assert "วันที่เผยแพร่" in meta and "ปีงบประมาณ" in meta
    assert "มาตรา 9 (3)" in meta
    files = html.split('id="files-heading"', 1)[1]
    assert re.search(
        r'<span class="file-type">PDF</span> · <span class="file-size">[\d.]+ KB', files
    )


def test_file_links_download_the_real_file(client):
    page = DisclosurePage.objects.live().filter(title__startswith="แผนการดำเนินงาน").first()
    document = page.documents()[0]
    response = client.get(document.url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content[:2] == b"PK" and len(content) == document.file_size
    assert "attachment" in response["Content-Disposition"]


def test_listing_filters_by_fiscal_year_and_sub_category(client):
    plans = DisclosureIndexPage.objects.get(slug="plans")
    all_items = plans.disclosures()
    years = sorted(set(all_items.values_list("fiscal_year", flat=True)))
    assert len(years) == 2
    html = client.get(f"{plans.url}?year={years[0]}").content.decode()
    expected = all_items.filter(fiscal_year=years[0]).count()
    assert f"พบ {expected} รายการ" in html
    budget = DisclosureIndexPage.objects.get(slug="budget")
    html = client.get(f"{plans.url}?category={budget.pk}").content.decode()
    assert f"พบ {budget.disclosures().count()} รายการ" in html
    assert "หมวด งบประมาณรายจ่ายประจำปี" in html


def test_listing_paginates_and_survives_bad_input(client):
    reports = DisclosureIndexPage.objects.get(slug="procurement-reports")
    assert reports.disclosures().count() > 12
    assert "หน้า 1 จาก" in client.get(reports.url).content.decode()
    for query in [
        "?page=0",
        "?page=-1",
        "?page=x",
        "?year=abc",
        "?year=1999",
        "?category=999999",
        "?year=%27%20OR%201=1",
    ]:
        assert client.get(reports.url + query).status_code == 200, query
    empty = client.get(reports.url + "?year=2400").content.decode()
    assert "ไม่พบรายการ" in empty


def test_fiscal_year_is_worked_out_from_the_data_period(demo_site):
    parent = DisclosureIndexPage.objects.get(slug="budget")
    page = DisclosurePage(
        title="ทดสอบ",
        source="กองคลัง",
        data_period_start=datetime.date(2026, 10, 1),
        data_period_end=datetime.date(2027, 9, 30),
    )
    parent.add_child(instance=page)
    assert page.fiscal_year == 2570  # 1 Oct 2026 – 30 Sep 2027


def test_period_end_before_start_is_refused():
    page = DisclosurePage(
        title="ทดสอบ",
        source="x",
        data_period_start=datetime.date(2026, 5, 1),
        data_period_end=datetime.date(2026, 4, 1),
        slug="t",
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth", "content_type"])
    assert "data_period_end" in error.value.message_dict


def test_a_disclosure_needs_an_owner_or_a_source():
    page = DisclosurePage(title="ทดสอบ", slug="t")
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth", "content_type"])
    assert "source" in error.value.message_dict


def test_information_centre_groups_disclosures_by_oia_section(client):
    html = client.get("/information-centre/").content.decode()
    assert "ข้อมูลข่าวสารตามมาตรา 7" in html and "ข้อมูลข่าวสารตามมาตรา 9" in html
    assert "มาตรา 9 (3) แผนงาน โครงการ และงบประมาณรายจ่ายประจำปี" in html
    assert "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540" in html
    searched = client.get("/information-centre/?q=ข้อบัญญัติงบประมาณ").content.decode()
    assert "ข้อบัญญัติงบประมาณรายจ่าย" in searched
    assert "พระราชบัญญัติการจัดซื้อจัดจ้าง" not in searched.split('role="status"', 1)[1]
