"""The document form's owner department: only departments the person may file for; the title
of a document or image normalised like a file name."""

from wagtail.documents.forms import BaseDocumentForm

from prongsai.agencies.models import Department
from prongsai.agencies.scope import agency_sites
from prongsai.core.storage import readable_name


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


class ReadableTitleMixin:
    """The title as `core.storage.readable_name` makes it (no control or text-direction
    characters, cut to the column): Wagtail's multiple uploader and choosers make the title from
    the file's name, which may hold anything. For the document and image forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        key = self.add_prefix("title")
        if self.is_bound and "title" in self.fields and key in self.data:
            data = self.data.copy()
            data[key] = readable_name(data[key], self.fields["title"].max_length)
            self.data = data


class AgencyDocumentForm(ReadableTitleMixin, BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is not None and "department" in self.fields:
            self.fields["department"].queryset = departments_for(user, self.permission_policy)
