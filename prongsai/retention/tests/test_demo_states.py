"""The demo agency shows every state of issue 5 (webmasters learn from it)."""

import pytest
from django.utils import timezone

from prongsai.retention import currency
from prongsai.retention.models import CampaignState, RetentionCampaign
from prongsai.trash.models import TrashEntry, TrashState

pytestmark = pytest.mark.django_db


def test_demo_has_items_expiring_archived_in_trash_and_a_running_campaign(demo_site):
    counts = currency.counts(demo_site)
    assert counts["soon"] >= 3
    assert counts["archived"] >= 2
    assert counts["past"] == 0  # the demo's worker has already taken them down
    trash = TrashEntry.objects.filter(site=demo_site, state=TrashState.IN_TRASH)
    assert trash.filter(kind="page").exists() and trash.filter(kind="document").exists()
    campaign = RetentionCampaign.objects.get(site=demo_site)
    assert campaign.state == CampaignState.ANNOUNCED
    assert campaign.deadline > timezone.localdate()
    assert campaign.items.filter(keep=True).exclude(keep_reason="").exists()
    assert campaign.items.filter(keep=False).exists()
