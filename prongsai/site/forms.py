from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from prongsai.agencies.models import Department
from prongsai.agencies.scope import limit_to_sites


def _agency_model(model):
    """The model whose rows carry an agency (pages by place, files by collection), or None."""
    if issubclass(model, Page):
        return Page
    for candidate in (get_document_model(), get_image_model()):
        if issubclass(model, candidate):
            return candidate
    return None


def foreign_references(references, site):
    """The (model, id) pairs among `references` that lie outside the agency `site`."""
    wanted = {}
    for model, object_id, *_rest in references:
        agency_model = _agency_model(model)
        if agency_model is not None and str(object_id).isdigit():
            wanted.setdefault(agency_model, set()).add(int(object_id))
    sites = Site.objects.filter(pk=site.pk)
    foreign = set()
    for model, ids in wanted.items():
        found = model._default_manager.filter(pk__in=ids)
        inside = set(limit_to_sites(found, sites).values_list("pk", flat=True))
        foreign |= {(model, pk) for pk in set(found.values_list("pk", flat=True)) - inside}
    return foreign


class AgencyPageForm(WagtailAdminPageForm):
    """Offers only the departments of the agency the page belongs to, and links only to the
    agency's own documents, images and pages (an id typed into a block or a rich text link
    could otherwise point at another agency's file)."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        anchor = self.instance if self.instance.pk else parent_page
        self.agency_site = anchor.get_site() if anchor is not None else None
        if "department" in self.fields:
            site = self.agency_site
            departments = (
                Department.objects.filter(site=site) if site else Department.objects.none()
            )
            self.fields["department"].queryset = departments

    def _references_of(self, name, value):
        try:
            model_field = self._meta.model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field
            return []
        if hasattr(model_field, "extract_references"):
            return list(model_field.extract_references(value))
        related = getattr(model_field, "related_model", None)
        if related is not None and getattr(value, "pk", None) is not None:
            return [(related, value.pk)]
        return []

    def clean(self):
        cleaned = super().clean()
        if self.agency_site is None:
            return cleaned
        for name, value in list(cleaned.items()):
            if not value:
                continue
            if foreign_references(self._references_of(name, value), self.agency_site):
                # a form-wide error: Wagtail lists those in its message, while an error on a
                # StreamField needs a per-block structure to be shown at all
                label = self.fields[name].label if name in self.fields else name
                self.add_error(
                    None,
                    _(
                        "%(field)s: a document, image or page chosen there belongs to another "
                        "agency. Choose one of this agency's own."
                    )
                    % {"field": label},
                )
        return cleaned
