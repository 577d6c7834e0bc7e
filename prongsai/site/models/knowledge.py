from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from prongsai.site import listing
from prongsai.site.blocks import attachment_blocks, body_blocks
from prongsai.site.models.base import AgencyPage


class KnowledgeKind(models.TextChoices):
    INFOGRAPHIC = "infographic", _("Infographic")
    MEDIA = "media", _("Multimedia")
    ARTICLE = "article", _("Article")
    RESEARCH = "research", _("Research")
    STATISTICS = "statistics", _("Statistics")


class KnowledgeIndexPage(AgencyPage):
    """คลังความรู้ (seed 001 §1.3): infographics, media, articles, research and statistics."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = AgencyPage.content_panels + [FieldPanel("intro")]
    subpage_types = ["site.KnowledgeItemPage"]

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = (
            KnowledgeItemPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-reference_date", "-pk")
        )
        kind = request.GET.get("kind", "")
        if kind in KnowledgeKind.values:
            items = items.filter(kind=kind)
        context.update(
            items=listing.paginate(request, items.select_related("image")),
            kinds=KnowledgeKind.choices,
            selected_kind=kind,
            filter_query=listing.query_without_page(request),
        )
        return context


class KnowledgeItemPage(AgencyPage):
    """One piece of knowledge, always with its source and date so others can reuse it."""

    kind = models.CharField(_("kind"), max_length=20, choices=KnowledgeKind.choices)
    source = models.CharField(_("source"), max_length=255)
    reference_date = models.DateField(_("date of the information"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(body_blocks(), verbose_name=_("content"), blank=True)
    attachments = StreamField(attachment_blocks(), verbose_name=_("files"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("reference_date")]),
        FieldPanel("source"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = AgencyPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["site.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge item")
