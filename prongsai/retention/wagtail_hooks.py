from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu
from wagtail.admin.ui.components import Component

from prongsai.core.admin_views import AgencyMenuItem, AgencySubmenuMenuItem
from prongsai.retention import access, currency, urls
from prongsai.retention.models import CampaignState, RetentionCampaign


@hooks.register("register_admin_urls")
def register_urls():
    return [path("currency/", include(urls, namespace="retention"))]


currency_menu = Menu(
    register_hook_name="register_currency_menu_item",
    construct_hook_name="construct_currency_menu",
)


@hooks.register("register_currency_menu_item")
def dashboard_item():
    return AgencyMenuItem(
        _("Currency of content"),
        reverse("retention:currency"),
        icon_name="time",
        order=10,
        sites=[access.viewable_sites],
    )


@hooks.register("register_currency_menu_item")
def rules_item():
    return AgencyMenuItem(
        _("Time on the site per category"),
        reverse("retention:rules"),
        icon_name="date",
        order=20,
        sites=[access.viewable_sites],
    )


@hooks.register("register_currency_menu_item")
def campaigns_item():
    return AgencyMenuItem(
        _("Removing old fiscal years"),
        reverse("retention:campaigns"),
        icon_name="bin",
        order=30,
        sites=[access.viewable_sites, access.member_sites],
    )


@hooks.register("register_admin_menu_item")
def currency_menu_item():
    return AgencySubmenuMenuItem(
        _("Keeping current"),
        currency_menu,
        icon_name="time",
        name="currency",
        order=160,
        sites=[access.viewable_sites, access.member_sites],
    )


class CurrencyPanel(Component):
    name = "currency"
    order = 55
    template_name = "retention/dashboard_panel.html"

    def __init__(self, site):
        self.site = site

    def get_context_data(self, parent_context):
        return {
            "site": self.site,
            "counts": currency.counts(self.site),
            "labels": currency.SECTIONS,
            "campaigns": RetentionCampaign.objects.filter(
                site=self.site, state=CampaignState.ANNOUNCED
            ),
        }


@hooks.register("construct_homepage_panels")
def add_currency_panel(request, panels):
    site = access.viewable_sites(request.user).first()
    if site is not None:
        panels.append(CurrencyPanel(site))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for code, label in [
        ("prongsai.takedown.default", _("Take-down date set from the category default")),
        ("prongsai.takedown.set", _("Take-down date changed")),
        ("prongsai.takedown.archive", _("Taken off the site (archived)")),
        ("prongsai.takedown.restore", _("Put back on the site")),
        ("prongsai.campaign.announce", _("Retention campaign announced")),
        ("prongsai.campaign.carry_out", _("Retention campaign carried out")),
    ]:
        actions.register_action(code, label, label)
