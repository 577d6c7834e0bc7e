"""A fiscal-year retention campaign from announcement to purge, with a fixed clock, department
objections, a worker killed half-way, the report, and the boundaries between roles/agencies."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import Page

from prongsai.channels.models import Notification
from prongsai.retention import access, campaigns
from prongsai.retention.models import CampaignItem, CampaignState, ItemOutcome, RetentionCampaign
from prongsai.trash.models import TrashEntry, TrashState

pytestmark = pytest.mark.django_db

CAMPAIGNS = reverse("retention:campaigns")


def test_announcing_freezes_the_list_and_tells_every_department(announced, agency, old_items):
    assert announced.state == CampaignState.ANNOUNCED
    items = list(announced.items.all())
    assert items and all(i.fiscal_year < announced.before_fiscal_year for i in items)
    assert {i.page_id for i in items} == {page.pk for page in old_items["chosen"]}
    assert all(i.outcome == ItemOutcome.PENDING for i in items)
    told = Notification.objects.filter(kind="retention.announced")
    members = {m.user_id for d in agency.site.departments.all() for m in d.members.all()}
    assert len(members) == 2
    assert members <= set(told.values_list("recipient_id", flat=True))
    assert "แจ้งลบข้อมูลปีเก่า" in told.first().subject
    # nothing has left the site yet
    assert all(Page.objects.get(pk=i.page_id).live for i in items if i.page_id)


def test_bad_campaign_input_is_explained_in_thai(client, users):
    client.force_login(users["webmaster"])
    existing = RetentionCampaign.objects.count()
    response = client.post(
        CAMPAIGNS,
        {"title": "x", "before_fiscal_year": "2999", "deadline": "2000-01-01"},
    )
    html = response.content.decode()
    assert "ลบได้เฉพาะปีงบประมาณที่ผ่านมาแล้ว" in html
    assert "ต้องไม่ใช่วันที่ผ่านมาแล้ว" in html
    assert RetentionCampaign.objects.count() == existing


def decide_url(campaign):
    return reverse("retention:campaign", args=[campaign.pk])


def test_a_department_keeps_an_item_with_a_reason(announced, client):
    item = announced.items.filter(department__members__isnull=False).distinct().first()
    member = item.department.members.first().user
    client.force_login(member)
    page = client.get(decide_url(announced)).content.decode()
    assert item.title in page
    response = client.post(
        decide_url(announced),
        {"action": "decide", "item": [item.pk], f"keep-{item.pk}": "on"},
        follow=True,
    )
    assert "โปรดระบุเหตุผล" in response.content.decode()
    item.refresh_from_db()
    assert not item.keep
    client.post(
        decide_url(announced),
        {
            "action": "decide",
            "item": [item.pk],
            f"keep-{item.pk}": "on",
            f"reason-{item.pk}": "ใช้ประกอบการตรวจสอบของ สตง.",
        },
    )
    item.refresh_from_db()
    assert item.keep and item.decided_by == member


def test_other_departments_agencies_and_roles_cannot_decide_or_act(announced, client, make_agency):
    item = announced.items.filter(department__members__isnull=False).distinct().first()
    outsider = None
    for department in announced.site.departments.exclude(pk=item.department_id):
        for member in department.members.all():
            if not item.department.members.filter(user=member.user).exists() and not access.can_act(
                member.user, announced.site
            ):
                outsider = member.user
                break
        if outsider:
            break
    assert outsider is not None
    client.force_login(outsider)
    client.post(
        decide_url(announced),
        {"action": "decide", "item": [item.pk], f"keep-{item.pk}": "on", f"reason-{item.pk}": "x"},
    )
    item.refresh_from_db()
    assert not item.keep
    client.post(decide_url(announced), {"action": "cancel"})
    announced.refresh_from_db()
    assert announced.state == CampaignState.ANNOUNCED

    from prongsai.agencies.models import Role

    client.force_login(make_agency().user(Role.WEBMASTER))
    assert client.get(decide_url(announced)).status_code == 404
    client.post(decide_url(announced), {"action": "cancel"})
    announced.refresh_from_db()
    assert announced.state == CampaignState.ANNOUNCED


def test_at_the_deadline_the_worker_archives_and_trashes_the_rest_and_keeps_the_kept(
    announced, client, users
):
    kept = announced.items.filter(department__members__isnull=False).distinct().first()
    campaigns.decide(kept, users["webmaster"], True, "ยังใช้อ้างอิง")
    removed_ids = list(announced.items.exclude(pk=kept.pk).values_list("page_id", flat=True))

    with time_machine.travel(announced.deadline, tick=False):
        assert campaigns.carry_out_due() == 0  # objections are open all of the last day
    with time_machine.travel(announced.deadline + datetime.timedelta(days=1), tick=False):
        assert campaigns.carry_out_due() == 1
    announced.refresh_from_db()
    assert announced.state == CampaignState.DONE
    assert Page.objects.get(pk=kept.page_id).live
    kept.refresh_from_db()
    assert kept.outcome == ItemOutcome.KEPT
    for page_id in removed_ids:
        page = Page.objects.get(pk=page_id)
        item = announced.items.get(page_id=page_id)
        if item.outcome == ItemOutcome.IN_USE:
            assert page.live and item.outcome_note
            continue
        assert item.outcome == ItemOutcome.TRASHED
        assert not page.live
        assert item.trash_entry.state == TrashState.IN_TRASH
        assert item.trash_entry.origin == f"campaign:{announced.pk}"

    client.force_login(users["webmaster"])
    report = client.get(reverse("retention:campaign_report", args=[announced.pk]))
    text = report.content.decode("utf-8-sig")
    assert "ยังใช้อ้างอิง" in text and "เก็บไว้" in text and kept.title in text


def test_a_worker_killed_half_way_handles_every_item_exactly_once(announced, monkeypatch):
    total = announced.items.count()
    assert total == 4
    real = campaigns._carry_out_item
    calls = {"n": 0}

    def dies_on_the_third(item, user):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("worker killed")
        return real(item, user)

    monkeypatch.setattr(campaigns, "_carry_out_item", dies_on_the_third)
    with time_machine.travel(announced.deadline + datetime.timedelta(days=1), tick=False):
        with pytest.raises(SystemExit):
            campaigns.carry_out_due()
        assert announced.items.exclude(outcome=ItemOutcome.PENDING).count() == 2
        monkeypatch.setattr(campaigns, "_carry_out_item", real)
        campaigns.carry_out_due()
        campaigns.carry_out_due()  # again: nothing left to do
    assert not announced.items.filter(outcome=ItemOutcome.PENDING).exists()
    for item in announced.items.filter(outcome=ItemOutcome.TRASHED):
        assert (
            TrashEntry.objects.filter(
                object_id=str(item.page_id), kind="page", origin=f"campaign:{announced.pk}"
            ).count()
            == 1
        )


def test_purging_the_campaign_frees_the_files(announced, client, users):
    from prongsai.quota.usage import totals

    with time_machine.travel(announced.deadline + datetime.timedelta(days=1), tick=False):
        campaigns.carry_out_due()
    trashed = announced.items.filter(outcome=ItemOutcome.TRASHED)
    assert trashed.exists()
    before = totals(announced.site).used
    client.force_login(users["webmaster"])
    client.post(reverse("retention:campaign_purge", args=[announced.pk]), {"confirm": "yes"})
    after = totals(announced.site).used
    assert all(
        TrashEntry.objects.get(pk=i.trash_entry_id).state == TrashState.PURGED for i in trashed
    )
    purged_bytes = sum(
        TrashEntry.objects.filter(parent_entry__in=[i.trash_entry_id for i in trashed]).values_list(
            "size_bytes", flat=True
        )
    )
    assert before - after == purged_bytes
    assert not CampaignItem.objects.filter(
        campaign=announced, page__isnull=False, outcome=ItemOutcome.TRASHED
    ).exists()


def test_a_department_member_sees_only_their_departments_items(announced, client, users):
    requester = users["requester"]
    mine = announced.items.filter(department__members__user=requester)
    assert mine.exists()
    others = announced.items.exclude(department__members__user=requester)
    client.force_login(requester)
    listing = client.get(CAMPAIGNS)
    assert listing.status_code == 200
    assert announced.title in listing.content.decode()
    html = client.get(decide_url(announced)).content.decode()
    assert all(item.title in html for item in mine)
    assert not any(
        item.title in html for item in others if item.title not in {m.title for m in mine}
    )
    assert "สร้างการแจ้งใหม่" not in listing.content.decode()
    report = client.get(reverse("retention:campaign_report", args=[announced.pk]))
    assert not report.get("Content-Type", "").startswith("text/csv")  # no report served
    assert not any(item.title in report.content.decode() for item in others)


def test_only_department_members_take_campaign_decisions_in_their_agency(make_agency):
    from django.contrib.auth.models import AnonymousUser

    from prongsai.agencies.factories import DepartmentFactory, DepartmentMemberFactory
    from prongsai.retention.access import member_sites

    ours, theirs = make_agency(), make_agency()
    member = DepartmentMemberFactory(department=DepartmentFactory(site=ours.site)).user
    assert list(member_sites(member)) == [ours.site]
    assert theirs.site not in member_sites(member)
    assert not member_sites(AnonymousUser()).exists()
