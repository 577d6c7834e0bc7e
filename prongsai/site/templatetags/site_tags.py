from django import template
from django.core.cache import cache
from django.db.models import Max, Q
from wagtail.models import Page, Site

register = template.Library()

MENU_CACHE_SECONDS = 60


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


def menu_tree(site):
    """Top-level menu pages of the site and their menu children, two levels deep."""
    top = list(site.root_page.get_children().live().public().in_menu().specific())
    children = {}
    if top:
        below_top = Q()
        for page in top:
            below_top |= Q(path__startswith=page.path)
        candidates = (
            Page.objects.live().public().in_menu().filter(below_top, depth=top[0].depth + 1)
        )
        for page in candidates.order_by("path"):
            children.setdefault(page.path[: -Page.steplen], []).append(page)
    return [(page, children.get(page.path, [])) for page in top]


@register.inclusion_tag("site/includes/main_menu.html", takes_context=True)
def main_menu(context):
    site = _site(context)
    current = context.get("page")
    tree = []
    if site is not None:
        key = f"prongsai:menu:{site.pk}"
        tree = cache.get(key)
        if tree is None:
            tree = [
                (
                    {"title": p.title, "url": p.get_url(), "path": p.path},
                    [{"title": c.title, "url": c.get_url()} for c in kids],
                )
                for p, kids in menu_tree(site)
            ]
            cache.set(key, tree, MENU_CACHE_SECONDS)
    current_path = getattr(current, "path", "")
    return {
        "tree": tree,
        "current_path": current_path,
        "home_url": site.root_page.get_url() if site else "/",
    }


@register.simple_tag(takes_context=True)
def site_last_updated(context):
    """When any page of the site was last published (shown in the footer)."""
    site = _site(context)
    if site is None:
        return None
    key = f"prongsai:last-updated:{site.pk}"
    value = cache.get(key)
    if value is None:
        value = (
            site.root_page.get_descendants(inclusive=True)
            .live()
            .aggregate(latest=Max("last_published_at"))["latest"]
        )
        cache.set(key, value, MENU_CACHE_SECONDS)
    return value


@register.simple_tag(takes_context=True)
def site_page(context, page_type):
    """The first live page of a given type on this site, e.g. the HTML site map."""
    from django.apps import apps

    site = _site(context)
    if site is None:
        return None
    model = apps.get_model(*page_type.split("."))
    return (
        model.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .first()
    )


@register.filter
def starts_with_path(current_path, menu_path):
    return bool(current_path) and current_path.startswith(menu_path)
