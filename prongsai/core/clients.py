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


FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST")


class ForwardedHeadersMiddleware:
    """First in the chain: a request that did not come from a trusted proxy loses its
    X-Forwarded-* headers, so nothing later (HTTPS detection, the lockout, the logs) can be
    told a false address or scheme by the visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("REMOTE_ADDR", "") not in set(settings.PRONGSAI_TRUSTED_PROXY):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
