"""Timed work happens without anyone running a command."""

import datetime

import pytest
from django.utils import timezone

from prongsai.core import scheduler
from prongsai.site.models import NewsPage

pytestmark = pytest.mark.django_db


def test_expired_items_leave_the_site_and_scheduled_ones_go_live_on_the_next_tick(client):
    expiring = NewsPage.objects.live().filter(category="alert").first()
    expiring.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expiring.save_revision().publish()
    assert client.get(expiring.url).status_code == 200

    waiting = NewsPage.objects.live().filter(category="general").first()
    waiting.title = "ข่าวที่ตั้งเวลาไว้"
    waiting.go_live_at = timezone.now() - datetime.timedelta(seconds=5)
    waiting.save_revision(approved_go_live_at=waiting.go_live_at)

    ran = scheduler.run_due_jobs(now=10**9)

    assert "prongsai.core.jobs.publish_and_expire_scheduled_pages" in ran
    expiring.refresh_from_db()
    assert not expiring.live and expiring.expired
    assert client.get(expiring.url).status_code == 404
    waiting.refresh_from_db()
    assert waiting.title == "ข่าวที่ตั้งเวลาไว้"


def test_a_failing_job_does_not_stop_the_others(monkeypatch):
    calls = []

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(
        scheduler,
        "_jobs",
        {
            "broken": scheduler.Job("broken", 60, broken),
            "fine": scheduler.Job("fine", 60, lambda: calls.append(1)),
        },
    )
    assert scheduler.run_due_jobs(now=10**9) == ["fine"]
    assert calls == [1]
    assert scheduler.run_due_jobs(now=10**9 + 1) == []  # not due again yet


def test_every_job_is_due_when_the_worker_starts_even_soon_after_a_boot():
    from prongsai.core.scheduler import Job

    hourly = Job("hourly", 3600, lambda: None)
    assert hourly.is_due(now=5.0)  # 5 s after boot: the monotonic clock is still small
    hourly.last_run = 5.0
    assert not hourly.is_due(now=60.0)
    assert hourly.is_due(now=3605.0)
