"""What the public ITA page shows: one fiscal year's checklist, grouped, with evidence links
for the entries marked ready or submitted."""

from prongsai.compliance.models import as_corrected_by, group_label
from prongsai.core.params import parse_int


def grouped_entries(checklist, request=None, public=True):
    groups = []
    index = {}
    entries = (
        checklist.entries.select_related("item")
        .prefetch_related("evidence__page", "evidence__document")
        .order_by("item__sort_order", "pk")
    )
    for entry in as_corrected_by(checklist.site, entries):
        links = []
        if entry.is_done or not public:
            for ev in entry.evidence.all():
                if ev.page_id and ev.page:
                    if public and not ev.page.live:
                        continue
                    url = ev.page.get_url(request)
                elif ev.document_id and ev.document:
                    url = ev.document.url
                else:
                    url = ev.url
                if url:
                    links.append({"label": ev.display_label, "url": url})
        key = entry.item.group
        if key not in index:
            index[key] = {"name": group_label(key), "entries": []}
            groups.append(index[key])
        index[key]["entries"].append({"entry": entry, "item": entry.item, "links": links})
    return groups


def ita_context(page, request):
    checklists = list(page.checklists())
    years = sorted({c.fiscal_year for c in checklists}, reverse=True)
    selected = None
    year = parse_int(request.GET.get("year", "")) if request else None
    if year is not None:
        selected = next((c for c in checklists if c.fiscal_year == year), None)
    if selected is None and checklists and year is None:
        selected = checklists[0]
    return {
        "checklist": selected,
        "years": years,
        "selected_year": selected.fiscal_year if selected else year,
        "groups": grouped_entries(selected, request) if selected else [],
    }
