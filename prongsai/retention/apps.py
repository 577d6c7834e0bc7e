from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Keeping the site current: take-down dates, the archive, the currency dashboard, review
    reminders and fiscal-year retention campaigns."""

    name = "prongsai.retention"
    label = "retention"
    verbose_name = _("Keeping content current")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from prongsai.retention import jobs, signals  # noqa: F401
