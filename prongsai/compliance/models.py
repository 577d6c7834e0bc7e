"""ITA/OIT readiness: catalogs of required items as data, an agency's yearly checklist with
evidence, the runs of the evidence checks, and the public ITA page."""

import copy

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Site

from prongsai.site.models import AgencyPage


class Scheme(models.TextChoices):
    NACC_OIT = "nacc-oit", _("NACC ITA – OIT")
    MOPH_MOIT = "moph-moit", _("Ministry of Public Health – MOIT")
    GWS = "gws", _("Government Website Standard")
    OIA = "oia", _("Official Information Act s.7/s.9")


class Period(models.TextChoices):
    CURRENT = "current", _("current fiscal year")
    PREVIOUS = "previous", _("previous fiscal year")
    H1_CURRENT = "h1-current", _("first half of the current fiscal year")
    MULTI_YEAR = "multi-year", _("a plan spanning the current fiscal year")
    ANY = "any", _("standing information")


class ItemStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    UNCONFIRMED = "unconfirmed", _("unconfirmed")


class Catalog(models.Model):
    """A versioned list of required items: one scheme, one fiscal year, some agency types."""

    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    fiscal_year = models.PositiveIntegerField(
        _("fiscal year (B.E.)"), null=True, blank=True, help_text=_("Empty for standing lists.")
    )
    agency_types = models.JSONField(
        _("agency types"),
        default=list,
        blank=True,
        help_text=_("Agency types this catalog applies to; empty means all."),
    )
    title = models.CharField(_("title"), max_length=255)
    source = models.TextField(_("source"), blank=True)
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("catalog")
        verbose_name_plural = _("catalogs")
        ordering = ["scheme", "-fiscal_year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "fiscal_year", "title"], name="compliance_catalog_unique"
            )
        ]

    def __str__(self):
        return self.title

    def applies_to(self, agency_type):
        return not self.agency_types or agency_type in self.agency_types

    @property
    def unconfirmed_count(self):
        return self.items.filter(status=ItemStatus.UNCONFIRMED).count()


