"""The public search page: /search/?q=… on every agency site."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page, Site

from prongsai.agencies.models import Department
from prongsai.core.html import highlight
from prongsai.core.params import parse_int
from prongsai.search import query as thai_query
from prongsai.search.models import SearchEntry
from prongsai.search.text import normalize, query_terms

PER_PAGE = 10
SNIPPET_CHARS = 220

KIND_LABELS = [
    ("news", "ข่าวประชาสัมพันธ์"),
    ("disclosure", "รายการเผยแพร่และเอกสาร"),
    ("service", "คู่มือสำหรับประชาชน"),
    ("knowledge", "คลังความรู้"),
    ("page", "หน้าเว็บไซต์"),
]


def _int(value):
    return parse_int(value)


def public_entries(site):
    return SearchEntry.objects.filter(public=True, path__startswith=site.root_page.path)


def apply_filters(entries, filters):
    if filters["kind"]:
        entries = entries.filter(kind=filters["kind"])
    if filters["section"]:
        entries = entries.filter(section_id=filters["section"])
    if filters["department"]:
        entries = entries.filter(department_id=filters["department"])
    if filters["year"]:
        entries = entries.filter(fiscal_year=filters["year"])
    return entries


def snippet(body, terms, length=SNIPPET_CHARS):
    lowered = body.lower()
    positions = [lowered.find(t) for t in terms if lowered.find(t) >= 0]
    if not positions:
        return highlight(body[:length], terms) + ("…" if len(body) > length else "")
    start = max(0, min(positions) - length // 3)
    piece = body[start : start + length]
    return (
        ("…" if start else "")
        + highlight(piece, terms)
        + ("…" if start + length < len(body) else "")
    )


def matching_files(page, terms):
    """The attached files whose text (or title) contains every term."""
    files = []
    for document in getattr(page, "attached_documents", lambda: [])():
        text = normalize(f"{document.title} {getattr(document, 'text', '') or ''}").lower()
        if all(term in text for term in terms):
            files.append(document)
    return files


def search(request):
    site = Site.find_for_request(request)
    raw_query = request.GET.get("q", "")
    terms = query_terms(raw_query)
    filters = {
        "kind": request.GET.get("type", "") if request.GET.get("type") in dict(KIND_LABELS) else "",
        "section": _int(request.GET.get("section")),
        "department": _int(request.GET.get("department")),
        "year": _int(request.GET.get("year")),
    }
    entries = apply_filters(public_entries(site), filters) if site else SearchEntry.objects.none()
    hits, total, capped = [], 0, False
    if terms:
        result = thai_query.search(entries, terms)
        hits, total, capped = result.hits, result.total, result.capped
    page_number = request.GET.get("page", 1)
    paginator = Paginator(hits, PER_PAGE)
    results_page = paginator.get_page(page_number)
    pages = Page.objects.filter(pk__in=[int(h.entry.object_id) for h in results_page]).specific()
    by_id = {str(p.pk): p for p in pages}
    results = []
    for hit in results_page:
        page = by_id.get(hit.entry.object_id)
        if page is None:
            continue
        results.append(
            {
                "page": page,
                "entry": hit.entry,
                "title": highlight(page.title, terms),
                "snippet": snippet(hit.entry.body, terms),
                "files": matching_files(page, terms),
                "kind": dict(KIND_LABELS).get(hit.entry.kind, ""),
            }
        )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "query": raw_query.strip()[:200],
        "terms": terms,
        "results": results,
        "results_page": results_page,
        "total": min(total, thai_query.COUNT_CAP),
        "capped": capped,
        "filters": filters,
        "kinds": KIND_LABELS,
        "sections": site.root_page.get_children().live().public().in_menu() if site else [],
        "departments": Department.objects.filter(site=site) if site else [],
        "years": sorted(
            {y for y in public_entries(site).values_list("fiscal_year", flat=True) if y},
            reverse=True,
        )
        if site
        else [],
        "filter_query": query_without_page.urlencode(),
        "page": None,
    }
    return render(request, "search/search.html", context)
