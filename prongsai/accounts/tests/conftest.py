import pytest
from django_otp.oath import totp

DEMO_PASSWORD = "prongsai-demo"
WRONG_PASSWORD = "not-the-password"


@pytest.fixture
def agency_admin(demo_site):
    """An agency administrator of the demo agency who is not a platform admin."""
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import AgencyRole, Role

    user = get_user_model().objects.create_user("agency-admin", password="agency-pass-12345")
    user.groups.add(AgencyRole.objects.get(site=demo_site, role=Role.AGENCY_ADMIN).group)
    return user


def sign_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def code_for(device):
    """The code the authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def authenticator():
    """A confirmed authenticator (and ten recovery codes) for `user`; returns (device, codes)."""
    from prongsai.accounts import second_factor

    def make(user):
        device = second_factor.pending_authenticator(user)
        device.confirmed = True
        device.save()
        return device, second_factor.new_recovery_codes(user)

    return make
