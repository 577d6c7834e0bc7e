from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from prongsai.site.blocks import RequiredDocumentBlock, ServiceStepBlock, attachment_blocks
from prongsai.site.models.base import AgencyPage, OwnedContent


class CitizenManualPage(OwnedContent, AgencyPage):
    """คู่มือสำหรับประชาชน (seed 001 §1.7): how to get one service — where, conditions, each step
    with its time, the documents to bring, fees, where to complain, and the forms to download."""

    channels = RichTextField(_("where and when to apply"))
    conditions = RichTextField(_("rules and conditions"), blank=True)
    steps = StreamField([("step", ServiceStepBlock())], verbose_name=_("steps"))
    required_documents = StreamField(
        [("document", RequiredDocumentBlock())], verbose_name=_("documents to bring"), blank=True
    )
    fees = RichTextField(_("fees"), blank=True)
    complaints = RichTextField(_("where to complain"), blank=True)
    forms = StreamField(attachment_blocks(), verbose_name=_("forms to download"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldPanel("channels"),
        FieldPanel("conditions"),
        FieldPanel("steps"),
        FieldPanel("required_documents"),
        FieldPanel("fees"),
        FieldPanel("complaints"),
        FieldPanel("forms"),
        MultiFieldPanel(OwnedContent.ownership_panels, heading=_("Owner and source")),
    ]
    search_fields = AgencyPage.search_fields + [
        index.SearchField("channels"),
        index.SearchField("conditions"),
        index.SearchField("steps"),
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("citizen manual")
