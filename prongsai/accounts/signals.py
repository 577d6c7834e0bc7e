"""Failed sign-ins and lockouts in Wagtail's audit log (on the account signed in to, when the
username is one), and the time a session started for the absolute session limit."""

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from wagtail.log_actions import log

from prongsai.core.clients import client_address

SIGNED_IN_AT = "prongsai_signed_in_at"
LAST_SEEN = "prongsai_last_seen"


def account_named(username):
    if not username:
        return None
    return get_user_model()._default_manager.filter(username=username).first()


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    user = account_named(credentials.get("username"))
    if user is not None and request is not None:
        log(user, "prongsai.signin_failed", user=None, data={"ip": client_address(request)})


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    user = account_named(username)
    if user is not None:
        log(user, "prongsai.signin_locked_out", user=None, data={"ip": ip_address})


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now
