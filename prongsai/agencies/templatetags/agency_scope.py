"""Template tags that hold a form Wagtail builds in its own views to the user's agencies."""

from django import template

from prongsai.agencies.redirects import hold_site_choice_to_agencies

register = template.Library()


@register.simple_tag(takes_context=True)
def hold_import_site_to_agencies(context, form):
    """Wagtail's redirect import confirmation builds its form without the user; its site
    choice is limited here, before it is drawn (the import itself is refused elsewhere)."""
    hold_site_choice_to_agencies(form.fields["site"], context["request"].user)
    return ""
