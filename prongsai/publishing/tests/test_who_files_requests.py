"""Who may file publication requests (and so upload files with them), and which agency they
file to: roles that work on content, and department staff who are not executives."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Site

from prongsai.agencies.factories import DepartmentFactory, DepartmentMemberFactory, UserFactory
from prongsai.agencies.models import Role
from prongsai.publishing.access import agency_of, may_file_requests

pytestmark = pytest.mark.django_db


def test_staff_of_a_content_role_file_to_their_agency_the_executive_only_watches(agency):
    for role in (Role.REQUESTER, Role.APPROVER, Role.WEBMASTER, Role.AGENCY_ADMIN):
        person = agency.user(role)
        assert may_file_requests(person), role
        assert agency_of(person) == agency.site
    assert not may_file_requests(agency.user(Role.EXECUTIVE))


def test_a_department_member_without_a_role_files_to_the_departments_agency(agency):
    member = DepartmentMemberFactory(department=DepartmentFactory(site=agency.site)).user
    assert agency_of(member) == agency.site
    assert may_file_requests(member)


def test_a_department_member_who_is_the_executive_does_not_file(agency):
    executive = agency.user(Role.EXECUTIVE)
    DepartmentMemberFactory(department=DepartmentFactory(site=agency.site), user=executive)
    assert not may_file_requests(executive)


def test_nobody_outside_an_agency_files(agency):
    stranger = UserFactory()
    assert agency_of(stranger) is None
    assert not may_file_requests(stranger)
    assert not may_file_requests(AnonymousUser())
    assert not may_file_requests(agency.user(Role.REQUESTER, is_active=False))


def test_a_platform_admin_files_to_the_default_agency(agency):
    admin = UserFactory(is_superuser=True)
    assert may_file_requests(admin)
    default = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    assert agency_of(admin) == default
