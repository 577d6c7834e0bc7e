from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuotaConfig(AppConfig):
    """The agency's storage quota: what documents and images use, and refusing uploads that
    would go over it."""

    name = "prongsai.quota"
    label = "quota"
    verbose_name = _("Storage quota")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from prongsai.quota import signals

        signals.connect()
