"""Thai search as citizens and staff use it, on SQLite and PostgreSQL alike."""

import datetime
import re

import pytest
from django.utils import timezone

from prongsai.disclosures.factories import DisclosureIndexPageFactory, DisclosurePageFactory
from prongsai.disclosures.models import DisclosureIndexPage, DisclosurePage
from prongsai.search import query as thai_query
from prongsai.search.models import SearchEntry
from prongsai.search.text import query_terms
from prongsai.site.models import NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db


def found_titles(client, q, **params):
    html = client.get("/search/", {"q": q, **params}).content.decode()
    titles = re.findall(r'<h2 class="result-title"><a href="[^"]*">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", t) for t in titles]


def publish_standard(demo_site, title, text, slug=None):
    parent = demo_site.root_page.get_children().get(slug="about").specific
    page = StandardPage(
        title=title,
        slug=slug or f"p{abs(hash(title)) % 10**8}",
        body=[{"type": "paragraph", "value": f"<p>{text}</p>"}],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_word_inside_a_compound_is_found(client, demo_site):
    publish_standard(demo_site, "หน้าทดสอบคำประสม", "ประกาศจัดซื้อจัดจ้างวัสดุก่อสร้างหมู่ที่ 7")
    assert "หน้าทดสอบคำประสม" in found_titles(client, "วัสดุก่อสร้าง")
    assert "หน้าทดสอบคำประสม" in found_titles(client, "จ้างวัส")


@pytest.mark.parametrize("query", ["ข้าว", "ขาว"])
def test_tone_and_vowel_marks_are_significant(client, demo_site, query):
    publish_standard(demo_site, "หน้าข่าวทดสอบ", "ข่าวประจำสัปดาห์ที่ไม่เกี่ยวกับอาหาร")
    assert "หน้าข่าวทดสอบ" not in found_titles(client, query)
    assert "หน้าข่าวทดสอบ" in found_titles(client, "ข่าวประจำ")


def test_thai_and_arabic_digits_are_the_same(client, demo_site):
    publish_standard(demo_site, "รายงานปี ๒๕๗๓", "รายงานผลประจำปี 2573 ฉบับสมบูรณ์")
    assert "รายงานปี ๒๕๗๓" in found_titles(client, "2573")
    assert "รายงานปี ๒๕๗๓" in found_titles(client, "๒๕๗๓")


def test_latin_is_case_insensitive_and_mixes_with_thai(client, demo_site):
    publish_standard(demo_site, "ผลการประเมิน ITA", "คะแนน Integrity and Transparency Assessment")
    assert "ผลการประเมิน ITA" in found_titles(client, "ita")
    assert "ผลการประเมิน ITA" in found_titles(client, "TRANSPARENCY ผลการประเมิน")


def test_several_words_must_all_match(client, demo_site):
    publish_standard(demo_site, "หน้าคำสองคำ", "เครื่องสูบน้ำพลังงานแสงอาทิตย์")
    assert "หน้าคำสองคำ" in found_titles(client, "สูบน้ำ แสงอาทิตย์")
    assert "หน้าคำสองคำ" not in found_titles(client, "สูบน้ำ ดาวเทียม")


def test_short_terms_take_the_bounded_fallback(client, demo_site):
    publish_standard(demo_site, "หน้าคำสั้น", "ผลงานดีเด่นของตำบล")
    assert "หน้าคำสั้น" in found_titles(client, "ดี หน้าคำสั้น")
    assert found_titles(client, "ผล")  # two characters still find something


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
def test_syntax_characters_and_odd_queries_never_break_the_page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert SearchEntry.objects.exists()
    assert "<script>" not in response.content.decode().split('id="main"')[1]


def test_percent_and_underscore_are_literal(client):
    assert found_titles(client, "%") == []
    assert found_titles(client, "_") == []


def test_nothing_found_says_so_in_thai(client):
    html = client.get("/search/", {"q": "คำที่ไม่มีอยู่จริงแน่นอน"}).content.decode()
    assert "ไม่พบข้อมูลที่ตรงกับ" in html


def test_title_matches_rank_above_body_matches(client, demo_site):
    publish_standard(demo_site, "เรื่องอื่น", "มีคำว่าปลาตะเพียนทองอยู่ในเนื้อหา", slug="body-hit")
    publish_standard(demo_site, "ปลาตะเพียนทอง", "เนื้อหาทั่วไป", slug="title-hit")
    titles = found_titles(client, "ปลาตะเพียนทอง")
    assert titles.index("ปลาตะเพียนทอง") < titles.index("เรื่องอื่น")


def test_whole_word_matches_rank_above_substrings():
    from prongsai.search.query import score

    entries = list(SearchEntry.objects.filter(public=True)[:2])
    entries[0].title, entries[0].words = "x", " การ จัดซื้อ วัสดุ "
    entries[1].title, entries[1].words = "x", " การจัดซื้อจัดจ้าง "
    assert score(entries[0], ["จัดซื้อ"]).score > score(entries[1], ["จัดซื้อ"]).score


def test_newer_ranks_above_older_on_ties(client, demo_site):
    index = NewsIndexPage.objects.get(slug="general")
    for day, title in [
        (datetime.date(2025, 11, 1), "ข่าวเก่าเรื่องโคมไฟ"),
        (datetime.date(2026, 11, 1), "ข่าวใหม่เรื่องโคมไฟ"),
    ]:
        page = NewsPage(title=title, date=day, body=[])
        index.add_child(instance=page)
        page.save_revision().publish()
    titles = found_titles(client, "เรื่องโคมไฟ")
    assert titles.index("ข่าวใหม่เรื่องโคมไฟ") < titles.index("ข่าวเก่าเรื่องโคมไฟ")


def test_results_show_highlighted_snippets(client, demo_site):
    publish_standard(demo_site, "หน้าตัวอย่างข้อความ", "ก่อนหน้า คำสำคัญยิ่งยวด หลังจากนั้น")
    html = client.get("/search/", {"q": "สำคัญยิ่งยวด"}).content.decode()
    assert "<mark>สำคัญยิ่งยวด</mark>" in html


def test_filters_by_type_department_fiscal_year_and_section(client, demo_site):
    q = "ประจำปีงบประมาณ"
    news_only = found_titles(client, q, type="news")
    assert news_only
    assert all(NewsPage.objects.filter(title=t).exists() for t in news_only)
    finance = demo_site.departments.get(name="กองคลัง")
    for title in found_titles(client, q, department=finance.pk):
        page = DisclosurePage.objects.filter(title=title).first() or NewsPage.objects.get(
            title=title
        )
        assert page.department_id == finance.pk
    plans = DisclosureIndexPage.objects.get(slug="plans")
    in_plans = found_titles(client, q, section=plans.pk)
    assert in_plans and all(
        DisclosurePage.objects.filter(title=t).descendant_of(plans).exists() for t in in_plans
    )
    years = DisclosurePage.objects.exclude(fiscal_year=None).values_list("fiscal_year", flat=True)
    year = max(years)
    for title in found_titles(client, q, year=year, type="disclosure"):
        assert DisclosurePage.objects.get(title=title).fiscal_year == year


def test_results_paginate(client):
    html = client.get("/search/", {"q": "หนองน้ำใส"}).content.decode()
    assert "หน้า 1 จาก" in html
    assert "หน้า 2 จาก" in client.get("/search/", {"q": "หนองน้ำใส", "page": 2}).content.decode()
    assert client.get("/search/", {"q": "หนองน้ำใส", "page": "x"}).status_code == 200


def test_unpublished_and_expired_pages_leave_the_public_search(client, demo_site):
    page = publish_standard(demo_site, "หน้าที่จะถอนออก", "ข้อความเฉพาะตัวมะพร้าวน้ำหอม")
    assert "หน้าที่จะถอนออก" in found_titles(client, "มะพร้าวน้ำหอม")
    page.unpublish()
    assert "หน้าที่จะถอนออก" not in found_titles(client, "มะพร้าวน้ำหอม")
    page.save_revision().publish()
    assert "หน้าที่จะถอนออก" in found_titles(client, "มะพร้าวน้ำหอม")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision().publish()
    from prongsai.core import scheduler

    scheduler.run_due_jobs(now=10**9)
    assert "หน้าที่จะถอนออก" not in found_titles(client, "มะพร้าวน้ำหอม")
    page.refresh_from_db()
    page.delete()
    assert not SearchEntry.objects.filter(object_id=str(page.pk)).exists()


def test_another_agencys_pages_are_not_in_this_site_search(client, other_agency):
    assert "ประวัติ ทต.อื่น" not in found_titles(client, "ทต.อื่น")


def test_admin_page_search_finds_thai_substrings(client, users, demo_site):
    publish_standard(demo_site, "หน้าสำหรับผู้ดูแลค้นหา", "สวนสาธารณะหนองน้ำ")
    client.force_login(users["webmaster"])
    html = client.get("/admin/pages/search/", {"q": "ผู้ดูแลค้น"}).content.decode()
    assert "หน้าสำหรับผู้ดูแลค้นหา" in html
    header = re.search(r"1-1\s+จาก\s+1\s+(\S+)", html)
    assert header and header.group(1) == "หน้า"  # "1-1 จาก 1 หน้า", not "… None"


def test_admin_document_search_finds_thai_substrings(client, users):
    client.force_login(users["webmaster"])
    html = client.get("/admin/documents/", {"q": "ประมาณการ"}).content.decode()
    assert "รายละเอียดประมาณการรายจ่าย" in html


def test_count_is_capped_for_common_words():
    entries = SearchEntry.objects.all()
    assert thai_query.count_matching(entries, query_terms("หนองน้ำใส"), cap=5) == 6


def test_a_word_inside_an_attached_file_finds_the_page_and_the_file(
    client, demo_site, users, django_capture_on_commit_callbacks
):
    """The PDF's own text (extracted in the background) makes its page findable."""
    from django.core.files.base import ContentFile

    from prongsai.core import samplefiles
    from prongsai.disclosures.models import AgencyDocument

    pdf = samplefiles.make_pdf(
        "เอกสารแนบทดสอบ", ["รายการครุภัณฑ์เครื่องตัดหญ้าแบบสะพายไหล่"], agency="อบต.หนองน้ำใส"
    )
    from wagtail.models import Collection

    document = AgencyDocument(
        title="เอกสารแนบทดสอบ",
        file=ContentFile(pdf, name="attach.pdf"),
        uploaded_by_user=users["webmaster"],
        collection=Collection.objects.get(name="อบต.หนองน้ำใส"),
    )
    document._set_document_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert "เครื่องตัดหญ้า" in AgencyDocument.objects.defer(None).get(pk=document.pk).text
    parent = DisclosureIndexPage.objects.get(slug="procurement-plans")
    page = DisclosurePage(
        title="รายการพัสดุประจำปี",
        source="กองคลัง",
        attachments=[{"type": "file", "value": {"document": document.pk, "title": ""}}],
    )
    with django_capture_on_commit_callbacks(execute=True):
        parent.add_child(instance=page)
        page.save_revision().publish()
    html = client.get("/search/", {"q": "เครื่องตัดหญ้า"}).content.decode()
    assert "รายการพัสดุประจำปี" in html
    assert "พบในไฟล์" in html and document.url in html
    client.force_login(users["webmaster"])
    admin = client.get("/admin/documents/", {"q": "ตัดหญ้าแบบสะพาย"}).content.decode()
    assert "เอกสารแนบทดสอบ" in admin


def test_a_control_character_in_the_query_is_a_space(client, demo_site):
    publish_standard(demo_site, "ประกาศรับสมัครอาสาสมัคร", "รับสมัครอาสาสมัครดูแลผู้สูงอายุ")
    assert found_titles(client, "อาสาสมัคร\x00ผู้สูงอายุ") == found_titles(client, "อาสาสมัคร ผู้สูงอายุ")
    assert found_titles(client, "อาสาสมัคร ผู้สูงอายุ") == ["ประกาศรับสมัครอาสาสมัคร"]


@pytest.mark.parametrize(
    "junk",
    ["%01%07%1B%7F", "%ED%A0%80", "%FF%FE", "%E2%80%AE", "ก" * 10_000, "ab " * 3_000],
)
def test_junk_in_the_search_box_gives_a_page_not_an_error(client, demo_site, junk):
    publish_standard(demo_site, "ประกาศรับสมัครอาสาสมัคร", "รับสมัครอาสาสมัครดูแลผู้สูงอายุ")

    response = client.get(f"/search/?q=อาสาสมัคร{junk}&page={junk[:30]}")

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
