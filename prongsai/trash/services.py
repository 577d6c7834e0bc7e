"""The trash: move pages, documents and images there, restore them as they were, purge them for
good. Other apps (retention, quota) code against the functions here; keep their names.

Nothing still used by another page is trashed or purged silently: ``usages()`` reads Wagtail's
reference index, ``move_to_trash()`` and ``purge()`` raise ``StillInUse`` while it is non-empty,
and ``unlink()`` / ``replace()`` take the item out of the pages that use it (through a new
revision, republished when the page was live).

Crash safety: each entry is purged in its own transaction; the storage names of its files go
into ``PendingFileDeletion`` in that same transaction and are deleted after the commit. The
worker job (``purge_expired``) first deletes whatever a killed run left in that outbox.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast, Length, Substr
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page, ReferenceIndex, Revision, WorkflowState

from prongsai.trash.links import Target, rewrite
from prongsai.trash.models import PendingFileDeletion, TrashEntry, TrashKind, TrashState

logger = logging.getLogger("prongsai.trash")

__all__ = [
    "Usage",
    "StillInUse",
    "TrashError",
    "usages",
    "move_to_trash",
    "unlink",
    "replace",
    "restore",
    "purge",
    "purge_expired",
    "is_in_trash",
    "kind_of",
    "drain_file_outbox",
    "trash_collection",
    "exclude_trashed",
    "in_trash",
    "exclude_trashed_pages",
    "held_bytes",
]


class TrashError(Exception):
    """A refusal, with a message in Thai for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class StillInUse(TrashError):
    """The item is still used by pages (or other objects) outside the trash."""

    def __init__(self, usages, obj=None):
        self.usages = list(usages)
        self.obj = obj
        title = _title_of(obj) if obj is not None else ""
        super().__init__(
            _("“%(title)s” is still used in %(count)d places: %(places)s.")
            % {
                "title": title,
                "count": len(self.usages),
                "places": ", ".join(usage.title for usage in self.usages[:5]),
            }
        )


@dataclass
class Usage:
    """One page (or other object) that refers to the item, and where in it."""

    object: object
    label: str
    edit_url: str
    is_live: bool
    references: list = field(default_factory=list, repr=False)

    @property
    def page(self):
        return self.object if isinstance(self.object, Page) else None

    @property
    def title(self):
        return _title_of(self.object)

    @property
    def state_label(self):
        return _("live") if self.is_live else _("draft")


# ---------------------------------------------------------------- what it is and where


def kind_of(obj):
    if isinstance(obj, Page):
        return TrashKind.PAGE
    if isinstance(obj, get_document_model()):
        return TrashKind.DOCUMENT
    if isinstance(obj, get_image_model()):
        return TrashKind.IMAGE
    raise TrashError(_("Only pages, documents and images can go to the trash."))


def _title_of(obj):
    if isinstance(obj, Page):
        return obj.get_admin_display_title()
    return str(getattr(obj, "title", None) or obj)


def _page_content_type():
    return ContentType.objects.get_for_model(Page)


def _site_of(obj, user=None):
    from prongsai.trash.access import managed_sites, site_of

    site = site_of(obj)
    if site is None and user is not None:
        site = managed_sites(user).first()
    if site is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site


def _ancestor_paths(path):
    step = Page.steplen
    return [path[:i] for i in range(step, len(path) + 1, step)]


def is_in_trash(obj):
    """True for an item in the trash, and for a page below a page in the trash."""
    if isinstance(obj, Page):
        return TrashEntry.objects.filter(
            state=TrashState.IN_TRASH, page__path__in=_ancestor_paths(obj.path)
        ).exists()
    return TrashEntry.objects.filter(
        state=TrashState.IN_TRASH,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
    ).exists()


