from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from prongsai.core.admin_views import AgencyMenuItem
from prongsai.quota import access, urls
from prongsai.quota.usage import totals


@hooks.register("register_admin_urls")
def register_urls():
    return [path("storage/", include(urls, namespace="quota"))]


@hooks.register("register_reports_menu_item")
def storage_menu_item():
    return AgencyMenuItem(
        _("Storage space"),
        reverse("quota:storage"),
        name="storage",
        icon_name="folder-open-inverse",
        order=1400,
        sites=[access.viewable_sites],
    )


class StoragePanel(Component):
    """The meter on the admin home page: used against the quota, amber from 80 %, red from
    95 %, and a link to what uses the space."""

    name = "storage"
    order = 70
    template_name = "quota/dashboard_panel.html"

    def __init__(self, site):
        self.site = site

    def get_context_data(self, parent_context):
        return {"site": self.site, "totals": totals(self.site)}


@hooks.register("construct_homepage_panels")
def add_storage_panel(request, panels):
    site = access.default_site(request.user)
    if site is not None and access.can_view(request.user, site):
        panels.append(StoragePanel(site))
