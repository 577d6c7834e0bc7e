from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrafficConfig(AppConfig):
    """The traffic log the Computer Crime Act asks service providers to keep (at least 90
    days): who asked for what, when, from where; readable by platform admins only."""

    name = "prongsai.traffic"
    label = "traffic"
    verbose_name = _("Traffic log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from prongsai.traffic import checks, jobs  # noqa: F401  (registers the check and job)
