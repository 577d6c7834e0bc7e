"""Wagtail's users app with Prongsai's users and groups admin (see ``accounts.py``).

Listed in INSTALLED_APPS in place of "wagtail.users"; it keeps that app's name and label, so
Wagtail's templates, migrations and hooks stay as they are.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class AgencyUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "prongsai.agencies.user_admin.AgencyUserViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from prongsai.agencies.accounts import (
            AgencyAccountsPermissionPolicy,
            PlatformAdminsOnlyPermissionPolicy,
        )

        User = get_user_model()
        register_permission_policy(User, AgencyAccountsPermissionPolicy(User))
        register_permission_policy(Group, PlatformAdminsOnlyPermissionPolicy(Group))
