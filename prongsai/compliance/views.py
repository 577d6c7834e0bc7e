import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.models import Site

from prongsai.compliance import access, catalogs, checklists, dashboard, gws
from prongsai.compliance.forms import (
    CatalogItemCorrectionForm,
    CatalogItemForm,
    EntryForm,
    EvidenceFormSet,
    ImportForm,
    NewChecklistForm,
)
from prongsai.compliance.models import (
    Catalog,
    CatalogItem,
    CatalogItemCorrection,
    Checklist,
    ChecklistEntry,
    CheckRun,
    as_corrected_by,
    group_label,
    items_as_corrected_by,
)
from prongsai.compliance.tasks import run_checks_task
from prongsai.core.admin_views import AdminPage
from prongsai.core.admin_views import chosen_site as shared_chosen_site


def chosen_site(request):
    """The agency the user works on: ?site= among those they may see, else their first."""
    return shared_chosen_site(request, access.viewable_sites(request.user))


def visible_checklist(request, pk):
    checklist = get_object_or_404(Checklist.objects.select_related("site", "catalog"), pk=pk)
    if not access.can_view(request.user, checklist.site):
        raise Http404
    return checklist


def editable_checklist(request, pk):
    checklist = visible_checklist(request, pk)
    if not access.can_edit(request.user, checklist.site):
        raise PermissionDenied
    if checklist.is_submitted:
        messages.error(request, "แบบสำรวจนี้ส่งแล้ว แก้ไขไม่ได้ จนกว่าผู้ดูแลระบบของหน่วยงานจะเปิดแก้ไขอีกครั้ง")
        return None
    return checklist


