import pytest


@pytest.fixture(autouse=True)
def no_demo_notifications(db):
    """The demo agency's publishing requests leave notifications behind; start each test with
    none, so counts here are those of the test (rolled back afterwards)."""
    from prongsai.channels.models import Notification

    Notification.objects.all().delete()
