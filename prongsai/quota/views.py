from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from prongsai.core.admin_views import AdminPage
from prongsai.core.params import site_param
from prongsai.quota import access
from prongsai.quota.usage import CRITICAL_PERCENT, WARNING_PERCENT, usage


def trash_url():
    """The trash (prongsai/trash) lives at /admin/trash/."""
    return reverse("wagtailadmin_home") + "trash/"


class StorageView(AdminPage, TemplateView):
    """/admin/storage/: what uses the agency's paid storage, to decide what to clean up."""

    page_title = gettext_lazy("Storage space")
    header_icon = "folder-open-inverse"
    template_name = "quota/storage.html"

    def dispatch(self, request, *args, **kwargs):
        sites = access.viewable_sites(request.user)
        if not sites.exists():
            raise PermissionDenied
        wanted = request.GET.get("site")
        if wanted:
            # another agency's storage is not even confirmed to exist
            self.site = site_param(request, sites)
            if self.site is None:
                raise Http404
        else:
            self.site = access.default_site(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            site=self.site,
            sites=access.viewable_sites(self.request.user),
            usage=usage(self.site),
            can_manage_files=access.can_manage_files(self.request.user, self.site),
            trash_url=trash_url(),
            warning_percent=WARNING_PERCENT,
            critical_percent=CRITICAL_PERCENT,
        )
        return context