class SiteMixin:
    def dispatch(self, request, *args, **kwargs):
        self.site = chosen_site(request)
        if self.site is None or not access.can_view(request.user, self.site):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IndexView(SiteMixin, AdminPage, TemplateView):
    page_title = gettext_lazy("ITA checklists")
    header_icon = "tasks"
    template_name = "compliance/index.html"

    def get_form(self, data=None):
        from prongsai.agencies.models import AgencySettings

        agency_type = AgencySettings.for_site(self.site).agency_type
        ids = [c.pk for c in Catalog.objects.exclude(scheme="gws") if c.applies_to(agency_type)]
        return NewChecklistForm(
            data,
            catalogs=Catalog.objects.filter(pk__in=ids),
            checklists=Checklist.objects.filter(site=self.site),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            site=self.site,
            sites=access.viewable_sites(self.request.user),
            checklists=Checklist.objects.filter(site=self.site).select_related("catalog"),
            can_edit=access.can_edit(self.request.user, self.site),
            form=kwargs.get("form") or self.get_form(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not access.can_edit(request.user, self.site):
            raise PermissionDenied
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        catalog = form.cleaned_data["catalog"]
        previous = form.cleaned_data["copy_from"]
        fiscal_year = catalog.fiscal_year
        if Checklist.objects.filter(
            site=self.site, catalog=catalog, fiscal_year=fiscal_year
        ).exists():
            form.add_error("catalog", "หน่วยงานมีแบบสำรวจของชุดเกณฑ์นี้อยู่แล้ว")
            return self.render_to_response(self.get_context_data(form=form))
        if previous is not None:
            checklist = checklists.copy_checklist(previous, catalog, fiscal_year, site=self.site)
        else:
            checklist = checklists.create_checklist(self.site, catalog, fiscal_year)
        messages.success(request, f"สร้างแบบสำรวจ {checklist} แล้ว")
        return redirect("compliance:checklist", pk=checklist.pk)


class ChecklistView(AdminPage, TemplateView):
    page_title = gettext_lazy("ITA checklist")
    header_icon = "tasks"
    template_name = "compliance/checklist.html"

    def dispatch(self, request, *args, **kwargs):
        self.checklist = visible_checklist(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.checklist)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checklist = self.checklist
        run = checklist.latest_run()
        results = {}
        if run is not None:
            results = {r.entry_id: r for r in run.results.all()}
        groups, index = [], {}
        entries = checklist.entries.select_related(
            "item", "department", "responsible"
        ).prefetch_related("evidence__page", "evidence__document")
        for entry in as_corrected_by(checklist.site, entries.order_by("item__sort_order")):
            key = entry.item.group
            if key not in index:
                index[key] = {"name": group_label(key), "rows": []}
                groups.append(index[key])
            index[key]["rows"].append({"entry": entry, "result": results.get(entry.pk)})
        user = self.request.user
        context.update(
            checklist=checklist,
            groups=groups,
            run=run,
            can_edit=access.can_edit(user, checklist.site) and not checklist.is_submitted,
            can_reopen=checklist.is_submitted and access.can_reopen(user, checklist.site),
            summary=dashboard.summary(checklist),
            ita_page=_ita_page(checklist.site),
        )
        return context


def _ita_page(site):
    from prongsai.compliance.models import ITAPage

    return ITAPage.objects.live().descendant_of(site.root_page).first()


class EntryView(AdminPage, TemplateView):
    page_title = gettext_lazy("Checklist item")
    header_icon = "tasks"
    template_name = "compliance/entry.html"

    def dispatch(self, request, *args, **kwargs):
        self.entry = get_object_or_404(
            ChecklistEntry.objects.select_related("checklist__site", "item"), pk=kwargs["pk"]
        )
        self.checklist = self.entry.checklist
        if not access.can_view(request.user, self.checklist.site):
            raise Http404
        as_corrected_by(self.checklist.site, [self.entry])
        self.editable = (
            access.can_edit(request.user, self.checklist.site) and not self.checklist.is_submitted
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.entry.item.code} {self.entry.item.title}"

    def forms(self, data=None):
        site = self.checklist.site
        form = EntryForm(data, instance=self.entry, site=site, prefix="entry")
        formset = EvidenceFormSet(
            data, instance=self.entry, prefix="evidence", form_kwargs={"site": site}
        )
        return form, formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, formset = kwargs.get("forms") or self.forms()
        run = self.checklist.latest_run()
        context.update(
            entry=self.entry,
            checklist=self.checklist,
            form=form,
            formset=formset,
            editable=self.editable,
            can_correct=access.can_correct_for_agency(self.request.user, self.checklist.site),
            result=run.results.filter(entry=self.entry).first() if run else None,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.editable:
            raise PermissionDenied
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                form.save()
                formset.save()
            messages.success(request, f"บันทึกข้อ {self.entry.item.code} แล้ว")
            return redirect(
                reverse("compliance:checklist", args=[self.checklist.pk])
                + f"#entry-{self.entry.pk}"
            )
        return self.render_to_response(self.get_context_data(forms=(form, formset)))


def start_run(request, pk):
    if request.method != "POST":
        raise Http404
    checklist = visible_checklist(request, pk)
    if not access.can_edit(request.user, checklist.site):
        raise PermissionDenied
    run = CheckRun.objects.create(checklist=checklist, triggered_by=request.user)
    run_checks_task.enqueue(run.pk)
    return redirect(reverse("compliance:checklist", args=[pk]) + f"?run={run.pk}#progress")


def run_status(request, pk):
    run = get_object_or_404(CheckRun.objects.select_related("checklist__site"), pk=pk)
    if not access.can_view(request.user, run.checklist.site):
        raise Http404
    return JsonResponse(
        {
            "status": run.status,
            "checked": run.checked,
            "total": run.total,
            "progress": run.progress,
            "finished": run.finished,
            "passed": run.passed,
        }
    )


def export(request, pk, fmt):
    checklist = visible_checklist(request, pk)
    name = f"oit-{checklist.fiscal_year}"
    if fmt == "csv":
        response = HttpResponse(
            checklists.export_csv(checklist), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(
            checklists.export_xlsx(checklist),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def submit(request, pk):
    if request.method != "POST":
        raise Http404
    checklist = editable_checklist(request, pk)
    if checklist is not None:
        checklists.submit_checklist(checklist, request.user)
        messages.success(request, "บันทึกว่าส่งแบบสำรวจแล้ว และเก็บสำเนาข้อมูลที่ส่งไว้ แบบสำรวจนี้จะแก้ไขไม่ได้อีก")
    return redirect("compliance:checklist", pk=pk)


def reopen(request, pk):
    if request.method != "POST":
        raise Http404
    checklist = visible_checklist(request, pk)
    if not access.can_reopen(request.user, checklist.site):
        raise PermissionDenied
    checklists.reopen_checklist(checklist)
    messages.success(request, "เปิดให้แก้ไขแบบสำรวจอีกครั้งแล้ว (สำเนาข้อมูลที่ส่งครั้งก่อนยังเก็บไว้)")
    return redirect("compliance:checklist", pk=pk)


# ---------- catalogs ----------


class CatalogListView(AdminPage, TemplateView):
    page_title = gettext_lazy("ITA catalogs")
    header_icon = "list-ol"
    template_name = "compliance/catalogs.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_see_catalogs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["catalogs"] = Catalog.objects.all()
        context["can_manage"] = access.can_manage_catalogs(self.request.user)
        return context


class CatalogView(CatalogListView):
    """Platform admins see the install-wide items; agency staff see them as their agency
    corrected them, and those who run its checklist may correct them for it."""

    page_title = gettext_lazy("ITA catalog")
    template_name = "compliance/catalog.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        catalog = get_object_or_404(Catalog, pk=self.kwargs["pk"])
        user = self.request.user
        site = None if user.is_superuser else chosen_site(self.request)
        context.update(
            catalog=catalog,
            items=items_as_corrected_by(site, catalog.items.all()),
            site=site,
            sites=access.viewable_sites(user) if site else [],
            can_correct=site is not None and access.can_correct_for_agency(user, site),
        )
        return context


class CatalogItemView(AdminPage, TemplateView):
    page_title = gettext_lazy("Correct a catalog item")
    header_icon = "edit"
    template_name = "compliance/catalog_item.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_manage_catalogs(request.user):
            raise PermissionDenied
        self.item = get_object_or_404(
            CatalogItem.objects.select_related("catalog"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["form"] = kwargs.get("form") or CatalogItemForm(instance=self.item)
        return context

    def post(self, request, *args, **kwargs):
        form = CatalogItemForm(request.POST, instance=self.item)
        if form.is_valid():
            form.save()
            messages.success(request, f"แก้ไขข้อ {self.item.code} แล้ว")
            return redirect("compliance:catalog", pk=self.item.catalog_id)
        return self.render_to_response(self.get_context_data(form=form))


class CorrectionMixin:
    """The item and the agency (from the address) of an agency's own correction: another
    agency's is not found; a role that does not run the checklist may not correct."""

    def dispatch(self, request, *args, **kwargs):
        self.site = get_object_or_404(Site, pk=kwargs["site_pk"])
        if not access.can_view(request.user, self.site):
            raise Http404
        if not access.can_correct_for_agency(request.user, self.site):
            raise PermissionDenied
        self.item = get_object_or_404(
            CatalogItem.objects.select_related("catalog"), pk=kwargs["pk"]
        )
        self.correction = CatalogItemCorrection.objects.filter(
            site=self.site, item=self.item
        ).first()
        return super().dispatch(request, *args, **kwargs)

    def back_to_catalog(self):
        return redirect(
            reverse("compliance:catalog", args=[self.item.catalog_id])
            + f"?site={self.site.pk}#item-{self.item.pk}"
        )


class CorrectionView(CorrectionMixin, AdminPage, TemplateView):
    page_title = gettext_lazy("Correct a catalog item for your agency")
    header_icon = "edit"
    template_name = "compliance/correction.html"

    def get_page_subtitle(self):
        return f"{self.item.code} · {self.site.site_name}"

    def as_the_agency_reads_it(self):
        """A copy for the form to fill in: self.item stays the catalog's text to compare with."""
        return items_as_corrected_by(self.site, [copy.copy(self.item)])[0]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            item=self.item,
            site=self.site,
            correction=self.correction,
            form=kwargs.get("form")
            or CatalogItemCorrectionForm(instance=self.as_the_agency_reads_it()),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CatalogItemCorrectionForm(request.POST, instance=self.as_the_agency_reads_it())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        changes = form.changes_from(self.item)
        if not changes:
            CatalogItemCorrection.objects.filter(site=self.site, item=self.item).delete()
            messages.info(request, f"ข้อ {self.item.code} ตรงกับชุดเกณฑ์ของระบบ จึงไม่มีการแก้ไขของหน่วยงาน")
            return self.back_to_catalog()
        CatalogItemCorrection.objects.update_or_create(
            site=self.site,
            item=self.item,
            defaults={"changes": changes, "corrected_by": request.user},
        )
        messages.success(
            request, f"แก้ไขข้อ {self.item.code} สำหรับ{self.site.site_name}แล้ว (หน่วยงานอื่นไม่เปลี่ยน)"
        )
        return self.back_to_catalog()


class DropCorrectionView(CorrectionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        CatalogItemCorrection.objects.filter(site=self.site, item=self.item).delete()
        messages.success(
            request, f"ยกเลิกการแก้ไขข้อ {self.item.code} แล้ว กลับไปใช้ข้อความตามชุดเกณฑ์ของระบบ"
        )
        return self.back_to_catalog()


SESSION_KEY = "compliance-import"


class ImportView(AdminPage, TemplateView):
    """Upload → validate → preview (nothing saved) → confirm → save."""

    page_title = gettext_lazy("Import a catalog")
    header_icon = "upload"
    template_name = "compliance/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_manage_catalogs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        context.update(kwargs)
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        if upload.size > catalogs.MAX_IMPORT_BYTES:
            data = upload.read(catalogs.MAX_IMPORT_BYTES + 1)
        else:
            data = upload.read()
        parsed = catalogs.parse_catalog_file(data, upload.name)
        meta = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        duplicate = Catalog.objects.filter(
            scheme=meta["scheme"], fiscal_year=meta["fiscal_year"], title=meta["title"]
        ).exists()
        if duplicate:
            parsed.errors.insert(0, "มีชุดเกณฑ์ชื่อนี้ของปีนี้อยู่แล้ว — ตั้งชื่อใหม่ หรือแก้ไขรายข้อในชุดเกณฑ์เดิม")
        if parsed.ok:
            request.session[SESSION_KEY] = {
                "meta": meta,
                "rows": parsed.rows,
                "filename": upload.name,
            }
        return self.render_to_response(
            self.get_context_data(form=form, parsed=parsed, filename=upload.name, meta=meta)
        )

    def confirm(self, request):
        pending = request.session.pop(SESSION_KEY, None)
        if not pending:
            messages.error(request, "ไม่พบข้อมูลที่ตรวจสอบไว้ กรุณาอัปโหลดไฟล์อีกครั้ง")
            return redirect("compliance:import")
        meta = pending["meta"]
        if Catalog.objects.filter(
            scheme=meta["scheme"], fiscal_year=meta["fiscal_year"], title=meta["title"]
        ).exists():
            messages.error(request, "มีชุดเกณฑ์ชื่อนี้ของปีนี้อยู่แล้ว")
            return redirect("compliance:import")
        catalog = catalogs.save_catalog(
            pending["rows"],
            scheme=meta["scheme"],
            fiscal_year=meta["fiscal_year"],
            title=meta["title"],
            agency_types=meta.get("agency_types") or [],
            source=meta.get("source", ""),
            user=request.user,
            filename=pending["filename"],
        )
        messages.success(request, f"นำเข้าชุดเกณฑ์ “{catalog.title}” {catalog.items.count()} ข้อแล้ว")
        return redirect("compliance:catalog", pk=catalog.pk)


# ---------- dashboard and self-audit ----------


class DashboardView(SiteMixin, AdminPage, TemplateView):
    page_title = gettext_lazy("ITA readiness")
    header_icon = "view"
    template_name = "compliance/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dashboard.context_for_site(self.site))
        context["sites"] = access.viewable_sites(self.request.user)
        context["site"] = self.site
        return context


class SelfAuditView(SiteMixin, AdminPage, TemplateView):
    page_title = gettext_lazy("Website standard self-audit")
    header_icon = "site"
    template_name = "compliance/self_audit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["audit"] = gws.audit(self.site)
        context["site"] = self.site
        context["sites"] = access.viewable_sites(self.request.user)
        return context
