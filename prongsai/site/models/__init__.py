"""One module per page type family; imported here so Django finds the models."""

from prongsai.site.models.base import AgencyPage, OwnedContent  # noqa: F401
from prongsai.site.models.contact import ContactPage, ContactPerson  # noqa: F401
from prongsai.site.models.home import HomePage  # noqa: F401
from prongsai.site.models.knowledge import (  # noqa: F401
    KnowledgeIndexPage,
    KnowledgeItemPage,
    KnowledgeKind,
)
from prongsai.site.models.links import RelatedLink, RelatedLinksPage  # noqa: F401
from prongsai.site.models.news import (  # noqa: F401
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
)
from prongsai.site.models.organisation import (  # noqa: F401
    Executive,
    ExecutiveDirectoryPage,
    OrganisationStructurePage,
)
from prongsai.site.models.services import CitizenManualPage  # noqa: F401
from prongsai.site.models.sitemap import SiteMapPage  # noqa: F401
from prongsai.site.models.standard import SectionPage, StandardPage, VisionMissionPage  # noqa: F401
