"""Test factories for the agency's public pages (factory_boy).

`AgencyFactory` here is the agencies one with a HomePage at the root, as every real agency has.
Every page factory takes `parent=` (a page) and publishes the page unless `live=False`:

    agency = AgencyFactory()
    section = SectionPageFactory(parent=agency.home)
    page = StandardPageFactory(parent=section, department=department)
"""

import datetime
import itertools

import factory
from factory.django import DjangoModelFactory

from prongsai.agencies import factories as agency_factories
from prongsai.site.models import (
    CitizenManualPage,
    ContactPage,
    ExecutiveDirectoryPage,
    HomePage,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    NewsIndexPage,
    NewsPage,
    OrganisationStructurePage,
    RelatedLinksPage,
    SectionPage,
    SiteMapPage,
    StandardPage,
    VisionMissionPage,
)

_slug_numbers = itertools.count(1)


class AgencyFactory(agency_factories.AgencyFactory):
    @classmethod
    def make_home(cls, title, slug):
        return HomePage(title=title, slug=slug)


class PageFactory(DjangoModelFactory):
    """Adds the page under `parent` and publishes it (a revision, as the editor would)."""

    class Meta:
        abstract = True

    parent = None
    live = True
    title = factory.Sequence(lambda n: f"หน้าทดสอบ {n}")
    # one counter for every page type: slugs are unique among siblings of any type
    slug = factory.LazyFunction(lambda: f"page-{next(_slug_numbers)}")

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **fields):
        if parent is None:
            raise TypeError(f"{cls.__name__} needs parent=<page>")
        page = parent.add_child(instance=model_class(live=False, **fields))
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        return page


class OwnedPageFactory(PageFactory):
    """Pages that name the department or source that owns their content (OwnedContent)."""

    class Meta:
        abstract = True

    department = None
    source = factory.LazyAttribute(lambda page: "" if page.department else "งานทดสอบ")


class SectionPageFactory(PageFactory):
    class Meta:
        model = SectionPage


class StandardPageFactory(OwnedPageFactory):
    class Meta:
        model = StandardPage


class VisionMissionPageFactory(OwnedPageFactory):
    class Meta:
        model = VisionMissionPage

    vision = "<p>ตำบลน่าอยู่ ประชาชนมีส่วนร่วม</p>"


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage


class NewsPageFactory(OwnedPageFactory):
    class Meta:
        model = NewsPage

    date = factory.LazyFunction(datetime.date.today)


class CitizenManualPageFactory(OwnedPageFactory):
    class Meta:
        model = CitizenManualPage

    channels = "<p>ณ สำนักงาน วันและเวลาราชการ</p>"
    steps = factory.LazyFunction(
        lambda: [{"type": "step", "value": {"step": "ยื่นคำขอ", "duration": "15 นาที"}}]
    )


class ContactPageFactory(PageFactory):
    class Meta:
        model = ContactPage


class KnowledgeIndexPageFactory(PageFactory):
    class Meta:
        model = KnowledgeIndexPage


class KnowledgeItemPageFactory(PageFactory):
    class Meta:
        model = KnowledgeItemPage

    kind = "article"
    source = "หน่วยงานทดสอบ"
    reference_date = factory.LazyFunction(datetime.date.today)


class RelatedLinksPageFactory(PageFactory):
    class Meta:
        model = RelatedLinksPage


class OrganisationStructurePageFactory(PageFactory):
    class Meta:
        model = OrganisationStructurePage


class ExecutiveDirectoryPageFactory(PageFactory):
    class Meta:
        model = ExecutiveDirectoryPage


class SiteMapPageFactory(PageFactory):
    class Meta:
        model = SiteMapPage
