"""The document form's owner department: only departments the person may file for."""

from wagtail.documents.forms import BaseDocumentForm

from prongsai.agencies.models import Department
from prongsai.agencies.scope import agency_sites


def departments_for(user, permission_policy):
    """A requester files for their own departments; those who change every file of their
    agency (webmasters, agency admins) for any department of it."""
    if not user.is_authenticated:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    if permission_policy._check_perm(user, ["change"]):
        return Department.objects.filter(site__in=agency_sites(user))
    return Department.objects.filter(members__user=user).distinct()


class AgencyDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is not None and "department" in self.fields:
            self.fields["department"].queryset = departments_for(user, self.permission_policy)
