"""When a file is public: the moment a page that anyone may read (live, and neither it nor an
ancestor has a view restriction) links it (Wagtail's reference index), when the agency's settings
show it on every page (the logo), or when another app vouches for it through the
``prongsai_file_is_public`` hook (e.g. the evidence of a checklist entry that is ready). Files of
drafts, returned requests, archived or trashed items, and of pages behind a password, a sign-in
or a group restriction, are not served to the public, whatever their address.

A file that is not public is still sent, privately (`Cache-Control: private`), to the agency's
staff who may choose or change it, and to a visitor who has passed every view restriction of a
live page of the file's own agency that links it (the page's password, a sign-in, a group).
`answer(files, request)` decides for documents and images alike; apps above take files out, or
keep some for this request only, through the ``prongsai_servable_files`` hook.

The reference index is normally updated in the background; a page's references are rebuilt at
once when it is published, so its files are public as soon as the page is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.db.models.functions import Cast, Length, Substr
from wagtail import hooks
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry

from prongsai.agencies.collections import site_for_object
from prongsai.agencies.models import AgencySettings

FILE_IS_PUBLIC_HOOK = "prongsai_file_is_public"
SERVABLE_FILES_HOOK = "prongsai_servable_files"

PUBLIC = "public"
PRIVATE = "private"
PRIVATE_CACHE_CONTROL = "private, no-cache"


def _restricted_pages():
    """An Exists() for a page queryset: a view restriction sits on the page or an ancestor.
    The same rule as Wagtail's `Page.objects.public()`, written as one subquery on the tree path
    (public() first loads every restriction in a query of its own)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def _references_to(model):
    """Reference index rows from pages to rows of `model`."""
    return ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        base_content_type=ContentType.objects.get_for_model(Page),
    )


def _page_ids_as_text(pages):
    return pages.annotate(id_text=Cast("pk", CharField())).values("id_text")


def _references_from(model, page_ids):
    return Exists(
        _references_to(model).filter(
            to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
            object_id__in=_page_ids_as_text(page_ids),
        )
    )


def pages_linking(obj, pages):
    """The pages of `pages` that link `obj` (a document or an image)."""
    linking = _references_to(type(obj)).filter(to_object_id=str(obj.pk)).values("object_id")
    return pages.annotate(id_text=Cast("pk", CharField())).filter(id_text__in=linking)


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


def may_review(user, obj):
    """Whether the user is staff of the file's agency who may choose or change it (a draft's
    file is reviewed before it goes live)."""
    return user.is_authenticated and policy_registry.get_by_type(
        type(obj)
    ).user_has_any_permission_for_instance(user, ["choose", "change"], obj)


def passed_a_restriction_of_a_page_linking(obj, request):
    """Whether a live page of the file's own agency links it behind view restrictions that all
    accept this request (Wagtail's own check: the page's password entered in this session, a
    sign-in, a group). A restriction passed on another agency's page opens nothing here."""
    site = site_for_object(obj)
    if site is None:
        return False
    restricted = (
        Page.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .filter(_restricted_pages())
    )
    return any(
        all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
        for page in pages_linking(obj, restricted).iterator()
    )


def only_privately(files, condition):
    """For apps answering the servable hook: mark the files matching `condition` as kept for
    this request only: they are sent privately, never as public files."""
    return files.annotate(
        only_privately=ExpressionWrapper(Q(only_privately=True) | condition, BooleanField())
    )


def answer(files, request):
    """The first file of `files` (a queryset of documents or images, usually of one) and how it
    may be sent to this request: PUBLIC (to anyone), PRIVATE (to this request only) or None
    (404, the same as a missing file). The public check is one subquery of the same SELECT, so a
    public file costs one query."""
    model = files.model
    files = files.annotate(
        public=ExpressionWrapper(shown_publicly(model), output_field=BooleanField()),
        only_privately=Value(False, output_field=BooleanField()),
    )
    for servable in hooks.get_hooks(SERVABLE_FILES_HOOK):
        files = servable(files, request)
    obj = files.first()
    if obj is None:
        return None, None
    if obj.only_privately:
        return obj, PRIVATE
    if obj.public or vouched_for(obj):
        return obj, PUBLIC
    if may_review(request.user, obj) or passed_a_restriction_of_a_page_linking(obj, request):
        return obj, PRIVATE
    return obj, None


def index_references_now(sender, instance, **kwargs):
    """page_published receiver: the page's links are recorded before the response, not later
    by the worker, so its files are public when the page is."""
    ReferenceIndex.create_or_update_for_object(instance)
