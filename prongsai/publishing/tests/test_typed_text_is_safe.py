"""What a requester types stays text: on the public page, in the editor, for every role."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from prongsai.disclosures.models import DisclosureIndexPage, DisclosurePage
from prongsai.publishing.models import PublicationRequest
from prongsai.publishing.tests.test_publishing_road import act, form_data

pytestmark = pytest.mark.django_db

SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script> & <b>ตัวหนา</b>'


def live_script(html):
    """Elements of the page that would run script: event handlers, script tags, js: links."""
    soup = BeautifulSoup(html, "html.parser")
    found = [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    found += [t for t in soup.find_all("script") if "alert" in t.get_text()]
    found += [t for t in soup.find_all(href=True) if t["href"].lower().startswith("javascript:")]
    return found


@pytest.fixture
def category():
    return DisclosureIndexPage.objects.get(slug="procurement-reports")


def published_request(client, users, category, captured):
    client.force_login(users["requester"])
    with captured(execute=True):
        client.post("/admin/requests/new/", form_data(category, description=SCRIPT))
        request_obj = PublicationRequest.objects.order_by("-pk").first()
        act(client, users["approver"], request_obj.page, "approve")
        act(client, users["webmaster"], request_obj.page, "approve")
    return Page.objects.get(pk=request_obj.page_id).specific


def test_a_typed_description_reaches_the_public_page_as_text(
    client, users, category, django_capture_on_commit_callbacks
):
    page = published_request(client, users, category, django_capture_on_commit_callbacks)
    assert page.live
    client.logout()
    html = client.get(page.url).content.decode()
    assert not live_script(html)
    soup = BeautifulSoup(html, "html.parser")
    assert SCRIPT in soup.get_text()  # shown exactly as typed


def test_the_page_editor_opens_such_an_item_for_everyone_who_may_edit_it(
    client, users, category, django_capture_on_commit_callbacks
):
    page = published_request(client, users, category, django_capture_on_commit_callbacks)
    for username in ("admin", "webmaster", "webmaster2"):
        client.force_login(users[username])
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, username


def script_bearing_page():
    """A page written before the fix: raw HTML straight in its rich text, not via the editor."""
    parent = DisclosureIndexPage.objects.get(slug="procurement-reports")
    page = DisclosurePage(
        title="รายการเก่าที่มีสคริปต์",
        slug="old-script-item",
        source="กองคลัง",
        body=[
            {
                "type": "paragraph",
                "value": '<p>ข้อความ<img src=x onerror="alert(1)"><script>alert(2)</script>'
                '<a href="javascript:alert(3)">ลิงก์</a></p>',
            }
        ],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_existing_page_with_script_in_its_rich_text_renders_safely(client):
    page = script_bearing_page()
    html = client.get(page.url).content.decode()
    assert "ข้อความ" in html and "ลิงก์" in html  # the text is kept
    assert not live_script(html)


def test_the_editor_opens_an_existing_page_with_script_in_its_rich_text(client, users):
    page = script_bearing_page()
    client.force_login(users["webmaster"])
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "onerror" not in response.content.decode()
