from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from prongsai.agencies.models import AgencySettings
from prongsai.core.admin_views import AdminPage, chosen_site
from prongsai.core.params import parse_ids, parse_int
from prongsai.core.sizes import human_size
from prongsai.retention import access, campaigns, currency, takedown
from prongsai.retention.forms import BulkForm, CampaignForm
from prongsai.retention.models import CampaignItem, CampaignState, RetentionCampaign, TakedownRule
from prongsai.retention.reminders import remind
from prongsai.trash import services as trash
from prongsai.trash.services import TrashError


class AgencyView(AdminPage, TemplateView):
    """An admin page about one agency the user oversees (?site= picks among several)."""

    def get_sites(self, user):
        return access.viewable_sites(user)

    def dispatch(self, request, *args, **kwargs):
        self.sites = self.get_sites(request.user)
        self.site = chosen_site(request, self.sites)
        if self.site is None:
            raise PermissionDenied
        self.may_act = access.can_act(request.user, self.site)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(site=self.site, sites=self.sites, may_act=self.may_act)
        return context

    def require_act(self):
        if not self.may_act:
            raise PermissionDenied


class CurrencyView(AgencyView):
    page_title = "ความเป็นปัจจุบันของข้อมูล"
    header_icon = "time"
    template_name = "retention/currency.html"

    def section(self):
        wanted = self.request.GET.get("section") or self.request.POST.get("section") or "soon"
        return wanted if wanted in currency.SECTIONS else "soon"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.section()
        query = self.request.GET.get("q", "").strip()
        items = currency.mark_editable(
            currency.section_items(self.site, section, query), self.request.user
        )
        context.update(
            sections=[
                (key, label, count)
                for (key, label), count in zip(
                    currency.SECTIONS.items(), currency.counts(self.site).values(), strict=True
                )
            ],
            section=section,
            section_label=currency.SECTIONS[section],
            query=query,
            groups=currency.grouped_by_department(items),
            total=len(items),
            form=form or BulkForm(),
            actions=BulkForm.base_fields["action"].choices,
            now=timezone.now(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.require_act()
        ids = request.POST.getlist("pages")
        items = currency.editable_items(self.site, ids)
        form = BulkForm(request.POST, page_choices=[p.pk for p in items])
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            return self.render_to_response(self.get_context_data(form=form))
        done, refused = run_bulk_action(form.cleaned_data, items, request.user, self.site)
        if done:
            messages.success(request, f"ดำเนินการแล้ว {done} รายการ")
        for problem in refused:
            messages.error(request, problem)
        return redirect(
            f"{reverse('retention:currency')}?site={self.site.pk}&section={self.section()}"
        )


# what a bulk action may refuse with, reported per item (anything else is a bug and raises)
REFUSALS = (ValueError, takedown.RestoreRefused, TrashError, ValidationError, PermissionDenied)


def run_bulk_action(data, items, user, site):
    action, day = data["action"], data.get("date")
    done, refused = 0, []
    agency = AgencySettings.for_site(site)
    for page in items:
        try:
            if action == "set_date":
                takedown.set_takedown(page, takedown.takedown_moment(day), user)
            elif action.startswith("extend_"):
                takedown.extend_takedown(page, int(action.split("_")[1]), user)
            elif action == "clear_date":
                takedown.set_takedown(page, None, user)
            elif action == "take_down":
                takedown.take_down_now(page, user)
            elif action == "remind":
                if page.expire_at is None:
                    raise ValueError("ยังไม่มีวันนำออก")
                remind(page, site, agency)
            elif action == "restore":
                if page.live:
                    raise ValueError("ยังเผยแพร่อยู่")
                until = takedown.takedown_moment(day) if day else None
                takedown.restore_to_site(page, user, until)
            elif action == "trash":
                move_page_to_trash(page, user)
            done += 1
        except REFUSALS as error:  # each refusal is reported; the others still go ahead
            refused.append(f"“{page.title}”: {error}")
    return done, refused


def move_page_to_trash(page, user):
    try:
        trash.move_to_trash(page, user, reason="นำออกจากหน้าความเป็นปัจจุบันของข้อมูล")
    except trash.StillInUse as error:
        places = ", ".join(str(u.label) for u in error.usages[:5])
        raise ValueError(
            f"ยังมีหน้าที่ลิงก์ถึงรายการนี้ ({places}) ย้ายไปถังขยะจากหน้าแก้ไขรายการ "
            "เพื่อเลือกว่าจะยกเลิกลิงก์ แทนที่ หรือยกเลิก"
        ) from error


class RulesView(AgencyView):
    page_title = "ระยะเวลาเผยแพร่ตามหมวด"
    header_icon = "time"
    template_name = "retention/rules.html"

    def rows(self):
        rules = {r.listing_id: r for r in TakedownRule.objects.filter(site=self.site)}
        for listing in takedown.listings_of(self.site):
            rule = rules.get(listing.pk)
            yield {
                "listing": listing,
                "days": rule.days if rule else takedown.built_in_days(listing),
                "built_in": takedown.built_in_days(listing),
            }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = list(self.rows())
        return context

    def post(self, request, *args, **kwargs):
        self.require_act()
        problems = []
        for row in self.rows():
            listing = row["listing"]
            raw = request.POST.get(f"days-{listing.pk}", "").strip()
            days = parse_int(raw, minimum=1, maximum=3650)
            if raw and days is None:
                problems.append(f"{listing.title}: จำนวนวันต้องเป็นตัวเลข 1–3650 หรือเว้นว่าง")
                continue
            TakedownRule.objects.update_or_create(
                listing=listing, defaults={"site": self.site, "days": days}
            )
        if problems:
            for problem in problems:
                messages.error(request, problem)
        else:
            messages.success(request, "บันทึกระยะเวลาเผยแพร่แล้ว ใช้กับรายการที่เผยแพร่ต่อจากนี้")
        return redirect(f"{reverse('retention:rules')}?site={self.site.pk}")


class CampaignListView(AgencyView):
    page_title = "การแจ้งลบข้อมูลปีเก่า"
    header_icon = "bin"
    template_name = "retention/campaigns.html"

    def get_sites(self, user):
        # department members reach their campaigns from the notification
        sites = access.viewable_sites(user)
        return sites if sites.exists() else access.member_sites(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaigns=RetentionCampaign.objects.filter(site=self.site),
            form=kwargs.get("form") or (CampaignForm(site=self.site) if self.may_act else None),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.require_act()
        form = CampaignForm(request.POST, site=self.site)
        if not form.is_valid():
            messages.error(request, "ยังสร้างการแจ้งไม่ได้ โปรดแก้ไขตามที่แจ้งไว้ในแบบฟอร์ม")
            return self.render_to_response(self.get_context_data(form=form))
        campaign = form.save(commit=False)
        campaign.site = self.site
        campaign.created_by = request.user
        campaign.save()
        form.save_m2m()
        messages.success(request, "สร้างร่างการแจ้งแล้ว ตรวจรายการด้านล่าง แล้วกด “ประกาศให้ทุกส่วนงานทราบ”")
        return redirect("retention:campaign", campaign.pk)


def visible_campaign(request, pk):
    campaign = get_object_or_404(RetentionCampaign.objects.select_related("site"), pk=pk)
    user = request.user
    if access.can_view(user, campaign.site):
        return campaign
    if access.member_sites(user).filter(pk=campaign.site_id).exists():
        return campaign
    raise Http404


class CampaignView(AdminPage, TemplateView):
    header_icon = "bin"
    template_name = "retention/campaign.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = visible_campaign(request, kwargs["pk"])
        self.may_act = access.can_act(request.user, self.campaign.site)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.campaign.title

    def items(self):
        items = self.campaign.items.select_related("department", "decided_by", "trash_entry")
        if not access.can_view(self.request.user, self.campaign.site):
            items = items.filter(department__members__user=self.request.user)
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.campaign
        preview = []
        if campaign.state == CampaignState.DRAFT:
            preview = campaigns.matching_pages(campaign)
        items = list(self.items())
        groups = {}
        for item in items:
            item.may_decide = campaign.is_open_for_objections and campaigns.may_decide(
                self.request.user, item
            )
            groups.setdefault(item.department_name or "ไม่ระบุส่วนงาน", []).append(item)
        context.update(
            campaign=campaign,
            may_act=self.may_act,
            preview=preview,
            preview_bytes=sum(campaigns.file_bytes(p) for p in preview),
            groups=sorted(groups.items()),
            counts=campaigns.outcome_counts(campaign),
            total=len(items),
            keep_count=sum(1 for i in items if i.keep),
            remove_bytes=sum(i.file_bytes for i in items if not i.keep),
            past_deadline=campaign.deadline < timezone.localdate(),
            purgeable=campaign.items.filter(
                outcome="trashed", trash_entry__state="in_trash"
            ).count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        campaign = self.campaign
        action = request.POST.get("action")
        if action == "decide":
            return self.decide(request)
        if not self.may_act:
            raise PermissionDenied
        if action == "announce" and campaign.state == CampaignState.DRAFT:
            count = campaigns.announce(campaign, request.user)
            messages.success(request, f"ประกาศแล้ว: แจ้งทุกส่วนงาน รายการที่จะลบ {count} รายการ")
        elif action == "cancel" and campaign.state in (
            CampaignState.DRAFT,
            CampaignState.ANNOUNCED,
        ):
            campaign.state = CampaignState.CANCELLED
            campaign.save(update_fields=["state"])
            messages.success(request, "ยกเลิกการแจ้งแล้ว ไม่มีรายการใดถูกลบ")
        elif action == "carry_out" and campaign.state == CampaignState.ANNOUNCED:
            if campaign.deadline >= timezone.localdate():
                messages.error(request, "ยังไม่พ้นกำหนดที่ส่วนงานแจ้งขอเก็บได้")
            else:
                campaigns.carry_out(campaign, request.user)
                messages.success(request, "ดำเนินการแล้ว ดูผลในรายงานด้านล่าง")
        elif action == "purge" and campaign.state == CampaignState.DONE:
            # deleting for good is asked on its own page, never done from this form
            return redirect("retention:campaign_purge", campaign.pk)
        return redirect("retention:campaign", campaign.pk)

    def decide(self, request):
        ids = parse_ids(request.POST.getlist("item"))
        changed, problems = 0, []
        for item in CampaignItem.objects.filter(campaign=self.campaign, pk__in=ids):
            keep = request.POST.get(f"keep-{item.pk}") == "on"
            reason = request.POST.get(f"reason-{item.pk}", "")
            if keep == item.keep and reason.strip() == item.keep_reason:
                continue
            try:
                campaigns.decide(item, request.user, keep, reason)
                changed += 1
            except campaigns.DecisionRefused as error:
                problems.append(str(error))
        for problem in problems:
            messages.error(request, problem)
        if changed:
            messages.success(request, f"บันทึกแล้ว {changed} รายการ")
        return redirect("retention:campaign", self.campaign.pk)


class CampaignPurgeView(AdminPage, TemplateView):
    """ลบถาวร: lists what this campaign left in the trash and the space it frees; deletes only
    on a POST that confirms."""

    header_icon = "bin"
    template_name = "retention/campaign_purge.html"
    page_title = "ลบถาวรรายการในถังขยะของการแจ้ง"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = visible_campaign(request, kwargs["pk"])
        if not access.can_act(request.user, self.campaign.site):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.campaign.title

    def rows(self):
        return [
            {"item": item, "bytes": trash.held_bytes(item.trash_entry)}
            for item in campaigns.purgeable_items(self.campaign)
        ]

    def get(self, request, *args, **kwargs):
        rows = self.rows()
        if self.campaign.state != CampaignState.DONE or not rows:
            messages.info(request, "ไม่มีรายการของการแจ้งนี้เหลืออยู่ในถังขยะ")
            return redirect("retention:campaign", self.campaign.pk)
        context = self.get_context_data(
            campaign=self.campaign, rows=rows, total=sum(row["bytes"] for row in rows)
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        if self.campaign.state != CampaignState.DONE or request.POST.get("confirm") != "yes":
            return redirect("retention:campaign_purge", self.campaign.pk)
        freed, refused = campaigns.purge_now(self.campaign, request.user)
        messages.success(request, f"ลบถาวรแล้ว ได้พื้นที่คืน {human_size(freed)}")
        for problem in refused:
            messages.error(request, problem)
        return redirect("retention:campaign", self.campaign.pk)


def campaign_report(request, pk):
    campaign = visible_campaign(request, pk)
    if not access.can_view(request.user, campaign.site):
        raise PermissionDenied
    response = HttpResponse(campaigns.report_csv(campaign), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="retention-{campaign.pk}.csv"'
    return response
