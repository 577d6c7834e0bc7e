"""Thai search as citizens and staff use it, on SQLite and PostgreSQL alike (each test builds
its own agency and pages: the search of an agency shows that agency's pages only)."""

import datetime
import re

import pytest
from django.utils import timezone

from prongsai.agencies.factories import DepartmentFactory
from prongsai.agencies.models import Role
from prongsai.disclosures.factories import (
    DisclosureIndexPageFactory,
    DisclosurePageFactory,
    DocumentFactory,
)
from prongsai.disclosures.models import DisclosurePage
from prongsai.search import query as thai_query
from prongsai.search.factories import TextPageFactory
from prongsai.search.models import SearchEntry
from prongsai.search.text import query_terms
from prongsai.site.factories import NewsIndexPageFactory, NewsPageFactory
from prongsai.site.models import NewsPage

pytestmark = pytest.mark.django_db


def found_titles(client, agency, q, **params):
    html = client.get("/search/", {"q": q, **params}, HTTP_HOST=agency.site.hostname)
    titles = re.findall(
        r'<h2 class="result-title"><a href="[^"]*">(.*?)</a></h2>', html.content.decode()
    )
    return [re.sub(r"</?mark>", "", t) for t in titles]


def search_page(client, agency, **params):
    return client.get("/search/", params, HTTP_HOST=agency.site.hostname)


def publish_standard(agency, title, text, slug=None):
    fields = {"slug": slug} if slug else {}
    return TextPageFactory(parent=agency.home, title=title, text=text, **fields)


def test_a_word_inside_a_compound_is_found(client, agency):
    publish_standard(agency, "หน้าทดสอบคำประสม", "ประกาศจัดซื้อจัดจ้างวัสดุก่อสร้างหมู่ที่ 7")
    assert "หน้าทดสอบคำประสม" in found_titles(client, agency, "วัสดุก่อสร้าง")
    assert "หน้าทดสอบคำประสม" in found_titles(client, agency, "จ้างวัส")


@pytest.mark.parametrize("query", ["ข้าว", "ขาว"])
def test_tone_and_vowel_marks_are_significant(client, agency, query):
    publish_standard(agency, "หน้าข่าวทดสอบ", "ข่าวประจำสัปดาห์ที่ไม่เกี่ยวกับอาหาร")
    assert "หน้าข่าวทดสอบ" not in found_titles(client, agency, query)
    assert "หน้าข่าวทดสอบ" in found_titles(client, agency, "ข่าวประจำ")


def test_thai_and_arabic_digits_are_the_same(client, agency):
    publish_standard(agency, "รายงานปี ๒๕๗๓", "รายงานผลประจำปี 2573 ฉบับสมบูรณ์")
    assert "รายงานปี ๒๕๗๓" in found_titles(client, agency, "2573")
    assert "รายงานปี ๒๕๗๓" in found_titles(client, agency, "๒๕๗๓")


def test_latin_is_case_insensitive_and_mixes_with_thai(client, agency):
    publish_standard(agency, "ผลการประเมิน ITA", "คะแนน Integrity and Transparency Assessment")
    assert "ผลการประเมิน ITA" in found_titles(client, agency, "ita")
    assert "ผลการประเมิน ITA" in found_titles(client, agency, "TRANSPARENCY ผลการประเมิน")


def test_several_words_must_all_match(client, agency):
    publish_standard(agency, "หน้าคำสองคำ", "เครื่องสูบน้ำพลังงานแสงอาทิตย์")
    assert "หน้าคำสองคำ" in found_titles(client, agency, "สูบน้ำ แสงอาทิตย์")
    assert "หน้าคำสองคำ" not in found_titles(client, agency, "สูบน้ำ ดาวเทียม")


