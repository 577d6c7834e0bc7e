"""Who may use the trash: the webmasters and agency admins of the agency the item belongs to
(and platform admins). Requesters, approvers, executives and other agencies may not."""

from wagtail.models import Page

from prongsai.agencies.roles import RUNNING_ROLES, holds_role, sites_with_roles

MANAGE_ROLES = RUNNING_ROLES


def can_manage(user, site):
    return holds_role(user, site, MANAGE_ROLES)


def managed_sites(user):
    return sites_with_roles(user, MANAGE_ROLES)


def site_of(obj):
    """The agency a page, document or image belongs to (None when it belongs to none)."""
    from prongsai.agencies.collections import site_for_object

    if isinstance(obj, Page):
        return obj.get_site()
    return site_for_object(obj)
