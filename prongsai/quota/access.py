"""Who sees an agency's storage: its webmasters, agency administrators and executives (and
platform administrators). Requesters and approvers do not; nobody sees another agency's.

| role | meter on the dashboard, /admin/storage/ | links to edit the files |
|---|---|---|
| webmaster, agency admin | own agency | yes |
| executive | own agency (read only) | no |
| approver, requester, other agencies | nothing | nothing |
"""

from prongsai.agencies.roles import (
    OVERSEEING_ROLES,
    RUNNING_ROLES,
    holds_role,
    sites_with_roles,
)

VIEW_ROLES = OVERSEEING_ROLES
FILE_ROLES = RUNNING_ROLES


def can_view(user, site):
    return holds_role(user, site, VIEW_ROLES)


def can_manage_files(user, site):
    return holds_role(user, site, FILE_ROLES)


def viewable_sites(user):
    return sites_with_roles(user, VIEW_ROLES)


def default_site(user):
    """The agency whose meter the dashboard shows: the default site for platform admins,
    otherwise the first agency the user may see."""
    sites = viewable_sites(user)
    if user.is_authenticated and user.is_superuser:
        return sites.filter(is_default_site=True).first() or sites.first()
    return sites.first()