class CatalogItem(models.Model):
    catalog = models.ForeignKey(
        Catalog, verbose_name=_("catalog"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("code"), max_length=20)
    title_th = models.TextField(_("title in Thai"), blank=True)
    title_en = models.TextField(_("title in English"), blank=True)
    group = models.CharField(_("group"), max_length=255, blank=True)
    expected = models.TextField(_("what is expected"), blank=True)
    period = models.CharField(
        _("period the evidence must cover"), max_length=20, choices=Period.choices, blank=True
    )
    min_count = models.PositiveIntegerField(_("minimum number of items"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.CONFIRMED
    )
    source_note = models.TextField(_("source"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    # true on the copy an agency reads when it has corrected the item (CatalogItemCorrection)
    corrected_by_agency = False

    class Meta:
        verbose_name = _("catalog item")
        verbose_name_plural = _("catalog items")
        ordering = ["catalog", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "code"], name="compliance_item_code_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def title(self):
        if self.title_th:
            return self.title_th
        if not self.title_en or self.title_en.lower().startswith("(unknown"):
            return "(ยังไม่ทราบชื่อข้อ)"
        return self.title_en

    @property
    def unconfirmed(self):
        return self.status == ItemStatus.UNCONFIRMED


class CatalogItemCorrection(models.Model):
    """One agency's own correction of an install-wide catalog item (what its assessor told
    it): laid over the item wherever that agency reads it, its checklist and its public ITA
    page; the catalog row and every other agency keep the install-wide text.

    Only what differs from the catalog is kept, so a later correction of the catalog itself
    still reaches the fields the agency left alone."""

    FIELDS = (
        "title_th",
        "title_en",
        "group",
        "period",
        "min_count",
        "status",
        "source_note",
        "expected",
    )

    site = models.ForeignKey(
        Site, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        CatalogItem,
        verbose_name=_("catalog item"),
        on_delete=models.CASCADE,
        related_name="agency_corrections",
    )
    changes = models.JSONField(_("corrected fields"), default=dict)
    corrected_at = models.DateTimeField(_("corrected at"), auto_now=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agency's correction of a catalog item")
        verbose_name_plural = _("agency's corrections of catalog items")
        constraints = [
            models.UniqueConstraint(fields=["site", "item"], name="compliance_correction_unique")
        ]

    def __str__(self):
        return f"{self.item.code} ({self.site})"

    def laid_over(self, item):
        """A copy of `item` that reads as this agency corrected it (the row is untouched)."""
        corrected = copy.copy(item)
        for name, value in self.changes.items():
            if name in self.FIELDS:
                setattr(corrected, name, value)
        corrected.corrected_by_agency = True
        return corrected


def items_as_corrected_by(site, items):
    """Catalog `items` as `site` reads them, its own corrections laid over (no site: as they
    are). The one way an agency's screens, exports and checks read catalog items."""
    items = list(items)
    if site is None:
        return items
    corrections = {
        correction.item_id: correction
        for correction in CatalogItemCorrection.objects.filter(
            site=site, item__in={item.pk for item in items}
        )
    }
    return [corrections[i.pk].laid_over(i) if i.pk in corrections else i for i in items]


def as_corrected_by(site, entries):
    """A checklist's `entries` (of `site`) as a list, each reading its item as the agency
    corrected it."""
    entries = list(entries)
    for entry, item in zip(
        entries, items_as_corrected_by(site, [e.item for e in entries]), strict=True
    ):
        entry.item = item
    return entries


class ChecklistStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Checklist(models.Model):
    """An agency's answer to one catalog for one fiscal year (the OIT survey)."""

    site = models.ForeignKey(
        Site, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="ita_checklists"
    )
    catalog = models.ForeignKey(
        Catalog, verbose_name=_("catalog"), on_delete=models.PROTECT, related_name="checklists"
    )
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"))
    status = models.CharField(
        _("status"), max_length=20, choices=ChecklistStatus.choices, default=ChecklistStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("snapshot of what was submitted"), null=True, blank=True)
    copy_report = models.JSONField(_("copy report"), null=True, blank=True)

    class Meta:
        verbose_name = _("ITA checklist")
        verbose_name_plural = _("ITA checklists")
        ordering = ["-fiscal_year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "catalog", "fiscal_year"], name="compliance_checklist_unique"
            )
        ]

    def __str__(self):
        return f"{self.catalog.title} ({self.fiscal_year})"

    @property
    def is_submitted(self):
        return self.status == ChecklistStatus.SUBMITTED

    def latest_run(self):
        return self.runs.order_by("-started_at", "-pk").first()


class EntryStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    READY = "ready", _("ready")
    SUBMITTED = "submitted", _("submitted")


class ChecklistEntry(models.Model):
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="entries"
    )
    item = models.ForeignKey(
        CatalogItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="entries"
    )
    department = models.ForeignKey(
        "agencies.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.NOT_STARTED
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Where the information sits on the website (the ITAS explanation)."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("checklist entry")
        verbose_name_plural = _("checklist entries")
        ordering = ["item__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "item"], name="compliance_entry_unique")
        ]

    def __str__(self):
        return str(self.item)

    @property
    def is_done(self):
        return self.status in (EntryStatus.READY, EntryStatus.SUBMITTED)

    @property
    def is_overdue(self):
        return bool(self.due_date and self.due_date < timezone.localdate() and not self.is_done)


class Evidence(models.Model):
    """One piece of evidence: a page (a Disclosure or any page), a document, or a URL."""

    entry = models.ForeignKey(
        ChecklistEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="evidence"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    label = models.CharField(_("label"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.display_label

    @property
    def kind(self):
        if self.page_id:
            return "page"
        if self.document_id:
            return "document"
        if self.url:
            return "url"
        return "missing"

    @property
    def display_label(self):
        if self.label:
            return self.label
        if self.page_id and self.page:
            return self.page.title
        if self.document_id and self.document:
            return self.document.title
        return self.url or "—"

    def public_url(self, site=None):
        """The absolute address an assessor opens."""
        if self.page_id and self.page:
            return self.page.get_full_url() or ""
        if self.document_id and self.document:
            base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
            return base.rstrip("/") + self.document.url
        return self.url


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class CheckRun(models.Model):
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="runs"
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("entries to check"), default=0)
    checked = models.PositiveIntegerField(_("entries checked"), default=0)
    passed = models.PositiveIntegerField(_("entries passing"), default=0)
    ready = models.PositiveIntegerField(_("entries ready"), default=0)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.checklist} @ {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def progress(self):
        return round(100 * self.checked / self.total) if self.total else 0

    @property
    def finished(self):
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class CheckResult(models.Model):
    run = models.ForeignKey(
        CheckRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="results"
    )
    entry = models.ForeignKey(
        ChecklistEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="results"
    )
    ok = models.BooleanField(_("passes"), default=False)
    problems = models.JSONField(_("problems"), default=list)
    notes = models.JSONField(_("notes"), default=list)
    details = models.JSONField(_("details"), default=list)

    class Meta:
        verbose_name = _("check result")
        verbose_name_plural = _("check results")
        ordering = ["entry__item__sort_order", "pk"]

    def __str__(self):
        return f"{self.entry} – {'ok' if self.ok else 'fail'}"


class ITAPage(AgencyPage):
    """The public ITA page: every item of a fiscal year's checklist with links to its evidence."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = AgencyPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    template = "compliance/ita_page.html"

    class Meta:
        verbose_name = _("ITA page (open data for the integrity assessment)")

    def checklists(self):
        site = self.get_site()
        return (
            Checklist.objects.filter(site=site, catalog__scheme=Scheme.NACC_OIT)
            .select_related("catalog")
            .order_by("-fiscal_year", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from prongsai.compliance.public import ita_context

        context = super().get_context(request, *args, **kwargs)
        context.update(ita_context(self, request))
        return context


# Thai labels for the group names the shipped catalogs use (a catalog may also use Thai).
GROUP_LABELS_TH = {
    "basic information": "ข้อมูลพื้นฐาน",
    "operations": "การบริหารงานและการให้บริการ",
    "procurement": "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ",
    "human resources": "การบริหารและพัฒนาทรัพยากรบุคคล",
    "complaints": "การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    "participation": "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
    "corruption prevention": "การป้องกันการทุจริต",
    "": "ยังไม่ระบุกลุ่ม",
}


def group_label(group):
    return GROUP_LABELS_TH.get((group or "").strip().lower(), group)
