"""Pages with a go-live or expiry date go up and come down on the worker's next tick, without
anyone running a command (the job is core's, the pages are ours)."""

import datetime

import pytest
from django.utils import timezone

from prongsai.core import scheduler
from prongsai.site.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_expired_items_leave_the_site_and_scheduled_ones_go_live_on_the_next_tick(client, agency):
    host = {"HTTP_HOST": agency.site.hostname}
    news = NewsIndexPageFactory(parent=agency.home)
    expiring = NewsPageFactory(parent=news, category="alert")
    expiring.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expiring.save_revision().publish()
    assert client.get(expiring.url, **host).status_code == 200

    waiting = NewsPageFactory(parent=news, category="general")
    waiting.title = "ข่าวที่ตั้งเวลาไว้"
    waiting.go_live_at = timezone.now() - datetime.timedelta(seconds=5)
    waiting.save_revision(approved_go_live_at=waiting.go_live_at)

    ran = scheduler.run_due_jobs(now=10**9)

    assert "prongsai.core.jobs.publish_and_expire_scheduled_pages" in ran
    expiring.refresh_from_db()
    assert not expiring.live and expiring.expired
    assert client.get(expiring.url, **host).status_code == 404
    waiting.refresh_from_db()
    assert waiting.title == "ข่าวที่ตั้งเวลาไว้"
    assert "ข่าวที่ตั้งเวลาไว้" in client.get(waiting.url, **host).content.decode()
