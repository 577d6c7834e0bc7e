"""A suspended agency answers every public request with a Thai 503 page, and its staff are
signed out of the admin (other agencies on the same install are untouched)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from wagtail.models import Site

from prongsai.agencies.models import AgencySettings
from prongsai.agencies.suspension import is_suspended
from prongsai.platform.access import locked_out_by_suspension

ADMIN_PREFIX = "/admin/"
# the monitor's address answers about the install, whatever agency it is asked through, and
# must answer 503 (not fail) when the database is down
HEALTH_PATH = "/healthz"


class SuspendedAgencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX):
            return self.admin(request) or self.get_response(request)
        if request.path.startswith(settings.STATIC_URL) or request.path == HEALTH_PATH:
            return self.get_response(request)
        site = Site.find_for_request(request)
        if is_suspended(site):
            return suspended_page(request, AgencySettings.for_site(site))
        return self.get_response(request)

    def admin(self, request):
        user = getattr(request, "user", None)
        if user is None or not locked_out_by_suspension(user):
            return None
        logout(request)
        messages.error(request, suspended_sign_in_message())
        return redirect("wagtailadmin_login")


def suspended_sign_in_message():
    return _(
        "Your agency's website has been suspended by the platform administrators, so you "
        "cannot sign in. Please contact the platform administrators."
    )


def suspended_page(request, agency):
    response = render(request, "platform/suspended.html", {"agency": agency}, status=503)
    response["Retry-After"] = "3600"
    return response
