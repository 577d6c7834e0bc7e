import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Site

from prongsai.agencies.thaidates import fiscal_year_of

PUBLISH_TARGET_DAYS = 3  # seed 004: publish within 3 days of approval


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for approval")
    RETURNED = "returned", _("Returned to the requester")
    APPROVED = "approved", _("Approved, waiting to be published")
    SCHEDULED = "scheduled", _("Scheduled for publication")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublicationRequest(models.Model):
    """คำขอเผยแพร่ข้อมูลผ่านเว็บไซต์: the written request and its decision trail.

    Names and positions are copied at submission so the record stays true after people move.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="publication_requests")
    number = models.PositiveIntegerField(_("number"))
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"), db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publication_requests",
    )
    category = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("category"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="publication_requests",
    )
    requester_name = models.CharField(_("requester's name"), max_length=255)
    requester_position = models.CharField(_("requester's position"), max_length=255, blank=True)
    department = models.ForeignKey(
        "agencies.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publication_requests",
    )
    department_name = models.CharField(_("department"), max_length=255, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    data_period_start = models.DateField(_("data covers from"), null=True, blank=True)
    data_period_end = models.DateField(_("data covers until"), null=True, blank=True)
    wanted_publish_date = models.DateField(_("wanted publish date"), null=True, blank=True)
    wanted_takedown_date = models.DateField(_("wanted take-down date"), null=True, blank=True)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by_name = models.CharField(max_length=255, blank=True)
    decided_by_position = models.CharField(max_length=255, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    publish_due = models.DateTimeField(_("publish by"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by_name = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("publication request")
        verbose_name_plural = _("publication requests")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "fiscal_year", "number"], name="unique_request_number"
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if not self.fiscal_year:
            self.fiscal_year = fiscal_year_of(self.submitted_at).be
        if not self.number:
            self.number = self.next_number(self.site, self.fiscal_year)
        super().save(*args, **kwargs)

    @property
    def reference(self):
        return f"{self.number}/{self.fiscal_year}"

    @classmethod
    def next_number(cls, site, fiscal_year):
        last = cls.objects.filter(site=site, fiscal_year=fiscal_year).aggregate(
            models.Max("number")
        )["number__max"]
        return (last or 0) + 1

    def mark_approved(self, user, when=None, comment=""):
        self.status = RequestStatus.APPROVED
        self.decided_at = when or timezone.now()
        self.decided_by = user
        self.decided_by_name = _full_name(user)
        self.decided_by_position = _position(user, self.site)
        self.decision_reason = comment
        self.publish_due = self.decided_at + datetime.timedelta(days=PUBLISH_TARGET_DAYS)

    def mark_returned(self, user, reason, when=None):
        self.status = RequestStatus.RETURNED
        self.decided_at = when or timezone.now()
        self.decided_by = user
        self.decided_by_name = _full_name(user)
        self.decided_by_position = _position(user, self.site)
        self.decision_reason = reason
        self.publish_due = None

    def mark_published(self, user, when=None):
        self.status = RequestStatus.PUBLISHED
        self.published_at = when or timezone.now()
        self.published_by = user
        self.published_by_name = _full_name(user) if user else ""

    @property
    def is_overdue(self):
        return (
            self.status == RequestStatus.APPROVED
            and self.publish_due is not None
            and self.publish_due < timezone.now()
        )

    @property
    def days_to_publish(self):
        """Days from the request to the item going up (the time the paper trail records)."""
        if not self.published_at:
            return None
        return round((self.published_at - self.submitted_at).total_seconds() / 86400, 1)

    @property
    def published_within_target(self):
        if not self.published_at or not self.publish_due:
            return None
        return self.published_at <= self.publish_due


def _full_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _position(user, site):
    if user is None:
        return ""
    membership = user.department_memberships.filter(department__site=site).first()
    return membership.position if membership else ""


class AgencyGroupTask(AbstractGroupApprovalTask):
    """What both steps of the workflow share: only the task's group (or a platform admin)
    acts, a refusal carries its reason, and every decision passes publishing.rules."""

    class Meta:
        abstract = True

    def may_act(self, user):
        return user.is_superuser or self._user_in_groups(user)

    def get_form_for_action(self, action):
        from prongsai.publishing.forms import ReasonForm, TaskCommentForm

        return ReasonForm if action == "reject" else TaskCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        from prongsai.publishing.rules import check_may_decide

        check_may_decide(
            self,
            task_state.workflow_state.content_object,
            user,
            action_name,
            kwargs.get("comment", ""),
        )
        return super().on_action(task_state, user, action_name, **kwargs)


class ApprovalTask(AgencyGroupTask):
    """ผู้อนุมัติรับรองข้อมูล: approves, or refuses with a reason; never their own item."""

    class Meta:
        verbose_name = _("approval by the head (ผู้อนุมัติรับรองข้อมูล)")
        verbose_name_plural = _("approvals by the head")

    def is_own_item(self, obj, user):
        from prongsai.publishing.rules import is_own_item

        return is_own_item(obj, user)

    def get_actions(self, obj, user):
        if not self.may_act(user) or self.is_own_item(obj, user):
            return []
        return [
            ("reject", _("Refuse, with the reason"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with a comment"), True),
        ]

    @classmethod
    def get_description(cls):
        return _("The head of the agency (or delegate) approves or refuses each item")


class PublishTask(AgencyGroupTask):
    """ผู้ดูแลเว็บไซต์: publishes the approved item (now or at the wanted date), or sends it back."""

    class Meta:
        verbose_name = _("publication by a webmaster")
        verbose_name_plural = _("publications by a webmaster")

    def get_actions(self, obj, user):
        if not self.may_act(user):
            return []
        # Wagtail labels the approve action of the last task "<label> and Publish".
        return [
            ("approve", _("Checked"), False),
            ("reject", _("Send back with a comment"), True),
        ]

    @classmethod
    def get_description(cls):
        return _("A webmaster puts the approved item in its category and publishes it")
