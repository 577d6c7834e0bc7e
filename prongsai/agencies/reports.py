"""Wagtail's reports held to the agencies the user reaches.

- Page types: Wagtail counted and named pages of every agency, and its site filter named every
  agency; here it counts, names the last edited page and offers the sites only within the
  user's agencies.
- Site history: Wagtail lists the log entries of every object whose type the user holds any
  permission on (a department of another agency, for one) and, in its user filter, everyone
  who wrote them; here the entries of objects other than pages are those of the user's
  agencies' objects (`scope.limit_to_sites`), and the filter names only the agencies' staff.
- Locked pages, workflows and workflow tasks: the rows already follow the page permissions,
  but the filters offered every account that ever locked a page or asked for an approval
  (another agency's staff names) and every agency's workflow and tasks; here they offer only
  those of the user's agencies (`page_listing.hold_filters_to_agencies`).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportFilterSet,
    PageTypesUsageReportView,
)
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.models import Page, PageLogEntry, Task, Workflow

from prongsai.agencies.page_listing import hold_filters_to_agencies
from prongsai.agencies.scope import agency_sites, agency_users, limit_to_sites, pages_q


def _platform_admin(request):
    user = request.user if request else None
    return user is not None and user.is_active and user.is_superuser


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


def own_workflows(user):
    """The publishing workflows on the home pages of the user's agencies."""
    roots = Page.objects.filter(sites_rooted_here__in=agency_sites(user))
    return Workflow.objects.filter(workflow_pages__page__in=roots).distinct()


class AgencyFiltersMixin:
    """A report's filter set with its site and people choices held to the user's agencies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hold_filters_to_agencies(self)


class AgencyWorkflowFiltersMixin(AgencyFiltersMixin):
    """... and its workflow and task choices to the workflows of the user's agencies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if _platform_admin(self.request):
            return
        workflows = own_workflows(self.request.user)
        if "workflow" in self.filters:
            self.filters["workflow"].queryset = workflows
        if "task" in self.filters:
            self.filters["task"].queryset = Task.objects.filter(
                workflow_tasks__workflow__in=workflows
            ).distinct()


class AgencyLockedPagesFilterSet(AgencyFiltersMixin, LockedPagesReportFilterSet):
    pass


class AgencySiteHistoryFilterSet(AgencyFiltersMixin, SiteHistoryReportFilterSet):
    pass


class AgencyWorkflowFilterSet(AgencyWorkflowFiltersMixin, WorkflowReportFilterSet):
    pass


class AgencyWorkflowTasksFilterSet(AgencyWorkflowFiltersMixin, WorkflowTasksReportFilterSet):
    pass


def _own_objects_q(log_entries, sites):
    """Log entries (of one non-page log model) about objects of `sites`; objects of no agency
    are left out."""
    condition = Q(pk__in=[])
    for content_type_id in set(log_entries.values_list("content_type_id", flat=True)):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if model is get_user_model():
            objects = agency_users(sites)
        else:
            try:
                objects = limit_to_sites(model._default_manager.all(), sites)
            except TypeError:  # carries no agency: platform admins only
                continue
        ids = objects.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
        condition |= Q(content_type_id=content_type_id, object_id__in=Subquery(ids))
    return condition


class AgencySiteHistoryView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if _platform_admin(self.request) or issubclass(queryset.model, PageLogEntry):
            return queryset  # page entries already follow the page permissions
        return queryset.filter(_own_objects_q(queryset, agency_sites(self.request.user)))


REPORTS_WITH_PEOPLE_FILTERS = [
    ("locked", LockedPagesView, AgencyLockedPagesFilterSet),
    ("site-history", AgencySiteHistoryView, AgencySiteHistoryFilterSet),
    ("workflow", WorkflowView, AgencyWorkflowFilterSet),
    ("workflow_tasks", WorkflowTasksView, AgencyWorkflowTasksFilterSet),
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
