"""The admin side: the list of one's own notifications, opening, mark all read, the menu item
and the dashboard panel, each only ever showing the user's own notifications."""

import json
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from prongsai.channels.models import Notification
from prongsai.channels.notify import notify
from prongsai.channels.wagtail_hooks import NotificationsMenuItem, NotificationsPanel

pytestmark = pytest.mark.django_db

INDEX = "/admin/notifications/"


def make(user, subject, url="", **kwargs):
    return notify(user, subject, "รายละเอียดของ " + subject, url=url, email=False, **kwargs)[0]


def sidebar_menu_labels(html):
    """The labels of the admin sidebar menu, from the JSON the page hands to the sidebar."""
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "no sidebar props in the page"
    text = json.dumps(json.loads(match.group(1)), ensure_ascii=False)
    return text


def test_urls():
    assert reverse("prongsai_notifications:index") == INDEX
    assert reverse("prongsai_notifications:open", args=[7]) == "/admin/notifications/7/open/"
    assert reverse("prongsai_notifications:mark_all_read") == INDEX + "mark-all-read/"


def test_list_shows_only_the_users_own_notifications_newest_first(client, users):
    make(users["approver"], "คำขอเก่า")
    make(users["approver"], "คำขอใหม่", url="/admin/pages/")
    make(users["webmaster"], "เรื่องของผู้ดูแลเว็บไซต์")
    client.force_login(users["approver"])
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "คำขอใหม่" in html and "คำขอเก่า" in html
    assert html.index("คำขอใหม่") < html.index("คำขอเก่า")
    assert "เรื่องของผู้ดูแลเว็บไซต์" not in html
    assert "<h1" in html or "w-header" in html or "breadcrumb" in html
    assert "การแจ้งเตือน" in html
    assert html.count('class="is-unread"') == 2
    assert "ยังไม่ได้อ่าน" in html
    assert "ทำเครื่องหมายว่าอ่านแล้วทั้งหมด" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_list_is_paginated(client, users):
    for i in range(25):
        make(users["webmaster"], f"แจ้งเตือนลำดับที่ {i:02d}")
    client.force_login(users["webmaster"])
    first = client.get(INDEX).content.decode()
    assert "แจ้งเตือนลำดับที่ 24" in first and "แจ้งเตือนลำดับที่ 04" not in first
    assert "การแจ้งเตือน 25 รายการ" in first
    second = client.get(INDEX, {"p": 2}).content.decode()
    assert "แจ้งเตือนลำดับที่ 04" in second and "แจ้งเตือนลำดับที่ 24" not in second
    assert client.get(INDEX, {"p": "x"}).status_code == 200


def test_read_and_unread_are_told_apart(client, users):
    read = make(users["webmaster"], "อ่านแล้วเรื่องหนึ่ง")
    read.mark_read()
    make(users["webmaster"], "ยังไม่อ่านเรื่องหนึ่ง")
    client.force_login(users["webmaster"])
    html = client.get(INDEX).content.decode()
    assert html.count('class="is-unread"') == 1
    assert html.count('class="is-read"') == 1


def test_opening_marks_read_and_goes_to_the_link(client, users):
    notification = make(users["approver"], "คำขอใหม่", url="/admin/pages/")
    client.force_login(users["approver"])
    response = client.get(notification.get_open_url())
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_public_link(client, users):
    notification = make(users["requester"], "เผยแพร่แล้ว", url="http://127.0.0.1:8000/news/")
    client.force_login(users["requester"])
    response = client.get(notification.get_open_url())
    assert response["Location"] == "http://127.0.0.1:8000/news/"


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "//evil.example/"])
def test_opening_without_a_safe_link_returns_to_the_list(client, users, url):
    notification = make(users["approver"], "เรื่องทั่วไป", url=url)
    client.force_login(users["approver"])
    response = client.get(notification.get_open_url())
    assert response["Location"] == INDEX
    notification.refresh_from_db()
    assert notification.is_read


