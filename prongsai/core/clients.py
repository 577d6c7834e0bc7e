"""Who is on the other end of a request: the client's address, read through the trusted proxy.

Behind nginx every request comes from the proxy's own address; the visitor's address is the
last one the proxy appended to X-Forwarded-For. That header is believed only when the request
really came from an address listed in PRONGSAI_TRUSTED_PROXY, so a visitor cannot forge it.
"""

import ipaddress

from django.conf import settings


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_address(request):
    """The visitor's IP address as text ('' when the server saw none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = set(settings.PRONGSAI_TRUSTED_PROXY)
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    # walk back from the proxy: the first address that is not one of our proxies is the client
    for candidate in reversed([part for part in forwarded if part]):
        if candidate in trusted:
            continue
        return candidate if _is_address(candidate) else remote
    return remote
