"""/admin/traffic/: the traffic log, for platform administrators (superusers) only. Agency staff
never see it: it holds every visitor's address, across agencies."""

import csv

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from prongsai.core.admin_views import AdminPage
from prongsai.core.exports import safe_row
from prongsai.core.params import int_param
from prongsai.traffic.models import TrafficEntry

PAGE_SIZE = 50
CSV_COLUMNS = [
    "time",
    "client_address",
    "method",
    "host",
    "path",
    "status",
    "bytes_sent",
    "duration_ms",
    "user_id",
    "username",
    "user_agent",
    "source",
]


def may_read_traffic(user):
    return user.is_active and user.is_superuser


class TrafficFilterForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    address = forms.CharField(label=gettext_lazy("Client address"), required=False, max_length=45)
    username = forms.CharField(label=gettext_lazy("Username"), required=False, max_length=150)
    path = forms.CharField(label=gettext_lazy("Address contains"), required=False, max_length=200)
    status = forms.IntegerField(
        label=gettext_lazy("HTTP status"), required=False, min_value=100, max_value=599
    )

    def filters(self):
        """The filters from every field that is valid; a wrong field is shown and ignored."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def filtered_entries(filters):
    entries = TrafficEntry.objects.all()
    zone = timezone.get_current_timezone()
    if "date_from" in filters:
        start = timezone.datetime.combine(filters["date_from"], timezone.datetime.min.time())
        entries = entries.filter(time__gte=timezone.make_aware(start, zone))
    if "date_to" in filters:
        end = timezone.datetime.combine(filters["date_to"], timezone.datetime.max.time())
        entries = entries.filter(time__lte=timezone.make_aware(end, zone))
    if "address" in filters:
        entries = entries.filter(client_address=filters["address"].strip())
    if "username" in filters:
        entries = entries.filter(username__iexact=filters["username"].strip())
    if "path" in filters:
        entries = entries.filter(path__contains=filters["path"])
    if "status" in filters:
        entries = entries.filter(status=filters["status"])
    return entries


class _Echo:
    def write(self, value):
        return value


def csv_rows(entries):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # the BOM lets Excel read Thai as UTF-8
    for entry in entries.iterator(chunk_size=2000):
        local = timezone.localtime(entry.time)
        yield writer.writerow(
            safe_row(
                [
                    local.isoformat(timespec="seconds"),
                    entry.client_address,
                    entry.method,
                    entry.host,
                    entry.path,
                    entry.status,
                    entry.bytes_sent,
                    entry.duration_ms,
                    entry.user_id or "",
                    entry.username,
                    entry.user_agent,
                    entry.source,
                ]
            )
        )


class TrafficLogView(AdminPage, TemplateView):
    page_title = gettext_lazy("Traffic log")
    header_icon = "list-ul"
    template_name = "traffic/log.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_traffic(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = TrafficFilterForm(request.GET or None)
        self.entries = filtered_entries(self.form.filters() if request.GET else {})
        if request.GET.get("format") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def csv_response(self):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(
            csv_rows(self.entries.order_by("time", "id")), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="traffic-{stamp}.csv"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(self.entries, PAGE_SIZE)
        page = paginator.get_page(int_param(self.request, "p", default=1, minimum=1))
        query = self.request.GET.copy()
        query.pop("p", None)
        query.pop("format", None)
        context.update(
            form=self.form or TrafficFilterForm(),
            page=page,
            query=query.urlencode(),
            total=paginator.count,
            retention_days=settings.PRONGSAI_TRAFFIC_DAYS,
        )
        return context
