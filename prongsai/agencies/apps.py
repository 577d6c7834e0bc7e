from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    """The agency (a Wagtail Site and its settings), departments, roles, Thai dates."""

    name = "prongsai.agencies"
    label = "agencies"
    verbose_name = _("Agencies")

    def ready(self):
        from prongsai.agencies import suspension  # noqa: F401 (connects its signal receivers)
