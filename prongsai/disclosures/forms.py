"""The document form's owner department: only departments the person may file for; the title
of a document or image normalised like a file name; the collection named in the form must be
one the person may add to."""

from django.utils.translation import gettext as _
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


class OwnCollectionMixin:
    """A collection named in the form that the person may not add to (another agency's) is
    refused with a Thai message and nothing is stored. Wagtail hides the collection field when
    the person has one collection and then stores the file there whatever the form named, so
    the person would never learn that the file did not go where they asked. For the document
    and image forms.

    The message sits on the collection field when the form shows one, and on the file field
    whenever a file comes with the form: the multiple uploader then refuses the file at once
    instead of keeping it as an unfinished upload (as for the quota's refusals)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "collection" in self.fields:
            self.fields["collection"].error_messages["invalid_choice"] = not_own_collection()

    def clean(self):
        cleaned_data = super().clean()
        named = self.data.get(self.add_prefix("collection")) if self.is_bound else None
        if named in (None, "") or self._may_add_to(named):
            return cleaned_data
        if self.add_prefix("file") in self.files:
            self.add_error("file", not_own_collection())
        elif "collection" not in self.fields:
            self.add_error(None, not_own_collection())
        return cleaned_data

    def _may_add_to(self, named):
        allowed = {str(pk) for pk in self.collections.values_list("pk", flat=True)}
        return str(named).strip() in allowed


def not_own_collection():
    return _("You can choose only a collection of your own agency.")


class AgencyDocumentForm(OwnCollectionMixin, ReadableTitleMixin, BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is not None and "department" in self.fields:
            self.fields["department"].queryset = departments_for(user, self.permission_policy)