def test_short_terms_take_the_bounded_fallback(client, agency):
    publish_standard(agency, "หน้าคำสั้น", "ผลงานดีเด่นของตำบล")
    assert "หน้าคำสั้น" in found_titles(client, agency, "ดี หน้าคำสั้น")
    assert found_titles(client, agency, "ผล")  # two characters still find something


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "NEAR(ก ข)",
        "ก AND ข OR",
        "-",
        "'",
        "%",
        "_",
        "\\",
        "{title}:x",
        "'; DROP TABLE prongsai_search_searchentry; --",
        "ก" * 5000,
        "   ",
        "🙂",
        "<script>",
    ],
)
def test_syntax_characters_and_odd_queries_never_break_the_page(client, agency, query):
    publish_standard(agency, "ประกาศทั่วไป", "ข้อความธรรมดาของหน่วยงาน")
    response = search_page(client, agency, q=query)
    assert response.status_code == 200
    assert SearchEntry.objects.exists()
    assert "<script>" not in response.content.decode().split('id="main"')[1]


def test_percent_and_underscore_are_literal(client, agency):
    publish_standard(agency, "ประกาศทั่วไป", "ข้อความธรรมดาของหน่วยงาน")
    assert found_titles(client, agency, "ประกาศ") == ["ประกาศทั่วไป"]
    assert found_titles(client, agency, "%") == []
    assert found_titles(client, agency, "_") == []


def test_nothing_found_says_so_in_thai(client, agency):
    publish_standard(agency, "ประกาศทั่วไป", "ข้อความธรรมดาของหน่วยงาน")
    html = search_page(client, agency, q="คำที่ไม่มีอยู่จริงแน่นอน").content.decode()
    assert "ไม่พบข้อมูลที่ตรงกับ" in html


def test_title_matches_rank_above_body_matches(client, agency):
    publish_standard(agency, "เรื่องอื่น", "มีคำว่าปลาตะเพียนทองอยู่ในเนื้อหา", slug="body-hit")
    publish_standard(agency, "ปลาตะเพียนทอง", "เนื้อหาทั่วไป", slug="title-hit")
    titles = found_titles(client, agency, "ปลาตะเพียนทอง")
    assert titles.index("ปลาตะเพียนทอง") < titles.index("เรื่องอื่น")


def test_whole_word_matches_rank_above_substrings(agency):
    from prongsai.search.query import score

    pages = [publish_standard(agency, f"หน้า {n}", "ข้อความ") for n in range(2)]
    entries = [SearchEntry.objects.get(object_id=str(page.pk), path=page.path) for page in pages]
    entries[0].title, entries[0].words = "x", " การ จัดซื้อ วัสดุ "
    entries[1].title, entries[1].words = "x", " การจัดซื้อจัดจ้าง "
    assert score(entries[0], ["จัดซื้อ"]).score > score(entries[1], ["จัดซื้อ"]).score


def test_newer_ranks_above_older_on_ties(client, agency):
    index = NewsIndexPageFactory(parent=agency.home)
    for day, title in [
        (datetime.date(2025, 11, 1), "ข่าวเก่าเรื่องโคมไฟ"),
        (datetime.date(2026, 11, 1), "ข่าวใหม่เรื่องโคมไฟ"),
    ]:
        NewsPageFactory(parent=index, title=title, date=day, body=[])
    titles = found_titles(client, agency, "เรื่องโคมไฟ")
    assert titles.index("ข่าวใหม่เรื่องโคมไฟ") < titles.index("ข่าวเก่าเรื่องโคมไฟ")


def test_results_show_highlighted_snippets(client, agency):
    publish_standard(agency, "หน้าตัวอย่างข้อความ", "ก่อนหน้า คำสำคัญยิ่งยวด หลังจากนั้น")
    html = search_page(client, agency, q="สำคัญยิ่งยวด").content.decode()
    assert "<mark>สำคัญยิ่งยวด</mark>" in html


