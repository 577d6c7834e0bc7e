from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from prongsai.core.admin_views import AgencyMenuItem
from prongsai.disclosures.visibility import only_privately
from prongsai.trash import access, services, urls
from prongsai.trash.models import TrashKind


def _delete_through_the_trash(kind, wagtail_view):
    """Wagtail's own delete view for platform admins; the trash for everyone else (uploaders
    may otherwise delete their own files directly under Wagtail's ownership rules)."""

    def view(request, **kwargs):
        pk = next(iter(kwargs.values()))
        if request.user.is_superuser:
            return wagtail_view(request, **kwargs)
        return redirect(move_url(kind, pk, request.GET.get("next")))

    return view


@hooks.register("register_admin_urls")
def register_urls():
    from wagtail.documents.views.documents import DeleteView as DocumentDeleteView
    from wagtail.images.views.images import DeleteView as ImageDeleteView

    # registered before wagtail.documents / wagtail.images (INSTALLED_APPS order), so these
    # win over Wagtail's own delete URLs
    return [
        path("trash/", include(urls, namespace="trash")),
        path(
            "documents/delete/<int:document_id>/",
            _delete_through_the_trash(TrashKind.DOCUMENT, DocumentDeleteView.as_view()),
            name="trash_document_delete",
        ),
        path(
            "images/<int:image_id>/delete/",
            _delete_through_the_trash(TrashKind.IMAGE, ImageDeleteView.as_view()),
            name="trash_image_delete",
        ),
    ]


@hooks.register("register_admin_menu_item")
def trash_menu_item():
    return AgencyMenuItem(
        _("Trash"),
        reverse("trash:index"),
        icon_name="bin",
        order=9000,
        sites=[access.managed_sites],
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("prongsai.trash.move", _("Moved to the trash"), _("Moved to the trash"))
    actions.register_action(
        "prongsai.trash.restore", _("Restored from the trash"), _("Restored from the trash")
    )
    actions.register_action(
        "prongsai.trash.purge", _("Deleted for good from the trash"), _("Deleted for good")
    )
    actions.register_action(
        "prongsai.trash.unlink",
        _("Link to an item removed before it went to the trash"),
        _("Link removed"),
    )
    actions.register_action(
        "prongsai.trash.replace",
        _("Item replaced before it went to the trash"),
        _("Item replaced"),
    )


# ---------------------------------------------------------------- pages in the trash are hidden


@hooks.register("prongsai_page_is_in_trash")
def page_is_in_trash(page):
    """Asked by site.permissions: a page in the trash (or below one) is neither edited nor
    published until it is restored."""
    return services.is_in_trash(page)


@hooks.register("construct_explorer_page_queryset")
def hide_trashed_pages_in_explorer(parent_page, pages, request):
    return services.exclude_trashed_pages(pages)


@hooks.register("construct_page_chooser_queryset")
def hide_trashed_pages_in_chooser(pages, request):
    return services.exclude_trashed_pages(pages)


@hooks.register("prongsai_servable_files")
def trashed_files_go_only_to_who_manages_the_trash(files, request):
    """A document or image in the trash answers 404 (an image's original and renditions alike)
    to everyone but those who may manage that agency's trash (its webmasters and agency admins,
    platform admins), who open it from the trash to judge it before restoring it. They get it
    privately, never as a public file, even while a page or the logo setting still names it."""
    trashed = services.in_trash(files.model)
    if request.user.is_authenticated:
        kept = ~trashed | services.in_trash(files.model, sites=access.managed_sites(request.user))
    else:
        kept = ~trashed
    return only_privately(files.filter(kept), trashed)


# ---------------------------------------------------------------- everything goes through the trash


def move_url(kind, pk, next_url=None):
    url = reverse("trash:move", args=[kind, pk])
    return url + ("?" + urlencode({"next": next_url}) if next_url else "")


def _can_trash_page(page, user):
    if page.depth <= 2 or user is None:
        return False
    site = page.get_site()
    return site is not None and page.pk != site.root_page_id and access.can_manage(user, site)


@hooks.register("before_delete_page")
def route_page_delete_to_trash(request, page):
    """Agency users delete through the trash; platform admins keep Wagtail's delete."""
    if request.user.is_superuser:
        return None
    return redirect(move_url(TrashKind.PAGE, page.pk, request.GET.get("next")))


@hooks.register("before_bulk_action")
def no_bulk_delete_around_the_trash(request, action_type, objects, action_class_instance):
    if action_type != "delete" or request.user.is_superuser:
        return None
    model = getattr(action_class_instance, "model", None)
    if model is None or not issubclass(model, (Page, get_document_model(), get_image_model())):
        return None
    messages.error(
        request,
        gettext(
            "Delete items one by one with “Move to the trash”: the trash shows where each is "
            "still used and keeps it restorable."
        ),
    )
    return redirect(reverse("trash:index"))


class MoveToTrashMenuItem(ActionMenuItem):
    name = "action-move-to-trash"
    label = _("Move to the trash")
    icon_name = "bin"
    order = 55

    def is_shown(self, context):
        if context.get("view") != "edit" or context.get("locked_for_user"):
            return False
        page = context.get("page")
        return page is not None and _can_trash_page(page, context["request"].user)

    def get_url(self, context):
        return move_url(TrashKind.PAGE, context["page"].pk)


@hooks.register("register_page_action_menu_item")
def move_to_trash_action():
    return MoveToTrashMenuItem()


def _trash_button(page, user, next_url, priority):
    if not _can_trash_page(page, user):
        return []
    return [
        Button(
            _("Move to the trash"),
            url=move_url(TrashKind.PAGE, page.pk, next_url),
            icon_name="bin",
            priority=priority,
            attrs={"aria-label": gettext("Move '%(title)s' to the trash") % {"title": page.title}},
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def page_listing_trash_button(page, user, next_url=None):
    yield from _trash_button(page, user, next_url, 31)


@hooks.register("register_page_header_buttons")
def page_header_trash_button(page, user, view_name=None, next_url=None):
    yield from _trash_button(page, user, next_url, 51)


# ---------------------------------------------------------------- dashboard


class TrashPanel(Component):
    name = "trash"
    order = 90
    template_name = "trash/dashboard_panel.html"

    def __init__(self, site):
        self.site = site

    def get_context_data(self, parent_context):
        from prongsai.trash.views import in_trash_summary

        count, total = in_trash_summary(self.site)
        return {"site": self.site, "count": count, "total": total}


@hooks.register("construct_homepage_panels")
def add_trash_panel(request, panels):
    site = access.managed_sites(request.user).first()
    if site is not None:
        panels.append(TrashPanel(site))
