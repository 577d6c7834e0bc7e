"""When a file is public: the moment a page that anyone may read (live, and neither it nor an
ancestor has a view restriction) links it (Wagtail's reference index), when the agency's settings
show it on every page (the logo), or when another app vouches for it through the
``prongsai_file_is_public`` hook (e.g. the evidence of a checklist entry that is ready). Files of
drafts, returned requests, archived or trashed items, and of pages behind a password, a sign-in
or a group restriction, are not served to the public, whatever their address.

The reference index is normally updated in the background; a page's references are rebuilt at
once when it is published, so its files are public as soon as the page is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast, Length, Substr
from wagtail import hooks
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from prongsai.agencies.models import AgencySettings

FILE_IS_PUBLIC_HOOK = "prongsai_file_is_public"


def _restricted_pages():
    """An Exists() for a page queryset: a view restriction sits on the page or an ancestor.
    The same rule as Wagtail's `Page.objects.public()`, written as one subquery on the tree path
    (public() first loads every restriction in a query of its own)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def _references_from(model, page_ids):
    return Exists(
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(model),
            to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_ids.annotate(id_text=Cast("pk", CharField())).values("id_text"),
        )
    )


def live_references_to(model):
    """An Exists() for a queryset of `model` (documents or images): a live page links the row
    (restricted or not: its file is published content, which the owner no longer changes)."""
    return _references_from(model, Page.objects.live())


def public_references_to(model):
    """An Exists() for a queryset of `model`: a live page that anyone may read links the row."""
    return _references_from(model, Page.objects.live().filter(~_restricted_pages()))


def shown_publicly(model):
    """A condition for a queryset of `model`: the public site shows the row without a page
    asking anyone first. For images also the agency's logo (the header of every page; the
    settings are not in the reference index)."""
    condition = public_references_to(model)
    if issubclass(model, AbstractImage):
        condition |= Exists(AgencySettings.objects.filter(logo=OuterRef("pk")))
    return condition


def linked_from_live_page(obj):
    """Whether a live page links this document or image."""
    model = type(obj)
    return model._default_manager.filter(pk=obj.pk).filter(live_references_to(model)).exists()


def vouched_for(obj):
    """Whether another app answers the hook that the file is public."""
    return any(answer(obj) for answer in hooks.get_hooks(FILE_IS_PUBLIC_HOOK))


def is_public(obj):
    """Whether anyone may download the file of `obj` (a document or an image)."""
    model = type(obj)
    if model._default_manager.filter(pk=obj.pk).filter(shown_publicly(model)).exists():
        return True
    return vouched_for(obj)


def index_references_now(sender, instance, **kwargs):
    """page_published receiver: the page's links are recorded before the response, not later
    by the worker, so its files are public when the page is."""
    ReferenceIndex.create_or_update_for_object(instance)
