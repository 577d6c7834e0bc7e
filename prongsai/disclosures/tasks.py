"""Background work of the disclosures app (django-tasks: the database queue run by
`prongsai worker`; inline with the ImmediateBackend in tests)."""

import logging

from django.utils import timezone
from django_tasks import task

from prongsai.disclosures import filetypes
from prongsai.disclosures.extraction import (
    MISSING_FILE_NOTE,
    Extraction,
    TextStatus,
    extract,
    note,
)
from prongsai.disclosures.signals import document_text_extracted

logger = logging.getLogger("prongsai.extraction")


@task()
def extract_document_text(document_id):
    """Read the text of one document's file, save it and tell the search.

    Only a document still waiting is read: a second task queued for the same file (the document
    was saved again before the worker got to it) finds the work done and does nothing."""
    result = extract_and_store(document_id, only_pending=True)
    if result is None:
        logger.debug("Document %s: already read, deleted or replaced; skipped", document_id)
        return None
    problem = result.status in (TextStatus.FAILED, TextStatus.OCR_FAILED)
    logger.log(
        logging.WARNING if problem else logging.DEBUG,
        "Document %s: text %s (%s characters%s)",
        document_id,
        result.status,
        len(result.text),
        ", scan" if result.is_scan else "",
    )
    return result.status


def extract_and_store(document_id, only_pending=False):
    """Extract, save with .update() (no save signals) and send ``document_text_extracted``.

    Returns the Extraction, or None when the document is gone, its file changed meanwhile (the
    task queued for the new file saves that one) or, with ``only_pending``, it was read already."""
    from prongsai.disclosures.documents import AgencyDocument

    document = AgencyDocument.objects.filter(pk=document_id).first()
    if document is None or (only_pending and document.text_status != TextStatus.PENDING):
        return None
    extension = document.detected_extension or filetypes.normalise_extension(document.file.name)
    try:
        with document.open_file() as fileobj:
            result = extract(fileobj, extension)
    except OSError:
        logger.warning("Document %s: file %s not found", document.pk, document.file.name)
        result = Extraction(status=TextStatus.FAILED, error=note(MISSING_FILE_NOTE))
    fields = {
        "text": result.text,
        "text_status": result.status,
        "text_error": result.error[:255],
        "is_scan": result.is_scan,
        "page_count": result.page_count,
        "text_extracted_at": timezone.now(),
    }
    saved = AgencyDocument.objects.filter(
        pk=document.pk, file=document.file.name, sha256=document.sha256
    ).update(**fields)
    if not saved:
        return None
    for name, value in fields.items():
        setattr(document, name, value)
    for receiver, error in document_text_extracted.send_robust(
        sender=AgencyDocument, document=document
    ):
        if isinstance(error, Exception):
            logger.error(
                "document_text_extracted receiver %r failed for document %s",
                receiver,
                document.pk,
                exc_info=(type(error), error, error.__traceback__),
            )
    return result
