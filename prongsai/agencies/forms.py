"""The department form: its agency, its sections and its members come only from the agencies
the editor reaches, so no one sees, or adds, a page or an account of another agency."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from prongsai.agencies.scope import agency_sites, agency_users, limit_to_sites


def _members_from(formset, users):
    """Every member row of `formset` (the blank row the page copies included) offers `users`."""

    class MemberForm(formset.form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["user"].queryset = users

    formset.form = MemberForm
    formset.__dict__.pop("forms", None)  # built again with the narrowed choices


class DepartmentForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser:
            return
        sites = agency_sites(user)
        self.fields["site"].queryset = sites
        if self.instance.site_id:
            sites = sites.filter(pk=self.instance.site_id)
        self.fields["sections"].queryset = limit_to_sites(Page.objects.all(), sites)
        _members_from(self.formsets["members"], agency_users(sites))
