"""The admin side of notifications: the menu item with the unread count, the list at
/admin/notifications/ and the dashboard panel of the latest unread ones."""

from django.urls import include, path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem

from prongsai.channels import urls
from prongsai.channels.models import Notification
from prongsai.channels.notify import unread_count

DASHBOARD_LATEST = 5


def cached_unread_count(request):
    """The menu and the dashboard panel both need it: count once per request."""
    if not hasattr(request, "_prongsai_unread_notifications"):
        request._prongsai_unread_notifications = unread_count(request.user)
    return request._prongsai_unread_notifications


class NotificationsMenuItem(MenuItem):
    """ "การแจ้งเตือน", or "การแจ้งเตือน (3)" when three are unread.

    Wagtail builds menu items once and shares them between requests, so the count goes into
    the per-request component, never onto the item itself."""

    def render_component(self, request):
        count = cached_unread_count(request)
        label = str(self.label)
        attrs = dict(self.attrs)
        if count:
            label = gettext("Notifications (%(count)s)") % {"count": count}
            attrs["title"] = ngettext(
                "%(count)s unread notification", "%(count)s unread notifications", count
            ) % {"count": count}
            attrs["data-unread-count"] = str(count)
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=attrs,
        )


@hooks.register("register_admin_urls")
def register_notification_urls():
    return [path("notifications/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    return NotificationsMenuItem(
        _("Notifications"),
        reverse("prongsai_notifications:index"),
        name="notifications",
        icon_name="mail",
        order=90,  # above Pages (100)
    )


class NotificationsPanel(Component):
    """Dashboard: the latest unread notifications, with a link to all of them."""

    name = "prongsai_notifications"
    template_name = "channels/panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        count = cached_unread_count(request)
        latest = []
        if count:
            latest = list(
                Notification.objects.filter(recipient=request.user, read_at__isnull=True)[
                    :DASHBOARD_LATEST
                ]
            )
        return {
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
            "unread_count": count,
            "notifications": latest,
        }

    def render_html(self, parent_context=None):
        if not cached_unread_count(parent_context["request"]):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    panels.append(NotificationsPanel())
