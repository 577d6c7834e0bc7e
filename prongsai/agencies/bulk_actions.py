"""Wagtail's bulk actions (the listings' checkboxes, `/admin/bulk/<app>/<model>/<action>/?id=…`)
held to the agencies the user reaches.

Wagtail looks the ids of the query string up among every agency's objects, then lists by title
the ones the person may not act on, and a snippet's delete asks only the model-wide permission
(any agency's department administrator held it for every agency's departments). Here the ids
are looked up among the user's agencies' objects (`scope.limit_to_user`): another agency's
object is not found, so it is neither changed nor named. Objects of no agency: platform admins
only. The accounts' bulk actions have their own rule (`user_admin.py`).
"""

from django.shortcuts import get_list_or_404
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction

from prongsai.agencies.scope import limit_to_user


def own_objects(model, user):
    try:
        return limit_to_user(model._default_manager.all(), user)
    except TypeError:  # the model carries no agency
        return model._default_manager.none()


class OwnObjectsBulkActionMixin:
    def get_queryset(self, model, object_ids):
        return get_list_or_404(own_objects(model, self.request.user), pk__in=object_ids)


def _held(action_class):
    return type(action_class.__name__, (OwnObjectsBulkActionMixin, action_class), {})


BULK_ACTIONS = [
    _held(action_class)
    for action_class in (
        page_actions.DeleteBulkAction,
        page_actions.MoveBulkAction,
        page_actions.PublishBulkAction,
        page_actions.UnpublishBulkAction,
        document_actions.AddTagsBulkAction,
        document_actions.AddToCollectionBulkAction,
        document_actions.DeleteBulkAction,
        image_actions.AddTagsBulkAction,
        image_actions.AddToCollectionBulkAction,
        image_actions.DeleteBulkAction,
        SnippetDeleteBulkAction,
    )
]
