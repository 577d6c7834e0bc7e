"""/healthz tells the local monitor whether the site can serve, without telling anyone why."""

import time

import pytest
from django.db import connection

from prongsai.core import health, scheduler

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRONGSAI_WORKER_HEARTBEAT_FILE = tmp_path / "worker.heartbeat"
    return tmp_path


def get_health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def test_all_well_after_the_worker_has_ticked(client, data_dir):
    ran = scheduler.run_due_jobs(now=10**9)
    assert "prongsai.core.jobs.write_worker_heartbeat" in ran
    status, body = get_health(client)
    assert status == 200
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "storage": "ok", "worker": "ok"},
    }
    assert not [p for p in (data_dir / "media").iterdir()]  # the probe file is gone


def test_a_worker_that_never_ran_is_a_failure(client, data_dir):
    status, body = get_health(client)
    assert status == 503
    assert body["status"] == "fail"
    assert body["checks"]["worker"] == "fail"
    assert body["checks"]["database"] == "ok"


def test_a_heartbeat_older_than_five_minutes_is_stale(client, data_dir):
    health.write_worker_heartbeat(now=time.time() - 5 * 60 - 1)
    assert get_health(client)[1]["checks"]["worker"] == "fail"
    health.write_worker_heartbeat(now=time.time() - 4 * 60)
    assert get_health(client)[1]["checks"]["worker"] == "ok"


def test_storage_that_cannot_be_written_is_a_failure(client, data_dir, settings):
    blocker = data_dir / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker
    health.write_worker_heartbeat()
    status, body = get_health(client)
    assert status == 503
    assert body["checks"] == {"database": "ok", "storage": "fail", "worker": "ok"}


def test_a_database_that_does_not_answer_is_a_failure_without_details(
    client, data_dir, monkeypatch
):
    health.write_worker_heartbeat()

    def broken_cursor(*args, **kwargs):
        raise RuntimeError(f"could not connect to {connection.settings_dict['NAME']}")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "fail"
    body = response.content.decode()
    assert "connect" not in body and str(data_dir) not in body
    assert set(response.json()) == {"status", "checks"}
