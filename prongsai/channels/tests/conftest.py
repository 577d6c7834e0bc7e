import pytest


@pytest.fixture(autouse=True)
def no_demo_notifications(db):
    """The demo agency's publishing requests leave notifications behind; start each test with
    none, so counts here are those of the test (rolled back afterwards)."""
    from prongsai.channels.models import Notification

    Notification.objects.all().delete()


AGENCY_NAME = "เทศบาลตำบลทดสอบแจ้งเตือน"


@pytest.fixture
def agency(make_agency):
    return make_agency(name=AGENCY_NAME)


@pytest.fixture
def users(agency):
    """One person per role of a factory-built agency, a second webmaster and a platform
    admin: these tests never depend on the demo's people."""
    from prongsai.agencies.factories import UserFactory
    from prongsai.agencies.models import Role

    people = {role.value: agency.user(role) for role in Role}
    people["webmaster2"] = agency.user(Role.WEBMASTER)
    people["admin"] = UserFactory(is_superuser=True, is_staff=True)
    return people
