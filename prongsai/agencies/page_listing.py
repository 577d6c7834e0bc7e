"""Wagtail's page listing (the explorer) and its reports offer filters by site, owner, editor,
locker, requester and user whose choices came from every agency: here they name only the
user's agencies and the people holding a role in them (`hold_filters_to_agencies`, also used
by agencies/reports.py). The base page viewset is Wagtail's own with this filter set; it takes
Wagtail's place for the Page model (registered after it, see wagtail_hooks)."""

from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet

from prongsai.agencies.scope import agency_sites, agency_users

SITE_FILTERS = ("site",)
USER_FILTERS = ("owner", "edited_by", "user", "requested_by", "locked_by")


def hold_filters_to_agencies(filterset):
    """A Wagtail filter set's site and user choices, held to the user's agencies."""
    request = filterset.request
    user = request.user if request is not None else None
    if user is None or user.is_superuser:
        return
    sites = agency_sites(user)
    for name in SITE_FILTERS:
        if name in filterset.filters:
            filterset.filters[name].queryset = sites
    people = agency_users(sites).values("pk")
    for name in USER_FILTERS:
        if name in filterset.filters:
            user_filter = filterset.filters[name]
            choices = user_filter.get_queryset(request)
            if choices is None:  # Wagtail's history filters put theirs here
                choices = user_filter.extra["queryset"]
            user_filter.queryset = choices.filter(pk__in=people)


class AgencyPageFilterSet(GenericPageFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hold_filters_to_agencies(self)


class AgencyPageViewSet(PageViewSet):
    filterset_class = AgencyPageFilterSet
