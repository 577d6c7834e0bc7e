"""The address a sign-in comes from, for the lockout and the audit log.

REMOTE_ADDR, unless PRONGSAI_TRUSTED_PROXY lists the reverse proxy the request came through:
then the right-most address in X-Forwarded-For that is not one of those proxies (a client can
put anything on the left of that header, so only what the trusted proxy appended counts).
"""

from ipaddress import ip_address

from django.conf import settings


def _valid(address):
    try:
        ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(getattr(settings, "PRONGSAI_TRUSTED_PROXY", []))
    if not trusted or remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if address and address not in trusted:
            return address if _valid(address) else remote
    return remote
