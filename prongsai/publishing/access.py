"""Who sees which requests: staff with a role in an agency see its requests; a requester
sees their own. Who files them: everyone of the agency's staff but the executive, who only
watches."""

from django.db.models import Q

from prongsai.agencies.models import AgencyRole, Role
from prongsai.agencies.roles import holds_role
from prongsai.publishing.models import PublicationRequest

OVERSEEING_ROLES = [Role.APPROVER, Role.WEBMASTER, Role.EXECUTIVE, Role.AGENCY_ADMIN]
FILING_ROLES = [Role.REQUESTER, Role.APPROVER, Role.WEBMASTER, Role.AGENCY_ADMIN]


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


def may_file_requests(user):
    """Whether the user may file publication requests (and so upload files with them): a role
    that works on content, or a department's staff member who holds no executive role."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    site = agency_of(user)
    if site is None:
        return False
    if holds_role(user, site, FILING_ROLES):
        return True
    in_department = user.department_memberships.filter(department__site=site).exists()
    return in_department and not holds_role(user, site, [Role.EXECUTIVE])
