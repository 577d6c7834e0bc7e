"""Shared fixtures: the demo agency loaded once per test database, and a second agency to
try to cross into."""

import os

import pytest

os.environ.setdefault("PRONGSAI_MODE", "test")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the demo agency (loaded once, rolled back per test)."""
    from prongsai.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def demo_site(db):
    from prongsai.demo.loader import DemoBuilder

    return DemoBuilder().demo_site()


@pytest.fixture
def users(db):
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.all()}


@pytest.fixture
def other_agency(db):
    """A second agency on the same install, with its own home page, roles and a webmaster."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Collection, Page, Site

    from prongsai.agencies.models import AgencySettings, Department, Role
    from prongsai.agencies.roles import ensure_agency_roles
    from prongsai.site.models import HomePage, StandardPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="หน้าแรก", slug="other-agency"))
    site = Site.objects.create(hostname="other.example", port=80, root_page=home,
                               site_name="เทศบาลตำบลอื่น")
    settings = AgencySettings.for_site(site)
    settings.name_th = "เทศบาลตำบลอื่น"
    settings.save()
    collection = Collection.get_first_root_node().add_child(name="เทศบาลตำบลอื่น")
    groups = ensure_agency_roles(site, collection, "ทต.อื่น")
    department = Department.objects.create(site=site, name="กองคลัง ทต.อื่น")
    page = home.add_child(instance=StandardPage(title="ประวัติ ทต.อื่น", slug="history"))
    page.save_revision().publish()
    webmaster = get_user_model().objects.create_user("other-webmaster", password="x-pass-12345")
    webmaster.groups.add(groups[Role.WEBMASTER])
    return {"site": site, "home": home, "page": page, "webmaster": webmaster,
            "department": department, "collection": collection, "groups": groups}
