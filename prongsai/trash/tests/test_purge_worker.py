"""The worker purges what has been in the trash longer than the agency allows (fixed clock),
and a worker killed in the middle of a purge leaves nothing half done: on the next run every
due item is purged exactly once, and no file is left without its record or the reverse."""

import datetime

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page

from prongsai.agencies.models import AgencySettings
from prongsai.channels.models import Notification
from prongsai.core.scheduler import registered_jobs
from prongsai.disclosures.models import AgencyDocument
from prongsai.trash import services
from prongsai.trash.models import PendingFileDeletion, TrashEntry, TrashState

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing in the job catches it."""


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() fixed at the given moment."""

    def set_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


@pytest.fixture
def retention(demo_site):
    settings = AgencySettings.for_site(demo_site)
    settings.trash_retention_days = 30
    settings.save()
    return 30


def files_on_disk(media):
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def recorded_names(documents, images):
    names = set()
    for document in AgencyDocument.objects.filter(pk__in=[d.pk for d in documents]):
        names.add(document.file.name)
    for image in get_image_model().objects.filter(pk__in=[i.pk for i in images]):
        names.add(image.file.name)
        names.update(r.file.name for r in image.renditions.all())
    return names


def assert_files_match_records(media, documents, images):
    on_disk = files_on_disk(media)
    recorded = recorded_names(documents, images)
    outbox = set(PendingFileDeletion.objects.values_list("name", flat=True))
    assert recorded <= on_disk, "a record points at a missing file"
    assert on_disk - recorded <= outbox, "a file outlived its record without being in the outbox"


def purge_logs(entry):
    return ModelLogEntry.objects.filter(action="prongsai.trash.purge", object_id=str(entry.pk))


def test_only_items_past_the_agency_retention_are_purged(
    make_document, users, clock, retention, django_capture_on_commit_callbacks
):
    old = make_document("เอกสารเก่า", name="old.pdf")
    recent = make_document("เอกสารใหม่", name="recent.pdf")
    clock(T0)
    old_entry = services.move_to_trash(old, users["webmaster"])
    clock(T0 + datetime.timedelta(days=20))
    recent_entry = services.move_to_trash(recent, users["webmaster"])

    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired(now=T0 + datetime.timedelta(days=29, hours=23)) == 0
        assert services.purge_expired(now=T0 + datetime.timedelta(days=30, minutes=1)) == 1
    old_entry.refresh_from_db()
    recent_entry.refresh_from_db()
    assert old_entry.state == TrashState.PURGED and old_entry.purged_by is None
    assert recent_entry.state == TrashState.IN_TRASH
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired(now=T0 + datetime.timedelta(days=30, minutes=2)) == 0
    assert purge_logs(old_entry).count() == 1


def test_the_worker_job_is_registered_and_purges_when_due(make_document, users, clock, retention):
    document = make_document("เอกสารรอลบ", name="due.pdf")
    clock(T0)
    entry = services.move_to_trash(document, users["webmaster"])
    clock(T0 + datetime.timedelta(days=31))
    job = next(j for j in registered_jobs() if j.name.endswith("purge_expired_trash"))
    job.func()
    entry.refresh_from_db()
    assert entry.state == TrashState.PURGED


