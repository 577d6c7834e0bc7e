"""After a campaign: the trash pages still open, the purge asks first and reports the space it
frees, and an item restored from the campaign's trash is back as it was before."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import Page

from prongsai.retention import campaigns
from prongsai.retention.models import ItemOutcome
from prongsai.trash.models import TrashEntry, TrashState

pytestmark = pytest.mark.django_db


def visit(client, url):
    """A visitor opening `url` (a page's full address: each agency has its own host name)."""
    parts = urlsplit(url)
    return client.get(parts.path, HTTP_HOST=parts.hostname)


def carried_out(campaign):
    with time_machine.travel(campaign.deadline + datetime.timedelta(days=1), tick=False):
        campaigns.carry_out_due()
    trashed = list(campaign.items.filter(outcome=ItemOutcome.TRASHED).select_related("page"))
    assert trashed
    return trashed


def test_the_trash_and_its_history_open_after_the_worker_ran_a_campaign(
    announced,
    client,
    users,
):
    trashed = carried_out(announced)
    client.force_login(users["webmaster"])
    listing = client.get("/admin/trash/")
    assert listing.status_code == 200
    assert trashed[0].title in listing.content.decode()
    history = client.get("/admin/trash/?tab=history")
    assert history.status_code == 200


def in_trash(items):
    """The items whose trash entry is still in the trash (read again from the database)."""
    ids = [item.trash_entry_id for item in items]
    waiting = set(
        TrashEntry.objects.filter(pk__in=ids, state=TrashState.IN_TRASH).values_list(
            "pk", flat=True
        )
    )
    return [item for item in items if item.trash_entry_id in waiting]


def test_purge_asks_first_listing_the_items_and_the_space_and_only_a_post_deletes(
    announced,
    client,
    users,
):
    from prongsai.core.sizes import human_size
    from prongsai.trash.services import held_bytes

    trashed = carried_out(announced)
    expected = sum(held_bytes(i.trash_entry) for i in trashed)
    assert expected > 0
    client.force_login(users["webmaster"])
    purge_url = reverse("retention:campaign_purge", args=[announced.pk])

    # the campaign page links to the confirmation; its own form deletes nothing
    page = client.get(reverse("retention:campaign", args=[announced.pk])).content.decode()
    assert purge_url in page
    client.post(reverse("retention:campaign", args=[announced.pk]), {"action": "purge"})
    assert len(in_trash(trashed)) == len(trashed)

    confirm = client.get(purge_url)
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert all(item.title in html for item in trashed)
    assert "ได้พื้นที่คืน" in html and "กู้คืนไม่ได้" in html
    assert len(in_trash(trashed)) == len(trashed)  # showing it deleted nothing

    done = client.post(purge_url, {"confirm": "yes"}, follow=True)
    assert in_trash(trashed) == []
    message = " ".join(str(m) for m in done.context["messages"])
    assert f"ได้พื้นที่คืน {human_size(expected)}" in message
    assert "0 ไบต์" not in message


def test_the_executive_cannot_purge_a_campaign(announced, client, users):
    trashed = carried_out(announced)
    purge_url = reverse("retention:campaign_purge", args=[announced.pk])
    client.force_login(users["executive"])
    client.get(purge_url)
    client.post(purge_url, {"confirm": "yes"})
    assert len(in_trash(trashed)) == len(trashed)
    # positive control: the webmaster's same request empties it
    client.force_login(users["webmaster"])
    client.post(purge_url, {"confirm": "yes"})
    assert in_trash(trashed) == []


def test_an_item_restored_from_the_campaign_trash_is_live_again_at_the_same_address(
    announced,
    client,
    users,
):
    live_before = {
        item.page_id: (item.page.live_revision_id, item.page.url_path)
        for item in announced.items.select_related("page")
        if item.page is not None and item.page.live
    }
    trashed = carried_out(announced)
    item = next(i for i in trashed if i.page_id in live_before)
    assert not Page.objects.get(pk=item.page_id).live
    client.force_login(users["webmaster"])
    client.post(reverse("trash:restore", args=[item.trash_entry_id]))
    page = Page.objects.get(pk=item.page_id)
    assert page.live and not page.expired
    assert (page.live_revision_id, page.url_path) == live_before[item.page_id]
    public = visit(client, page.get_full_url())
    assert public.status_code == 200
