"""Image files (originals and renditions) through one permission-checked view, as documents go
through Wagtail's serve view: an image is served to anyone while the public site shows it
(`visibility.shown_publicly`, or the ``prongsai_file_is_public`` hook), and otherwise, privately,
to the agency's staff who may choose or change it (the admin's listing, chooser and edit page
show its renditions) and to visitors who passed the view restrictions of a page linking it.
Anything else answers 404, the same as a missing file. `visibility.answer` decides, for images
and documents alike.

A public rendition costs one query: the image found by its file name, with whether it is public,
in one SELECT.
"""

from django.http import Http404
from django.views.decorators.http import require_safe
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model

from prongsai.core.sendfile import send_stored_file
from prongsai.disclosures.visibility import PRIVATE, PRIVATE_CACHE_CONTROL, PUBLIC, answer

# set on the request by the before_serve_document hook when the document goes to it privately
DOCUMENT_SENT_PRIVATELY = "prongsai_document_sent_privately"
ORIGINALS = "original_images/"
RENDITIONS = "images/"


def _images_stored_as(name):
    Image = get_image_model()
    if name.startswith(ORIGINALS):
        return Image.objects.filter(file=name)
    return Image.objects.filter(renditions__file=name)


@require_safe
def serve_image_file(request, name):
    """`/media/original_images/…` and `/media/images/…` (a rendition)."""
    image, how = answer(_images_stored_as(name), request)
    if how == PUBLIC:
        return send_stored_file(request, name)
    if how == PRIVATE:
        response = send_stored_file(request, name)
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response
    raise Http404


def serve_document(request, document_id, document_filename):
    """`/documents/<id>/<name>`: Wagtail's serve view (its `before_serve_document` hook checks,
    in `wagtail_hooks.py`), with `Cache-Control: private` on an answer meant for this request
    only, so no shared cache keeps a file the public may not have."""
    response = wagtail_serve_document(request, document_id, document_filename)
    if getattr(request, DOCUMENT_SENT_PRIVATELY, False):
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response
