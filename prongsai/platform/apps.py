from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformConfig(AppConfig):
    """Running many agencies on one install: creating an agency with everything it needs,
    listing agencies, suspending and resuming one (platform administrators only)."""

    name = "prongsai.platform"
    label = "platform"
    verbose_name = _("Agencies on the platform")
    default_auto_field = "django.db.models.BigAutoField"
