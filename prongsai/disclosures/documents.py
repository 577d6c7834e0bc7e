"""The agency's document model: Wagtail's document plus what seed 001 §2.2 / seed 004 §2.3 ask
to show for every file (its real type and its size) and a checksum for integrity."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from prongsai.disclosures import filetypes


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

    admin_form_fields = Document.admin_form_fields + ("department",)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        super().clean()
        if self.file:
            self._check_file_content()

    def _check_file_content(self):
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

    @property
    def content_type(self):
        return self.detected_mime or super().content_type

    @property
    def kind_label(self):
        kind = filetypes.KINDS.get(self.detected_extension or self.file_extension.lower())
        return kind.label if kind else self.file_extension.upper()

    @property
    def human_size(self):
        return filetypes.human_size(self.file_size)


def _sha256_of(fileobj):
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()
