from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from prongsai.site.models.base import AgencyPage


class RelatedLinksPage(AgencyPage):
    """เว็บไซต์หน่วยงานที่เกี่ยวข้อง (seed 001 §1.4), grouped."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("links", heading=_("Links"), label=_("link")),
    ]
    search_fields = AgencyPage.search_fields + [
        index.RelatedFields("links", [index.SearchField("title")]),
    ]

    class Meta:
        verbose_name = _("related links page")

    def groups(self):
        grouped = {}
        for link in self.links.all():
            grouped.setdefault(link.group, []).append(link)
        return list(grouped.items())


class RelatedLink(Orderable):
    page = ParentalKey(RelatedLinksPage, on_delete=models.CASCADE, related_name="links")
    group = models.CharField(_("group"), max_length=255)
    title = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("address"))
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [
        FieldPanel("group"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("link")
