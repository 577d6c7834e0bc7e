"""What each role may do to the agency's pages (roles are agencies', the page types site's and
disclosures'), tried from the wrong side: departments, the workflow's rule, other agencies."""

import pytest
from wagtail.models import Page

from prongsai.agencies.models import Department
from prongsai.disclosures.models import DisclosurePage
from prongsai.site.models import StandardPage

pytestmark = pytest.mark.django_db


def history_page(demo_site):
    return StandardPage.objects.descendant_of(demo_site.root_page).get(slug="history")


def budget_page(demo_site):
    return (
        DisclosurePage.objects.descendant_of(demo_site.root_page)
        .filter(title__startswith="ข้อบัญญัติงบประมาณ")
        .first()
    )


def test_requester_drafts_in_own_department_section_but_cannot_publish(demo_site, users):
    perms = budget_page(demo_site).permissions_for_user(users["requester"])
    assert perms.can_edit()
    assert not perms.can_publish()


def test_a_department_cannot_edit_another_departments_section(demo_site, users):
    """The requester works in กองคลัง; ประวัติความเป็นมา belongs to สำนักปลัด."""
    assert not history_page(demo_site).permissions_for_user(users["requester"]).can_edit()


def test_leaving_a_department_takes_away_its_sections(demo_site, users):
    finance = Department.objects.get(site=demo_site, name="กองคลัง")
    finance.members.filter(user=users["requester"]).delete()
    finance.save()
    users["requester"].refresh_from_db()
    fresh = type(users["requester"]).objects.get(pk=users["requester"].pk)
    assert not budget_page(demo_site).permissions_for_user(fresh).can_edit()


def test_webmaster_can_publish_in_own_agency(demo_site, users):
    assert history_page(demo_site).permissions_for_user(users["webmaster"]).can_publish()


def test_executive_cannot_edit_pages(demo_site, users):
    perms = history_page(demo_site).permissions_for_user(users["executive"])
    assert not perms.can_edit()
    assert not perms.can_publish()


def test_approver_edits_only_own_department_section_and_never_publishes(demo_site, users):
    """The approver is a member of สำนักปลัด (history) but not of กองคลัง (budget)."""
    assert history_page(demo_site).permissions_for_user(users["approver"]).can_edit()
    assert not history_page(demo_site).permissions_for_user(users["approver"]).can_publish()
    assert not budget_page(demo_site).permissions_for_user(users["approver"]).can_edit()


def test_webmaster_cannot_touch_another_agency(demo_site, users, other_agency):
    foreign = other_agency["page"]
    assert not foreign.permissions_for_user(users["webmaster"]).can_edit()
    assert not history_page(demo_site).permissions_for_user(other_agency["webmaster"]).can_edit()


def page_edit_data(page, title):
    """Everything the page editor posts, so a refusal is the permission's doing, not the form's."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>ข้อความ</p>"))]),
            "department": "",
            "source": "",
        }
    )


def draft_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title


def test_webmaster_cannot_open_or_save_another_agencys_page(client, users, other_agency):
    foreign = other_agency["page"]
    url = f"/admin/pages/{foreign.pk}/edit/"
    client.force_login(users["webmaster"])
    assert foreign.title not in client.get(url, follow=True).content.decode()
    client.post(url, page_edit_data(foreign, "ถูกแก้โดยหน่วยงานอื่น"))
    assert draft_title(foreign) == "ประวัติ ทต.อื่น"
    # the same data from the agency's own webmaster is saved: the refusal above was the rule's
    client.force_login(other_agency["webmaster"])
    client.post(url, page_edit_data(foreign, "แก้โดยผู้ดูแลของหน่วยงานเอง"))
    assert draft_title(foreign) == "แก้โดยผู้ดูแลของหน่วยงานเอง"


def test_page_cannot_be_given_another_agencys_department(client, users, demo_site, other_agency):
    """Even a hand-made POST with a foreign department id is refused."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    client.force_login(users["webmaster"])
    page = history_page(demo_site)
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>ข้อความ</p>"))]),
            "department": other_agency["department"].pk,
            "source": "",
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200  # the form comes back with an error
    page.refresh_from_db()
    assert page.department_id != other_agency["department"].pk
