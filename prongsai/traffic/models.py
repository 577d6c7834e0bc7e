from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PATH_LENGTH = 1000
AGENT_LENGTH = 300


class TrafficEntry(models.Model):
    """One request: the traffic data of the Computer Crime Act B.E. 2550 s.26 (time, source
    address, what was asked, the answer, who when signed in)."""

    time = models.DateTimeField(_("time"), db_index=True)
    client_address = models.CharField(_("client address"), max_length=45, blank=True)
    method = models.CharField(_("method"), max_length=10)
    host = models.CharField(_("host"), max_length=255, blank=True)
    # the path with its query string, cut to PATH_LENGTH characters
    path = models.CharField(_("address asked for"), max_length=PATH_LENGTH)
    status = models.PositiveSmallIntegerField(_("HTTP status"))
    bytes_sent = models.PositiveBigIntegerField(_("bytes sent"), default=0)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    # kept as text too: the log must still say who it was after the account is deleted
    username = models.CharField(_("username"), max_length=150, blank=True)
    user_agent = models.CharField(_("browser (user agent)"), max_length=AGENT_LENGTH, blank=True)
    source = models.CharField(
        _("written by"),
        max_length=10,
        choices=[("app", _("the application")), ("front", _("the front server"))],
        default="app",
    )

    class Meta:
        verbose_name = _("traffic entry")
        verbose_name_plural = _("traffic entries")
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["client_address", "time"])]

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.client_address} {self.method} {self.path}"


class TrafficImport(models.Model):
    """A front-server log file already loaded, so loading it again adds nothing twice."""

    file_name = models.CharField(_("file"), max_length=500)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, unique=True)
    imported = models.PositiveIntegerField(_("entries imported"), default=0)
    skipped = models.PositiveIntegerField(_("lines skipped"), default=0)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("traffic log import")
        verbose_name_plural = _("traffic log imports")

    def __str__(self):
        return self.file_name
