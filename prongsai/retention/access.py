"""Who may see and act on the currency dashboard and the campaigns, per agency.

| role | currency dashboard, rules | campaigns |
|---|---|---|
| webmaster, agency admin | see and act | create, announce, carry out, purge |
| executive | see | see |
| department member | — | mark their department's items to keep |
| other agencies | nothing | nothing |
"""

from wagtail.models import Site

from prongsai.agencies.roles import (
    OVERSEEING_ROLES,
    RUNNING_ROLES,
    holds_role,
    sites_with_roles,
)

VIEW_ROLES = OVERSEEING_ROLES
ACT_ROLES = RUNNING_ROLES


def can_view(user, site):
    return holds_role(user, site, VIEW_ROLES)


def can_act(user, site):
    return holds_role(user, site, ACT_ROLES)


def viewable_sites(user):
    return sites_with_roles(user, VIEW_ROLES)


def member_sites(user):
    """Agencies where the user belongs to a department (campaign decisions)."""
    if not user.is_authenticated:
        return Site.objects.none()
    return Site.objects.filter(departments__members__user=user).distinct()
