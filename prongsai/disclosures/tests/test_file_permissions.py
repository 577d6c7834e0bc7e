"""Who may change which file (disclosures.permissions): a requester changes only their own
file of their own department while no live page links it; a disabled account changes nothing."""

import pytest
from wagtail.documents import get_document_model

from prongsai.agencies.factories import DepartmentFactory, DepartmentMemberFactory
from prongsai.agencies.models import Role
from prongsai.disclosures.factories import DocumentFactory
from prongsai.disclosures.permissions import AgencyFilePermissionPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    return AgencyFilePermissionPolicy(get_document_model(), auth_model="wagtaildocs.Document")


@pytest.fixture
def requester(agency):
    person = agency.user(Role.REQUESTER)
    DepartmentMemberFactory(department=DepartmentFactory(site=agency.site), user=person)
    return person


def test_a_requester_cannot_change_their_upload_filed_under_another_department(
    agency, policy, requester
):
    own = requester.department_memberships.get().department
    mine = DocumentFactory(collection=agency.collection, uploaded_by_user=requester, department=own)
    elsewhere = DocumentFactory(
        collection=agency.collection,
        uploaded_by_user=requester,
        department=DepartmentFactory(site=agency.site),
    )
    assert policy.user_has_permission_for_instance(requester, "change", mine)
    assert not policy.user_has_permission_for_instance(requester, "change", elsewhere)
    changeable = policy.instances_user_has_permission_for(requester, "change")
    assert mine in changeable and elsewhere not in changeable


def test_another_agencys_requester_may_not_even_choose_the_file(agency, make_agency, policy):
    document = DocumentFactory(collection=agency.collection)
    foreign = make_agency().user(Role.REQUESTER)
    assert not policy.user_has_permission_for_instance(foreign, "choose", document)
    assert document not in policy.instances_user_has_permission_for(foreign, "change")


def test_a_disabled_webmaster_changes_no_file(agency, policy):
    document = DocumentFactory(collection=agency.collection)
    webmaster = agency.user(Role.WEBMASTER)
    assert document in policy.instances_user_has_permission_for(webmaster, "change")
    disabled = agency.user(Role.WEBMASTER, is_active=False)
    assert not policy.instances_user_has_permission_for(disabled, "change").exists()
