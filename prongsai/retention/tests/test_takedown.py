"""Take-down dates: the category default, the worker taking items down on time (a fixed clock),
the archive, the currency dashboard and its bulk actions, reminders, and who may do what."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import Role
from prongsai.channels.models import Notification
from prongsai.core import scheduler
from prongsai.disclosures.factories import DisclosureIndexPageFactory, DisclosurePageFactory
from prongsai.retention import reminders, takedown
from prongsai.retention.models import TakedownRule
from prongsai.site.factories import NewsIndexPageFactory, NewsPageFactory
from prongsai.site.models import NewsIndexPage

pytestmark = pytest.mark.django_db

CURRENCY = reverse("retention:currency")


@pytest.fixture
def site(agency):
    """The factory agency, with its job announcements listing in the main menu."""
    NewsIndexPageFactory(
        parent=agency.home, title="ประกาศรับสมัครงาน", category="job", show_in_menus=True
    )
    return agency.site


def job_listing(site):
    return NewsIndexPage.objects.descendant_of(site.root_page).get(category="job")


def new_job_ad(site, title="ประกาศรับสมัครพนักงานจ้างทั่วไป ตำแหน่งคนงาน", **extra):
    extra.setdefault("department", site.departments.order_by("pk").first())
    return NewsPageFactory(parent=job_listing(site), title=title, category="job", **extra)


def visit(client, url):
    """A visitor opening `url` (a page's full address: each agency has its own host name)."""
    parts = urlsplit(url)
    return client.get(parts.path, HTTP_HOST=parts.hostname)


def run_worker_tick():
    return scheduler.run_due_jobs(now=10**9 + timezone.now().timestamp())


def test_a_job_ad_gets_the_30_day_default_and_the_editor_shows_it(site, client, users):
    page = new_job_ad(site)
    first = timezone.localtime(page.first_published_at).date()
    expected = takedown.takedown_moment(first + datetime.timedelta(days=30))
    assert page.expire_at == expected
    assert page.latest_revision.content["expire_at"] == expected.isoformat()
    client.force_login(users["webmaster"])
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert form.status_code == 200
    shown = timezone.localtime(expected).strftime("%d/%m/%Y %H:%M")
    assert f'name="expire_at" value="{shown}"' in form.content.decode()


def test_a_date_set_by_the_requester_wins_over_the_default(site):
    chosen = timezone.now() + datetime.timedelta(days=3)
    page = new_job_ad(site, expire_at=chosen)
    assert page.expire_at == chosen


def test_the_item_leaves_the_site_and_its_listing_within_a_minute_of_its_date(site, client):
    page = new_job_ad(site, title="ประกาศรับสมัครครูผู้ดูแลเด็ก")
    url = page.url
    assert visit(client, url).status_code == 200
    listing = job_listing(site)
    assert "ประกาศรับสมัครครูผู้ดูแลเด็ก" in visit(client, listing.url).content.decode()
    with time_machine.travel(page.expire_at + datetime.timedelta(seconds=1), tick=False):
        ran = run_worker_tick()
        assert "prongsai.core.jobs.publish_and_expire_scheduled_pages" in ran
        assert (
            scheduler._jobs["prongsai.core.jobs.publish_and_expire_scheduled_pages"].every_seconds
            <= 30
        )
        page.refresh_from_db()
        assert not page.live and page.expired
        assert visit(client, url).status_code == 404
        assert "ประกาศรับสมัครครูผู้ดูแลเด็ก" not in visit(client, listing.url).content.decode()


def test_archived_items_stay_in_the_admin_searchable_and_restorable(site, client, users):
    page = new_job_ad(site, title="ประกาศรับสมัครนักวิชาการเกษตร")
    url = page.url
    with time_machine.travel(page.expire_at + datetime.timedelta(minutes=1), tick=False):
        run_worker_tick()
        client.force_login(users["webmaster"])
        archive = client.get(CURRENCY, {"section": "archived"}).content.decode()
        assert "ประกาศรับสมัครนักวิชาการเกษตร" in archive
        found = client.get(reverse("wagtailadmin_pages:search"), {"q": "นักวิชาการเกษตร"})
        assert "ประกาศรับสมัครนักวิชาการเกษตร" in found.content.decode()

        until = timezone.localdate() + datetime.timedelta(days=10)
        response = client.post(
            CURRENCY,
            {
                "section": "archived",
                "action": "restore",
                "date": until.isoformat(),
                "pages": [page.pk],
            },
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.live and not page.expired
        assert page.url == url
        assert page.expire_at == takedown.takedown_moment(until)
        assert visit(client, url).status_code == 200


def test_restoring_with_a_past_date_is_refused_in_thai(site, client, users):
    page = new_job_ad(site)
    takedown.take_down_now(page, users["webmaster"])
    client.force_login(users["webmaster"])
    response = client.post(
        CURRENCY,
        {"section": "archived", "action": "restore", "date": "2020-01-01", "pages": [page.pk]},
        follow=True,
    )
    assert "วันนำออกใหม่ต้องเป็นวันหลังจากวันนี้" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_dashboard_groups_expiring_past_and_stale_items_by_department(site, client, users):
    soon = new_job_ad(site, title="ประกาศรับสมัครใกล้ครบกำหนด")
    takedown.set_takedown(soon, timezone.now() + datetime.timedelta(days=5), users["webmaster"])
    listing = DisclosureIndexPageFactory(parent=site.root_page)
    stale = DisclosurePageFactory(parent=listing, department=site.departments.last())
    stale.data_period_end = timezone.localdate() - datetime.timedelta(days=40)
    stale.expire_at = None
    stale.save_revision().publish()
    takedown.set_takedown(stale, None, users["webmaster"])
    client.force_login(users["webmaster"])

    soon_page = client.get(CURRENCY, {"section": "soon"}).content.decode()
    assert "ประกาศรับสมัครใกล้ครบกำหนด" in soon_page
    assert (soon.department.name if soon.department else "ไม่ระบุส่วนงาน") in soon_page
    stale_page = client.get(CURRENCY, {"section": "stale"}).content.decode()
    assert stale.title in stale_page
    assert stale.department.name in stale_page


def test_bulk_extend_set_and_take_down(site, client, users):
    a = new_job_ad(site, title="ประกาศ ก")
    b = new_job_ad(site, title="ประกาศ ข")
    url_a = a.url
    before = a.expire_at
    client.force_login(users["webmaster"])
    client.post(CURRENCY, {"action": "extend_30", "pages": [a.pk, b.pk]})
    a.refresh_from_db()
    assert a.expire_at == before + datetime.timedelta(days=30)

    day = timezone.localdate() + datetime.timedelta(days=3)
    client.post(CURRENCY, {"action": "set_date", "date": day.isoformat(), "pages": [b.pk]})
    b.refresh_from_db()
    assert b.expire_at == takedown.takedown_moment(day)

    response = client.post(
        CURRENCY, {"action": "set_date", "date": "", "pages": [b.pk]}, follow=True
    )
    assert "โปรดเลือกวันนำออก" in response.content.decode()

    client.post(CURRENCY, {"action": "take_down", "pages": [a.pk]})
    a.refresh_from_db()
    assert not a.live
    assert visit(client, url_a).status_code == 404


def test_nothing_selected_gets_a_thai_message(site, client, users):
    client.force_login(users["webmaster"])
    response = client.post(CURRENCY, {"action": "take_down"}, follow=True)
    assert "โปรดเลือกอย่างน้อยหนึ่งรายการ" in response.content.decode()


def test_roles_and_agencies_cannot_cross(site, client, users, make_agency):
    soon = timezone.now() + datetime.timedelta(days=5)  # inside the 30-day "soon" window
    page = new_job_ad(site, title="ประกาศของ อบต.หนองน้ำใส", expire_at=soon)
    client.force_login(users["requester"])
    shown = client.get(CURRENCY, {"section": "soon"}, follow=True).content.decode()
    assert "ประกาศของ อบต.หนองน้ำใส" not in shown
    client.post(CURRENCY, {"action": "take_down", "pages": [page.pk]})
    page.refresh_from_db()
    assert page.live

    client.force_login(users["executive"])
    shown = client.get(CURRENCY, {"section": "soon"}).content.decode()
    assert "ประกาศของ อบต.หนองน้ำใส" in shown  # the agency's own executive sees it
    client.post(CURRENCY, {"action": "take_down", "pages": [page.pk]})
    page.refresh_from_db()
    assert page.live

    client.force_login(make_agency().user(Role.WEBMASTER))
    listing = client.get(CURRENCY, {"site": site.pk, "section": "soon"}).content.decode()
    assert "ประกาศของ อบต.หนองน้ำใส" not in listing
    client.post(CURRENCY, {"site": site.pk, "action": "take_down", "pages": [page.pk]})
    page.refresh_from_db()
    assert page.live
    rules = reverse("retention:rules")
    client.post(rules, {"site": site.pk, f"days-{job_listing(site).pk}": "1"})
    assert not TakedownRule.objects.filter(listing=job_listing(site)).exists()


def test_rules_change_the_default_for_new_items_and_refuse_bad_numbers(site, client, users):
    listing = job_listing(site)
    client.force_login(users["webmaster"])
    rules = reverse("retention:rules")
    assert listing.title in client.get(rules).content.decode()
    response = client.post(rules, {f"days-{listing.pk}": "ห้าวัน"}, follow=True)
    assert "จำนวนวันต้องเป็นตัวเลข" in response.content.decode()
    client.post(rules, {f"days-{listing.pk}": "7"})
    page = new_job_ad(site)
    first = timezone.localtime(page.first_published_at).date()
    assert page.expire_at == takedown.takedown_moment(first + datetime.timedelta(days=7))
    client.post(rules, {f"days-{listing.pk}": ""})
    assert new_job_ad(site, title="ไม่จำกัดเวลา").expire_at is None


def test_review_reminders_go_once_to_the_owner_department(site, users):
    page = new_job_ad(site, title="ประกาศที่ต้องทบทวน")
    department = page.department
    members = {m.user_id for m in department.members.all()}
    assert members
    with time_machine.travel(page.expire_at - datetime.timedelta(days=3), tick=False):
        assert reminders.send_due_reminders() >= 1
        assert reminders.send_due_reminders() == 0  # a second run (or a restarted worker)
    sent = Notification.objects.filter(
        kind="takedown.reminder", subject__contains="ประกาศที่ต้องทบทวน"
    )
    assert {n.recipient_id for n in sent} == members
    assert sent.count() == len(members)


def test_a_worker_killed_in_the_middle_of_an_expiry_run_takes_each_item_down_once(
    site, monkeypatch
):
    from django.core.management import call_command
    from wagtail.models import Page, PageLogEntry

    pages = [new_job_ad(site, title=f"ประกาศครบกำหนดพร้อมกัน {n}") for n in range(3)]
    moment = max(p.expire_at for p in pages) + datetime.timedelta(minutes=1)
    real_unpublish = Page.unpublish
    calls = {"n": 0}

    def killed_on_the_second(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("worker killed")
        return real_unpublish(self, *args, **kwargs)

    with time_machine.travel(moment, tick=False):
        monkeypatch.setattr(Page, "unpublish", killed_on_the_second)
        with pytest.raises(SystemExit):
            call_command("publish_scheduled")
        monkeypatch.setattr(Page, "unpublish", real_unpublish)
        run_worker_tick()  # the restarted worker
        run_worker_tick()
    for page in pages:
        page.refresh_from_db()
        assert not page.live and page.expired
        taken_down = PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled")
        assert taken_down.count() == 1


def test_the_executive_sees_titles_without_edit_links_the_webmaster_gets_them(site, client, users):
    soon = timezone.now() + datetime.timedelta(days=5)  # inside the 30-day "soon" window
    page = new_job_ad(site, title="ประกาศรับสมัครที่ผู้บริหารดูอย่างเดียว", expire_at=soon)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(users["executive"])
    html = client.get(CURRENCY, {"section": "soon"}).content.decode()
    assert "ประกาศรับสมัครที่ผู้บริหารดูอย่างเดียว" in html
    assert edit_url not in html
    client.force_login(users["webmaster"])
    assert edit_url in client.get(CURRENCY, {"section": "soon"}).content.decode()


@pytest.mark.parametrize("junk", ["²", "๗", "9" * 30])
def test_a_junk_number_of_days_is_refused_and_the_rule_kept(site, client, users, junk):
    listing = job_listing(site)
    client.force_login(users["webmaster"])
    rules = reverse("retention:rules")
    client.post(rules, {f"days-{listing.pk}": "7"})

    response = client.post(rules, {f"days-{listing.pk}": junk}, follow=True)

    assert "จำนวนวันต้องเป็นตัวเลข" in response.content.decode()
    assert TakedownRule.objects.get(listing=listing).days == 7


def test_extending_a_take_down_date_at_the_end_of_the_calendar_is_a_thai_refusal(
    site, client, users
):
    page = new_job_ad(site, title="ประกาศวันนำออกไกลมาก")
    client.force_login(users["webmaster"])
    client.post(CURRENCY, {"action": "set_date", "date": "9999-12-30", "pages": [page.pk]})
    page.refresh_from_db()
    far = page.expire_at

    response = client.post(CURRENCY, {"action": "extend_365", "pages": [page.pk]}, follow=True)

    assert response.status_code == 200
    assert "ไกลเกินปฏิทิน" in response.content.decode()
    page.refresh_from_db()
    assert page.expire_at == far and far.year == 9999


@pytest.mark.parametrize("junk", ["²", "9" * 30, "-1"])
def test_the_currency_dashboard_reads_a_junk_agency_as_none_given(client, agency, junk):
    client.force_login(agency.user(Role.WEBMASTER))
    response = client.get(f"{CURRENCY}?site={junk}")
    assert response.status_code == 200
    assert f'name="site" value="{agency.site.pk}"' in response.content.decode()  # its own
