"""Admin → Reports → "Document files and their text": which files could be read, which are
scans (and so fail accessibility), and what went wrong, for the documents a user may change."""

import datetime

import django_filters
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from prongsai.core.exports import safe_cell
from prongsai.disclosures.extraction import TextStatus
from prongsai.disclosures.media import DOCUMENT_SENT_PRIVATELY
from prongsai.disclosures.visibility import PRIVATE, PUBLIC, answer

REPORT_TITLE = _("Document files and their text")


def _label(field_name):
    return get_document_model()._meta.get_field(field_name).verbose_name


def _document_permission_policy():
    return policy_registry.get_by_type(get_document_model())


class DocumentTextFilterSet(WagtailFilterSet):
    text_status = django_filters.ChoiceFilter(
        label=_label("text_status"), choices=TextStatus.choices
    )
    is_scan = django_filters.BooleanFilter(label=_label("is_scan"))

    class Meta:
        model = get_document_model()
        fields = ["text_status", "is_scan"]


class DocumentTextReportView(ReportView):
    page_title = REPORT_TITLE
    header_icon = "doc-full"
    index_url_name = "disclosures_document_text_report"
    index_results_url_name = "disclosures_document_text_report_results"
    filterset_class = DocumentTextFilterSet
    any_permission_required = ["change"]
    default_ordering = "-created_at"

    columns = [
        TitleColumn("title", label=_label("title"), url_name="wagtaildocs:edit", sort_key="title"),
        Column("kind", label=_("file type"), accessor="kind_label"),
        Column("size", label=_("size"), accessor="human_size"),
        Column(
            "text_status",
            label=_label("text_status"),
            accessor="get_text_status_display",
            sort_key="text_status",
        ),
        Column("is_scan", label=_label("is_scan"), accessor="scan_label"),
        Column("page_count", label=_label("page_count"), sort_key="page_count"),
        Column("text_error", label=_label("text_error")),
        DateColumn(
            "text_extracted_at", label=_label("text_extracted_at"), sort_key="text_extracted_at"
        ),
    ]
    list_export = [
        "title",
        "kind_label",
        "file_size",
        "get_text_status_display",
        "scan_label",
        "page_count",
        "text_error",
        "text_extracted_at",
        "collection",
        "created_at",
    ]
    export_headings = {
        "kind_label": _("file type"),
        "file_size": _("size (bytes)"),
        "get_text_status_display": _label("text_status"),
        "scan_label": _label("is_scan"),
    }

    @property
    def model(self):
        return get_document_model()

    def get_filename(self):
        return f"document-text-{datetime.date.today():%Y-%m-%d}"

    def stream_csv(self, queryset):
        yield "\ufeff"  # a byte order mark, so Excel opens the Thai as UTF-8
        yield from super().stream_csv(queryset)

    def write_csv_row(self, writer, row_dict):
        # Wagtail quotes formulas in its XLSX export but writes CSV cells raw
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def get_queryset(self):
        # Only documents in collections the user can change (their own agency's), and never
        # the text itself (the manager defers it; said again here, as it can be megabytes).
        self.queryset = (
            _document_permission_policy()
            .instances_user_has_any_permission_for(self.request.user, ["change"])
            .select_related("collection")
            .defer("text")
        )
        return super().get_queryset()


class DocumentTextReportMenuItem(MenuItem):
    def is_shown(self, request):
        return _document_permission_policy().user_has_any_permission(request.user, ["change"])


@hooks.register("register_reports_menu_item")
def register_document_text_report_menu_item():
    return DocumentTextReportMenuItem(
        REPORT_TITLE,
        reverse("disclosures_document_text_report"),
        name="document-text",
        icon_name="doc-full",
        order=1300,  # after Wagtail's own reports
    )


@hooks.register("register_admin_urls")
def register_document_text_report_urls():
    return [
        path(
            "reports/document-text/",
            DocumentTextReportView.as_view(),
            name="disclosures_document_text_report",
        ),
        path(
            "reports/document-text/results/",
            DocumentTextReportView.as_view(results_only=True),
            name="disclosures_document_text_report_results",
        ),
    ]


@hooks.register("before_serve_document")
def files_of_non_public_items_are_not_served(document, request):
    """Public files to everyone; the others privately to the agency's staff who may choose or
    change them, and to visitors who passed a restriction of a page linking them
    (`visibility.answer`). Same 404 as a missing file."""
    _, how = answer(get_document_model().objects.filter(pk=document.pk), request)
    if how == PRIVATE:
        setattr(request, DOCUMENT_SENT_PRIVATELY, True)
    elif how != PUBLIC:
        raise Http404