def in_trash(model, sites=None):
    """A condition for a queryset of documents or images (`model`): the row is in the trash
    (of one of `sites`, when given)."""
    entries = TrashEntry.objects.filter(
        state=TrashState.IN_TRASH,
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    if sites is not None:
        entries = entries.filter(site__in=sites)
    return Exists(entries)


def exclude_trashed(queryset):
    """Documents or images of `queryset` that are not in the trash."""
    return queryset.filter(~in_trash(queryset.model))


def exclude_trashed_pages(queryset):
    """Pages not in the trash (nor below a page in the trash)."""
    in_trash = TrashEntry.objects.filter(
        state=TrashState.IN_TRASH,
        page__isnull=False,
        page__path=Substr(OuterRef("path"), 1, Length("page__path")),
    )
    # A primary-key subquery, not a negated condition, so a search query accepts it too.
    kept = Page.objects.filter(~Exists(in_trash)).values_list("pk", flat=True)
    return queryset.filter(pk__in=kept)


def _trashed_page_paths():
    return list(
        TrashEntry.objects.filter(state=TrashState.IN_TRASH, page__isnull=False).values_list(
            "page__path", flat=True
        )
    )


def _under(path, prefixes):
    return any(path.startswith(prefix) for prefix in prefixes)


# ---------------------------------------------------------------- usages


def _describe(reference):
    try:
        return str(reference.describe_source_field())
    except Exception:  # a stale row whose field no longer exists
        return reference.model_path


def usages(obj, *, ignore_pages=()):
    """Live or draft pages and other objects that refer to ``obj`` (for a page: to it or a page
    below it), from Wagtail's reference index; leaving out what is itself in the trash, the
    page's own subtree, and ``ignore_pages`` (with their subtrees)."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    kind = kind_of(obj)
    if kind == TrashKind.PAGE:
        target_ids = [
            str(pk)
            for pk in Page.objects.filter(path__startswith=obj.path).values_list("pk", flat=True)
        ]
        skip_paths = [obj.path]
    else:
        target_ids = [str(obj.pk)]
        skip_paths = []
    skip_paths += [page.path for page in ignore_pages]
    skip_paths += _trashed_page_paths()

    references = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(obj),
        to_object_id__in=target_ids,
    ).order_by("base_content_type_id", "object_id", "pk")
    grouped = {}
    for reference in references:
        grouped.setdefault((reference.base_content_type_id, reference.object_id), []).append(
            reference
        )
    page_ct = _page_content_type()
    page_ids = [object_id for (ct_id, object_id) in grouped if ct_id == page_ct.pk]
    pages = {str(p.pk): p for p in Page.objects.filter(pk__in=page_ids).specific()}
    finder = AdminURLFinder()
    found = []
    with translation.override("th"):
        for (ct_id, object_id), rows in grouped.items():
            if ct_id == page_ct.pk:
                source = pages.get(object_id)
                if source is None or _under(source.path, skip_paths):
                    continue
                is_live = source.live
                edit_url = reverse("wagtailadmin_pages:edit", args=[source.pk])
            else:
                model = ContentType.objects.get_for_id(rows[0].content_type_id).model_class()
                if model is None:
                    continue
                source = model._default_manager.filter(pk=object_id).first()
                if source is None or (type(source) is type(obj) and source.pk == obj.pk):
                    continue
                if isinstance(source, get_document_model() | get_image_model()) and is_in_trash(
                    source
                ):
                    continue
                is_live = bool(getattr(source, "live", True))
                edit_url = finder.get_edit_url(source) or ""
            labels = []
            for row in rows:
                label = _describe(row)
                if label not in labels:
                    labels.append(label)
            found.append(Usage(source, ", ".join(labels), edit_url, is_live, rows))
    found.sort(key=lambda usage: (not usage.is_live, usage.title))
    return found


# ---------------------------------------------------------------- sizes, files, collections


def _file_fields(obj):
    """The FieldFiles of a document or an image (with its renditions)."""
    files = []
    if getattr(obj, "file", None):
        files.append(obj.file)
    if hasattr(obj, "renditions"):
        files += [r.file for r in obj.renditions.all() if r.file]
    return files


def _size_of(file):
    try:
        return file.storage.size(file.name)
    except Exception:  # a missing file uses no space
        return 0


def held_bytes(entry):
    """Bytes an entry holds in the trash: its own files and, for a page, the files that went
    to the trash with it and are still there."""
    bundled = entry.bundled_entries.filter(state=TrashState.IN_TRASH)
    return entry.size_bytes + sum(bundled.values_list("size_bytes", flat=True))


def stored_size(obj):
    """Bytes a document or an image uses in storage (an image with its renditions)."""
    return sum(_size_of(file) for file in _file_fields(obj))


def _agency_label(site):
    from prongsai.agencies.models import AgencySettings

    settings = AgencySettings.for_site(site)
    return settings.short_name or settings.name_th or site.site_name or site.hostname


def trash_collection(site):
    """The agency's trash collection: below the root, with no group permissions, so Wagtail's
    listings and choosers leave its documents and images out for agency users."""
    name = ("ถังขยะ — " + _agency_label(site))[:255]
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


# ---------------------------------------------------------------- move to the trash


def _log(instance, action, user, **data):
    log(instance=instance, action=action, user=user, data=data)


def _check_movable(obj, kind):
    if kind == TrashKind.PAGE:
        if obj.depth <= 2 or obj.sites_rooted_here.exists():
            raise TrashError(_("The home page of an agency cannot be moved to the trash."))
    if is_in_trash(obj):
        raise TrashError(_("“%(title)s” is already in the trash.") % {"title": _title_of(obj)})


def move_to_trash(obj, user, *, reason="", origin=""):
    """Move a page (with the pages below it and the files only it uses), a document or an image
    to the trash. Raises StillInUse while usages(obj) is non-empty, TrashError (Thai) when it
    cannot go there at all."""
    kind = kind_of(obj)
    if kind == TrashKind.PAGE:
        obj = Page.objects.get(pk=obj.pk).specific
    _check_movable(obj, kind)
    found = usages(obj)
    if found:
        raise StillInUse(found, obj)
    site = _site_of(obj, user)
    now = timezone.now()
    with transaction.atomic():
        if kind == TrashKind.PAGE:
            entry = _trash_page(obj, user, site, now, reason, origin)
        else:
            entry = _trash_file(obj, kind, user, site, now, reason, origin)
    return entry


def _trash_page(page, user, site, now, reason, origin):
    subtree = list(Page.objects.filter(path__startswith=page.path).order_by("path"))
    bundle = _files_only_used_by(page, subtree, site)
    entry = TrashEntry.objects.create(
        site=site,
        content_type=ContentType.objects.get_for_model(page.specific_class or Page),
        object_id=str(page.pk),
        kind=TrashKind.PAGE,
        title=page.title[:255],
        page=page,
        was_live=page.live,
        url_path=page.url_path[:500],
        live_revisions={str(p.pk): p.live_revision_id for p in subtree if p.live},
        reason=reason,
        origin=origin[:100],
        trashed_at=now,
        trashed_by=user,
    )
    subtree_ids = [str(p.pk) for p in subtree]
    # nothing may publish it while it is in the trash: no workflow, no schedule, not live
    for state in WorkflowState.objects.filter(
        base_content_type=_page_content_type(),
        object_id__in=subtree_ids,
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ):
        state.cancel(user=user)
    Revision.objects.filter(
        base_content_type=_page_content_type(),
        object_id__in=subtree_ids,
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)
    for live_page in Page.objects.filter(path__startswith=page.path, live=True).specific():
        UnpublishPageAction(live_page, user=user).execute(skip_permission_checks=True)
    for document in bundle:
        _trash_file(document, TrashKind.DOCUMENT, user, site, now, reason, origin, parent=entry)
    _log(
        page,
        "prongsai.trash.move",
        user,
        entry=entry.pk,
        reason=reason,
        origin=origin,
        pages=len(subtree),
        files=len(bundle),
    )
    _reindex_pages_on_commit(subtree_ids)
    return entry


def _files_only_used_by(page, subtree, site):
    """The agency's documents attached to the pages of this subtree that no page outside it
    (and outside the trash) uses: they go to the trash with the page."""
    from prongsai.agencies.collections import site_for_object

    document_model = get_document_model()
    ids = set(
        ReferenceIndex.objects.filter(
            base_content_type=_page_content_type(),
            object_id__in=[str(p.pk) for p in subtree],
            to_content_type=ReferenceIndex._get_base_content_type(document_model),
        ).values_list("to_object_id", flat=True)
    )
    for p in subtree:
        attached = getattr(p.specific, "attached_documents", None)
        if attached is not None:
            ids.update(str(document.pk) for document in attached())
    bundle = []
    for document in document_model.objects.filter(pk__in=ids).order_by("pk"):
        if site_for_object(document) != site or is_in_trash(document):
            continue
        if usages(document, ignore_pages=[page]):
            continue
        bundle.append(document)
    return bundle


def _trash_file(obj, kind, user, site, now, reason, origin, parent=None):
    entry = TrashEntry.objects.create(
        site=site,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        kind=kind,
        title=str(obj.title)[:255],
        parent_entry=parent,
        original_collection=obj.collection,
        size_bytes=stored_size(obj),
        reason=reason,
        origin=origin[:100],
        trashed_at=now,
        trashed_by=user,
    )
    obj.collection = trash_collection(site)
    obj.save(update_fields=["collection"])
    _log(
        obj,
        "prongsai.trash.move",
        user,
        entry=entry.pk,
        reason=reason,
        origin=origin,
        with_page=parent.title if parent else "",
    )
    return entry


def _reindex_pages_on_commit(page_ids):
    def enqueue():
        from modelsearch.tasks import insert_or_update_object_task

        for page in Page.objects.filter(pk__in=page_ids).select_related("content_type"):
            model = page.specific_class or Page
            insert_or_update_object_task.enqueue(
                model._meta.app_label, model._meta.model_name, str(page.pk)
            )

    transaction.on_commit(enqueue)


# ---------------------------------------------------------------- unlink / replace


def _targets(obj, replacement=None):
    kind = kind_of(obj)
    if kind == TrashKind.PAGE:
        ids = Page.objects.filter(path__startswith=obj.path).values_list("pk", flat=True)
        return Target(kind, Page, ids, replacement)
    return Target(kind, type(obj), [obj.pk], replacement)


def unlink(obj, usages, user):
    """Take ``obj`` out of every object in ``usages`` (a new revision for pages, published again
    when the page was live)."""
    _rewrite_usages(obj, usages, user, _targets(obj), "prongsai.trash.unlink")


def replace(obj, replacement, usages, user):
    """Point every object in ``usages`` at ``replacement`` instead of ``obj``."""
    if replacement is None or kind_of(replacement) != kind_of(obj):
        raise TrashError(_("Choose a replacement of the same kind."))
    if replacement.pk == obj.pk or is_in_trash(replacement):
        raise TrashError(_("The replacement cannot be the item itself or an item in the trash."))
    if kind_of(obj) == TrashKind.PAGE and replacement.path.startswith(obj.path):
        raise TrashError(_("The replacement cannot be a page below the page going to the trash."))
    _rewrite_usages(
        obj, usages, user, _targets(obj, replacement), "prongsai.trash.replace", replacement
    )


def _rewrite_usages(obj, found, user, target, action, replacement=None):
    with transaction.atomic():
        for usage in found:
            source = usage.object
            if isinstance(source, Page):
                changed = _rewrite_page(Page.objects.get(pk=source.pk).specific, target, user)
                source = Page.objects.get(pk=source.pk).specific
            else:
                source = type(source)._default_manager.get(pk=source.pk)
                try:
                    changed = rewrite(source, target)
                except ValueError as error:
                    raise TrashError(
                        _("“%(title)s” needs this item and cannot lose it; replace it instead.")
                        % {"title": _title_of(source)}
                    ) from error
                if changed:
                    source.save()
            if ReferenceIndex.is_indexed(type(source)):
                ReferenceIndex.create_or_update_for_object(source)
            if changed:
                _log(
                    source,
                    action,
                    user,
                    item=_title_of(obj),
                    kind=kind_of(obj),
                    item_id=obj.pk,
                    replacement=_title_of(replacement) if replacement is not None else "",
                    replacement_id=replacement.pk if replacement is not None else None,
                )


def _rewrite_page(page, target, user):
    """Rewrite a page's live content (published again) and its draft; True if it changed."""
    try:
        return _rewrite_page_content(page, target, user)
    except ValueError as error:
        raise TrashError(
            _("“%(title)s” needs this item and cannot lose it; replace it instead.")
            % {"title": _title_of(page)}
        ) from error


def _rewrite_page_content(page, target, user):
    changed = False
    draft_revision = page.latest_revision
    has_separate_draft = (
        page.live
        and page.has_unpublished_changes
        and draft_revision is not None
        and draft_revision.pk != page.live_revision_id
    )
    if page.live:
        live = page.live_revision.as_object() if page.live_revision_id else page
        if rewrite(live, target):
            revision = live.save_revision(user=user, clean=False, log_action=True)
            revision.publish(user=user, skip_permission_checks=True)
            changed = True
        if has_separate_draft:
            draft = draft_revision.as_object()
            if rewrite(draft, target):
                draft.save_revision(user=user, clean=False, log_action=True)
                changed = True
    else:
        draft = page.get_latest_revision_as_object()
        if rewrite(draft, target):
            # the row too: the reference index (and so usages()) reads it for drafts
            draft.save(clean=False)
            draft.save_revision(user=user, clean=False, log_action=True)
            changed = True
        else:
            row = Page.objects.get(pk=page.pk).specific
            if rewrite(row, target):
                row.save(clean=False)
                changed = True
    return changed


# ---------------------------------------------------------------- restore


def _locked_entry(entry):
    return TrashEntry.objects.select_for_update().get(pk=entry.pk)


def restore(entry, user):
    """Put everything back as it was: same place and URL, same files and collection, live
    again if it was (and has not expired since); the files that went with a page too."""
    with transaction.atomic():
        entry = _locked_entry(entry)
        if entry.state == TrashState.PURGED:
            raise TrashError(
                _("“%(title)s” was deleted for good on %(date)s and cannot be restored.")
                % {
                    "title": entry.title,
                    "date": date_format(timezone.localtime(entry.purged_at), "SHORT_DATE_FORMAT"),
                }
            )
        if entry.state == TrashState.RESTORED:
            return entry
        now = timezone.now()
        if entry.kind == TrashKind.PAGE:
            _restore_page(entry, user, now)
        else:
            _restore_file(entry, user, now)
    return entry


def _mark_restored(entry, user, now):
    entry.state = TrashState.RESTORED
    entry.restored_at = now
    entry.restored_by = user
    entry.save(update_fields=["state", "restored_at", "restored_by"])


def _restore_page(entry, user, now):
    page = entry.page
    if page is None:
        raise TrashError(
            _("“%(title)s” no longer exists and cannot be restored.") % {"title": entry.title}
        )
    _mark_restored(entry, user, now)
    for bundled in entry.bundled_entries.filter(state=TrashState.IN_TRASH):
        if bundled.item is not None:
            _restore_file(bundled, user, now)
    republished = []
    for page_id, revision_id in sorted(entry.live_revisions.items()):
        target = Page.objects.filter(pk=page_id).first()
        if target is None or target.live:
            continue
        target = target.specific
        if target.expired or (target.expire_at and target.expire_at <= now):
            continue
        revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
        if revision is None:
            revision = target.save_revision(user=user, clean=False, log_action=False)
        revision.publish(user=user, skip_permission_checks=True)
        republished.append(page_id)
    _log(
        page.specific,
        "prongsai.trash.restore",
        user,
        entry=entry.pk,
        republished=len(republished),
    )
    _reindex_pages_on_commit(
        list(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))
    )


