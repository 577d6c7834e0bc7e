"""Wagtail's document and image forms, refusing a file larger than the agency's per-file limit
(AgencySettings.max_file_mb, the same rule and message as the publication request form) or one
that would take the agency over its storage quota, before anything is written to storage. What
the file holds is judged by the document model itself (AgencyDocument.clean), which every form
reaches.

Set as WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE (settings.py), so every
admin path uses them: the add page, the multiple uploader, the upload tab of the choosers and
replacing the file of an existing document or image. The refusal is a form error on the file
field: the multiple uploader then rejects the upload at once (an error on another field would
make it keep the file as an UploadedFile first).
"""

from wagtail.images.forms import BaseImageForm

from prongsai.agencies.collections import site_for_collection
from prongsai.disclosures.forms import (
    AgencyDocumentForm,
    OwnCollectionMixin,
    ReadableTitleMixin,
)
from prongsai.disclosures.uploads import max_file_bytes, too_large_problem
from prongsai.quota.usage import documents_of, images_of, would_exceed


class QuotaCheckMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # a long name is shortened when stored (core.storage), not refused
            self.fields["file"].max_length = None

    def target_collection(self):
        """Where the file will be stored: the chosen collection, or the only one the user may
        add to (Wagtail then hides the field), or where it already is."""
        if "collection" in self.fields:
            return self.cleaned_data.get("collection")
        if len(self.collections) == 1:
            return self.collections[0]
        return self.instance.collection if self.instance.collection_id else None

    def incoming(self, site):
        """(bytes this save adds to the agency, the name to show)."""
        instance = self.instance
        upload = self.cleaned_data.get("file") if "file" in self.changed_data else None
        counted = bool(instance.pk) and self.counted_for(site).filter(pk=instance.pk).exists()
        if upload:
            # a new file replaces the old one, which is deleted on save
            return upload.size - ((instance.file_size or 0) if counted else 0), upload.name
        if instance.pk and not counted:
            return instance.file_size or 0, instance.title  # moved in from another collection
        return 0, None

    def clean(self):
        cleaned_data = super().clean()
        if self.errors.get("file"):
            return cleaned_data
        collection = self.target_collection()
        site = site_for_collection(collection)
        if site is None:
            return cleaned_data  # a shared collection: no agency's limits
        upload = cleaned_data.get("file") if "file" in self.changed_data else None
        too_large = upload and too_large_problem(upload, max_file_bytes(site))
        if too_large:
            self.add_error("file", too_large)
            return cleaned_data
        size, name = self.incoming(site)
        message = would_exceed(site, size, name=name)
        if message:
            self.add_error("file" if "file" in self.fields else None, message)
        return cleaned_data


class QuotaDocumentForm(QuotaCheckMixin, AgencyDocumentForm):
    def counted_for(self, site):
        return documents_of(site)


class QuotaImageForm(QuotaCheckMixin, OwnCollectionMixin, ReadableTitleMixin, BaseImageForm):
    def counted_for(self, site):
        return images_of(site)
