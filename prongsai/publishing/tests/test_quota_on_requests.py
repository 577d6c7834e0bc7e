"""The publication request form is held to the agency's storage quota: the total of all its
files counts, and nothing is stored when they do not fit (quota's gate, publishing's form)."""

from pathlib import Path

import pytest

from prongsai.agencies.models import Role
from prongsai.disclosures.factories import DisclosureIndexPageFactory
from prongsai.publishing.models import PublicationRequest
from prongsai.quota.tests.conftest import MB, pdf_upload, stored_files
from prongsai.quota.usage import totals

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    """A fresh media folder, so "nothing was stored" can be checked by listing it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    Path(settings.MEDIA_ROOT).mkdir()
    return Path(settings.MEDIA_ROOT)


def leave_free(agency, at_least):
    """Set the agency's quota so that `at_least` bytes or a little more are free."""
    used = totals(agency.site).used
    agency.settings.storage_quota_mb = -(-(used + at_least) // MB)
    agency.settings.save()
    return agency.settings.storage_quota_mb * MB - used


def request_form(category, uploads):
    return {
        "title": "ประกาศผลการสอบราคาจ้างซ่อมถนน หมู่ที่ 5",
        "category": category.pk,
        "description": "ขอเผยแพร่ประกาศผลการสอบราคา",
        "data_period_start": "",
        "data_period_end": "",
        "wanted_publish_date": "",
        "wanted_takedown_date": "",
        "contact_phone": "",
        "contact_email": "requester@agency.example",
        "files": uploads,
    }


def test_request_form_checks_the_total_of_all_its_files(client, agency, media):
    category = DisclosureIndexPageFactory(parent=agency.home)
    free = leave_free(agency, 100_000)
    client.force_login(agency.user(Role.REQUESTER))
    half = free // 2
    # each file fits on its own; together they are one byte over
    response = client.post(
        "/admin/requests/new/",
        request_form(
            category,
            [pdf_upload("ประกาศ.pdf", half), pdf_upload("รายละเอียด.pdf", free - half + 1)],
        ),
    )
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["files"])
    assert "ไม่สามารถจัดเก็บไฟล์ทั้ง 2 ไฟล์ (ประกาศ.pdf, รายละเอียด.pdf)" in message
    assert "ล้างถังขยะ" in message
    assert not PublicationRequest.objects.filter(site=agency.site).exists()
    assert stored_files(media) == []
    response = client.post(
        "/admin/requests/new/",
        request_form(
            category, [pdf_upload("ประกาศ.pdf", half), pdf_upload("รายละเอียด.pdf", free - half)]
        ),
    )
    assert response.status_code == 302
    assert PublicationRequest.objects.filter(site=agency.site).count() == 1
    assert len(stored_files(media)) == 2
