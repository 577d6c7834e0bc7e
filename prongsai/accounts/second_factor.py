"""The second factor: a TOTP app (django-otp's TOTP device) and ten recovery codes (its static
device). Once a user has set it up it is asked at every sign-in; PRONGSAI_SECOND_FACTOR_REQUIRED
(on in production) makes it compulsory for platform admins, agency admins and webmasters."""

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.agencies.models import AgencyRole
from prongsai.agencies.roles import RUNNING_ROLES

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def is_required(user):
    """Whether the user may not use the admin before setting up a second factor."""
    if not settings.PRONGSAI_SECOND_FACTOR_REQUIRED or settings.MODE == "demo":
        return False
    if user.is_superuser:
        return True
    return AgencyRole.objects.filter(group__user=user, role__in=RUNNING_ROLES).exists()


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def pending_authenticator(user):
    """The authenticator being set up (not yet confirmed by a code), made on first need."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def manual_key(device):
    """The secret as the apps ask for it when typed in (base32, in groups of four)."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


@transaction.atomic
def confirm(device, token):
    """Confirm the authenticator with a code from the app; returns the recovery codes (shown
    once) or None when the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return new_recovery_codes(device.user)


def new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def matching_device(user, token):
    """The device the code belongs to (a used recovery code is spent), or None."""
    token = "".join(str(token).split()).lower()
    if not token:
        return None
    # A six-digit code is the app's; anything else can only be a recovery code (trying it on
    # the app too would count as a wrong code there and slow the next right one down).
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, kind) and device.verify_token(token):
            return device
    return None


@transaction.atomic
def remove(user):
    """Remove every second factor of the user; returns whether there was one."""
    had = user_has_device(user, confirmed=None)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return had
