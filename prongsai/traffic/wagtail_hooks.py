from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from prongsai.traffic import urls
from prongsai.traffic.views import may_read_traffic


class PlatformAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_traffic(request.user)


@hooks.register("register_admin_urls")
def register_urls():
    return [path("traffic/", include(urls, namespace="traffic"))]


@hooks.register("register_reports_menu_item")
def traffic_menu_item():
    return PlatformAdminMenuItem(
        _("Traffic log"), reverse("traffic:log"), name="traffic", icon_name="list-ul", order=1500
    )