def _restore_file(entry, user, now):
    from prongsai.agencies.collections import agency_collection

    obj = entry.item
    if obj is None:
        raise TrashError(
            _("“%(title)s” no longer exists and cannot be restored.") % {"title": entry.title}
        )
    collection = entry.original_collection or agency_collection(entry.site)
    obj.collection = collection
    obj.save(update_fields=["collection"])
    _mark_restored(entry, user, now)
    _log(obj, "prongsai.trash.restore", user, entry=entry.pk)


# ---------------------------------------------------------------- purge


def purge(entry, user=None):
    """Delete for good: the page and the pages below it / the document / the image with its
    renditions, and the files that went to the trash with a page. The entry stays, marked
    purged. Refused (Thai) while something outside the trash uses it again."""
    with transaction.atomic():
        entry = _locked_entry(entry)
        if entry.state == TrashState.PURGED:
            raise TrashError(
                _("“%(title)s” has already been deleted for good.") % {"title": entry.title}
            )
        if entry.state == TrashState.RESTORED:
            raise TrashError(
                _("“%(title)s” was restored and is no longer in the trash.")
                % {"title": entry.title}
            )
        entries = [entry]
        if entry.kind == TrashKind.PAGE:
            entries = list(entry.bundled_entries.filter(state=TrashState.IN_TRASH)) + entries
        for each in entries:
            obj = each.item
            if obj is not None:
                found = usages(obj)
                if found:
                    raise StillInUse(found, obj)
        now = timezone.now()
        for each in entries:
            _purge_one(each, user, now)
        entry_ids = [each.pk for each in entries]
        transaction.on_commit(lambda: drain_file_outbox(entry_ids))
    return entry


