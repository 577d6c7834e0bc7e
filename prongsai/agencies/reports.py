"""Wagtail's page-types report counted and named pages of every agency: here it counts, and
names the last edited page, only under the roots of the agencies the user reaches."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportFilterSet,
    PageTypesUsageReportView,
)
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowView
from wagtail.models import Page

from prongsai.agencies.page_listing import hold_filters_to_agencies
from prongsai.agencies.scope import agency_sites, pages_q


class AgencyPageTypesUsageFilterSet(PageTypesUsageReportFilterSet):
    """The site filter offers only the user's agencies (none to choose with only one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request is not None else None
        if user is None or user.is_superuser or "site" not in self.filters:
            return
        sites = agency_sites(user).select_related("root_page")
        self.sites = {site.pk: site for site in sites}
        if len(self.sites) < 2:
            self.sites_filter_enabled = False
            del self.filters["site"]
            return
        self.filters["site"].extra["choices"] = [
            (site.root_page.path, str(site)) for site in self.sites.values()
        ]


class AgencyPageTypesUsageView(PageTypesUsageReportView):
    filterset_class = AgencyPageTypesUsageFilterSet

    def get_queryset(self):
        user = self.request.user
        if user.is_superuser:
            return super().get_queryset()
        self.queryset = ContentType.objects.filter(model__in=self.page_models)
        queryset = self.filter_queryset(self.queryset)
        own = pages_q(agency_sites(user))
        chosen = Q()
        if language_code := self.filters.form.cleaned_data.get("page_locale"):
            chosen &= Q(locale__language_code=language_code)
        if site_root_path := self.filters.form.cleaned_data.get("site"):
            chosen &= Q(path__startswith=site_root_path)
        pages = Page.objects.filter(own, chosen)
        latest_edited = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=Q(pages__in=pages)),
            last_edited_page_id=Subquery(latest_edited.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")


class AgencyFiltersMixin:
    """A report's filter set with its site and people choices held to the user's agencies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hold_filters_to_agencies(self)


class AgencyLockedPagesFilterSet(AgencyFiltersMixin, LockedPagesReportFilterSet):
    pass


class AgencySiteHistoryFilterSet(AgencyFiltersMixin, SiteHistoryReportFilterSet):
    pass


class AgencyWorkflowFilterSet(AgencyFiltersMixin, WorkflowReportFilterSet):
    pass


REPORTS_WITH_PEOPLE_FILTERS = [
    ("locked", LockedPagesView, AgencyLockedPagesFilterSet),
    ("site-history", LogEntriesView, AgencySiteHistoryFilterSet),
    ("workflow", WorkflowView, AgencyWorkflowFilterSet),
]


def _filter_overrides():
    patterns = []
    for address, view, filterset in REPORTS_WITH_PEOPLE_FILTERS:
        for suffix, results_only in (("", False), ("results/", True)):
            patterns.append(
                path(
                    f"admin/reports/{address}/{suffix}",
                    require_admin_access(
                        view.as_view(filterset_class=filterset, results_only=results_only)
                    ),
                )
            )
    return patterns


def url_overrides():
    """Admin reports served before Wagtail's own (same paths, so every link keeps working)."""
    return [
        path(
            "admin/reports/page-types-usage/",
            require_admin_access(AgencyPageTypesUsageView.as_view()),
        ),
        path(
            "admin/reports/page-types-usage/results/",
            require_admin_access(AgencyPageTypesUsageView.as_view(results_only=True)),
        ),
        *_filter_overrides(),
    ]
