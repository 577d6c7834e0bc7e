"""The search factory's page is in the index at once: the public search of its own agency
finds it by a word inside its Thai text, and no other agency's search does."""

import pytest

from prongsai.search.factories import TextPageFactory
from prongsai.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_a_text_page_is_found_by_a_word_inside_its_text(client, make_agency):
    ours, theirs = make_agency(), make_agency()
    page = TextPageFactory(parent=ours.home, title="หน้าโรงงาน", text="ซ่อมแซมถนนลาดยางหมู่ที่ 4")
    assert SearchEntry.objects.filter(object_id=str(page.pk), public=True).exists()
    found = client.get("/search/", {"q": "ถนนลาด"}, HTTP_HOST=ours.site.hostname)
    assert "หน้าโรงงาน" in found.content.decode()
    elsewhere = client.get("/search/", {"q": "ถนนลาด"}, HTTP_HOST=theirs.site.hostname)
    assert "หน้าโรงงาน" not in elsewhere.content.decode()


def test_a_draft_text_page_is_indexed_but_not_public(agency):
    page = TextPageFactory(parent=agency.home, live=False)
    assert SearchEntry.objects.get(object_id=str(page.pk), path=page.path).public is False
