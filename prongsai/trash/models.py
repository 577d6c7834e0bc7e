"""What is in the trash: one row per page, document or image moved there, kept after restore or
purge as the record of what happened."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class TrashState(models.TextChoices):
    IN_TRASH = "in_trash", _("In the trash")
    RESTORED = "restored", _("Restored")
    PURGED = "purged", _("Deleted for good")


class TrashKind(models.TextChoices):
    PAGE = "page", _("Page")
    DOCUMENT = "document", _("Document")
    IMAGE = "image", _("Image")


class TrashEntry(models.Model):
    site = models.ForeignKey(
        Site, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="trash_entries"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=20, choices=TrashKind.choices)
    title = models.CharField(_("title"), max_length=255)
    state = models.CharField(
        _("state"), max_length=20, choices=TrashState.choices, default=TrashState.IN_TRASH
    )
    # documents and images that went to the trash with the page that carried them
    parent_entry = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bundled_entries",
    )
    # how to put it back as it was
    original_collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    was_live = models.BooleanField(default=False)
    # a page in the trash (with its descendants): hidden from the explorer and the choosers by
    # a prefix match on its tree path; set to null if the page is deleted some other way
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # {page id: id of the revision that was live} for the page and its descendants, so that
    # restore publishes exactly what the public saw before
    live_revisions = models.JSONField(default=dict, blank=True)
    url_path = models.CharField(max_length=500, blank=True)
    size_bytes = models.BigIntegerField(_("storage used (bytes)"), default=0)
    reason = models.TextField(_("reason"), blank=True)
    origin = models.CharField(
        _("moved by"),
        max_length=100,
        blank=True,
        help_text="e.g. 'campaign:12' when a retention campaign moved it",
    )
    trashed_at = models.DateTimeField(_("moved to the trash at"))
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    restored_at = models.DateTimeField(null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purged_at = models.DateTimeField(_("deleted for good at"), null=True, blank=True)
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("item in the trash")
        verbose_name_plural = _("trash")
        ordering = ["-trashed_at", "-pk"]
        indexes = [models.Index(fields=["site", "state"], name="trash_site_state")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state="in_trash"),
                name="one_trash_entry_per_item",
            )
        ]

    def __str__(self):
        return self.title


class PendingFileDeletion(models.Model):
    """Outbox of files to delete from storage once the purge that removed their records has
    committed. Written in the purge's own transaction, emptied after the commit (and by the
    worker job for rows left by a worker killed in between), so no file outlives its record
    unnoticed and no record points at a deleted file."""

    name = models.CharField(max_length=1000)
    entry = models.ForeignKey(
        TrashEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name
