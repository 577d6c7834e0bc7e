"""/admin/agencies/: the platform administrators' list of agencies, with create, suspend and
resume. Agency admins (and everyone else) are refused."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Site

from prongsai.core.admin_views import AdminPage
from prongsai.platform.access import is_platform_admin
from prongsai.platform.forms import CreateAgencyForm, SuspendAgencyForm
from prongsai.platform.provision import AgencyError, create_agency
from prongsai.platform.suspension import agency_overview, resume_agency, suspend_agency


class PlatformAdminOnly:
    def dispatch(self, request, *args, **kwargs):
        if not is_platform_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AgencyListView(PlatformAdminOnly, AdminPage, TemplateView):
    page_title = gettext_lazy("Agencies")
    header_icon = "site"
    template_name = "platform/agencies.html"

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("Create an agency"), url=reverse("platform:create"), icon_name="plus")
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=agency_overview(), **kwargs)


class AgencyCreateView(PlatformAdminOnly, AdminPage, FormView):
    page_title = gettext_lazy("Create an agency")
    header_icon = "site"
    template_name = "platform/create.html"
    form_class = CreateAgencyForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            agency = create_agency(
                data["name_th"],
                data["short_name"],
                data["hostname"],
                port=data["port"],
                admin_username=data["admin_username"] or None,
                admin_email=data["admin_email"] or None,
                agency_type=data["agency_type"],
            )
        except AgencyError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if not agency.created:
            messages.warning(
                self.request,
                _("An agency already runs on %(host)s; nothing new was created.")
                % {"host": agency.site.hostname},
            )
        else:
            messages.success(
                self.request,
                _("Agency “%(name)s” created on %(host)s.")
                % {"name": agency.settings.name_th, "host": agency.site.hostname},
            )
        if agency.set_password_url:
            messages.info(
                self.request,
                _("Send this link to %(user)s to set a password: %(link)s")
                % {"user": agency.admin.get_username(), "link": agency.set_password_url},
            )
        return redirect("platform:agencies")


def _agency_site(pk):
    return get_object_or_404(Site.objects.filter(agency_roles__isnull=False).distinct(), pk=pk)


class SuspendAgencyView(PlatformAdminOnly, AdminPage, FormView):
    page_title = gettext_lazy("Suspend an agency")
    header_icon = "site"
    template_name = "platform/suspend.html"
    form_class = SuspendAgencyForm

    def dispatch(self, request, *args, **kwargs):
        if is_platform_admin(request.user):
            self.site = _agency_site(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(site=self.site, **kwargs)

    def form_valid(self, form):
        suspend_agency(self.site, form.cleaned_data["reason"], user=self.request.user)
        messages.success(
            self.request,
            _(
                "%(name)s is suspended: its public site answers “under maintenance” and its staff "
                "cannot sign in."
            )
            % {"name": self.site.site_name},
        )
        return redirect("platform:agencies")


class ResumeAgencyView(PlatformAdminOnly, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        site = _agency_site(pk)
        resume_agency(site, user=request.user)
        messages.success(request, _("%(name)s is running again.") % {"name": site.site_name})
        return redirect(reverse("platform:agencies"))
