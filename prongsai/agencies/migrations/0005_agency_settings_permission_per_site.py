"""Agency settings used to be editable through a global permission, so a webmaster of one
agency could open another agency's settings. Move it to a per-Site permission."""

from django.db import migrations

ROLES_THAT_EDIT_SETTINGS = ("webmaster", "agency_admin")


def per_site(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    AgencyRole = apps.get_model("agencies", "AgencyRole")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    permission = Permission.objects.filter(
        content_type__app_label="agencies", codename="change_agencysettings"
    ).first()
    if permission is None:  # a fresh database: the roles are created with the right one
        return
    for role in AgencyRole.objects.filter(role__in=ROLES_THAT_EDIT_SETTINGS):
        role.group.permissions.remove(permission)
        GroupSitePermission.objects.get_or_create(
            group=role.group, site_id=role.site_id, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_keeping_current_settings"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(per_site, migrations.RunPython.noop)]
