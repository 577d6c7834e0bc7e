from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Site

from prongsai.core.admin_views import AgencyMenuItem
from prongsai.platform import urls
from prongsai.platform.access import is_platform_admin


@hooks.register("register_admin_urls")
def register_urls():
    return [path("agencies/", include(urls, namespace="platform"))]


def platform_sites(user):
    return Site.objects.all() if is_platform_admin(user) else Site.objects.none()


@hooks.register("register_settings_menu_item")
def agencies_menu_item():
    return AgencyMenuItem(
        _("Agencies"),
        reverse("platform:agencies"),
        name="agencies",
        icon_name="site",
        order=50,
        sites=[platform_sites],
    )


@hooks.register("register_log_actions")
def register_suspension_log_actions(actions):
    actions.register_action("prongsai.agency.suspend", _("Suspend agency"), _("Agency suspended"))
    actions.register_action("prongsai.agency.resume", _("Resume agency"), _("Agency resumed"))
