"""Wagtail's first migrations create the groups "Moderators" and "Editors" with page,
document and image rights on the whole tree, that is on every agency. Anyone put in them
could publish in every agency. Delete them when nobody is in them; otherwise take away all
their rights (the members keep their accounts, a platform admin gives them an agency role)."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    AgencyRole = apps.get_model("agencies", "AgencyRole")
    Department = apps.get_model("agencies", "Department")
    ours = set(AgencyRole.objects.values_list("group_id", flat=True)) | set(
        Department.objects.exclude(editors_group=None).values_list("editors_group_id", flat=True)
    )
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exclude(pk__in=ours):
        if not group.user_set.exists():
            group.delete()
            continue
        group.permissions.clear()
        for model in ("GroupPagePermission", "GroupCollectionPermission", "GroupSitePermission"):
            apps.get_model("wagtailcore", model).objects.filter(group=group).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0006_requesters_change_only_their_own_files"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
