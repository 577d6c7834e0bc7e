from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Page types and the public theme of an agency's website."""

    name = "prongsai.site"
    label = "site"
    verbose_name = _("Website")
