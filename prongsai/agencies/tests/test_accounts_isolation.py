"""An agency admin manages only its own agency's accounts (Admin → ผู้ใช้, กลุ่ม)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from prongsai.agencies.models import AgencyRole, Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Takeover-pass-2569"


def _role_group(site, role):
    return AgencyRole.objects.get(site=site, role=role).group


@pytest.fixture
def a_admin(demo_site):
    """A's agency administrator: not a platform admin."""
    user = get_user_model().objects.create_user(
        "a-admin", email="a-admin@nongnamsai.go.th", password="a-pass-12345"
    )
    user.groups.add(_role_group(demo_site, Role.AGENCY_ADMIN))
    return user


@pytest.fixture
def b_user(other_agency):
    user = other_agency["webmaster"]
    user.email = "webmaster@other.example"
    user.first_name, user.last_name = "สมศรี", "อีกแห่ง"
    user.save()
    return user


def _snapshot(user):
    user = type(user).objects.get(pk=user.pk)
    return {
        "password": user.password,
        "email": user.email,
        "first_name": user.first_name,
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "groups": set(user.groups.values_list("pk", flat=True)),
    }


def _url(view, user):
    return reverse(f"wagtailusers_users:{view}", args=[user.pk])


def _edit_data(user, **changes):
    data = {
        "username": user.username,
        "email": user.email or "someone@example.com",
        "first_name": user.first_name or "ชื่อ",
        "last_name": user.last_name or "สกุล",
        "password1": "",
        "password2": "",
        "is_active": "on",
        # the role groups, as the form offers them (department groups are kept aside)
        "groups": list(user.groups.filter(agency_role__isnull=False).values_list("pk", flat=True)),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _bulk_url(action, *accounts):
    url = reverse("wagtail_bulk_action", args=["auth", "user", action])
    return url + "?" + "&".join(f"id={account.pk}" for account in accounts)


def test_list_shows_own_agency_users_only(client, a_admin, b_user, users):
    client.force_login(a_admin)
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert users["webmaster"].username in listing
    assert b_user.username not in listing
    assert "สมศรี" not in listing
    assert _url("edit", users["admin"]) not in listing
    assert _url("edit", b_user) not in listing
    searched = client.get(reverse("wagtailusers_users:index"), {"q": "other"}).content.decode()
    assert b_user.username not in searched


def test_list_filter_offers_no_other_agency_group(client, a_admin, other_agency):
    client.force_login(a_admin)
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert other_agency["groups"][Role.WEBMASTER].name not in listing


def test_cannot_open_or_change_other_agency_user(client, a_admin, b_user):
    before = _snapshot(b_user)
    client.force_login(a_admin)
    for view in ("edit", "delete", "history", "copy", "usage"):
        assert b_user.username not in client.get(_url(view, b_user)).content.decode()
    client.post(
        _url("edit", b_user),
        _edit_data(
            b_user,
            email="attacker@example.com",
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
            is_active=None,
            is_superuser="on",
        ),
    )
    client.post(_url("delete", b_user))
    assert _snapshot(b_user) == before


def test_cannot_take_over_a_platform_admin(client, a_admin, users):
    superuser = users["admin"]
    before = _snapshot(superuser)
    client.force_login(a_admin)
    assert client.get(_url("edit", superuser)).status_code == 404
    client.post(
        _url("edit", superuser),
        _edit_data(superuser, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    )
    assert _snapshot(superuser) == before


def test_user_who_also_belongs_to_another_agency_is_left_alone(
    client, a_admin, users, other_agency
):
    both = users["approver"]
    both.groups.add(other_agency["groups"][Role.APPROVER])
    before = _snapshot(both)
    client.force_login(a_admin)
    assert both.username not in client.get(reverse("wagtailusers_users:index")).content.decode()
    client.post(
        _url("edit", both), _edit_data(both, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    )
    assert _snapshot(both) == before


def test_bulk_actions_skip_other_agency_users(client, a_admin, b_user, users, other_agency):
    before = _snapshot(b_user)
    superuser_before = _snapshot(users["admin"])
    client.force_login(a_admin)
    page = client.get(_bulk_url("set_active_state", b_user, users["admin"]))
    assert b_user.username not in page.content.decode()
    client.post(_bulk_url("set_active_state", b_user, users["admin"]), {"mark_as_active": "False"})
    client.post(
        _bulk_url("assign_role", b_user),
        {"role": _role_group(other_agency["site"], Role.AGENCY_ADMIN).pk},
    )
    client.post(_bulk_url("delete", b_user))
    assert _snapshot(b_user) == before
    assert _snapshot(users["admin"]) == superuser_before


def test_cannot_give_anyone_another_agencys_group(client, a_admin, users, other_agency):
    b_admin_group = other_agency["groups"][Role.AGENCY_ADMIN]
    webmaster = users["webmaster"]
    before_self, before_webmaster = _snapshot(a_admin), _snapshot(webmaster)
    client.force_login(a_admin)

    for account in (a_admin, webmaster):
        data = _edit_data(account)
        data["groups"] = [*data["groups"], b_admin_group.pk]
        client.post(_url("edit", account), data)
    client.post(_bulk_url("assign_role", webmaster), {"role": b_admin_group.pk})

    assert _snapshot(a_admin) == before_self
    assert _snapshot(webmaster) == before_webmaster
    assert not b_admin_group.user_set.exists()


def test_cannot_make_anyone_a_platform_admin(client, a_admin, users):
    webmaster = users["webmaster"]
    client.force_login(a_admin)
    form = client.get(_url("edit", webmaster)).content.decode()
    assert 'name="is_superuser"' not in form
    assert (
        'name="is_superuser"' not in client.get(reverse("wagtailusers_users:add")).content.decode()
    )
    client.post(_url("edit", webmaster), _edit_data(webmaster, is_superuser="on"))
    client.post(_url("edit", a_admin), _edit_data(a_admin, is_superuser="on"))
    assert (
        not get_user_model()
        .objects.filter(pk__in=[webmaster.pk, a_admin.pk], is_superuser=True)
        .exists()
    )


def test_manages_own_agency_users(client, a_admin, users, demo_site):
    webmaster = users["webmaster"]
    client.force_login(a_admin)
    response = client.post(
        _url("edit", webmaster),
        _edit_data(
            webmaster,
            email="new-address@nongnamsai.go.th",
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
            is_active=None,
        ),
    )
    assert response.status_code == 302
    webmaster.refresh_from_db()
    assert webmaster.email == "new-address@nongnamsai.go.th"
    assert webmaster.check_password(NEW_PASSWORD)
    assert not webmaster.is_active


def test_new_account_belongs_to_the_admins_agency_only(client, a_admin, demo_site, other_agency):
    requester_group = _role_group(demo_site, Role.REQUESTER)
    client.force_login(a_admin)
    data = {
        "username": "new-staff",
        "email": "new-staff@nongnamsai.go.th",
        "first_name": "ใหม่",
        "last_name": "เจ้าหน้าที่",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "is_superuser": "on",
        "groups": [requester_group.pk, other_agency["groups"][Role.WEBMASTER].pk],
    }
    client.post(reverse("wagtailusers_users:add"), data)
    assert not get_user_model().objects.filter(username="new-staff").exists()

    data["groups"] = [requester_group.pk]
    client.post(reverse("wagtailusers_users:add"), data)
    created = get_user_model().objects.get(username="new-staff")
    assert not created.is_superuser
    assert set(created.groups.all()) == {requester_group}


def test_new_account_without_a_role_is_refused_in_thai(client, a_admin):
    client.force_login(a_admin)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "no-role",
            "email": "no-role@nongnamsai.go.th",
            "first_name": "ไม่มี",
            "last_name": "บทบาท",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert "เลือกบทบาทในหน่วยงานของท่านให้บัญชีนี้อย่างน้อยหนึ่งบทบาท" in response.content.decode()
    assert not get_user_model().objects.filter(username="no-role").exists()


def test_editing_keeps_groups_the_admin_does_not_manage(client, a_admin, users, demo_site):
    """The requester is in กองคลัง's department group, which the department screen manages."""
    requester = users["requester"]
    department_groups = set(
        requester.groups.exclude(agency_role__isnull=False).values_list("pk", flat=True)
    )
    assert department_groups
    client.force_login(a_admin)
    approver_group = _role_group(demo_site, Role.APPROVER)
    response = client.post(
        _url("edit", requester), _edit_data(requester, groups=[approver_group.pk])
    )
    assert response.status_code == 302
    assert set(requester.groups.values_list("pk", flat=True)) == department_groups | {
        approver_group.pk
    }


def test_groups_admin_is_for_platform_admins(client, a_admin, demo_site, users):
    group = _role_group(demo_site, Role.WEBMASTER)
    permissions = set(group.permissions.values_list("pk", flat=True))
    a_admin.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["change_group", "delete_group"]
        )
    )
    client.force_login(a_admin)
    assert group.name not in client.get(reverse("wagtailusers_groups:index")).content.decode()
    client.post(
        reverse("wagtailusers_groups:edit", args=[group.pk]), {"name": "ยึดแล้ว", "permissions": []}
    )
    client.post(reverse("wagtailusers_groups:delete", args=[group.pk]))
    group.refresh_from_db()
    assert group.name != "ยึดแล้ว"
    assert set(group.permissions.values_list("pk", flat=True)) == permissions

    client.force_login(users["admin"])
    assert group.name in client.get(reverse("wagtailusers_groups:index")).content.decode()


def test_platform_admin_manages_every_agencys_accounts(client, users, b_user, other_agency):
    client.force_login(users["admin"])
    assert b_user.username in client.get(reverse("wagtailusers_users:index")).content.decode()
    edit = client.get(_url("edit", b_user)).content.decode()
    assert 'name="is_superuser"' in edit
    response = client.post(_url("edit", b_user), _edit_data(b_user, email="changed@other.example"))
    assert response.status_code == 302
    b_user.refresh_from_db()
    assert b_user.email == "changed@other.example"


def test_wagtail_default_groups_are_gone(db):
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


def test_default_group_with_members_loses_its_rights_but_keeps_them(demo_site, users):
    """On an install where someone was put in Wagtail's "Moderators" before the upgrade."""
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import GroupPagePermission

    migration = import_module("prongsai.agencies.migrations.0007_remove_wagtail_default_groups")
    moderators = Group.objects.create(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=moderators,
        page=demo_site.root_page,
        permission=Permission.objects.get(codename="publish_page"),
    )
    moderators.user_set.add(users["executive"])
    Group.objects.create(name="Editors")

    migration.remove_default_groups(apps, None)

    assert not Group.objects.filter(name="Editors").exists()
    moderators.refresh_from_db()
    assert list(moderators.user_set.all()) == [users["executive"]]
    assert not moderators.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not demo_site.root_page.permissions_for_user(users["executive"]).can_publish()
