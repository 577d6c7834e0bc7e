"""Which accounts and groups a person may manage in the admin (Admin → ผู้ใช้, กลุ่ม).

An account belongs to an agency when it holds one of the agency's role groups, its department
groups or a department membership. An agency administrator manages the accounts that belong
to the agencies they administer *and to nothing else*: never a platform administrator
(superuser), never an account that also belongs to another agency or holds a group of no
agency (such a group may carry rights across agencies), never one with permissions given to
the account itself. Those are left to platform administrators, who manage everything.

The rule is applied through Wagtail's permission policies (registered by
``prongsai.agencies.users_app``) and the users admin views in ``user_admin.py``.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import Site
from wagtail.permission_policies.base import ModelPermissionPolicy

from prongsai.agencies.models import Role
from prongsai.agencies.roles import sites_with_roles


def _is_platform_admin(user):
    return user.is_authenticated and user.is_active and user.is_superuser


def administered_agencies(user):
    """The agencies whose accounts the user manages (every agency for platform admins)."""
    return sites_with_roles(user, [Role.AGENCY_ADMIN])


def agency_groups(sites):
    """The groups that belong to one of `sites`: their role groups and department groups."""
    return Group.objects.filter(
        Q(agency_role__site__in=sites) | Q(editing_department__site__in=sites)
    ).distinct()


def role_groups(sites):
    """The role groups of `sites`: the groups an agency administrator ticks on an account."""
    return Group.objects.filter(agency_role__site__in=sites).order_by("name")


def _belongs_to(sites):
    return Q(groups__in=agency_groups(sites)) | Q(
        department_memberships__department__site__in=sites
    )


def manageable_users(user):
    """The accounts the user may see and change in the users admin."""
    User = get_user_model()
    if _is_platform_admin(user):
        return User._default_manager.all()
    sites = administered_agencies(user)
    if not sites.exists():
        return User._default_manager.none()
    other_sites = Site.objects.exclude(pk__in=sites.values("pk"))
    outside = (
        User._default_manager.filter(
            _belongs_to(other_sites)
            | Q(groups__in=Group.objects.exclude(pk__in=agency_groups(sites).values("pk")))
            | Q(user_permissions__isnull=False)
        )
        .values("pk")
        .distinct()
    )
    inside = User._default_manager.filter(_belongs_to(sites)).values("pk")
    return User._default_manager.filter(pk__in=inside, is_superuser=False).exclude(pk__in=outside)


def may_manage(user, account):
    return manageable_users(user).filter(pk=account.pk).exists()


def assignable_groups(user):
    """The groups the user may give or take away on an account."""
    if _is_platform_admin(user):
        return Group.objects.order_by("name")
    return role_groups(administered_agencies(user))


def visible_groups(user):
    """The groups the user may see on accounts (e.g. the users list filter)."""
    if _is_platform_admin(user):
        return Group.objects.order_by("name")
    return agency_groups(administered_agencies(user)).order_by("name")


class AgencyAccountsPermissionPolicy(ModelPermissionPolicy):
    """The user model's permissions (add/change/delete) hold only on manageable accounts."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_manage(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return manageable_users(user)
        return self.model._default_manager.none()

    def users_with_any_permission_for_instance(self, actions, instance):
        candidates = self.users_with_any_permission(actions)
        return candidates.filter(pk__in=[u.pk for u in candidates if may_manage(u, instance)])


class PlatformAdminsOnlyPermissionPolicy(ModelPermissionPolicy):
    """Groups carry permissions on every agency: only platform admins edit them."""

    def user_has_permission(self, user, action):
        return _is_platform_admin(user)

    def users_with_any_permission(self, actions):
        return get_user_model()._default_manager.filter(is_active=True, is_superuser=True)
