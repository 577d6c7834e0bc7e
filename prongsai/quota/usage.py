"""How much of its paid storage an agency uses, and whether an upload still fits.

What counts (seed 000: the agency pays for limited web space and cleans up to get it back):

- the agency's documents and images: those in its collection and sub-collections
  (prongsai.agencies.collections), and those in the trash for the agency (a trashed file moved
  to the root-level trash collection still uses space until it is purged); each file once;
- the resized copies (renditions) Wagtail makes of those images.

Documents and images carry their size in the database (``file_size``), so their totals are
aggregate queries. Renditions have no size column: each one's size is read from the storage
once and kept in the cache; the totals are cached under a fingerprint of the agency's
renditions (count, highest id, sum of ids) that changes whenever one is created or deleted,
and then only the new ones are measured. Uploads and deletions of documents and images also
drop the totals (``invalidate``, from signals.py).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import BigIntegerField, Count, F, Max, Min, Q, Sum
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex

from prongsai.agencies.collections import agency_collection
from prongsai.agencies.models import AgencySettings, Department, DepartmentMember
from prongsai.agencies.thaidates import FiscalYear, fiscal_year_of
from prongsai.core.sizes import human_size
from prongsai.disclosures.filetypes import human_size_beside
from prongsai.trash.models import TrashEntry, TrashState

MB = 1024 * 1024
WARNING_PERCENT = 80
CRITICAL_PERCENT = 95
LARGEST_COUNT = 20
CACHE_SECONDS = 7 * 24 * 3600


# ---------- what belongs to the agency ----------


def quota_bytes(site):
    """The agency's quota in bytes (AgencySettings.storage_quota_mb, 1 MB = 1,048,576 bytes)."""
    return AgencySettings.for_site(site).storage_quota_mb * MB


def agency_collection_ids(site):
    """The agency's own collection and those below it; none when it has no collection yet
    (files in the shared root collection belong to no agency)."""
    top = agency_collection(site)
    if top.is_root():
        return Collection.objects.none()
    return Collection.objects.filter(path__startswith=top.path).values("pk")


def _trashed_ids(site, kind):
    return (
        TrashEntry.objects.filter(site=site, state=TrashState.IN_TRASH, kind=kind)
        .annotate(oid=Cast("object_id", BigIntegerField()))
        .values("oid")
    )


def documents_of(site, collections=None):
    """The agency's documents, the ones in its trash included (each once). `collections`
    (agency_collection_ids(site)) may be passed in to save its queries."""
    if collections is None:
        collections = agency_collection_ids(site)
    return (
        get_document_model()
        .objects.filter(Q(collection__in=collections) | Q(pk__in=_trashed_ids(site, "document")))
        .order_by()
    )


def images_of(site, collections=None):
    """The agency's images, the ones in its trash included (each once)."""
    if collections is None:
        collections = agency_collection_ids(site)
    return (
        get_image_model()
        .objects.filter(Q(collection__in=collections) | Q(pk__in=_trashed_ids(site, "image")))
        .order_by()
    )


def trashed_documents_of(site):
    return get_document_model().objects.filter(pk__in=_trashed_ids(site, "document")).order_by()


def trashed_images_of(site):
    return get_image_model().objects.filter(pk__in=_trashed_ids(site, "image")).order_by()


def renditions_of(site, collections=None):
    Rendition = get_image_model().get_rendition_model()
    return Rendition.objects.filter(image__in=images_of(site, collections).values("pk")).order_by()


# ---------- sizes that are not in the database ----------


def _cache_key(site, what):
    return f"prongsai:quota:{what}:{site.pk}"


def invalidate(site):
    """Recount the agency's renditions and look again for files saved without a size. The size
    of each rendition already measured is kept: a rendition's file never changes (a new one
    gets a new id), so after an upload or a deletion nothing is read from storage twice."""
    if site is not None:
        cache.delete_many([_cache_key(site, "renditions"), _cache_key(site, "missing")])


def _storage_size(storage, name):
    try:
        return storage.size(name)
    except Exception:  # noqa: BLE001 — a missing file uses no space; any storage says so its own way
        return None


def fill_missing_sizes(site, queryset):
    """Documents and images saved without their size (e.g. created in code) are measured once
    and the size stored; files missing from the storage count as 0 and are not asked again
    until the cache is invalidated. Returns True when a size was stored."""
    missing_key = _cache_key(site, "missing")
    known_missing = cache.get(missing_key) or set()
    model = queryset.model
    label = model._meta.label_lower
    storage = model._meta.get_field("file").storage
    newly_missing, stored = set(), False
    for pk, name in queryset.filter(file_size__isnull=True).values_list("pk", "file"):
        if (label, pk) in known_missing:
            continue
        size = _storage_size(storage, name) if name else None
        if size is None:
            newly_missing.add((label, pk))
        else:
            model.objects.filter(pk=pk).update(file_size=size)
            stored = True
    if newly_missing:
        cache.set(missing_key, known_missing | newly_missing, CACHE_SECONDS)
    return stored


