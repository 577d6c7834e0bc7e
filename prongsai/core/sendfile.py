"""How a permission-checked file leaves the server (documents and images alike).

By default Python streams it (Wagtail's streaming backend). With PRONGSAI_FRONT_SERVER=nginx the
application only checks: it answers with an empty response whose `X-Accel-Redirect` header names
the file under PRONGSAI_PROTECTED_MEDIA_URL, an `internal` location of nginx that maps onto
MEDIA_ROOT, and nginx sends the bytes (docs/deployment.md). A file is never public on its own
address: nginx refuses the internal location to anyone who asks for it directly.

`sendfile` is the backend named by SENDFILE_BACKEND, which Wagtail's document view uses.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile as wagtail_sendfile


def nginx_in_front():
    return settings.PRONGSAI_FRONT_SERVER == "nginx"


def accel_redirect_path(filename):
    """The internal nginx address of a file under MEDIA_ROOT (percent-encoded, as nginx wants)."""
    relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    return settings.PRONGSAI_PROTECTED_MEDIA_URL + quote(relative.as_posix())


class AccelRedirectResponse(HttpResponse):
    """An empty answer for nginx. Wagtail's sendfile() sets Content-Length to the file's size
    after the backend returns; on an empty body that would make a client (or a proxy keeping
    the connection) wait for bytes that never come, so it is not set here (nginx sends the
    file's own length)."""

    def __setitem__(self, header, value):
        if header.lower() != "content-length":
            super().__setitem__(header, value)


def sendfile(request, filename, **kwargs):
    """SENDFILE_BACKEND: hand the file to nginx, or stream it."""
    if nginx_in_front():
        response = AccelRedirectResponse()
        response["X-Accel-Redirect"] = accel_redirect_path(filename)
        return response
    return sendfile_streaming_backend.sendfile(request, filename, **kwargs)


def send_stored_file(request, name, storage=default_storage):
    """The stored file `name` of `storage`, shown inline, its type judged from its name."""
    try:
        path = storage.path(name)
    except NotImplementedError:  # object storage: no local path for nginx to send
        return FileResponse(storage.open(name))
    return wagtail_sendfile(request, path, attachment=False, backend=sendfile)
