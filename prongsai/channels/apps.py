from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """Notifications to staff: in the admin (menu count, dashboard panel, list) and by e-mail."""

    name = "prongsai.channels"
    label = "channels"
    verbose_name = _("Notifications")