def _file_totals(site, queryset, trashed):
    """{total, trash} bytes of a document or image queryset, measuring files saved without a
    size first (only when there are any: one query in the usual case)."""
    sums = {
        "total": Sum("file_size"),
        "trash": Sum("file_size", filter=Q(pk__in=trashed)),
        "unsized": Count("pk", filter=Q(file_size__isnull=True)),
    }
    result = queryset.aggregate(**sums)
    if result["unsized"] and fill_missing_sizes(site, queryset):
        result = queryset.aggregate(**sums)
    return {"total": result["total"] or 0, "trash": result["trash"] or 0}


@dataclass
class RenditionSizes:
    total: int = 0
    by_image: dict = field(default_factory=dict)  # {image id: bytes of its renditions}


def rendition_sizes(site, collections=None):
    """Bytes of the agency's renditions, from the cache while no rendition was added or
    removed; after a change only the renditions not measured before are read."""
    renditions = renditions_of(site, collections)
    # ids are never reused (PostgreSQL sequences, SQLite AUTOINCREMENT), so any rendition
    # added raises the highest id and any removed lowers the count
    stats = renditions.aggregate(n=Count("pk"), top=Max("pk"), ids=Sum("pk"))
    fingerprint = (stats["n"], stats["top"], stats["ids"])
    key, sizes_key = _cache_key(site, "renditions"), _cache_key(site, "rendition-sizes")
    cached = cache.get(key)
    if cached and cached["fingerprint"] == fingerprint:
        return RenditionSizes(cached["total"], cached["by_image"])
    # something changed: measure only the renditions not measured before
    known = cache.get(sizes_key) or {}
    storage = renditions.model._meta.get_field("file").storage
    sizes, by_image = {}, defaultdict(int)
    for pk, image_id, name in renditions.values_list("pk", "image_id", "file"):
        size = known.get(pk)
        if size is None:
            size = _storage_size(storage, name) or 0
        sizes[pk] = size
        by_image[image_id] += size
    result = RenditionSizes(sum(sizes.values()), dict(by_image))
    cache.set(sizes_key, sizes, CACHE_SECONDS)
    cache.set(
        key,
        {"fingerprint": fingerprint, "total": result.total, "by_image": result.by_image},
        CACHE_SECONDS,
    )
    return result


# ---------- the totals (meter, upload check) ----------


@dataclass
class Totals:
    quota: int
    documents: int = 0
    images: int = 0
    renditions: int = 0
    trash: int = 0

    @property
    def used(self):
        return self.documents + self.images + self.renditions

    @property
    def left(self):
        return max(self.quota - self.used, 0)

    @property
    def percent(self):
        """Share of the quota used, one decimal (may pass 100 when the quota was lowered)."""
        if self.quota <= 0:
            return 100.0 if self.used else 0.0
        return round(self.used * 100 / self.quota, 1)

    @property
    def bar_percent(self):
        return min(self.percent, 100.0)

    @property
    def level(self):
        """'ok', 'warning' (amber, from 80 %) or 'critical' (red, from 95 %)."""
        if self.percent >= CRITICAL_PERCENT:
            return "critical"
        if self.percent >= WARNING_PERCENT:
            return "warning"
        return "ok"

    @property
    def trash_percent(self):
        return round(self.trash * 100 / self.used, 1) if self.used else 0.0

    @property
    def used_human(self):
        return human_size(self.used)

    @property
    def quota_human(self):
        return human_size(self.quota)

    @property
    def left_human(self):
        return human_size(self.left)

    @property
    def trash_human(self):
        return human_size(self.trash)


def totals(site):
    """Used bytes (documents + images + renditions, trash included) against the quota."""
    return _totals(site)[0]


def _totals(site):
    collections = agency_collection_ids(site)
    documents = _file_totals(site, documents_of(site, collections), _trashed_ids(site, "document"))
    images = _file_totals(site, images_of(site, collections), _trashed_ids(site, "image"))
    renditions = rendition_sizes(site, collections)
    trash = documents["trash"] + images["trash"]
    if renditions.by_image:
        trashed_images = trashed_images_of(site).values_list("pk", flat=True)
        trash += sum(renditions.by_image.get(pk, 0) for pk in trashed_images)
    result = Totals(
        quota=quota_bytes(site),
        documents=documents["total"],
        images=images["total"],
        renditions=renditions.total,
        trash=trash,
    )
    return result, renditions


