"""Test factories for retention campaigns and their items in each state (factory_boy).

    campaign = RetentionCampaignFactory(site=agency.site)                 # a draft
    campaign = RetentionCampaignFactory(site=agency.site, announced=True)  # open for objections
    item = CampaignItemFactory(campaign=campaign)            # an old Disclosure, waiting
    item = CampaignItemFactory(campaign=campaign, kept=True) # kept at a department's request
    campaign = campaign_with_every_outcome(agency)           # carried out: one item per outcome

An item's page is by default a new live Disclosure of the fiscal year before the campaign's
(`old_disclosure`), in a listing of the agency; the trashed item's page really is in the trash
(moved there the way the worker moves it), so restoring and purging work on it.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from prongsai.agencies.thaidates import FiscalYear, current_fiscal_year
from prongsai.disclosures.factories import DisclosureIndexPageFactory, DisclosurePageFactory
from prongsai.retention.models import CampaignItem, CampaignState, ItemOutcome, RetentionCampaign


def old_listing(site):
    """The agency's listing of old Disclosures (made once per agency)."""
    from prongsai.disclosures.pages import DisclosureIndexPage

    home = site.root_page
    listing = DisclosureIndexPage.objects.child_of(home).filter(slug="old-disclosures").first()
    return listing or DisclosureIndexPageFactory(
        parent=home, title="ข้อมูลปีก่อน", slug="old-disclosures"
    )


def old_disclosure(site, fiscal_year, **fields):
    """A live Disclosure (one PDF) whose data is of `fiscal_year`."""
    year = FiscalYear(fiscal_year)
    fields.setdefault("title", f"รายงานประจำปีงบประมาณ {fiscal_year}")
    return DisclosurePageFactory(
        parent=fields.pop("parent", None) or old_listing(site),
        fiscal_year=fiscal_year,
        data_period_start=year.start,
        data_period_end=year.end,
        **fields,
    )


class RetentionCampaignFactory(DjangoModelFactory):
    class Meta:
        model = RetentionCampaign

    site = None  # required: RetentionCampaignFactory(site=agency.site)
    title = factory.LazyAttribute(lambda c: f"ลบข้อมูลก่อนปีงบประมาณ {c.before_fiscal_year}")
    before_fiscal_year = factory.LazyFunction(lambda: current_fiscal_year().be)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    message = "พื้นที่เว็บไซต์ใกล้เต็ม"
    state = CampaignState.DRAFT

    class Params:
        announced = factory.Trait(
            state=CampaignState.ANNOUNCED, announced_at=factory.LazyFunction(timezone.now)
        )
        done = factory.Trait(
            state=CampaignState.DONE,
            deadline=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            ),
            announced_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=8)),
            executed_at=factory.LazyFunction(timezone.now),
        )


def _file_bytes(page):
    return sum(doc.file_size or 0 for doc in page.attached_documents()) if page else 0


class CampaignItemFactory(DjangoModelFactory):
    """An item as the announcement freezes it (title, address, year, department, file size).

    Traits, each as the worker leaves the item: `kept`, `trashed` (the page is moved to the
    trash), `in_use` (still linked from a live page), `gone` (removed before the deadline)."""

    class Meta:
        model = CampaignItem

    campaign = None  # required: CampaignItemFactory(campaign=campaign)
    department = None
    page = factory.LazyAttribute(
        lambda item: old_disclosure(
            item.campaign.site,
            item.campaign.before_fiscal_year - 1,
            department=item.department,
        )
    )
    title = factory.LazyAttribute(lambda item: item.page.title[:255] if item.page else "รายการ")
    url = factory.LazyAttribute(lambda item: item.page.url_path[:500] if item.page else "")
    fiscal_year = factory.LazyAttribute(
        lambda item: getattr(item.page, "fiscal_year", None) or item.campaign.before_fiscal_year - 1
    )
    department_name = factory.LazyAttribute(lambda i: i.department.name if i.department else "")
    file_bytes = factory.LazyAttribute(lambda item: _file_bytes(item.page))
    outcome = ItemOutcome.PENDING

    class Params:
        kept = factory.Trait(
            keep=True,
            keep_reason="ใช้ประกอบการตรวจสอบของ สตง.",
            decided_at=factory.LazyFunction(timezone.now),
            outcome=ItemOutcome.KEPT,
        )
        trashed = factory.Trait(outcome=ItemOutcome.TRASHED)
        in_use = factory.Trait(outcome=ItemOutcome.IN_USE, outcome_note="ยังมีลิงก์จากหน้าที่เผยแพร่อยู่")
        gone = factory.Trait(outcome=ItemOutcome.GONE, page=None, title="รายการที่ถูกลบไปก่อนแล้ว")

    @classmethod
    def _create(cls, model_class, **fields):
        if fields.get("outcome") == ItemOutcome.TRASHED and not fields.get("trash_entry"):
            from prongsai.trash import services as trash

            campaign = fields["campaign"]
            fields["trash_entry"] = trash.move_to_trash(
                fields["page"],
                None,
                reason=f"การแจ้งลบข้อมูลปีเก่า: {campaign.title}",
                origin=f"campaign:{campaign.pk}",
            )
        return super()._create(model_class, **fields)


def campaign_with_every_outcome(agency, **fields):
    """A carried-out campaign of `agency` with one item in each outcome, `pending` included
    (as a worker stopped half-way leaves it): {outcome: item} is on `campaign.by_outcome`."""
    campaign = RetentionCampaignFactory(site=agency.site, done=True, **fields)
    campaign.by_outcome = {
        ItemOutcome.PENDING: CampaignItemFactory(campaign=campaign),
        ItemOutcome.KEPT: CampaignItemFactory(campaign=campaign, kept=True),
        ItemOutcome.TRASHED: CampaignItemFactory(campaign=campaign, trashed=True),
        ItemOutcome.IN_USE: CampaignItemFactory(campaign=campaign, in_use=True),
        ItemOutcome.GONE: CampaignItemFactory(campaign=campaign, gone=True),
    }
    return campaign
