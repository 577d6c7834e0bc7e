"""Signals of the disclosures app.

``document_text_extracted`` is sent (sender=AgencyDocument, document=<the document>) after the
text of a document's file has been read and saved, so the search can reindex the pages that
carry the file. The post_save receiver below queues that reading whenever a document is created
or gets a new file (``_set_document_file_metadata()`` sets ``text_status`` back to pending).
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal

from prongsai.disclosures.extraction import TextStatus

document_text_extracted = Signal()

# Saves that touch only these fields (e.g. Wagtail filling in file_hash) queue nothing.
_TRIGGER_FIELDS = {"file", "text_status"}


def queue_text_extraction(sender, instance, created, raw=False, using=None, update_fields=None,
                          **kwargs):  # fmt: skip
    if raw:  # loaddata
        return
    if update_fields is not None and not _TRIGGER_FIELDS & set(update_fields):
        return
    if not (created or instance.text_status == TextStatus.PENDING):
        return
    document_id = instance.pk

    def enqueue():
        from prongsai.disclosures.tasks import extract_document_text

        extract_document_text.enqueue(document_id)

    # After the commit: the worker must see the row, and a rolled-back upload queues nothing.
    transaction.on_commit(enqueue, using=using)


def connect():
    from prongsai.disclosures.documents import AgencyDocument

    post_save.connect(
        queue_text_extraction,
        sender=AgencyDocument,
        dispatch_uid="prongsai.disclosures.queue_text_extraction",
    )
