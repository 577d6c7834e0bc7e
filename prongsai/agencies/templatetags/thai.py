from django import template

from prongsai.agencies import thaidates

register = template.Library()


def _agency_uses_thai_digits(context):
    agency = context.get("agency")
    return bool(agency and agency.uses_thai_digits)


@register.simple_tag(takes_context=True)
def thai_date(context, value, style="short"):
    """{% thai_date page.date %} → '21 พ.ย. 2569' (Thai digits if the agency says so)."""
    return thaidates.thai_date(value, style, thai_digits=_agency_uses_thai_digits(context))


@register.simple_tag(takes_context=True)
def digits(context, value):
    """Numbers in the agency's numerals."""
    text = str(value)
    return thaidates.to_thai_digits(text) if _agency_uses_thai_digits(context) else text


@register.filter
def fiscal_year(value):
    return thaidates.fiscal_year_of(value).be if value else ""
