"""What the index records about each object besides its text: where it lives on which site,
whether the public may see it, and the facets the public search filters on."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from prongsai.agencies.thaidates import fiscal_year_of

SECTION_DEPTH = 3  # root (1) → agency home (2) → menu section (3)

KINDS = {
    "newspage": "news",
    "disclosurepage": "disclosure",
    "knowledgeitempage": "knowledge",
    "citizenmanualpage": "service",
}


def page_attributes(page):
    specific = page.specific
    date = _page_date(specific)
    fiscal_year = getattr(specific, "fiscal_year", None) or (
        fiscal_year_of(date).be if date else None
    )
    return {
        "path": page.path,
        "public": bool(page.live and not page.get_view_restrictions().exists()),
        "kind": KINDS.get(page.specific_class._meta.model_name, "page"),
        "section_id": _section_id(page),
        "department_id": getattr(specific, "department_id", None),
        "fiscal_year": fiscal_year,
        "date": date,
    }


def document_attributes(document):
    created = document.created_at
    return {
        "path": "",
        "public": False,  # documents reach the public through the pages that carry them
        "kind": "document",
        "section_id": None,
        "department_id": getattr(document, "department_id", None),
        "fiscal_year": fiscal_year_of(created).be if created else None,
        "date": timezone.localtime(created).date() if created else None,
    }


def attributes_for(obj):
    if isinstance(obj, Page):
        return page_attributes(obj)
    if obj._meta.model_name.endswith("document"):
        return document_attributes(obj)
    return {"path": "", "public": False, "kind": obj._meta.model_name}


def _page_date(page):
    for name in ("date", "publish_date", "reference_date"):
        value = getattr(page, name, None)
        if isinstance(value, datetime.date):
            return value
    stamp = page.last_published_at or page.first_published_at or page.latest_revision_created_at
    return timezone.localtime(stamp).date() if stamp else None


def _section_id(page):
    if page.depth < SECTION_DEPTH:
        return None
    if page.depth == SECTION_DEPTH:
        return page.pk
    section_path = page.path[: Page.steplen * SECTION_DEPTH]
    return Page.objects.filter(path=section_path).values_list("pk", flat=True).first()
