"""Template filters over prongsai.core.html (the one place typed text becomes HTML)."""

from django import template

from prongsai.core.html import sanitise_html

register = template.Library()


@register.filter
def sanitised(markup):
    """HTML reduced to what rich text may hold: ``{{ html|sanitised }}``."""
    return sanitise_html(markup)
