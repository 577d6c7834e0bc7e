import time

from django.conf import settings

from prongsai.traffic.importing import USER_HEADER
from prongsai.traffic.recording import record


class TrafficLogMiddleware:
    """PRONGSAI_TRAFFIC_LOG=app: one row per request that reaches Django. Placed after
    WhiteNoise: the stylesheets, scripts and fonts it serves are the same for everyone and are
    left out; everything else — pages, searches, downloads, forms, the admin — is logged.

    PRONGSAI_TRAFFIC_LOG=front: the front server logs every request, cached ones included; the
    application only tells it who was signed in (a header nginx logs and hides)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        mode = settings.PRONGSAI_TRAFFIC_LOG
        started = time.monotonic()
        response = self.get_response(request)
        if mode == "app":
            record(request, response, started, time.monotonic())
        elif mode == "front":
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                response[USER_HEADER] = str(user.pk)
        return response
