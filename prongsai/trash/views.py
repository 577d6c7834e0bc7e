"""Admin → ถังขยะ: what is in the agency's trash, restore and delete for good (one, several or
all), the history of restored and purged items; and the "move to the trash" confirmation for
pages, documents and images, which shows where the item is still used and offers to unlink
it everywhere, replace it, or cancel."""

import datetime
import math

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.widgets import AdminPageChooser
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.models import Page

from prongsai.agencies.models import AgencySettings
from prongsai.core.admin_views import AdminPage
from prongsai.core.params import parse_ids, site_param
from prongsai.trash import access, services
from prongsai.trash.models import TrashEntry, TrashKind, TrashState


def chosen_site(request):
    sites = access.managed_sites(request.user)
    return site_param(request, sites) or sites.first()


def in_trash_summary(site):
    """(number of items, bytes) in the agency's trash."""
    waiting = TrashEntry.objects.filter(site=site, state=TrashState.IN_TRASH)
    return (
        waiting.filter(parent_entry__isnull=True).count(),
        waiting.aggregate(total=Sum("size_bytes"))["total"] or 0,
    )


def _with_details(entries, site, now):
    days = AgencySettings.for_site(site).trash_retention_days
    rows = []
    for entry in entries:
        bundled = [b for b in entry.bundled_entries.all() if b.state == entry.state]
        purge_at = entry.trashed_at + datetime.timedelta(days=days)
        rows.append(
            {
                "entry": entry,
                "bundled": bundled,
                "size": entry.size_bytes + sum(b.size_bytes for b in bundled),
                "days_left": max(0, math.ceil((purge_at - now).total_seconds() / 86400)),
                "purge_at": purge_at,
            }
        )
    return rows


class SiteMixin:
    def dispatch(self, request, *args, **kwargs):
        self.site = chosen_site(request)
        if self.site is None or not access.can_manage(request.user, self.site):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _entry_for(request, pk):
    entry = get_object_or_404(TrashEntry.objects.select_related("site"), pk=pk)
    if not access.can_manage(request.user, entry.site):
        raise PermissionDenied
    return entry


def _index_url(site, **params):
    query = "&".join(f"{k}={v}" for k, v in {"site": site.pk, **params}.items() if v)
    return reverse("trash:index") + "?" + query


class IndexView(SiteMixin, AdminPage, TemplateView):
    page_title = gettext_lazy("Trash")
    header_icon = "bin"
    template_name = "trash/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        history = self.request.GET.get("tab") == "history"
        kind = self.request.GET.get("kind")
        if kind not in TrashKind.values:
            kind = ""
        if history:
            entries = TrashEntry.objects.filter(
                site=self.site, state__in=[TrashState.RESTORED, TrashState.PURGED]
            ).order_by("-pk")
        else:
            entries = TrashEntry.objects.filter(site=self.site, state=TrashState.IN_TRASH)
        entries = entries.filter(parent_entry__isnull=True) if not history else entries
        if kind:
            entries = entries.filter(kind=kind)
        entries = entries.select_related("trashed_by", "restored_by", "purged_by").prefetch_related(
            "bundled_entries"
        )[:500]
        count, total = in_trash_summary(self.site)
        context.update(
            site=self.site,
            sites=access.managed_sites(self.request.user),
            history=history,
            kind=kind,
            kinds=TrashKind.choices,
            rows=_with_details(entries, self.site, timezone.now()),
            count=count,
            total=total,
            retention_days=AgencySettings.for_site(self.site).trash_retention_days,
        )
        return context


def _selected_entries(request, site):
    ids = parse_ids(request.POST.getlist("entries"))
    return list(
        TrashEntry.objects.filter(
            pk__in=ids, site=site, state=TrashState.IN_TRASH, parent_entry__isnull=True
        )
    )


def _run(request, entries, action, user):
    """Restore or purge each entry; a refusal for one does not stop the others."""
    done = 0
    for entry in entries:
        try:
            if action == "restore":
                services.restore(entry, user)
            else:
                services.purge(entry, user)
            done += 1
        except services.TrashError as refusal:
            messages.error(request, refusal.message)
    return done


