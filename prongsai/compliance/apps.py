from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_catalogs_after_migrate(sender, **kwargs):
    """A fresh install (`prongsai migrate`) gets the shipped catalogs; later runs add only
    what is missing and never overwrite an admin's corrections."""
    from prongsai.compliance.catalogs import load_shipped_catalogs

    load_shipped_catalogs()


class ComplianceConfig(AppConfig):
    """ITA/OIT readiness: catalogs as data, yearly checklists, evidence checks, the ITA page."""

    name = "prongsai.compliance"
    label = "compliance"
    verbose_name = _("ITA readiness")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from prongsai.compliance import jobs  # noqa: F401

        post_migrate.connect(load_catalogs_after_migrate, sender=self)
