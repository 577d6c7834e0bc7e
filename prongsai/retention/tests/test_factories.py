"""The retention factories build what they say: a campaign of one agency whose items read as
the announcement froze them, in each outcome the worker leaves, the trashed one really in the
trash."""

import pytest
from wagtail.models import Page

from prongsai.retention.factories import (
    CampaignItemFactory,
    RetentionCampaignFactory,
    campaign_with_every_outcome,
)
from prongsai.retention.models import CampaignState, ItemOutcome
from prongsai.trash.models import TrashState

pytestmark = pytest.mark.django_db


def test_an_announced_campaign_item_is_a_live_old_disclosure_of_the_agency(agency):
    campaign = RetentionCampaignFactory(site=agency.site, announced=True)
    assert campaign.is_open_for_objections and campaign.announced_at
    item = CampaignItemFactory(campaign=campaign)
    page = item.page.specific
    assert page.live and page.get_site() == agency.site
    assert item.fiscal_year == page.fiscal_year < campaign.before_fiscal_year
    assert item.title == page.title and item.url == page.url_path
    assert item.file_bytes > 0 and item.outcome == ItemOutcome.PENDING


def test_a_carried_out_campaign_has_an_item_in_every_outcome(agency):
    campaign = campaign_with_every_outcome(agency)
    assert campaign.state == CampaignState.DONE
    outcomes = set(campaign.items.values_list("outcome", flat=True))
    assert outcomes == set(ItemOutcome.values)
    kept = campaign.by_outcome[ItemOutcome.KEPT]
    assert kept.keep and kept.keep_reason
    trashed = campaign.by_outcome[ItemOutcome.TRASHED]
    assert trashed.trash_entry.state == TrashState.IN_TRASH
    assert trashed.trash_entry.origin == f"campaign:{campaign.pk}"
    assert not Page.objects.get(pk=trashed.page_id).live
    assert campaign.by_outcome[ItemOutcome.IN_USE].outcome_note
    assert campaign.by_outcome[ItemOutcome.GONE].page is None
