from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu
from wagtail.admin.ui.components import Component
from wagtail.documents import get_document_model

from prongsai.compliance import access, dashboard, urls
from prongsai.core.admin_views import AgencyMenuItem, AgencySubmenuMenuItem


@hooks.register("register_admin_urls")
def register_urls():
    return [path("ita/", include(urls, namespace="compliance"))]


ita_menu = Menu(
    register_hook_name="register_compliance_menu_item",
    construct_hook_name="construct_compliance_menu",
)


@hooks.register("register_compliance_menu_item")
def checklists_item():
    return AgencyMenuItem(
        _("ITA checklists"),
        reverse("compliance:index"),
        icon_name="tasks",
        order=10,
        sites=[access.viewable_sites],
    )


@hooks.register("register_compliance_menu_item")
def dashboard_item():
    return AgencyMenuItem(
        _("ITA readiness"),
        reverse("compliance:dashboard"),
        icon_name="view",
        order=20,
        sites=[access.viewable_sites],
    )


@hooks.register("register_compliance_menu_item")
def self_audit_item():
    return AgencyMenuItem(
        _("Website standard self-audit"),
        reverse("compliance:self_audit"),
        icon_name="site",
        order=30,
        sites=[access.viewable_sites],
    )


@hooks.register("register_compliance_menu_item")
def catalogs_item():
    return AgencyMenuItem(
        _("ITA catalogs"),
        reverse("compliance:catalogs"),
        icon_name="list-ol",
        order=40,
        sites=[access.viewable_sites],
    )


@hooks.register("register_admin_menu_item")
def ita_menu_item():
    return AgencySubmenuMenuItem(
        _("ITA"),
        ita_menu,
        icon_name="tasks",
        name="ita",
        order=170,
        sites=[access.viewable_sites],
    )


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


@hooks.register("prongsai_file_is_public")
def evidence_of_finished_entries_is_public(document):
    """The public ITA page links the evidence of entries marked ready or submitted (documents
    only: the hook is asked about images too)."""
    from prongsai.compliance.models import EntryStatus, Evidence

    if not isinstance(document, get_document_model()):
        return False

    return Evidence.objects.filter(
        document=document, entry__status__in=[EntryStatus.READY, EntryStatus.SUBMITTED]
    ).exists()
