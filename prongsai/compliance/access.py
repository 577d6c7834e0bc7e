"""Who may see and change ITA work: per agency, by role.

| role | checklist | catalogs |
|---|---|---|
| webmaster | see and edit (own agency) | read |
| agency admin | see and edit, reopen a submitted checklist | read, correct, import |
| executive | read-only (dashboard, checklist) | read |
| approver, requester, other agencies | nothing | nothing |
"""

from wagtail.models import Site

from prongsai.agencies.models import AgencyRole, Role

VIEW_ROLES = [Role.WEBMASTER, Role.AGENCY_ADMIN, Role.EXECUTIVE]
EDIT_ROLES = [Role.WEBMASTER, Role.AGENCY_ADMIN]


def _has(user, site, roles):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return AgencyRole.objects.filter(group__user=user, site=site, role__in=roles).exists()


def can_view(user, site):
    return _has(user, site, VIEW_ROLES)


def can_edit(user, site):
    return _has(user, site, EDIT_ROLES)


def can_reopen(user, site):
    return _has(user, site, [Role.AGENCY_ADMIN])


def viewable_sites(user):
    if not user.is_authenticated:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all().order_by("-is_default_site", "site_name")
    return Site.objects.filter(
        agency_roles__group__user=user, agency_roles__role__in=VIEW_ROLES
    ).distinct()


def can_see_catalogs(user):
    return user.is_authenticated and (user.is_superuser or viewable_sites(user).exists())


def can_manage_catalogs(user):
    """Catalogs are shared by every agency on the install: agency admins and platform admins."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or AgencyRole.objects.filter(group__user=user, role=Role.AGENCY_ADMIN).exists()
    )