def _purge_one(entry, user, now):
    obj = entry.item
    if obj is not None and entry.kind != TrashKind.PAGE:
        PendingFileDeletion.objects.bulk_create(
            [PendingFileDeletion(name=file.name, entry=entry) for file in _file_fields(obj)]
        )
    if obj is not None:
        _delete_object(entry, obj, user)
    entry._state.fields_cache.pop("item", None)  # the deleted object is no longer its item
    entry.state = TrashState.PURGED
    entry.purged_at = now
    entry.purged_by = user
    entry.save(update_fields=["state", "purged_at", "purged_by"])
    log(
        instance=entry,
        action="prongsai.trash.purge",
        user=user,
        title=entry.title,
        data={"kind": entry.kind, "size_bytes": entry.size_bytes, "object_id": entry.object_id},
    )


def _delete_object(entry, obj, user):
    if entry.kind == TrashKind.PAGE:
        DeletePageAction(Page.objects.get(pk=obj.pk).specific, user=user).execute(
            skip_permission_checks=True
        )
    else:
        obj.delete()


def _file_still_recorded(name):
    from wagtail.images import get_image_model

    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    return (
        get_document_model().objects.filter(file=name).exists()
        or image_model.objects.filter(file=name).exists()
        or rendition_model.objects.filter(file=name).exists()
    )


