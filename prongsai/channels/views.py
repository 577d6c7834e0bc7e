"""Admin views: a person's own notifications (list, open, mark all read).

Registered under /admin/notifications/ by wagtail_hooks.py; Wagtail wraps them in its
admin-access check, and every query is limited to request.user's own notifications.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from prongsai.channels.models import Notification
from prongsai.channels.notify import unread_count

PER_PAGE = 20
PAGE_TITLE = _("Notifications")


class NotificationPaginator(WagtailPaginator):
    @property
    def items_count_label(self):
        return ngettext("%(count)s notification", "%(count)s notifications", self.count) % {
            "count": self.count
        }


def index(request):
    notifications = Notification.objects.filter(recipient=request.user)
    paginator = NotificationPaginator(notifications, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    unread = unread_count(request.user)
    title = str(PAGE_TITLE)
    return TemplateResponse(
        request,
        "channels/index.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "mail",
            "breadcrumbs_items": [
                *WagtailAdminTemplateMixin.breadcrumbs_items,
                {"url": "", "label": title},
            ],
            "notifications": page,
            "items": page,  # for wagtailadmin/shared/pagination_nav.html
            "paginator": paginator,
            "elided_page_range": list(paginator.get_elided_page_range(page.number)),
            "is_paginated": paginator.num_pages > 1,
            "unread_count": unread,
        },
    )


def open_notification(request, notification_id):
    """Mark one of your notifications read and go to its link (404 for anyone else's)."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    notification.mark_read()
    if is_safe_link(notification.url):
        return redirect(notification.url)
    return redirect("prongsai_notifications:index")


@require_POST
def mark_all_read(request):
    count = Notification.objects.filter(recipient=request.user).mark_read()
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s notification marked as read.",
                "%(count)s notifications marked as read.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("You have no unread notifications."))
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(reverse("prongsai_notifications:index"))


def is_safe_link(url):
    """Links are written by Prongsai's own code, but never follow one that is not a plain web
    address (no javascript:, no protocol-relative //host)."""
    if not url:
        return False
    if url.startswith("/"):
        return not url.startswith(("//", "/\\"))
    return url.lower().startswith(("http://", "https://"))
