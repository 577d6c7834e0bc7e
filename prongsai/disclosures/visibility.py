"""When a file is public: the moment a live page links it (Wagtail's reference index), or when
another app vouches for it through the ``prongsai_file_is_public`` hook (e.g. the evidence of a
checklist entry that is ready). Files of drafts, returned requests, archived or trashed items
are not served to the public, whatever their address.

The reference index is normally updated in the background; a page's references are rebuilt at
once when it is published, so its files are public as soon as the page is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex

FILE_IS_PUBLIC_HOOK = "prongsai_file_is_public"


def _live_page_ids():
    return Page.objects.live().annotate(id_text=Cast("pk", CharField())).values("id_text")


def live_references_to(model):
    """An Exists() for a queryset of `model` (documents or images): a live page links the row."""
    return Exists(
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(model),
            to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=_live_page_ids(),
        )
    )


def linked_from_live_page(obj):
    """Whether a live page links this document or image."""
    model = type(obj)
    return model._default_manager.filter(pk=obj.pk).filter(live_references_to(model)).exists()


def is_public(document):
    """Whether anyone may download the file of `document`."""
    if linked_from_live_page(document):
        return True
    return any(answer(document) for answer in hooks.get_hooks(FILE_IS_PUBLIC_HOOK))


def index_references_now(sender, instance, **kwargs):
    """page_published receiver: the page's links are recorded before the response, not later
    by the worker, so its files are public when the page is."""
    ReferenceIndex.create_or_update_for_object(instance)
