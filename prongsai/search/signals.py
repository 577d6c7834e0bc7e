"""The index follows the files: when a document's text has been extracted, the document and
every page that carries it are reindexed through the task queue."""

from django.db import transaction
from django.dispatch import receiver

try:  # the document-text signal arrives with the extraction feature
    from prongsai.disclosures.signals import document_text_extracted
except ImportError:  # pragma: no cover
    document_text_extracted = None


def reindex_document_and_its_pages(document):
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.models import ReferenceIndex

    def enqueue():
        insert_or_update_object_task.enqueue(
            document._meta.app_label, document._meta.model_name, str(document.pk)
        )
        for reference in ReferenceIndex.get_references_to(document).select_related(
            "base_content_type"
        ):
            model = reference.base_content_type.model_class()
            if model is not None:
                insert_or_update_object_task.enqueue(
                    model._meta.app_label, model._meta.model_name, str(reference.object_id)
                )

    transaction.on_commit(enqueue)


if document_text_extracted is not None:

    @receiver(document_text_extracted)
    def on_document_text_extracted(sender, document, **kwargs):
        reindex_document_and_its_pages(document)
