"""The demo agency is complete enough for a newcomer to see every category with real files."""

import io

import pytest
from django.contrib.auth import authenticate
from pypdf import PdfReader

from prongsai.demo import content
from prongsai.demo.loader import load_demo
from prongsai.disclosures.models import AgencyDocument, DisclosurePage
from prongsai.site.models import Executive, NewsPage

pytestmark = pytest.mark.django_db


def test_at_least_fifty_news_items_over_two_fiscal_years():
    # published at some time: the old job ads have come down on their date (archived)
    news = NewsPage.objects.filter(first_published_at__isnull=False)
    assert news.count() >= 50
    assert NewsPage.objects.live().count() >= 40
    assert news.values("fiscal_year").distinct().count() == 2
    assert set(news.values_list("category", flat=True)) == {
        "general",
        "activity",
        "alert",
        "job",
        "procurement",
        "procurement_result",
    }
    demo_written = news.filter(publication_requests=None)  # not sent through the request form
    assert demo_written.exclude(lead_image=None).count() == demo_written.count()
    assert NewsPage.tags.through.objects.exists()


def test_at_least_thirty_disclosures_with_real_pdf_xlsx_and_docx_in_thai():
    disclosures = DisclosurePage.objects.live()
    assert disclosures.count() >= 30
    kinds = set(AgencyDocument.objects.values_list("detected_extension", flat=True))
    assert {"pdf", "xlsx", "docx"} <= kinds
    pdf = AgencyDocument.objects.filter(detected_extension="pdf").first()
    with pdf.open_file() as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "องค์การบริหารส่วนตำบลหนองน้ำใส" in text


def test_executives_have_portraits():
    assert Executive.objects.count() >= 8
    assert not Executive.objects.filter(photo=None).exists()


@pytest.mark.parametrize("username", [a[0] for a in content.ACCOUNTS])
def test_demo_accounts_log_in_with_the_demo_password(username):
    assert authenticate(username=username, password=content.DEMO_PASSWORD) is not None


def test_a_second_run_keeps_what_users_changed(users, demo_site):
    history = demo_site.root_page.get_descendants().get(slug="history").specific
    history.title = "ประวัติ (แก้ไขโดยผู้ดูแล)"
    history.save_revision().publish()
    users["webmaster"].set_password("changed-by-user-123")
    users["webmaster"].save()
    news_before = NewsPage.objects.count()

    site, created = load_demo()

    assert not created and site == demo_site
    history.refresh_from_db()
    assert history.title == "ประวัติ (แก้ไขโดยผู้ดูแล)"
    assert authenticate(username="webmaster", password="changed-by-user-123") is not None
    assert NewsPage.objects.count() == news_before


def test_a_second_run_brings_back_a_deleted_demo_account(users):
    users["executive"].delete()
    load_demo()
    assert authenticate(username="executive", password=content.DEMO_PASSWORD) is not None
