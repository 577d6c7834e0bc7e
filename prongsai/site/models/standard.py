from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from prongsai.site.blocks import body_blocks
from prongsai.site.models.base import AgencyPage, OwnedContent


class SectionPage(AgencyPage):
    """A category of the menu (e.g. ข้อมูลพื้นฐาน): an introduction and its sub-pages."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = AgencyPage.content_panels + [FieldPanel("intro")]
    search_fields = AgencyPage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("section (menu category)")


class StandardPage(OwnedContent, AgencyPage):
    """A page of text: history, powers and duties, policies and anything without structure."""

    body = StreamField(body_blocks(), verbose_name=_("content"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(OwnedContent.ownership_panels, heading=_("Owner and source")),
    ]
    search_fields = AgencyPage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class VisionMissionPage(OwnedContent, AgencyPage):
    """วิสัยทัศน์ พันธกิจ: the vision, the missions and the goals, each its own field."""

    vision = RichTextField(_("vision"))
    missions = RichTextField(_("missions"), blank=True)
    goals = RichTextField(_("goals"), blank=True)
    body = StreamField(body_blocks(), verbose_name=_("more content"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldPanel("vision"),
        FieldPanel("missions"),
        FieldPanel("goals"),
        FieldPanel("body"),
        MultiFieldPanel(OwnedContent.ownership_panels, heading=_("Owner and source")),
    ]
    search_fields = AgencyPage.search_fields + [
        index.SearchField("vision"),
        index.SearchField("missions"),
        index.SearchField("goals"),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("vision and mission page")
