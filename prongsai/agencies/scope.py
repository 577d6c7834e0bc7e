"""Which agencies (Wagtail Sites) a user may act in and see, and how to hold a queryset or an
object to them. The one rule every app applies instead of writing its own filter.

An object carries its agency in one of three ways: a ``site`` foreign key (departments,
redirects, settings, checklists ...), its place in the page tree (a page lies under its site's
root page) or its collection (documents and images, see ``collections.py``). Platform admins
(superusers) reach every agency; everyone else reaches the agencies they hold a role in.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page, Site

from prongsai.agencies.models import AgencyRole


def agency_sites(user):
    """The agencies the user may act in and see (every agency for platform admins)."""
    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(pk__in=AgencyRole.objects.filter(group__user=user).values("site"))


def agency_users(sites):
    """The accounts that hold a role in one of `sites`."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__agency_role__site__in=sites).distinct()


def pages_q(sites, prefix=""):
    """A Q matching pages under the root page of one of `sites` (`prefix` for a relation,
    e.g. "page__")."""
    paths = Page.objects.filter(sites_rooted_here__in=sites).values_list("path", flat=True)
    conditions = [Q(**{f"{prefix}path__startswith": path}) for path in paths]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def _collections_of(sites):
    from prongsai.agencies.collections import agency_collections

    collection_ids = set()
    for site in sites:
        top = agency_collections(site)
        if top.count() and not top.first().is_root():
            collection_ids.update(top.values_list("pk", flat=True))
    return collection_ids


def _has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def limit_to_sites(queryset, sites):
    """The rows of `queryset` that belong to one of `sites`."""
    model = queryset.model
    if issubclass(model, Site):
        return queryset.filter(pk__in=sites.values("pk"))
    if issubclass(model, Page):
        return queryset.filter(pages_q(sites))
    if _has_field(model, "site"):
        return queryset.filter(site__in=sites)
    if _has_field(model, "collection"):
        return queryset.filter(collection__in=_collections_of(sites))
    raise TypeError(f"{model.__name__} carries no agency")


def limit_to_user(queryset, user):
    """The rows of `queryset` in the agencies the user may act in (all for platform admins)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return queryset
    return limit_to_sites(queryset, agency_sites(user))


def own_pages(pages, user):
    """`pages` held to the user's agencies in a form the search backend also accepts
    (a primary-key subquery rather than a path condition)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return pages
    reachable = Page.objects.filter(pages_q(agency_sites(user))).values_list("pk", flat=True)
    return pages.filter(pk__in=reachable)


def user_may_reach(user, obj):
    """Whether `obj` lies in one of the user's agencies (objects of no agency: platform
    admins only)."""
    model = type(obj)
    return limit_to_user(model._default_manager.filter(pk=obj.pk), user).exists()
