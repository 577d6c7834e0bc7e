from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from prongsai.accounts import lockouts, second_factor
from prongsai.accounts.forms import CodeForm, UnlockForm
from prongsai.accounts.signals import account_named
from prongsai.core.admin_views import AdminPage


def locked_out(request, original_response=None, credentials=None):
    """Axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): a Thai page, HTTP 429,
    with the time the lockout ends."""
    username = get_client_username(request, credentials) or ""
    attempt = (
        lockouts.current_lockouts()
        .filter(username=username, ip_address=getattr(request, "axes_ip_address", None))
        .first()
    )
    until = lockouts.locked_until(attempt) if attempt else timezone.now() + get_cool_off()
    context = {
        "until": until,
        "minutes": int(get_cool_off().total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def _account(request):
    """The signed-in user as a model instance: the audit log cannot see through the lazy
    wrappers request.user comes in."""
    return account_named(request.user.get_username())


def _next_url(request):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("wagtailadmin_home")


def verify(request):
    """After the password: the code from the app (or a recovery code)."""
    if request.user.is_verified() or not second_factor.has_second_factor(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            log(_account(request), "prongsai.second_factor_passed", user=_account(request))
            return redirect(_next_url(request))
        log(_account(request), "prongsai.second_factor_failed", user=_account(request))
        form.add_error("code", _("This code is wrong or has expired. Try the newest code."))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/verify.html", context)


class SecondFactorView(AdminPage, TemplateView):
    """/admin/account/second-factor/: set up the app (QR code or key), confirm it with a code,
    see the recovery codes once, make new ones, or remove the second factor."""

    page_title = gettext_lazy("Two-step verification")
    header_icon = "key"
    template_name = "accounts/second_factor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            required=second_factor.is_required(user),
            enabled=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            codes_left=second_factor.recovery_codes_left(user),
        )
        if not context["enabled"]:
            device = second_factor.pending_authenticator(user)
            context.update(
                qr_svg=second_factor.qr_svg(device), key=second_factor.manual_key(device)
            )
        context.setdefault("form", CodeForm())
        return context

    def post(self, request):
        action = request.POST.get("action")
        if action == "confirm":
            return self.confirm(request)
        if action == "codes" and second_factor.has_second_factor(request.user):
            codes = second_factor.new_recovery_codes(request.user)
            log(_account(request), "prongsai.second_factor_codes", user=_account(request))
            return self.render_to_response(self.get_context_data(new_codes=codes))
        if action == "remove" and second_factor.remove(request.user):
            log(_account(request), "prongsai.second_factor_removed", user=_account(request))
            messages.success(request, _("Two-step verification was removed from your account."))
        return redirect("accounts:second_factor")

    def confirm(self, request):
        form = CodeForm(request.POST)
        device = second_factor.pending_authenticator(request.user)
        codes = second_factor.confirm(device, form.data.get("code", "").strip())
        if codes is None:
            form.is_valid()
            form.add_error("code", _("This code is wrong or has expired. Try the newest code."))
            return self.render_to_response(self.get_context_data(form=form))
        otp_login(request, device)
        log(_account(request), "prongsai.second_factor_added", user=_account(request))
        return self.render_to_response(self.get_context_data(new_codes=codes))


class SignInsView(AdminPage, TemplateView):
    """/admin/sign-ins/: recent failed sign-ins and current lockouts, with unlocking, for the
    usernames the viewer looks after."""

    page_title = gettext_lazy("Sign-ins")
    header_icon = "lock"
    template_name = "accounts/sign_ins.html"

    def dispatch(self, request, *args, **kwargs):
        if not lockouts.may_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            failures=lockouts.recent_failures(self.request.user),
            lockouts=[
                {"attempt": attempt, "until": lockouts.locked_until(attempt)}
                for attempt in lockouts.current_lockouts(self.request.user)
            ],
            failure_limit=settings.AXES_FAILURE_LIMIT,
            minutes=int(get_cool_off().total_seconds() // 60),
        )
        return context

    def post(self, request):
        form = UnlockForm(request.POST)
        username = form.cleaned_data["username"] if form.is_valid() else ""
        if not username or not lockouts.may_unlock(request.user, username):
            raise PermissionDenied
        lockouts.unlock(username)
        account = account_named(username)
        if account is not None:
            log(account, "prongsai.signin_unlocked", user=_account(request))
        messages.success(request, _("%(username)s may sign in again.") % {"username": username})
        return redirect("accounts:sign_ins")
