"""The public site as a citizen meets it: every category reachable, Thai, with the footer the
Government Website Standard asks for."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

from prongsai.agencies.models import AgencySettings

pytestmark = pytest.mark.django_db

CATEGORY_TYPES = [
    "homepage",
    "sectionpage",
    "standardpage",
    "visionmissionpage",
    "organisationstructurepage",
    "executivedirectorypage",
    "contactpage",
    "relatedlinkspage",
    "newsindexpage",
    "newspage",
    "knowledgeindexpage",
    "knowledgeitempage",
    "citizenmanualpage",
    "sitemappage",
    "disclosureindexpage",
    "disclosurepage",
    "informationcentrepage",
]


def menu_links(html):
    nav = html.split('id="main-menu"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="([^"]+)"', nav)


def test_every_page_type_is_live_in_the_demo_and_renders_in_thai(client, demo_site):
    for model_name in CATEGORY_TYPES:
        page = (
            Page.objects.live()
            .descendant_of(demo_site.root_page, inclusive=True)
            .filter(content_type__model=model_name)
            .first()
        )
        assert page is not None, f"the demo has no {model_name}"
        response = client.get(page.url)
        assert response.status_code == 200, (model_name, page.url)
        body = response.content.decode()
        assert '<html lang="th">' in body
        assert page.title in body


def test_the_menu_reaches_every_category_required_by_the_standard(client):
    html = client.get("/").content.decode()
    links = menu_links(html)
    for path in [
        "/about/history/",
        "/about/vision/",
        "/about/structure/",
        "/about/executives/",
        "/about/powers/",
        "/plans/strategy/",
        "/plans/budget/",
        "/reports/performance/",
        "/news/",
        "/news/activity/",
        "/news/alerts/",
        "/news/jobs/",
        "/news/procurement/",
        "/news/procurement-results/",
        "/laws/",
        "/manuals/staff-manuals/",
        "/manuals/citizen-manuals/",
        "/information-centre/",
        "/knowledge/",
        "/contact/",
        "/website/links/",
        "/website/sitemap/",
    ]:
        assert path in links, path
    for link in links:
        assert client.get(link).status_code == 200, link


def test_footer_has_contact_policies_browsers_pdf_reader_and_last_update(client):
    html = client.get("/news/").content.decode()
    footer = html.split('class="site-footer"', 1)[1]
    for text in [
        "044-123-456",
        "saraban@nongnamsai.go.th",
        "นโยบายเว็บไซต์",
        "นโยบายการคุ้มครองข้อมูลส่วนบุคคล",
        "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์",
        "เบราว์เซอร์ที่รองรับ",
        "โปรแกรมอ่านไฟล์ PDF",
        "ปรับปรุงข้อมูลล่าสุด",
        "แผนผังเว็บไซต์",
    ]:
        assert text in footer, text
    assert re.search(r"ปรับปรุงข้อมูลล่าสุด <time[^>]*>\d{1,2} \S+ 25\d\d</time>", footer)


def test_breadcrumbs_lead_home(client):
    html = client.get("/plans/budget/").content.decode()
    crumbs = html.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert (
        'href="/"' in crumbs and "แผนงานและงบประมาณ" in crumbs and 'aria-current="page"' in crumbs
    )


def test_thai_numerals_follow_the_agency_setting(client, demo_site):
    settings = AgencySettings.for_site(demo_site)
    settings.numerals = "thai"
    settings.save()
    html = client.get("/contact/").content.decode()
    assert "๐๔๔-๑๒๓-๔๕๖" in html
    html = client.get("/news/").content.decode()
    assert re.search(r"[๐-๙]+ [ก-๙.]+ ๒๕[๐-๙]{2}", html)


def test_sitemap_xml_lists_public_pages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = [
        loc.text
        for loc in ET.fromstring(response.content).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert len(urls) > 100
    assert any(u.endswith("/about/history/") for u in urls)


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_news_rss_feed_is_valid_and_in_thai(client):
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "th"
    items = channel.findall("item")
    assert len(items) == 30
    assert all(item.findtext("link").startswith("http://testserver/news/") for item in items)
    category_feed = ET.fromstring(client.get("/news/alerts/feed/").content)
    assert {i.findtext("category") for i in category_feed.iter("item")} <= {"Alerts", "เรื่องแจ้งเตือน"}


def test_html_site_map_shows_the_tree(client):
    html = client.get("/website/sitemap/").content.decode()
    for title in ["ข้อมูลพื้นฐาน", "ประวัติความเป็นมา", "ศูนย์ข้อมูลข่าวสาร", "ติดต่อเรา"]:
        assert title in html


def test_missing_page_gets_a_thai_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_news_listing_filters_by_fiscal_year_and_tag_and_paginates(client):
    html = client.get("/news/").content.decode()
    years = re.findall(r'<option value="(25\d\d)"', html)
    assert len(years) == 2
    older = min(years)
    filtered = client.get(f"/news/?year={older}").content.decode()
    listing = filtered.split('role="status"')[1].split('class="site-footer"')[0]
    dates = re.findall(r'<time datetime="(\d{4})-(\d\d)-\d\d">', listing)
    assert dates
    for year, month in dates:
        be = int(year) + 543 + (1 if int(month) >= 10 else 0)
        assert be == int(older)
    assert "หน้า 1 จาก" in html
    page2 = client.get("/news/?page=2").content.decode()
    assert "หน้า 2 จาก" in page2
    assert client.get("/news/?page=abc").status_code == 200
    assert client.get("/news/?page=999").status_code == 200
    tagged = client.get("/news/?tag=แจ้งเตือน").content.decode()
    assert "ป้ายกำกับ: <strong>แจ้งเตือน</strong>" in tagged


def test_contact_page_shows_address_phones_email_map_and_people(client):
    html = client.get("/contact/").content.decode()
    for text in [
        "ตำบลหนองน้ำใส",
        "044-123-456",
        "044-123-457",
        "saraban@nongnamsai.go.th",
        "openstreetmap.org",
        "ผู้ดูแลเว็บไซต์",
        "webmaster@nongnamsai.go.th",
    ]:
        assert text in html, text


def test_executives_show_name_position_photo_and_contact(client):
    html = client.get("/about/executives/").content.decode()
    assert "นายประเสริฐ มั่นคง" in html and "นายกองค์การบริหารส่วนตำบลหนองน้ำใส" in html
    assert 'alt="ภาพ นายประเสริฐ มั่นคง"' in html
    assert "081-234-5678" in html


def test_knowledge_items_show_source_and_date(client):
    html = client.get("/knowledge/").content.decode()
    assert "ที่มา: กรมควบคุมโรค กระทรวงสาธารณสุข" in html
    statistics = client.get("/knowledge/?kind=statistics").content.decode()
    assert "สถิติจำนวนประชากร" in statistics and "5 วิธีป้องกัน" not in statistics


def test_laws_show_their_source(client):
    html = client.get("/laws/").content.decode()
    assert "ราชกิจจานุเบกษา" in html


def test_citizen_manual_shows_steps_times_documents_and_forms(client):
    from prongsai.site.models import CitizenManualPage

    page = CitizenManualPage.objects.live().first()
    html = client.get(page.url).content.decode()
    assert "ขั้นตอนและระยะเวลาการให้บริการ" in html
    assert "เอกสารที่ต้องใช้" in html
    assert "แบบฟอร์มดาวน์โหลด" in html and "Word (DOCX)" in html


def test_a_file_in_the_body_files_list_counts_as_attached(demo_site):
    from wagtail.documents import get_document_model

    from prongsai.site.models import StandardPage

    document = get_document_model().objects.order_by("pk").first()
    page = StandardPage.objects.live().descendant_of(demo_site.root_page).first()
    page.body = [{"type": "files", "value": [{"document": document.pk, "title": "แบบฟอร์มคำร้อง"}]}]
    assert document in page.attached_documents()


def test_a_page_without_an_address_gets_a_readable_one_from_its_thai_title(demo_site):
    from prongsai.site.models import NewsIndexPage, NewsPage

    listing = NewsIndexPage.objects.descendant_of(demo_site.root_page).get(category="alert")
    page = NewsPage(title="แจ้งเตือนระดับน้ำในลำห้วย", date=datetime.date(2026, 11, 1))
    listing.add_child(instance=page)
    assert page.slug.isascii() and page.slug.startswith("chaeng-tuean")
    twin = NewsPage(title="แจ้งเตือนระดับน้ำในลำห้วย", date=datetime.date(2026, 11, 2))
    listing.add_child(instance=twin)
    assert twin.slug == page.slug + "-2"
