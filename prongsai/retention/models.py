"""Keeping the site current: how long each category stays up, the reminders sent before an item
comes down, and the yearly retention campaigns (announce → objections → archive and trash)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class TakedownRule(models.Model):
    """How many days an item of one listing (category) stays on the site after it is first
    published, when nobody set its take-down date."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="takedown_rules")
    listing = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="takedown_rule",
    )
    days = models.PositiveIntegerField(
        _("days on the site"), null=True, blank=True, help_text=_("Empty: no limit.")
    )

    class Meta:
        verbose_name = _("take-down rule")
        verbose_name_plural = _("take-down rules")

    def __str__(self):
        return f"{self.listing.title}: {self.days or '-'}"


class ReviewReminder(models.Model):
    """One reminder per item and take-down date, so the worker never sends it twice."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review_reminders"
    )
    expire_at = models.DateTimeField()
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "expire_at"], name="one_reminder_per_date")
        ]

    def __str__(self):
        return f"{self.page_id} @ {self.expire_at:%Y-%m-%d}"


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ANNOUNCED = "announced", _("Announced — departments may object")
    DONE = "done", _("Carried out")
    CANCELLED = "cancelled", _("Cancelled")


class RetentionCampaign(models.Model):
    """การแจ้งลบข้อมูลปีเก่า: remove items of old fiscal years after telling every department."""

    site = models.ForeignKey(
        Site, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="campaigns"
    )
    title = models.CharField(_("title"), max_length=255)
    before_fiscal_year = models.PositiveIntegerField(
        _("remove items of fiscal years before (B.E.)"),
        help_text=_("e.g. 2567 removes items of fiscal year 2566 and earlier."),
    )
    listings = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for every Disclosure and news category."),
    )
    message = models.TextField(_("message to departments"), blank=True)
    deadline = models.DateField(_("last day to object"))
    state = models.CharField(
        _("state"), max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    executed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("retention campaign")
        verbose_name_plural = _("retention campaigns")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_open_for_objections(self):
        return self.state == CampaignState.ANNOUNCED


class ItemOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for the deadline")
    KEPT = "kept", _("Kept at the department's request")
    TRASHED = "trashed", _("Taken down and moved to the trash")
    IN_USE = "in_use", _("Not removed: still linked from a live page")
    GONE = "gone", _("Already removed")


class CampaignItem(models.Model):
    campaign = models.ForeignKey(RetentionCampaign, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # kept as written at announcement, for the report after the page is purged
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500, blank=True)
    fiscal_year = models.PositiveIntegerField(null=True)
    department = models.ForeignKey(
        "agencies.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    department_name = models.CharField(max_length=255, blank=True)
    file_bytes = models.BigIntegerField(default=0)
    keep = models.BooleanField(_("keep"), default=False)
    keep_reason = models.TextField(_("reason to keep"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=20, choices=ItemOutcome.choices, default=ItemOutcome.PENDING
    )
    outcome_note = models.TextField(blank=True)
    trash_entry = models.ForeignKey(
        "trash.TrashEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["department_name", "fiscal_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "page"], name="one_item_per_page")
        ]

    def __str__(self):
        return self.title
