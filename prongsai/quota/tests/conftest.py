"""Uploads in these tests go to a fresh media folder, so "nothing was written to storage" can
be checked by listing it (other test runs write to the shared one at the same time)."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from prongsai.core import samplefiles

MB = 1024 * 1024
BASE_PDF = samplefiles.make_pdf(
    "ประกาศผลการสอบราคา", ["รายละเอียดการสอบราคาจ้างซ่อมถนน"], agency="อบต."
)


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), (0, 125, 126)).save(buffer, "PNG")
    return buffer.getvalue()


BASE_PNG = _png()


def pdf_of_size(size):
    """A real PDF of exactly `size` bytes (a comment line after the end pads it)."""
    padding = size - len(BASE_PDF)
    assert padding >= 0, f"a PDF cannot be smaller than {len(BASE_PDF)} bytes"
    if padding < 2:
        return BASE_PDF + b"\n" * padding
    return BASE_PDF + b"\n%" + b"x" * (padding - 2)


def png_of_size(size):
    """A real PNG of exactly `size` bytes (padded after its end chunk)."""
    padding = size - len(BASE_PNG)
    assert padding >= 0
    return BASE_PNG + b"\0" * padding


def pdf_upload(name, size):
    return SimpleUploadedFile(name, pdf_of_size(size), content_type="application/pdf")


def png_upload(name, size):
    return SimpleUploadedFile(name, png_of_size(size), content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Path(settings.MEDIA_ROOT).mkdir()
    return Path(settings.MEDIA_ROOT)


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


@pytest.fixture
def leave_free(demo_site):
    """Set the demo agency's quota so that exactly `at_least` bytes or a little more (less
    than 1 MB more) are free; returns the free bytes."""
    from prongsai.agencies.models import AgencySettings
    from prongsai.quota.usage import totals

    def leave(at_least):
        used = totals(demo_site).used
        quota_mb = -(-(used + at_least) // MB)
        agency = AgencySettings.for_site(demo_site)
        agency.storage_quota_mb = quota_mb
        agency.save()
        return quota_mb * MB - used

    return leave
