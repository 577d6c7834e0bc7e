from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

MINIMUM_WEBMASTERS = 2  # seed 001 §3.1, seed 004 §3.1


def active_webmasters(site):
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Role

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__agency_role__site=site,
            groups__agency_role__role=Role.WEBMASTER,
        )
        .distinct()
    )


class WebmasterCountPanel(Panel):
    """Warns on the agency settings page when fewer than two webmasters are active."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "agencies/panels/webmaster_count.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            site = getattr(self.instance, "site", None)
            webmasters = list(active_webmasters(site)) if site else []
            context.update(
                webmasters=webmasters,
                too_few=len(webmasters) < MINIMUM_WEBMASTERS,
                minimum=MINIMUM_WEBMASTERS,
            )
            return context

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Webmasters"))
        super().__init__(**kwargs)