def test_opening_another_users_notification_is_404(client, users):
    notification = make(users["approver"], "ของผู้อนุมัติเท่านั้น", url="/admin/pages/")
    client.force_login(users["webmaster"])
    assert client.get(notification.get_open_url()).status_code == 404
    # not even a superuser reads someone else's notification
    client.force_login(users["admin"])
    assert client.get(notification.get_open_url()).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_anonymous_users_are_sent_to_log_in(client, users):
    notification = make(users["approver"], "เรื่องลับ")
    for url in (INDEX, notification.get_open_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    response = client.post(reverse("prongsai_notifications:mark_all_read"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(client, users):
    mine = [make(users["approver"], f"เรื่องที่ {i}") for i in range(3)]
    theirs = make(users["webmaster"], "ของคนอื่น")
    client.force_login(users["approver"])
    url = reverse("prongsai_notifications:mark_all_read")
    assert client.get(url).status_code == 405  # POST only
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == INDEX
    html = response.content.decode()
    assert "ทำเครื่องหมายว่าอ่านแล้ว 3 รายการ" in html
    assert 'class="is-unread"' not in html
    assert all(Notification.objects.get(pk=n.pk).is_read for n in mine)
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # a second time there is nothing left to mark
    html = client.post(url, follow=True).content.decode()
    assert "ไม่มีการแจ้งเตือนที่ยังไม่ได้อ่าน" in html


def test_mark_all_read_needs_the_csrf_token(users):
    from django.test import Client

    make(users["approver"], "เรื่องที่ต้องใช้ CSRF")
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["approver"])
    response = client.post(reverse("prongsai_notifications:mark_all_read"))
    assert response.status_code == 403
    assert Notification.objects.filter(recipient=users["approver"], read_at=None).count() == 1


def test_mark_all_read_goes_back_only_to_this_site(client, users):
    make(users["approver"], "เรื่องหนึ่ง")
    client.force_login(users["approver"])
    url = reverse("prongsai_notifications:mark_all_read")
    assert client.post(url, {"next": "/admin/"})["Location"] == "/admin/"
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == INDEX


def test_menu_item_shows_the_unread_count(client, users):
    request = RequestFactory().get("/admin/")
    request.user = users["approver"]
    item = NotificationsMenuItem("การแจ้งเตือน", INDEX, name="notifications", icon_name="mail")
    assert item.render_component(request).label == "การแจ้งเตือน"
    for i in range(3):
        make(users["approver"], f"เรื่องที่ {i}")
    make(users["webmaster"], "ของคนอื่น")
    request = RequestFactory().get("/admin/")
    request.user = users["approver"]
    component = item.render_component(request)
    assert component.label == "การแจ้งเตือน (3)"
    assert component.attrs["data-unread-count"] == "3"
    assert component.url == INDEX
    assert item.attrs == {}  # the shared menu item itself is never changed

    # and in the sidebar of a real admin page, in Thai
    client.force_login(users["approver"])
    labels = sidebar_menu_labels(client.get(INDEX).content.decode())
    assert "การแจ้งเตือน (3)" in labels
    client.force_login(users["webmaster"])
    labels = sidebar_menu_labels(client.get(INDEX).content.decode())
    assert "การแจ้งเตือน (1)" in labels


def test_dashboard_panel_lists_the_latest_unread(client, users):
    client.force_login(users["approver"])
    html = client.get("/admin/").content.decode()
    assert "prongsai-notifications-section" not in html  # nothing unread, no panel

    old = make(users["approver"], "เรื่องที่อ่านแล้ว")
    old.mark_read()
    for i in range(7):
        make(users["approver"], f"คำขอลำดับ {i}")
    make(users["webmaster"], "ของผู้ดูแลเว็บไซต์")
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "prongsai-notifications-section" in html
    assert "การแจ้งเตือนใหม่ 7 รายการ" in html
    for i in (6, 5, 4, 3, 2):
        assert f"คำขอลำดับ {i}" in html
    assert "คำขอลำดับ 1" not in html and "เรื่องที่อ่านแล้ว" not in html
    assert "ของผู้ดูแลเว็บไซต์" not in html
    assert f'href="{INDEX}"' in html
    assert "การแจ้งเตือนทั้งหมด" in html


def test_dashboard_panel_is_its_own_users(users):
    make(users["webmaster"], "ของผู้ดูแลเว็บไซต์")
    request = RequestFactory().get("/admin/")
    request.user = users["approver"]
    assert NotificationsPanel().render_html({"request": request}) == ""
