import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

CAMPAIGNS = reverse("retention:campaigns")


@pytest.fixture
def departments(agency):
    """Two departments of the factory agency, each with one member who only requests."""
    from prongsai.agencies.factories import DepartmentFactory, DepartmentMemberFactory
    from prongsai.agencies.models import Role

    found = {}
    for key, name in (("finance", "กองคลัง"), ("works", "กองช่าง")):
        department = DepartmentFactory(site=agency.site, name=name)
        DepartmentMemberFactory(department=department, user=agency.user(Role.REQUESTER))
        found[key] = department
    return found


@pytest.fixture
def users(agency, departments):
    """The factory agency's people by role, made when first asked for; `requester` is the
    member of กองคลัง and `works_member` the one of กองช่าง."""
    from prongsai.agencies.factories import People

    people = People(agency)
    people["requester"] = departments["finance"].members.get().user
    people["works_member"] = departments["works"].members.get().user
    return people


def create_campaign(client, site, before, deadline, listings=()):
    from prongsai.retention.models import RetentionCampaign

    response = client.post(
        CAMPAIGNS,
        {
            "site": site.pk,
            "listings": [listing.pk for listing in listings],
            "title": f"ลบข้อมูลก่อนปีงบประมาณ {before}",
            "before_fiscal_year": before,
            "deadline": deadline.isoformat(),
            "message": "พื้นที่เว็บไซต์ใกล้เต็ม",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return RetentionCampaign.objects.latest("pk")


@pytest.fixture
def old_items(agency, departments):
    """Two chosen listings with old Disclosures of both departments (one PDF each), and
    this year's item, which the campaign must leave alone."""
    from prongsai.agencies.thaidates import current_fiscal_year
    from prongsai.disclosures.factories import DisclosureIndexPageFactory
    from prongsai.retention.factories import old_disclosure

    this_year = current_fiscal_year().be
    plans = DisclosureIndexPageFactory(parent=agency.home, title="แผนงาน")
    reports = DisclosureIndexPageFactory(parent=agency.home, title="รายงานผล")
    chosen = []
    for listing, key, years_ago in [
        (plans, "finance", 2),
        (plans, "works", 3),
        (reports, "finance", 1),
        (reports, "works", 2),
    ]:
        department = departments[key]
        chosen.append(
            old_disclosure(
                agency.site,
                this_year - years_ago,
                parent=listing,
                department=department,
                title=f"{listing.title} {department.name} ปีงบประมาณ {this_year - years_ago}",
            )
        )
    left_alone = [old_disclosure(agency.site, this_year, parent=plans, title="แผนงานปีนี้")]
    return {"listings": [plans, reports], "chosen": chosen, "left_alone": left_alone}


@pytest.fixture
def announced(agency, old_items, client, users):
    """A campaign the webmaster created and announced through the admin: items of fiscal years
    before this one in the two chosen listings, objections open for a week."""
    from prongsai.agencies.thaidates import current_fiscal_year

    client.force_login(users["webmaster"])
    campaign = create_campaign(
        client,
        agency.site,
        current_fiscal_year().be,
        timezone.localdate() + datetime.timedelta(days=7),
        old_items["listings"],
    )
    client.post(reverse("retention:campaign", args=[campaign.pk]), {"action": "announce"})
    campaign.refresh_from_db()
    return campaign
