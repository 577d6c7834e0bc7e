import pytest


@pytest.fixture
def new_agency(db):
    """Agency B, made the supported way, with a first agency admin who has no password yet."""
    from prongsai.platform.provision import create_agency

    return create_agency(
        "องค์การบริหารส่วนตำบลบ้านใหม่",
        "อบต.บ้านใหม่",
        "banmai.example",
        admin_username="banmai-admin",
        admin_email="admin@banmai.example",
    )


@pytest.fixture
def staff_of(db):
    """A new account holding `role` in the agency of `site`, with a usable password."""
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import AgencyRole

    def make(site, role, username):
        user = get_user_model().objects.create_user(username, password="x-pass-12345")
        user.groups.add(AgencyRole.objects.get(site=site, role=role).group)
        return user

    return make


@pytest.fixture(autouse=True)
def agency_hosts_allowed(settings):
    """Each agency's host name is in ALLOWED_HOSTS on a real install (see docs/agencies.md)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".example"]
