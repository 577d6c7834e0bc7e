from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from prongsai.accounts import lockouts, urls
from prongsai.core.admin_views import AgencyMenuItem


@hooks.register("register_admin_urls")
def register_urls():
    return [path("", include(urls, namespace="accounts"))]


@hooks.register("register_settings_menu_item")
def sign_ins_menu_item():
    return AgencyMenuItem(
        _("Sign-ins"),
        reverse("accounts:sign_ins"),
        name="sign-ins",
        icon_name="lock",
        order=900,
        sites=[lockouts.managed_sites],
    )


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {
        "url": reverse("accounts:second_factor"),
        "label": _("Two-step verification"),
        "help_text": _("A code from an app on your phone at every sign-in, besides the password."),
    }


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for code, label in [
        ("prongsai.signin_failed", _("Sign-in failed (wrong password)")),
        ("prongsai.signin_locked_out", _("Sign-in locked out after too many wrong passwords")),
        ("prongsai.signin_unlocked", _("Sign-in unlocked")),
        ("prongsai.second_factor_added", _("Two-step verification set up")),
        ("prongsai.second_factor_removed", _("Two-step verification removed")),
        ("prongsai.second_factor_codes", _("New recovery codes made")),
        ("prongsai.second_factor_passed", _("Two-step verification code accepted")),
        ("prongsai.second_factor_failed", _("Two-step verification code refused")),
    ]:
        actions.register_action(code, label, label)
