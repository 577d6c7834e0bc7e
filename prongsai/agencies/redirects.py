"""Wagtail's redirects admin held to the agencies the user runs.

A redirect answers on one Site (``Redirect.site``); one with no site answers on every agency's
site, so only platform admins make or see those. The views are Wagtail's own, with their
querysets, their site choices and the import's site passed through ``agencies.scope``; the
URLs take the place of Wagtail's (same paths, served first, see wagtail_hooks). The import's
confirmation is Wagtail's view, whose form knows no user: its template
(templates/wagtailredirects/confirm_import.html) holds the site choice the same way.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.contrib.redirects import views as wagtail_views
from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
from wagtail.contrib.redirects.forms import RedirectForm
from wagtail.contrib.redirects.models import Redirect

from prongsai.agencies.scope import agency_sites, limit_to_user


def own_redirects(user):
    return limit_to_user(Redirect.objects.all(), user)


def hold_site_choice_to_agencies(field, user):
    """A redirect's site choice: one of the user's agencies; "all sites" is for platform
    admins only."""
    if user is not None and not user.is_superuser:
        field.queryset = agency_sites(user)
        field.required = True
        field.empty_label = None


class AgencyRedirectForm(RedirectForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hold_site_choice_to_agencies(self.fields["site"], self.for_user)


class AgencyRedirectsFilterSet(RedirectsReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            self.filters["site"].queryset = agency_sites(self.request.user)


class IndexView(wagtail_views.IndexView):
    filterset_class = AgencyRedirectsFilterSet

    def get_base_queryset(self):
        return limit_to_user(super().get_base_queryset(), self.request.user)


class OwnRedirectMixin:
    """Another agency's redirect is not found."""

    def get_queryset(self):
        return own_redirects(self.request.user)


class CreateView(wagtail_views.CreateView):
    form_class = AgencyRedirectForm


class EditView(OwnRedirectMixin, wagtail_views.EditView):
    form_class = AgencyRedirectForm


class DeleteView(OwnRedirectMixin, wagtail_views.DeleteView):
    pass


def _may_import_into(user, site_pk):
    if user.is_superuser:
        return True
    return bool(site_pk) and agency_sites(user).filter(pk=site_pk).exists()


def process_import(request):
    """The confirmed import lands on one of the user's sites ("all sites": platform admins)."""
    if request.method == "POST" and not _may_import_into(request.user, request.POST.get("site")):
        messages.error(request, _("Choose one of your agency's sites for the imported redirects."))
        return redirect("wagtailredirects:start_import")
    return wagtail_views.process_import(request)


def admin_urls():
    """Served before Wagtail's own redirects URLs (same paths, so every link keeps working)."""
    return [
        path("redirects/", IndexView.as_view()),
        path("redirects/results/", IndexView.as_view(results_only=True)),
        path("redirects/add/", CreateView.as_view()),
        path("redirects/<int:redirect_id>/", EditView.as_view()),
        path("redirects/<int:redirect_id>/delete/", DeleteView.as_view()),
        path("redirects/import/process/", process_import),
    ]
