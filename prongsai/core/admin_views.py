from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPage(WagtailAdminTemplateMixin):
    """A Prongsai admin page: shows its own title in the header (after the home breadcrumb)."""

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]
