"""Who may use the trash: the webmasters and agency admins of the agency the item belongs to
(and platform admins). Requesters, approvers, executives and other agencies may not."""

from wagtail.models import Page, Site

from prongsai.agencies.models import AgencyRole, Role

MANAGE_ROLES = [Role.WEBMASTER, Role.AGENCY_ADMIN]


def can_manage(user, site):
    if site is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return AgencyRole.objects.filter(group__user=user, site=site, role__in=MANAGE_ROLES).exists()


def managed_sites(user):
    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all().order_by("-is_default_site", "site_name")
    return Site.objects.filter(
        agency_roles__group__user=user, agency_roles__role__in=MANAGE_ROLES
    ).distinct()


def site_of(obj):
    """The agency a page, document or image belongs to (None when it belongs to none)."""
    from prongsai.agencies.collections import site_for_object

    if isinstance(obj, Page):
        return obj.get_site()
    return site_for_object(obj)
