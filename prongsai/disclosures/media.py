"""Image files (originals and renditions) through one permission-checked view, as documents go
through Wagtail's serve view: an image is served to anyone while the public site shows it
(`visibility.shown_publicly`, or the ``prongsai_file_is_public`` hook), and otherwise only to the
agency's staff who may choose or change it (the admin's listing, chooser and edit page show its
renditions). Anything else answers 404, the same as a missing file.

Apps above answer ``prongsai_servable_images(images, request) -> images`` to take images out
before anything is judged (the trash takes out the images in it). A public rendition costs one
query: the image found by its file name, with whether it is public, in one SELECT.
"""

from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from prongsai.core.sendfile import send_stored_file
from prongsai.disclosures.visibility import shown_publicly, vouched_for

SERVABLE_IMAGES_HOOK = "prongsai_servable_images"
ORIGINALS = "original_images/"
RENDITIONS = "images/"


def _images_stored_as(name):
    Image = get_image_model()
    if name.startswith(ORIGINALS):
        return Image.objects.filter(file=name)
    return Image.objects.filter(renditions__file=name)


def _may_review(user, image):
    return user.is_authenticated and policy_registry.get_by_type(
        type(image)
    ).user_has_any_permission_for_instance(user, ["choose", "change"], image)


@require_safe
def serve_image_file(request, name):
    """`/media/original_images/…` and `/media/images/…` (a rendition)."""
    public = ExpressionWrapper(shown_publicly(get_image_model()), output_field=BooleanField())
    images = _images_stored_as(name).annotate(public=public)
    for servable in hooks.get_hooks(SERVABLE_IMAGES_HOOK):
        images = servable(images, request)
    image = images.first()
    if image is None:
        raise Http404
    if image.public or vouched_for(image):
        return send_stored_file(request, name)
    if _may_review(request.user, image):
        response = send_stored_file(request, name)
        response["Cache-Control"] = "private, no-cache"
        return response
    raise Http404
