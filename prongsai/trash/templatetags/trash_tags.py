from django import template

from prongsai.trash import access, services

register = template.Library()


@register.simple_tag(takes_context=True)
def can_move_to_trash(context, obj):
    """For the document and image edit pages: show "move to the trash" to those who may."""
    request = context.get("request")
    if request is None or obj is None or services.is_in_trash(obj):
        return False
    site = access.site_of(obj)
    if site is None:
        return request.user.is_superuser
    return access.can_manage(request.user, site)


@register.filter
def person(user, nobody="–"):
    """Who did it: full name, else username; the worker's own actions have no user."""
    if user is None:
        return nobody
    return user.get_full_name() or user.get_username()
