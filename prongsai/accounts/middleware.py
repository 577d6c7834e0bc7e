"""Two gates on every signed-in request, after Django's authentication and django-otp's
middleware: the idle and absolute session limits, then the second factor."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, SimpleLazyObject, empty
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prongsai.accounts import second_factor
from prongsai.accounts.signals import LAST_SEEN, SIGNED_IN_AT

# Writing the session on every request costs a database write; a minute is precise enough.
LAST_SEEN_PRECISION = 60


def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin_path(request):
    return request.path.startswith(admin_prefix())


def to_sign_in(request):
    query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
    return redirect(reverse("wagtailadmin_login") + (f"?{query}" if query else ""))


def _plain(user):
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class PlainUserMiddleware:
    """Right after django-otp's middleware, which wraps Django's lazy user in a second lazy
    object: Wagtail's audit log looks through one wrapper only, and would silently drop the
    entries logged on request.user (sign-out, ...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.user = SimpleLazyObject(lambda: _plain(user))
        return self.get_response(request)


class SessionLimitMiddleware:
    """Signs out a session idle for more than PRONGSAI_ADMIN_IDLE_MINUTES, or older than
    PRONGSAI_ADMIN_SESSION_HOURS, whatever it was doing; the admin asks to sign in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self.expiry_message(request.session, time.time())
            if expired:
                logout(request)
                messages.warning(request, expired)
                if is_admin_path(request):
                    return to_sign_in(request)
        return self.get_response(request)

    @staticmethod
    def expiry_message(session, now):
        """Why the session is over (a Thai sentence), or "" after noting this request."""
        idle_minutes = settings.PRONGSAI_ADMIN_IDLE_MINUTES
        session_hours = settings.PRONGSAI_ADMIN_SESSION_HOURS
        last_seen = session.get(LAST_SEEN, now)
        signed_in_at = session.get(SIGNED_IN_AT, now)
        if now - last_seen > idle_minutes * 60:
            return ngettext(
                "You were signed out after %(minutes)d minute without activity. "
                "Please sign in again.",
                "You were signed out after %(minutes)d minutes without activity. "
                "Please sign in again.",
                idle_minutes,
            ) % {"minutes": idle_minutes}
        if now - signed_in_at > session_hours * 3600:
            return ngettext(
                "You were signed out: a session lasts at most %(hours)d hour. "
                "Please sign in again.",
                "You were signed out: a session lasts at most %(hours)d hours. "
                "Please sign in again.",
                session_hours,
            ) % {"hours": session_hours}
        if SIGNED_IN_AT not in session:
            session[SIGNED_IN_AT] = now
        if now - session.get(LAST_SEEN, 0) >= LAST_SEEN_PRECISION or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        return ""


class SecondFactorMiddleware:
    """A user with a second factor is nobody until the code is given: the admin sends them to
    the code page, the rest of the site sees them signed out. A user who must have one and has
    none can only set it up (or sign out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            if second_factor.has_second_factor(user):
                return self.ask_for_code(request)
            if second_factor.is_required(user):
                return self.ask_for_setup(request)
        return self.get_response(request)

    def ask_for_code(self, request):
        if not is_admin_path(request):
            request.user = AnonymousUser()
            return self.get_response(request)
        if request.path in self.open_paths("accounts:verify"):
            return self.get_response(request)
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse("accounts:verify") + (f"?{query}" if query else ""))

    def ask_for_setup(self, request):
        if not is_admin_path(request):
            request.user = AnonymousUser()
            return self.get_response(request)
        if request.path in self.open_paths("accounts:second_factor"):
            return self.get_response(request)
        messages.warning(
            request,
            _("Set up two-step verification before you use the admin: your role requires it."),
        )
        return redirect("accounts:second_factor")

    @staticmethod
    def open_paths(page):
        return {
            reverse(page),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
            # the icons, which the page fetches by script: a redirect would hand it a page
            reverse("wagtailadmin_sprite"),
        }
