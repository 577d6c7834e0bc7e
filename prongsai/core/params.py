"""Numbers from a query string or a form, read without ever raising.

"²".isdigit() is True but int("²") fails, and a 30-digit number overflows the database: both
gave server errors. Anything that is not a plain ASCII number within bounds reads as `default`.
"""

import re

ASCII_NUMBER = re.compile(r"[0-9]{1,18}")


def parse_int(raw, default=None, minimum=0, maximum=10**12):
    value = (raw or "").strip() if isinstance(raw, str) else ""
    if not ASCII_NUMBER.fullmatch(value):
        return default
    number = int(value)
    return number if minimum <= number <= maximum else default


def int_param(request, name, default=None, minimum=0, maximum=10**12):
    """An integer from request.GET, or `default` when absent, junk or out of bounds."""
    return parse_int(request.GET.get(name, ""), default, minimum, maximum)


def parse_ids(values, maximum=10**12):
    """The plain ASCII numbers among `values` (e.g. request.POST.getlist("item")); junk is
    dropped, so a tampered form acts on nothing rather than failing."""
    ids = (parse_int(str(value), maximum=maximum) for value in values)
    return [number for number in ids if number is not None]


def site_param(request, sites, name="site"):
    """The agency among `sites` named by ?site= (GET, else POST), or None when absent or junk."""
    wanted = parse_int(request.GET.get(name) or request.POST.get(name))
    return sites.filter(pk=wanted).first() if wanted is not None else None
