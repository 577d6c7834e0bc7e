from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from prongsai.publishing import urls, views
from prongsai.publishing.access import may_file_requests, overseen_sites
from prongsai.publishing.models import ApprovalTask


@hooks.register("register_admin_urls")
def register_urls():
    return [path("requests/", include(urls, namespace="publishing"))]


@hooks.register("prongsai_page_awaits_approval")
def waits_for_the_heads_approval(page):
    """Asked by site.permissions: a page at an ApprovalTask may not be published around it."""
    state = page.current_workflow_state
    if state is None or state.current_task_state is None:
        return False
    return isinstance(state.current_task_state.task.specific, ApprovalTask)


class NewRequestMenuItem(MenuItem):
    def is_shown(self, request):
        return may_file_requests(request.user)


@hooks.register("register_admin_menu_item")
def new_request_menu_item():
    return NewRequestMenuItem(
        _("Request to publish"), reverse("publishing:new"), icon_name="upload", order=150
    )


@hooks.register("register_admin_menu_item")
def requests_menu_item():
    return MenuItem(
        _("Publication requests"), reverse("publishing:list"), icon_name="list-ul", order=160
    )


class PublishingPanel(Component):
    name = "publishing"
    order = 50
    template_name = "publishing/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "overdue": list(views.overdue_for(self.user)[:10]),
            "awaiting_count": views.awaiting_for(self.user).count(),
        }


@hooks.register("construct_homepage_panels")
def add_publishing_panel(request, panels):
    """Webmasters, approvers and executives see waiting and overdue work first."""
    if request.user.is_superuser or overseen_sites(request.user).exists():
        panels.insert(0, PublishingPanel(request.user))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "prongsai.request.submit", _("Publication requested"), _("Publication requested")
    )
    actions.register_action(
        "prongsai.request.approve", _("Request approved"), _("Request approved")
    )
    actions.register_action(
        "prongsai.request.return",
        _("Request refused or sent back"),
        _("Request refused or sent back"),
    )
    actions.register_action(
        "prongsai.request.publish", _("Requested item published"), _("Requested item published")
    )
    actions.register_action("prongsai.login", _("Logged in"), _("Logged in"))
    actions.register_action("prongsai.logout", _("Logged out"), _("Logged out"))


@hooks.register("prongsai_agency_created")
def give_new_agency_its_publishing_workflow(site, label):
    from prongsai.publishing.setup import ensure_publishing_workflow

    ensure_publishing_workflow(site, label)
