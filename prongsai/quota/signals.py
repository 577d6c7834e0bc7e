"""Forget what was measured on the storage for an agency when one of its documents or images
is uploaded or deleted (renditions go with their image)."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from prongsai.agencies.collections import site_for_object
from prongsai.quota.usage import invalidate


def _forget(instance):
    try:
        site = site_for_object(instance)
    except Exception:  # noqa: BLE001 — a collection deleted with its files: nothing to forget
        return
    invalidate(site)


def file_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _forget(instance)


def file_deleted(sender, instance, **kwargs):
    _forget(instance)


def connect():
    for model in (get_document_model(), get_image_model()):
        post_save.connect(file_saved, sender=model, dispatch_uid=f"quota-saved-{model._meta}")
        post_delete.connect(file_deleted, sender=model, dispatch_uid=f"quota-deleted-{model._meta}")
