"""The agency's per-file size limit, one rule and one message for every way a file comes in
(the publication request form and every admin upload of a document or an image)."""

from django.utils.translation import gettext as _

from prongsai.agencies.models import AgencySettings
from prongsai.disclosures.filetypes import human_size_beside

MB = 1024 * 1024


def max_file_bytes(site):
    """AgencySettings.max_file_mb of the agency, in bytes."""
    return AgencySettings.for_site(site).max_file_mb * MB


def too_large_problem(upload, max_bytes):
    """A Thai message when `upload` is larger than `max_bytes` (None when it fits)."""
    if upload.size <= max_bytes:
        return None
    return _("%(name)s is %(size)s; the agency accepts at most %(limit)s per file.") % {
        "name": upload.name,
        "size": human_size_beside(upload.size, max_bytes),
        "limit": human_size_beside(max_bytes, upload.size),
    }
