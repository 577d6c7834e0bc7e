"""The executive follows the work read-only: no request form, no upload through it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from prongsai.core import samplefiles
from prongsai.disclosures.models import AgencyDocument, DisclosureIndexPage
from prongsai.publishing.access import may_file_requests
from prongsai.publishing.models import PublicationRequest

pytestmark = pytest.mark.django_db

PDF = samplefiles.make_pdf("ประกาศของผู้บริหาร", ["ไม่ควรถูกบันทึก"], agency="อบต.")


def request_data():
    return {
        "title": "ประกาศที่ผู้บริหารพยายามยื่น",
        "category": DisclosureIndexPage.objects.get(slug="procurement-reports").pk,
        "description": "ทดสอบ",
        "data_period_start": "2026-10-01",
        "data_period_end": "2026-10-31",
        "wanted_publish_date": "",
        "wanted_takedown_date": "",
        "contact_phone": "044-123-456",
        "contact_email": "executive@nongnamsai.go.th",
        "files": [SimpleUploadedFile("ประกาศของผู้บริหาร.pdf", PDF)],
    }


def test_only_the_executive_may_not_file_requests(users):
    assert not may_file_requests(users["executive"])
    for username in ("requester", "approver", "webmaster", "admin"):
        assert may_file_requests(users[username]), username


def test_the_executive_cannot_file_a_request_with_a_file(client, users):
    requests_before = PublicationRequest.objects.count()
    documents_before = AgencyDocument.objects.count()
    client.force_login(users["executive"])
    with translation.override("th"):
        response = client.post("/admin/requests/new/", request_data(), follow=True)
    assert PublicationRequest.objects.count() == requests_before
    assert AgencyDocument.objects.count() == documents_before
    assert not AgencyDocument.objects.filter(title="ประกาศของผู้บริหาร").exists()
    assert "ไม่ยื่นคำขอเผยแพร่ข้อมูล" in response.content.decode()


def test_the_executive_menu_has_no_request_form_but_the_requester_has(client, users):
    client.force_login(users["executive"])
    assert "/admin/requests/new/" not in client.get("/admin/").content.decode()
    assert "/admin/requests/new/" not in client.get("/admin/requests/").content.decode()
    client.force_login(users["requester"])
    assert "/admin/requests/new/" in client.get("/admin/").content.decode()
