from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        return self.filter(recipient=user)

    def mark_read(self):
        """Mark every unread notification of the queryset as read now; returns how many."""
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """One message to one person, shown in the admin and (usually) e-mailed.

    Created by `prongsai.channels.notify.notify()`; never edited by hand.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(
        _("link"),
        max_length=1000,
        blank=True,
        help_text=_("A link in the admin (/admin/…) or on the public site."),
    )
    kind = models.CharField(
        _("kind"), max_length=64, blank=True, help_text=_("A short code, e.g. request.submitted")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_error = models.TextField(_("e-mail error"), blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="channels_recipient_read_idx"),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_read(self):
        return self.read_at is not None

    def mark_read(self, when=None):
        if self.read_at is None:
            self.read_at = when or timezone.now()
            Notification.objects.filter(pk=self.pk, read_at__isnull=True).update(
                read_at=self.read_at
            )

    def get_open_url(self):
        """The admin address that marks this notification read and goes on to its link."""
        return reverse("prongsai_notifications:open", args=[self.pk])
