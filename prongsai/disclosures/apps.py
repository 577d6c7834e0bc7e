from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """Documents, Disclosure pages and their listings (later: requests, approval, retention)."""

    name = "prongsai.disclosures"
    label = "disclosures"
    verbose_name = _("Disclosures")

    def ready(self):
        from wagtail.signals import page_published

        from prongsai.disclosures import permissions, signals, visibility

        signals.connect()
        permissions.register()
        page_published.connect(
            visibility.index_references_now,
            dispatch_uid="prongsai.disclosures.index_references_now",
        )
