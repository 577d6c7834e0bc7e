from django import template

from prongsai.core.sizes import human_size

register = template.Library()


@register.filter
def filesize(num_bytes):
    return human_size(num_bytes)
