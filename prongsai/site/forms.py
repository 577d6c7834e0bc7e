from wagtail.admin.forms import WagtailAdminPageForm

from prongsai.agencies.models import Department


class AgencyPageForm(WagtailAdminPageForm):
    """Offers only the departments of the agency the page belongs to."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "department" in self.fields:
            anchor = self.instance if self.instance.pk else parent_page
            site = anchor.get_site() if anchor is not None else None
            departments = (
                Department.objects.filter(site=site) if site else Department.objects.none()
            )
            self.fields["department"].queryset = departments