def drain_file_outbox(entry_ids=None):
    """Delete the files of purged records (a missing file is fine) and their outbox rows. A
    name that a record uses again (a new upload took it) is left alone."""
    rows = PendingFileDeletion.objects.all()
    if entry_ids is not None:
        rows = rows.filter(entry_id__in=entry_ids)
    done = 0
    for row in list(rows):
        try:
            if not _file_still_recorded(row.name):
                default_storage.delete(row.name)
        except Exception:
            logger.exception("Could not delete %s from storage; will try again", row.name)
            continue
        row.delete()
        done += 1
    return done


def due_entries(now=None):
    """Entries in the trash longer than their agency's trash_retention_days (a file that went
    with a page is purged with the page)."""
    from prongsai.agencies.models import AgencySettings
    from prongsai.agencies.suspension import active_sites

    now = now or timezone.now()
    waiting = TrashEntry.objects.filter(state=TrashState.IN_TRASH, site__in=active_sites()).exclude(
        parent_entry__state=TrashState.IN_TRASH
    )
    due = []
    for site_id in waiting.values_list("site_id", flat=True).distinct().order_by("site_id"):
        from wagtail.models import Site

        days = AgencySettings.for_site(Site.objects.get(pk=site_id)).trash_retention_days
        cutoff = now - datetime.timedelta(days=days)
        due += list(
            waiting.filter(site_id=site_id, trashed_at__lte=cutoff)
            .order_by("trashed_at", "pk")
            .values_list("pk", flat=True)
        )
    return due