class ConfirmPurgeView(SiteMixin, AdminPage, TemplateView):
    """Delete for good: one entry, a selection, or the whole trash ("empty the trash")."""

    page_title = gettext_lazy("Delete for good")
    header_icon = "bin"
    template_name = "trash/confirm_purge.html"

    def entries(self):
        if self.kwargs.get("pk"):
            entry = _entry_for(self.request, self.kwargs["pk"])
            if entry.site_id != self.site.pk:
                raise PermissionDenied
            return [entry] if entry.state == TrashState.IN_TRASH else []
        if self.kwargs.get("everything"):
            return list(
                TrashEntry.objects.filter(
                    site=self.site, state=TrashState.IN_TRASH, parent_entry__isnull=True
                )
            )
        return _selected_entries(self.request, self.site)

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("pk"):
            entry = _entry_for(request, kwargs["pk"])
            request.GET = request.GET.copy()
            request.GET["site"] = str(entry.site_id)
        return super().dispatch(request, *args, **kwargs)

    def render_confirmation(self, entries):
        rows = _with_details(entries, self.site, timezone.now())
        return self.render_to_response(
            self.get_context_data(
                site=self.site,
                rows=rows,
                total=sum(row["size"] for row in rows),
                everything=bool(self.kwargs.get("everything")),
            )
        )

    def get(self, request, *args, **kwargs):
        entries = self.entries()
        if not entries:
            messages.info(request, _("Nothing to delete: the trash has no such item."))
            return redirect(_index_url(self.site))
        return self.render_confirmation(entries)

    def post(self, request, *args, **kwargs):
        entries = self.entries()
        if not entries:
            messages.info(request, _("Nothing to delete: the trash has no such item."))
            return redirect(_index_url(self.site))
        if request.POST.get("confirm") != "yes":
            return self.render_confirmation(entries)
        freed = sum(row["size"] for row in _with_details(entries, self.site, timezone.now()))
        done = _run(request, entries, "purge", request.user)
        if done:
            messages.success(
                request,
                _("Deleted for good: %(count)d items; %(size)s of storage freed.")
                % {"count": done, "size": filesizeformat(freed) if done == len(entries) else "–"},
            )
        return redirect(_index_url(self.site))


