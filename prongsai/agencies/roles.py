"""Roles as Django groups, one set per agency, with Wagtail permissions on that agency only.

Each agency gets its own groups (e.g. "อบต.หนองน้ำใส: ผู้ดูแลเว็บไซต์") whose page permissions
are on the agency's root page and whose document/image permissions are on the agency's
collection, so a role never reaches another agency's content.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

from prongsai.agencies.models import AgencyRole, Role

ROLE_NAMES_TH = {
    Role.REQUESTER: "เจ้าหน้าที่เจ้าของข้อมูล",
    Role.APPROVER: "ผู้อนุมัติรับรองข้อมูล",
    Role.WEBMASTER: "ผู้ดูแลเว็บไซต์",
    Role.EXECUTIVE: "ผู้บริหาร",
    Role.AGENCY_ADMIN: "ผู้ดูแลระบบของหน่วยงาน",
}

# Requesters draft only in their department's sections (see sync_department_editors) and
# otherwise go through the request form, which creates the draft for them.
PAGE_PERMISSIONS = {
    Role.REQUESTER: [],
    Role.APPROVER: [],
    Role.WEBMASTER: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    Role.EXECUTIVE: [],
}
# The agency admin works on pages, files and settings as the webmaster does, and also
# manages accounts and removes departments (MODEL_PERMISSIONS).
PAGE_PERMISSIONS[Role.AGENCY_ADMIN] = PAGE_PERMISSIONS[Role.WEBMASTER]

# Requesters hold no change_document / change_image: they change only their own files that are
# not public yet (prongsai.disclosures.permissions, on top of Wagtail's ownership rule).
COLLECTION_PERMISSIONS = {
    Role.REQUESTER: [
        "add_document",
        "choose_document",
        "add_image",
        "choose_image",
    ],
    Role.APPROVER: ["choose_document", "choose_image"],
    Role.WEBMASTER: [
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
    ],
    Role.EXECUTIVE: [],
}
COLLECTION_PERMISSIONS[Role.AGENCY_ADMIN] = COLLECTION_PERMISSIONS[Role.WEBMASTER]

MODEL_PERMISSIONS = {
    Role.REQUESTER: [],
    Role.APPROVER: [],
    Role.WEBMASTER: [
        "agencies.add_department",
        "agencies.change_department",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
    Role.EXECUTIVE: [],
}
MODEL_PERMISSIONS[Role.AGENCY_ADMIN] = [
    *MODEL_PERMISSIONS[Role.WEBMASTER],
    "agencies.delete_department",
    "auth.add_user",
    "auth.change_user",
]

# Given for the agency's own Site only (Wagtail's GroupSitePermission): a global permission
# would let one agency's webmaster edit every agency's settings.
SITE_PERMISSIONS = {Role.WEBMASTER: ["agencies.change_agencysettings"]}
SITE_PERMISSIONS[Role.AGENCY_ADMIN] = SITE_PERMISSIONS[Role.WEBMASTER]


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _wagtail_permission(codename):
    """Page, document and image permissions as Wagtail checks them: documents against
    wagtaildocs.Document even with a custom document model."""
    app_label = {"page": "wagtailcore", "document": "wagtaildocs", "image": "wagtailimages"}[
        codename.rsplit("_", 1)[1]
    ]
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _remove_stale_collection_permissions(group, wanted):
    """A permission a role no longer has is taken back from groups made by older versions."""
    managed = {codename for codenames in COLLECTION_PERMISSIONS.values() for codename in codenames}
    GroupCollectionPermission.objects.filter(
        group=group,
        permission__content_type__app_label__in=["wagtaildocs", "wagtailimages"],
        permission__codename__in=managed - set(wanted),
    ).delete()


@transaction.atomic
def ensure_agency_roles(site, collection, agency_label):
    """Create (or bring up to date) the five role groups of one agency; returns {role: group}."""
    groups = {}
    access_admin = _permission("wagtailadmin.access_admin")
    for role in Role:
        agency_role = (
            AgencyRole.objects.filter(site=site, role=role).select_related("group").first()
        )
        name = f"{agency_label}: {ROLE_NAMES_TH[role]}"
        if agency_role is None:
            group, _ = Group.objects.get_or_create(name=name)
            AgencyRole.objects.create(site=site, role=role, group=group)
        else:
            group = agency_role.group
        group.permissions.add(access_admin, *[_permission(p) for p in MODEL_PERMISSIONS[role]])
        for codename in PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=site.root_page, permission=_wagtail_permission(codename)
            )
        for codename in COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_wagtail_permission(codename)
            )
        _remove_stale_collection_permissions(group, COLLECTION_PERMISSIONS[role])
        for dotted in SITE_PERMISSIONS.get(role, []):
            permission = _permission(dotted)
            group.permissions.remove(permission)  # from installs that granted it globally
            GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)
        groups[role] = group
    return groups


# Who runs an agency's site (acts on it), and who oversees it (sees its dashboards): the two
# sets most apps' access rules are made of.
RUNNING_ROLES = (Role.WEBMASTER, Role.AGENCY_ADMIN)
OVERSEEING_ROLES = (*RUNNING_ROLES, Role.EXECUTIVE)


def holds_role(user, site, roles):
    """Whether the user holds one of `roles` in this agency; platform admins hold them all.
    The one check behind every app's access rules (compliance, retention, trash, quota)."""
    if site is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return AgencyRole.objects.filter(group__user=user, site=site, role__in=roles).exists()


def sites_with_roles(user, roles):
    """The agencies in which the user holds one of `roles` (every agency for platform
    admins, the default one first)."""
    from wagtail.models import Site

    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all().order_by("-is_default_site", "site_name")
    return (
        Site.objects.filter(agency_roles__group__user=user, agency_roles__role__in=roles)
        .distinct()
        .order_by("site_name")
    )


DEPARTMENT_PAGE_PERMISSIONS = ["add_page", "change_page"]


@transaction.atomic
def sync_department_editors(department):
    """One group per department: its members may add and edit pages in the department's
    sections (and only there); publishing still needs a webmaster."""
    group = department.editors_group
    name = f"{department.site.site_name or department.site.hostname}: {department.name}"[:150]
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
        type(department).objects.filter(pk=department.pk).update(editors_group=group)
        department.editors_group = group
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    group.permissions.add(_permission("wagtailadmin.access_admin"))
    wanted = {page.pk for page in department.sections.all()}
    permissions = [_wagtail_permission(c) for c in DEPARTMENT_PAGE_PERMISSIONS]
    GroupPagePermission.objects.filter(group=group).exclude(page_id__in=wanted).delete()
    for page_id in wanted:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=permission
            )
    members = {m.user_id for m in department.members.all()}
    current = set(group.user_set.values_list("pk", flat=True))
    group.user_set.remove(*(current - members))
    group.user_set.add(*(members - current))
    return group
