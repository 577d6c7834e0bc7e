from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from prongsai.agencies.thaidates import fiscal_year_of
from prongsai.site import listing
from prongsai.site.blocks import ImageBlock, attachment_blocks, body_blocks
from prongsai.site.models.base import AgencyPage, OwnedContent


class NewsCategory(models.TextChoices):
    GENERAL = "general", _("General news")
    ACTIVITY = "activity", _("Activity photo news")
    ALERT = "alert", _("Alerts")
    JOB = "job", _("Job announcements")
    PROCUREMENT = "procurement", _("Procurement announcements")
    PROCUREMENT_RESULT = "procurement_result", _("Procurement results")


class NewsIndexPage(RoutablePageMixin, AgencyPage):
    """ข่าวประชาสัมพันธ์: news of one category (or all), by fiscal year and tag, with RSS."""

    intro = RichTextField(_("introduction"), blank=True)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=NewsCategory.choices,
        blank=True,
        help_text=_("Leave empty to list news of every category below this page."),
    )

    content_panels = AgencyPage.content_panels + [FieldPanel("intro"), FieldPanel("category")]
    subpage_types = ["site.NewsIndexPage", "site.NewsPage"]

    class Meta:
        verbose_name = _("news listing")

    def news(self):
        items = NewsPage.objects.live().public().descendant_of(self)
        if self.category:
            items = items.filter(category=self.category)
        return items.order_by("-date", "-pk")

    @path("")
    def listing(self, request):
        items = self.news()
        years = listing.fiscal_year_options(items)
        year = listing.selected_int(request, "year")
        if year:
            items = items.filter(fiscal_year=year)
        tag = request.GET.get("tag", "").strip()
        if tag:
            items = items.filter(tags__name=tag)
        return self.render(
            request,
            context_overrides={
                "items": listing.paginate(
                    request, items.select_related("lead_image", "department")
                ),
                "years": years,
                "selected_year": year,
                "selected_tag": tag,
                "filter_query": listing.query_without_page(request),
                "categories": self.get_children().live().public().type(NewsIndexPage).specific(),
            },
        )

    @path("feed/")
    def feed(self, request):
        from prongsai.site.feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("rss/")
    def rss_alias(self, request):
        return redirect(self.url + "feed/", permanent=True)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("site.NewsPage", on_delete=models.CASCADE, related_name="tagged")


class NewsPage(OwnedContent, AgencyPage):
    """One news item: general news, activity photos, an alert, a job or procurement notice."""

    date = models.DateField(_("news date"))
    category = models.CharField(
        _("category"), max_length=20, choices=NewsCategory.choices, default=NewsCategory.GENERAL
    )
    deadline = models.DateField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_("For job and procurement notices: the last day to apply or bid."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(body_blocks(), verbose_name=_("content"), blank=True)
    gallery = StreamField([("image", ImageBlock())], verbose_name=_("photo gallery"), blank=True)
    attachments = StreamField(attachment_blocks(), verbose_name=_("files"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    fiscal_year = models.PositiveIntegerField(
        _("fiscal year (B.E.)"), editable=False, db_index=True
    )

    content_panels = AgencyPage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category"), FieldPanel("deadline")]),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("attachments"),
        FieldPanel("tags"),
        MultiFieldPanel(OwnedContent.ownership_panels, heading=_("Owner and source")),
    ]
    search_fields = AgencyPage.search_fields + [
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("fiscal_year"),
        index.FilterField("date"),
    ]
    parent_page_types = ["site.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def save(self, *args, **kwargs):
        if self.date:
            self.fiscal_year = fiscal_year_of(self.date).be
        super().save(*args, **kwargs)
