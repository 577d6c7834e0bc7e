"""The page rules that apps above site answer through hooks (docs/architecture.md)."""

import pytest
from wagtail import hooks

from prongsai.site.models import StandardPage

pytestmark = pytest.mark.django_db


def history_page(demo_site):
    return StandardPage.objects.descendant_of(demo_site.root_page).get(slug="history")


def test_a_page_an_app_reports_in_the_trash_is_neither_edited_nor_published(demo_site, users):
    page = history_page(demo_site)
    with hooks.register_temporarily("prongsai_page_is_in_trash", lambda p: p.pk == page.pk):
        permissions = page.permissions_for_user(users["webmaster"])
        assert not permissions.can_edit() and not permissions.can_publish()
        other = page.get_parent().specific.permissions_for_user(users["webmaster"])
        assert other.can_edit()


def test_a_page_an_app_reports_awaiting_approval_cannot_be_published_around_it(demo_site, users):
    page = history_page(demo_site)
    with hooks.register_temporarily("prongsai_page_awaits_approval", lambda p: True):
        permissions = page.permissions_for_user(users["webmaster"])
        assert permissions.can_edit() and not permissions.can_publish()
    assert page.permissions_for_user(users["webmaster"]).can_publish()
