"""Requesters used to hold change_document / change_image on the whole agency collection, so
they could replace, retitle or move any department's file, even one a live page links. They
now change only their own files that are not public yet (prongsai.disclosures.permissions);
take the old permission back from the groups existing agencies already have."""

from django.db import migrations

TAKEN_BACK = {"wagtaildocs": "change_document", "wagtailimages": "change_image"}


def take_back_change_permissions(apps, schema_editor):
    AgencyRole = apps.get_model("agencies", "AgencyRole")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = AgencyRole.objects.filter(role="requester").values("group")
    for app_label, codename in TAKEN_BACK.items():
        GroupCollectionPermission.objects.filter(
            group__in=groups,
            permission__content_type__app_label=app_label,
            permission__codename=codename,
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_agency_settings_permission_per_site"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(take_back_change_permissions, migrations.RunPython.noop)]
