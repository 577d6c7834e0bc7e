from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from prongsai.site.blocks import attachment_blocks
from prongsai.site.models.base import AgencyPage


class OrganisationStructurePage(AgencyPage):
    """โครงสร้างหน่วยงาน: the chart and the departments with their heads and phones."""

    chart = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("organisation chart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chart_description = models.TextField(
        _("text version of the chart"),
        blank=True,
        help_text=_("Describe the chart in words for people who cannot see it."),
    )
    body = RichTextField(_("content"), blank=True)
    attachments = StreamField(attachment_blocks(), verbose_name=_("files"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldPanel("chart"),
        FieldPanel("chart_description"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = AgencyPage.search_fields + [
        index.SearchField("chart_description"),
        index.SearchField("body"),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("organisation structure page")

    def get_context(self, request, *args, **kwargs):
        from prongsai.agencies.models import Department

        context = super().get_context(request, *args, **kwargs)
        context["departments"] = Department.objects.filter(site=self.get_site()).prefetch_related(
            "members__user"
        )
        return context


class ExecutiveGroup(models.TextChoices):
    EXECUTIVES = "executives", _("Executives")
    COUNCIL = "council", _("Council members")
    HEADS = "heads", _("Heads of departments")


class ExecutiveDirectoryPage(AgencyPage):
    """ทำเนียบผู้บริหาร: name, position, photo and contact of each executive."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("people", heading=_("People"), label=_("person")),
    ]
    search_fields = AgencyPage.search_fields + [
        index.RelatedFields("people", [index.SearchField("name"), index.SearchField("position")]),
    ]

    class Meta:
        verbose_name = _("executives directory")

    def groups(self):
        people = list(self.people.select_related("photo").all())
        return [
            (label, [p for p in people if p.group == value])
            for value, label in ExecutiveGroup.choices
            if any(p.group == value for p in people)
        ]


class Executive(Orderable):
    page = ParentalKey(ExecutiveDirectoryPage, on_delete=models.CASCADE, related_name="people")
    group = models.CharField(
        _("group"), max_length=20, choices=ExecutiveGroup.choices, default=ExecutiveGroup.EXECUTIVES
    )
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("name")]),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("executive")
