"""What counts against an agency's quota: its documents, images and their resized copies, its
trash (once), never another agency's files."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import FileSystemStorage
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import override
from wagtail.images import get_image_model
from wagtail.models import Collection

from prongsai.agencies.collections import agency_collection
from prongsai.agencies.models import AgencySettings
from prongsai.core.sizes import human_size
from prongsai.disclosures.models import AgencyDocument
from prongsai.quota import usage as quota
from prongsai.quota.tests.conftest import MB, pdf_of_size, png_of_size
from prongsai.trash.models import TrashEntry

pytestmark = pytest.mark.django_db
Image = get_image_model()


def make_document(collection, size, title="เอกสารทดสอบ", department=None, user=None):
    document = AgencyDocument(
        title=title,
        file=ContentFile(pdf_of_size(size), name="test.pdf"),
        collection=collection,
        department=department,
        uploaded_by_user=user,
    )
    document._set_document_file_metadata()
    document.save()
    return document


def make_image(collection, size, title="ภาพทดสอบ", user=None):
    image = Image(
        title=title,
        file=ImageFile(io.BytesIO(png_of_size(size)), name="test.png"),
        collection=collection,
        uploaded_by_user=user,
    )
    image._set_image_file_metadata()
    image.save()
    return image


def trash(site, item, kind, move_to=None):
    if move_to is not None:
        item.collection = move_to
        item.save()
    return TrashEntry.objects.create(
        site=site,
        content_type=ContentType.objects.get_for_model(item),
        object_id=str(item.pk),
        kind=kind,
        title=item.title,
        trashed_at=timezone.now(),
    )


@pytest.fixture
def trash_collection():
    return Collection.get_first_root_node().add_child(name="ถังขยะ")


def test_the_demo_agency_uses_what_its_documents_and_images_weigh(demo_site):
    collection = agency_collection(demo_site)
    expected_documents = AgencyDocument.objects.filter(
        collection__path__startswith=collection.path
    ).aggregate(total=Sum("file_size"))["total"]
    # the demo's trash holds a file uploaded twice: in the trash collection, still the agency's
    in_trash = sum(
        AgencyDocument.objects.get(pk=entry.object_id).file_size
        for entry in TrashEntry.objects.filter(site=demo_site, state="in_trash", kind="document")
        if not AgencyDocument.objects.filter(
            pk=entry.object_id, collection__path__startswith=collection.path
        ).exists()
    )
    totals = quota.totals(demo_site)
    assert totals.documents == expected_documents + in_trash > 0
    assert totals.quota == AgencySettings.for_site(demo_site).storage_quota_mb * MB
    assert totals.used == totals.documents + totals.images + totals.renditions


def test_an_upload_and_its_resized_copies_count(demo_site):
    collection = agency_collection(demo_site)
    before = quota.totals(demo_site)
    image = make_image(collection, 5000)
    rendition = image.get_rendition("fill-60x40")
    after = quota.totals(demo_site)
    assert after.images == before.images + 5000
    assert after.renditions == before.renditions + rendition.file.size > before.renditions


def test_another_agencys_files_and_shared_files_are_never_counted(demo_site, other_agency):
    before = quota.totals(demo_site)
    make_document(other_agency["collection"], 20_000, department=other_agency["department"])
    make_image(other_agency["collection"], 3000).get_rendition("fill-60x40")
    make_document(Collection.get_first_root_node(), 15_000)  # shared: no agency's
    assert quota.totals(demo_site).used == before.used
    other = quota.totals(other_agency["site"])
    assert other.documents == 20_000
    assert other.images == 3000
    assert other.renditions > 0
    assert quota.usage(other_agency["site"]).by_department[0].label == "กองคลัง ทต.อื่น"


def test_files_in_the_trash_still_count_and_only_once(demo_site, trash_collection):
    collection = agency_collection(demo_site)
    before = quota.totals(demo_site)
    moved = make_document(collection, 30_000, title="ย้ายลงถังขยะ")
    stays = make_document(collection, 12_000, title="ยังอยู่ในคอลเลกชัน")
    image = make_image(collection, 4000)
    copy = image.get_rendition("fill-60x40")
    trash(demo_site, moved, "document", move_to=trash_collection)
    trash(demo_site, stays, "document")  # still in the agency's collection: not twice
    trash(demo_site, image, "image", move_to=trash_collection)
    totals = quota.totals(demo_site)
    assert totals.used == before.used + 30_000 + 12_000 + 4000 + copy.file.size
    assert totals.trash == before.trash + 30_000 + 12_000 + 4000 + copy.file.size
    # once purged (or restored elsewhere) the trash entry no longer makes it the agency's
    TrashEntry.objects.filter(object_id=str(moved.pk)).update(state="purged")
    assert quota.totals(demo_site).used == before.used + 12_000 + 4000 + copy.file.size


def test_a_trash_entry_of_another_agency_does_not_count(demo_site, other_agency, trash_collection):
    before = quota.totals(demo_site)
    theirs = make_document(other_agency["collection"], 25_000)
    trash(other_agency["site"], theirs, "document", move_to=trash_collection)
    assert quota.totals(demo_site).used == before.used
    assert quota.totals(other_agency["site"]).trash == 25_000


def test_resized_copies_are_measured_once_then_from_the_cache(demo_site, monkeypatch):
    collection = agency_collection(demo_site)
    image = make_image(collection, 3000)
    image.get_rendition("fill-60x40")
    calls = []
    real_size = FileSystemStorage.size

    def counting_size(storage, name):
        calls.append(name)
        return real_size(storage, name)

    monkeypatch.setattr(FileSystemStorage, "size", counting_size)
    first = quota.totals(demo_site).renditions
    measured = len(calls)
    assert measured >= 1
    assert quota.totals(demo_site).renditions == first
    assert len(calls) == measured  # nothing read again
    new = image.get_rendition("fill-30x20")
    new_size = new.file.size
    measured = len(calls)
    assert quota.totals(demo_site).renditions == first + new_size
    assert calls[measured:] == [new.file.name]  # only the new copy was read


def test_deleting_an_image_removes_it_and_its_copies(demo_site):
    collection = agency_collection(demo_site)
    before = quota.totals(demo_site)
    image = make_image(collection, 6000)
    image.get_rendition("fill-60x40")
    assert quota.totals(demo_site).used > before.used + 6000
    image.delete()
    assert quota.totals(demo_site).used == before.used


def test_breakdown_per_department_fiscal_year_kind_and_largest(demo_site, users):
    from prongsai.agencies.thaidates import fiscal_year_of

    collection = agency_collection(demo_site)
    finance = users["requester"].department_memberships.get().department
    before = quota.usage(demo_site)
    big = make_document(collection, 3 * MB, title="แผนที่ภาษีฉบับสแกน", department=finance)
    make_image(collection, 7000, user=users["requester"])  # the uploader is in กองคลัง
    make_image(collection, 2000, user=users["executive"])  # in no department
    after = quota.usage(demo_site)

    def bucket(rows, key):
        return next(row for row in rows if row.key == key)

    grown = (
        bucket(after.by_department, finance.pk).bytes
        - bucket(before.by_department, finance.pk).bytes
    )
    assert grown == 3 * MB + 7000
    assert bucket(after.by_department, None).bytes - bucket(before.by_department, None).bytes == (
        2000
    )
    this_year = fiscal_year_of(timezone.localdate()).be
    assert bucket(after.by_fiscal_year, this_year).documents == (
        bucket(before.by_fiscal_year, this_year).documents + 1
    )
    assert sum(row.bytes for row in after.by_department) == after.used
    assert sum(row.bytes for row in after.by_fiscal_year) == after.used
    assert sum(row.bytes for row in after.by_kind) == after.used
    top = after.largest[0]
    assert (top.kind, top.pk, top.bytes, top.department) == ("document", big.pk, 3 * MB, "กองคลัง")
    assert top.fiscal_year == this_year
    assert len(after.largest) == 20
    assert [f.bytes for f in after.largest] == sorted(
        (f.bytes for f in after.largest), reverse=True
    )


def test_largest_files_say_where_they_are_used(demo_site):
    from wagtail.models import ReferenceIndex

    from prongsai.disclosures.models import DisclosurePage

    page = DisclosurePage.objects.live().exclude(attachments=[]).first()
    document = page.attached_documents()[0]
    ReferenceIndex.create_or_update_for_object(page)
    AgencyDocument.objects.filter(pk=document.pk).update(file_size=50 * MB)
    top = quota.usage(demo_site).largest[0]
    assert (top.kind, top.pk) == ("document", document.pk)
    assert top.usage_count >= 1
    assert top.usage_url == f"/admin/documents/usage/{document.pk}/"


def test_meter_levels():
    assert quota.Totals(quota=1000, documents=799).level == "ok"
    assert quota.Totals(quota=1000, documents=800).level == "warning"
    assert quota.Totals(quota=1000, documents=949).level == "warning"
    assert quota.Totals(quota=1000, documents=950).level == "critical"
    over = quota.Totals(quota=1000, documents=1200)
    assert over.percent == 120.0 and over.bar_percent == 100.0 and over.left == 0


def test_would_exceed_lands_exactly_on_the_quota_and_speaks_thai(demo_site, leave_free):
    free = leave_free(100_000)
    assert quota.would_exceed(demo_site, free, name="ประกาศ.pdf") is None
    with override("th"):
        message = quota.would_exceed(demo_site, free + 1, name="ประกาศ.pdf")
        several = quota.would_exceed(demo_site, free + 1, name=["ก.pdf", "ข.pdf"])
    assert message.startswith("ไม่สามารถจัดเก็บไฟล์ ประกาศ.pdf")
    assert "เหลือเพียง" in message and "ล้างถังขยะ" in message
    assert "ผู้ดูแลระบบของหน่วยงาน" in message
    # the size and the space left look alike when rounded, so they are shown in bytes
    assert f"{free + 1:,} ไบต์" in message and f"{free:,} ไบต์" in message
    assert "ทั้ง 2 ไฟล์ (ก.pdf, ข.pdf)" in several
    assert quota.would_exceed(None, 10**12) is None  # no agency: no quota


def test_the_trash_is_named_in_the_refusal_when_it_holds_files(
    demo_site, leave_free, trash_collection
):
    collection = agency_collection(demo_site)
    trash(demo_site, make_document(collection, 40_000), "document", move_to=trash_collection)
    free = leave_free(50_000)
    held = quota.totals(demo_site).trash
    assert held >= 40_000
    with override("th"):
        message = quota.would_exceed(demo_site, free + 1, name="a.pdf")
    assert f"ไฟล์ในถังขยะยังใช้พื้นที่อยู่ {human_size(held)}" in message


def test_quota_follows_the_agency_setting(demo_site):
    agency = AgencySettings.for_site(demo_site)
    agency.storage_quota_mb = 7
    agency.save()
    assert quota.totals(demo_site).quota == 7 * MB
