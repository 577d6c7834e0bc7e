"""Who sees which requests: staff with a role in an agency see its requests; a requester
sees their own."""

from django.db.models import Q

from prongsai.agencies.models import AgencyRole, Role
from prongsai.agencies.roles import holds_role
from prongsai.publishing.models import PublicationRequest

OVERSEEING_ROLES = [Role.APPROVER, Role.WEBMASTER, Role.EXECUTIVE, Role.AGENCY_ADMIN]


def overseen_sites(user):
    return AgencyRole.objects.filter(group__user=user, role__in=OVERSEEING_ROLES).values("site")


def visible_requests(user):
    requests = PublicationRequest.objects.select_related("site", "department", "category")
    if user.is_superuser:
        return requests
    return requests.filter(Q(site__in=overseen_sites(user)) | Q(requester=user)).distinct()


def agency_of(user):
    """The agency a member of staff submits requests to (their first)."""
    from wagtail.models import Site

    if user.is_superuser:
        return Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    role = AgencyRole.objects.filter(group__user=user).select_related("site").first()
    if role:
        return role.site
    membership = user.department_memberships.select_related("department__site").first()
    return membership.department.site if membership else None


def oversees(user, site, roles=OVERSEEING_ROLES):
    return holds_role(user, site, roles)
