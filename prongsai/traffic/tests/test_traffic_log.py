"""The traffic log: what a request leaves behind, who may read it, how long it stays."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from prongsai.traffic.importing import AlreadyImported, import_file
from prongsai.traffic.models import TrafficEntry
from prongsai.traffic.retention import purge_old_entries

pytestmark = pytest.mark.django_db


def newest():
    return TrafficEntry.objects.order_by("-id").first()


def test_a_public_request_leaves_one_entry_with_what_the_law_asks(client):
    before = TrafficEntry.objects.count()
    response = client.get("/?q=1", HTTP_USER_AGENT="Mozilla/5.0 ทดสอบ", REMOTE_ADDR="203.0.113.7")
    assert TrafficEntry.objects.count() == before + 1
    entry = newest()
    assert entry.client_address == "203.0.113.7"
    assert (entry.method, entry.path, entry.status) == ("GET", "/?q=1", 200)
    assert entry.bytes_sent == len(response.content) > 0
    assert entry.user_agent == "Mozilla/5.0 ทดสอบ"
    assert entry.user_id is None and entry.username == ""
    assert timezone.now() - entry.time < timedelta(minutes=1)


def test_a_signed_in_request_names_the_user(client, users):
    client.force_login(users["webmaster"])
    client.get("/admin/")
    entry = newest()
    assert entry.user_id == users["webmaster"].pk
    assert entry.username == "webmaster"


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(client, settings):
    client.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert newest().client_address == "198.51.100.9"

    settings.PRONGSAI_TRUSTED_PROXY = ["127.0.0.1"]
    client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.50")
    assert newest().client_address == "203.0.113.50"
    client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert newest().client_address == "127.0.0.1"


def test_a_failing_insert_does_not_break_the_page(client, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(TrafficEntry, "save", broken_save)
    response = client.get("/")
    assert response.status_code == 200


def test_off_and_front_modes_write_nothing(client, settings, users):
    settings.PRONGSAI_TRAFFIC_LOG = "off"
    before = TrafficEntry.objects.count()
    client.get("/")
    settings.PRONGSAI_TRAFFIC_LOG = "front"
    client.force_login(users["webmaster"])
    response = client.get("/admin/")
    assert TrafficEntry.objects.count() == before
    # the front server learns who was signed in from this header (and hides it)
    assert response["X-Prongsai-User"] == str(users["webmaster"].pk)


def make_entry(days_ago, path="/old/", **fields):
    values = {"client_address": "192.0.2.1", "method": "GET", "status": 200} | fields
    return TrafficEntry.objects.create(
        time=timezone.now() - timedelta(days=days_ago), path=path, **values
    )


def test_purge_removes_entries_past_the_retention_and_keeps_the_rest(settings):
    settings.PRONGSAI_TRAFFIC_DAYS = 90
    old = make_entry(91)
    kept = make_entry(89)
    assert purge_old_entries() >= 1
    assert not TrafficEntry.objects.filter(pk=old.pk).exists()
    assert TrafficEntry.objects.filter(pk=kept.pk).exists()


def test_the_worker_runs_the_purge_job():
    from prongsai.core.scheduler import run_due_jobs

    old = make_entry(400)
    assert "prongsai.traffic.jobs.purge_old_traffic" in run_due_jobs()
    assert not TrafficEntry.objects.filter(pk=old.pk).exists()


def test_retention_shorter_than_the_law_is_an_error_in_production(settings):
    from prongsai.traffic.checks import traffic_kept_long_enough

    settings.PRONGSAI_TRAFFIC_DAYS = 30
    settings.PRODUCTION = True
    assert [problem.id for problem in traffic_kept_long_enough(None)] == ["prongsai.traffic.E001"]
    assert traffic_kept_long_enough(None)[0].is_serious()
    settings.PRONGSAI_TRAFFIC_DAYS = 90
    settings.PRONGSAI_TRAFFIC_LOG = "off"
    assert [problem.id for problem in traffic_kept_long_enough(None)] == ["prongsai.traffic.E003"]


def test_agency_staff_cannot_read_or_export_the_log(client, users):
    make_entry(1, path="/secret-visitor-path/", user_agent="visitor-agent")
    for username in ("webmaster", "approver", "requester", "executive"):
        client.force_login(users[username])
        page = client.get("/admin/traffic/")
        export = client.get("/admin/traffic/?format=csv")
        for response in (page, export):
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"secret-visitor-path" not in body, username
            assert b"visitor-agent" not in body, username
        assert b"/admin/traffic/" not in client.get("/admin/").content


def test_platform_admin_filters_and_pages_the_log(client, users):
    make_entry(2, path="/wanted/", status=404)
    make_entry(2, path="/other/")
    client.force_login(users["admin"])
    response = client.get("/admin/traffic/", {"path": "/wanted/", "status": "404"})
    assert response.status_code == 200
    assert b"/wanted/" in response.content
    assert b"/other/" not in response.content
    assert b"/admin/traffic/" in client.get("/admin/").content  # the menu item


@pytest.mark.parametrize(
    "junk",
    [
        {"date_from": "²²²²-01-01"},
        {"date_to": "2026-13-45"},
        {"status": "9999999999999999999999"},
        {"p": "²"},
        {"p": "-1"},
        {"address": "x" * 5000},
        {"path": "\x00"},
    ],
)
def test_junk_filters_never_give_a_server_error(client, users, junk):
    client.force_login(users["admin"])
    assert client.get("/admin/traffic/", junk).status_code == 200


def test_the_export_neutralises_formulas(client, users):
    make_entry(1, path="/x/", user_agent="=cmd|' /C calc'!A0")
    client.force_login(users["admin"])
    response = client.get("/admin/traffic/", {"format": "csv", "path": "/x/"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "time"
    agents = [row[10] for row in rows[1:]]
    assert agents == ["'=cmd|' /C calc'!A0"]


NGINX_LINES = (
    "2026-12-01T10:00:00+07:00\t203.0.113.9\tGET\twww.example.go.th\t/news/?page=2\t200\t5120\t0.012\t-\tMozilla/5.0\n"
    "2026-12-01T10:00:01+07:00\t203.0.113.9\tPOST\twww.example.go.th\t/admin/login/\t302\t0\t0.150\t{uid}\tcurl/8\n"
    "this line is not ours\n"
    "2026-12-01T10:00:02+07:00\t203.0.113.9\tGET\thost\t/x\tnot-a-status\t1\t0.1\t-\t-\n"
)


def test_import_reads_the_documented_format_and_counts_the_rest(tmp_path, users):
    log = tmp_path / "access.log"
    log.write_text(NGINX_LINES.format(uid=users["webmaster"].pk), encoding="utf-8")
    result = import_file(log)
    assert (result.imported, result.skipped) == (2, 2)
    news = TrafficEntry.objects.get(path="/news/?page=2")
    assert (news.client_address, news.status, news.bytes_sent, news.duration_ms) == (
        "203.0.113.9",
        200,
        5120,
        12,
    )
    assert news.source == "front"
    sign_in = TrafficEntry.objects.get(path="/admin/login/")
    assert sign_in.username == "webmaster"
    with pytest.raises(AlreadyImported):
        import_file(log)
    assert TrafficEntry.objects.filter(path="/news/?page=2").count() == 1


def test_the_command_imports_and_purges(tmp_path, users, capsys):
    log = tmp_path / "access.log"
    log.write_text(NGINX_LINES.format(uid="-"), encoding="utf-8")
    call_command("traffic", "import", str(log))
    assert "นำเข้า 2 รายการ" in capsys.readouterr().out
    old = make_entry(365)
    call_command("traffic", "purge")
    assert not TrafficEntry.objects.filter(pk=old.pk).exists()
