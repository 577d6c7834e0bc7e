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
