"""Test factories for agencies, departments and people in each role (factory_boy).

An agency here is a Site with its root page, AgencySettings, its own collection and the five
role groups, built the way the demo loader and a new install build one. The root page is a
plain Wagtail page: the agencies app sits below the page types (prongsai.site.factories makes
agencies whose root is a HomePage).
"""

from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site

from prongsai.agencies.models import AgencySettings, Department, DepartmentMember, Role
from prongsai.agencies.roles import ensure_agency_roles

PASSWORD = "factory-pass-12345"


@dataclass
class Agency:
    site: Site
    home: Page
    settings: AgencySettings
    collection: Collection
    groups: dict

    def user(self, role, **fields):
        """A new person holding `role` (a Role) in this agency."""
        return UserFactory(groups=[self.groups[role]], **fields)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    first_name = factory.Sequence(lambda n: f"สมชาย{n}")
    last_name = "ใจดี"
    email = factory.LazyAttribute(lambda user: f"{user.username}@agency.example")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class AgencyFactory(factory.Factory):
    """`AgencyFactory()` builds one agency; `AgencyFactory(name="เทศบาลตำบลทดสอบ")`."""

    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"หน่วยงานทดสอบ {n}")
    short_name = factory.LazyAttribute(lambda agency: agency.name[:20])
    hostname = factory.Sequence(lambda n: f"agency-{n}.example")
    slug = factory.Sequence(lambda n: f"agency-{n}")

    @classmethod
    def make_home(cls, title, slug):
        return Page(title=title, slug=slug)

    @classmethod
    def _create(cls, model_class, name, short_name, hostname, slug):
        home = Page.get_first_root_node().add_child(instance=cls.make_home("หน้าแรก", slug))
        home.save_revision().publish()
        site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=name)
        settings = AgencySettings.for_site(site)
        settings.name_th = name
        settings.short_name = short_name
        settings.save()
        collection = Collection.get_first_root_node().add_child(name=name)
        groups = ensure_agency_roles(site, collection, short_name)
        return model_class(
            site=site, home=home, settings=settings, collection=collection, groups=groups
        )

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("an agency lives in the database: use AgencyFactory()")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    site = None  # required: DepartmentFactory(site=agency.site)
    name = factory.Sequence(lambda n: f"กองทดสอบ {n}")


class DepartmentMemberFactory(DjangoModelFactory):
    class Meta:
        model = DepartmentMember

    department = factory.SubFactory(DepartmentFactory)
    user = factory.SubFactory(UserFactory)
    position = "นักวิชาการ"


def people_in_every_role(agency):
    """One person per role of the agency: {Role: user}."""
    return {role: agency.user(role, username=f"{agency.site.pk}-{role}") for role in Role}


class People(dict):
    """People of an agency by role, each made on first use:
    `people = People(agency)`, `people["webmaster"]`; `people["admin"]` is a platform admin."""

    def __init__(self, agency):
        super().__init__()
        self.agency = agency

    def __missing__(self, key):
        if key == "admin":
            person = UserFactory(is_superuser=True, is_staff=True)
        else:
            person = self.agency.user(Role(key))
        self[key] = person
        return person