def would_exceed(site, incoming_bytes, name=None):
    """A Thai message when storing `incoming_bytes` more would take the agency over its quota
    (None when it fits, when there is no agency, or when nothing is added). `name` is the file
    name, or the list of names of files stored together, that the message shows."""
    if site is None or not incoming_bytes or incoming_bytes <= 0:
        return None
    current = totals(site)
    if current.used + incoming_bytes <= current.quota:
        return None
    names = [name] if isinstance(name, str) else list(name or [])
    values = {
        "name": names[0] if names else _("The file"),
        "names": ", ".join(names),
        "count": len(names),
        "size": human_size_beside(incoming_bytes, current.left),
        "left": human_size_beside(current.left, incoming_bytes),
        "quota": human_size(current.quota),
    }
    if len(names) > 1:
        refusal = _(
            "The %(count)s files (%(names)s), %(size)s together, cannot be stored: the agency's "
            "storage has only %(left)s left of its %(quota)s quota."
        )
    else:
        refusal = _(
            "%(name)s (%(size)s) cannot be stored: the agency's storage has only %(left)s left "
            "of its %(quota)s quota."
        )
    parts = [refusal % values]
    if current.trash:
        parts.append(
            _("Files in the trash still use %(trash)s; emptying the trash gives it back.")
            % {"trash": human_size(current.trash)}
        )
    parts.append(
        _(
            "Nothing was saved. Delete files that are no longer needed and empty the trash, "
            "or ask the agency administrator for more space."
        )
    )
    return " ".join(parts)


# ---------- the breakdown (the storage page) ----------


@dataclass
class Bucket:
    key: object
    label: str
    bytes: int = 0
    documents: int = 0
    images: int = 0
    share: float = 0.0

    @property
    def human(self):
        return human_size(self.bytes)


@dataclass
class Usage(Totals):
    site: object = None
    by_department: list = field(default_factory=list)
    by_fiscal_year: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    largest: list = field(default_factory=list)


def _departments_of_users(site):
    """{user id: department id}: the department an uploader belongs to in this agency (the
    first in the agency's order when they are in several)."""
    rows = (
        DepartmentMember.objects.filter(department__site=site)
        .order_by("department__sort_order", "department__name", "pk")
        .values_list("user_id", "department_id")
    )
    departments = {}
    for user_id, department_id in rows:
        departments.setdefault(user_id, department_id)
    return departments


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def per_fiscal_year(queryset):
    """{B.E. fiscal year: (bytes, files)} by upload date, as sums over date ranges in one
    query (a per-row date function would run in Python on SQLite: 20,000 documents took
    0.13 s that way)."""
    span = queryset.aggregate(first=Min("created_at"), last=Max("created_at"))
    if span["first"] is None:
        return {}
    years = range(fiscal_year_of(span["first"]).be, fiscal_year_of(span["last"]).be + 1)
    sums = {}
    for be in years:
        fiscal_year = FiscalYear(be)
        within = Q(
            created_at__gte=_start_of(fiscal_year.start),
            created_at__lt=_start_of(fiscal_year.end + datetime.timedelta(days=1)),
        )
        sums[f"bytes_{be}"] = Sum("file_size", filter=within)
        sums[f"files_{be}"] = Count("pk", filter=within)
    row = queryset.aggregate(**sums)
    return {be: (row[f"bytes_{be}"] or 0, row[f"files_{be}"]) for be in years if row[f"files_{be}"]}