@pytest.mark.parametrize("killed_after", [0, 2])
def test_a_worker_killed_mid_purge_finishes_each_item_exactly_once_on_restart(
    make_document,
    make_image,
    make_page,
    users,
    media,
    clock,
    retention,
    monkeypatch,
    django_capture_on_commit_callbacks,
    killed_after,
):
    webmaster = users["webmaster"]
    documents = [make_document(f"เอกสาร {i}", name=f"doc{i}.pdf") for i in range(3)]
    images = [make_image("ภาพกิจกรรม", name="event.png")]
    images[0].get_rendition("fill-80x80")
    page_file = make_document("ไฟล์แนบของหน้า", name="page-file.pdf")
    documents.append(page_file)
    page = make_page("โครงการปี 2565", documents=[page_file])
    keep = make_document("ยังไม่ครบกำหนด", name="keep.pdf")
    documents.append(keep)

    clock(T0)
    due = [services.move_to_trash(obj, webmaster) for obj in [*documents[:3], images[0], page]]
    clock(T0 + datetime.timedelta(days=10))
    not_due = services.move_to_trash(keep, webmaster)
    now = T0 + datetime.timedelta(days=31)

    real_delete = services._delete_object
    calls = {"n": 0}

    def killed_mid_transaction(entry, obj, user):
        calls["n"] += 1
        if calls["n"] > killed_after:
            raise WorkerKilled
        return real_delete(entry, obj, user)

    monkeypatch.setattr(services, "_delete_object", killed_mid_transaction)
    # a killed process runs nothing after its commits: no file deletion at all
    with django_capture_on_commit_callbacks(execute=False):
        with pytest.raises(WorkerKilled):
            services.purge_expired(now=now)
    monkeypatch.setattr(services, "_delete_object", real_delete)

    states = [TrashEntry.objects.get(pk=e.pk).state for e in due]
    assert states.count(TrashState.PURGED) == killed_after
    assert_files_match_records(media, documents, images)
    if killed_after:
        assert PendingFileDeletion.objects.exists()  # files of committed purges wait there

    # the worker starts again
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired(now=now) == len(due) - killed_after
    for entry in due:
        entry.refresh_from_db()
        assert entry.state == TrashState.PURGED
        assert purge_logs(entry).count() == 1
        for bundled in entry.bundled_entries.all():
            assert bundled.state == TrashState.PURGED and purge_logs(bundled).count() == 1
    assert not Page.objects.filter(pk=page.pk).exists()
    assert TrashEntry.objects.get(pk=not_due.pk).state == TrashState.IN_TRASH
    assert not PendingFileDeletion.objects.exists()
    assert_files_match_records(media, documents, images)
    assert files_on_disk(media) == recorded_names(documents, images) == {keep.file.name}

    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired(now=now) == 0


def test_restore_after_a_purge_killed_half_way_puts_everything_back(
    make_document, make_page, users, media, monkeypatch, django_capture_on_commit_callbacks
):
    webmaster = users["webmaster"]
    page_file = make_document("คู่มือเก่า", name="manual.pdf")
    collection = page_file.collection
    page = make_page("คู่มือประชาชน (เก่า)", documents=[page_file])
    url = page.url
    entry = services.move_to_trash(page, webmaster)

    real_delete = services._delete_object

    def killed_after_the_file(entry_, obj, user):
        if isinstance(obj, Page):
            raise WorkerKilled  # the bundled file was already deleted in this transaction
        return real_delete(entry_, obj, user)

    monkeypatch.setattr(services, "_delete_object", killed_after_the_file)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(WorkerKilled):
            services.purge(entry, webmaster)
    monkeypatch.setattr(services, "_delete_object", real_delete)

    assert not PendingFileDeletion.objects.exists()
    assert_files_match_records(media, [page_file], [])
    services.restore(entry, webmaster)
    page_file.refresh_from_db()
    assert page_file.collection == collection
    assert (media / page_file.file.name).exists()
    page = Page.objects.get(pk=page.pk)
    assert page.live and page.url == url
    assert not purge_logs(entry).exists()


def test_an_item_used_again_stays_in_the_trash_and_the_webmasters_hear_of_it(
    make_document, make_page, users, clock, retention, django_capture_on_commit_callbacks
):
    document = make_document("แบบฟอร์มเก่า", name="form.pdf")
    clock(T0)
    entry = services.move_to_trash(document, users["webmaster"])
    make_page("หน้าที่ลิงก์กลับมา", html=f'<p><a linktype="document" id="{document.pk}">ฟอร์ม</a></p>')
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired(now=T0 + datetime.timedelta(days=40)) == 0
        assert services.purge_expired(now=T0 + datetime.timedelta(days=40, hours=1)) == 0
    entry.refresh_from_db()
    assert entry.state == TrashState.IN_TRASH
    told = Notification.objects.filter(kind=f"trash.still_in_use.{entry.pk}")
    assert told.filter(recipient=users["webmaster"]).count() == 1
    assert "หน้าที่ลิงก์กลับมา" in told.first().body
