"""What every public page of an agency shares."""

from collections.abc import MutableSequence

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from prongsai.site.forms import AgencyPageForm


class AgencyPage(Page):
    """Base of every page type: a summary for listings and search, and breadcrumbs."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in listings and search results."),
    )

    base_form_class = AgencyPageForm
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("attachment_text"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("summary")]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title:
            from prongsai.site.slugs import readable_slug

            parent = self.get_parent() if self.path else None
            self.slug = readable_slug(parent, self.title, exclude_pk=self.pk)
        super().full_clean(*args, **kwargs)

    def breadcrumbs(self):
        return [p for p in self.get_ancestors().specific().filter(depth__gt=1)]

    def permissions_for_user(self, user):
        from prongsai.site.permissions import AgencyPagePermissionTester

        return AgencyPagePermissionTester(user, self)

    def attached_documents(self):
        """Every document attached through a StreamField block (files, forms, attachments)."""
        from wagtail.documents.models import AbstractDocument

        found = []

        def walk(value):
            if isinstance(value, AbstractDocument):
                if value not in found:
                    found.append(value)
            elif isinstance(value, dict) or hasattr(value, "items"):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list | tuple | MutableSequence) or hasattr(value, "raw_data"):
                for item in value:
                    walk(getattr(item, "value", item))

        for field in self._meta.get_fields():
            if isinstance(field, StreamField):
                walk(getattr(self, field.name))
        return found

    def attachment_text(self):
        """The text inside the attached files, so a word in a PDF finds the page."""
        return "\n".join(getattr(doc, "text", "") or "" for doc in self.attached_documents())

    def live_children(self):
        return self.get_children().live().public().specific().order_by("path")


class OwnedContent(models.Model):
    """Content owned by a department, with the source of its data (seed 001 §2.2)."""

    department = models.ForeignKey(
        "agencies.Department",
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("source of the information"),
        max_length=255,
        blank=True,
        help_text=_("Where the information comes from, e.g. the law, the office or the survey."),
    )

    ownership_panels = [FieldPanel("department"), FieldPanel("source")]

    class Meta:
        abstract = True
