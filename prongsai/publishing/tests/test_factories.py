"""The test factories build what they promise: a working agency beside the demo, people who
hold exactly their role there, pages a visitor can open, files that are real PDFs, and
requests whose register fields match their state."""

import pytest
from wagtail.models import Site

from prongsai.agencies.factories import DepartmentFactory, DepartmentMemberFactory
from prongsai.agencies.models import Role
from prongsai.agencies.roles import holds_role, sites_with_roles
from prongsai.disclosures.factories import (
    DisclosureIndexPageFactory,
    DisclosurePageFactory,
    DocumentFactory,
)
from prongsai.publishing.factories import PublicationRequestFactory
from prongsai.publishing.models import RequestStatus
from prongsai.site import factories as site_factories

pytestmark = pytest.mark.django_db


def test_an_agency_is_served_on_its_own_host_with_its_name(client, make_agency):
    agency = make_agency(name="เทศบาลตำบลโรงงาน")
    response = client.get("/", HTTP_HOST=agency.site.hostname)
    assert response.status_code == 200
    assert "เทศบาลตำบลโรงงาน" in response.content.decode()
    assert Site.find_for_request(response.wsgi_request) == agency.site


def test_each_person_holds_their_role_in_their_agency_only():
    agency, other = site_factories.AgencyFactory(), site_factories.AgencyFactory()
    for role in Role:
        person = agency.user(role)
        assert holds_role(person, agency.site, [role])
        assert not holds_role(person, other.site, list(Role))
        assert list(sites_with_roles(person, [role])) == [agency.site]


def test_every_page_type_opens_for_a_visitor(client, agency):
    section = site_factories.SectionPageFactory(parent=agency.home)
    news = site_factories.NewsIndexPageFactory(parent=agency.home)
    knowledge = site_factories.KnowledgeIndexPageFactory(parent=agency.home)
    index = DisclosureIndexPageFactory(parent=agency.home)
    pages = [
        section,
        site_factories.StandardPageFactory(parent=section),
        site_factories.VisionMissionPageFactory(parent=section),
        site_factories.CitizenManualPageFactory(parent=section),
        site_factories.ContactPageFactory(parent=section),
        site_factories.RelatedLinksPageFactory(parent=section),
        site_factories.OrganisationStructurePageFactory(parent=section),
        site_factories.ExecutiveDirectoryPageFactory(parent=section),
        site_factories.SiteMapPageFactory(parent=section),
        news,
        site_factories.NewsPageFactory(parent=news),
        knowledge,
        site_factories.KnowledgeItemPageFactory(parent=knowledge),
        index,
        DisclosurePageFactory(parent=index),
    ]
    for page in pages:
        response = client.get(page.url, HTTP_HOST=agency.site.hostname)
        assert response.status_code == 200, (type(page).__name__, page.url)
        assert page.title in response.content.decode()


def test_a_draft_page_is_not_public(client, agency):
    page = site_factories.StandardPageFactory(parent=agency.home, live=False)
    url = agency.home.url + page.slug + "/"
    assert client.get(url, HTTP_HOST=agency.site.hostname).status_code == 404


def test_a_disclosure_carries_a_real_pdf_in_the_agencys_collection():
    agency = site_factories.AgencyFactory()
    department = DepartmentFactory(site=agency.site)
    item = DisclosurePageFactory(
        parent=DisclosureIndexPageFactory(parent=agency.home), department=department
    )
    (document,) = item.attached_documents()
    assert document.collection == agency.collection
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert document.file_size > 0
    bare = DisclosurePageFactory(parent=item.get_parent(), files=[])
    assert bare.attached_documents() == []
    assert DocumentFactory(collection=agency.collection).collection == agency.collection


def test_a_department_member_belongs_to_that_department():
    agency = site_factories.AgencyFactory()
    member = DepartmentMemberFactory(department=DepartmentFactory(site=agency.site))
    assert member.user.department_memberships.get().department.site == agency.site


@pytest.mark.parametrize(
    "trait, status, decided, due, published",
    [
        (None, RequestStatus.SUBMITTED, False, False, False),
        ("returned", RequestStatus.RETURNED, True, False, False),
        ("approved", RequestStatus.APPROVED, True, True, False),
        ("scheduled", RequestStatus.SCHEDULED, True, True, False),
        ("published", RequestStatus.PUBLISHED, True, True, True),
        ("withdrawn", RequestStatus.WITHDRAWN, False, False, False),
    ],
)
def test_a_request_in_each_state_has_the_fields_of_that_state(
    trait, status, decided, due, published
):
    agency = site_factories.AgencyFactory()
    request = PublicationRequestFactory(site=agency.site, **({trait: True} if trait else {}))
    request.refresh_from_db()
    assert request.status == status
    assert request.reference == f"1/{request.fiscal_year}"
    assert (request.decided_at is not None, request.decided_by_name != "") == (decided, decided)
    assert (request.publish_due is not None) == due
    assert (request.published_at is not None, request.published_by_id is not None) == (
        published,
        published,
    )
    if published:
        assert request.published_within_target
