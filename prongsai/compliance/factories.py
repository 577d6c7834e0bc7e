"""Test factories for ITA catalogs, an agency's checklists and their evidence (factory_boy).

A catalog here is a small one of a few items (`SMALL_CATALOG`), never the shipped one, in a
fiscal year no shipped catalog uses; the checklist is made the way the admin makes it
(`create_checklist`: one entry per item):

    catalog = CatalogFactory()                                   # the four SMALL_CATALOG items
    checklist = ChecklistFactory(site=agency.site, catalog=catalog)
    checklist = ChecklistFactory(site=agency.site, evidence=True)  # every entry ready, each with
                                                                 # a live Disclosure as evidence
    EvidenceFactory(entry=entry)                                 # one Disclosure for one entry
    CatalogItemCorrectionFactory(site=agency.site, item=item, changes={"title_th": "…"})
    ITAPageFactory(parent=agency.home)                           # the public page at /ita/
"""

import itertools

import factory
from factory.django import DjangoModelFactory

from prongsai.agencies.thaidates import FiscalYear
from prongsai.compliance.checklists import create_checklist
from prongsai.compliance.models import (
    Catalog,
    CatalogItem,
    CatalogItemCorrection,
    Checklist,
    EntryStatus,
    Evidence,
    ITAPage,
    ItemStatus,
    Period,
    Scheme,
)
from prongsai.disclosures.factories import DisclosureIndexPageFactory, DisclosurePageFactory
from prongsai.site.factories import PageFactory

# far from the shipped catalogs' years (2567–2569), so a lookup by year never meets them
FIRST_FISCAL_YEAR = 2600

SMALL_CATALOG = (
    {
        "code": "T1",
        "title_th": "โครงสร้างหน่วยงาน",
        "group": "basic information",
        "period": Period.ANY,
    },
    {
        "code": "T2",
        "title_th": "แผนการดำเนินงานประจำปี",
        "group": "operations",
        "period": Period.CURRENT,
    },
    {
        "code": "T3",
        "title_th": "รายงานผลการดำเนินงานประจำปี",
        "group": "operations",
        "period": Period.PREVIOUS,
    },
    {
        "code": "T4",
        "title_th": "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต",
        "group": "complaints",
        "period": Period.ANY,
        "status": ItemStatus.UNCONFIRMED,
    },
)

_item_numbers = itertools.count(1)


class CatalogFactory(DjangoModelFactory):
    """`items=` a list of CatalogItem fields (default SMALL_CATALOG; `items=[]` for none)."""

    class Meta:
        model = Catalog
        skip_postgeneration_save = True

    scheme = Scheme.NACC_OIT
    fiscal_year = factory.Sequence(lambda n: FIRST_FISCAL_YEAR + n)
    title = factory.LazyAttribute(lambda c: f"ITA ทดสอบ ปีงบประมาณ {c.fiscal_year}")
    source = "ชุดข้อมูลทดสอบ"

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if not create:
            return
        rows = SMALL_CATALOG if extracted is None else extracted
        for order, row in enumerate(rows, start=1):
            CatalogItemFactory(catalog=self, **{"sort_order": order, **row})


class CatalogItemFactory(DjangoModelFactory):
    class Meta:
        model = CatalogItem

    catalog = factory.SubFactory(CatalogFactory, items=[])
    code = factory.LazyFunction(lambda: f"X{next(_item_numbers)}")
    title_th = factory.LazyAttribute(lambda item: f"ข้อทดสอบ {item.code}")
    group = "basic information"
    period = Period.ANY
    status = ItemStatus.CONFIRMED
    sort_order = factory.LazyFunction(lambda: next(_item_numbers))


class CatalogItemCorrectionFactory(DjangoModelFactory):
    """One agency's correction of an item: `changes` holds only what differs."""

    class Meta:
        model = CatalogItemCorrection

    site = None  # required: CatalogItemCorrectionFactory(site=agency.site, item=...)
    item = factory.SubFactory(CatalogItemFactory)
    changes = factory.LazyFunction(lambda: {"title_th": "ชื่อข้อตามที่ผู้ประเมินแจ้ง"})


def _period_covered(period, fiscal_year):
    """(start, end) of data that meets `period` in `fiscal_year`."""
    year = FiscalYear(fiscal_year)
    if period == Period.PREVIOUS:
        year = year.previous()
    if period == Period.H1_CURRENT:
        return year.first_half
    return year.start, year.end


def evidence_listing(site):
    """The agency's menu listing that holds the evidence Disclosures (made once per agency)."""
    from prongsai.disclosures.pages import DisclosureIndexPage

    home = site.root_page
    listing = DisclosureIndexPage.objects.child_of(home).filter(slug="ita-evidence").first()
    return listing or DisclosureIndexPageFactory(
        parent=home, title="ข้อมูลเพื่อการประเมิน ITA", slug="ita-evidence", show_in_menus=True
    )


def disclosure_for(entry, **fields):
    """A live Disclosure in the agency's menu whose data covers what `entry`'s item asks."""
    checklist = entry.checklist
    start, end = _period_covered(entry.item.period, checklist.fiscal_year)
    previous = entry.item.period == Period.PREVIOUS
    fields.setdefault("title", f"{entry.item.title} ปีงบประมาณ {checklist.fiscal_year}")
    return DisclosurePageFactory(
        parent=evidence_listing(checklist.site),
        data_period_start=start,
        data_period_end=end,
        fiscal_year=checklist.fiscal_year - 1 if previous else checklist.fiscal_year,
        **fields,
    )


class EvidenceFactory(DjangoModelFactory):
    """Evidence of `entry`: by default a new live Disclosure that meets the item's period (in
    a listing of the agency's main menu); give `page=`, `document=` or `url=` instead."""

    class Meta:
        model = Evidence

    entry = None  # required: EvidenceFactory(entry=entry)
    page = factory.LazyAttribute(
        lambda ev: None if (ev.document or ev.url) else disclosure_for(ev.entry)
    )
    document = None
    url = ""


class ChecklistFactory(DjangoModelFactory):
    """An agency's checklist of `catalog` (a new CatalogFactory one unless given) with one
    entry per item. `evidence=True`: every entry is ready with a Disclosure as evidence."""

    class Meta:
        model = Checklist
        skip_postgeneration_save = True

    site = None  # required: ChecklistFactory(site=agency.site)
    catalog = factory.SubFactory(CatalogFactory)
    fiscal_year = factory.LazyAttribute(lambda c: c.catalog.fiscal_year)

    @classmethod
    def _create(cls, model_class, site=None, catalog=None, fiscal_year=None, **fields):
        if site is None:
            raise TypeError("ChecklistFactory needs site=<the agency's Site>")
        checklist = create_checklist(site, catalog, fiscal_year)
        if fields:
            for name, value in fields.items():
                setattr(checklist, name, value)
            checklist.save()
        return checklist

    @factory.post_generation
    def evidence(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        for entry in self.entries.select_related("item"):
            EvidenceFactory(entry=entry)
            entry.status = EntryStatus.READY
            entry.save()


class ITAPageFactory(PageFactory):
    """The public ITA page, in the main menu at /ita/ (one per agency)."""

    class Meta:
        model = ITAPage

    title = "การเปิดเผยข้อมูลสาธารณะ (ITA)"
    slug = "ita"
    show_in_menus = True
