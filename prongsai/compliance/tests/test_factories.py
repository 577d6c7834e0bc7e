"""The compliance factories build what they say: a small catalog (not the shipped one), an
agency's checklist whose evidence passes the same checks an assessor's visit would, and an
agency's own correction laid over its reading of the item only."""

import pytest

from prongsai.compliance import checks
from prongsai.compliance.checklists import export_rows
from prongsai.compliance.factories import (
    SMALL_CATALOG,
    CatalogFactory,
    CatalogItemCorrectionFactory,
    ChecklistFactory,
    EvidenceFactory,
    ITAPageFactory,
)
from prongsai.compliance.models import Catalog, EntryStatus, Scheme

pytestmark = pytest.mark.django_db


def test_a_catalog_is_small_and_not_a_shipped_one():
    catalog = CatalogFactory()
    assert [i.code for i in catalog.items.all()] == [row["code"] for row in SMALL_CATALOG]
    assert catalog.scheme == Scheme.NACC_OIT
    shipped = Catalog.objects.exclude(pk=catalog.pk).values_list("fiscal_year", flat=True)
    assert catalog.fiscal_year not in set(shipped)
    assert CatalogFactory(items=[]).items.count() == 0


def test_a_checklist_has_one_waiting_entry_per_item_of_its_agency(agency):
    checklist = ChecklistFactory(site=agency.site)
    assert checklist.site == agency.site
    assert checklist.fiscal_year == checklist.catalog.fiscal_year
    assert checklist.entries.count() == len(SMALL_CATALOG)
    assert {e.status for e in checklist.entries.all()} == {EntryStatus.NOT_STARTED}


def test_evidence_is_a_live_disclosure_that_passes_every_check(agency):
    checklist = ChecklistFactory(site=agency.site, evidence=True)
    ctx = checks.SiteContext(agency.site)
    for entry in checklist.entries.select_related("item"):
        assert entry.status == EntryStatus.READY
        page = entry.evidence.get().page.specific
        assert page.__class__.__name__ == "DisclosurePage" and page.live
        assert page.get_site() == agency.site
        result = checks.check_entry(ctx, entry, checklist.fiscal_year)
        assert result["ok"], (entry.item.code, result)


def test_one_piece_of_evidence_for_an_entry(agency):
    checklist = ChecklistFactory(site=agency.site)
    entry = checklist.entries.get(item__code="T3")  # asks for the previous fiscal year
    evidence = EvidenceFactory(entry=entry)
    assert evidence.page.specific.fiscal_year == checklist.fiscal_year - 1
    ctx = checks.SiteContext(agency.site)
    assert checks.check_entry(ctx, entry, checklist.fiscal_year)["ok"]
    url = EvidenceFactory(entry=entry, url="https://www.info.go.th/")
    assert url.page is None and url.kind == "url"


def test_a_correction_is_read_by_its_agency_only(make_agency):
    ours, theirs = make_agency(), make_agency()
    catalog = CatalogFactory()
    mine = ChecklistFactory(site=ours.site, catalog=catalog)
    other = ChecklistFactory(site=theirs.site, catalog=catalog)
    item = catalog.items.get(code="T1")
    CatalogItemCorrectionFactory(site=ours.site, item=item, changes={"title_th": "ผังองค์กร"})
    assert export_rows(mine)[0]["title"] == "ผังองค์กร"
    assert export_rows(other)[0]["title"] == item.title_th


def test_the_ita_page_shows_the_checklist_in_the_menu(client, agency):
    checklist = ChecklistFactory(site=agency.site, evidence=True)
    page = ITAPageFactory(parent=agency.home)
    response = client.get("/ita/", HTTP_HOST=agency.site.hostname)
    html = response.content.decode()
    assert response.status_code == 200
    for entry in checklist.entries.select_related("item"):
        assert f'id="item-{entry.item.code}"' in html
    assert page.url in client.get("/", HTTP_HOST=agency.site.hostname).content.decode()