def test_filters_by_type_department_fiscal_year_and_section(client, agency):
    q = "ประจำปีงบประมาณ"
    finance = DepartmentFactory(site=agency.site, name="กองคลัง")
    works = DepartmentFactory(site=agency.site, name="กองช่าง")
    plans = DisclosureIndexPageFactory(parent=agency.home, slug="plans")
    reports = DisclosureIndexPageFactory(parent=agency.home, slug="reports")
    for listing, department, year in [
        (plans, finance, 2568),
        (plans, works, 2569),
        (reports, finance, 2569),
        (reports, works, 2568),
    ]:
        DisclosurePageFactory(
            parent=listing,
            title=f"{listing.slug} {department.name} ประจำปีงบประมาณ {year}",
            department=department,
            fiscal_year=year,
        )
    news = NewsIndexPageFactory(parent=agency.home)
    NewsPageFactory(parent=news, title="ข่าวงบประมาณรายจ่ายประจำปีงบประมาณ", department=finance)
    assert len(found_titles(client, agency, q)) == 5

    news_only = found_titles(client, agency, q, type="news")
    assert news_only == ["ข่าวงบประมาณรายจ่ายประจำปีงบประมาณ"]
    by_finance = found_titles(client, agency, q, department=finance.pk)
    assert len(by_finance) == 3
    for title in by_finance:
        page = DisclosurePage.objects.filter(title=title).first() or NewsPage.objects.get(
            title=title
        )
        assert page.department_id == finance.pk
    in_plans = found_titles(client, agency, q, section=plans.pk)
    assert len(in_plans) == 2 and all(
        DisclosurePage.objects.filter(title=t).descendant_of(plans).exists() for t in in_plans
    )
    of_2569 = found_titles(client, agency, q, year=2569, type="disclosure")
    assert len(of_2569) == 2
    for title in of_2569:
        assert DisclosurePage.objects.get(title=title).fiscal_year == 2569


def test_results_paginate(client, agency):
    for n in range(11):
        publish_standard(agency, f"ข่าวตำบลหนองน้ำใส ฉบับที่ {n}", "ข่าวของตำบลหนองน้ำใส")
    html = search_page(client, agency, q="หนองน้ำใส").content.decode()
    assert "หน้า 1 จาก 2" in html
    assert "หน้า 2 จาก 2" in search_page(client, agency, q="หนองน้ำใส", page=2).content.decode()
    assert search_page(client, agency, q="หนองน้ำใส", page="x").status_code == 200


def test_unpublished_and_expired_pages_leave_the_public_search(client, agency):
    page = publish_standard(agency, "หน้าที่จะถอนออก", "ข้อความเฉพาะตัวมะพร้าวน้ำหอม")
    assert "หน้าที่จะถอนออก" in found_titles(client, agency, "มะพร้าวน้ำหอม")
    page.unpublish()
    assert "หน้าที่จะถอนออก" not in found_titles(client, agency, "มะพร้าวน้ำหอม")
    page.save_revision().publish()
    assert "หน้าที่จะถอนออก" in found_titles(client, agency, "มะพร้าวน้ำหอม")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision().publish()
    from prongsai.core import scheduler

    scheduler.run_due_jobs(now=10**9)
    assert "หน้าที่จะถอนออก" not in found_titles(client, agency, "มะพร้าวน้ำหอม")
    page.refresh_from_db()
    page.delete()
    assert not SearchEntry.objects.filter(object_id=str(page.pk)).exists()


def test_another_agencys_pages_are_not_in_this_site_search(client, agency, make_agency):
    other = make_agency(name="เทศบาลตำบลอื่น")
    publish_standard(other, "ประวัติ ทต.อื่น", "ความเป็นมาของ ทต.อื่น")
    publish_standard(agency, "ประวัติหน่วยงานนี้", "ความเป็นมา")
    assert "ประวัติ ทต.อื่น" not in found_titles(client, agency, "ทต.อื่น")
    assert "ประวัติ ทต.อื่น" in found_titles(client, other, "ทต.อื่น")  # its own search does


def test_admin_page_search_finds_thai_substrings(client, agency):
    publish_standard(agency, "หน้าสำหรับผู้ดูแลค้นหา", "สวนสาธารณะหนองน้ำ")
    client.force_login(agency.user(Role.WEBMASTER))
    html = client.get("/admin/pages/search/", {"q": "ผู้ดูแลค้น"}).content.decode()
    assert "หน้าสำหรับผู้ดูแลค้นหา" in html
    header = re.search(r"1-1\s+จาก\s+1\s+(\S+)", html)
    assert header and header.group(1) == "หน้า"  # "1-1 จาก 1 หน้า", not "… None"


