from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.models import PageLogEntry

from prongsai.agencies.models import AgencySettings
from prongsai.agencies.thaidates import current_fiscal_year
from prongsai.core.admin_views import AdminPage
from prongsai.core.params import int_param
from prongsai.publishing import records, requests
from prongsai.publishing.access import agency_of, may_file_requests, oversees, visible_requests
from prongsai.publishing.forms import PublicationRequestForm
from prongsai.publishing.models import RequestStatus


class NewRequestView(AdminPage, FormView):
    page_title = gettext_lazy("Request to publish information")
    header_icon = "doc-full-inverse"
    template_name = "publishing/new_request.html"
    form_class = PublicationRequestForm

    def dispatch(self, request, *args, **kwargs):
        self.site = agency_of(request.user)
        if self.site is None:
            raise PermissionDenied(_("Your account is not a member of any agency."))
        if not may_file_requests(request.user):
            messages.error(
                request, _("Executives follow the work but do not file publication requests.")
            )
            return redirect("publishing:list")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        settings = AgencySettings.for_site(self.site)
        kwargs.update(
            site=self.site,
            user=self.request.user,
            max_file_bytes=settings.max_file_mb * 1024 * 1024,
        )
        return kwargs

    def get_initial(self):
        user = self.request.user
        membership = requests.user_department(user, self.site)
        department = membership.department if membership else None
        return {
            "contact_email": user.email,
            "contact_phone": department.phone if department else "",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = requests.user_department(self.request.user, self.site)
        context["membership"] = membership
        context["agency"] = AgencySettings.for_site(self.site)
        return context

    def form_valid(self, form):
        request_obj = requests.submit(form.cleaned_data, self.request.user, self.site)
        messages.success(
            self.request,
            _("Request %(ref)s was sent to the approver. You will be told of the decision.")
            % {"ref": request_obj.reference},
        )
        return redirect("publishing:detail", pk=request_obj.pk)


class RequestListView(AdminPage, TemplateView):
    page_title = gettext_lazy("Publication requests")
    header_icon = "list-ul"
    template_name = "publishing/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = visible_requests(self.request.user)
        status = self.request.GET.get("status", "")
        if status == "overdue":
            items = items.filter(status=RequestStatus.APPROVED, publish_due__lt=timezone.now())
        elif status in RequestStatus.values:
            items = items.filter(status=status)
        year = int_param(self.request, "year", maximum=9999)
        if year is not None:
            items = items.filter(fiscal_year=year)
        page = Paginator(items, 25).get_page(self.request.GET.get("page"))
        context.update(
            items=page,
            statuses=RequestStatus.choices,
            selected_status=status,
            selected_year=year,
            years=sorted(
                set(visible_requests(self.request.user).values_list("fiscal_year", flat=True)),
                reverse=True,
            ),
            may_file=may_file_requests(self.request.user),
            can_report=any(oversees(self.request.user, s) for s in _sites(self.request.user)),
            current_year=current_fiscal_year().be,
        )
        return context


def _sites(user):
    site = agency_of(user)
    return [site] if site else []


def _visible_or_404(user, pk):
    request_obj = visible_requests(user).filter(pk=pk).first()
    if request_obj is None:
        raise Http404
    return request_obj


class RequestDetailView(AdminPage, TemplateView):
    page_title = gettext_lazy("Publication request")
    header_icon = "doc-full"
    template_name = "publishing/detail.html"

    def get_page_subtitle(self):
        return self.request_obj.reference

    def dispatch(self, request, *args, **kwargs):
        self.request_obj = _visible_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.request_obj.page
        context.update(
            item=self.request_obj,
            page=page.specific if page else None,
            history=PageLogEntry.objects.filter(page=page)
            .select_related("user")
            .order_by("timestamp")
            if page
            else [],
            can_decide=page is not None and oversees(self.request.user, self.request_obj.site),
        )
        return context


def request_pdf(request, pk):
    from prongsai.publishing.documents import request_form_pdf

    request_obj = _visible_or_404(request.user, pk)
    pdf = request_form_pdf(records.form_data(request_obj))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"request-{request_obj.number}-{request_obj.fiscal_year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def yearly_report(request, year, fmt):
    from prongsai.publishing.documents import yearly_report_pdf, yearly_report_xlsx

    site = agency_of(request.user)
    if site is None or not oversees(request.user, site):
        raise PermissionDenied
    data = records.yearly_data(site, year)
    if fmt == "xlsx":
        content = yearly_report_xlsx(data)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = yearly_report_pdf(data)
        content_type = "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="publication-report-{year}.{fmt}"'
    return response


def overdue_for(user, now=None):
    now = now or timezone.now()
    return (
        visible_requests(user)
        .filter(status=RequestStatus.APPROVED, publish_due__lt=now)
        .order_by("publish_due")
    )


def awaiting_for(user):
    return visible_requests(user).filter(status=RequestStatus.SUBMITTED)


def new_request_url():
    return reverse("publishing:new")
