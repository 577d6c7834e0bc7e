from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """Documents, Disclosure pages and their listings (later: requests, approval, retention)."""

    name = "prongsai.disclosures"
    label = "disclosures"
    verbose_name = _("Disclosures")

    def ready(self):
        from prongsai.disclosures import signals

        signals.connect()
