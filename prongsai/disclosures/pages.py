"""Disclosure (รายการเผยแพร่) pages and the listings that find them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from prongsai.agencies.thaidates import fiscal_year_of
from prongsai.disclosures.oia import OIA_SECTIONS, OIA_TITLES, section_of
from prongsai.site import listing
from prongsai.site.blocks import attachment_blocks, body_blocks
from prongsai.site.forms import AgencyPageForm
from prongsai.site.models.base import AgencyPage, OwnedContent


class DisclosureIndexPage(AgencyPage):
    """A category of Disclosures (e.g. แผนงาน, งบประมาณ, รายงานผล, กฎหมาย, คู่มือปฏิบัติงาน),
    listing every Disclosure below it by fiscal year, sub-category and department."""

    intro = RichTextField(_("introduction"), blank=True)
    require_source = models.BooleanField(
        _("items must name their source"),
        default=False,
        help_text=_("Tick for laws and regulations: each item must show where it comes from."),
    )

    content_panels = AgencyPage.content_panels + [FieldPanel("intro"), FieldPanel("require_source")]
    subpage_types = ["disclosures.DisclosureIndexPage", "disclosures.DisclosurePage"]
    search_fields = AgencyPage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("disclosure listing")

    def disclosures(self):
        return DisclosurePage.objects.live().public().descendant_of(self)

    def subcategories(self):
        return self.get_children().live().public().type(DisclosureIndexPage).specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.disclosures()
        years = listing.fiscal_year_options(items)
        subcategories = list(self.subcategories())
        year = listing.selected_int(request, "year")
        if year:
            items = items.filter(fiscal_year=year)
        category = listing.selected_int(request, "category")
        chosen = next((c for c in subcategories if c.pk == category), None)
        if chosen is not None:
            items = items.descendant_of(chosen)
        context.update(
            items=listing.paginate(
                request,
                items.order_by("-publish_date", "-pk").select_related("department"),
            ),
            years=years,
            selected_year=year,
            subcategories=subcategories,
            selected_category=chosen,
            filter_query=listing.query_without_page(request),
        )
        return context


class DisclosurePageForm(AgencyPageForm):
    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page.specific if self.parent_page else None
        if getattr(parent, "require_source", False) and not cleaned.get("source"):
            self.add_error("source", _("Items in this category must show their source."))
        return cleaned


class DisclosurePage(OwnedContent, AgencyPage):
    """One published item with its files and the metadata seed 001 §2.2 / seed 004 §2.3 require:
    owner department or source, the period the data covers, publish date, fiscal year and the
    OIA category; every file shows its type and size."""

    base_form_class = DisclosurePageForm
    body = StreamField(body_blocks(), verbose_name=_("details"), blank=True)
    attachments = StreamField(attachment_blocks(), verbose_name=_("files"), blank=True)
    data_period_start = models.DateField(_("data covers from"), null=True, blank=True)
    data_period_end = models.DateField(_("data covers until"), null=True, blank=True)
    publish_date = models.DateField(
        _("publish date"),
        null=True,
        blank=True,
        help_text=_("Filled in automatically when first published."),
    )
    fiscal_year = models.PositiveIntegerField(
        _("fiscal year (B.E.)"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Worked out from the data period when left empty."),
    )
    oia_category = models.CharField(
        _("Official Information Act category"), max_length=10, choices=OIA_SECTIONS, blank=True
    )

    content_panels = AgencyPage.content_panels + [
        FieldPanel("body"),
        FieldPanel("attachments"),
        MultiFieldPanel(
            [
                *OwnedContent.ownership_panels,
                FieldRowPanel([FieldPanel("data_period_start"), FieldPanel("data_period_end")]),
                FieldRowPanel([FieldPanel("fiscal_year"), FieldPanel("publish_date")]),
                FieldPanel("oia_category"),
            ],
            heading=_("Disclosure details"),
        ),
    ]
    search_fields = AgencyPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("fiscal_year"),
        index.FilterField("oia_category"),
        index.FilterField("publish_date"),
    ]
    parent_page_types = ["disclosures.DisclosureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.data_period_start
            and self.data_period_end
            and self.data_period_end < self.data_period_start
        ):
            errors["data_period_end"] = _("The end of the data period is before its start.")
        if not self.department_id and not self.source:
            errors["source"] = _("Name the owner department or the source of the information.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.fiscal_year:
            anchor = self.data_period_end or self.data_period_start or self.publish_date
            if anchor:
                self.fiscal_year = fiscal_year_of(anchor).be
        if self.live and not self.publish_date:
            from django.utils import timezone

            self.publish_date = timezone.localdate()
            if not self.fiscal_year:
                self.fiscal_year = fiscal_year_of(self.publish_date).be
        super().save(*args, **kwargs)

    @property
    def oia_title(self):
        return OIA_TITLES.get(self.oia_category, "")

    def documents(self):
        return [block.value["document"] for block in self.attachments if block.value["document"]]


class InformationCentrePage(AgencyPage):
    """ศูนย์ข้อมูลข่าวสาร: every Disclosure of the agency with an OIA category, grouped by
    section 7 and section 9 of the Official Information Act."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = AgencyPage.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("official information centre")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = (
            DisclosurePage.objects.live()
            .public()
            .descendant_of(self.get_site().root_page)
            .exclude(oia_category="")
            .order_by("oia_category", "-publish_date")
        )
        query = request.GET.get("q", "").strip()
        if query:
            items = items.filter(
                models.Q(title__icontains=query) | models.Q(source__icontains=query)
            )
        by_code = {}
        for item in items:
            by_code.setdefault(item.oia_category, []).append(item)
        context.update(
            query=query,
            groups=[
                {
                    "section": section,
                    "categories": [
                        (code, title, by_code.get(code, []))
                        for code, title in OIA_SECTIONS
                        if section_of(code) == section
                    ],
                }
                for section in ("s7", "s9")
            ],
            total=sum(len(v) for v in by_code.values()),
        )
        return context
