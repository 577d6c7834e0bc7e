"""The agency's document model: Wagtail's document plus what seed 001 §2.2 / seed 004 §2.3 ask
to show for every file (its real type and its size), a checksum for integrity, and the text
inside the file for the site search (read in the background, see extraction.py and tasks.py)."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.search import index

from prongsai.core.sizes import human_size
from prongsai.disclosures import filetypes
from prongsai.disclosures.extraction import TextStatus


class AgencyDocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    """Leaves out the text (up to 2,000,000 characters) unless asked for: pages, choosers and
    listings fetch documents all the time and never show it. ``document.text`` still works
    (one more query); use ``.defer(None)`` to fetch many documents with their text."""

    def get_queryset(self):
        return super().get_queryset().defer("text")


class AgencyDocument(AbstractDocument):
    department = models.ForeignKey(
        "agencies.Department",
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    detected_extension = models.CharField(
        _("file type (from its content)"), max_length=10, blank=True, editable=False
    )
    detected_mime = models.CharField(max_length=120, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True, editable=False)

    # The text inside the file, filled in by the background task after each upload.
    text = models.TextField(_("text in the file"), blank=True, editable=False)
    text_status = models.CharField(
        _("text status"),
        max_length=20,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
        editable=False,
    )
    text_error = models.CharField(_("note on the text"), max_length=255, blank=True, editable=False)
    is_scan = models.BooleanField(
        _("scanned file"),
        default=False,
        editable=False,
        help_text=_("A PDF with pages that are pictures with no text layer."),
    )
    page_count = models.PositiveIntegerField(_("number of pages"), null=True, editable=False)
    text_extracted_at = models.DateTimeField(_("text read at"), null=True, editable=False)

    objects = AgencyDocumentManager()

    admin_form_fields = Document.admin_form_fields + ("department",)
    # the file's own words make the document findable in the admin (Thai search)
    search_fields = AbstractDocument.search_fields + [index.SearchField("text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        super().clean()
        if self.has_new_file():
            self._check_file_content()

    def has_new_file(self):
        """True while the file is an upload not yet in storage: only a new file is judged
        (editing the title of a stored document does not read its file again)."""
        return bool(self.file) and not self.file._committed

    def _check_file_content(self):
        """The gate every upload passes (the admin's add, multiple and chooser uploads, a
        replaced file, the publication request form): the content is an allowed kind, holds
        together (filetypes.structure_problem) and matches the name."""
        upload = self.file.file if hasattr(self.file, "file") else self.file
        size = getattr(upload, "size", None)
        if size == 0:
            raise ValidationError({"file": _("The file is empty. Please choose the real file.")})
        kind = filetypes.sniff(upload)
        if kind is None:
            raise ValidationError(
                {
                    "file": _(
                        "This file is not one of the allowed kinds (PDF, Word, Excel, JPG, PNG, "
                        "ZIP, RAR), judged from its content, whatever its name says."
                    )
                }
            )
        problem = filetypes.structure_problem(upload, kind)
        if problem:
            raise ValidationError({"file": problem})
        claimed = filetypes.normalise_extension(self.file.name)
        if claimed != kind.extension:
            raise ValidationError(
                {
                    "file": _(
                        "The file is named .%(claimed)s but its content is %(real)s. "
                        "Rename it or export it again in the right format."
                    )
                    % {"claimed": claimed or "?", "real": kind.label}
                }
            )

    def _set_document_file_metadata(self):
        super()._set_document_file_metadata()
        self.file.open()
        kind = filetypes.sniff(self.file)
        self.detected_extension = kind.extension if kind else ""
        self.detected_mime = kind.mime if kind else ""
        self.sha256 = _sha256_of(self.file)
        self.file.seek(0)
        # A new file: its text is read again after the save commits (signals.py).
        self.text = ""
        self.text_status = TextStatus.PENDING
        self.text_error = ""
        self.is_scan = False
        self.page_count = None
        self.text_extracted_at = None

    @property
    def content_type(self):
        return self.detected_mime or super().content_type

    @property
    def kind_label(self):
        kind = filetypes.KINDS.get(self.detected_extension or self.file_extension.lower())
        return kind.label if kind else self.file_extension.upper()

    @property
    def human_size(self):
        return human_size(self.file_size)

    @property
    def scan_label(self):
        """What the text report shows for a scan: it is a picture, not text."""
        return str(SCAN_LABEL) if self.is_scan else ""


SCAN_LABEL = _("Scanned file — fails accessibility")


def _sha256_of(fileobj):
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()
