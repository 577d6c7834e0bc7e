"""Signing out of the admin is a POST only.

Wagtail's sign-out view answers a GET with 405 but still deletes the session cookie on the way
out, so any link or image pointing at /admin/logout/ signed staff out. Here anything but a POST
is refused before Wagtail's view runs, and the session is left as it was."""

from django.http import HttpResponseNotAllowed
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LogoutView


class SignOutView(LogoutView):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            refused = HttpResponseNotAllowed(["POST"], content_type="text/plain; charset=utf-8")
            refused.content = _("Use the sign-out button to sign out.").encode()
            return refused
        return super().dispatch(request, *args, **kwargs)
