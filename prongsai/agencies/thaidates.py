"""Thai dates (Buddhist Era, Thai or Arabic numerals) and fiscal years.

A fiscal year (ปีงบประมาณ) runs 1 October – 30 September and is named by the B.E. year in which
it ends: FY2569 = 2025-10-01 … 2026-09-30. Its first half is 1 October – 31 March.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from pythainlp.util import arabic_digit_to_thai_digit, thai_strftime

BE_OFFSET = 543

FORMATS = {
    "short": "%-d %b %Y",  # 21 พ.ย. 2569
    "long": "%-d %B %Y",  # 21 พฤศจิกายน 2569
    "month": "%B %Y",  # พฤศจิกายน 2569
    "short_time": "%-d %b %Y %H:%M น.",
}


def to_local_date(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value
    return value


def thai_date(value, style="short", thai_digits=False):
    """'21 พ.ย. 2569' (or with Thai digits '๒๑ พ.ย. ๒๕๖๙'); '' for no date."""
    if not value:
        return ""
    value = to_local_date(value)
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    text = thai_strftime(value, FORMATS.get(style, style))
    return to_thai_digits(text) if thai_digits else text


def to_thai_digits(text):
    return arabic_digit_to_thai_digit(str(text))


def be_year(ce_year):
    return ce_year + BE_OFFSET


def ce_year(be):
    return be - BE_OFFSET


@dataclass(frozen=True)
class FiscalYear:
    be: int

    @property
    def start(self):
        return datetime.date(ce_year(self.be) - 1, 10, 1)

    @property
    def end(self):
        return datetime.date(ce_year(self.be), 9, 30)

    @property
    def first_half(self):
        """1 October – 31 March: the period of the '6-month' reports."""
        return (self.start, datetime.date(ce_year(self.be), 3, 31))

    @property
    def second_half(self):
        return (datetime.date(ce_year(self.be), 4, 1), self.end)

    def __contains__(self, day):
        day = as_date(day)
        return self.start <= day <= self.end

    def previous(self):
        return FiscalYear(self.be - 1)

    def next(self):
        return FiscalYear(self.be + 1)

    def __str__(self):
        return f"ปีงบประมาณ พ.ศ. {self.be}"


def as_date(value):
    value = to_local_date(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def fiscal_year_of(day):
    """The fiscal year (B.E.) a date falls in: October starts the next year's budget."""
    day = as_date(day)
    return FiscalYear(be_year(day.year + 1 if day.month >= 10 else day.year))


def current_fiscal_year():
    return fiscal_year_of(timezone.localdate())


def fiscal_years_between(first_be, last_be):
    return [FiscalYear(be) for be in range(first_be, last_be + 1)]