class RestoreView(SiteMixin, AdminPage, TemplateView):
    """POST only: restore one entry (pk) or the selected ones."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("pk"):
            entry = _entry_for(request, kwargs["pk"])
            request.POST = request.POST.copy()
            request.POST["site"] = str(entry.site_id)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if kwargs.get("pk"):
            entries = [_entry_for(request, kwargs["pk"])]
        else:
            entries = _selected_entries(request, self.site)
        done = _run(request, entries, "restore", request.user)
        if done:
            messages.success(
                request,
                _("Restored %(count)d items: they are back where they were.") % {"count": done},
            )
        return redirect(_index_url(self.site))


# ---------------------------------------------------------------- move to the trash


def _object_for(kind, pk):
    if kind == TrashKind.PAGE:
        page = get_object_or_404(Page, pk=pk)
        return page.specific
    if kind == TrashKind.DOCUMENT:
        return get_object_or_404(get_document_model(), pk=pk)
    if kind == TrashKind.IMAGE:
        return get_object_or_404(get_image_model(), pk=pk)
    raise Http404


def replacement_queryset(obj, site):
    from prongsai.agencies.collections import agency_collections

    kind = services.kind_of(obj)
    if kind == TrashKind.PAGE:
        return services.exclude_trashed_pages(
            Page.objects.filter(path__startswith=site.root_page.path).exclude(
                path__startswith=obj.path
            )
        )
    model = type(obj)
    return model.objects.filter(collection__in=agency_collections(site)).exclude(pk=obj.pk)


class MoveForm(forms.Form):
    ACTIONS = [
        ("trash", gettext_lazy("Move to the trash")),
        ("unlink", gettext_lazy("Remove it from every page that uses it, then move it")),
        ("replace", gettext_lazy("Replace it with another item everywhere, then move it")),
    ]
    action = forms.ChoiceField(
        label=gettext_lazy("what to do"),
        choices=ACTIONS,
        widget=forms.RadioSelect,
        initial="trash",
    )
    replacement = forms.ModelChoiceField(
        queryset=Page.objects.none(), required=False, label=gettext_lazy("replace with")
    )
    reason = forms.CharField(
        label=gettext_lazy("reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, obj, site, in_use, **kwargs):
        super().__init__(*args, **kwargs)
        kind = services.kind_of(obj)
        field = self.fields["replacement"]
        field.queryset = replacement_queryset(obj, site)
        field.widget = {
            TrashKind.PAGE: AdminPageChooser,
            TrashKind.DOCUMENT: AdminDocumentChooser,
            TrashKind.IMAGE: AdminImageChooser,
        }[kind]()
        field.error_messages["invalid_choice"] = _(
            "Choose an item of this agency that is not in the trash."
        )
        self.in_use = in_use
        if in_use:
            self.fields["action"].choices = self.ACTIONS[1:]
            self.fields["action"].initial = "unlink"
        else:
            self.fields["action"].widget = forms.HiddenInput()
            del self.fields["replacement"]

    def clean(self):
        data = super().clean()
        if data.get("action") == "replace" and not data.get("replacement"):
            self.add_error("replacement", _("Choose the item that takes its place."))
        if data.get("action") == "trash" and self.in_use:
            self.add_error("action", _("The item is still used: unlink it or replace it."))
        return data


class MoveView(AdminPage, TemplateView):
    page_title = gettext_lazy("Move to the trash")
    header_icon = "bin"
    template_name = "trash/move.html"

    def dispatch(self, request, kind, pk, *args, **kwargs):
        self.obj = _object_for(kind, pk)
        self.kind = services.kind_of(self.obj)
        self.site = services._site_of(self.obj, request.user)
        if not access.can_manage(request.user, access.site_of(self.obj) or self.site):
            raise PermissionDenied
        if not request.user.is_superuser and access.site_of(self.obj) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return services._title_of(self.obj)

    def next_url(self):
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if wanted and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={self.request.get_host()}
        ):
            return wanted
        if self.kind == TrashKind.PAGE:
            return reverse("wagtailadmin_explore", args=[self.obj.get_parent().pk])
        return reverse(
            "wagtaildocs:index" if self.kind == TrashKind.DOCUMENT else "wagtailimages:index"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = kwargs.get("usages")
        if found is None:
            found = services.usages(self.obj)
        form = kwargs.get("form") or MoveForm(obj=self.obj, site=self.site, in_use=bool(found))
        pages_below = (
            Page.objects.filter(path__startswith=self.obj.path).count() - 1
            if self.kind == TrashKind.PAGE
            else 0
        )
        context.update(
            obj=self.obj,
            kind=self.kind,
            kind_label=TrashKind(self.kind).label,
            usages=found,
            form=form,
            media=form.media,
            pages_below=pages_below,
            next=self.next_url(),
            already=services.is_in_trash(self.obj),
            retention_days=AgencySettings.for_site(self.site).trash_retention_days,
            size=0 if self.kind == TrashKind.PAGE else services.stored_size(self.obj),
        )
        return context

    def post(self, request, *args, **kwargs):
        found = services.usages(self.obj)
        form = MoveForm(request.POST, obj=self.obj, site=self.site, in_use=bool(found))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, usages=found))
        action = form.cleaned_data["action"]
        try:
            with transaction.atomic():
                if found and action == "unlink":
                    services.unlink(self.obj, found, request.user)
                elif found and action == "replace":
                    replacement = form.cleaned_data["replacement"]
                    if self.kind == TrashKind.PAGE:
                        replacement = replacement.specific
                    services.replace(self.obj, replacement, found, request.user)
                services.move_to_trash(
                    self.obj, request.user, reason=form.cleaned_data.get("reason", "")
                )
        except services.StillInUse as refusal:
            messages.error(request, refusal.message)
            return self.render_to_response(self.get_context_data(usages=refusal.usages, form=None))
        except services.TrashError as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form, usages=found))
        messages.success(
            request,
            _("“%(title)s” is in the trash. It can be restored from the trash for %(days)d days.")
            % {
                "title": services._title_of(self.obj),
                "days": AgencySettings.for_site(self.site).trash_retention_days,
            },
        )
        return redirect(self.next_url())
