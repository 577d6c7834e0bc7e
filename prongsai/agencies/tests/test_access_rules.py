"""The one rule behind every app's access checks (agencies.roles, agencies.scope): who holds
a role in which agency, and which rows that lets them reach."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from prongsai.agencies.factories import DepartmentFactory, DepartmentMemberFactory, UserFactory
from prongsai.agencies.models import Department, Role
from prongsai.agencies.roles import (
    OVERSEEING_ROLES,
    RUNNING_ROLES,
    holds_role,
    sites_with_roles,
    sync_department_editors,
)
from prongsai.agencies.scope import agency_sites, limit_to_sites, limit_to_user, user_may_reach

pytestmark = pytest.mark.django_db


def test_a_role_counts_in_its_own_agency_only(make_agency):
    ours, theirs = make_agency(), make_agency()
    executive = ours.user(Role.EXECUTIVE)
    assert holds_role(executive, ours.site, OVERSEEING_ROLES)
    assert not holds_role(executive, ours.site, RUNNING_ROLES)
    assert not holds_role(executive, theirs.site, OVERSEEING_ROLES)
    assert not holds_role(executive, None, OVERSEEING_ROLES)
    assert list(sites_with_roles(executive, OVERSEEING_ROLES)) == [ours.site]
    assert not sites_with_roles(executive, RUNNING_ROLES).exists()


def test_a_signed_out_or_disabled_person_holds_nothing(agency):
    from django.contrib.auth.models import AnonymousUser

    disabled = agency.user(Role.WEBMASTER, is_active=False)
    for person in (AnonymousUser(), disabled):
        assert not holds_role(person, agency.site, RUNNING_ROLES)
        assert not sites_with_roles(person, RUNNING_ROLES).exists()
        assert not agency_sites(person).exists()
        assert not limit_to_user(Department.objects.all(), person).exists()


def test_a_platform_admin_holds_every_role_everywhere_the_default_agency_first(make_agency):
    make_agency(), make_agency()
    admin = UserFactory(is_superuser=True)
    every = Site.objects.order_by("pk")
    assert all(holds_role(admin, site, [Role.EXECUTIVE]) for site in every)
    listed = list(sites_with_roles(admin, [Role.EXECUTIVE]))
    assert sorted(s.pk for s in listed) == [s.pk for s in every]
    if Site.objects.filter(is_default_site=True).exists():
        assert listed[0].is_default_site
    assert set(agency_sites(admin)) == set(every)


def test_sites_are_held_to_the_persons_agencies(make_agency):
    ours, theirs = make_agency(), make_agency()
    webmaster = ours.user(Role.WEBMASTER)
    reachable = limit_to_sites(Site.objects.all(), agency_sites(webmaster))
    assert list(reachable) == [ours.site]
    assert user_may_reach(webmaster, ours.site) and not user_may_reach(webmaster, theirs.site)


def test_a_model_that_carries_no_agency_cannot_be_held_to_one(agency):
    with pytest.raises(TypeError, match="Group carries no agency"):
        limit_to_sites(Group.objects.all(), Site.objects.filter(pk=agency.site.pk))


def test_renaming_a_department_renames_its_editors_group(agency):
    department = DepartmentFactory(site=agency.site, name="กองช่าง")
    DepartmentMemberFactory(department=department)
    group = sync_department_editors(department)
    department.name = "กองช่างและผังเมือง"
    department.save()
    sync_department_editors(department)
    group.refresh_from_db()
    assert group.name.endswith(": กองช่างและผังเมือง")
    assert Group.objects.filter(pk=group.pk).count() == 1
