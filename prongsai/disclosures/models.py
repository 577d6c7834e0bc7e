from prongsai.disclosures.documents import AgencyDocument  # noqa: F401
from prongsai.disclosures.pages import (  # noqa: F401
    DisclosureIndexPage,
    DisclosurePage,
    InformationCentrePage,
)
