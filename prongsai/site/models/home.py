from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from prongsai.site.models.base import AgencyPage


class HomePage(AgencyPage):
    """The agency's front page: welcome, alerts, latest news and every category."""

    welcome = RichTextField(_("welcome text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = AgencyPage.content_panels + [FieldPanel("welcome"), FieldPanel("hero_image")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        # a home page comes with its agency (Site, roles, sections): only
        # prongsai.platform.provision.create_agency makes one, never the page editor
        return False

    def get_context(self, request, *args, **kwargs):
        from prongsai.site.models.news import NewsCategory, NewsPage

        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")
        context["alerts"] = news.filter(category=NewsCategory.ALERT)[:3]
        context["latest_news"] = news.exclude(category=NewsCategory.ALERT).select_related(
            "lead_image"
        )[:6]
        context["announcements"] = news.filter(
            category__in=[
                NewsCategory.PROCUREMENT,
                NewsCategory.PROCUREMENT_RESULT,
                NewsCategory.JOB,
            ]
        )[:6]
        context["sections"] = self.get_children().live().public().in_menu().specific()
        return context