def usage(site):
    """Everything the storage page shows: totals, per department, per fiscal year (B.E., by
    the date the file was uploaded), by kind, the trash share and the largest files."""
    base, renditions = _totals(site)
    result = Usage(**vars(base), site=site)
    collections = agency_collection_ids(site)
    documents, images = documents_of(site, collections), images_of(site, collections)
    user_departments = _departments_of_users(site)

    departments = {}
    for department in Department.objects.filter(site=site).order_by("sort_order", "name"):
        departments[department.pk] = Bucket(department.pk, department.name)
    no_department = Bucket(None, _("No department"))
    years = {}

    def department_bucket(department_id):
        if department_id is None:
            return no_department
        if department_id not in departments:
            other = Department.objects.filter(pk=department_id).first()
            departments[department_id] = Bucket(department_id, str(other or no_department.label))
        return departments[department_id]

    def year_bucket(be):
        if be not in years:
            years[be] = Bucket(be, str(be))
        return years[be]

    for row in documents.values("department_id").annotate(total=Sum("file_size"), n=Count("pk")):
        bucket = department_bucket(row["department_id"])
        bucket.bytes += row["total"] or 0
        bucket.documents += row["n"]
    for row in images.values("uploaded_by_user_id").annotate(total=Sum("file_size"), n=Count("pk")):
        bucket = department_bucket(user_departments.get(row["uploaded_by_user_id"]))
        bucket.bytes += row["total"] or 0
        bucket.images += row["n"]
    for be, (total, n) in per_fiscal_year(documents).items():
        year_bucket(be).bytes += total
        year_bucket(be).documents += n
    for be, (total, n) in per_fiscal_year(images).items():
        year_bucket(be).bytes += total
        year_bucket(be).images += n

    if renditions.by_image:
        with_renditions = images.filter(renditions__isnull=False).distinct()
        for pk, user_id, created in with_renditions.values_list(
            "pk", "uploaded_by_user_id", "created_at"
        ):
            extra = renditions.by_image.get(pk, 0)
            department_bucket(user_departments.get(user_id)).bytes += extra
            year_bucket(fiscal_year_of(created).be).bytes += extra

    def with_share(buckets):
        for bucket in buckets:
            bucket.share = round(bucket.bytes * 100 / base.used, 1) if base.used else 0.0
        return buckets

    result.by_department = with_share(list(departments.values()) + [no_department])
    result.by_fiscal_year = with_share(sorted(years.values(), key=lambda b: -b.key))
    result.by_kind = with_share(
        [
            Bucket("documents", _("Documents"), base.documents, documents=documents.count()),
            Bucket("images", _("Images"), base.images, images=images.count()),
            Bucket("renditions", _("Resized copies of images"), base.renditions),
        ]
    )
    result.largest = largest_files(site, documents, images, renditions)
    return result


@dataclass
class LargeFile:
    kind: str
    kind_label: str
    pk: int
    title: str
    bytes: int
    department: str
    fiscal_year: int | None
    usage_count: int
    in_trash: bool
    extra_bytes: int = 0  # the image's resized copies

    @property
    def human(self):
        return human_size(self.bytes)

    @property
    def extra_human(self):
        return human_size(self.extra_bytes) if self.extra_bytes else ""

    @property
    def edit_url(self):
        if self.kind == "document":
            return reverse("wagtaildocs:edit", args=[self.pk])
        return reverse("wagtailimages:edit", args=[self.pk])

    @property
    def usage_url(self):
        if self.kind == "document":
            return reverse("wagtaildocs:document_usage", args=[self.pk])
        return reverse("wagtailimages:image_usage", args=[self.pk])


def largest_files(site, documents, images, renditions, count=LARGEST_COUNT):
    """The biggest files of the agency, with how many places use them (Wagtail's reference
    index, as its own usage pages count them)."""
    Document, Image = get_document_model(), get_image_model()
    trashed_documents = set(trashed_documents_of(site).values_list("pk", flat=True))
    trashed_images = set(trashed_images_of(site).values_list("pk", flat=True))
    user_departments = _departments_of_users(site)
    names = dict(Department.objects.filter(site=site).values_list("pk", "name"))
    order = F("file_size").desc(nulls_last=True)
    found = []
    for row in (
        documents.annotate(usage_count=ReferenceIndex.usage_count_subquery(Document))
        .order_by(order, "pk")
        .values("pk", "title", "file_size", "department_id", "created_at", "usage_count")[:count]
    ):
        found.append(
            LargeFile(
                "document",
                _("Document"),
                row["pk"],
                row["title"],
                row["file_size"] or 0,
                names.get(row["department_id"], ""),
                fiscal_year_of(row["created_at"]).be if row["created_at"] else None,
                row["usage_count"],
                row["pk"] in trashed_documents,
            )
        )
    for row in (
        images.annotate(usage_count=ReferenceIndex.usage_count_subquery(Image))
        .order_by(order, "pk")
        .values("pk", "title", "file_size", "uploaded_by_user_id", "created_at", "usage_count")[
            :count
        ]
    ):
        found.append(
            LargeFile(
                "image",
                _("Image"),
                row["pk"],
                row["title"],
                row["file_size"] or 0,
                names.get(user_departments.get(row["uploaded_by_user_id"]), ""),
                fiscal_year_of(row["created_at"]).be if row["created_at"] else None,
                row["usage_count"],
                row["pk"] in trashed_images,
                renditions.by_image.get(row["pk"], 0),
            )
        )
    found.sort(key=lambda f: (-f.bytes, f.kind, f.pk))
    return found[:count]