def test_admin_document_search_finds_thai_substrings(client, agency):
    DocumentFactory(collection=agency.collection, title="รายละเอียดประมาณการรายจ่ายประจำปี")
    client.force_login(agency.user(Role.WEBMASTER))
    html = client.get("/admin/documents/", {"q": "ประมาณการ"}).content.decode()
    assert "รายละเอียดประมาณการรายจ่าย" in html


def test_count_is_capped_for_common_words(agency):
    for n in range(7):
        publish_standard(agency, f"ข่าวหนองน้ำใส {n}", "ตำบลหนองน้ำใส")
    entries = SearchEntry.objects.filter(path__startswith=agency.home.path)
    assert thai_query.count_matching(entries, query_terms("หนองน้ำใส"), cap=5) == 6


def test_a_word_inside_an_attached_file_finds_the_page_and_the_file(
    client, agency, django_capture_on_commit_callbacks
):
    """The PDF's own text (extracted in the background) makes its page findable."""
    from django.core.files.base import ContentFile

    from prongsai.core import samplefiles
    from prongsai.disclosures.models import AgencyDocument

    webmaster = agency.user(Role.WEBMASTER)
    pdf = samplefiles.make_pdf(
        "เอกสารแนบทดสอบ", ["รายการครุภัณฑ์เครื่องตัดหญ้าแบบสะพายไหล่"], agency="อบต.ทดสอบ"
    )
    document = AgencyDocument(
        title="เอกสารแนบทดสอบ",
        file=ContentFile(pdf, name="attach.pdf"),
        uploaded_by_user=webmaster,
        collection=agency.collection,
    )
    document._set_document_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert "เครื่องตัดหญ้า" in AgencyDocument.objects.defer(None).get(pk=document.pk).text
    parent = DisclosureIndexPageFactory(parent=agency.home)
    with django_capture_on_commit_callbacks(execute=True):
        DisclosurePageFactory(
            parent=parent, title="รายการพัสดุประจำปี", source="กองคลัง", files=[document]
        )
    html = search_page(client, agency, q="เครื่องตัดหญ้า").content.decode()
    assert "รายการพัสดุประจำปี" in html
    assert "พบในไฟล์" in html and document.url in html
    client.force_login(webmaster)
    admin = client.get("/admin/documents/", {"q": "ตัดหญ้าแบบสะพาย"}).content.decode()
    assert "เอกสารแนบทดสอบ" in admin


def test_a_control_character_in_the_query_is_a_space(client, agency):
    publish_standard(agency, "ประกาศรับสมัครอาสาสมัคร", "รับสมัครอาสาสมัครดูแลผู้สูงอายุ")
    assert found_titles(client, agency, "อาสาสมัคร\x00ผู้สูงอายุ") == found_titles(
        client, agency, "อาสาสมัคร ผู้สูงอายุ"
    )
    assert found_titles(client, agency, "อาสาสมัคร ผู้สูงอายุ") == ["ประกาศรับสมัครอาสาสมัคร"]


@pytest.mark.parametrize(
    "junk",
    ["%01%07%1B%7F", "%ED%A0%80", "%FF%FE", "%E2%80%AE", "ก" * 10_000, "ab " * 3_000],
)
def test_junk_in_the_search_box_gives_a_page_not_an_error(client, agency, junk):
    publish_standard(agency, "ประกาศรับสมัครอาสาสมัคร", "รับสมัครอาสาสมัครดูแลผู้สูงอายุ")

    response = client.get(
        f"/search/?q=อาสาสมัคร{junk}&page={junk[:30]}", HTTP_HOST=agency.site.hostname
    )

    assert response.status_code == 200
    assert "ค้นหา" in response.content.decode()


@pytest.mark.parametrize("value", ["²", "9" * 40, "%FF%FE", "1%00"])
def test_public_listing_and_search_ignore_junk_year(client, agency, value):
    listing = DisclosureIndexPageFactory(parent=agency.home)
    DisclosurePageFactory(parent=listing, title="ประกาศรับสมัครอาสาสมัคร")
    for url in (listing.url, "/search/"):
        response = client.get(
            f"{url}?year={value}&q=ประกาศ&section={value}", HTTP_HOST=agency.site.hostname
        )
        assert response.status_code == 200
        assert "ประกาศรับสมัครอาสาสมัคร" in response.content.decode()
