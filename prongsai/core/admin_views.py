from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prongsai.core.params import site_param


class AdminPage(WagtailAdminTemplateMixin):
    """A Prongsai admin page: shows its own title in the header (after the home breadcrumb)."""

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]


def chosen_site(request, sites):
    """The agency an admin page is about: ?site= among `sites` (those the user may see), else
    the default site for platform admins, else the user's first."""
    from wagtail.models import Site

    site = site_param(request, sites)
    if site is not None:
        return site
    if request.user.is_superuser:
        return Site.objects.filter(is_default_site=True).first() or sites.first()
    return sites.first()


class ShownForAgenciesMixin:
    """A menu item shown when one of `sites` (an app's access rule: user -> the agencies the
    user may use it for) finds an agency."""

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.sites = sites

    def is_shown(self, request):
        return any(sites(request.user).exists() for sites in self.sites)


class AgencyMenuItem(ShownForAgenciesMixin, MenuItem):
    pass


class AgencySubmenuMenuItem(ShownForAgenciesMixin, SubmenuMenuItem):
    pass
