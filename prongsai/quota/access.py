"""Who sees an agency's storage: its webmasters, agency administrators and executives (and
platform administrators). Requesters and approvers do not; nobody sees another agency's.

| role | meter on the dashboard, /admin/storage/ | links to edit the files |
|---|---|---|
| webmaster, agency admin | own agency | yes |
| executive | own agency (read only) | no |
| approver, requester, other agencies | nothing | nothing |
"""

from wagtail.models import Site

from prongsai.agencies.models import AgencyRole, Role

VIEW_ROLES = [Role.WEBMASTER, Role.AGENCY_ADMIN, Role.EXECUTIVE]
FILE_ROLES = [Role.WEBMASTER, Role.AGENCY_ADMIN]


def _has(user, site, roles):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return AgencyRole.objects.filter(group__user=user, site=site, role__in=roles).exists()


def can_view(user, site):
    return _has(user, site, VIEW_ROLES)


def can_manage_files(user, site):
    return _has(user, site, FILE_ROLES)


def viewable_sites(user):
    if not user.is_authenticated:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all().order_by("-is_default_site", "site_name")
    return (
        Site.objects.filter(agency_roles__group__user=user, agency_roles__role__in=VIEW_ROLES)
        .distinct()
        .order_by("site_name")
    )


def default_site(user):
    """The agency whose meter the dashboard shows: the default site for platform admins,
    otherwise the first agency the user may see."""
    sites = viewable_sites(user)
    if user.is_authenticated and user.is_superuser:
        return sites.filter(is_default_site=True).first() or sites.first()
    return sites.first()
