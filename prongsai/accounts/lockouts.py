"""Failed sign-ins and current lockouts as the /admin/sign-ins/ screen shows them, and who
may see and unlock which usernames: platform admins every one, an agency administrator the
users holding a role in their own agencies."""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.agencies.models import Role
from prongsai.agencies.roles import sites_with_roles

MANAGING_ROLES = (Role.AGENCY_ADMIN,)
RECENT_FAILURES = 200


def managed_sites(user):
    """The agencies whose sign-ins the user looks after (all for platform admins)."""
    return sites_with_roles(user, MANAGING_ROLES)


def may_manage(user):
    return managed_sites(user).exists()


def managed_usernames(user):
    """The usernames the user may see and unlock; None means every username (platform admins,
    also names that belong to no account)."""
    if user.is_superuser:
        return None
    users = (
        get_user_model()
        .objects.filter(groups__agency_role__site__in=managed_sites(user))
        .distinct()
    )
    return set(users.values_list("username", flat=True))


def _limited(queryset, usernames):
    return queryset if usernames is None else queryset.filter(username__in=usernames)


def recent_failures(user):
    return _limited(AccessFailureLog.objects.all(), managed_usernames(user)).order_by(
        "-attempt_time"
    )[:RECENT_FAILURES]


def locked_until(attempt):
    return attempt.attempt_time + get_cool_off()


def current_lockouts(user=None):
    """Username + address pairs locked out now (the axes attempts at the limit, still within
    the cool-off), for `user`'s usernames."""
    since = timezone.now() - get_cool_off()
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    if user is not None:
        attempts = _limited(attempts, managed_usernames(user))
    return attempts


def may_unlock(user, username):
    usernames = managed_usernames(user)
    return may_manage(user) and (usernames is None or username in usernames)


def unlock(username):
    """Forget the failed tries of `username` from every address; returns how many rows went."""
    return reset(username=username)
