"""The page chooser opened by address at another agency's page: not found, so not even the
opened page's title shows (its children are already hidden by the chooser hook)."""

from django.http import Http404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from prongsai.agencies.scope import own_pages


class AgencyPageBrowseView(BrowseView):
    def get(self, request, parent_page_id=None):
        page = Page.objects.filter(pk=parent_page_id, depth__gt=1)
        if page.exists() and not own_pages(page, request.user).exists():
            raise Http404
        return super().get(request, parent_page_id)


def url_overrides():
    """Served ahead of Wagtail's own chooser address (same path and the same name)."""
    return [
        path(
            "admin/choose-page/<int:parent_page_id>/",
            require_admin_access(AgencyPageBrowseView.as_view()),
        ),
    ]
