"""Junk typed into the request form is refused in Thai with the other fields kept; nothing is
stored. Emoji and Thai digits are ordinary text."""

import pytest

from prongsai.disclosures.models import DisclosureIndexPage
from prongsai.publishing.models import PublicationRequest
from prongsai.publishing.tests.test_publishing_road import form_data

pytestmark = pytest.mark.django_db

HIDDEN = "ที่มองไม่เห็น"


@pytest.fixture
def category():
    return DisclosureIndexPage.objects.get(slug="procurement-reports")


@pytest.mark.parametrize(
    "field, junk, message",
    [
        ("title", "\u202efdp.exe ประกาศ", HIDDEN),
        ("title", "ประกาศ\x1b[31m", HIDDEN),
        ("title", "ป" * 256, "255"),
        ("description", "รายละเอียด\u2066ซ่อน\u2069", HIDDEN),
        ("description", "ก" * 10_001, "10000"),
        ("contact_phone", "044\x07123", HIDDEN),
        ("contact_email", "a@b.th\r\nBcc: x@y.th", "อีเมล"),
        ("data_period_start", "2569-02-30", "วันที่"),
        ("data_period_start", "2569-01-01", "ให้ลบ 543"),
        ("wanted_publish_date", "9999-12-31", "ปีไม่ถูกต้อง"),
        ("wanted_takedown_date", "0001-01-01", "ปีไม่ถูกต้อง"),
    ],
)
def test_junk_in_one_field_is_refused_and_the_others_kept(
    client, users, category, field, junk, message
):
    client.force_login(users["requester"])
    before = PublicationRequest.objects.count()

    response = client.post("/admin/requests/new/", form_data(category, **{field: junk}))

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html.replace(",", "")
    assert PublicationRequest.objects.count() == before
    kept = form_data(category)
    for other in ("title", "description", "contact_phone"):
        if other != field:
            assert kept[other].split("\n")[0] in html


def test_emoji_and_thai_digits_are_ordinary_text(client, users, category):
    client.force_login(users["requester"])
    title = "งานบุญประจำปี 🎉 ๒๕๖๙"

    response = client.post("/admin/requests/new/", form_data(category, title=title))

    assert response.status_code == 302
    assert PublicationRequest.objects.order_by("-pk").first().title == title


@pytest.mark.parametrize("junk", ["²", "9" * 30, "%FF", "-1"])
def test_the_request_list_reads_a_junk_year_as_no_filter(client, users, junk):
    client.force_login(users["webmaster"])

    response = client.get(f"/admin/requests/?year={junk}&page={junk}")

    assert response.status_code == 200
