"""Who may see and act on the currency dashboard and the campaigns, per agency.

| role | currency dashboard, rules | campaigns |
|---|---|---|
| webmaster, agency admin | see and act | create, announce, carry out, purge |
| executive | see | see |
| department member | — | mark their department's items to keep |
| other agencies | nothing | nothing |
"""

from wagtail.models import Site

from prongsai.agencies.models import Role
from prongsai.publishing.access import oversees

VIEW_ROLES = [Role.WEBMASTER, Role.AGENCY_ADMIN, Role.EXECUTIVE]
ACT_ROLES = [Role.WEBMASTER, Role.AGENCY_ADMIN]


def can_view(user, site):
    return user.is_authenticated and oversees(user, site, VIEW_ROLES)


def can_act(user, site):
    return user.is_authenticated and oversees(user, site, ACT_ROLES)


def viewable_sites(user):
    if not user.is_authenticated:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all().order_by("-is_default_site", "site_name")
    return Site.objects.filter(
        agency_roles__group__user=user, agency_roles__role__in=VIEW_ROLES
    ).distinct()


def member_sites(user):
    """Agencies where the user belongs to a department (campaign decisions)."""
    if not user.is_authenticated:
        return Site.objects.none()
    return Site.objects.filter(departments__members__user=user).distinct()


def chosen_site(request, sites):
    wanted = request.GET.get("site") or request.POST.get("site")
    if wanted and str(wanted).isdigit():
        site = sites.filter(pk=int(wanted)).first()
        if site is not None:
            return site
    return sites.filter(is_default_site=True).first() or sites.first()
