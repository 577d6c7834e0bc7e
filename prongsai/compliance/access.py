"""Who may see and change ITA work: per agency, by role.

| role | checklist | catalogs |
|---|---|---|
| webmaster | see and edit (own agency) | read, correct for own agency |
| agency admin | see and edit, reopen a submitted checklist | read, correct for own agency |
| platform admin (superuser) | every agency | read, correct, import |
| executive | read-only (dashboard, checklist) | read |
| approver, requester, other agencies | nothing | nothing |
"""

from prongsai.agencies.models import Role
from prongsai.agencies.roles import (
    OVERSEEING_ROLES,
    RUNNING_ROLES,
    holds_role,
    sites_with_roles,
)

VIEW_ROLES = OVERSEEING_ROLES
EDIT_ROLES = RUNNING_ROLES


def can_view(user, site):
    return holds_role(user, site, VIEW_ROLES)


def can_edit(user, site):
    return holds_role(user, site, EDIT_ROLES)


def can_reopen(user, site):
    return holds_role(user, site, [Role.AGENCY_ADMIN])


def viewable_sites(user):
    return sites_with_roles(user, VIEW_ROLES)


def can_see_catalogs(user):
    return user.is_authenticated and (user.is_superuser or viewable_sites(user).exists())


def can_correct_for_agency(user, site):
    """An agency's own corrections of catalog items show only on its own checklist and public
    ITA page, so the people who run its checklist keep them."""
    return can_edit(user, site)


def can_manage_catalogs(user):
    """Catalogs are shared by every agency on the install, so a change shows on every
    agency's public /ita/: platform admins only."""
    return user.is_authenticated and user.is_active and user.is_superuser
