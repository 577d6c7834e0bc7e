"""Filtering by fiscal year and paginating: one mechanism for every listing page."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from prongsai.agencies.thaidates import FiscalYear
from prongsai.core.params import int_param

PER_PAGE = 12


def paginate(request, queryset, per_page=PER_PAGE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def selected_int(request, name):
    """An integer filter from the query string, or None when absent or not a number."""
    return int_param(request, name)


def fiscal_year_options(queryset, field="fiscal_year"):
    years = queryset.order_by(f"-{field}").values_list(field, flat=True).distinct()
    return [FiscalYear(be) for be in years if be]


def query_without_page(request):
    """The current filters as a query string, to keep them on pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