def purge_expired(now=None):
    """Purge every entry past its agency's retention; returns how many were purged. Safe to run
    again after a crash: finished entries are skipped, leftover files are deleted."""
    drain_file_outbox()
    purged = 0
    for entry_id in due_entries(now):
        entry = TrashEntry.objects.filter(pk=entry_id, state=TrashState.IN_TRASH).first()
        if entry is None:
            continue
        try:
            purge(entry)
        except StillInUse as refusal:
            logger.warning("Not purged, still in use: %s (%s)", entry.title, refusal.message)
            _tell_webmasters_still_in_use(entry, refusal)
            continue
        except TrashError as refusal:
            logger.warning("Not purged: %s (%s)", entry.title, refusal.message)
            continue
        except Exception:
            logger.exception("Purging trash entry %s failed; will try again", entry_id)
            continue
        purged += 1
    return purged


def _tell_webmasters_still_in_use(entry, refusal):
    """Once a day at most per entry: the webmasters hear that an item due for purging is used
    again, so it stays in the trash until they decide."""
    from prongsai.agencies.models import AgencyRole
    from prongsai.agencies.roles import RUNNING_ROLES
    from prongsai.channels.models import Notification
    from prongsai.channels.notify import notify

    kind = f"trash.still_in_use.{entry.pk}"
    since = timezone.now() - datetime.timedelta(hours=20)
    if Notification.objects.filter(kind=kind, created_at__gte=since).exists():
        return
    groups = [
        role.group
        for role in AgencyRole.objects.filter(
            site=entry.site, role__in=RUNNING_ROLES
        ).select_related("group")
    ]
    if not groups:
        return
    with translation.override("th"):
        notify(
            groups,
            _("Not deleted from the trash: “%(title)s” is used again") % {"title": entry.title},
            refusal.message,
            url=reverse("trash:index") + f"?site={entry.site_id}",
            kind=kind,
            email=False,
        )
