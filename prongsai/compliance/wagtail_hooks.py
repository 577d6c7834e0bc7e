from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from prongsai.compliance import access, dashboard, urls


@hooks.register("register_admin_urls")
def register_urls():
    return [path("ita/", include(urls, namespace="compliance"))]


class ViewerMenuItem(MenuItem):
    def is_shown(self, request):
        return access.viewable_sites(request.user).exists()


ita_menu = Menu(
    register_hook_name="register_compliance_menu_item",
    construct_hook_name="construct_compliance_menu",
)


@hooks.register("register_compliance_menu_item")
def checklists_item():
    return ViewerMenuItem(
        _("ITA checklists"), reverse("compliance:index"), icon_name="tasks", order=10
    )


@hooks.register("register_compliance_menu_item")
def dashboard_item():
    return ViewerMenuItem(
        _("ITA readiness"), reverse("compliance:dashboard"), icon_name="view", order=20
    )


@hooks.register("register_compliance_menu_item")
def self_audit_item():
    return ViewerMenuItem(
        _("Website standard self-audit"),
        reverse("compliance:self_audit"),
        icon_name="site",
        order=30,
    )


@hooks.register("register_compliance_menu_item")
def catalogs_item():
    return ViewerMenuItem(
        _("ITA catalogs"), reverse("compliance:catalogs"), icon_name="list-ol", order=40
    )


class ITASubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return access.viewable_sites(request.user).exists()


@hooks.register("register_admin_menu_item")
def ita_menu_item():
    return ITASubmenu(_("ITA"), ita_menu, icon_name="tasks", name="ita", order=170)


class ReadinessPanel(Component):
    name = "ita-readiness"
    order = 60
    template_name = "compliance/dashboard_panel.html"

    def __init__(self, site):
        self.site = site

    def get_context_data(self, parent_context):
        return dashboard.context_for_site(self.site)


@hooks.register("construct_homepage_panels")
def add_readiness_panel(request, panels):
    site = access.viewable_sites(request.user).first()
    if request.user.is_superuser:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first() or site
    if site is not None and access.can_view(request.user, site):
        panels.append(ReadinessPanel(site))
